//! # Atelier 02 — API Gateway en profondeur
//!
//! Trois pièces, dans cet ordre (chapitre 02, section « Atelier 02 ») :
//!
//! 1. **Lire les deux formats d'événement.** Une REST API (format de charge utile 1.0) et une
//!    HTTP API (format 2.0) décrivent la même requête avec des champs différents. Vous les
//!    ramenez à une seule vue, [`Requete`] : méthode, chemin **sans l'étape**, paramètres de
//!    chemin et de chaîne de requête, en-têtes lus sans tenir compte de la casse, corps décodé
//!    du base64. À écrire : [`chemin_sans_etape`], [`decoder_corps`], [`depuis_rest`],
//!    [`depuis_http`], [`lire_evenement`], puis `Requete::entete`.
//! 2. **Router comme API Gateway.** `Route::analyser` lit une clé de route
//!    (`GET /produits/{id}`), `Route::correspondre` compare un chemin au modèle et extrait les
//!    paramètres, `Routeur::trouver` choisit la route **la plus précise** : segment fixe avant
//!    `{variable}` avant `{glouton+}`, méthode exacte avant `ANY`, `$default` en dernier.
//! 3. **Choisir le type d'API.** `Besoin::types_compatibles` recopie le tableau corrigé de la
//!    section 2.2 ; [`choisir_type_api`] en déduit REST, HTTP ou WebSocket, avec la raison.
//!
//! Fourni (à lire, pas à modifier) : les types [`requete`], [`routes`] et [`besoins`], et deux
//! événements complets dans `evenements/`. Les tests vont du plus simple au plus complet :
//! lisez le premier échec d'abord.
//!
//! Noter votre travail : `cargo test -p lab-02-passerelle`.

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

/// Le chemin sans le nom de l'étape (section 2.4). Sur une HTTP API, une étape nommée préfixe
/// le chemin brut : `rawPath` vaut `/prod/produits` sur l'étape `prod`. L'étape `$default` (ou
/// `None`) ne préfixe rien. `/prod` seul donne `/` ; `/production/x` n'est pas sur l'étape `prod`.
pub fn chemin_sans_etape(chemin_brut: &str, etape: Option<&str>) -> String {
    todo!(
        "Indice : traitez d'abord None et \"$default\", puis essayez `chemin_brut.strip_prefix(…)` \
         avec \"/\" suivi du nom de l'étape, et regardez ce qui reste"
    )
}

/// Le corps en octets (section 2.3) : tel quel si `base64` vaut `false`, décodé sinon ; vide
/// sans corps. Un base64 illisible donne `ErreurLecture::Base64Invalide`, jamais une panique.
pub fn decoder_corps(corps: Option<&str>, base64: bool) -> Result<Vec<u8>, ErreurLecture> {
    todo!(
        "Indice : `base64::engine::general_purpose::STANDARD.decode(…)` (avec `use base64::Engine;`), \
         et `map_err` pour l'erreur"
    )
}

/// Un événement de REST API (format 1.0) en vue normalisée (section 2.3).
///
/// `path` n'a pas l'étape. Préférez `multiValueHeaders` et `multiValueQueryStringParameters`,
/// qui gardent toutes les valeurs ; `null` y donne une table vide.
pub fn depuis_rest(evenement: ApiGatewayProxyRequest) -> Result<Requete, ErreurLecture> {
    todo!(
        "Indice : décodez d'abord le corps avec `decoder_corps`, puis remplissez chaque champ de \
         `Requete` à partir des champs de l'événement (`http_method`, `path`, `request_context.stage`…)"
    )
}

/// Un événement de HTTP API (format 2.0) en vue normalisée (section 2.3).
///
/// La méthode est dans `request_context.http.method` (le champ `http_method` de la racine vaut
/// `GET` par défaut : ne le lisez pas). `raw_path` contient l'étape nommée. Les valeurs répétées
/// de `query_string_parameters` sont jointes par des virgules : analysez plutôt
/// `raw_query_string` (`aws_lambda_events::query_map::QueryMap` implémente `FromStr`).
/// Les cookies sont dans `cookies` : remettez-les dans un en-tête `cookie`, séparés par « ; ».
pub fn depuis_http(evenement: ApiGatewayV2httpRequest) -> Result<Requete, ErreurLecture> {
    todo!(
        "Indice : commencez par la méthode et `chemin_sans_etape(raw_path, stage)`, puis la \
         chaîne de requête avec `raw_query_string.parse::<QueryMap>()`"
    )
}

