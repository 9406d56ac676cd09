//! Le chapitre ne donne pas l'atelier (STYLE.md) : aucune page, hors `corrige.md`, ne montre le
//! corps d'une fonction que l'énoncé d'un atelier laisse en `todo!()`.
//!
//! Pour chaque fonction de `labs/NN-…/src` dont le corps appelle `todo!` ou `unimplemented!`, on
//! prend le corps de la fonction de même nom dans `solutions/NN-…/src` (même fichier), réduit à
//! sa suite de jetons (espaces et commentaires n'y comptent pas), et on la cherche dans chaque
//! bloc Rust des pages, lignes cachées `# ` et `{{#include}}` compris.

use crate::ateliers::{self, Atelier};
use crate::console::{Echec, Resultat, racine};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use quote::ToTokens;
use std::fs;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// En deçà, un corps est trop court pour dévoiler quoi que ce soit (`self.code`, `Ok(())`).
const JETONS_MINIMUM: usize = 8;

/// `cargo xtask pages`, et la première étape de `cargo xtask test` : rapide, sans mdBook.
pub fn verifier() -> Resultat {
    let mut fonctions = Vec::new();
    for atelier in ateliers::lister()? {
        fonctions.extend(fonctions_a_ecrire(&atelier)?);
    }
    let chapitres = racine().join("chapters");
    let trouvees = pages_qui_devoilent(&fonctions, &chapitres)?;
    if trouvees.is_empty() {
        eprintln!(
            "✓ pages : aucune ne montre le corps des {} fonctions que les ateliers demandent",
            fonctions.len()
        );
        return Ok(());
    }
    let lignes: Vec<String> = trouvees
        .iter()
        .map(|(page, ligne, fonction)| {
            let page = page.strip_prefix(racine()).unwrap_or(page);
            format!(
                "  {} (bloc de la ligne {ligne}) montre le corps de `{}`, à écrire dans {}",
                page.display(),
                fonction.nom,
                fonction.fichier
            )
        })
        .collect();
    Err(Echec::new(
        format!(
            "des pages donnent la solution d'un atelier :\n{}",
            lignes.join("\n")
        ),
        "ce code a sa place dans le corrige.md du chapitre ; la page enseigne avec un autre exemple \
         (STYLE.md, « The chapter never gives the lab away »)",
    ))
}

/// Une fonction que l'étudiant doit écrire, et le corps que lui donne la solution.
#[derive(Debug)]
pub struct FonctionAEcrire {
    /// `labs/03-integration-proxy/src/lib.rs`
    pub fichier: String,
    /// `reponse_json`, ou `ErreurApi::statut` pour une méthode.
    pub nom: String,
    /// Le corps de la solution, jeton par jeton.
    pub corps: Vec<String>,
}

/// Les fonctions laissées en `todo!()` par l'énoncé de l'atelier, avec le corps de leur solution.
pub fn fonctions_a_ecrire(atelier: &Atelier) -> Resultat<Vec<FonctionAEcrire>> {
    let enonce = racine().join("labs").join(&atelier.dossier).join("src");
    let solution = racine()
        .join("solutions")
        .join(&atelier.dossier)
        .join("src");
    let mut fonctions = Vec::new();
    for fichier in fichiers_rust(&enonce) {
        let relatif = fichier.strip_prefix(&enonce).unwrap_or(&fichier);
        let a_ecrire: Vec<String> = fonctions_du_fichier(&fichier)?
            .into_iter()
            .filter(|(_, corps)| appelle_todo(&jetons(corps.clone())))
            .map(|(nom, _)| nom)
            .collect();
        if a_ecrire.is_empty() {
            continue;
        }
        let corrige = solution.join(relatif);
        let fonctions_solution = fonctions_du_fichier(&corrige)?;
        for nom in a_ecrire {
            let Some((_, corps)) = fonctions_solution.iter().find(|(n, _)| *n == nom) else {
                return Err(Echec::new(
                    format!(
                        "l'énoncé laisse {nom} à écrire, mais {} n'a pas de fonction {nom}",
                        corrige.display()
                    ),
                    "la solution garde les fichiers et les noms de fonctions de l'énoncé",
                ));
            };
            fonctions.push(FonctionAEcrire {
                fichier: format!("labs/{}/src/{}", atelier.dossier, relatif.display()),
                nom,
                corps: jetons(corps.clone()),
            });
        }
    }
    Ok(fonctions)
}

