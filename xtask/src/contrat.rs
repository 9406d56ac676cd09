//! Le contrat des ateliers (DESIGN §3) : l'énoncé compile et échoue à au moins un test de
//! notation ; la solution les réussit tous ; les deux partagent le même fichier de tests.

use crate::ateliers::{self, Atelier, Bilan, commande_test};
use crate::console::{Echec, Resultat, executer_sans_bilan, racine};
use std::fs;

/// Vérifie le contrat pour un atelier ; l'erreur nomme l'atelier et dit quoi corriger.
pub fn verifier(atelier: &Atelier) -> Resultat {
    verifier_lien(atelier)?;
    let nom = &atelier.dossier;

    let solution = atelier.paquet_solution();
    let (sortie, duree_solution) = executer_sans_bilan(
        &format!("cargo test -p {solution}"),
        commande_test(&solution),
    );
    let sortie = sortie?;
    let bilan_solution = Bilan::lire(&sortie);
    if !bilan_solution.compile {
        return Err(Echec::new(
            format!(
                "la solution de l'atelier {nom} ne compile pas :\n{}",
                sortie.fin(30)
            ),
            format!("corrigez solutions/{nom}, puis relancez `cargo test -p {solution}`"),
        ));
    }
    if !sortie.succes || bilan_solution.tests_de_notation().is_empty() {
        return Err(Echec::new(
            format!(
                "la solution de l'atelier {nom} devrait réussir tous les tests de notation ; \
                 en échec : {}",
                // Tous les tests de la solution comptent ici, pas seulement ceux de notation.
                liste(
                    &bilan_solution
                        .tests
                        .iter()
                        .filter(|(_, ok)| !ok)
                        .map(|(nom, _)| nom.as_str())
                        .collect::<Vec<_>>()
                )
            ),
            format!("lancez `cargo test -p {solution}` et lisez le premier échec"),
        ));
    }

    let enonce = atelier.paquet();
    let (sortie, duree_enonce) =
        executer_sans_bilan(&format!("cargo test -p {enonce}"), commande_test(&enonce));
    let sortie = sortie?;
    let bilan_enonce = Bilan::lire(&sortie);
    if !bilan_enonce.compile {
        return Err(Echec::new(
            format!(
                "l'énoncé de l'atelier {nom} ne compile pas :\n{}",
                sortie.fin(30)
            ),
            "un énoncé doit compiler tel quel : chaque partie à écrire est un todo!(\"Indice : …\")",
        ));
    }
    if bilan_enonce.en_echec().is_empty() {
        return Err(Echec::new(
            format!(
                "l'énoncé de l'atelier {nom} est déjà résolu : aucun test de notation n'échoue"
            ),
            format!("remettez des todo!() dans labs/{nom} à la place du travail de l'étudiant"),
        ));
    }
    if bilan_enonce.tests_de_notation() != bilan_solution.tests_de_notation() {
        return Err(Echec::new(
            format!("l'atelier {nom} et sa solution ne lancent pas les mêmes tests de notation"),
            "la solution doit inclure le fichier de tests de l'énoncé, sans en ajouter d'autres",
        ));
    }
    let notation = bilan_solution.tests_de_notation().len();
    // `cargo xtask progress --json` compte les tests dans le code quand l'atelier ne compile pas.
    let lus = ateliers::compter_tests_de_notation(atelier);
    if lus != notation {
        return Err(Echec::new(
            format!(
                "l'atelier {nom} lance {notation} tests de notation, mais son code en montre {lus}"
            ),
            "chaque test de notation est une fonction #[test] ou #[tokio::test] de src/tests.rs",
        ));
    }
    eprintln!(
        "✓ atelier {nom} : l'énoncé échoue à {}/{notation} tests, la solution les réussit tous ({} s)",
        bilan_enonce.en_echec().len(),
        duree_solution + duree_enonce
    );
    Ok(())
}

/// La solution inclut les tests de l'énoncé par `#[path = "../../../labs/<atelier>/src/tests.rs"]`.
fn verifier_lien(atelier: &Atelier) -> Resultat {
    let nom = &atelier.dossier;
    let enonce = racine().join("labs").join(nom);
    let Some(tests) = ["src/tests.rs", "src/tests/mod.rs"]
        .into_iter()
        .find(|chemin| enonce.join(chemin).is_file())
    else {
        return Err(Echec::new(
            format!("l'atelier {nom} n'a pas de tests de notation (labs/{nom}/src/tests.rs)"),
            "écrivez-les dans un module `tests` de la crate de l'énoncé",
        ));
    };
    let lien = format!("#[path = \"../../../labs/{nom}/{tests}\"]");
    let lib = racine().join("solutions").join(nom).join("src/lib.rs");
    let contenu = fs::read_to_string(&lib).unwrap_or_default();
    if contenu.contains(&lien) {
        return Ok(());
    }
    Err(Echec::new(
        format!(
            "la solution de l'atelier {nom} n'utilise pas les tests de l'énoncé ({} ne contient pas le lien)",
            lib.display()
        ),
        format!("ajoutez dans solutions/{nom}/src/lib.rs : #[cfg(test)] {lien} mod tests;"),
    ))
}

fn liste(noms: &[&str]) -> String {
    if noms.is_empty() {
        "aucun test n'a tourné".to_string()
    } else {
        noms.join(", ")
    }
}
