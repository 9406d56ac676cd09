//! Le mécanisme d'autorisation Lambda de l'atelier 07. Pour l'essayer en local,
//! voir la page « Atelier 07 » du chapitre 07 : `cargo lambda watch` avec un JWKS en `file://`,
//! puis `cargo lambda invoke lab-07-securisation --data-file …`.

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    lab_07_securisation::autorisateur::lancer().await
}
