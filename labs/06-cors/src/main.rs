//! La fonction Lambda de l'atelier 06 : l'API Produits du chapitre 04, derrière
//! la couche d'erreurs, puis la couche CORS. Les origines permises viennent de la variable
//! d'environnement `ORIGINES_AUTORISEES` (séparées par des virgules), que le gabarit SAM
//! remplit avec la même valeur que `Cors` (chapitre 06, page « En pratique avec SAM »).

use lab_06_cors::{ConfigurationCors, ParametresCors, avec_cors};
use lambda_http::{Error, run, service_fn};
use solution_04_erreurs::etat::Etat;
use solution_04_erreurs::{avec_couche_erreurs, handler, journal};

#[tokio::main]
async fn main() -> Result<(), Error> {
    journal::initialiser();
    let origines = std::env::var("ORIGINES_AUTORISEES")
        .unwrap_or_else(|_| "https://boutique.exemple.fr".to_string());
    // Une configuration refusée arrête le démarrage à froid, avec la règle enfreinte.
    let cors = ConfigurationCors::nouvelle(ParametresCors {
        origines: origines.split(',').map(|o| o.trim().to_string()).collect(),
        methodes: vec!["GET".into(), "POST".into(), "DELETE".into()],
        entetes: vec![
            "Content-Type".into(),
            "Authorization".into(),
            "X-Api-Key".into(),
        ],
        entetes_exposes: vec!["Location".into()],
        duree_max: Some(600),
        identifiants: false,
    })?;
    let etat = Etat::exemple();
    run(service_fn(|requete| async {
        let reponse = avec_cors(&cors, requete, |requete| {
            avec_couche_erreurs(requete, |requete| handler(&etat, requete))
        })
        .await;
        Ok::<_, Error>(reponse)
    }))
    .await
}
