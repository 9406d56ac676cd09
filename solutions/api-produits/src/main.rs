//! La fonction de l'API Produits (chapitre 09). Le magasin est choisi au démarrage à froid :
//! la table DynamoDB `TABLE_PRODUITS` (le gabarit SAM la donne), sinon un magasin en mémoire,
//! vide. Pour l'essayer sur votre machine, sans compte AWS :
//! `cargo lambda watch -A 127.0.0.1 -P 9000`, puis, dans un autre terminal :
//! `curl -i -X POST -H 'Content-Type: application/json' -d '{"nom": "Tapis", "prix": 12.5}'
//! http://127.0.0.1:9000/lambda-url/api-produits/produits`

use api_produits::Api;
use lambda_http::{Error, run, service_fn};
use solution_04_erreurs::journal;

#[tokio::main]
async fn main() -> Result<(), Error> {
    // Les lignes WARN et ERROR de la couche d'erreurs du chapitre 04.
    journal::initialiser();
    // Une configuration fausse arrête le démarrage à froid avec son message.
    let api = Api::depuis_environnement().await.map_err(Error::from)?;
    let api = &api;
    run(service_fn(move |requete| async move {
        Ok::<_, Error>(api.repondre(requete).await)
    }))
    .await
}
