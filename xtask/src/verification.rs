//! `cargo xtask test` : tout ce que vérifie la CI, dans l'ordre où un échec est le moins cher.
//! `--complet` (ce que lance la CI) y ajoute les deux étapes longues : les propriétés de l'API
//! Produits sur 100 000 événements, et `sam build` des deux fonctions pour Lambda arm64.

use crate::ateliers;
use crate::console::{Echec, Resultat, cargo, exiger};
use crate::{construction, contrat, devoilement, essai_local, figures, gabarits, outils, rendu};

/// Le nombre d'événements des propriétés de l'API Produits avec `--complet` (la variable que
/// lit `solutions/api-produits/tests/api/proprietes.rs`).
const EVENEMENTS_COMPLETS: &str = "100000";

pub fn tout_verifier(complet: bool) -> Resultat {
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
        "tests du livre, de l'API Produits, de la passerelle et des outils",
        cargo(&[
            "test",
            "--workspace",
            "--exclude",
            "lab-*",
            "--exclude",
            "solution-*",
        ]),
        "cargo nomme ci-dessus le crate du test en échec (« to rerun pass -p … ») ; un test \
         chNN_…_sect_…_line_N est l'extrait de ce chapitre, à cette section et cette ligne",
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
    if complet {
        proprietes_completes()?;
        construction::construire()?;
    }
    let en_plus = if complet {
        ", propriétés de l'API sur 100 000 événements, sam build arm64"
    } else {
        ""
    };
    println!(
        "\n✓ Tout est vérifié : format, pages, clippy, tests, contrat des ateliers, gabarits SAM, \
         essai local, livre et son rendu dans Chromium{en_plus}."
    );
    Ok(())
}

/// Les propriétés de l'API Produits sur 100 000 événements tirés au hasard. Les tests de
/// l'espace de travail les ont déjà passées sur quelques milliers ; cette course-ci montre ses
/// bilans (`--nocapture`), que la CI garde dans son journal.
fn proprietes_completes() -> Resultat {
    let mut proprietes = cargo(&[
        "test",
        "-p",
        "api-produits",
        "--test",
        "api",
        "proprietes::",
        "--",
        "--nocapture",
    ]);
    proprietes.env("ROBUSTESSE_CAS", EVENEMENTS_COMPLETS);
    let sortie = exiger(
        "propriétés de l'API Produits sur 100 000 événements tirés au hasard",
        proprietes,
        "l'événement minimal qui met la propriété en défaut est affiché ci-dessus, en JSON",
    )?;
    // Les bilans des tests (libtest peut coller devant eux le point d'un test réussi).
    let marque = "propriétés de l'API";
    for ligne in sortie.stderr.lines().chain(sortie.stdout.lines()) {
        if let Some(debut) = ligne.find(marque) {
            println!("  {}", &ligne[debut..]);
        }
    }
    Ok(())
}
