//! `cargo xtask test` : tout ce que vérifie la CI, dans l'ordre où un échec est le moins cher.

use crate::ateliers;
use crate::console::{Echec, Resultat, cargo, exiger};
use crate::{contrat, devoilement, essai_local, figures, gabarits, outils, rendu};

pub fn tout_verifier() -> Resultat {
    outils::assurer_composants_rust()?;
    // Avant les tests : ceux de l'atelier CORS, comme la vérification du rendu, ouvrent Chromium.
    outils::assurer_chromium()?;
    // Avant les tests : ceux de l'atelier 09 parlent à un serveur DynamoDB local.
    outils::assurer_dynalite()?;
    exiger(
        "cargo fmt --check",
        cargo(&["fmt", "--all", "--check"]),
        "lancez `cargo fmt --all`, puis relancez",
    )?;
    devoilement::verifier()?;
    figures::verifier()?;
    exiger(
        "cargo clippy -D warnings",
        cargo(&[
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
        "corrigez les avertissements ci-dessus, puis relancez",
    )?;
    exiger(
        "tests du livre, du banc d'essai et de xtask",
        cargo(&[
            "test",
            "--workspace",
            "--exclude",
            "lab-*",
            "--exclude",
            "solution-*",
        ]),
        "un test d'extrait porte le nom du chapitre et de la section : corrigez le bloc en cause",
    )?;

    let mut echecs = Vec::new();
    for atelier in ateliers::lister()? {
        if let Err(echec) = contrat::verifier(&atelier) {
            eprintln!("  ✗ {}\n    → {}", echec.message, echec.conseil);
            echecs.push(atelier.dossier);
        }
    }
    if !echecs.is_empty() {
        return Err(Echec::new(
            format!("contrat des ateliers non respecté : {}", echecs.join(", ")),
            "lisez les messages ci-dessus, atelier par atelier",
        ));
    }

    gabarits::verifier()?;
    essai_local::verifier()?;
    rendu::verifier()?;
    println!(
        "\n✓ Tout est vérifié : format, pages, clippy, tests, contrat des ateliers, gabarits SAM, \
         essai local, livre et son rendu dans Chromium."
    );
    Ok(())
}
