//! La clé d'API (`x-api-key`), telle qu'API Gateway la vérifie avant d'appeler l'intégration.
//!
//! Une clé d'API identifie un client pour son plan d'utilisation ; elle n'authentifie
//! personne. Page « 7.6 Les clés d'API et les plans d'utilisation » du chapitre 07.

use crate::reponses::{CLE_API_REFUSEE, ReponsePasserelle};
use aws_lambda_events::http::HeaderMap;

/// L'en-tête qui porte la clé (source `HEADER`, celle par défaut).
pub const EN_TETE_CLE_API: &str = "x-api-key";

/// Les clés des plans d'utilisation associés à l'étape.
#[derive(Clone, Debug, Default)]
pub struct ClesApi {
    valeurs: Vec<String>,
}

impl ClesApi {
    /// Les clés acceptées.
    pub fn new<I, S>(valeurs: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            valeurs: valeurs.into_iter().map(Into::into).collect(),
        }
    }

    // ANCHOR: verifier
    /// La clé reçue si elle est l'une des clés acceptées ; sinon le 403 d'API Gateway.
    pub fn verifier(&self, entetes: &HeaderMap) -> Result<&str, ReponsePasserelle> {
        let recue = entetes
            .get(EN_TETE_CLE_API)
            .and_then(|valeur| valeur.to_str().ok())
            .filter(|valeur| !valeur.is_empty())
            .ok_or(CLE_API_REFUSEE)?;
        self.valeurs
            .iter()
            .find(|cle| cle.as_str() == recue)
            .map(String::as_str)
            .ok_or(CLE_API_REFUSEE)
    }
    // ANCHOR_END: verifier
}
