//! Ce que le lecteur voit : chaque page du livre construit, ouverte dans Chromium à 1280 px.
//! Chaque diagramme mermaid est dessiné en SVG, sans erreur, et lisible (pas réduit sous 60 %
//! dans la colonne de texte) ; aucun tableau ne déborde de la colonne ; la console reste sans
//! erreur ; chaque lien interne mène à une page et à un titre qui existent.

use crate::console::{Echec, Resultat, racine};
use crate::livre;
use crate::outils::assurer_chromium;
use navigateur::Chromium;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// En deçà, le texte d'un diagramme devient trop petit pour être lu.
const ECHELLE_MINIMUM: f64 = 0.6;

/// Mesure la page, une fois ses diagrammes dessinés.
const MESURE: &str = r#"(() => {
  const colonne = document.querySelector('main').clientWidth;
  const diagrammes = [...document.querySelectorAll('pre.mermaid')].map((bloc, i) => {
    const svg = bloc.querySelector('svg');
    if (!svg) return { numero: i + 1, dessine: false };
    const erreur = svg.getAttribute('aria-roledescription') === 'error'
      || svg.textContent.includes('Syntax error');
    const naturelle = svg.viewBox.baseVal ? svg.viewBox.baseVal.width : 0;
    const affichee = svg.getBoundingClientRect().width;
    return { numero: i + 1, dessine: true, erreur,
             echelle: naturelle > 0 ? affichee / naturelle : 1, largeur: naturelle };
  });
  const tableaux = [...document.querySelectorAll('main table')].map((t, i) =>
    ({ numero: i + 1, largeur: t.scrollWidth, debut: t.innerText.slice(0, 40) }));
  const liens = [...document.querySelectorAll('main a[href]')]
    .filter(a => a.protocol === 'file:')
    .map(a => ({ texte: a.textContent.slice(0, 40),
                 fichier: decodeURIComponent(a.pathname),
                 ancre: decodeURIComponent(a.hash.slice(1)) }));
  return { colonne, diagrammes, tableaux, liens };
})()"#;

/// Les diagrammes sont dessinés (ou ont échoué) : mermaid a traité chaque bloc.
const DESSINES: &str = "[...document.querySelectorAll('pre.mermaid')]\
    .every(b => b.querySelector('svg') || b.getAttribute('data-processed'))";

/// Construit le livre dans un dossier propre à cette vérification, puis l'examine page par page.
pub fn verifier() -> Resultat {
    assurer_chromium()?;
    let livre = racine()
        .join("target/livre-verifie")
        .join(std::process::id().to_string());
    let _ = fs::remove_dir_all(&livre);
    livre::construire_dans(&livre)?;
    let pages = pages_html(&livre);
    let debut = Instant::now();
    let mut chromium = Chromium::lancer(1280, 900).map_err(|e| {
        Echec::new(
            e,
            "vérifiez que Chromium démarre : chromium --headless --version",
        )
    })?;
    let mut problemes = Vec::new();
    let mut diagrammes = 0;
    for page in &pages {
        let nom = source_de(page, &livre);
        let url = format!("file://{}", page.display());
        let mesure = chromium
            .ouvrir(&url)
            .and_then(|()| chromium.attendre(DESSINES, Duration::from_secs(15)))
            .and_then(|()| chromium.evaluer(MESURE));
        match mesure {
            Ok(mesure) => {
                diagrammes += mesure["diagrammes"].as_array().map_or(0, Vec::len);
                problemes.extend(juger(&mesure).into_iter().map(|p| format!("{nom} : {p}")));
            }
            Err(erreur) => problemes.push(format!("{nom} : {erreur}")),
        }
        for erreur in chromium.erreurs_console() {
            problemes.push(format!("{nom} : erreur dans la console : {erreur}"));
        }
    }
    if problemes.is_empty() {
        let _ = fs::remove_dir_all(&livre);
        eprintln!(
            "✓ rendu dans Chromium : {} pages, {diagrammes} diagrammes, liens et tableaux ({} s)",
            pages.len(),
            debut.elapsed().as_secs()
        );
        return Ok(());
    }
    Err(Echec::new(
        format!(
            "ce que le lecteur verrait ne va pas :\n  {}",
            problemes.join("\n  ")
        ),
        "corrigez la page en cause ; `cargo xtask serve` la montre telle qu'elle est rendue",
    ))
}

