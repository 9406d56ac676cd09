//! Le démarrage à froid : un processus neuf par démarrage, branché sur l'API Runtime de la
//! passerelle locale ([`passerelle::runtime::Environnement`]), qui lui remet un seul
//! événement. Le chronomètre part avant le lancement et s'arrête à la réponse ; le pic de
//! mémoire (`VmHWM`) est lu pendant que le processus attend l'invocation suivante.

use crate::evenements::Route;
use crate::processus;
use crate::resultats::Demarrages;
use bytes::Bytes;
use passerelle::runtime::{Definition, Environnement, Issue};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Le nom de la table des produits, créée vide dans dynalite.
pub const TABLE: &str = "Produits";

/// Ce que fait la première requête, pour la page.
pub const PREMIERE_REQUETE: &str = "la première requête, `GET /produits/{id}` d'un produit \
    absent, lit la table dans dynalite (un `GetItem` par le client construit à \
    l'initialisation) et reçoit un 404";

/// Une fonction à démarrer : son exécutable (lancé sans arguments, comme `bootstrap`), ses
/// variables, et un texte de sa ligne de commande qui la reconnaît parmi les enfants.
pub struct Fonction {
    pub executable: PathBuf,
    pub environnement: BTreeMap<String, String>,
    pub motif: String,
    pub programme: String,
}

/// Les variables communes : la table, dynalite, et des identifiants comme Lambda en donne.
pub fn environnement(dynamodb: &str) -> BTreeMap<String, String> {
    [
        ("TABLE_PRODUITS", TABLE),
        ("DYNAMODB_ENDPOINT", dynamodb),
        ("AWS_ACCESS_KEY_ID", "local"),
        ("AWS_SECRET_ACCESS_KEY", "local"),
        ("AWS_SESSION_TOKEN", "local"),
    ]
    .into_iter()
    .map(|(nom, valeur)| (nom.to_string(), valeur.to_string()))
    .collect()
}

/// Le `bootstrap` de la fonction Python : un script qui lance awslambdaric sur
/// `api_produits.lambda_handler`, comme le runtime Python de Lambda lance le sien. Écrit
/// dans `dossier`.
pub fn bootstrap_python(dossier: &Path, python: &Path, code: &Path) -> Result<PathBuf, String> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dossier).map_err(|e| format!("{} : {e}", dossier.display()))?;
    let chemin = dossier.join("bootstrap");
    let script = format!(
        "#!/bin/sh\ncd '{}' || exit 1\nexec '{}' -m awslambdaric api_produits.lambda_handler\n",
        code.display(),
        python.display()
    );
    std::fs::write(&chemin, script).map_err(|e| format!("{} : {e}", chemin.display()))?;
    std::fs::set_permissions(&chemin, std::fs::Permissions::from_mode(0o755))
        .map_err(|e| format!("{} : {e}", chemin.display()))?;
    Ok(chemin)
}

/// `nombre` démarrages de `fonction`, l'un après l'autre ; chacun doit répondre 404.
pub async fn mesurer(fonction: &Fonction, nombre: usize) -> Result<Demarrages, String> {
    let evenement = Bytes::from(Route::ObtenirProduit.evenement());
    let mut durees_ms = Vec::with_capacity(nombre);
    let mut memoire_max_kio = Vec::with_capacity(nombre);
    for rang in 0..nombre {
        let environnement = Environnement::new(
            Definition {
                nom: "ApiProduits".to_string(),
                binaire: fonction.executable.clone(),
                memoire_mo: 128,
                delai: Duration::from_secs(10),
                environnement: fonction.environnement.clone(),
            },
            Arc::new(|_| {}),
        );
        let debut = Instant::now();
        let (issue, _) = environnement
            .invoquer(evenement.clone(), Duration::from_secs(29), None)
            .await;
        let duree = debut.elapsed();
        let statut = match &issue {
            Issue::Reponse(octets) => crate::invocation::statut(octets),
            _ => None,
        };
        if statut != Some(404) {
            return Err(format!(
                "démarrage {} de {} : attendu une réponse 404, reçu {issue:?}",
                rang + 1,
                fonction.programme
            ));
        }
        let pid = processus::enfant_qui_contient(&fonction.motif).ok_or_else(|| {
            format!(
                "le processus de {} est introuvable parmi les enfants",
                fonction.programme
            )
        })?;
        let memoire = processus::memoire_max_kio(pid)
            .ok_or_else(|| format!("VmHWM illisible pour le processus {pid}"))?;
        environnement.arreter().await;
        processus::attendre_la_fin(pid, Duration::from_secs(5));
        durees_ms.push(duree.as_secs_f64() * 1000.0);
        memoire_max_kio.push(memoire);
    }
    Ok(Demarrages {
        programme: fonction.programme.clone(),
        durees_ms,
        memoire_max_kio,
    })
}