/// Lit un événement JSON sans connaître son format d'avance (section 2.6) : `"version": "2.0"`
/// désigne le format 2.0 ; la clé `httpMethod` le format 1.0. Sinon, `ErreurLecture::FormatInconnu`.
pub fn lire_evenement(json: &str) -> Result<Requete, ErreurLecture> {
    todo!(
        "Indice : lisez d'abord un `serde_json::Value`, regardez ses clés, puis \
         `serde_json::from_value::<ApiGatewayV2httpRequest>(…)` ou `…::<ApiGatewayProxyRequest>`"
    )
}

impl Requete {
    /// L'en-tête `nom`, sans tenir compte de la casse (section 2.3). Plusieurs valeurs sont
    /// jointes par des virgules (`a,b`), comme dans le format 2.0 ; celles de `Cookie` par « ; ».
    pub fn entete(&self, nom: &str) -> Option<String> {
        todo!(
            "Indice : `self.entetes.get_all(nom)` donne toutes les valeurs, \
             `HeaderValue::to_str` les lit en texte"
        )
    }
}

// --- (b) Router comme API Gateway -----------------------------------------------------------

impl Route {
    /// Analyse une clé de route (section 2.5) : `GET /produits/{id}`, `ANY /{proxy+}`, `GET /`
    /// ou `$default`. Chaque défaut a sa variante d'`ErreurRoute`, qui porte la clé.
    pub fn analyser(cle: &str) -> Result<Route, ErreurRoute> {
        todo!(
            "Indice : traitez \"$default\" à part, puis `cle.split_once(' ')` sépare la méthode du \
             chemin ; découpez ensuite le chemin sur '/' et classez chaque morceau"
        )
    }

    /// Les paramètres de chemin si `segments` (le chemin de la requête découpé) correspond au
    /// modèle, `None` sinon (section 2.5). `{id}` prend un segment non vide ; `{proxy+}` prend
    /// tout le reste (au moins un segment), joint par '/'. `$default` correspond à tout.
    pub fn correspondre(&self, segments: &[&str]) -> Option<BTreeMap<String, String>> {
        todo!(
            "Indice : parcourez `self.segments` avec leur position et comparez à `segments.get(position)`"
        )
    }
}

impl Routeur {
    /// La route la plus précise pour `methode` et `chemin` (sans l'étape), ou `None`
    /// (section 2.5). Une barre finale est ignorée : `/produits/` est `/produits`.
    pub fn trouver(&self, methode: &Method, chemin: &str) -> Option<Correspondance> {
        todo!(
            "Indice : découpez le chemin, gardez les routes de la bonne méthode (ou ANY) qui \
             correspondent, puis prenez la plus précise avec `min_by_key` sur un rang comparable"
        )
    }
}

// --- (c) Choisir le type d'API --------------------------------------------------------------

impl Besoin {
    /// Les types d'API qui couvrent ce besoin : le tableau corrigé de la section 2.2.
    pub fn types_compatibles(self) -> &'static [TypeApi] {
        todo!("Indice : un `match self` qui renvoie `&[TypeApi::Rest, …]` ; relisez le tableau 2.2")
    }
}

/// Le type d'API le moins cher (dans `besoins::ORDRE_DE_PREFERENCE`) qui couvre tous les
/// besoins (section 2.2). Les besoins décisifs sont ceux qui écartent au moins un type, chacun
/// une fois, dans l'ordre donné. Si aucun type ne convient : `ErreurChoix::Incompatibles`.
pub fn choisir_type_api(besoins: &[Besoin]) -> Result<Choix, ErreurChoix> {
    todo!(
        "Indice : cherchez dans `ORDRE_DE_PREFERENCE` le premier type que `types_compatibles` \
         de chaque besoin contient"
    )
}
