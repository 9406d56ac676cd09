//! Les gabarits SAM montrés dans les chapitres passent cfn-lint et `sam validate --lint`,
//! hors ligne et sans compte AWS : chaque bloc ```` ```yaml ```` qui déclare la transformation
//! SAM est extrait dans `target/gabarits/<n° de processus>/` sous le nom de son chapitre et de
//! sa ligne (un dossier par exécution : deux `cargo xtask test` simultanés ne se gênent pas).

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
    let gabarits = extraire(&dossier)?;
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
    let mut chapitres: Vec<PathBuf> = fs::read_dir(racine().join("chapters"))
        .map_err(|e| Echec::new(format!("lecture de chapters/ ({e})"), ""))?
        .filter_map(|entree| entree.ok().map(|e| e.path()))
        .filter(|chemin| chemin.extension().is_some_and(|ext| ext == "md"))
        .collect();
    chapitres.sort();

    let mut gabarits = Vec::new();
    for chapitre in chapitres {
        let texte = fs::read_to_string(&chapitre).unwrap_or_default();
        let nom = chapitre.file_stem().unwrap_or_default().to_string_lossy();
        for (ligne, bloc) in blocs_yaml(&texte) {
            if bloc.contains(TRANSFORMATION_SAM) {
                let fichier = sortie.join(format!("{nom}-ligne-{ligne}.yaml"));
                fs::write(&fichier, bloc).map_err(|e| {
                    Echec::new(format!("écriture de {} ({e})", fichier.display()), "")
                })?;
                gabarits.push(fichier);
            }
        }
    }
    Ok(gabarits)
}

/// Les blocs ```` ```yaml ```` d'un chapitre, avec la ligne de leur ouverture.
fn blocs_yaml(texte: &str) -> Vec<(usize, String)> {
    let mut blocs = Vec::new();
    let mut courant: Option<(usize, String)> = None;
    for (index, ligne) in texte.lines().enumerate() {
        let debut = ligne.trim_start();
        match &mut courant {
            None if debut.starts_with("```yaml") => courant = Some((index + 1, String::new())),
            Some(_) if debut.starts_with("```") => blocs.extend(courant.take()),
            Some((_, bloc)) => {
                bloc.push_str(ligne);
                bloc.push('\n');
            }
            None => {}
        }
    }
    blocs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trouve_les_blocs_yaml_et_leur_ligne() {
        let texte = "# Titre\n\n```yaml\nA: 1\n```\n\n```json\n{}\n```\n```yaml\nB: 2\n```\n";
        assert_eq!(
            blocs_yaml(texte),
            vec![(3, "A: 1\n".to_string()), (10, "B: 2\n".to_string())]
        );
    }
}
