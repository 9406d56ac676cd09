//! La taille des paquets de déploiement : le `bootstrap` arm64 de chaque fonction, et son zip
//! (écrit par le `zipfile` de Python, en `ZIP_DEFLATED`, comme le fait SAM CLI).

use crate::resultats::Taille;
use std::path::Path;
use std::process::Command;

/// Le zip de `bootstrap` écrit dans `zip`, et les deux tailles.
pub fn mesurer(
    python: &Path,
    fonction: &str,
    bootstrap: &Path,
    zip: &Path,
) -> Result<Taille, String> {
    let binaire_octets = std::fs::metadata(bootstrap)
        .map_err(|e| format!("{} introuvable ({e})", bootstrap.display()))?
        .len();
    let script = "import sys, zipfile\n\
        with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_DEFLATED) as z:\n    \
        z.write(sys.argv[1], 'bootstrap')\n";
    let statut = Command::new(python)
        .args(["-c", script])
        .arg(bootstrap)
        .arg(zip)
        .status()
        .map_err(|e| format!("{} ne démarre pas ({e})", python.display()))?;
    if !statut.success() {
        return Err(format!("le zip de {} a échoué", bootstrap.display()));
    }
    let zip_octets = std::fs::metadata(zip)
        .map_err(|e| format!("{} introuvable ({e})", zip.display()))?
        .len();
    Ok(Taille {
        fonction: fonction.to_string(),
        binaire_octets,
        zip_octets,
    })
}
