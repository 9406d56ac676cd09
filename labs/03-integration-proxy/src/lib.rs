//! # Atelier 03 — Intégration proxy API Gateway – Lambda
//!
//! Vous écrivez le gestionnaire (*handler*) d'une fonction Lambda placée derrière API Gateway
//! en intégration proxy Lambda : il reçoit la requête HTTP entière et fabrique toute la réponse
//! (chapitre 03, section « Atelier 03 »). Il doit répondre à :
//!
//! | requête | réponse |
//! |---|---|
//! | `GET /bonjour?nom=Zoé` | 200 `{"message": "Bonjour, Zoé"}` ; « Bonjour, inconnu » sans nom ou avec un nom vide |
//! | `GET /produits` | 200 `{"produits": [ … ], "suivant": null}` |
//! | `GET /produits/{id}` | 200 le produit ; 404 `PRODUIT_INTROUVABLE` s'il n'existe pas |
//! | une autre méthode sur ces chemins | 405 `METHODE_NON_AUTORISEE`, avec l'en-tête `Allow: GET` |
//! | tout autre chemin | 404 `ROUTE_INCONNUE` |
//!
//! Toutes les réponses sont du JSON (`Content-Type: application/json`) ; une erreur a le corps
//! `{"message": "<phrase en français>", "code": "<CODE>"}`.
//!
//! Fourni : le modèle ([`produit`]) et le catalogue en mémoire ([`catalogue`]).
//! À écrire, dans cet ordre : [`salutation`], [`reponse_json`], [`reponse_erreur`], [`handler`].
//! Les tests vont du plus simple au plus complet : lisez le premier échec d'abord.
//!
//! Noter votre travail : `cargo test -p lab-03-integration-proxy`.

// Énoncé : les paramètres ne servent qu'une fois votre code écrit.
#![allow(unused_variables)]

pub mod catalogue;
pub mod produit;
#[cfg(test)]
mod tests;

use catalogue::Catalogue;
use lambda_http::http::StatusCode;
use lambda_http::{Body, Error, Request, Response};
use serde::Serialize;

/// Le message de `GET /bonjour` : « Bonjour, Zoé » pour `Some("Zoé")`, et « Bonjour, inconnu »
/// quand le nom est absent, vide ou fait seulement d'espaces (section 3.5).
pub fn salutation(nom: Option<&str>) -> String {
    todo!(
        "Indice : retirez les espaces avec `str::trim`, puis traitez `None` et \"\" de la même façon"
    )
}

/// Une réponse JSON : le statut `statut`, l'en-tête `Content-Type: application/json`,
/// et le corps `corps` sérialisé en JSON (section 3.5).
pub fn reponse_json<T: Serialize>(statut: StatusCode, corps: &T) -> Response<Body> {
    todo!(
        "Indice : `serde_json::to_string(corps)`, puis `Response::builder()` avec `.status(…)` et `.header(…)`"
    )
}

/// Une réponse d'erreur au format du cours : `{"message": message, "code": code}` (section 3.5).
pub fn reponse_erreur(statut: StatusCode, code: &str, message: &str) -> Response<Body> {
    todo!(
        "Indice : appelez `reponse_json` avec une petite struct sérialisable `{{ message, code }}` (ou `serde_json::json!`)"
    )
}

/// Le gestionnaire : lit la méthode et le chemin de la requête et renvoie la réponse de la
/// route qui correspond (tableau ci-dessus ; sections 3.4 et 3.5).
///
/// Attention au chemin : sur une REST API, `requete.uri().path()` commence par le nom de
/// l'étape (`/prod/produits`) ; `RequestExt::raw_http_path()` donne le chemin sans elle.
pub async fn handler(catalogue: &Catalogue, requete: Request) -> Result<Response<Body>, Error> {
    todo!(
        "Indice : découpez `requete.raw_http_path()` en segments et faites un `match` sur (méthode, segments)"
    )
}
