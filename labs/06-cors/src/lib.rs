//! # Atelier 06 — CORS
//!
//! Vous rendez l'API Produits lisible depuis une page web d'une autre origine, et seulement
//! depuis les origines permises. Une configuration à la manière de la propriété `Cors` de SAM
//! est vérifiée à sa construction ; la couche CORS répond aux requêtes préliminaires
//! (*preflight*) et pose les en-têtes CORS sur chaque réponse, erreurs comprises. L'énoncé
//! complet est la page « Atelier 06 » du chapitre 06 (`chapters/ch06-cors/atelier.md`).
//!
//! Fourni : les paramètres et la configuration ([`configuration`]), les erreurs de
//! configuration ([`erreur`]), et toute l'API du chapitre 04 (`solution_04_erreurs` :
//! `handler`, `avec_couche_erreurs`, `Etat`).
//!
//! À écrire, dans cet ordre (l'ordre des modules de tests, `etape_1_…` à `etape_8_…`) :
//! 1. [`ConfigurationCors::nouvelle`] : vérifier les paramètres, préparer les valeurs ;
//! 2. [`ParametresCors::depuis_sam`] : lire les valeurs entre apostrophes d'un gabarit SAM ;
//! 3. [`ConfigurationCors::autoriser_origine`] ;
//! 4. [`ConfigurationCors::entetes_reponse`] ;
//! 5. [`est_preliminaire`], [`ConfigurationCors::entetes_preliminaires`] et
//!    [`ConfigurationCors::reponse_preliminaire`] ;
//! 6. la couche [`avec_cors`] ;
//! 7. et 8. rien de nouveau : l'API Produits derrière ses deux couches, puis dans un vrai
//!    navigateur (Chromium), vérifient tout l'ensemble.
//!
//! Noter votre travail : `cargo test -p lab-06-cors`, ou `cargo xtask watch 06` qui relance
//! les tests à chaque enregistrement. Lisez le premier échec d'abord.

// Énoncé : les paramètres ne servent qu'une fois votre code écrit.
#![allow(unused_variables, unused_imports)]

pub mod configuration;
pub mod erreur;
#[cfg(test)]
mod tests;

pub use configuration::{ConfigurationCors, Origines, ParametresCors};
pub use erreur::ErreurConfiguration;

use lambda_http::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use lambda_http::http::{Method, StatusCode};
use lambda_http::{Body, Request, Response};
use std::future::Future;

impl ParametresCors {
    /// Les paramètres d'une propriété `Cors` de SAM, valeurs telles qu'écrites dans le gabarit :
    /// des « expressions de chaîne » d'API Gateway, entre apostrophes (`"'GET,POST'"`).
    ///
    /// `AllowOrigin` est une seule valeur (API Gateway la renvoie telle quelle) ;
    /// `AllowMethods` et `AllowHeaders` sont des listes séparées par des virgules ; `MaxAge`
    /// un nombre de secondes. Une propriété absente (`None`) donne une liste vide ou `None`.
    /// Chapitre 06, page « 6.5 CORS sur une API REST ».
    pub fn depuis_sam(
        allow_origin: &str,
        allow_methods: Option<&str>,
        allow_headers: Option<&str>,
        max_age: Option<&str>,
        allow_credentials: bool,
    ) -> Result<Self, ErreurConfiguration> {
        todo!(
            "Indice : écrivez d'abord une petite fonction qui retire les apostrophes autour \
             d'une valeur (strip_prefix, strip_suffix) et renvoie \
             ErreurConfiguration::ValeurSamSansApostrophes quand elles manquent"
        )
    }
}

impl ConfigurationCors {
    /// Vérifie `parametres` et prépare chaque valeur d'en-tête.
    ///
    /// Refuse (voir les variantes de [`ErreurConfiguration`]) : les cookies (`identifiants`)
    /// avec un `*` dans n'importe quelle liste ; une liste d'origines vide ; `*` mêlé à des
    /// origines ; une origine que le navigateur n'enverra jamais telle quelle dans `Origin`
    /// (sans schéma `http://` ou `https://`, avec un chemin ou la barre finale, un joker, des
    /// majuscules, le port par défaut, `null`, un caractère non ASCII…) ; une méthode ou un nom
    /// d'en-tête mal formés. Prépare : les méthodes en majuscules jointes par `", "`, les noms
    /// d'en-têtes en minuscules (comme `HeaderName`), `None` pour une liste vide.
    /// Chapitre 06, page « 6.3 Les en-têtes CORS un par un ».
    pub fn nouvelle(parametres: ParametresCors) -> Result<Self, ErreurConfiguration> {
        todo!(
            "Indice : acceptez d'abord une liste d'origines, sans autre vérification (une liste \
             vide de méthodes ou d'en-têtes donne None) ; ajoutez ensuite les refus, une règle \
             après l'autre : les cookies avec `*`, la liste vide, `*` mêlé à des origines, puis \
             chaque origine, vérifiée par une fonction à part"
        )
    }

