//! Les gabarits SAM montrés dans les chapitres passent cfn-lint et `sam validate --lint`,
//! hors ligne et sans compte AWS : chaque bloc ```` ```yaml ```` qui déclare la transformation
//! SAM est extrait dans `target/gabarits/<n° de processus>/` sous le nom de sa page et de
//! sa ligne (un dossier par exécution : deux `cargo xtask test` simultanés ne se gênent pas).
//! Le `template.yaml` de la racine (l'API finale) passe les mêmes vérifications.

use crate::console::{Echec, Resultat, exiger, racine};
use crate::outils::assurer_outils_python;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const TRANSFORMATION_SAM: &str = "Transform: AWS::Serverless-2016-10-31";

pub fn verifier() -> Resultat {
    let bin = assurer_outils_python()?;
    let dossier = racine()
        .join("target/gabarits")
        .join(std::process::id().to_string());
    let mut gabarits = extraire(&dossier)?;
    // Le gabarit de l'API finale (chapitre 09), celui que `sam deploy` utilise.
    let gabarit_final = racine().join("template.yaml");
    if gabarit_final.is_file() {
        gabarits.push(gabarit_final);
    }
    if gabarits.is_empty() {
        return Ok(());
    }
    let mut cfn_lint = Command::new(bin.join("cfn-lint"));
    cfn_lint.args(&gabarits);
    exiger(
        &format!("cfn-lint ({} gabarits SAM)", gabarits.len()),
        cfn_lint,
        "le nom du fichier dit le chapitre et la ligne du bloc yaml à corriger",
    )?;
    for gabarit in &gabarits {
        let nom = gabarit.file_name().unwrap_or_default().to_string_lossy();
        let mut sam = Command::new(bin.join("sam"));
        sam.args(["validate", "--lint", "--region", "eu-west-3", "-t"])
            .arg(gabarit)
            .env("SAM_CLI_TELEMETRY", "0")
            .current_dir(gabarit.parent().unwrap_or(&racine()));
        exiger(
            &format!("sam validate --lint {nom}"),
            sam,
            "corrigez le bloc yaml en cause dans son chapitre",
        )?;
    }
    // Tout est valide : on ne garde les fichiers extraits qu'en cas d'échec, pour les lire.
    let _ = fs::remove_dir_all(&dossier);
    Ok(())
}

/// Écrit chaque gabarit SAM des chapitres dans `<sortie>/<chapitre>-ligne-<n>.yaml`.
fn extraire(sortie: &Path) -> Resultat<Vec<PathBuf>> {
    let _ = fs::remove_dir_all(sortie);
    fs::create_dir_all(sortie)
        .map_err(|e| Echec::new(format!("création de {} ({e})", sortie.display()), ""))?;
    let chapitres = racine().join("chapters");
    let mut gabarits = Vec::new();
    for page in pages::lister(&chapitres) {
        let texte = fs::read_to_string(&page).unwrap_or_default();
        let nom = pages::nom_a_plat(&page, &chapitres);
        let nom = nom.trim_end_matches(".md");
        for bloc in pages::blocs(&texte) {
            if bloc.langue() == "yaml" && bloc.code.contains(TRANSFORMATION_SAM) {
                let fichier = sortie.join(format!("{nom}-ligne-{}.yaml", bloc.ligne));
                fs::write(&fichier, &bloc.code).map_err(|e| {
                    Echec::new(format!("écriture de {} ({e})", fichier.display()), "")
                })?;
                gabarits.push(fichier);
            }
        }
    }
    Ok(gabarits)
}
