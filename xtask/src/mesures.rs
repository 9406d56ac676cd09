//! `cargo xtask bench` : les mesures du cours, publiées dans le livre (annexe « Mesures »).
//! Ce module installe ce qu'il faut et construit ce qui est mesuré ; la mesure elle-même, la
//! page et ses figures sont le travail du crate `mesures` (son binaire, en `release`).
//!
//! Les constructions vont par deux voies en même temps, car une construction `release` laisse
//! souvent un cœur sur deux libre (la fin d'un gros crate, l'édition des liens avec LTO) :
//! - voie 1 : les binaires `release` x86_64 (les fonctions et `mesures`) ;
//! - voie 2 : les installations, les `bootstrap` arm64 (dans leur propre dossier `target`, pour
//!   ne pas attendre le verrou de la voie 1), puis les tests de chaque atelier en `debug`,
//!   l'état où `cargo xtask test` laisse le dépôt.
//!
//! Trois voies (les ateliers à part) ne vont pas plus vite sur deux cœurs : la construction
//! `release` y perd plus que les ateliers n'y gagnent.
//!
//! Les mesures ne commencent qu'ensuite, sur une machine qui ne compile plus rien. Le test
//! `mesures/tests/page_commise.rs` vérifie que la page commise est celle que `mesures.json`
//! donne aujourd'hui : les chiffres ne s'écrivent jamais à la main.

use crate::console::{Echec, Resultat, cargo, exiger, lancer, racine};
use crate::outils::{
    assurer_dynalite, assurer_outils_python, assurer_wrk, installer_paquets_python,
};
use crate::{ateliers, construction, outils};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// Le dossier de la page, de son JSON et de ses figures.
pub const DOSSIER: &str = "chapters/annexe-mesures";

/// Ce que la fonction Python du démarrage à froid importe, dans `.outils/venv`.
const PAQUETS_PYTHON: &[&str] = &["awslambdaric==4.2.2", "boto3==1.44.5"];

/// Le dossier `target` des `bootstrap` arm64 que construit la mesure elle-même.
const ARM64: &str = "target/mesures/arm64";

/// Une étape chronométrée, pour la page : `nom=secondes`, ou `N:nom=secondes` dans la voie N.
fn etape(voie: Option<u8>, nom: &str, debut: Instant) -> String {
    let voie = voie.map(|n| format!("{n}:")).unwrap_or_default();
    format!("{voie}{nom}={}", debut.elapsed().as_secs_f64())
}

