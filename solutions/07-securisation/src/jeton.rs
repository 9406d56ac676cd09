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

// ANCHOR: extraire_jeton
/// Le jeton de `Authorization: Bearer <jeton>`, ou le motif du refus.
pub fn extraire_jeton(authorization: Option<&str>) -> Result<&str, Refus> {
    let valeur = authorization.unwrap_or_default();
    if valeur.trim().is_empty() {
        return Err(Refus::EnTeteAbsent);
    }
    if valeur.len() > TAILLE_MAXIMALE_JETON + "Bearer ".len() {
        return Err(Refus::JetonTropLong(valeur.len()));
    }
    let (schema, jeton) = valeur
        .split_once(' ')
        .ok_or(Refus::EnTeteMalForme("attendu `Bearer <jeton>`"))?;
    if !schema.eq_ignore_ascii_case("Bearer") {
        return Err(Refus::EnTeteMalForme("le schéma n'est pas `Bearer`"));
    }
    if jeton.is_empty() || jeton.contains(|c: char| c.is_whitespace() || c == ',') {
        return Err(Refus::EnTeteMalForme("attendu un seul jeton, sans espace"));
    }
    let parties: Vec<&str> = jeton.split('.').collect();
    let base64url = |partie: &&str| {
        !partie.is_empty()
            && partie
                .bytes()
                .all(|o| o.is_ascii_alphanumeric() || o == b'-' || o == b'_')
    };
    if parties.len() != 3 || !parties.iter().all(base64url) {
        return Err(Refus::EnTeteMalForme("un JWT a trois parties base64url"));
    }
    Ok(jeton)
}
// ANCHOR_END: extraire_jeton

// ANCHOR: verifier_jeton
/// Vérifie la signature et les revendications du jeton ; renvoie ses revendications.
pub fn verifier_jeton(
    jeton: &str,
    cles: &SourceDeCles,
    configuration: &Configuration,
) -> Result<Revendications, Refus> {
    // 1. L'en-tête, lu sans confiance : seuls `alg` et `kid` servent, et `alg` est imposé.
    let entete = jsonwebtoken::decode_header(jeton)
        .map_err(|e| Refus::AlgorithmeRefuse(format!("en-tête illisible ({e})")))?;
    if entete.alg != Algorithm::RS256 {
        return Err(Refus::AlgorithmeRefuse(format!("{:?}", entete.alg)));
    }
    // 2. La clé vient de NOTRE JWKS, par son `kid` ; `jwk`, `jku` et `x5u` sont ignorés.
    let kid = entete.kid.ok_or(Refus::KidAbsent)?;
    let cle = cles.cle(&kid).ok_or(Refus::CleInconnue(kid))?;
    // 3. La signature et les revendications.
    let mut validation = Validation::new(Algorithm::RS256);
    validation.set_issuer(&[&configuration.emetteur]);
    validation.set_audience(&[&configuration.audience]);
    validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
    validation.validate_nbf = true;
    validation.leeway = DECALAGE_TOLERE_S;
    let donnees = jsonwebtoken::decode::<Revendications>(jeton, &cle, &validation)
        .map_err(Refus::JetonInvalide)?;
    if donnees.claims.sub.trim().is_empty() {
        return Err(Refus::JetonInutilisable("`sub` est vide"));
    }
    Ok(donnees.claims)
}
// ANCHOR_END: verifier_jeton
