//! # Solution de l'atelier 02 — API Gateway en profondeur
//!
//! Trois pièces : (a) lire un événement REST 1.0 ou API HTTP 2.0 en une seule vue normalisée,
//! [`Requete`] ; (b) router comme API Gateway, la route la plus précise d'abord ; (c) choisir
//! entre REST, HTTP et WebSocket d'après le tableau corrigé du chapitre 02. Les types fournis et
//! les tests sont ceux de l'atelier (`labs/02-passerelle`), inclus tels quels.

#[path = "../../../labs/02-passerelle/src/besoins.rs"]
pub mod besoins;
#[path = "../../../labs/02-passerelle/src/requete.rs"]
pub mod requete;
#[path = "../../../labs/02-passerelle/src/routes.rs"]
pub mod routes;
#[cfg(test)]
#[path = "../../../labs/02-passerelle/src/tests.rs"]
mod tests;

use aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayV2httpRequest};
use aws_lambda_events::http::{HeaderValue, Method, header};
use aws_lambda_events::query_map::QueryMap;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use besoins::{Besoin, Choix, ErreurChoix, ORDRE_DE_PREFERENCE, TypeApi};
use requete::{ErreurLecture, Requete, VersionCharge};
use routes::{Correspondance, ErreurRoute, Route, Routeur, Segment};
use serde_json::Value;
use std::collections::BTreeMap;

// --- (a) Lire les deux formats --------------------------------------------------------------

// ANCHOR: chemin_sans_etape
/// Le chemin sans le nom de l'étape. Sur une API HTTP, une étape nommée (`prod`) préfixe le
/// chemin brut (`/prod/produits`) ; l'étape `$default` ne le préfixe pas.
pub fn chemin_sans_etape(chemin_brut: &str, etape: Option<&str>) -> String {
    let Some(etape) = etape.filter(|etape| *etape != "$default") else {
        return chemin_brut.to_string();
    };
    match chemin_brut.strip_prefix(&format!("/{etape}")) {
        // `/prod` seul : la racine de l'étape.
        Some("") => "/".to_string(),
        Some(reste) if reste.starts_with('/') => reste.to_string(),
        // `/production/…` commence comme `/prod` sans être l'étape : on n'y touche pas.
        _ => chemin_brut.to_string(),
    }
}
// ANCHOR_END: chemin_sans_etape

// ANCHOR: decoder_corps
/// Le corps en octets : décodé du base64 quand `isBase64Encoded` vaut `true`.
pub fn decoder_corps(corps: Option<&str>, base64: bool) -> Result<Vec<u8>, ErreurLecture> {
    match corps {
        None => Ok(Vec::new()),
        Some(texte) if !base64 => Ok(texte.as_bytes().to_vec()),
        Some(encode) => STANDARD
            .decode(encode)
            .map_err(|erreur| ErreurLecture::Base64Invalide(erreur.to_string())),
    }
}
// ANCHOR_END: decoder_corps

// ANCHOR: depuis_rest
/// Un événement d'API REST (format 1.0) en vue normalisée.
pub fn depuis_rest(evenement: ApiGatewayProxyRequest) -> Result<Requete, ErreurLecture> {
    let corps = decoder_corps(evenement.body.as_deref(), evenement.is_base64_encoded)?;

    // `multiValueHeaders` a toutes les valeurs ; `headers` n'en a qu'une par nom.
    let mut entetes = evenement.multi_value_headers;
    for (nom, valeur) in &evenement.headers {
        if !entetes.contains_key(nom) {
            entetes.insert(nom.clone(), valeur.clone());
        }
    }
    // Même logique pour la chaîne de requête ; `null` dans l'événement donne une table vide.
    let multiples = &evenement.multi_value_query_string_parameters;
    let parametres_requete = if multiples.is_empty() {
        en_table(&evenement.query_string_parameters)
    } else {
        en_table(multiples)
    };

    Ok(Requete {
        version: VersionCharge::V1,
        methode: evenement.http_method,
        // `path` n'a jamais l'étape ; `requestContext.path` l'a (`/prod/produits`).
        chemin: evenement.path.unwrap_or_else(|| "/".to_string()),
        etape: etape_nommee(evenement.request_context.stage),
        parametres_chemin: evenement.path_parameters.into_iter().collect(),
        parametres_requete,
        entetes,
        corps,
    })
}
// ANCHOR_END: depuis_rest

