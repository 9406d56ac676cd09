//! Les processus enfants de la mesure, lus dans `/proc` : le pic de mémoire d'une fonction
//! lancée par l'API Runtime de la passerelle, qui ne donne pas son numéro.

use std::time::{Duration, Instant};

/// Les processus enfants de ce processus (tous ses fils d'exécution), par
/// `/proc/self/task/*/children`.
pub fn enfants() -> Vec<u32> {
    let mut pids = Vec::new();
    for tache in std::fs::read_dir("/proc/self/task")
        .into_iter()
        .flatten()
        .flatten()
    {
        let texte = std::fs::read_to_string(tache.path().join("children")).unwrap_or_default();
        pids.extend(
            texte
                .split_whitespace()
                .filter_map(|p| p.parse::<u32>().ok()),
        );
    }
    pids.sort_unstable();
    pids.dedup();
    pids
}

/// La ligne de commande d'un processus, arguments séparés par des espaces.
pub fn ligne_de_commande(pid: u32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|octets| String::from_utf8_lossy(&octets).replace('\0', " "))
        .unwrap_or_default()
}

/// L'enfant dont la ligne de commande contient `motif`.
pub fn enfant_qui_contient(motif: &str) -> Option<u32> {
    enfants()
        .into_iter()
        .find(|&pid| ligne_de_commande(pid).contains(motif))
}

/// Le pic de mémoire résidente (`VmHWM`) d'un processus vivant, en Kio.
pub fn memoire_max_kio(pid: u32) -> Option<u64> {
    let statut = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    statut
        .lines()
        .find_map(|ligne| ligne.strip_prefix("VmHWM:"))
        .and_then(|reste| reste.split_whitespace().next())
        .and_then(|kio| kio.parse().ok())
}

/// Attend (au plus `delai`) que le processus `pid` ait disparu.
pub fn attendre_la_fin(pid: u32, delai: Duration) -> bool {
    let debut = Instant::now();
    while debut.elapsed() < delai {
        let etat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // Un processus zombie (`Z`) est fini ; son parent ne l'a pas encore ramassé.
        let zombie = etat
            .rsplit_once(')')
            .is_some_and(|(_, reste)| reste.trim_start().starts_with('Z'));
        if etat.is_empty() || zombie {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}