/// `cargo xtask bench [--rapide]`.
pub fn mesurer(rapide: bool) -> Resultat {
    let debut = Instant::now();
    let (voie_1, voie_2) = std::thread::scope(|portee| {
        let voie_1 = portee.spawn(construire_x86_64);
        // La voie 2 d'abord, pendant que la voie 1 travaille ; on attend la voie 1 ensuite.
        let voie_2 = installer_et_construire();
        if let Err(echec) = &voie_2 {
            // Dit tout de suite, et non après les minutes de la construction release.
            eprintln!(
                "✗ {}\n  → la mesure s'arrêtera dès la fin de la construction release (x86_64)",
                echec.message
            );
        }
        (voie_1.join(), voie_2)
    });
    let mut etapes = voie_1
        .unwrap_or_else(|_| Err(Echec::new("la construction release a paniqué", "relancez")))?;
    let Voie2 {
        bin,
        wrk,
        bootstraps,
        origine,
        etapes: etapes_2,
    } = voie_2?;
    etapes.extend(etapes_2);
    etapes.push(etape(
        None,
        "constructions et installations (les deux voies)",
        debut,
    ));

    let mut commande = Command::new(racine().join("target/release/mesures"));
    commande
        .arg("mesurer")
        .arg("--sortie")
        .arg(racine().join(DOSSIER))
        .arg("--python")
        .arg(bin.join("python"))
        .arg("--wrk")
        .arg(&wrk)
        .arg("--arm64-origine")
        .arg(origine)
        .current_dir(racine())
        .env("CARGO", env!("CARGO"))
        .env("CRITERION_HOME", racine().join("target/mesures/criterion"))
        .env("PATH", outils::path_avec(&bin)?);
    for (fonction, chemin) in &bootstraps {
        commande
            .arg("--arm64")
            .arg(format!("{fonction}={}", chemin.display()));
    }
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
        "\n✓ Mesures écrites : {DOSSIER}/README.md, mesures.json et figures/ ({:.0} s en tout). \
         Relisez la page (`cargo xtask serve`), puis commettez les trois.",
        debut.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Voie 1 : les binaires `release` x86_64, en une commande (les fonctionnalités des
/// dépendances sont unifiées une fois). Sans indicateur : la voie 2 a le sien.
fn construire_x86_64() -> Resultat<Vec<String>> {
    let debut = Instant::now();
    let titre = "construction release (x86_64) : api-produits, autorisateur et mesures";
    eprintln!("→ {titre}, pendant les étapes suivantes…");
    let sortie = lancer(
        cargo(&[
            "build",
            "--release",
            "-p",
            "api-produits",
            "-p",
            "mesures",
            "--bins",
        ]),
        |_| {},
    )?;
    if !sortie.succes {
        return Err(Echec::new(
            format!("{titre} a échoué :\n{}", sortie.fin(40)),
            "corrigez l'erreur de compilation ci-dessus, puis relancez",
        ));
    }
    eprintln!("✓ {titre} ({:.0} s)", debut.elapsed().as_secs_f64());
    Ok(vec![etape(Some(1), "construction release (x86_64)", debut)])
}

/// Ce que prépare la voie 2.
struct Voie2 {
    /// Le `bin` de `.outils/venv` (python, cargo-lambda, zig).
    bin: PathBuf,
    wrk: PathBuf,
    /// Le `bootstrap` arm64 de chaque fonction, et d'où ils viennent (pour la page).
    bootstraps: Vec<(String, PathBuf)>,
    origine: String,
    etapes: Vec<String>,
}

/// Voie 2 : les installations, les `bootstrap` arm64, puis les tests de chaque atelier en
/// `debug`, l'état où `cargo xtask test` laisse le dépôt (chaque atelier y est compilé et testé
/// seul, pour son contrat, avec les fonctionnalités de ses propres dépendances).
fn installer_et_construire() -> Resultat<Voie2> {
    let mut etapes = Vec::new();
    let debut = Instant::now();
    let bin = assurer_outils_python()?;
    assurer_paquets_python(&bin)?;
    assurer_dynalite()?;
    let wrk = assurer_wrk()?;
    etapes.push(etape(Some(2), "installation des outils", debut));

    let debut = Instant::now();
    let (bootstraps, origine) = bootstraps_arm64(&bin)?;
    etapes.push(etape(Some(2), "bootstrap arm64", debut));

    let debut = Instant::now();
    for atelier in ateliers::lister()? {
        let paquet = atelier.paquet();
        exiger(
            &format!("construction des tests de {paquet} (debug)"),
            cargo(&["test", "-p", &paquet, "--no-run"]),
            "corrigez l'erreur de compilation ci-dessus, puis relancez",
        )?;
    }
    etapes.push(etape(
        Some(2),
        "construction des tests des ateliers (debug)",
        debut,
    ));
    Ok(Voie2 {
        bin,
        wrk,
        bootstraps,
        origine,
        etapes,
    })
}

/// Les `bootstrap` arm64 des deux fonctions : ceux de `sam build` s'ils sont là (`cargo xtask
/// construire`), sinon construits par cargo-lambda comme le fait `sam build`
/// (`cargo lambda build --release --arm64`), dans [`ARM64`].
fn bootstraps_arm64(bin: &Path) -> Resultat<(Vec<(String, PathBuf)>, String)> {
    let sam_build = racine().join(construction::DOSSIER);
    let de_sam: Vec<(String, PathBuf)> = construction::FONCTIONS
        .iter()
        .map(|(fonction, _)| {
            (
                fonction.to_string(),
                sam_build.join(fonction).join("bootstrap"),
            )
        })
        .collect();
    if de_sam.iter().all(|(_, chemin)| chemin.is_file()) {
        return Ok((
            de_sam,
            "les `bootstrap` de `sam build`, déjà construits (`cargo xtask construire`)".into(),
        ));
    }
    construction::assurer_cible()?;
    let dossier = racine().join(ARM64);
    let mut cargo_lambda = Command::new(bin.join("cargo-lambda"));
    cargo_lambda
        .args([
            "lambda",
            "build",
            "--release",
            "--arm64",
            "-p",
            "api-produits",
        ])
        .current_dir(racine())
        .env("CARGO_TARGET_DIR", &dossier)
        // cargo-lambda y trouve zig (le python de l'environnement).
        .env("PATH", outils::path_avec(bin)?);
    exiger(
        "cargo lambda build --release --arm64 : les deux fonctions pour Linux arm64",
        cargo_lambda,
        "lisez l'erreur de cargo-lambda ci-dessus ; `cargo xtask construire` fait la même \
         construction par `sam build`",
    )?;
    let construits = construction::FONCTIONS
        .iter()
        .map(|(fonction, binaire)| {
            (
                fonction.to_string(),
                dossier.join("lambda").join(binaire).join("bootstrap"),
            )
        })
        .collect();
    Ok((
        construits,
        "les `bootstrap` de `cargo lambda build --release --arm64`, la commande que lance `sam build`"
            .into(),
    ))
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
