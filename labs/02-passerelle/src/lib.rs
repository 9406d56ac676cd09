//! # Atelier 02 — API Gateway en profondeur
//!
//! Trois pièces, en dix étapes, dans l'ordre des tests (page « Atelier 02 » du chapitre 02) :
//!
//! 1. **Lire les deux formats d'événement.** Une API REST (format de charge utile 1.0) et une
//!    API HTTP (format 2.0) décrivent la même requête avec des champs différents. Vous les
//!    ramenez à une seule vue, [`Requete`] : méthode, chemin **sans l'étape**, paramètres de
//!    chemin et de chaîne de requête, en-têtes lus sans tenir compte de la casse, corps décodé
//!    du base64. À écrire, dans cet ordre : [`chemin_sans_etape`] (étape 1), [`decoder_corps`]
//!    (2), [`depuis_rest`] (3), `Requete::entete` (4), [`depuis_http`] (5), [`lire_evenement`] (6).
//! 2. **Router comme API Gateway.** `Route::analyser` lit une clé de route
//!    (`GET /produits/{id}`) (7), `Route::correspondre` compare un chemin au modèle et extrait
//!    les paramètres (8), `Routeur::trouver` choisit la route **la plus précise** (9).
//! 3. **Choisir le type d'API.** `Besoin::types_compatibles` recopie le tableau corrigé de la
//!    page « REST, HTTP ou WebSocket ? », puis [`choisir_type_api`] en déduit REST, HTTP ou
//!    WebSocket, avec la raison (10).
//!
//! Fourni (à lire, pas à modifier) : les types [`requete`], [`routes`] et [`besoins`], et deux
//! événements complets dans `evenements/`. Les tests sont rangés par étape (`etape_01_…`,
//! `etape_02_…`) : le premier échec affiché est celui de la première fonction à écrire.
//!
//! Noter votre travail : `cargo test -p lab-02-passerelle`, ou `cargo xtask watch 02`, qui
//! relance les tests à chaque enregistrement et n'affiche que le premier échec.

// Énoncé : les paramètres ne servent qu'une fois votre code écrit.
#![allow(unused_variables)]

pub mod besoins;
pub mod requete;
pub mod routes;
#[cfg(test)]
mod tests;

use aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayV2httpRequest};
use aws_lambda_events::http::Method;
use besoins::{Besoin, Choix, ErreurChoix, TypeApi};
use requete::{ErreurLecture, Requete};
use routes::{Correspondance, ErreurRoute, Route, Routeur};
use std::collections::BTreeMap;

// --- (a) Lire les deux formats --------------------------------------------------------------

/// Étape 1. Le chemin sans le nom de l'étape (page « Étapes et nom de l'étape dans le chemin »).
///
/// Sur une API HTTP, une étape nommée préfixe le chemin brut : `rawPath` vaut `/prod/produits`
/// sur l'étape `prod`. L'étape `$default` (ou `None`) ne préfixe rien. `/prod` seul donne `/` ;
/// `/production/x` n'est pas sur l'étape `prod`.
pub fn chemin_sans_etape(chemin_brut: &str, etape: Option<&str>) -> String {
    todo!(
        "Indice : traitez d'abord None et \"$default\", puis essayez `chemin_brut.strip_prefix(…)` \
         avec \"/\" suivi du nom de l'étape, et regardez ce qui reste (page « Étapes et nom de \
         l'étape dans le chemin »)"
    )
}

/// Étape 2. Le corps en octets (page « Les formats de charge utile 1.0 et 2.0 »).
///
/// Tel quel si `base64` vaut `false`, décodé sinon ; vide sans corps. Un base64 illisible donne
/// `ErreurLecture::Base64Invalide`, jamais une panique.
pub fn decoder_corps(corps: Option<&str>, base64: bool) -> Result<Vec<u8>, ErreurLecture> {
    todo!(
        "Indice : `base64::engine::general_purpose::STANDARD.decode(…)` (avec `use base64::Engine;`), \
         et `map_err` pour l'erreur"
    )
}

/// Étape 3. Un événement d'API REST (format 1.0) en vue normalisée (page « Les formats de charge
/// utile 1.0 et 2.0 »).
///
/// `path` n'a pas l'étape. Préférez `multiValueHeaders` et `multiValueQueryStringParameters`,
/// qui gardent toutes les valeurs ; `null` y donne une table vide.
pub fn depuis_rest(evenement: ApiGatewayProxyRequest) -> Result<Requete, ErreurLecture> {
    todo!(
        "Indice : décodez d'abord le corps avec `decoder_corps`, puis remplissez chaque champ de \
         `Requete` à partir des champs de l'événement (`http_method`, `path`, `request_context.stage`…) ; \
         le tableau « ce qui change, champ par champ » de la page « Les formats » dit où lire quoi"
    )
}

impl Requete {
    /// Étape 4. L'en-tête `nom`, sans tenir compte de la casse (page « Les formats de charge
    /// utile 1.0 et 2.0 »). Plusieurs valeurs sont jointes par des virgules (`a,b`), comme dans
    /// le format 2.0 ; celles de `Cookie` par « ; ». Un en-tête absent donne `None`.
    pub fn entete(&self, nom: &str) -> Option<String> {
        todo!(
            "Indice : `self.entetes.get_all(nom)` donne toutes les valeurs, \
             `HeaderValue::to_str` les lit en texte"
        )
    }
}