// ANCHOR: depuis_http
/// Un événement d'API HTTP (format 2.0) en vue normalisée.
pub fn depuis_http(evenement: ApiGatewayV2httpRequest) -> Result<Requete, ErreurLecture> {
    let corps = decoder_corps(evenement.body.as_deref(), evenement.is_base64_encoded)?;
    let contexte = evenement.request_context;

    let chemin_brut = evenement.raw_path.as_deref().unwrap_or("/");
    let chemin = chemin_sans_etape(chemin_brut, contexte.stage.as_deref());

    // `queryStringParameters` joint les valeurs répétées par des virgules : `?tag=a,b&tag=c`
    // y devient "a,b,c". La chaîne brute, elle, ne perd rien.
    let parametres_requete = match &evenement.raw_query_string {
        Some(brute) => {
            let Ok(table) = brute.parse::<QueryMap>(); // l'analyse ne peut pas échouer
            en_table(&table)
        }
        None => en_table(&evenement.query_string_parameters),
    };

    // Le format 2.0 sort les cookies des en-têtes : on les y remet, séparés par « ; ».
    let mut entetes = evenement.headers;
    if let Some(cookies) = evenement.cookies.filter(|cookies| !cookies.is_empty()) {
        let valeur = HeaderValue::from_str(&cookies.join("; ")).map_err(|_| {
            ErreurLecture::ChampInvalide {
                version: "2.0",
                detail: "cookies illisibles".to_string(),
            }
        })?;
        entetes.insert(header::COOKIE, valeur);
    }

    Ok(Requete {
        version: VersionCharge::V2,
        // La méthode est dans `requestContext.http`, pas à la racine de l'événement.
        methode: contexte.http.method,
        chemin,
        etape: etape_nommee(contexte.stage),
        parametres_chemin: evenement.path_parameters.into_iter().collect(),
        parametres_requete,
        entetes,
        corps,
    })
}
// ANCHOR_END: depuis_http

// ANCHOR: lire_evenement
/// Lit un événement sans savoir d'avance son format : `"version": "2.0"` désigne le format 2.0,
/// la clé `httpMethod` le format 1.0 (API REST, ou API HTTP réglée en 1.0).
pub fn lire_evenement(json: &str) -> Result<Requete, ErreurLecture> {
    let valeur: Value =
        serde_json::from_str(json).map_err(|e| ErreurLecture::JsonInvalide(e.to_string()))?;
    if valeur.get("version").and_then(Value::as_str) == Some("2.0") {
        let evenement = serde_json::from_value(valeur).map_err(|e| champ_invalide("2.0", e))?;
        depuis_http(evenement)
    } else if valeur.get("httpMethod").is_some() {
        let evenement = serde_json::from_value(valeur).map_err(|e| champ_invalide("1.0", e))?;
        depuis_rest(evenement)
    } else {
        Err(ErreurLecture::FormatInconnu)
    }
}
// ANCHOR_END: lire_evenement

// ANCHOR: aides
/// L'erreur d'un événement au format reconnu mais mal formé ; serde nomme le champ en cause.
pub fn champ_invalide(version: &'static str, erreur: serde_json::Error) -> ErreurLecture {
    ErreurLecture::ChampInvalide {
        version,
        detail: erreur.to_string(),
    }
}

/// `Some("prod")` pour une étape nommée, `None` pour `$default` (ou une étape absente).
pub fn etape_nommee(etape: Option<String>) -> Option<String> {
    etape.filter(|etape| etape != "$default")
}

/// Une `QueryMap` en table triée par nom, chaque nom avec toutes ses valeurs dans l'ordre reçu.
pub fn en_table(parametres: &QueryMap) -> BTreeMap<String, Vec<String>> {
    let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (nom, valeur) in parametres.iter() {
        table
            .entry(nom.to_string())
            .or_default()
            .push(valeur.to_string());
    }
    table
}
// ANCHOR_END: aides

// ANCHOR: entete
impl Requete {
    /// L'en-tête `nom`, sans tenir compte de la casse. Plusieurs valeurs sont jointes par des
    /// virgules, comme le fait le format 2.0 ; celles de `Cookie` par « ; » (RFC 9113, §8.2.3).
    pub fn entete(&self, nom: &str) -> Option<String> {
        let valeurs: Vec<&str> = self
            .entetes
            .get_all(nom)
            .iter()
            .filter_map(|valeur| valeur.to_str().ok())
            .collect();
        let separateur = if nom.eq_ignore_ascii_case("cookie") {
            "; "
        } else {
            ","
        };
        (!valeurs.is_empty()).then(|| valeurs.join(separateur))
    }
}
// ANCHOR_END: entete

