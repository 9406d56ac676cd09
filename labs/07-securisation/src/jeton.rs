//! Le jeton : le lire dans l'en-tête `Authorization`, puis le vérifier.
//!
//! Page « 7.5 Vérifier un JWT pas à pas » (jwt.md) du chapitre 07 : l'ordre des vérifications,
//! les jetons forgés.

use crate::cles::SourceDeCles;
use crate::configuration::Configuration;
use crate::refus::Refus;
use jsonwebtoken::{Algorithm, Validation};
use serde::Deserialize;

/// La taille maximale d'un jeton, en octets. Un JWT d'accès courant fait moins de 2 Kio ;
/// au-delà de 8 Kio, on refuse sans rien décoder.
pub const TAILLE_MAXIMALE_JETON: usize = 8 * 1024;
/// La tolérance sur `exp` et `nbf`, en secondes, pour les horloges un peu décalées.
pub const DECALAGE_TOLERE_S: u64 = 30;

/// Les revendications (*claims*) dont l'autorisateur a besoin.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Revendications {
    /// Le sujet : l'utilisateur ou le client, qui devient le `principalId`.
    pub sub: String,
    /// Les portées OAuth 2, séparées par des espaces (`"produits:ecrire produits:supprimer"`).
    #[serde(default)]
    pub scope: String,
}

impl Revendications {
    /// Les portées, une à une.
    pub fn scopes(&self) -> Vec<&str> {
        self.scope.split_whitespace().collect()
    }
}

/// Le jeton de `Authorization: Bearer <jeton>`, ou le motif du refus.
///
/// Étape 2. Refusez, avant tout décodage : l'en-tête absent ou vide (`Refus::EnTeteAbsent`) ;
/// puis, avant de le découper, un en-tête de plus de `"Bearer ".len()` + [`TAILLE_MAXIMALE_JETON`]
/// octets (`Refus::JetonTropLong` avec la taille de tout l'en-tête) ;
/// un autre schéma que `Bearer` (sans égard à la casse), un jeton vide, deux jetons (espace ou
/// virgule), ou un jeton qui n'a pas trois parties base64url non vides séparées par des points
/// (`Refus::EnTeteMalForme`). Page « 7.5 Vérifier un JWT pas à pas » (jwt.md).
pub fn extraire_jeton(authorization: Option<&str>) -> Result<&str, Refus> {
    todo!(
        "Indice : `split_once(' ')` sépare le schéma du jeton ; mesurez la longueur avant tout le reste (page 7.5, jwt.md)"
    )
}

/// Vérifie la signature et les revendications du jeton ; renvoie ses revendications.
///
/// Étape 3. Dans cet ordre : l'en-tête (`jsonwebtoken::decode_header`), dont l'`alg` doit être
/// RS256 (`Refus::AlgorithmeRefuse`) ; le `kid`, obligatoire (`Refus::KidAbsent`), dont la clé
/// vient de `cles.cle(kid)` et de nulle part ailleurs (`Refus::CleInconnue`) ; puis
/// `jsonwebtoken::decode` avec une `Validation` RS256 seul, l'émetteur et l'audience de la
/// configuration, `exp`, `iss`, `aud` et `sub` obligatoires, `nbf` vérifié, et une tolérance de
/// [`DECALAGE_TOLERE_S`] secondes (`Refus::JetonInvalide`). Un `sub` vide est
/// `Refus::JetonInutilisable`. Page « 7.5 Vérifier un JWT pas à pas » (jwt.md).
pub fn verifier_jeton(
    jeton: &str,
    cles: &SourceDeCles,
    configuration: &Configuration,
) -> Result<Revendications, Refus> {
    todo!(
        "Indice : `Validation::new(Algorithm::RS256)` vérifie `exp` mais pas `nbf`, et ne rend pas `aud` obligatoire : lisez ses champs publics (page 7.5, jwt.md)"
    )
}
