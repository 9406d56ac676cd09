//! `cargo xtask progress` : où en est l'étudiant, atelier par atelier.

use crate::ateliers::{self, Atelier, Bilan, commande_test};
use crate::console::{Resultat, lancer};
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::json;

/// L'état d'un atelier, d'après ses tests de notation.
#[derive(Debug, PartialEq, Eq)]
enum Etat {
    Reussi,
    EnCours { en_echec: usize },
    PasCommence,
    NeCompilePas,
}

impl Etat {
    fn depuis(bilan: &Bilan) -> Self {
        let notation = bilan.tests_de_notation().len();
        let en_echec = bilan.en_echec().len();
        if !bilan.compile {
            Etat::NeCompilePas
        } else if en_echec == 0 && notation > 0 {
            Etat::Reussi
        } else if en_echec >= notation {
            Etat::PasCommence
        } else {
            Etat::EnCours { en_echec }
        }
    }

    fn texte(&self) -> String {
        match self {
            Etat::Reussi => "réussi".to_string(),
            Etat::EnCours { en_echec: 1 } => "1 test en échec".to_string(),
            Etat::EnCours { en_echec } => format!("{en_echec} tests en échec"),
            Etat::PasCommence => "pas commencé".to_string(),
            Etat::NeCompilePas => "ne compile pas".to_string(),
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Etat::Reussi => "reussi",
            Etat::EnCours { .. } => "en_cours",
            Etat::PasCommence => "pas_commence",
            Etat::NeCompilePas => "ne_compile_pas",
        }
    }
}

/// Lance les tests de chaque atelier et affiche le tableau (ou du JSON).
pub fn afficher(en_json: bool) -> Resultat {
    let ateliers = ateliers::lister()?;
    let barre = ProgressBar::new(ateliers.len() as u64);
    barre.set_style(
        ProgressStyle::with_template("{bar:30.green/white} {pos}/{len} {prefix} {wide_msg}")
            .expect("gabarit valide"),
    );
    let mut lignes = Vec::new();
    for atelier in &ateliers {
        barre.set_prefix(atelier.paquet());
        let sortie = lancer(commande_test(&atelier.paquet()), |ligne| {
            barre.set_message(ligne.to_string())
        })?;
        let bilan = Bilan::lire(&sortie);
        lignes.push((atelier, Etat::depuis(&bilan), bilan));
        barre.inc(1);
    }
    barre.finish_and_clear();

    if en_json {
        println!("{}", json_de(&lignes));
    } else {
        tableau(&lignes);
    }
    Ok(())
}

fn tableau(lignes: &[(&Atelier, Etat, Bilan)]) {
    println!("Atelier  Paquet                                  État");
    for (atelier, etat, _) in lignes {
        let marque = if *etat == Etat::Reussi { "✓" } else { "·" };
        println!(
            "{marque} {:<6} {:<39} {}",
            atelier.chapitre(),
            atelier.paquet(),
            etat.texte()
        );
    }
    let reussis = lignes
        .iter()
        .filter(|(_, etat, _)| *etat == Etat::Reussi)
        .count();
    println!("\n{reussis} atelier(s) réussi(s) sur {}.", lignes.len());
    if let Some((atelier, _, _)) = lignes.iter().find(|(_, etat, _)| *etat != Etat::Reussi) {
        println!("Prochaine étape : cargo test -p {}", atelier.paquet());
    }
}

fn json_de(lignes: &[(&Atelier, Etat, Bilan)]) -> serde_json::Value {
    let ateliers: Vec<_> = lignes
        .iter()
        .map(|(atelier, etat, bilan)| {
            json!({
                "chapitre": atelier.chapitre(),
                "paquet": atelier.paquet(),
                "etat": etat.code(),
                "tests_de_notation": if bilan.compile {
                    bilan.tests_de_notation().len()
                } else {
                    ateliers::compter_tests_de_notation(atelier)
                },
                "tests_en_echec": bilan.en_echec(),
            })
        })
        .collect();
    let reussis = lignes
        .iter()
        .filter(|(_, etat, _)| *etat == Etat::Reussi)
        .count();
    json!({"ateliers": ateliers, "reussis": reussis, "total": lignes.len()})
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bilan(resultats: &[bool]) -> Bilan {
        Bilan {
            compile: true,
            tests: resultats
                .iter()
                .enumerate()
                .map(|(i, ok)| (format!("tests::t{i}"), *ok))
                .collect(),
        }
    }

    #[test]
    fn tous_les_tests_reussis_donnent_reussi() {
        assert_eq!(Etat::depuis(&bilan(&[true, true])), Etat::Reussi);
    }

    #[test]
    fn aucun_test_reussi_donne_pas_commence() {
        assert_eq!(Etat::depuis(&bilan(&[false, false])), Etat::PasCommence);
    }

    #[test]
    fn des_echecs_restants_sont_comptes() {
        let etat = Etat::depuis(&bilan(&[true, false, false]));
        assert_eq!(etat, Etat::EnCours { en_echec: 2 });
        assert_eq!(etat.texte(), "2 tests en échec");
    }

    #[test]
    fn sans_compilation_l_atelier_ne_compile_pas() {
        assert_eq!(Etat::depuis(&Bilan::default()), Etat::NeCompilePas);
    }
}
