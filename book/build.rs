//! Prépare les extraits Rust des chapitres pour les tests du livre.
//!
//! Pour chaque page `../chapters/**/*.md` (un chapitre est un dossier de pages) :
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
    // Un dossier surveillé l'est avec tout son contenu.
    println!("cargo:rerun-if-changed={}", chapitres.display());

    let dossier_copies = sortie.join("chapitres");
    fs::create_dir_all(&dossier_copies).expect("création de OUT_DIR/chapitres");

    let mut copies = Vec::new();
    let mut tests_echec = String::new();
    for page in pages::lister(&chapitres) {
        let texte = fs::read_to_string(&page).expect("lecture d'une page");
        let developpe = pages::developper_inclusions(&texte, &page, |fichier| {
            println!("cargo:rerun-if-changed={}", fichier.display());
        })
        .unwrap_or_else(|erreur| panic!("{erreur}"));
        let nom = pages::nom_a_plat(&page, &chapitres);
        let (copie, blocs) = extraire_compile_fail(&developpe);
        for (ligne, code) in blocs {
            ecrire_test_compile_fail(&mut tests_echec, &nom, ligne, &code);
        }
        let destination = dossier_copies.join(&nom);
        ecrire_si_change(&destination, &copie);
        copies.push(destination);
    }

    skeptic::generate_doc_tests(&copies);
    ecrire_si_change(&sortie.join("echecs-de-compilation.rs"), &tests_echec);
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
                code.push_str(pages::sans_marque_cachee(ligne));
                code.push('\n');
                copie.push_str(ligne);
            }
            None => copie.push_str(ligne),
        }
        copie.push('\n');
    }
    (copie, blocs)
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
