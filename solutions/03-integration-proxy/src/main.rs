//! La fonction Lambda de la solution de l'atelier 03. Pour l'essayer sur votre machine :
//! `cargo lambda watch -A 127.0.0.1 -P 9000` puis, dans un autre terminal,
//! `curl "http://127.0.0.1:9000/lambda-url/solution-03-integration-proxy/bonjour?nom=Zoé"`.

use lambda_http::{Error, run, service_fn};
use solution_03_integration_proxy::{catalogue::Catalogue, handler};

#[tokio::main]
async fn main() -> Result<(), Error> {
    let catalogue = Catalogue::exemple();
    run(service_fn(|requete| handler(&catalogue, requete))).await
}
