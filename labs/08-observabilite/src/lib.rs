//! # Atelier 08 — Observabilité
//!
//! Vous rendez l'API Produits observable. Pour chaque requête, une couche écrit sur la sortie
//! standard (donc dans CloudWatch Logs) deux lignes JSON :
//!
//! - une **ligne de journal** : identifiants de la requête, méthode, modèle de route, statut,
//!   latence en millisecondes, identifiant de trace X-Ray, démarrage à froid ou non, et les
//!   en-têtes et paramètres **secrets masqués** ;
//! - un **document EMF** (*Embedded Metric Format*), que CloudWatch change en métriques :
//!   `Latence`, `Requetes` et `Erreurs`, par route et par classe de statut.
//!
//! La couche enveloppe la couche d'erreurs du chapitre 04 (`solution_04_erreurs`) : même une
//! panique donne une réponse, une ligne et un document. L'énoncé complet est la page
//! « Atelier 08 » du chapitre 08 (`chapters/ch08-observabilite/atelier.md`).
//!
//! Fourni : l'horloge injectable ([`horloge`]), la sortie ([`sortie`] : la sortie standard
//! ou un tampon en mémoire), le type [`trace::EnTeteTrace`] et son affichage, la [`Mesure`]
//! d'une requête et les noms des métriques ([`mesure`]), et [`Observabilite`] ([`couche`]) sauf sa méthode
//! [`Observabilite::mesurer`].
//!
//! À écrire, dans cet ordre (l'ordre des modules de tests, `etape_1_…` à `etape_6_…`) :
//! 1. [`EnTeteTrace::analyser`] et [`trace_de`] ;
//! 2. [`classe_de_statut`] et [`route_de`] ;
//! 3. [`masquer_entetes`] et [`masquer_parametres`] ;
//! 4. [`document_emf`] ;
//! 5. [`ligne_de_journal`] ;
//! 6. [`Observabilite::mesurer`].
//!
//! Noter votre travail : `cargo test -p lab-08-observabilite`, ou `cargo xtask watch 08` qui
//! relance les tests à chaque enregistrement. Lisez le premier échec d'abord.

// Énoncé : les paramètres ne servent qu'une fois votre code écrit.
#![allow(unused_variables, unused_imports, unused_mut, dead_code)]

pub mod couche;
pub mod horloge;
pub mod mesure;
pub mod sortie;
#[cfg(test)]
mod tests;
pub mod trace;

pub use couche::Observabilite;
pub use horloge::{Horloge, HorlogeManuelle, HorlogeSysteme};
pub use mesure::Mesure;
pub use sortie::{Sortie, Tampon};
pub use trace::EnTeteTrace;

use lambda_http::http::HeaderMap;
use lambda_http::request::RequestContext;
use lambda_http::{Body, Request, RequestExt, Response};
use mesure::{
    DIMENSION_CLASSE, DIMENSION_ROUTE, ENTETES_SENSIBLES, MASQUE, METRIQUE_ERREURS,
    METRIQUE_LATENCE, METRIQUE_REQUETES, MOTS_SENSIBLES, code_d_erreur,
};
use serde_json::{Map, Value, json};
use solution_04_erreurs::journal::Identifiants;
use std::future::Future;
use std::sync::atomic::Ordering;
use trace::ENTETE_TRACE;

// --- 1. L'en-tête de trace ---------------------------------------------------------------------
// Page « 8.5 X-Ray : suivre une requête de service en service » (x-ray.md) du chapitre 08.

impl EnTeteTrace {
    /// Étape 1. Lit un en-tête `Root=1-…-…;Parent=…;Sampled=…` (champs séparés par `;`, dans
    /// n'importe quel ordre, espaces autour permis). `Root` est obligatoire :
    /// `1-{8 chiffres hexadécimaux}-{24 chiffres hexadécimaux}`. `Parent`, facultatif, fait
    /// 16 chiffres hexadécimaux. `Sampled` vaut `1`, `0` ou `?` (décision non prise : `None`).
    /// Les autres champs (`Lineage`…) sont ignorés. Tout le reste (un morceau sans `=`, un
    /// champ connu mal formé) rend l'en-tête entier invalide : `None`.
    pub fn analyser(texte: &str) -> Option<Self> {
        todo!(
            "Indice : `texte.split(';')`, puis `split_once('=')` sur chaque morceau (un `?` renvoie None s'il n'y a pas de `=`) ; vérifiez les longueurs et `is_ascii_hexdigit` (page 8.5, x-ray.md)"
        )
    }
}

