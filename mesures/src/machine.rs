//! La machine de la mesure : processeur, cœurs, mémoire, système, versions de Rust et Python.

use crate::resultats::Machine;
use std::path::Path;
use std::process::Command;

/// Ce que l'on sait de la machine ; `python` est l'interpréteur mesuré.
pub fn decrire(python: &Path) -> Machine {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let processeur = cpuinfo
        .lines()
        .find_map(|ligne| ligne.strip_prefix("model name"))
        .and_then(|reste| reste.split_once(':'))
        .map_or("inconnu", |(_, nom)| nom.trim())
        .to_string();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memoire_kio: f64 = meminfo
        .lines()
        .find_map(|ligne| ligne.strip_prefix("MemTotal:"))
        .and_then(|reste| reste.split_whitespace().next())
        .and_then(|nombre| nombre.parse().ok())
        .unwrap_or(0.0);
    let os_release = std::fs::read_to_string("/etc/os-release").unwrap_or_default();
    let distribution = os_release
        .lines()
        .find_map(|ligne| ligne.strip_prefix("PRETTY_NAME="))
        .map_or("Linux", |nom| nom.trim_matches('"'))
        .to_string();
    let noyau = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    Machine {
        processeur,
        coeurs: std::thread::available_parallelism().map_or(0, |n| n.get() as u32),
        memoire_gio: (memoire_kio / 1024.0 / 1024.0 * 10.0).round() / 10.0,
        systeme: format!("{distribution}, noyau Linux {}", noyau.trim()),
        rustc: version(Command::new("rustc").arg("--version")),
        python: version(Command::new(python).arg("--version")),
    }
}

fn version(commande: &mut Command) -> String {
    commande
        .output()
        .ok()
        .map(|sortie| {
            let texte = [sortie.stdout, sortie.stderr].concat();
            String::from_utf8_lossy(&texte).trim().to_string()
        })
        .filter(|texte| !texte.is_empty())
        .unwrap_or_else(|| "inconnue".to_string())
}
