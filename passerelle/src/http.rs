//! Le serveur HTTP/1.1 commun (hyper) : la passerelle et l'API Runtime de chaque fonction
//! écoutent sur 127.0.0.1 et servent chaque connexion dans sa propre tâche.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Une requête lue en entier : la passerelle a besoin du corps avant d'appeler quoi que ce soit.
pub type RequeteLue = Request<Bytes>;
pub type Reponse = Response<Full<Bytes>>;

/// Sert `ecouteur` jusqu'à l'abandon de la tâche : `traiter` reçoit chaque requête, corps lu,
/// avec l'adresse du client.
pub async fn servir<F, Fut>(ecouteur: TcpListener, traiter: F)
where
    F: Fn(RequeteLue, SocketAddr) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Reponse> + Send + 'static,
{
    let traiter = Arc::new(traiter);
    loop {
        let Ok((flux, client)) = ecouteur.accept().await else {
            continue;
        };
        let traiter = traiter.clone();
        tokio::spawn(async move {
            let service = service_fn(move |requete: Request<Incoming>| {
                let traiter = traiter.clone();
                async move {
                    let (parties, corps) = requete.into_parts();
                    let corps = match corps.collect().await {
                        Ok(corps) => corps.to_bytes(),
                        Err(_) => Bytes::new(),
                    };
                    Ok::<_, Infallible>(traiter(Request::from_parts(parties, corps), client).await)
                }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(flux), service)
                .await;
        });
    }
}

/// Une réponse de ce statut et de ce corps.
pub fn reponse(statut: u16, corps: impl Into<Bytes>) -> Reponse {
    let mut reponse = Response::new(Full::new(corps.into()));
    *reponse.status_mut() =
        hyper::StatusCode::from_u16(statut).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    reponse
}
