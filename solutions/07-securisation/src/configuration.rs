//! La configuration de l'autorisateur, lue dans l'environnement au démarrage à froid.
//!
//! Dans AWS, le gabarit SAM fixe les trois variables (`Environment: Variables:`) ; en local,
//! `Configuration::locale` donne celles des clés de test. Page « 7.5 La configuration :
//! émetteur, audience, JWKS » du chapitre 07.

use crate::cles_de_test::{AUDIENCE_LOCALE, EMETTEUR_LOCAL, chemin_jwks_de_test};
use crate::refus::ErreurConfiguration;

/// L'émetteur attendu, comparé exactement à la revendication `iss`.
pub const JWT_ISSUER: &str = "JWT_ISSUER";
/// L'audience exigée dans la revendication `aud`.
pub const JWT_AUDIENCE: &str = "JWT_AUDIENCE";
/// L'adresse du JWKS : `https://…` dans AWS, `file://…` en local.
pub const JWKS_URL: &str = "JWKS_URL";

/// Ce que l'autorisateur doit savoir de l'émetteur des jetons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Configuration {
    /// La valeur exacte de `iss`.
    pub emetteur: String,
    /// La valeur exigée dans `aud`.
    pub audience: String,
    /// L'adresse du JWKS.
    pub jwks_url: String,
}

impl Configuration {
    /// Lit la configuration dans les variables d'environnement du processus.
    pub fn depuis_env() -> Result<Self, ErreurConfiguration> {
        Self::depuis(|nom| std::env::var(nom).ok())
    }

    /// La configuration des essais en local : l'émetteur et l'audience des jetons de test, et
    /// le JWKS de la clé de test en `file://`.
    pub fn locale() -> Self {
        Self {
            emetteur: EMETTEUR_LOCAL.to_string(),
            audience: AUDIENCE_LOCALE.to_string(),
            jwks_url: format!("file://{}", chemin_jwks_de_test().display()),
        }
    }

    // ANCHOR: depuis
    /// Lit la configuration avec `lire`, qui donne la valeur d'une variable d'environnement.
    pub fn depuis(lire: impl Fn(&str) -> Option<String>) -> Result<Self, ErreurConfiguration> {
        let obligatoire = |nom: &'static str| {
            lire(nom)
                .map(|valeur| valeur.trim().to_string())
                .filter(|valeur| !valeur.is_empty())
                .ok_or(ErreurConfiguration::VariableAbsente(nom))
        };
        let emetteur = obligatoire(JWT_ISSUER)?;
        let audience = obligatoire(JWT_AUDIENCE)?;
        let jwks_url = obligatoire(JWKS_URL)?;
        let chemin_local = jwks_url.strip_prefix("file://").unwrap_or_default();
        let hote = jwks_url.strip_prefix("https://").unwrap_or_default();
        if hote.is_empty() && !chemin_local.starts_with('/') {
            return Err(ErreurConfiguration::JwksUrlInvalide(jwks_url));
        }
        Ok(Self {
            emetteur,
            audience,
            jwks_url,
        })
    }
    // ANCHOR_END: depuis
}