/// Étape 1. La trace d'une requête : celle du contexte de l'invocation Lambda d'abord
/// (`requete.lambda_context_ref()`, champ `xray_trace_id` : la valeur que le runtime met
/// dans `_X_AMZN_TRACE_ID`), sinon l'en-tête [`ENTETE_TRACE`] de la requête ; `None` si
/// aucune des deux n'est bien formée. Un en-tête qui n'est pas de l'ASCII visible compte
/// comme mal formé : ce code s'exécute hors de la couche d'erreurs, une panique ici ferait
/// échouer la requête.
pub fn trace_de(requete: &Request) -> Option<EnTeteTrace> {
    todo!(
        "Indice : `Option::and_then` enchaîne les lectures ; `or_else` essaie l'en-tête quand le contexte ne donne rien (page 8.5, x-ray.md)"
    )
}

// --- 2. Les dimensions : classe du statut et modèle de route ----------------------------------
// Page « 8.3 Des métriques à soi : EMF » (emf.md) du chapitre 08.

/// Étape 2. La classe d'un statut : `"1xx"` à `"5xx"`, d'après son premier chiffre.
pub fn classe_de_statut(statut: u16) -> &'static str {
    todo!("Indice : un `match` sur des intervalles, `200..=299 => \"2xx\"` (page 8.3, emf.md)")
}

/// Étape 2. Le modèle de la route qui a reçu la requête, jamais le chemin : `resourcePath`
/// d'une API REST (`/produits/{id}`), `routeKey` d'une API HTTP sans sa méthode
/// (`GET /produits/{id}` → `/produits/{id}` ; `$default` reste `$default`). `"-"` quand la
/// requête n'a pas de contexte API Gateway ou que le champ est absent.
pub fn route_de(requete: &Request) -> String {
    todo!(
        "Indice : `match requete.request_context_ref()` avec `RequestContext::ApiGatewayV1(c)` (`c.resource_path`) et `ApiGatewayV2(c)` (`c.route_key`) (page 8.3, emf.md)"
    )
}

// --- 3. Le masquage des secrets ---------------------------------------------------------------
// Page « 8.2 Des journaux JSON qui ne trahissent rien » (journaux-json.md) du chapitre 08.

/// Étape 3. Les en-têtes, prêts à journaliser : un champ par nom d'en-tête (les noms sont
/// déjà en minuscules). La valeur devient [`MASQUE`] si le nom est dans
/// [`ENTETES_SENSIBLES`], ou si une valeur commence par `Bearer ` ou `Basic ` (quelle que
/// soit la casse) : un jeton reste un jeton, même dans un en-tête inattendu. Sinon, les
/// valeurs d'un même en-tête sont jointes par `", "`.
pub fn masquer_entetes(entetes: &HeaderMap) -> Map<String, Value> {
    todo!(
        "Indice : `entetes.keys()` donne chaque nom une fois, `entetes.get_all(nom)` toutes ses valeurs ; `String::from_utf8_lossy(valeur.as_bytes())` ne peut pas échouer (page 8.2, journaux-json.md)"
    )
}

/// Étape 3. Les paramètres de chaîne de requête, prêts à journaliser : la valeur d'un
/// paramètre dont le nom, en minuscules, contient l'un des [`MOTS_SENSIBLES`] devient
/// [`MASQUE`] ; sinon, les valeurs d'un même paramètre sont jointes par `","`. Un objet vide
/// sans chaîne de requête.
pub fn masquer_parametres(requete: &Request) -> Map<String, Value> {
    todo!(
        "Indice : `requete.query_string_parameters_ref()` donne un `Option<&QueryMap>` ; `.iter()` sur le `QueryMap` donne chaque couple (nom, valeur) (page 8.2, journaux-json.md)"
    )
}

