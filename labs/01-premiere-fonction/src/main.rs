//! La fonction Lambda de l'atelier 01. Pour l'essayer sur votre machine :
//! `cargo lambda watch -A 127.0.0.1 -P 9000` puis, dans un autre terminal,
//! `cargo lambda invoke lab-01-premiere-fonction --invoke-address 127.0.0.1 --invoke-port 9000 --data-ascii '{"nom": "Clavier", "prix_ht_centimes": 4990}'`.

use lab_01_premiere_fonction::handler;
use lambda_runtime::{Error, run, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    // Phase d'initialisation : une seule fois par environnement d'exécution.
    lambda_runtime::tracing::init_default_subscriber();
    // Phase d'invocation : `run` boucle sur « événement suivant → handler → réponse ».
    run(service_fn(handler)).await
}
