//! `cargo xtask bench` : les mesures du cours, publiées dans le livre (annexe « Mesures »).
//! Ce module installe ce qu'il faut et construit ce qui est mesuré ; la mesure elle-même, la
//! page et ses figures sont le travail du crate `mesures` (son binaire, en `release`).
//!
//! `cargo xtask test` vérifie que la page commise est celle que `mesures.json` donne
//! aujourd'hui : les chiffres ne s'écrivent jamais à la main.

use crate::console::{Echec, Resultat, cargo, exiger, racine};
use crate::outils::{Outil, assurer_dynalite, assurer_outils_python, installer_paquets_python};
use crate::{construction, outils};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Le dossier de la page, de son JSON et de ses figures.
pub const DOSSIER: &str = "chapters/annexe-mesures";

/// Le générateur de charge de la section 4.
const OHA: Outil = Outil {
    nom: "oha",
    version: "1.16.0",
};

/// Ce que la fonction Python du démarrage à froid importe, dans `.outils/venv`.
const PAQUETS_PYTHON: &[&str] = &["awslambdaric==4.2.2", "boto3==1.44.5"];

/// Le dossier de `sam build` (`cargo xtask construire`), et ses deux fonctions.
const SAM_BUILD: &str = "target/sam-build";
const FONCTIONS: [&str; 2] = ["ProduitsFunction", "AutorisateurFunction"];

/// `cargo xtask bench [--rapide]`.
pub fn mesurer(rapide: bool) -> Resultat {
    let mut etapes = Vec::new();
    let debut = Instant::now();
    let bin = assurer_outils_python()?;
    assurer_paquets_python(&bin)?;
    let oha = OHA.assurer()?;
    assurer_dynalite()?;
    etapes.push(format!(
        "installation des outils={}",
        debut.elapsed().as_secs_f64()
    ));

    let debut = Instant::now();
    let sam_build = racine().join(SAM_BUILD);
    let present = |f: &str| sam_build.join(f).join("bootstrap").is_file();
    let origine = if FONCTIONS.iter().all(|f| present(f)) {
        "les `bootstrap` de `sam build`, déjà construits (`cargo xtask construire`)"
    } else {
        construction::construire()?;
        etapes.push(format!(
            "paquets arm64 (sam build)={}",
            debut.elapsed().as_secs_f64()
        ));
        "les `bootstrap` de `sam build` (`cargo xtask construire`)"
    };

    let debut = Instant::now();
    // En une seule commande, les binaires et le banc criterion : les fonctionnalités des
    // dépendances sont alors unifiées une fois, et `cargo bench` ne recompile rien.
    exiger(
        "construction release (x86_64) : api-produits, autorisateur, mesures et son banc",
        cargo(&[
            "build",
            "--release",
            "-p",
            "api-produits",
            "-p",
            "mesures",
            "--bins",
            "--benches",
        ]),
        "corrigez l'erreur de compilation ci-dessus, puis relancez",
    )?;
    etapes.push(format!(
        "construction release (x86_64)={}",
        debut.elapsed().as_secs_f64()
    ));

    let mut commande = Command::new(racine().join("target/release/mesures"));
    commande
        .arg("mesurer")
        .arg("--sortie")
        .arg(racine().join(DOSSIER))
        .arg("--python")
        .arg(bin.join("python"))
        .arg("--oha")
        .arg(&oha)
        .arg("--arm64")
        .arg(&sam_build)
        .arg("--arm64-origine")
        .arg(origine)
        .current_dir(racine())
        .env("CARGO", env!("CARGO"))
        .env("PATH", outils::path_avec(&bin)?);
    if rapide {
        commande.arg("--rapide");
    }
    for etape in &etapes {
        commande.arg("--etape").arg(etape);
    }
    // La mesure (qui porte la passerelle en elle) écrit son avancement elle-même : pas d'indicateur par-dessus.
    let statut = commande.status().map_err(|e| {
        Echec::new(
            format!("target/release/mesures ne démarre pas ({e})"),
            "relancez `cargo xtask bench`",
        )
    })?;
    if !statut.success() {
        return Err(Echec::new(
            "la mesure a échoué (voir ci-dessus)",
            "corrigez la cause, puis relancez `cargo xtask bench` (ou `--rapide` pour essayer)",
        ));
    }
    println!(
        "\n✓ Mesures écrites : {DOSSIER}/README.md, mesures.json et figures/. Relisez la page \
         (`cargo xtask serve`), puis commettez les trois."
    );
    Ok(())
}

