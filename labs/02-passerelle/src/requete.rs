//! La vue normalisée d'une requête API Gateway (fourni : ne modifiez pas ce fichier).
//!
//! Une API REST (format de charge utile 1.0) et une API HTTP (format 2.0) décrivent la même
//! requête HTTP avec des champs différents (chapitre 02, page « Les formats de charge utile 1.0 et 2.0 »). Votre code métier ne
//! devrait voir qu'une seule forme : [`Requete`]. Vous la remplissez dans `lib.rs`.

use aws_lambda_events::http::{HeaderMap, Method};
use std::collections::BTreeMap;

/// Le format de charge utile (*payload format version*) de l'événement reçu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VersionCharge {
    /// Format 1.0 : API REST, ou API HTTP configurée en 1.0.
    V1,
    /// Format 2.0 : API HTTP (la valeur par défaut de SAM pour `AWS::Serverless::HttpApi`).
    V2,
}

/// Une requête HTTP vue par votre code, quel que soit le format de l'événement d'origine.
#[derive(Clone, Debug)]
pub struct Requete {
    /// Le format de l'événement lu.
    pub version: VersionCharge,
    /// La méthode HTTP (`GET`, `POST`…).
    pub methode: Method,
    /// Le chemin demandé par le client **sans** le nom de l'étape : `/produits/42`.
    pub chemin: String,
    /// L'étape (*stage*) qui a reçu la requête, `Some("prod")` ; `None` pour `$default`.
    pub etape: Option<String>,
    /// Les paramètres de chemin extraits par API Gateway (`{id}` → `"42"`).
    pub parametres_chemin: BTreeMap<String, String>,
    /// Chaque paramètre de chaîne de requête avec **toutes** ses valeurs, dans l'ordre reçu,
    /// déjà décodées (`caf%C3%A9` → `café`).
    pub parametres_requete: BTreeMap<String, Vec<String>>,
    /// Les en-têtes. `HeaderMap` range les noms en minuscules et les compare sans tenir
    /// compte de la casse : `Content-Type` et `content-type` désignent le même en-tête.
    pub entetes: HeaderMap,
    /// Le corps, déjà décodé s'il arrivait en base64 ; vide quand la requête n'en a pas.
    pub corps: Vec<u8>,
}

impl Requete {
    /// La première valeur du paramètre de chaîne de requête `nom`, s'il est présent.
    pub fn parametre(&self, nom: &str) -> Option<&str> {
        self.parametres(nom).first().map(String::as_str)
    }

    /// Toutes les valeurs du paramètre de chaîne de requête `nom` (vide s'il est absent).
    pub fn parametres(&self, nom: &str) -> &[String] {
        self.parametres_requete
            .get(nom)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Le paramètre de chemin `nom` (`id` pour la ressource `/produits/{id}`).
    pub fn parametre_chemin(&self, nom: &str) -> Option<&str> {
        self.parametres_chemin.get(nom).map(String::as_str)
    }

    /// Le corps lu comme du texte UTF-8 ; `None` s'il n'en est pas (une image, par exemple).
    pub fn corps_texte(&self) -> Option<&str> {
        std::str::from_utf8(&self.corps).ok()
    }
}

/// Pourquoi un événement n'a pas pu devenir une [`Requete`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurLecture {
    /// Le texte reçu n'est pas du JSON.
    #[error("l'événement n'est pas du JSON valide : {0}")]
    JsonInvalide(String),
    /// Du JSON, mais ni un événement 1.0 ni un événement 2.0.
    #[error(
        "format d'événement inconnu : ni clé `httpMethod` (format 1.0, API REST) ni \
         `\"version\": \"2.0\"` (format 2.0, API HTTP) ; est-ce bien un événement \
         d'intégration proxy API Gateway ?"
    )]
    FormatInconnu,
    /// Le format est reconnu, mais un champ manque ou a un type inattendu.
    #[error("événement au format {version} mal formé : {detail}")]
    ChampInvalide {
        /// `"1.0"` ou `"2.0"`.
        version: &'static str,
        /// Le message de serde, qui nomme le champ en cause.
        detail: String,
    },
    /// `isBase64Encoded` vaut `true`, mais le corps n'est pas du base64.
    #[error("corps annoncé en base64 (`isBase64Encoded: true`) mais illisible : {0}")]
    Base64Invalide(String),
}
