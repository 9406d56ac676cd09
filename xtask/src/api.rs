//! `cargo xtask api` : la passerelle locale (`passerelle/`) devant les deux fonctions de
//! `template.yaml`. xtask reste léger : il construit les binaires avec cargo, puis lance celui
//! de la passerelle, qui porte hyper, la lecture du gabarit et l'API Runtime de Lambda.

use crate::console::{Echec, Resultat, cargo, racine};

/// Construit `api-produits` (ses deux binaires) et `passerelle`, puis lance la passerelle avec
/// ces arguments (`--port`, `--parametre`, `--dynamodb`, `--watch`…), jusqu'à Ctrl+C.
pub fn lancer(arguments: &[String]) -> Resultat {
    eprintln!(
        "Construction des fonctions et de la passerelle : cargo build -p api-produits -p passerelle --bins"
    );
    let statut = cargo(&[
        "build",
        "-q",
        "-p",
        "api-produits",
        "-p",
        "passerelle",
        "--bins",
    ])
    .status()
    .map_err(|e| Echec::new(format!("cargo ne démarre pas ({e})"), ""))?;
    if !statut.success() {
        return Err(Echec::new(
            "la construction des fonctions ou de la passerelle a échoué",
            "lisez l'erreur de compilation ci-dessus",
        ));
    }
    let dossier = dossier_des_binaires();
    if arguments.iter().any(|a| a == "--dynamodb") {
        crate::outils::assurer_dynalite()?;
    }
    let statut = std::process::Command::new(dossier.join("passerelle"))
        .arg("--binaires")
        .arg(&dossier)
        .args(arguments)
        .current_dir(racine())
        .env("CARGO", env!("CARGO"))
        .status()
        .map_err(|e| Echec::new(format!("la passerelle ne démarre pas ({e})"), ""))?;
    if statut.success() {
        Ok(())
    } else {
        Err(Echec::new(
            "la passerelle s'est arrêtée sur une erreur",
            "lisez son message ci-dessus ; `cargo test -p passerelle` vérifie chaque étape",
        ))
    }
}

/// Le dossier où cargo range les binaires de développement (`target/debug`, ou celui de
/// `CARGO_TARGET_DIR`).
fn dossier_des_binaires() -> std::path::PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .map(|d| if d.is_absolute() { d } else { racine().join(d) })
        .unwrap_or_else(|| racine().join("target"))
        .join("debug")
}