// --- 4. Le document EMF -----------------------------------------------------------------------
// Page « 8.3 Des métriques à soi : EMF » (emf.md) du chapitre 08.

/// Étape 4. Le document EMF d'une requête. Dans `_aws` : `Timestamp` (l'horodatage de la
/// mesure) et une directive `CloudWatchMetrics` dans l'espace de noms `espace_de_noms`,
/// avec deux ensembles de dimensions, `[Route, ClasseStatut]` et `[]` (toute l'API), et trois
/// métriques : `Latence` (`Milliseconds`), `Requetes` et `Erreurs` (`Count`). À la racine :
/// la valeur de chaque dimension et de chaque métrique (`Requetes` vaut 1, `Erreurs` 1 pour
/// une 5xx et 0 sinon), puis `request_id` et `trace_id`, en membres ordinaires.
/// Utilisez les constantes du module [`mesure`].
pub fn document_emf(mesure: &Mesure, espace_de_noms: &str) -> Value {
    todo!(
        "Indice : la macro `json!` accepte une constante comme clé (`DIMENSION_ROUTE: mesure.route`) ; l'exemple de la page 8.3 donne la forme exacte (emf.md)"
    )
}

// --- 5. La ligne de journal -------------------------------------------------------------------
// Page « 8.2 Des journaux JSON qui ne trahissent rien » (journaux-json.md) du chapitre 08.

/// Étape 5. La ligne de journal d'une requête : `level` (`INFO`, `WARN` pour une 4xx,
/// `ERROR` pour une 5xx), `message` (`"requête servie"`), puis `request_id`,
/// `apigw_request_id`, `methode`, `route`, `chemin`, `statut`, `latence_ms`, `trace_id`,
/// `demarrage_a_froid`, `code`, `entetes` et `parametres`, tirés de la [`Mesure`] ; une donnée
/// inconnue vaut `null`. Pas d'horodatage : CloudWatch Logs en met un à chaque événement.
pub fn ligne_de_journal(mesure: &Mesure) -> Value {
    todo!(
        "Indice : un `match mesure.statut` pour le niveau, puis un `json!({{…}})` ; un `Option` vaut `null` quand il est `None` (page 8.2, journaux-json.md)"
    )
}

impl Observabilite {
    // --- 6. La couche -------------------------------------------------------------------------
    // Pages « 8.2 » (journaux-json.md) et « 8.5 » (x-ray.md) du chapitre 08.

    /// Étape 6. Mesure une requête servie par `service`, qui répond toujours (dans l'API, la
    /// couche d'erreurs : voir [`Observabilite::servir`]).
    ///
    /// 1. **Avant l'appel** (le service consomme la requête) : l'horodatage et l'instant de
    ///    départ sur `self.horloge`, le démarrage à froid (`true` pour la toute première
    ///    requête de cette couche, avec `self.deja_servi`), les identifiants
    ///    ([`Identifiants::de`]), la trace ([`trace_de`]), la méthode, la route
    ///    ([`route_de`]), le chemin (`raw_http_path`), les en-têtes et paramètres masqués.
    /// 2. La trace, si elle existe, va dans `requete.extensions_mut()` : le gestionnaire la
    ///    transmet aux services qu'il appelle.
    /// 3. L'appel, puis la durée : `monotone()` après moins `monotone()` avant, en
    ///    millisecondes avec `as_micros() as f64 / 1000.0` (exact au microseconde près).
    /// 4. Le statut, le `code` ([`code_d_erreur`]), puis [`Observabilite::ecrire`].
    pub async fn mesurer<S, Fut>(&self, mut requete: Request, service: S) -> Response<Body>
    where
        S: FnOnce(Request) -> Fut,
        Fut: Future<Output = Response<Body>>,
    {
        todo!(
            "Indice : lisez tout ce que demande la Mesure avant `service(requete).await` ; `AtomicBool::swap(true, Ordering::Relaxed)` rend l'ancienne valeur (page 8.2, journaux-json.md)"
        )
    }
}
