//! Les pages du livre (`chapters/**/*.md`), lues comme le fait mdBook : une seule source pour
//! les tests des extraits (`book/build.rs`) et pour les vérifications de `cargo xtask`.

use std::fs;
use std::path::{Path, PathBuf};

/// Les pages `.md` du dossier et de ses sous-dossiers (un chapitre est un dossier de pages), triées.
pub fn lister(dossier: &Path) -> Vec<PathBuf> {
    fichiers(dossier, "md")
}

/// Les fichiers d'extension `extension` du dossier et de ses sous-dossiers, triés.
pub fn fichiers(dossier: &Path, extension: &str) -> Vec<PathBuf> {
    let mut trouves = Vec::new();
    let Ok(entrees) = fs::read_dir(dossier) else {
        return trouves;
    };
    for chemin in entrees.filter_map(|entree| entree.ok().map(|e| e.path())) {
        if chemin.is_dir() {
            trouves.extend(fichiers(&chemin, extension));
        } else if chemin.extension().is_some_and(|ext| ext == extension) {
            trouves.push(chemin);
        }
    }
    trouves.sort();
    trouves
}

/// `ch03-integration-proxy/gestionnaire.md` → `ch03-integration-proxy-gestionnaire.md` : un nom
/// unique, sans dossier, pour une copie de la page (il donne aussi le nom des tests d'extraits).
pub fn nom_a_plat(page: &Path, chapitres: &Path) -> String {
    let relatif = page.strip_prefix(chapitres).unwrap_or(page);
    let morceaux: Vec<String> = relatif
        .iter()
        .map(|morceau| morceau.to_string_lossy().into_owned())
        .collect();
    morceaux.join("-")
}

/// Remplace chaque ligne `{{#include chemin}}` ou `{{#include chemin:ancre}}` par le contenu
/// inclus, comme le fait mdBook (les lignes `ANCHOR:` et `ANCHOR_END:` sont retirées).
/// Appelle `lu` pour chaque fichier inclus. L'erreur dit quelle inclusion a échoué.
pub fn developper_inclusions(
    texte: &str,
    page: &Path,
    mut lu: impl FnMut(&Path),
) -> Result<String, String> {
    let mut resultat = String::new();
    for ligne in texte.lines() {
        let directive = ligne
            .trim()
            .strip_prefix("{{#include ")
            .and_then(|reste| reste.strip_suffix("}}"));
        match directive {
            Some(cible) => resultat.push_str(&inclure(cible.trim(), page, &mut lu)?),
            None => {
                resultat.push_str(ligne);
                resultat.push('\n');
            }
        }
    }
    Ok(resultat)
}

fn inclure(cible: &str, page: &Path, lu: &mut impl FnMut(&Path)) -> Result<String, String> {
    let (chemin, ancre) = match cible.rsplit_once(':') {
        Some((chemin, ancre)) => (chemin, Some(ancre)),
        None => (cible, None),
    };
    let fichier = page.parent().unwrap_or(Path::new("")).join(chemin);
    lu(&fichier);
    let contenu = fs::read_to_string(&fichier).map_err(|e| {
        format!(
            "{} : impossible d'inclure {} ({e})",
            page.display(),
            fichier.display()
        )
    })?;
    let Some(ancre) = ancre else {
        return Ok(contenu);
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
    if !trouve {
        return Err(format!(
            "{} : l'ancre « {ancre} » est introuvable dans {}",
            page.display(),
            fichier.display()
        ));
    }
    Ok(extrait)
}

/// Un bloc de code d'une page : la ligne de son ouverture (comptée depuis 1), son en-tête
/// (` ```rust,no_run ` → `rust,no_run`) et son code.
#[derive(Debug, PartialEq, Eq)]
pub struct Bloc {
    pub ligne: usize,
    pub entete: String,
    pub code: String,
}

impl Bloc {
    /// Le langage du bloc : `rust` pour ` ```rust,no_run `.
    pub fn langue(&self) -> &str {
        self.entete.split(',').next().unwrap_or_default().trim()
    }

    /// Le code tel que le compilateur le voit : les lignes cachées `# …` rendues visibles.
    pub fn code_complet(&self) -> String {
        self.code
            .lines()
            .map(|ligne| sans_marque_cachee(ligne).to_string() + "\n")
            .collect()
    }
}

/// Les blocs de code délimités par ` ``` ` d'une page, dans l'ordre.
pub fn blocs(texte: &str) -> Vec<Bloc> {
    let mut blocs = Vec::new();
    let mut courant: Option<Bloc> = None;
    for (index, ligne) in texte.lines().enumerate() {
        let debut = ligne.trim_start();
        match &mut courant {
            None => {
                if let Some(entete) = debut.strip_prefix("```") {
                    courant = Some(Bloc {
                        ligne: index + 1,
                        entete: entete.trim().to_string(),
                        code: String::new(),
                    });
                }
            }
            Some(_) if debut.starts_with("```") => blocs.extend(courant.take()),
            Some(bloc) => {
                bloc.code.push_str(ligne);
                bloc.code.push('\n');
            }
        }
    }
    blocs
}

/// Les lignes `# …` sont cachées au lecteur mais font partie du code (comme rustdoc et mdBook).
pub fn sans_marque_cachee(ligne: &str) -> &str {
    let debut = ligne.trim_start();
    if debut == "#" {
        ""
    } else {
        debut.strip_prefix("# ").unwrap_or(ligne)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trouve_les_blocs_leur_ligne_et_leur_langue() {
        let texte =
            "# Titre\n\n```yaml\nA: 1\n```\n\ntexte\n```rust,no_run\n# use x;\nfn f() {}\n```\n";
        let blocs = blocs(texte);
        assert_eq!(blocs.len(), 2);
        assert_eq!((blocs[0].ligne, blocs[0].langue()), (3, "yaml"));
        assert_eq!(blocs[0].code, "A: 1\n");
        assert_eq!((blocs[1].ligne, blocs[1].langue()), (8, "rust"));
        assert_eq!(blocs[1].code_complet(), "use x;\nfn f() {}\n");
    }

    #[test]
    fn le_nom_a_plat_garde_le_dossier_du_chapitre() {
        let chapitres = Path::new("/depot/chapters");
        let page = chapitres.join("ch03-integration-proxy/sam.md");
        assert_eq!(
            nom_a_plat(&page, chapitres),
            "ch03-integration-proxy-sam.md"
        );
    }

    #[test]
    fn une_ancre_absente_est_une_erreur_qui_nomme_la_page() {
        let dossier = std::env::temp_dir().join(format!("pages-{}", std::process::id()));
        fs::create_dir_all(&dossier).unwrap();
        fs::write(
            dossier.join("code.rs"),
            "// ANCHOR: a\nfn a() {}\n// ANCHOR_END: a\n",
        )
        .unwrap();
        let page = dossier.join("page.md");
        let developpe = developper_inclusions("{{#include code.rs:a}}\n", &page, |_| {}).unwrap();
        assert_eq!(developpe, "fn a() {}\n");
        let erreur = developper_inclusions("{{#include code.rs:b}}\n", &page, |_| {}).unwrap_err();
        assert!(
            erreur.contains("page.md") && erreur.contains("« b »"),
            "{erreur}"
        );
        fs::remove_dir_all(&dossier).unwrap();
    }
}