// --- (b) Router comme API Gateway -----------------------------------------------------------

// ANCHOR: analyser
impl Route {
    /// Analyse une clé de route : `GET /produits/{id}`, `ANY /{proxy+}` ou `$default`.
    pub fn analyser(cle: &str) -> Result<Route, ErreurRoute> {
        let cle = cle.trim();
        if cle == "$default" {
            return Ok(Route {
                cle: cle.to_string(),
                methode: None,
                segments: Vec::new(),
                par_defaut: true,
            });
        }
        let refus = |erreur: fn(String) -> ErreurRoute| erreur(cle.to_string());
        let Some((methode, chemin)) = cle.split_once(' ') else {
            return Err(refus(ErreurRoute::FormeInvalide));
        };
        if chemin.is_empty() || chemin.contains(char::is_whitespace) {
            return Err(refus(ErreurRoute::FormeInvalide));
        }
        let methode = match methode {
            "ANY" => None,
            "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS" => {
                Some(Method::from_bytes(methode.as_bytes()).expect("méthode standard"))
            }
            _ => return Err(refus(ErreurRoute::MethodeInconnue)),
        };
        let Some(reste) = chemin.strip_prefix('/') else {
            return Err(refus(ErreurRoute::SansBarreInitiale));
        };

        let mut segments = Vec::new();
        if !reste.is_empty() {
            for morceau in reste.split('/') {
                if matches!(segments.last(), Some(Segment::Glouton(_))) {
                    return Err(refus(ErreurRoute::GloutonPasEnDernier));
                }
                let segment = analyser_segment(morceau).map_err(refus)?;
                let nom = match &segment {
                    Segment::Variable(nom) | Segment::Glouton(nom) => Some(nom),
                    Segment::Fixe(_) => None,
                };
                let deja = |s: &Segment| matches!(s, Segment::Variable(n) | Segment::Glouton(n) if Some(n) == nom);
                if segments.iter().any(deja) {
                    return Err(refus(ErreurRoute::VariableEnDouble));
                }
                segments.push(segment);
            }
        }
        Ok(Route {
            cle: cle.to_string(),
            methode,
            segments,
            par_defaut: false,
        })
    }
}

/// Un segment de modèle : `produits`, `{id}` ou `{proxy+}` ; l'erreur dit quelle variante.
fn analyser_segment(morceau: &str) -> Result<Segment, fn(String) -> ErreurRoute> {
    if morceau.is_empty() {
        return Err(ErreurRoute::SegmentVide);
    }
    let Some(interieur) = morceau.strip_prefix('{').and_then(|m| m.strip_suffix('}')) else {
        if morceau.contains(['{', '}']) {
            return Err(ErreurRoute::VariableMalEcrite);
        }
        return Ok(Segment::Fixe(morceau.to_string()));
    };
    let (nom, glouton) = match interieur.strip_suffix('+') {
        Some(nom) => (nom, true),
        None => (interieur, false),
    };
    if nom.is_empty() || nom.contains(['{', '}', '+']) {
        return Err(ErreurRoute::VariableMalEcrite);
    }
    Ok(if glouton {
        Segment::Glouton(nom.to_string())
    } else {
        Segment::Variable(nom.to_string())
    })
}
// ANCHOR_END: analyser

// ANCHOR: correspondre
impl Route {
    /// Les paramètres de chemin si les segments de la requête correspondent au modèle.
    pub fn correspondre(&self, segments: &[&str]) -> Option<BTreeMap<String, String>> {
        let mut parametres = BTreeMap::new();
        if self.par_defaut {
            return Some(parametres);
        }
        for (position, modele) in self.segments.iter().enumerate() {
            match modele {
                Segment::Fixe(texte) => {
                    if segments.get(position).copied() != Some(texte.as_str()) {
                        return None;
                    }
                }
                // Un segment vide (`/produits//avis`) ne remplit pas une variable.
                Segment::Variable(nom) => {
                    let valeur = segments.get(position).filter(|s| !s.is_empty())?;
                    parametres.insert(nom.clone(), valeur.to_string());
                }
                // La variable gourmande prend tout le reste, au moins un segment : `/{proxy+}` ne prend
                // pas la racine `/`.
                Segment::Glouton(nom) => {
                    let reste = segments.get(position..)?.join("/");
                    if reste.is_empty() {
                        return None;
                    }
                    parametres.insert(nom.clone(), reste);
                    return Some(parametres);
                }
            }
        }
        (segments.len() == self.segments.len()).then_some(parametres)
    }
}
// ANCHOR_END: correspondre

