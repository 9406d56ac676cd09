//! La configuration de l'autorisateur, lue dans l'environnement au démarrage à froid.
//!
//! Dans AWS, le gabarit SAM fixe les trois variables (`Environment: Variables:`) ; en local,
//! `Configuration::locale` donne celles des clés de test. Page « 7.5 Vérifier un JWT pas à
//! pas » (jwt.md), section « La configuration », du chapitre 07.

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

    /// Lit la configuration avec `lire`, qui donne la valeur d'une variable d'environnement.
    ///
    /// Étape 1. Les trois variables sont obligatoires : absente, vide ou faite d'espaces, c'est
    /// `ErreurConfiguration::VariableAbsente(<nom>)`, dans l'ordre `JWT_ISSUER`, `JWT_AUDIENCE`,
    /// `JWKS_URL`. Les valeurs sont gardées sans leurs espaces autour. `JWKS_URL` commence par
    /// `https://` suivi d'un hôte, ou par `file://` suivi d'un chemin absolu (`file:///…`) ;
    /// sinon `ErreurConfiguration::JwksUrlInvalide(<la valeur>)`. Page « 7.5 Vérifier un JWT pas
    /// à pas » (jwt.md), section « La configuration ».
    pub fn depuis(lire: impl Fn(&str) -> Option<String>) -> Result<Self, ErreurConfiguration> {
        todo!(
            "Indice : écrivez d'abord une fermeture `obligatoire(nom)` qui rend la valeur ou l'erreur, puis testez le préfixe de `JWKS_URL` avec `strip_prefix` (page 7.5, jwt.md)"
        )
    }
}
