//! La fonction Lambda de l'atelier 08 : l'API Produits du chapitre 04, avec
//! une ligne de journal JSON et un document EMF par requête. Pour l'essayer sur votre
//! machine : `cargo lambda watch -A 127.0.0.1 -P 9000` puis, dans un autre terminal :
//! `curl -i http://127.0.0.1:9000/lambda-url/lab-08-observabilite/produits/0b6c1f8e-3d4a-4c2b-9e5f-7a8b9c0d1e2f`

use lab_08_observabilite::Observabilite;
use lab_08_observabilite::mesure::ESPACE_DE_NOMS_PAR_DEFAUT;
use lambda_http::{Error, run, service_fn};
use solution_04_erreurs::etat::Etat;
use solution_04_erreurs::{handler, journal};

#[tokio::main]
async fn main() -> Result<(), Error> {
    // Les lignes WARN et ERROR de la couche d'erreurs du chapitre 04.
    journal::initialiser();
    let espace_de_noms = std::env::var("ESPACE_DE_NOMS_METRIQUES")
        .unwrap_or_else(|_| ESPACE_DE_NOMS_PAR_DEFAUT.to_string());
    let observabilite = Observabilite::new(&espace_de_noms);
    let etat = Etat::exemple();
    run(service_fn(|requete| async {
        Ok::<_, Error>(
            observabilite
                .servir(requete, |requete| handler(&etat, requete))
                .await,
        )
    }))
    .await
}
