//! # Atelier 03 — Intégration proxy API Gateway – Lambda
//!
//! Vous écrivez le gestionnaire (*handler*) d'une fonction Lambda placée derrière API Gateway
//! en intégration proxy Lambda : il reçoit la requête HTTP entière et fabrique toute la réponse
//! (chapitre 03, page « Atelier 03 »). Il doit répondre à :
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
//! Les tests sont rangés dans le même ordre (`etape_1_salutation` à `etape_7_pieges_du_chemin`) :
//! lisez le premier échec d'abord, c'est celui de la prochaine fonction à écrire.
//!
//! Noter votre travail : `cargo test -p lab-03-integration-proxy`, ou `cargo xtask watch 03`
//! qui relance les tests à chaque enregistrement et n'affiche que le premier échec.

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
/// quand le nom est absent, vide ou fait seulement d'espaces : les cas que l'exemple Python du
/// module oubliait (page « 3.3 L'exemple Python qui répond 502 » du chapitre 03).
pub fn salutation(nom: Option<&str>) -> String {
    todo!(
        "Indice : retirez les espaces avec `str::trim`, puis traitez `None` et \"\" de la même façon"
    )
}

/// Une réponse JSON : le statut `statut`, l'en-tête `Content-Type: application/json`,
/// et le corps `corps` sérialisé en JSON (page « 3.5 Écrire un gestionnaire proxy » du
/// chapitre 03).
///
/// Elle renvoie une `Response`, pas un `Result` : aucune erreur ne peut en sortir, et le cours
/// interdit `unwrap` et `expect` sur ce chemin. Une erreur de sérialisation (qui n'arrive pas
/// avec nos types) devient une réponse 500 au format du cours.
pub fn reponse_json<T: Serialize>(statut: StatusCode, corps: &T) -> Response<Body> {
    todo!(
        "Indice : sérialisez d'abord avec `serde_json::to_string(corps)` et faites de son `Err` un 500 au format du cours ; puis construisez la réponse sans `Result` : `Response::new(…)`, `status_mut()` et `headers_mut()` ne peuvent pas échouer, alors que `Response::builder()` rendrait un `Result` que cette fonction ne peut pas renvoyer (page « 3.5 Écrire un gestionnaire proxy »)"
    )
}

/// Une réponse d'erreur au format du cours : `{"message": message, "code": code}` (page
/// « 3.5 Écrire un gestionnaire proxy » du chapitre 03).
pub fn reponse_erreur(statut: StatusCode, code: &str, message: &str) -> Response<Body> {
    todo!(
        "Indice : appelez `reponse_json` avec une petite struct sérialisable `{{ message, code }}` (ou `serde_json::json!`)"
    )
}

/// Le gestionnaire : lit la méthode et le chemin de la requête et renvoie la réponse de la
/// route qui correspond (tableau ci-dessus ; pages « 3.4 Lire la requête » et « 3.5 Écrire un
/// gestionnaire proxy » du chapitre 03).
///
/// Attention au chemin : sur une API REST, `requete.uri().path()` commence par le nom de
/// l'étape (`/prod/produits`) ; `RequestExt::raw_http_path()` donne le chemin sans elle.
pub async fn handler(catalogue: &Catalogue, requete: Request) -> Result<Response<Body>, Error> {
    todo!(
        "Indice : commencez par la seule route `GET /bonjour` (étape 4 des tests) : le paramètre `nom` avec `RequestExt`, puis `salutation` et `reponse_json`. Pour les routes suivantes, découpez `requete.raw_http_path()` en segments et faites un `match` sur (segments, méthode)"
    )
}
