//! Les types de la configuration CORS (fournis, rien à écrire ici).
//!
//! [`ParametresCors`] est ce qu'on écrit : les propriétés de `Cors` d'un gabarit SAM, en
//! clair. [`ConfigurationCors`] est ce qu'on obtient une fois ces paramètres vérifiés par
//! `ConfigurationCors::nouvelle` : des valeurs d'en-têtes prêtes à poser sur une réponse.
//! Ses champs ne sont visibles que dans la crate : une `ConfigurationCors` vient toujours de
//! `nouvelle`, donc d'une configuration acceptée.

use lambda_http::http::HeaderValue;

// ANCHOR: parametres
/// Les paramètres CORS, propriété par propriété de `Cors` dans SAM (plus `ExposeHeaders`,
/// que seule une API HTTP configure, et que notre couche sait ajouter).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParametresCors {
    /// `AllowOrigin` : `["*"]`, ou les origines exactes (`https://boutique.exemple.fr`).
    pub origines: Vec<String>,
    /// `AllowMethods` : `GET`, `POST`… (`*` pour toutes).
    pub methodes: Vec<String>,
    /// `AllowHeaders` : les en-têtes que la page peut envoyer (`Content-Type`…, `*` pour tous).
    pub entetes: Vec<String>,
    /// `ExposeHeaders` : les en-têtes de réponse que la page peut lire en plus des sûrs.
    pub entetes_exposes: Vec<String>,
    /// `MaxAge` : combien de secondes le navigateur garde la réponse préliminaire.
    pub duree_max: Option<u32>,
    /// `AllowCredentials` : la page peut envoyer ses cookies et lire la réponse.
    pub identifiants: bool,
}
// ANCHOR_END: parametres

// ANCHOR: types
/// Les origines autorisées, une fois vérifiées.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origines {
    /// `*` : toute page peut lire les réponses (sans cookies).
    Toutes,
    /// Ces origines seulement, chacune telle que le navigateur l'envoie dans `Origin`.
    Liste(Vec<HeaderValue>),
}

/// Une configuration CORS acceptée : chaque valeur est celle d'un en-tête de réponse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigurationCors {
    pub(crate) origines: Origines,
    /// `Access-Control-Allow-Methods`, `None` si aucune méthode n'est donnée.
    pub(crate) methodes: Option<HeaderValue>,
    /// `Access-Control-Allow-Headers`, `None` si aucun en-tête n'est donné.
    pub(crate) entetes: Option<HeaderValue>,
    /// `Access-Control-Expose-Headers`, `None` si aucun en-tête n'est donné.
    pub(crate) entetes_exposes: Option<HeaderValue>,
    /// `Access-Control-Max-Age`, en secondes.
    pub(crate) duree_max: Option<HeaderValue>,
    /// `Access-Control-Allow-Credentials: true` quand c'est vrai.
    pub(crate) identifiants: bool,
}

impl ConfigurationCors {
    /// Les origines autorisées.
    pub fn origines(&self) -> &Origines {
        &self.origines
    }

    /// Vrai si les pages peuvent envoyer leurs cookies (`AllowCredentials: true`).
    pub fn identifiants(&self) -> bool {
        self.identifiants
    }
}
// ANCHOR_END: types