/// Ce qui ne va pas sur une page mesurée.
fn juger(mesure: &Value) -> Vec<String> {
    let mut problemes = Vec::new();
    let colonne = mesure["colonne"].as_f64().unwrap_or(0.0);
    for d in mesure["diagrammes"].as_array().into_iter().flatten() {
        let numero = &d["numero"];
        if d["dessine"] != true {
            problemes.push(format!("le diagramme n° {numero} n'est pas dessiné"));
        } else if d["erreur"] == true {
            problemes.push(format!(
                "le diagramme n° {numero} a une erreur de syntaxe mermaid"
            ));
        } else if let Some(echelle) = d["echelle"].as_f64()
            && echelle < ECHELLE_MINIMUM
        {
            problemes.push(format!(
                "le diagramme n° {numero} fait {:.0} px de large : affiché à {:.0} %, il est illisible \
                 (moins de participants, des libellés plus courts, ou flowchart TB)",
                d["largeur"].as_f64().unwrap_or(0.0),
                echelle * 100.0
            ));
        }
    }
    for t in mesure["tableaux"].as_array().into_iter().flatten() {
        let largeur = t["largeur"].as_f64().unwrap_or(0.0);
        if largeur > colonne + 1.0 {
            problemes.push(format!(
                "le tableau n° {} (« {} … ») fait {largeur:.0} px pour une colonne de {colonne:.0} px \
                 (mettez le code long sous le tableau)",
                t["numero"],
                t["debut"].as_str().unwrap_or_default().replace('\n', " ")
            ));
        }
    }
    for lien in mesure["liens"].as_array().into_iter().flatten() {
        let fichier = Path::new(lien["fichier"].as_str().unwrap_or_default());
        let ancre = lien["ancre"].as_str().unwrap_or_default();
        let texte = lien["texte"].as_str().unwrap_or_default();
        match fs::read_to_string(fichier) {
            Err(_) => problemes.push(format!(
                "le lien « {texte} » mène à {}, qui n'existe pas",
                fichier.display()
            )),
            Ok(html) if !ancre.is_empty() && !html.contains(&format!("id=\"{ancre}\"")) => {
                problemes.push(format!(
                    "le lien « {texte} » mène à #{ancre}, absent de {}",
                    fichier.file_name().unwrap_or_default().to_string_lossy()
                ))
            }
            Ok(_) => {}
        }
    }
    problemes
}

/// Les pages HTML du livre, sans celles qui reprennent les autres (la version imprimable, la
/// table des matières, `index.html` qui copie la première page), ni `404.html`, dont les
/// ressources ne se chargent que depuis la racine d'un serveur.
fn pages_html(dossier: &Path) -> Vec<PathBuf> {
    let racine = dossier.to_path_buf();
    let mut pages = pages::fichiers(dossier, "html");
    pages.retain(|page| {
        let nom = page.file_name().unwrap_or_default();
        nom != "print.html"
            && nom != "toc.html"
            && *page != racine.join("index.html")
            && *page != racine.join("404.html")
    });
    pages
}

/// `target/livre/ch03-integration-proxy/sam.html` → `chapters/ch03-integration-proxy/sam.md`.
fn source_de(page: &Path, livre: &Path) -> String {
    let relatif = page
        .strip_prefix(livre)
        .unwrap_or(page)
        .with_extension("md");
    format!("chapters/{}", relatif.display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn un_diagramme_trop_reduit_ou_un_tableau_trop_large_est_signale() {
        let mesure = json!({
            "colonne": 750.0,
            "diagrammes": [
                {"numero": 1, "dessine": true, "erreur": false, "echelle": 0.38, "largeur": 1980.0},
                {"numero": 2, "dessine": true, "erreur": false, "echelle": 1.0, "largeur": 500.0},
                {"numero": 3, "dessine": false}
            ],
            "tableaux": [{"numero": 1, "largeur": 910.0, "debut": "format"}, {"numero": 2, "largeur": 700.0, "debut": "x"}],
            "liens": []
        });
        let problemes = juger(&mesure);
        assert_eq!(problemes.len(), 3, "{problemes:?}");
        assert!(problemes[0].contains("n° 1") && problemes[0].contains("38 %"));
        assert!(problemes[1].contains("n° 3 n'est pas dessiné"));
        assert!(problemes[2].contains("910 px"));
    }

    #[test]
    fn la_page_source_se_deduit_du_html() {
        let livre = Path::new("/d/target/livre");
        assert_eq!(
            source_de(&livre.join("ch03-x/README.html"), livre),
            "chapters/ch03-x/README.md"
        );
        assert_eq!(
            source_de(&livre.join("ch03-x/sam.html"), livre),
            "chapters/ch03-x/sam.md"
        );
    }
}
