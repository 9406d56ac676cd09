//! Prépare les extraits Rust des chapitres pour les tests du livre.
//!
//! Pour chaque chapitre `../chapters/*.md` :
//! 1. les directives `{{#include chemin:ancre}}` de mdBook sont développées, pour que le test
//!    compile le code même que le lecteur voit (celui des solutions) ;
//! 2. les blocs ```` ```rust,compile_fail ```` (du code faux exprès) deviennent des tests qui
//!    exigent que la compilation échoue — skeptic ne connaît pas cet attribut ;
//! 3. skeptic génère un test par autre bloc Rust, à partir de ces copies.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let racine = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let sortie = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    let chapitres = racine.join("../chapters");
    println!("cargo:rerun-if-changed={}", chapitres.display());

    let dossier_copies = sortie.join("chapitres");
    fs::create_dir_all(&dossier_copies).expect("création de OUT_DIR/chapitres");

    let mut copies = Vec::new();
    let mut tests_echec = String::new();
    for chapitre in fichiers_markdown(&chapitres) {
        let texte = fs::read_to_string(&chapitre).expect("lecture d'un chapitre");
        let developpe = developper_inclusions(&texte, &chapitre);
        let nom = chapitre.file_name().expect("nom de fichier");
        let (copie, blocs) = extraire_compile_fail(&developpe);
        for (ligne, code) in blocs {
            ecrire_test_compile_fail(&mut tests_echec, nom.to_str().unwrap(), ligne, &code);
        }
        let destination = dossier_copies.join(nom);
        ecrire_si_change(&destination, &copie);
        copies.push(destination);
    }

    skeptic::generate_doc_tests(&copies);
    ecrire_si_change(&sortie.join("echecs-de-compilation.rs"), &tests_echec);
}

fn fichiers_markdown(dossier: &Path) -> Vec<PathBuf> {
    let mut fichiers: Vec<PathBuf> = fs::read_dir(dossier)
        .expect("le dossier chapters/ existe")
        .map(|entree| entree.expect("entrée de dossier").path())
        .filter(|chemin| chemin.extension().is_some_and(|ext| ext == "md"))
        .collect();
    fichiers.sort();
    fichiers
}

/// Remplace chaque ligne `{{#include chemin}}` ou `{{#include chemin:ancre}}` par le contenu
/// inclus, comme le fait mdBook (les lignes `ANCHOR:` et `ANCHOR_END:` sont retirées).
fn developper_inclusions(texte: &str, chapitre: &Path) -> String {
    let mut resultat = String::new();
    for ligne in texte.lines() {
        let directive = ligne
            .trim()
            .strip_prefix("{{#include ")
            .and_then(|reste| reste.strip_suffix("}}"));
        match directive {
            Some(cible) => resultat.push_str(&inclure(cible.trim(), chapitre)),
            None => {
                resultat.push_str(ligne);
                resultat.push('\n');
            }
        }
    }
    resultat
}

fn inclure(cible: &str, chapitre: &Path) -> String {
    let (chemin, ancre) = match cible.rsplit_once(':') {
        Some((chemin, ancre)) => (chemin, Some(ancre)),
        None => (cible, None),
    };
    let fichier = chapitre.parent().expect("dossier du chapitre").join(chemin);
    println!("cargo:rerun-if-changed={}", fichier.display());
    let contenu = fs::read_to_string(&fichier).unwrap_or_else(|e| {
        panic!(
            "{} : impossible d'inclure {} ({e})",
            chapitre.display(),
            fichier.display()
        )
    });
    let Some(ancre) = ancre else {
        return contenu;
    };
    let debut = format!("ANCHOR: {ancre}");
    let fin = format!("ANCHOR_END: {ancre}");
    let mut dedans = false;
    let mut trouve = false;
    let mut extrait = String::new();
    for ligne in contenu.lines() {
        if ligne.trim_end().ends_with(&debut) {
            dedans = true;
            trouve = true;
        } else if ligne.trim_end().ends_with(&fin) {
            dedans = false;
        } else if dedans && !ligne.contains("ANCHOR:") && !ligne.contains("ANCHOR_END:") {
            extrait.push_str(ligne);
            extrait.push('\n');
        }
    }
    assert!(
        trouve,
        "{} : l'ancre « {ancre} » est introuvable dans {}",
        chapitre.display(),
        fichier.display()
    );
    extrait
}

/// Sépare les blocs `rust,compile_fail` : dans la copie donnée à skeptic, ils deviennent
/// `rust,ignore` (même nombre de lignes) ; on renvoie leur ligne de début et leur code.
fn extraire_compile_fail(texte: &str) -> (String, Vec<(usize, String)>) {
    let mut copie = String::new();
    let mut blocs = Vec::new();
    let mut courant: Option<(usize, String)> = None;
    for (index, ligne) in texte.lines().enumerate() {
        let entete = ligne.trim_start();
        match &mut courant {
            None if entete.starts_with("```rust") && entete.contains("compile_fail") => {
                courant = Some((index + 1, String::new()));
                copie.push_str(&ligne.replace("compile_fail", "ignore"));
            }
            Some(_) if entete.starts_with("```") => {
                blocs.extend(courant.take());
                copie.push_str(ligne);
            }
            Some((_, code)) => {
                code.push_str(sans_marque_cachee(ligne));
                code.push('\n');
                copie.push_str(ligne);
            }
            None => copie.push_str(ligne),
        }
        copie.push('\n');
    }
    (copie, blocs)
}

/// Les lignes `# …` sont cachées au lecteur mais font partie du code (comme rustdoc et mdBook).
fn sans_marque_cachee(ligne: &str) -> &str {
    let debut = ligne.trim_start();
    if debut == "#" {
        ""
    } else {
        debut.strip_prefix("# ").unwrap_or(ligne)
    }
}

fn ecrire_test_compile_fail(tests: &mut String, chapitre: &str, ligne: usize, code: &str) {
    let racine = env::var("CARGO_MANIFEST_DIR").unwrap();
    let sortie = env::var("OUT_DIR").unwrap();
    let cible = env::var("TARGET").unwrap();
    let nom: String = chapitre
        .trim_end_matches(".md")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    writeln!(
        tests,
        r#####"#[test]
fn {nom}_ligne_{ligne}_ne_compile_pas() {{
    let code = r####"{code}"####;
    let resultat = std::panic::catch_unwind(|| {{
        skeptic::rt::compile_test(r"{racine}", r"{sortie}", "{cible}", code)
    }});
    let message = resultat
        .err()
        .and_then(|e| e.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    assert!(
        message.starts_with("Command failed"),
        "{chapitre}, ligne {ligne} : ce bloc est marqué compile_fail, il devrait être refusé par rustc ; {{message}}"
    );
}}
"#####
    )
    .unwrap();
}

fn ecrire_si_change(chemin: &Path, contenu: &str) {
    if fs::read_to_string(chemin).is_ok_and(|actuel| actuel == contenu) {
        return;
    }
    fs::write(chemin, contenu).expect("écriture dans OUT_DIR");
}
