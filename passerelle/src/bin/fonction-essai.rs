//! Des fonctions Lambda volontairement fautives, pour les tests de la passerelle. Elles
//! tournent sur le vrai runtime (`lambda_runtime`), derrière l'API Runtime de la passerelle ;
//! la variable `COMPORTEMENT` choisit la faute :
//!
//! - `autorisateur-naif` : l'autorisateur du chapitre 07, mais qui autorise la seule méthode
//!   appelée (`Resource: methodArn`) — le piège du cache de la page 7.4 ;
//! - `autorisateur-illisible` : une réponse sans `principalId` ni politique ;
//! - `reponse-malformee` : une réponse proxy avec une clé inconnue ;
//! - `trop-lente` : ne répond jamais avant son délai ;
//! - `plantage` : le processus s'arrête au milieu de l'invocation ;
//! - `echo` : renvoie l'événement reçu dans le corps (200).

use lambda_runtime::{Error, LambdaEvent, service_fn};
use serde_json::{Value, json};
use solution_07_securisation::autorisateur::Autorisateur;
use solution_07_securisation::configuration::Configuration;

#[tokio::main]
async fn main() -> Result<(), Error> {
    let comportement = std::env::var("COMPORTEMENT").unwrap_or_default();
    let autorisateur = if comportement == "autorisateur-naif" {
        Some(Configuration::depuis_env().and_then(Autorisateur::demarrer)?)
    } else {
        None
    };
    let comportement = comportement.as_str();
    let autorisateur = autorisateur.as_ref();
    lambda_runtime::run(service_fn(
        move |evenement: LambdaEvent<Value>| async move {
            let charge = evenement.payload;
            let resultat: Result<Value, Error> = match comportement {
                "autorisateur-naif" => {
                    let autorisateur = autorisateur.ok_or("autorisateur absent")?;
                    let requete = serde_json::from_value(charge.clone())?;
                    let mut reponse = autorisateur
                        .autoriser(&requete)
                        .map_err(|_| Error::from("Unauthorized"))?;
                    // La faute : la politique ne vaut que pour la méthode appelée.
                    let arn = charge["methodArn"].as_str().unwrap_or_default().to_string();
                    for declaration in &mut reponse.policy_document.statement {
                        declaration.resource = vec![arn.clone()];
                    }
                    Ok(serde_json::to_value(reponse)?)
                }
                "autorisateur-illisible" => Ok(json!({"bonjour": "passerelle"})),
                "reponse-malformee" => Ok(json!({"statusCode": 200, "corps": "oublié"})),
                "trop-lente" => {
                    tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
                    Ok(json!({}))
                }
                "plantage" => std::process::exit(3),
                _ => Ok(json!({"statusCode": 200, "body": charge.to_string()})),
            };
            resultat
        },
    ))
    .await
}
