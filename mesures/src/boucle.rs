//! La boucle de l'étudiant : ce qu'il attend entre un enregistrement et le verdict des tests.
//! Les commandes sont les siennes (`cargo test -p lab-…`), avec la configuration du dépôt
//! (`.cargo/config.toml` : un test à la fois).

use crate::resultats::{Boucle, BoucleAtelier};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// `cargo <arguments>` depuis `racine`, comme l'étudiant le tape : la variable
/// `RUST_TEST_THREADS` de la commande qui nous a lancés est retirée, pour que celle du dépôt
/// s'applique.
pub fn cargo(racine: &Path, arguments: &[&str]) -> Command {
    let mut commande = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    commande
        .args(arguments)
        .current_dir(racine)
        .env_remove("RUST_TEST_THREADS");
    commande
}

/// Lance `commande`, renvoie sa durée en secondes et le nombre de crates que cargo a
/// compilées (ses lignes `Compiling …`). Un échec des tests est normal (les énoncés en ont) ;
/// seule une commande qui ne démarre pas est une erreur.
pub fn chronometrer(mut commande: Command) -> Result<(f64, u32), String> {
    let debut = Instant::now();
    let sortie = commande
        .output()
        .map_err(|e| format!("{:?} ne démarre pas ({e})", commande.get_program()))?;
    let duree = debut.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&sortie.stderr);
    let compilees = stderr
        .lines()
        .filter(|ligne| ligne.trim_start().starts_with("Compiling "))
        .count() as u32;
    if stderr.contains("could not compile") {
        return Err(format!(
            "{:?} : la compilation a échoué\n{stderr}",
            commande.get_args().collect::<Vec<_>>()
        ));
    }
    Ok((duree, compilees))
}

/// Les ateliers (`labs/NN-…`), dans l'ordre.
pub fn ateliers(racine: &Path) -> Vec<String> {
    let mut dossiers: Vec<String> = std::fs::read_dir(racine.join("labs"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("Cargo.toml").is_file())
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    dossiers.sort();
    dossiers
}

/// Le premier `cargo test -p lab-03-integration-proxy` (l'espace de travail déjà construit),
/// puis `essais` fois, pour chaque atelier : `touch src/lib.rs` et `cargo test -p lab-NN-…`.
pub fn mesurer(racine: &Path, essais: usize, suivre: impl Fn(&str)) -> Result<Boucle, String> {
    let (premier_test_s, premier_test_crates) =
        chronometrer(cargo(racine, &["test", "-p", "lab-03-integration-proxy"]))?;
    let mut resultats = Vec::new();
    for dossier in ateliers(racine) {
        let paquet = format!("lab-{dossier}");
        suivre(&paquet);
        let lib = racine.join("labs").join(&dossier).join("src/lib.rs");
        let mut durees_s = Vec::with_capacity(essais);
        let mut crates_compilees = Vec::with_capacity(essais);
        for _ in 0..essais {
            toucher(&lib)?;
            let (duree, crates) = chronometrer(cargo(racine, &["test", "-p", &paquet]))?;
            durees_s.push(duree);
            crates_compilees.push(crates);
        }
        resultats.push(BoucleAtelier {
            paquet,
            durees_s,
            crates_compilees,
        });
    }
    Ok(Boucle {
        premier_test_s,
        premier_test_crates,
        ateliers: resultats,
    })
}

/// Ce que fait un enregistrement pour cargo : la date de modification change.
fn toucher(fichier: &Path) -> Result<(), String> {
    std::fs::File::options()
        .append(true)
        .open(fichier)
        .and_then(|f| f.set_modified(std::time::SystemTime::now()))
        .map_err(|e| format!("touch {} ({e})", fichier.display()))
}