/// Étape 5. Un événement d'API HTTP (format 2.0) en vue normalisée (page « Les formats de charge
/// utile 1.0 et 2.0 »).
///
/// La méthode est dans `request_context.http.method` (le champ `http_method` de la racine vaut
/// `GET` par défaut : ne le lisez pas). `raw_path` contient l'étape nommée. Les valeurs répétées
/// de `query_string_parameters` sont jointes par des virgules : analysez plutôt
/// `raw_query_string` (`aws_lambda_events::query_map::QueryMap` implémente `FromStr`).
/// Les cookies sont dans `cookies` : remettez-les dans un en-tête `cookie`, séparés par « ; ».
pub fn depuis_http(evenement: ApiGatewayV2httpRequest) -> Result<Requete, ErreurLecture> {
    todo!(
        "Indice : commencez par la méthode (`request_context.http.method`) et \
         `chemin_sans_etape(raw_path, stage)`, puis la chaîne de requête avec \
         `raw_query_string.parse::<QueryMap>()` (page « Les formats de charge utile 1.0 et 2.0 »)"
    )
}

/// Étape 6. Lit un événement JSON sans connaître son format d'avance (page « L'erreur untagged
/// enum LambdaRequest ») : `"version": "2.0"` désigne le format 2.0 ; la clé `httpMethod` le
/// format 1.0. Sinon, `ErreurLecture::FormatInconnu`. Un JSON illisible donne
/// `ErreurLecture::JsonInvalide` ; un format reconnu mais mal formé, `ErreurLecture::ChampInvalide`.
pub fn lire_evenement(json: &str) -> Result<Requete, ErreurLecture> {
    todo!(
        "Indice : lisez d'abord un `serde_json::Value`, regardez ses clés, puis \
         `serde_json::from_value::<ApiGatewayV2httpRequest>(…)` ou `…::<ApiGatewayProxyRequest>` \
         (page « L'erreur untagged enum LambdaRequest »)"
    )
}

// --- (b) Router comme API Gateway -----------------------------------------------------------

impl Route {
    /// Étape 7. Analyse une clé de route (page « Routes et ressources : qui passe en premier ? ») :
    /// `GET /produits/{id}`, `ANY /{proxy+}`, `GET /` ou `$default`. Chaque défaut a sa variante
    /// d'`ErreurRoute` (voir `src/routes.rs`), qui porte la clé.
    pub fn analyser(cle: &str) -> Result<Route, ErreurRoute> {
        todo!(
            "Indice : traitez \"$default\" à part, puis `cle.split_once(' ')` sépare la méthode du \
             chemin ; découpez ensuite le chemin sur '/' et classez chaque morceau (page « Routes \
             et ressources : qui passe en premier ? »)"
        )
    }

    /// Étape 8. Les paramètres de chemin si `segments` (le chemin de la requête découpé)
    /// correspond au modèle, `None` sinon (page « Routes et ressources »). `{id}` prend un segment
    /// non vide ; `{proxy+}` prend tout le reste (au moins un segment), joint par '/'.
    /// `$default` correspond à tout.
    pub fn correspondre(&self, segments: &[&str]) -> Option<BTreeMap<String, String>> {
        todo!(
            "Indice : parcourez `self.segments` avec leur position et comparez à \
             `segments.get(position)` ; une variable gourmande prend tout le reste (page « Routes et ressources »)"
        )
    }
}

impl Routeur {
    /// Étape 9. La route la plus précise pour `methode` et `chemin` (sans l'étape), ou `None`
    /// (page « Routes et ressources ») : segment fixe avant `{variable}` avant `{proxy+}`,
    /// méthode exacte avant `ANY`, `$default` en dernier. Une barre finale est ignorée :
    /// `/produits/` est `/produits`.
    pub fn trouver(&self, methode: &Method, chemin: &str) -> Option<Correspondance> {
        todo!(
            "Indice : découpez le chemin, gardez les routes de la bonne méthode (ou ANY) qui \
             correspondent, puis prenez la plus précise avec `min_by_key` sur un rang comparable \
             (la règle « fixe avant variable avant variable gourmande » de la page « Routes et ressources »)"
        )
    }
}

// --- (c) Choisir le type d'API --------------------------------------------------------------

impl Besoin {
    /// Étape 10. Les types d'API qui couvrent ce besoin : le tableau corrigé de la page « REST,
    /// HTTP ou WebSocket ? » (une ligne par besoin).
    pub fn types_compatibles(self) -> &'static [TypeApi] {
        todo!(
            "Indice : un `match self` qui renvoie `&[TypeApi::Rest, …]` ; relisez le tableau de la \
             page « REST, HTTP ou WebSocket ? », ligne par ligne"
        )
    }
}

/// Étape 10 (suite). Le type d'API le moins cher (dans `besoins::ORDRE_DE_PREFERENCE`) qui
/// couvre tous les besoins (page « REST, HTTP ou WebSocket ? »).
///
/// Les besoins décisifs sont ceux qui écartent au moins un type, chacun une fois, dans l'ordre
/// donné. Si aucun type ne convient : `ErreurChoix::Incompatibles`.
pub fn choisir_type_api(besoins: &[Besoin]) -> Result<Choix, ErreurChoix> {
    todo!(
        "Indice : cherchez dans `ORDRE_DE_PREFERENCE` le premier type que `types_compatibles` \
         de chaque besoin contient"
    )
}