/// Les pages qui montrent le corps d'une de ces fonctions : (page, ligne du bloc, fonction).
pub fn pages_qui_devoilent<'f>(
    fonctions: &'f [FonctionAEcrire],
    chapitres: &Path,
) -> Resultat<Vec<(PathBuf, usize, &'f FonctionAEcrire)>> {
    let mut trouvees = Vec::new();
    for page in pages::lister(chapitres) {
        if page.file_name().is_some_and(|nom| nom == "corrige.md") {
            continue;
        }
        let texte = fs::read_to_string(&page).unwrap_or_default();
        let developpe =
            pages::developper_inclusions(&texte, &page, |_| {}).map_err(|e| Echec::new(e, ""))?;
        for bloc in pages::blocs(&developpe) {
            if bloc.langue() != "rust" {
                continue;
            }
            // Un bloc que rustc ne saurait découper (délimiteurs non fermés) n'est pas du Rust.
            let Ok(code) = TokenStream::from_str(&bloc.code_complet()) else {
                continue;
            };
            let code = jetons(code);
            for fonction in fonctions {
                if fonction.corps.len() >= JETONS_MINIMUM && contient(&code, &fonction.corps) {
                    trouvees.push((page.clone(), bloc.ligne, fonction));
                }
            }
        }
    }
    Ok(trouvees)
}

/// Les fichiers `.rs` de `src/`, sauf les tests de notation (`tests.rs`, `tests/`).
fn fichiers_rust(dossier: &Path) -> Vec<PathBuf> {
    let mut fichiers = pages::fichiers(dossier, "rs");
    fichiers.retain(|fichier| {
        let relatif = fichier.strip_prefix(dossier).unwrap_or(fichier);
        !relatif
            .iter()
            .any(|morceau| morceau == "tests" || morceau == "tests.rs")
    });
    fichiers
}

/// Chaque fonction du fichier (libres, méthodes, dans des modules en ligne) avec son corps.
fn fonctions_du_fichier(fichier: &Path) -> Resultat<Vec<(String, TokenStream)>> {
    let source = fs::read_to_string(fichier)
        .map_err(|e| Echec::new(format!("lecture de {} ({e})", fichier.display()), ""))?;
    let arbre = syn::parse_file(&source).map_err(|e| {
        Echec::new(
            format!("{} ne se lit pas comme du Rust ({e})", fichier.display()),
            "",
        )
    })?;
    let mut fonctions = Vec::new();
    parcourir(&arbre.items, &mut fonctions);
    Ok(fonctions)
}

fn parcourir(items: &[syn::Item], fonctions: &mut Vec<(String, TokenStream)>) {
    for item in items {
        match item {
            syn::Item::Fn(f) => {
                fonctions.push((f.sig.ident.to_string(), f.block.to_token_stream()));
            }
            syn::Item::Impl(bloc) => {
                let type_ = bloc.self_ty.to_token_stream().to_string().replace(' ', "");
                for element in &bloc.items {
                    if let syn::ImplItem::Fn(f) = element {
                        let nom = format!("{type_}::{}", f.sig.ident);
                        fonctions.push((nom, f.block.to_token_stream()));
                    }
                }
            }
            syn::Item::Mod(module) => {
                if let Some((_, contenu)) = &module.content {
                    parcourir(contenu, fonctions);
                }
            }
            _ => {}
        }
    }
}

/// Le corps appelle-t-il `todo!` ou `unimplemented!` ?
fn appelle_todo(corps: &[String]) -> bool {
    corps
        .windows(2)
        .any(|paire| (paire[0] == "todo" || paire[0] == "unimplemented") && paire[1] == "!")
}

