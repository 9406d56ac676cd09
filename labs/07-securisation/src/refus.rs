//! Les deux types d'erreur de l'autorisateur (fourni, rien à écrire ici).
//!
//! - [`Refus`] : la requête n'est pas autorisée. Quel que soit le motif, la fonction renvoie
//!   à Lambda l'erreur `Unauthorized`, et API Gateway répond 401 `{"message":"Unauthorized"}`.
//!   Le motif détaillé ne va que dans le journal : le client n'en apprend rien.
//! - [`ErreurConfiguration`] : la fonction est mal configurée. Elle ne démarre pas (échec du
//!   démarrage à froid, avec ce message), et n'autorise donc jamais rien.
//!
//! Pages « 7.2 Le mécanisme d'autorisation Lambda » (autorisateur-lambda.md) et « 7.3 La réponse de l'autorisateur » (reponse.md) du chapitre 07.

use lambda_runtime::Diagnostic;

/// Le message d'erreur qu'API Gateway traduit en 401 ; tout autre message donne un 500.
pub const UNAUTHORIZED: &str = "Unauthorized";

/// Pourquoi une requête est refusée. Chaque variante devient la même erreur `Unauthorized`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refus {
    /// Pas d'en-tête `Authorization` (ou une valeur vide).
    #[error("l'en-tête `Authorization` est absent ou vide")]
    EnTeteAbsent,
    /// L'en-tête n'a pas la forme `Bearer <jeton>` ; le texte dit ce qui ne va pas.
    #[error("l'en-tête `Authorization` est mal formé : {0}")]
    EnTeteMalForme(&'static str),
    /// Le jeton dépasse la taille admise (le nombre d'octets reçus).
    #[error("le jeton est trop long ({0} octets)")]
    JetonTropLong(usize),
    /// L'algorithme de l'en-tête du jeton n'est pas RS256 (ou l'en-tête est illisible).
    #[error("algorithme refusé : {0} (seul RS256 est accepté)")]
    AlgorithmeRefuse(String),
    /// Le jeton ne dit pas quelle clé l'a signé (en-tête `kid` absent).
    #[error("le jeton n'a pas d'en-tête `kid`")]
    KidAbsent,
    /// Aucune clé du JWKS n'a ce `kid`, même après un rechargement.
    #[error("aucune clé du JWKS n'a le `kid` {0:?}")]
    CleInconnue(String),
    /// `jsonwebtoken` refuse le jeton : signature, `exp`, `nbf`, `iss`, `aud`, revendication
    /// manquante… (`erreur.kind()` dit laquelle).
    #[error("jeton refusé : {0}")]
    JetonInvalide(jsonwebtoken::errors::Error),
    /// Le jeton est valide mais inutilisable (par exemple un `sub` vide).
    #[error("jeton inutilisable : {0}")]
    JetonInutilisable(&'static str),
    /// L'événement n'est pas celui d'un mécanisme d'autorisation TOKEN.
    #[error("événement inattendu : {0}")]
    EvenementInattendu(String),
}

/// Ce que le runtime Lambda renvoie pour un refus : toujours `Unauthorized`, sans le motif.
impl From<Refus> for Diagnostic {
    fn from(_refus: Refus) -> Self {
        Diagnostic {
            error_type: UNAUTHORIZED.to_string(),
            error_message: UNAUTHORIZED.to_string(),
        }
    }
}

/// Une configuration absente ou invalide : la fonction refuse de démarrer.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErreurConfiguration {
    /// Une variable d'environnement obligatoire manque, ou est vide.
    #[error(
        "la variable d'environnement {0} est absente ou vide : l'autorisateur ne démarre pas \
         (voir la page « Atelier 07 » du chapitre 07)"
    )]
    VariableAbsente(&'static str),
    /// `JWKS_URL` n'est ni en `https://` ni en `file://`.
    #[error(
        "JWKS_URL doit commencer par `https://` (ou `file://` pour un essai en local), reçu {0:?}"
    )]
    JwksUrlInvalide(String),
    /// Le JWKS n'a pas pu être lu (fichier absent, réseau, JSON invalide…).
    #[error("le JWKS de {url} est illisible : {detail}")]
    JwksIllisible {
        /// L'adresse du JWKS.
        url: String,
        /// Ce qui a échoué.
        detail: String,
    },
    /// Le JWKS ne contient aucune clé RSA de signature avec un `kid`.
    #[error("le JWKS de {0} ne contient aucune clé RSA de signature (RS256) avec un `kid`")]
    JwksSansCle(String),
}