/// awslambdaric et boto3 dans `.outils/venv`, aux versions fixées (une fois par clone).
fn assurer_paquets_python(bin: &Path) -> Resultat {
    installer_paquets_python(
        bin,
        "mesures-installes.txt",
        PAQUETS_PYTHON,
        "installation d'awslambdaric et boto3 dans .outils/venv (quelques secondes, une fois)",
    )
}

/// Dans `cargo xtask test` : la page et les figures commises sont celles que `mesures.json`
/// donne aujourd'hui, octet pour octet.
pub fn verifier() -> Resultat {
    let dossier = racine().join(DOSSIER);
    let json = dossier.join("mesures.json");
    if !json.is_file() {
        return Err(Echec::new(
            format!("{DOSSIER}/mesures.json est absent"),
            "lancez `cargo xtask bench`, puis commettez la page, le JSON et les figures",
        ));
    }
    let essai = racine()
        .join("target/mesures/verification")
        .join(std::process::id().to_string());
    let _ = fs::remove_dir_all(&essai);
    let mut rendu = cargo(&["run", "-q", "-p", "mesures", "--", "rendre"]);
    rendu.arg(&json).arg(&essai);
    exiger(
        "page des mesures, réécrite à partir de mesures.json",
        rendu,
        "corrigez le crate mesures (src/page.rs, src/graphiques.rs)",
    )?;
    let differences = comparer(&essai, &dossier);
    let _ = fs::remove_dir_all(&essai);
    if let Some(fichier) = differences.first() {
        return Err(Echec::new(
            format!(
                "{DOSSIER}/{fichier} n'est pas ce que mesures.json donne aujourd'hui \
                 ({} fichier(s) différent(s))",
                differences.len()
            ),
            "ne modifiez jamais la page à la main : relancez `cargo xtask bench` (ou \
             `cargo run -p mesures -- rendre chapters/annexe-mesures/mesures.json \
             chapters/annexe-mesures` après un changement de mise en page), puis commettez",
        ));
    }
    eprintln!("✓ page des mesures : conforme à mesures.json");
    Ok(())
}

/// Les fichiers (page, figures) qui diffèrent entre `attendu` et `commis`, ou qui manquent
/// d'un côté, en chemins relatifs.
fn comparer(attendu: &Path, commis: &Path) -> Vec<String> {
    let mut noms: Vec<PathBuf> = vec![PathBuf::from("README.md")];
    for cote in [attendu, commis] {
        for entree in fs::read_dir(cote.join("figures"))
            .into_iter()
            .flatten()
            .flatten()
        {
            noms.push(Path::new("figures").join(entree.file_name()));
        }
    }
    noms.sort();
    noms.dedup();
    noms.into_iter()
        .filter(|nom| fs::read(attendu.join(nom)).ok() != fs::read(commis.join(nom)).ok())
        .map(|nom| nom.display().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn une_figure_en_trop_en_moins_ou_changee_est_une_difference() {
        let base = std::env::temp_dir().join(format!("xtask-mesures-{}", std::process::id()));
        let (a, b) = (base.join("a"), base.join("b"));
        for dossier in [&a, &b] {
            fs::create_dir_all(dossier.join("figures")).expect("dossier d'essai");
            fs::write(dossier.join("README.md"), "page").expect("page");
            fs::write(dossier.join("figures/un.svg"), "<svg/>").expect("figure");
        }
        assert!(comparer(&a, &b).is_empty(), "deux dossiers identiques");
        fs::write(b.join("figures/un.svg"), "<svg></svg>").expect("figure changée");
        fs::write(a.join("figures/deux.svg"), "<svg/>").expect("figure en trop");
        assert_eq!(comparer(&a, &b), ["figures/deux.svg", "figures/un.svg"]);
        let _ = fs::remove_dir_all(&base);
    }
}
