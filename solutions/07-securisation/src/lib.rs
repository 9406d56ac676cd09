//! # Solution de l'atelier 07 — Sécurisation des API
//!
//! Le mécanisme d'autorisation Lambda TOKEN de l'API Produits : il lit `Authorization: Bearer
//! <JWT>`, vérifie le jeton (RS256, clés du JWKS de l'émetteur, `iss`, `aud`, `exp`, `nbf`), et
//! renvoie une politique qui autorise exactement les méthodes que ses portées accordent,
//! avec `principalId` = `sub` et un contexte (`sub`, `scopes`). Tout autre cas donne l'erreur
//! `Unauthorized`. Plus la vérification de la clé d'API, telle qu'API Gateway la fait.
//!
//! Utilisé par l'API finale (chapitre 09, seconde fonction du gabarit) et par la passerelle
//! locale : [`autorisateur::lancer`] est tout le `main` de la fonction ;
//! [`evaluation::interpreter`] juge sa sortie comme API Gateway ; [`cle_api::ClesApi`] vérifie
//! `x-api-key` ; [`cles_de_test::jeton_de_test`] signe les jetons de `cargo xtask jeton`.
//!
//! Les modules fournis et les tests sont ceux de l'atelier (`labs/07-securisation`), inclus
//! tels quels.

pub mod autorisateur;
pub mod cle_api;
#[path = "../../../labs/07-securisation/src/cles.rs"]
pub mod cles;
#[path = "../../../labs/07-securisation/src/cles_de_test.rs"]
pub mod cles_de_test;
pub mod configuration;
#[path = "../../../labs/07-securisation/src/evaluation.rs"]
pub mod evaluation;
#[path = "../../../labs/07-securisation/src/fonction.rs"]
pub mod fonction;
pub mod jeton;
pub mod politique;
#[path = "../../../labs/07-securisation/src/refus.rs"]
pub mod refus;
#[path = "../../../labs/07-securisation/src/reponses.rs"]
pub mod reponses;
#[cfg(test)]
#[path = "../../../labs/07-securisation/src/tests.rs"]
mod tests;

pub use autorisateur::Autorisateur;
pub use configuration::Configuration;
pub use refus::{ErreurConfiguration, Refus};
