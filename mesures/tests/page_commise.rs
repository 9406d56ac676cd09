//! La page « Mesures » commise (`chapters/annexe-mesures/`) est celle que son `mesures.json`
//! donne aujourd'hui, octet pour octet, figures comprises : ses chiffres ne s'écrivent jamais
//! à la main. `cargo xtask test` lance ce test avec ceux de l'espace de travail.

use mesures::resultats::Resultats;
use mesures::{graphiques, page};
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

const CONSEIL: &str = "ne modifiez jamais la page à la main : relancez `cargo xtask bench` \
    (ou, après un changement de mise en page, `cargo run -p mesures -- rendre \
    chapters/annexe-mesures/mesures.json chapters/annexe-mesures`), puis commettez";

/// La première ligne où `commis` s'écarte de `attendu`, pour le message d'échec.
fn premier_ecart(attendu: &str, commis: &str) -> String {
    let ligne = attendu
        .lines()
        .zip(commis.lines())
        .position(|(a, c)| a != c)
        .unwrap_or_else(|| attendu.lines().count().min(commis.lines().count()));
    format!(
        "ligne {} : attendu {:?}, commis {:?}",
        ligne + 1,
        attendu.lines().nth(ligne).unwrap_or("(fin du fichier)"),
        commis.lines().nth(ligne).unwrap_or("(fin du fichier)")
    )
}

#[test]
fn la_page_et_ses_figures_sont_celles_que_donne_mesures_json() {
    let dossier = Path::new(env!("CARGO_MANIFEST_DIR")).join("../chapters/annexe-mesures");
    let json = fs::read_to_string(dossier.join("mesures.json")).unwrap_or_else(|e| {
        panic!("chapters/annexe-mesures/mesures.json illisible ({e}) : {CONSEIL}")
    });
    let resultats: Resultats = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("mesures.json ne se lit plus ({e}) : {CONSEIL}"));

    let mut attendus = vec![(page::FICHIER.to_string(), page::rendre(&resultats))];
    for (nom, svg) in graphiques::dessiner(&resultats).expect("les figures se dessinent") {
        attendus.push((format!("figures/{nom}"), svg));
    }
    for (nom, attendu) in &attendus {
        let commis = fs::read_to_string(dossier.join(nom)).unwrap_or_default();
        assert!(
            commis == *attendu,
            "{nom} n'est pas ce que mesures.json donne aujourd'hui ({}) : {CONSEIL}",
            premier_ecart(attendu, &commis)
        );
    }

    let figures_commises: BTreeSet<String> = fs::read_dir(dossier.join("figures"))
        .expect("le dossier des figures")
        .flatten()
        .map(|entree| format!("figures/{}", entree.file_name().to_string_lossy()))
        .collect();
    let figures_attendues: BTreeSet<String> = attendus
        .iter()
        .map(|(nom, _)| nom.clone())
        .filter(|nom| nom.starts_with("figures/"))
        .collect();
    assert_eq!(
        figures_commises, figures_attendues,
        "les figures commises ne sont pas celles que dessine mesures.json : {CONSEIL}"
    );
}