    /// La valeur d'`Access-Control-Allow-Origin` pour une requête qui porte `origine` :
    /// `*` si toutes les origines sont permises ; l'origine elle-même si elle est dans la
    /// liste ; `None` sinon.
    /// Chapitre 06, page « 6.3 Les en-têtes CORS un par un ».
    pub fn autoriser_origine(&self, origine: Option<&HeaderValue>) -> Option<HeaderValue> {
        todo!("Indice : un `match` sur self.origines ; une origine se compare en entier")
    }

    /// Les en-têtes CORS d'une réponse réelle (pas préliminaire) à une requête d'`origine`.
    ///
    /// `Vary: Origin` dès que la réponse dépend de l'origine (une liste d'origines) ; puis,
    /// si l'origine est permise : `Access-Control-Allow-Origin`, `-Allow-Credentials: true`
    /// si la configuration le demande, `-Expose-Headers` s'il y en a.
    /// Chapitre 06, page « 6.3 Les en-têtes CORS un par un ».
    pub fn entetes_reponse(&self, origine: Option<&HeaderValue>) -> HeaderMap {
        todo!(
            "Indice : partez de HeaderMap::new() et utilisez les constantes \
             header::ACCESS_CONTROL_… et header::VARY"
        )
    }

    /// Les en-têtes de la réponse préliminaire : `Vary`, l'origine et les cookies comme une
    /// réponse réelle (sans `-Expose-Headers`), plus `-Allow-Methods`, `-Allow-Headers` et
    /// `-Max-Age`. Pour une origine refusée, aucun en-tête `Access-Control-…`.
    /// Chapitre 06, page « 6.2 Requêtes simples et requêtes préliminaires ».
    pub fn entetes_preliminaires(&self, origine: Option<&HeaderValue>) -> HeaderMap {
        todo!("Indice : la partie commune avec entetes_reponse mérite une fonction à part")
    }

    /// La réponse à une requête préliminaire dont voici les en-têtes : 204, sans corps, avec
    /// [`ConfigurationCors::entetes_preliminaires`] de son `Origin`.
    /// Chapitre 06, page « 6.2 Requêtes simples et requêtes préliminaires ».
    pub fn reponse_preliminaire(&self, entetes_requete: &HeaderMap) -> Response<Body> {
        todo!("Indice : Response::new(Body::Empty), puis status_mut() et headers_mut()")
    }
}

/// Une requête préliminaire : `OPTIONS` avec les en-têtes `Origin` et
/// `Access-Control-Request-Method`. Un autre `OPTIONS` est une requête ordinaire.
/// Chapitre 06, page « 6.2 Requêtes simples et requêtes préliminaires ».
pub fn est_preliminaire(methode: &Method, entetes: &HeaderMap) -> bool {
    todo!("Indice : trois conditions, réunies par &&")
}

/// La couche CORS : répond elle-même aux requêtes préliminaires, sans appeler le
/// gestionnaire ; pose les en-têtes CORS sur toute autre réponse, succès ou erreur.
///
/// La couche est seule à décider : elle retire d'abord les en-têtes `Access-Control-…` que le
/// gestionnaire aurait posés. Elle ajoute `Origin` à `Vary` sans effacer ce qui y est déjà.
/// `gestionnaire` renvoie une réponse, jamais un `Err` : c'est un gestionnaire déjà enveloppé
/// dans la couche d'erreurs du chapitre 04.
/// Chapitre 06, page « 6.7 L'erreur qui devient « erreur CORS » ».
pub async fn avec_cors<F, Fut>(
    configuration: &ConfigurationCors,
    requete: Request,
    gestionnaire: F,
) -> Response<Body>
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response<Body>>,
{
    todo!(
        "Indice : gardez une copie de l'en-tête Origin avant de donner la requête au \
         gestionnaire, qui la consomme"
    )
}
