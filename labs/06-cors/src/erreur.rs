//! Les configurations CORS refusées (fourni, rien à écrire ici).
//!
//! Chaque variante est une configuration qu'un navigateur rejetterait, ou qui ne ferait pas ce
//! que son auteur croit. Le texte de chaque erreur (écrit par `thiserror`) nomme la règle : il
//! s'affiche au démarrage de la fonction, qui refuse de démarrer avec une configuration fausse
//! (chapitre 06, page « 6.3 Les en-têtes CORS un par un »).

// ANCHOR: type
/// Pourquoi une configuration CORS est refusée à sa construction.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ErreurConfiguration {
    /// La liste des origines est vide : aucune page ne pourrait lire les réponses.
    #[error("aucune origine autorisée : donnez `*` ou au moins une origine")]
    AucuneOrigine,

    /// `*` mêlé à des origines précises : `Access-Control-Allow-Origin` ne porte qu'une valeur.
    #[error("`*` autorise toutes les origines : il ne se mêle pas à une liste d'origines")]
    EtoileParmiDesOrigines,

    /// Une origine qu'aucun navigateur n'enverra telle quelle dans l'en-tête `Origin`.
    #[error("l'origine {origine:?} ne peut jamais correspondre à l'en-tête `Origin` : {raison}")]
    OrigineInvalide { origine: String, raison: String },

    /// Les cookies (*credentials*) avec un `*` : le navigateur refuse la réponse.
    #[error(
        "`AllowCredentials: true` ne se combine pas avec `*` dans {champ} : le navigateur \
         refuse alors la réponse ; nommez les valeurs une à une"
    )]
    IdentifiantsAvecEtoile { champ: &'static str },

    /// Une méthode qui n'est pas un nom de méthode HTTP.
    #[error("{0:?} n'est pas une méthode HTTP")]
    MethodeInvalide(String),

    /// Un nom d'en-tête qui n'est pas un nom d'en-tête HTTP.
    #[error("{0:?} n'est pas un nom d'en-tête HTTP")]
    EnteteInvalide(String),

    /// Une valeur de `Cors` dans un gabarit SAM, sans ses apostrophes intérieures.
    #[error(
        "la propriété {propriete} de `Cors` vaut {valeur:?} : SAM attend une chaîne entre \
         apostrophes, par exemple \"'GET,POST'\""
    )]
    ValeurSamSansApostrophes {
        propriete: &'static str,
        valeur: String,
    },

    /// Une durée `MaxAge` qui n'est pas un nombre entier de secondes.
    #[error("`MaxAge` vaut {0:?} : attendu un nombre entier de secondes")]
    DureeInvalide(String),
}
// ANCHOR_END: type
