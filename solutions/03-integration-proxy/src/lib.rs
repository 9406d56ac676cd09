//! # Solution de l'atelier 03 — Intégration proxy API Gateway – Lambda
//!
//! Le gestionnaire d'une fonction Lambda en intégration proxy : `GET /bonjour`,
//! `GET /produits` et `GET /produits/{id}` sur un catalogue en mémoire. Le modèle, le catalogue
//! et les tests sont ceux de l'atelier (`labs/03-integration-proxy`), inclus tels quels.

#[path = "../../../labs/03-integration-proxy/src/catalogue.rs"]
pub mod catalogue;
#[path = "../../../labs/03-integration-proxy/src/produit.rs"]
pub mod produit;
#[cfg(test)]
#[path = "../../../labs/03-integration-proxy/src/tests.rs"]
mod tests;

use catalogue::Catalogue;
use lambda_http::http::{HeaderValue, Method, StatusCode, header};
use lambda_http::{Body, Error, Request, RequestExt, Response};
use produit::Produit;
use serde::Serialize;

// ANCHOR: salutation
/// Le message de `GET /bonjour` ; « Bonjour, inconnu » sans nom, ou avec un nom vide.
pub fn salutation(nom: Option<&str>) -> String {
    let nom = nom.map(str::trim).filter(|nom| !nom.is_empty());
    format!("Bonjour, {}", nom.unwrap_or("inconnu"))
}
// ANCHOR_END: salutation

// ANCHOR: reponses
/// Une réponse JSON : statut, `Content-Type: application/json`, corps sérialisé.
pub fn reponse_json<T: Serialize>(statut: StatusCode, corps: &T) -> Response<Body> {
    let (statut, texte) = match serde_json::to_string(corps) {
        Ok(texte) => (statut, texte),
        // Ne se produit pas avec nos types ; si cela arrivait, le client reçoit un 500 propre.
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            r#"{"message":"Erreur interne.","code":"ERREUR_INTERNE"}"#.to_string(),
        ),
    };
    let mut reponse = Response::new(Body::Text(texte));
    *reponse.status_mut() = statut;
    reponse.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    reponse
}

/// Le corps d'une erreur, dans l'ordre où on le lit : le message, puis le code.
#[derive(Serialize)]
struct CorpsErreur<'a> {
    message: &'a str,
    code: &'a str,
}

/// Une réponse d'erreur au format du cours : `{"message": …, "code": …}`.
pub fn reponse_erreur(statut: StatusCode, code: &str, message: &str) -> Response<Body> {
    reponse_json(statut, &CorpsErreur { message, code })
}
// ANCHOR_END: reponses

// ANCHOR: handler
/// Le gestionnaire : route la requête d'après sa méthode et son chemin.
pub async fn handler(catalogue: &Catalogue, requete: Request) -> Result<Response<Body>, Error> {
    // Le chemin tel qu'API Gateway l'a reçu, sans le nom de l'étape.
    let chemin = requete.raw_http_path();
    let segments: Vec<&str> = chemin.split('/').filter(|s| !s.is_empty()).collect();
    let methode = requete.method();

    let reponse = match (segments.as_slice(), methode) {
        (["bonjour"], &Method::GET) => bonjour(&requete),
        (["produits"], &Method::GET) => lister(catalogue),
        (["produits", id], &Method::GET) => consulter(catalogue, id),
        (["bonjour"] | ["produits"] | ["produits", _], _) => methode_non_permise(methode, chemin),
        _ => reponse_erreur(
            StatusCode::NOT_FOUND,
            "ROUTE_INCONNUE",
            &format!("Aucune route ne correspond à {methode} {chemin}."),
        ),
    };
    Ok(reponse)
}

/// `GET /bonjour` : `queryStringParameters: null` donne une table vide, pas un plantage.
pub fn bonjour(requete: &Request) -> Response<Body> {
    let parametres = requete.query_string_parameters();
    let message = salutation(parametres.first("nom"));
    reponse_json(StatusCode::OK, &serde_json::json!({ "message": message }))
}
// ANCHOR_END: handler

// ANCHOR: page
/// Une page de la liste des produits : `{"produits": […], "suivant": null}`.
#[derive(Serialize)]
pub struct Page<'a> {
    pub produits: &'a [Produit],
    /// Le curseur de la page suivante (chapitre 09) ; toujours `None` ici.
    pub suivant: Option<String>,
}
// ANCHOR_END: page

// ANCHOR: routes
/// `GET /produits`.
pub fn lister(catalogue: &Catalogue) -> Response<Body> {
    let page = Page {
        produits: catalogue.lister(),
        suivant: None,
    };
    reponse_json(StatusCode::OK, &page)
}

/// `GET /produits/{id}`.
pub fn consulter(catalogue: &Catalogue, id: &str) -> Response<Body> {
    match catalogue.trouver(id) {
        Some(produit) => reponse_json(StatusCode::OK, produit),
        None => reponse_erreur(
            StatusCode::NOT_FOUND,
            "PRODUIT_INTROUVABLE",
            &format!("Aucun produit ne porte l'identifiant {id}."),
        ),
    }
}

/// 405, avec l'en-tête `Allow` qui dit au client quelle méthode utiliser.
pub fn methode_non_permise(methode: &Method, chemin: &str) -> Response<Body> {
    let mut reponse = reponse_erreur(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHODE_NON_AUTORISEE",
        &format!("La méthode {methode} n'est pas permise sur {chemin} (seul GET l'est)."),
    );
    reponse
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET"));
    reponse
}
// ANCHOR_END: routes