// ANCHOR: trouver
impl Routeur {
    /// La route la plus précise pour `methode` et `chemin` (sans l'étape), ou `None`.
    pub fn trouver(&self, methode: &Method, chemin: &str) -> Option<Correspondance> {
        let segments = decouper(chemin);
        self.routes()
            .iter()
            .filter(|route| route.methode.as_ref().is_none_or(|m| m == methode))
            .filter_map(|route| Some((route, route.correspondre(&segments)?)))
            .min_by_key(|(route, _)| rang(route))
            .map(|(route, parametres)| Correspondance {
                route: route.cle.clone(),
                parametres,
            })
    }
}

/// Les segments d'un chemin de requête ; une barre finale est ignorée (`/produits/`).
fn decouper(chemin: &str) -> Vec<&str> {
    let chemin = chemin.strip_prefix('/').unwrap_or(chemin);
    let chemin = chemin.strip_suffix('/').unwrap_or(chemin);
    if chemin.is_empty() {
        Vec::new()
    } else {
        chemin.split('/').collect()
    }
}

/// Plus petit = plus précis. `$default` en dernier ; puis, segment par segment, fixe (0) avant
/// variable (1) avant variable gourmande (2) ; à chemin égal, la méthode exacte avant `ANY`.
fn rang(route: &Route) -> (bool, Vec<u8>, bool) {
    let segments = route
        .segments
        .iter()
        .map(|segment| match segment {
            Segment::Fixe(_) => 0,
            Segment::Variable(_) => 1,
            Segment::Glouton(_) => 2,
        })
        .collect();
    (route.par_defaut, segments, route.methode.is_none())
}
// ANCHOR_END: trouver

// --- (c) Choisir le type d'API --------------------------------------------------------------

// ANCHOR: types_compatibles
impl Besoin {
    /// Les types d'API qui couvrent ce besoin : le tableau corrigé de la page « REST, HTTP ou WebSocket ? ».
    pub fn types_compatibles(self) -> &'static [TypeApi] {
        use TypeApi::{Http, Rest, WebSocket};
        match self {
            Besoin::ClesApiEtPlans
            | Besoin::TransformationDuCorps
            | Besoin::ValidationDesRequetes => &[Rest, WebSocket],
            // Une API WebSocket limite par compte, étape et route : rien par client n'est documenté.
            Besoin::LimitationParClient
            | Besoin::CacheDesReponses
            | Besoin::PareFeuWaf
            | Besoin::PointDeTerminaisonPrive
            | Besoin::TracageXRay => &[Rest],
            Besoin::JwtNatif | Besoin::CoutMinimal => &[Http],
            // Deux idées reçues : les API HTTP ont aussi des mécanismes d'autorisation Lambda
            // et des intégrations directes de services AWS.
            Besoin::AutorisationLambda | Besoin::IntegrationServiceAws => &[Rest, Http, WebSocket],
            Besoin::PushServeur => &[WebSocket],
        }
    }
}
// ANCHOR_END: types_compatibles

// ANCHOR: choisir
/// Le type d'API le moins cher qui couvre tous les besoins, avec les besoins qui l'ont décidé.
pub fn choisir_type_api(besoins: &[Besoin]) -> Result<Choix, ErreurChoix> {
    let mut decisifs: Vec<Besoin> = Vec::new();
    for &besoin in besoins {
        let ecarte_un_type = besoin.types_compatibles().len() < ORDRE_DE_PREFERENCE.len();
        if ecarte_un_type && !decisifs.contains(&besoin) {
            decisifs.push(besoin);
        }
    }
    let couvre_tout = |type_api: &TypeApi| {
        besoins
            .iter()
            .all(|b| b.types_compatibles().contains(type_api))
    };
    match ORDRE_DE_PREFERENCE.into_iter().find(couvre_tout) {
        Some(type_api) => Ok(Choix {
            type_api,
            besoins_decisifs: decisifs,
        }),
        None => Err(ErreurChoix::Incompatibles(decisifs)),
    }
}
// ANCHOR_END: choisir
