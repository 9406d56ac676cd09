//! La fonction Lambda de la solution de l'atelier 04. Pour l'essayer sur votre machine :
//! `cargo lambda watch -A 127.0.0.1 -P 9000` puis, dans un autre terminal :
//! `curl -i -X POST -H 'Content-Type: application/json' -d '{"nom": "Tapis", "prix": 12.5}'
//! http://127.0.0.1:9000/lambda-url/solution-04-erreurs/produits`

use lambda_http::{Error, run, service_fn};
use solution_04_erreurs::etat::Etat;
use solution_04_erreurs::{avec_couche_erreurs, handler, journal};

#[tokio::main]
async fn main() -> Result<(), Error> {
    journal::initialiser();
    let etat = Etat::exemple();
    run(service_fn(|requete| async {
        // La couche renvoie toujours une réponse : la fonction ne renvoie jamais `Err` au runtime.
        Ok::<_, Error>(avec_couche_erreurs(requete, |requete| handler(&etat, requete)).await)
    }))
    .await
}
