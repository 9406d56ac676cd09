//! Le mécanisme d'autorisation Lambda TOKEN de l'API Produits : celui du chapitre 07, tel quel.
//! Sa configuration vient de l'environnement (`JWT_ISSUER`, `JWT_AUDIENCE`, `JWKS_URL`), que
//! `template.yaml` remplit avec ses paramètres ; une configuration absente ou fausse fait
//! échouer le démarrage à froid, jamais un `Allow`.

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    solution_07_securisation::autorisateur::lancer().await
}