/// La suite des jetons, délimiteurs compris, sans espacement : `f(a)` → `f`, `(`, `a`, `)`.
/// Les groupes invisibles (que `syn` ajoute parfois) ne comptent pas.
fn jetons(flux: TokenStream) -> Vec<String> {
    let mut suite = Vec::new();
    for arbre in flux {
        match arbre {
            TokenTree::Group(groupe) => {
                let (ouvre, ferme) = match groupe.delimiter() {
                    Delimiter::Parenthesis => ("(", ")"),
                    Delimiter::Brace => ("{", "}"),
                    Delimiter::Bracket => ("[", "]"),
                    Delimiter::None => ("", ""),
                };
                if !ouvre.is_empty() {
                    suite.push(ouvre.to_string());
                }
                suite.extend(jetons(groupe.stream()));
                if !ferme.is_empty() {
                    suite.push(ferme.to_string());
                }
            }
            TokenTree::Punct(p) => suite.push(p.as_char().to_string()),
            autre => suite.push(autre.to_string()),
        }
    }
    suite
}

fn contient(code: &[String], corps: &[String]) -> bool {
    code.windows(corps.len()).any(|fenetre| fenetre == corps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flux(code: &str) -> TokenStream {
        TokenStream::from_str(code).unwrap()
    }

    #[test]
    fn les_espaces_et_commentaires_ne_comptent_pas() {
        let solution = jetons(flux("{ let x = a::b( 1 ); // calcul\n x + 1 }"));
        let page = jetons(flux("fn f() {let x=a::b(1);\n\n    x+1}"));
        assert!(contient(&page, &solution));
        let autre = jetons(flux("fn f() { let x = a::b(2); x + 1 }"));
        assert!(!contient(&autre, &solution));
    }

    #[test]
    fn reconnait_un_corps_en_todo() {
        assert!(appelle_todo(&jetons(flux("{ todo!(\"Indice : …\") }"))));
        assert!(appelle_todo(&jetons(flux(
            "{ let _ = 1; unimplemented!() }"
        ))));
        assert!(!appelle_todo(&jetons(flux("{ Ok(todo) }"))));
    }

    #[test]
    fn nomme_les_methodes_par_leur_type() {
        let source = "struct E; impl E { fn statut(&self) -> u16 { todo!() } }\n\
                      mod m { pub fn g() {} }\nfn h() {}";
        let arbre = syn::parse_file(source).unwrap();
        let mut fonctions = Vec::new();
        parcourir(&arbre.items, &mut fonctions);
        let noms: Vec<&str> = fonctions.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(noms, ["E::statut", "g", "h"]);
    }

    #[test]
    fn signale_la_page_qui_montre_un_corps_mais_pas_le_corrige() {
        let dossier = std::env::temp_dir().join(format!("devoilement-{}", std::process::id()));
        fs::create_dir_all(dossier.join("ch09")).unwrap();
        let bloc = "```rust\n# fn main() {}\nfn somme(v: &[u32]) -> u32 {\n    v.iter().copied().sum::<u32>()\n}\n```\n";
        fs::write(dossier.join("ch09/page.md"), format!("# Page\n\n{bloc}")).unwrap();
        fs::write(
            dossier.join("ch09/corrige.md"),
            format!("# Corrigé\n\n{bloc}"),
        )
        .unwrap();
        let fonction = FonctionAEcrire {
            fichier: "labs/09/src/lib.rs".into(),
            nom: "somme".into(),
            corps: jetons(flux("{ v.iter().copied().sum::<u32>() }")),
        };
        let trouvees = pages_qui_devoilent(std::slice::from_ref(&fonction), &dossier).unwrap();
        fs::remove_dir_all(&dossier).unwrap();
        assert_eq!(trouvees.len(), 1, "{trouvees:?}");
        assert!(trouvees[0].0.ends_with("ch09/page.md"));
        assert_eq!(trouvees[0].1, 3);
    }

    /// Sur le dépôt lui-même : chaque atelier a des fonctions à écrire, et chacune a son corrigé.
    #[test]
    fn chaque_atelier_a_des_fonctions_a_ecrire_et_leur_solution() {
        for atelier in crate::ateliers::lister().unwrap() {
            let fonctions =
                fonctions_a_ecrire(&atelier).unwrap_or_else(|e| panic!("{}", e.message));
            assert!(
                !fonctions.is_empty(),
                "{} : aucune fonction en todo!()",
                atelier.dossier
            );
            for fonction in fonctions {
                assert!(
                    !appelle_todo(&fonction.corps),
                    "la solution de {} dans {} est encore un todo!()",
                    fonction.nom,
                    fonction.fichier
                );
            }
        }
    }
}
