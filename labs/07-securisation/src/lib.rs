//! # Atelier 07 — Sécurisation des API
//!
//! Vous écrivez le mécanisme d'autorisation Lambda (*Lambda authorizer*) de type TOKEN qui
//! protège `POST /produits` et `DELETE /produits/{id}`. API Gateway lui remet l'en-tête
//! `Authorization: Bearer <JWT>` et l'ARN de la méthode appelée. Il vérifie le jeton (RS256,
//! clés du JWKS de l'émetteur, `iss`, `aud`, `exp`, `nbf`) et renvoie une politique qui
//! autorise **exactement** les méthodes que les portées du jeton accordent, avec
//! `principalId` = `sub` et un contexte (`sub`, `scopes`). Tout le reste donne l'erreur
//! `Unauthorized` (le 401 d'API Gateway). Vous écrivez aussi la vérification de la clé
//! d'API (`x-api-key`) que fait API Gateway. L'énoncé complet est la page « Atelier 07 » du
//! chapitre 07 (`chapters/ch07-securisation/atelier.md`).
//!
//! Fourni : les types d'erreur ([`refus`]), le JWKS et son rechargement ([`cles`]), les clés
//! et jetons de test ([`cles_de_test`]), les réponses d'API Gateway ([`reponses`]) et la façon
//! dont il juge une politique ([`evaluation`]), l'ARN de méthode
//! ([`politique::ArnMethode`]), le `main` ([`autorisateur::lancer`]).
//!
//! À écrire, dans cet ordre (l'ordre des modules de tests, `etape_1_…` à `etape_7_…`) :
//! 1. [`configuration::Configuration::depuis`] : les trois variables d'environnement ;
//! 2. [`jeton::extraire_jeton`] : l'en-tête `Authorization` ;
//! 3. [`jeton::verifier_jeton`] : la signature et les revendications ;
//! 4. [`politique::droits_accordes`] et [`politique::politique`] ;
//! 5. [`politique::contexte`] ;
//! 6. [`autorisateur::Autorisateur::autoriser`] : tout l'événement TOKEN ;
//! 7. [`cle_api::ClesApi::verifier`] : la clé d'API.
//!
//! Noter votre travail : `cargo test -p lab-07-securisation`, ou `cargo xtask watch 07` qui
//! relance les tests à chaque enregistrement. Lisez le premier échec d'abord.

// Énoncé : les paramètres ne servent qu'une fois votre code écrit.
#![allow(unused_variables, unused_imports, dead_code)]

pub mod autorisateur;
pub mod cle_api;
pub mod cles;
pub mod cles_de_test;
pub mod configuration;
pub mod evaluation;
pub mod fonction;
pub mod jeton;
pub mod politique;
pub mod refus;
pub mod reponses;
#[cfg(test)]
mod tests;

pub use autorisateur::Autorisateur;
pub use configuration::Configuration;
pub use refus::{ErreurConfiguration, Refus};
