//! Construire et servir le livre (mdBook, avec les diagrammes mermaid dessinés hors ligne).

use crate::console::{Echec, Resultat, exiger, racine};
use crate::outils::{MDBOOK, MDBOOK_MERMAID, path_avec};
use std::path::Path;
use std::process::Command;

/// Installe ce qu'il faut et renvoie la commande `mdbook`, prête à trouver son préprocesseur.
fn mdbook() -> Resultat<Command> {
    let mdbook = MDBOOK.assurer()?;
    let mermaid = MDBOOK_MERMAID.assurer()?;
    let livre = racine().join("book");
    if !livre.join("mermaid.min.js").is_file() || !livre.join("mermaid-init.js").is_file() {
        // Le JavaScript de mermaid est dans l'exécutable : aucun téléchargement.
        let mut installation = Command::new(&mermaid);
        installation.arg("install").arg(&livre);
        exiger(
            "mdbook-mermaid install book",
            installation,
            "supprimez book/mermaid*.js et relancez",
        )?;
    }
    // mdBook lance le préprocesseur par son nom : son dossier doit être dans le PATH.
    let dossier_mermaid = mermaid.parent().unwrap_or(Path::new(""));
    let mut commande = Command::new(mdbook);
    commande
        .env("PATH", path_avec(dossier_mermaid)?)
        .current_dir(racine());
    Ok(commande)
}

/// `mdbook build book` : le livre construit dans `target/livre/`, celui que sert `serve`.
pub fn construire() -> Resultat {
    construire_dans(&racine().join("target/livre"))
}

/// Le livre construit dans `dossier` : un dossier par vérification, pour que deux vérifications
/// simultanées (ou `serve`) ne vident pas le livre l'une de l'autre.
pub fn construire_dans(dossier: &Path) -> Resultat {
    let mut commande = mdbook()?;
    commande.args(["build", "book", "--dest-dir"]).arg(dossier);
    exiger(
        "mdbook build",
        commande,
        "corrigez le chapitre en cause (lien, SUMMARY.md, bloc mermaid), puis relancez",
    )
    .map(drop)
}

/// `mdbook serve` sur 127.0.0.1 ; s'arrête avec Ctrl+C.
pub fn servir(port: u16) -> Resultat {
    construire()?;
    let adresse = format!("http://127.0.0.1:{port}");
    println!("\nLe cours est servi sur {adresse} (Ctrl+C pour arrêter).");
    println!("Les pages se rechargent quand vous modifiez un chapitre.\n");
    let mut commande = mdbook()?;
    commande.args(["serve", "book", "-n", "127.0.0.1", "-p", &port.to_string()]);
    let statut = commande
        .status()
        .map_err(|e| Echec::new(format!("mdbook serve n'a pas démarré ({e})"), ""))?;
    if statut.success() {
        Ok(())
    } else {
        Err(Echec::new(
            "mdbook serve s'est arrêté sur une erreur",
            format!("le port {port} est peut-être pris : essayez `cargo xtask serve --port 3001`"),
        ))
    }
}
