//! Les outils que le cours installe lui-même, à la version fixée : d'abord ceux déjà présents
//! dans le PATH à la bonne version, sinon une installation dans `.outils/` (une fois par clone).

use crate::console::{Echec, Resultat, cargo, exiger, racine};
use std::path::{Path, PathBuf};
use std::process::Command;

/// mdBook, qui construit et sert le livre.
pub const MDBOOK: Outil = Outil {
    nom: "mdbook",
    version: "0.5.4",
};

/// Le préprocesseur qui dessine les diagrammes mermaid, sans réseau.
pub const MDBOOK_MERMAID: Outil = Outil {
    nom: "mdbook-mermaid",
    version: "0.17.1",
};

/// Un outil publié sur crates.io, installé par `cargo install`.
pub struct Outil {
    pub nom: &'static str,
    pub version: &'static str,
}

impl Outil {
    /// Le chemin d'un exécutable de l'outil à la bonne version ; l'installe s'il manque.
    pub fn assurer(&self) -> Resultat<PathBuf> {
        if let Some(chemin) = self.trouver() {
            return Ok(chemin);
        }
        let racine_outils = dossier_outils();
        let mut installation = cargo(&["install", self.nom, "--version", self.version, "--locked"]);
        installation.arg("--root").arg(&racine_outils);
        exiger(
            &format!(
                "installation de {} {} (quelques minutes, une seule fois)",
                self.nom, self.version
            ),
            installation,
            "l'installation passe par crates.io : vérifiez l'accès au registre, puis relancez",
        )?;
        self.trouver().ok_or_else(|| {
            Echec::new(
                format!(
                    "{} {} reste introuvable après son installation",
                    self.nom, self.version
                ),
                format!(
                    "regardez le contenu de {}",
                    racine_outils.join("bin").display()
                ),
            )
        })
    }

    fn trouver(&self) -> Option<PathBuf> {
        let local = dossier_outils().join("bin").join(self.nom);
        [local, PathBuf::from(self.nom)]
            .into_iter()
            .find(|chemin| version_de(chemin).as_deref() == Some(self.version))
    }
}

/// `.outils/` à la racine du dépôt (ignoré par git).
pub fn dossier_outils() -> PathBuf {
    racine().join(".outils")
}

/// La version qu'affiche `<outil> --version` (« mdbook v0.5.4 » → « 0.5.4 »).
fn version_de(executable: &Path) -> Option<String> {
    let sortie = Command::new(executable).arg("--version").output().ok()?;
    let texte = String::from_utf8_lossy(&sortie.stdout);
    let dernier = texte.split_whitespace().last()?;
    Some(dernier.trim_start_matches('v').to_string())
}

/// Vérifie que rustfmt et clippy sont là ; sinon, les ajoute avec rustup.
pub fn assurer_composants_rust() -> Resultat {
    let present = |commande: &str| {
        cargo(&[commande, "--version"])
            .output()
            .is_ok_and(|sortie| sortie.status.success())
    };
    if present("fmt") && present("clippy") {
        return Ok(());
    }
    let mut rustup = Command::new("rustup");
    rustup.args(["component", "add", "rustfmt", "clippy"]);
    exiger(
        "rustup component add rustfmt clippy",
        rustup,
        "installez rustfmt et clippy avec rustup, puis relancez",
    )
    .map(drop)
}
