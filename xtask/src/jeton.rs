//! `cargo xtask jeton` : un JWT de test que le mécanisme d'autorisation du chapitre 07 accepte
//! en local. Le jeton est signé par l'exemple `jeton` de la solution 07, pour que xtask reste
//! léger (il ne compile ni jsonwebtoken ni la solution).

use crate::console::{Echec, Resultat, cargo};

/// Imprime le jeton sur la sortie standard, seul : `JETON=$(cargo xtask jeton …)` le récupère.
pub fn imprimer(portees: &[String], sujet: &str, secondes: u64) -> Resultat {
    let mut commande = cargo(&[
        "run",
        "-q",
        "-p",
        "solution-07-securisation",
        "--example",
        "jeton",
        "--",
    ]);
    commande.arg(sujet).arg(secondes.to_string());
    // `--scope "produits:ecrire produits:supprimer"` comme `--scope a --scope b`.
    commande.args(portees.iter().flat_map(|p| p.split_whitespace()));
    let statut = commande
        .status()
        .map_err(|e| Echec::new(format!("cargo ne démarre pas ({e})"), ""))?;
    if statut.success() {
        Ok(())
    } else {
        Err(Echec::new(
            "le jeton n'a pas pu être signé",
            "lisez l'erreur ci-dessus ; `cargo test -p solution-07-securisation` vérifie la solution",
        ))
    }
}
