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

    /// La clé reçue si elle est l'une des clés acceptées ; sinon le 403 d'API Gateway.
    ///
    /// Étape 7. Lisez l'en-tête [`EN_TETE_CLE_API`] (un `HeaderMap` ignore la casse des noms) ;
    /// absent, vide, illisible ou inconnu : `Err(CLE_API_REFUSEE)`. Sinon, renvoyez la clé
    /// acceptée, empruntée à `self`. Page « 7.6 Les clés d'API et les plans d'utilisation »
    /// (cles-api.md).
    pub fn verifier(&self, entetes: &HeaderMap) -> Result<&str, ReponsePasserelle> {
        todo!(
            "Indice : `entetes.get(EN_TETE_CLE_API)` donne une `Option<&HeaderValue>` ; `to_str()` la lit (page 7.6, cles-api.md)"
        )
    }
}
