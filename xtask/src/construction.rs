//! `cargo xtask construire` (et `cargo xtask test --complet`) : la preuve que `sam build`
//! fabrique les deux fonctions de `template.yaml` pour Lambda arm64, hors ligne et sans compte
//! AWS. cargo-lambda compile vers `aarch64-unknown-linux-gnu` avec zig comme éditeur de liens
//! (tous deux dans `.outils/venv`) ; chaque `bootstrap` produit est ensuite lu : un exécutable
//! ELF 64 bits pour la machine aarch64, dont on affiche la taille, nue et zippée.
//!
//! Les fichiers construits vont dans `target/sam-build` (pas dans `.aws-sam/`) : un clone reste
//! propre, et `cargo clean` les efface avec le reste.

use crate::console::{Echec, Resultat, exiger, lancer, racine};
use crate::outils::{assurer_outils_python, path_avec};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// La cible Rust des fonctions Lambda arm64 (Graviton).
const CIBLE: &str = "aarch64-unknown-linux-gnu";

/// Le dossier de construction de `sam build`, sous `target/`.
pub const DOSSIER: &str = "target/sam-build";

/// Les fonctions de `template.yaml`, dont `sam build` fait chacune un dossier, avec leur
/// binaire (`BuildProperties: Binary`).
pub const FONCTIONS: [(&str, &str); 2] = [
    ("ProduitsFunction", "api-produits"),
    ("AutorisateurFunction", "autorisateur"),
];

/// `e_machine` d'un ELF pour aarch64 (EM_AARCH64, 183).
const EM_AARCH64: u16 = 0xB7;

pub fn construire() -> Resultat {
    let bin = assurer_outils_python()?;
    assurer_cible()?;
    let mut sam = Command::new(bin.join("sam"));
    sam.args([
        "build",
        "--build-dir",
        DOSSIER,
        "--template-file",
        "template.yaml",
    ])
    .current_dir(racine())
    // sam y trouve cargo-lambda, et cargo-lambda y trouve zig (le python de l'environnement).
    .env("PATH", path_avec(&bin)?)
    .env("SAM_CLI_TELEMETRY", "0");
    exiger(
        "sam build : les deux fonctions pour Linux arm64 (une quinzaine de minutes à froid)",
        sam,
        "lisez l'erreur de cargo-lambda ci-dessus ; `cargo xtask construire` relance cette seule étape",
    )?;
    let dossier = racine().join(DOSSIER);
    for (fonction, _) in FONCTIONS {
        let chemin = dossier.join(fonction).join("bootstrap");
        let taille = verifier_bootstrap(&chemin)
            .map_err(|defaut| Echec::new(format!("{fonction} : {defaut}"), CONSEIL_BOOTSTRAP))?;
        let zippee = taille_zippee(&bin, &chemin)?;
        println!(
            "  ✓ {fonction}/bootstrap : exécutable ELF aarch64, {} (zippé : {})",
            taille_lisible(taille),
            taille_lisible(zippee)
        );
    }
    Ok(())
}

const CONSEIL_BOOTSTRAP: &str = "vérifiez `Metadata: BuildMethod: rust-cargolambda` et \
     `Architectures: [arm64]` de la fonction dans template.yaml, puis relancez `cargo xtask construire`";

/// La cible arm64, ajoutée par rustup (sans effet si elle est déjà là). Sans rustup, une
/// chaîne Rust qui a déjà la bibliothèque standard de la cible convient aussi.
pub fn assurer_cible() -> Resultat {
    let mut rustup = Command::new("rustup");
    rustup.args(["target", "add", CIBLE]);
    let raison = match lancer(rustup, |_| {}) {
        Ok(sortie) if sortie.succes => return Ok(()),
        Ok(sortie) => format!("`rustup target add {CIBLE}` a échoué :\n{}", sortie.fin(10)),
        Err(_) => "rustup est introuvable".to_string(),
    };
    if cible_deja_installee() {
        return Ok(());
    }
    Err(Echec::new(
        format!(
            "compilation croisée vers Linux arm64 indisponible : {raison}\n\
             (la bibliothèque standard de {CIBLE} manque à la chaîne Rust)"
        ),
        format!(
            "installez Rust avec rustup, puis `rustup target add {CIBLE}` (il la télécharge : \
             il faut l'accès au réseau une fois), et relancez"
        ),
    ))
}

