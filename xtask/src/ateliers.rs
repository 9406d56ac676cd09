//! Les ateliers du dépôt (`labs/NN-slug`), leurs solutions (`solutions/NN-slug`), et la lecture
//! des résultats de `cargo test`.

use crate::console::{Echec, Resultat, Sortie, cargo, racine};
use std::fs;
use std::process::Command;

/// Un atelier et sa solution.
#[derive(Clone, Debug)]
pub struct Atelier {
    /// `03-integration-proxy`
    pub dossier: String,
}

impl Atelier {
    /// Le paquet de l'énoncé : `lab-03-integration-proxy`.
    pub fn paquet(&self) -> String {
        format!("lab-{}", self.dossier)
    }

    /// Le paquet de la solution : `solution-03-integration-proxy`.
    pub fn paquet_solution(&self) -> String {
        format!("solution-{}", self.dossier)
    }

    /// Le numéro du chapitre : `03`.
    pub fn chapitre(&self) -> &str {
        self.dossier.split('-').next().unwrap_or_default()
    }
}

/// Les ateliers de `labs/`, dans l'ordre des chapitres.
pub fn lister() -> Resultat<Vec<Atelier>> {
    let dossier = racine().join("labs");
    let entrees = fs::read_dir(&dossier).map_err(|e| {
        Echec::new(
            format!("impossible de lire {} ({e})", dossier.display()),
            "lancez la commande depuis un clone complet du dépôt",
        )
    })?;
    let mut ateliers: Vec<Atelier> = entrees
        .filter_map(|entree| entree.ok())
        .filter(|entree| entree.path().join("Cargo.toml").is_file())
        .filter_map(|entree| entree.file_name().into_string().ok())
        .filter(|nom| nom.len() > 3 && nom[..2].bytes().all(|o| o.is_ascii_digit()))
        .map(|dossier| Atelier { dossier })
        .collect();
    ateliers.sort_by(|a, b| a.dossier.cmp(&b.dossier));
    Ok(ateliers)
}

/// Ce que `cargo test` a rapporté pour un paquet.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Bilan {
    /// Faux si la compilation a échoué (aucun test n'a tourné).
    pub compile: bool,
    /// Chaque test lancé, avec son issue (`true` : réussi).
    pub tests: Vec<(String, bool)>,
}

impl Bilan {
    /// Lit la sortie de libtest : les lignes `test <nom> ... ok|FAILED` et `test result: …`.
    pub fn lire(sortie: &Sortie) -> Self {
        let mut bilan = Bilan::default();
        for ligne in sortie.stdout.lines() {
            if ligne.starts_with("test result: ") {
                bilan.compile = true;
            } else if let Some(reste) = ligne.strip_prefix("test ") {
                if let Some(nom) = reste.strip_suffix(" ... ok") {
                    bilan.tests.push((nom.to_string(), true));
                } else if let Some(nom) = reste.strip_suffix(" ... FAILED") {
                    bilan.tests.push((nom.to_string(), false));
                }
            }
        }
        bilan
    }

    /// Les noms des tests de notation en échec (les autres tests de la crate ne notent rien).
    pub fn en_echec(&self) -> Vec<&str> {
        self.tests
            .iter()
            .filter(|(nom, ok)| !ok && nom.starts_with("tests::"))
            .map(|(nom, _)| nom.as_str())
            .collect()
    }

    /// Les noms des tests de notation (le module `tests` de la crate), triés.
    pub fn tests_de_notation(&self) -> Vec<&str> {
        let mut noms: Vec<&str> = self
            .tests
            .iter()
            .map(|(nom, _)| nom.as_str())
            .filter(|nom| nom.starts_with("tests::"))
            .collect();
        noms.sort_unstable();
        noms
    }
}

/// Le nombre de tests de notation écrits dans `labs/<atelier>/src/tests.rs` (ou `src/tests/`),
/// lu dans le code : il reste connu quand l'atelier ne compile pas.
pub fn compter_tests_de_notation(atelier: &Atelier) -> usize {
    let src = racine().join("labs").join(&atelier.dossier).join("src");
    let mut fichiers = vec![src.join("tests.rs")];
    if let Ok(entrees) = fs::read_dir(src.join("tests")) {
        fichiers.extend(entrees.filter_map(|e| e.ok().map(|e| e.path())));
    }
    fichiers
        .iter()
        .filter_map(|fichier| fs::read_to_string(fichier).ok())
        .filter_map(|source| syn::parse_file(&source).ok())
        .map(|arbre| compter_tests(&arbre.items))
        .sum()
}

/// Les fonctions marquées `#[test]` ou `#[tokio::test]`, modules en ligne compris.
fn compter_tests(items: &[syn::Item]) -> usize {
    items
        .iter()
        .map(|item| match item {
            syn::Item::Fn(f) => usize::from(f.attrs.iter().any(|a| {
                let chemin = a.path();
                chemin.is_ident("test") || chemin.segments.last().is_some_and(|s| s.ident == "test")
            })),
            syn::Item::Mod(module) => module
                .content
                .as_ref()
                .map_or(0, |(_, contenu)| compter_tests(contenu)),
            _ => 0,
        })
        .sum()
}

/// `cargo test -p <paquet>` : la commande même de l'étudiant, pour réutiliser ce qui est compilé.
pub fn commande_test(paquet: &str) -> Command {
    cargo(&["test", "-p", paquet])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sortie(stdout: &str) -> Sortie {
        Sortie {
            succes: false,
            stdout: stdout.to_string(),
            stderr: String::new(),
        }
    }

    #[test]
    fn lit_un_bilan_en_echec() {
        let texte = "running 3 tests\ntest tests::a ... ok\ntest tests::b ... FAILED\n\
                     test cles::tests::interne ... FAILED\n\
                     test tests::c - should panic ... ok\n\n\
                     test result: FAILED. 2 passed; 1 failed; 0 ignored; finished in 0.01s\n\
                     test src/lib.rs - f (line 3) ... ok\ntest result: ok. 1 passed\n";
        let bilan = Bilan::lire(&sortie(texte));
        assert!(bilan.compile);
        assert_eq!(bilan.tests.len(), 5);
        assert_eq!(bilan.en_echec(), ["tests::b"]);
        assert_eq!(
            bilan.tests_de_notation(),
            ["tests::a", "tests::b", "tests::c - should panic"]
        );
    }

    #[test]
    fn sans_resume_la_compilation_a_echoue() {
        let bilan = Bilan::lire(&sortie("error[E0425]: cannot find value `x`\n"));
        assert!(!bilan.compile);
        assert!(bilan.tests.is_empty());
    }

    #[test]
    fn compte_les_tests_des_modules_d_etapes() {
        let source = "use super::*;\n#[test] fn a() {}\nfn aide() {}\n\
                      mod etape_1 { #[test] fn b() {} #[tokio::test] async fn c() {} }";
        let arbre = syn::parse_file(source).unwrap();
        assert_eq!(compter_tests(&arbre.items), 3);
    }

    #[test]
    fn le_numero_de_chapitre_vient_du_dossier() {
        let atelier = Atelier {
            dossier: "03-integration-proxy".into(),
        };
        assert_eq!(atelier.chapitre(), "03");
        assert_eq!(atelier.paquet(), "lab-03-integration-proxy");
        assert_eq!(atelier.paquet_solution(), "solution-03-integration-proxy");
    }
}
