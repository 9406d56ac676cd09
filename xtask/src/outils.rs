//! Les outils que le cours installe lui-même, à la version fixée : d'abord ceux déjà présents
//! dans le PATH à la bonne version, sinon une installation dans `.outils/` (une fois par clone).

use crate::console::{Echec, Resultat, cargo, exiger, racine};
use std::path::{Path, PathBuf};
use std::process::Command;

/// mdBook, qui construit et sert le livre.
pub const MDBOOK: Outil = Outil {
    nom: "mdbook",
    version: "0.5.0",
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

/// Les outils Python du cours, à la version fixée : vérification des gabarits SAM
/// (cfn-lint ≥ 1.58, SAM CLI), cargo-lambda, et zig, l'éditeur de liens avec lequel
/// cargo-lambda compile vers Linux arm64 depuis n'importe quelle machine.
const OUTILS_PYTHON: &[&str] = &[
    "cfn-lint==1.58.0",
    "aws-sam-cli==1.170.0",
    "cargo-lambda==1.9.2",
    "ziglang==0.17.1",
];

/// Le dossier `bin` d'un environnement Python propre au dépôt (`.outils/venv`), où les outils
/// Python sont installés ; les installe s'il le faut (environ 3 min, une seule fois).
pub fn assurer_outils_python() -> Resultat<PathBuf> {
    let venv = dossier_outils().join("venv");
    let bin = venv.join("bin");
    if !bin.join("python").exists() {
        let mut creation = Command::new("python3");
        creation.args(["-m", "venv"]).arg(&venv);
        exiger(
            "python3 -m venv .outils/venv",
            creation,
            "installez Python 3 avec le module venv (Debian : paquet python3-venv), puis relancez",
        )?;
    }
    installer_paquets_python(
        &bin,
        "outils-installes.txt",
        OUTILS_PYTHON,
        "installation de cfn-lint, SAM CLI, cargo-lambda et zig (environ 3 min, une seule fois)",
    )?;
    Ok(bin)
}

/// Installe `paquets` (versions fixées) dans `.outils/venv` avec pip, une seule fois : le
/// fichier témoin `temoin` du venv garde la liste installée, et une autre liste réinstalle.
pub fn installer_paquets_python(
    bin: &Path,
    temoin: &str,
    paquets: &[&str],
    titre: &str,
) -> Resultat {
    let temoin = dossier_outils().join("venv").join(temoin);
    let attendu = paquets.join("\n");
    if std::fs::read_to_string(&temoin).is_ok_and(|installe| installe == attendu) {
        return Ok(());
    }
    let mut pip = Command::new(bin.join("pip"));
    pip.args(["install", "--quiet"]).args(paquets);
    exiger(
        titre,
        pip,
        "l'installation passe par PyPI : vérifiez l'accès au registre, puis relancez",
    )?;
    std::fs::write(&temoin, attendu)
        .map_err(|e| Echec::new(format!("écriture de {} ({e})", temoin.display()), ""))
}

/// dynalite, le serveur compatible DynamoDB des tests de l'atelier 09 (npm, version fixée) :
/// installé dans `.outils/dynalite`, où le banc d'essai de l'atelier le cherche.
const DYNALITE: &str = "dynalite@4.0.0";

/// Installe dynalite dans `.outils/dynalite` s'il n'y est pas déjà, à la bonne version.
pub fn assurer_dynalite() -> Resultat {
    let dossier = dossier_outils().join("dynalite");
    let paquet = dossier.join("node_modules/dynalite/package.json");
    let version = DYNALITE.trim_start_matches("dynalite@");
    let installe = std::fs::read_to_string(&paquet)
        .is_ok_and(|texte| texte.contains(&format!("\"version\": \"{version}\"")));
    if installe {
        return Ok(());
    }
    let mut npm = Command::new("npm");
    npm.args(["install", "--no-audit", "--no-fund", "--prefix"])
        .arg(&dossier)
        .arg(DYNALITE);
    exiger(
        &format!(
            "npm install --prefix .outils/dynalite {DYNALITE} (quelques secondes, une seule fois)"
        ),
        npm,
        "dynalite vient du registre npm : installez Node.js ≥ 20 et npm, vérifiez l'accès au \
         registre, puis relancez",
    )
    .map(drop)
}

/// `PATH` avec `dossier` en tête, pour qu'un outil y trouve ses compagnons.
pub fn path_avec(dossier: &Path) -> Resultat<std::ffi::OsString> {
    let mut chemins: Vec<PathBuf> = Some(dossier.to_path_buf())
        .filter(|d| !d.as_os_str().is_empty())
        .into_iter()
        .collect();
    chemins.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(chemins).map_err(|e| Echec::new(format!("PATH invalide ({e})"), ""))
}

/// Chromium, le navigateur des vérifications de rendu : celui du `PATH` (ou de `CHROMIUM`),
/// sinon le paquet Debian `chromium`, installé par apt-get quand on est root (comme en CI).
pub fn assurer_chromium() -> Resultat<PathBuf> {
    if let Some(chemin) = navigateur::executable() {
        return Ok(chemin);
    }
    installer_paquet_debian(
        "chromium",
        "Chromium est introuvable",
        "installez-le (Debian, Ubuntu : `sudo apt-get install chromium`) ou donnez son chemin \
         dans la variable CHROMIUM, puis relancez",
        "installation de Chromium (paquet Debian, environ 2 min, une seule fois)",
    )?;
    navigateur::executable().ok_or_else(|| {
        Echec::new(
            "Chromium reste introuvable après son installation",
            "cherchez l'exécutable (`dpkg -L chromium | grep bin/`) et donnez-le dans CHROMIUM",
        )
    })
}

/// wrk, le générateur de charge de `cargo xtask bench` : celui du `PATH`, sinon le paquet
/// Debian `wrk`, installé par apt-get quand on est root (comme en CI).
pub fn assurer_wrk() -> Resultat<PathBuf> {
    // `wrk -v` écrit sa version et sort en erreur : il suffit qu'il démarre.
    let present = || Command::new("wrk").arg("-v").output().is_ok();
    if !present() {
        installer_paquet_debian(
            "wrk",
            "wrk, le générateur de charge, est introuvable",
            "installez-le (Debian, Ubuntu : `sudo apt-get install wrk` ; macOS : `brew install \
             wrk`), puis relancez",
            "installation de wrk (paquet Debian, quelques secondes, une seule fois)",
        )?;
    }
    if present() {
        Ok(PathBuf::from("wrk"))
    } else {
        Err(Echec::new(
            "wrk reste introuvable après son installation",
            "vérifiez `command -v wrk`, puis relancez",
        ))
    }
}

/// Installe le paquet Debian `paquet` par apt-get, si l'on est root ; sinon, l'échec
/// `introuvable` avec son conseil (la commande à taper soi-même).
fn installer_paquet_debian(
    paquet: &str,
    introuvable: &str,
    conseil_sans_root: &str,
    titre: &str,
) -> Resultat {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|sortie| sortie.stdout.starts_with(b"0\n"));
    if !root {
        return Err(Echec::new(introuvable, conseil_sans_root));
    }
    let apt = |arguments: &[&str]| {
        let mut commande = Command::new("apt-get");
        commande
            .args(arguments)
            .env("DEBIAN_FRONTEND", "noninteractive");
        commande
    };
    let conseil =
        "l'installation passe par les paquets Debian : vérifiez l'accès au dépôt, puis relancez";
    exiger("apt-get update", apt(&["update", "-q"]), conseil)?;
    exiger(
        titre,
        apt(&["install", "-y", "-q", "--no-install-recommends", paquet]),
        conseil,
    )
    .map(drop)
}