/// La bibliothèque standard de [`CIBLE`] est-elle dans la racine de la chaîne Rust ?
fn cible_deja_installee() -> bool {
    let Ok(sortie) = Command::new("rustc").args(["--print", "sysroot"]).output() else {
        return false;
    };
    let racine_rust = String::from_utf8_lossy(&sortie.stdout).trim().to_string();
    Path::new(&racine_rust)
        .join("lib/rustlib")
        .join(CIBLE)
        .join("lib")
        .is_dir()
}

/// Vérifie que `chemin` est un exécutable ELF 64 bits petit-boutiste pour aarch64 ; renvoie
/// sa taille en octets, ou ce qui ne va pas.
fn verifier_bootstrap(chemin: &Path) -> Result<u64, String> {
    let nom = chemin
        .strip_prefix(racine())
        .unwrap_or(chemin)
        .display()
        .to_string();
    let meta = fs::metadata(chemin).map_err(|_| format!("{nom} est absent"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o111 == 0 {
            return Err(format!("{nom} n'est pas exécutable"));
        }
    }
    let mut entete = [0u8; 20];
    let lus = fs::File::open(chemin)
        .and_then(|mut f| f.read(&mut entete))
        .map_err(|e| format!("{nom} ne se lit pas ({e})"))?;
    machine_elf(&entete[..lus]).map_err(|defaut| format!("{nom} {defaut}"))?;
    Ok(meta.len())
}

/// Lit l'en-tête ELF : `Ok` pour un exécutable (ou exécutable indépendant de la position)
/// 64 bits petit-boutiste pour aarch64, sinon ce qui a été trouvé.
fn machine_elf(entete: &[u8]) -> Result<(), String> {
    if entete.len() < 20 || &entete[..4] != b"\x7fELF" {
        return Err("n'est pas un fichier ELF (en-tête absent ou tronqué)".to_string());
    }
    if entete[4] != 2 || entete[5] != 1 {
        return Err(format!(
            "est un ELF de classe {} et d'ordre {}, pas 64 bits petit-boutiste (2 et 1)",
            entete[4], entete[5]
        ));
    }
    let type_elf = u16::from_le_bytes([entete[16], entete[17]]);
    if type_elf != 2 && type_elf != 3 {
        return Err(format!(
            "est un ELF de type {type_elf}, pas un exécutable (2, ou 3 indépendant de la position)"
        ));
    }
    let machine = u16::from_le_bytes([entete[18], entete[19]]);
    if machine != EM_AARCH64 {
        let connue = match machine {
            0x3E => " (x86-64)",
            0x28 => " (ARM 32 bits)",
            _ => "",
        };
        return Err(format!(
            "est un ELF pour la machine {machine}{connue}, pas aarch64 ({EM_AARCH64})"
        ));
    }
    Ok(())
}

/// La taille de l'archive zip (deflate) de `chemin`, celle que SAM enverrait à Lambda :
/// calculée par le module `zipfile` du Python de `.outils/venv`, celui qu'utilise SAM.
fn taille_zippee(bin: &Path, chemin: &Path) -> Resultat<u64> {
    let script = "import io, sys, zipfile\n\
        tampon = io.BytesIO()\n\
        with zipfile.ZipFile(tampon, 'w', zipfile.ZIP_DEFLATED) as archive:\n\
        \x20   archive.write(sys.argv[1], 'bootstrap')\n\
        print(len(tampon.getvalue()))\n";
    let python: PathBuf = bin.join("python");
    let sortie = Command::new(&python)
        .args(["-c", script])
        .arg(chemin)
        .output()
        .map_err(|e| Echec::new(format!("{} ne se lance pas ({e})", python.display()), ""))?;
    let texte = String::from_utf8_lossy(&sortie.stdout);
    texte.trim().parse().map_err(|_| {
        Echec::new(
            format!(
                "la taille zippée de {} est illisible : {}",
                chemin.display(),
                String::from_utf8_lossy(&sortie.stderr)
            ),
            "",
        )
    })
}

/// Une taille en Kio ou Mio, à la française (virgule décimale).
fn taille_lisible(octets: u64) -> String {
    const KIO: f64 = 1024.0;
    let octets = octets as f64;
    let texte = if octets >= KIO * KIO {
        format!("{:.1} Mio", octets / (KIO * KIO))
    } else {
        format!("{:.0} Kio", octets / KIO)
    };
    texte.replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Les lignes `clé = valeur` de la section `[profile.release]` du `Cargo.toml` racine.
    fn profil_release() -> Vec<(String, String)> {
        let manifeste = fs::read_to_string(racine().join("Cargo.toml")).expect("Cargo.toml racine");
        manifeste
            .lines()
            .skip_while(|ligne| ligne.trim() != "[profile.release]")
            .skip(1)
            .take_while(|ligne| !ligne.trim_start().starts_with('['))
            .filter_map(|ligne| ligne.split_once('='))
            .map(|(cle, valeur)| (cle.trim().to_string(), valeur.trim().to_string()))
            .collect()
    }

    #[test]
    fn le_profil_release_ecrit_panic_unwind_sinon_cargo_lambda_compile_en_abort() {
        // cargo-lambda (que lance `sam build`) ajoute `panic = "abort"` quand le profil ne
        // fixe pas `panic` : la couche du chapitre 04 ne rattraperait plus aucune panique.
        let profil = profil_release();
        assert!(
            profil.contains(&("panic".to_string(), "\"unwind\"".to_string())),
            "[profile.release] du Cargo.toml racine doit contenir `panic = \"unwind\"` : {profil:?}"
        );
    }

    /// Un en-tête ELF 64 bits petit-boutiste de `type_elf` pour `machine`.
    fn entete(type_elf: u16, machine: u16) -> Vec<u8> {
        let mut octets = b"\x7fELF\x02\x01\x01\x00".to_vec();
        octets.extend([0; 8]);
        octets.extend(type_elf.to_le_bytes());
        octets.extend(machine.to_le_bytes());
        octets
    }

    #[test]
    fn un_executable_aarch64_est_accepte_qu_il_soit_fixe_ou_independant_de_la_position() {
        assert_eq!(machine_elf(&entete(2, 0xB7)), Ok(()));
        assert_eq!(machine_elf(&entete(3, 0xB7)), Ok(()));
    }

    #[test]
    fn un_binaire_x86_64_est_refuse_en_nommant_sa_machine() {
        let defaut = machine_elf(&entete(3, 0x3E)).unwrap_err();
        assert!(defaut.contains("62 (x86-64)"), "{defaut}");
    }

    #[test]
    fn une_bibliotheque_partagee_ou_un_texte_ne_sont_pas_des_executables_elf() {
        let objet = machine_elf(&entete(1, 0xB7)).unwrap_err();
        assert!(objet.contains("type 1"), "{objet}");
        let texte = machine_elf(b"#!/bin/sh\necho bonjour\n").unwrap_err();
        assert!(texte.contains("pas un fichier ELF"), "{texte}");
        assert!(machine_elf(&entete(3, 0xB7)[..10]).is_err());
    }

    #[test]
    fn un_elf_32_bits_est_refuse() {
        let mut octets = entete(2, 0xB7);
        octets[4] = 1;
        assert!(machine_elf(&octets).unwrap_err().contains("classe 1"));
    }

    #[test]
    fn les_tailles_s_ecrivent_en_kio_ou_en_mio_avec_une_virgule() {
        assert_eq!(taille_lisible(512 * 1024), "512 Kio");
        assert_eq!(taille_lisible(5 * 1024 * 1024 + 300 * 1024), "5,3 Mio");
    }
}
