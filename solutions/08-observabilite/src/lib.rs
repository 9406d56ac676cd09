//! # Solution de l'atelier 08 — Observabilité
//!
//! Une couche autour du gestionnaire de l'API Produits (et de la couche d'erreurs du
//! chapitre 04) qui écrit, pour chaque requête, une ligne de journal JSON et un document EMF
//! (*Embedded Metric Format*), et qui lit l'identifiant de trace X-Ray. Les modules fournis
//! et les tests sont ceux de l'atelier (`labs/08-observabilite`), inclus tels quels.
//!
//! ```no_run
//! use lambda_http::{Error, run, service_fn};
//! use solution_04_erreurs::{etat::Etat, handler};
//! use solution_08_observabilite::Observabilite;
//!
//! # #[tokio::main]
//! # async fn main() -> Result<(), Error> {
//! let etat = Etat::exemple();
//! // Sortie standard et horloge du système : ce que Lambda envoie à CloudWatch.
//! let observabilite = Observabilite::new("ApiProduits");
//! run(service_fn(|requete| async {
//!     Ok::<_, Error>(observabilite.servir(requete, |r| handler(&etat, r)).await)
//! }))
//! .await
//! # }
//! ```

#[path = "../../../labs/08-observabilite/src/couche.rs"]
pub mod couche;
#[path = "../../../labs/08-observabilite/src/horloge.rs"]
pub mod horloge;
#[path = "../../../labs/08-observabilite/src/mesure.rs"]
pub mod mesure;
#[path = "../../../labs/08-observabilite/src/sortie.rs"]
pub mod sortie;
#[cfg(test)]
#[path = "../../../labs/08-observabilite/src/tests.rs"]
mod tests;
#[path = "../../../labs/08-observabilite/src/trace.rs"]
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

// ANCHOR: analyser
impl EnTeteTrace {
    /// Lit un en-tête `Root=1-…-…;Parent=…;Sampled=…`. Renvoie `None` pour tout en-tête mal
    /// formé : une trace illisible est ignorée, elle ne fait jamais échouer la requête.
    pub fn analyser(texte: &str) -> Option<Self> {
        let mut racine = None;
        let mut parent = None;
        let mut echantillonne = None;
        for morceau in texte.split(';') {
            let (cle, valeur) = morceau.trim().split_once('=')?;
            match cle {
                "Root" if racine.is_none() && racine_valide(valeur) => {
                    racine = Some(valeur.to_string());
                }
                "Parent" if parent.is_none() && hexadecimal(valeur, 16) => {
                    parent = Some(valeur.to_string());
                }
                "Sampled" => {
                    echantillonne = match valeur {
                        "1" => Some(true),
                        "0" => Some(false),
                        "?" => None,
                        _ => return None,
                    };
                }
                // Un champ connu mais invalide, ou répété : l'en-tête entier est écarté.
                "Root" | "Parent" => return None,
                // Les autres champs (`Lineage`, `Self`…) ne nous regardent pas.
                _ => {}
            }
        }
        Some(Self {
            racine: racine?,
            parent,
            echantillonne,
        })
    }
}

/// `1-` puis 8 chiffres hexadécimaux, `-`, 24 chiffres hexadécimaux.
fn racine_valide(valeur: &str) -> bool {
    let mut parties = valeur.split('-');
    matches!(
        (parties.next(), parties.next(), parties.next(), parties.next()),
        (Some("1"), Some(heure), Some(aleatoire), None)
            if hexadecimal(heure, 8) && hexadecimal(aleatoire, 24)
    )
}

fn hexadecimal(texte: &str, longueur: usize) -> bool {
    texte.len() == longueur && texte.bytes().all(|octet| octet.is_ascii_hexdigit())
}
// ANCHOR_END: analyser

// ANCHOR: trace_de
/// La trace d'une requête : celle du contexte de l'invocation Lambda d'abord (la valeur de
/// `_X_AMZN_TRACE_ID`), sinon l'en-tête `X-Amzn-Trace-Id` de la requête ; `None` si aucune
/// des deux n'est bien formée.
pub fn trace_de(requete: &Request) -> Option<EnTeteTrace> {
    let du_contexte = requete
        .lambda_context_ref()
        .and_then(|contexte| contexte.xray_trace_id.as_deref())
        .and_then(EnTeteTrace::analyser);
    du_contexte.or_else(|| {
        let valeur = requete.headers().get(ENTETE_TRACE)?.to_str().ok()?;
        EnTeteTrace::analyser(valeur)
    })
}
// ANCHOR_END: trace_de

// ANCHOR: classe_et_route
/// La classe d'un statut : `"2xx"` pour 200 à 299, `"4xx"` pour 400 à 499…
pub fn classe_de_statut(statut: u16) -> &'static str {
    match statut {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// Le modèle de la route qui a reçu la requête : `resourcePath` d'une API REST
/// (`/produits/{id}`), `routeKey` d'une API HTTP sans sa méthode (`GET /produits/{id}` →
/// `/produits/{id}`, `$default` reste `$default`) ; `"-"` quand il est inconnu.
pub fn route_de(requete: &Request) -> String {
    let route = match requete.request_context_ref() {
        Some(RequestContext::ApiGatewayV1(contexte)) => contexte.resource_path.clone(),
        Some(RequestContext::ApiGatewayV2(contexte)) => {
            contexte
                .route_key
                .as_deref()
                .map(|cle| match cle.split_once(' ') {
                    Some((_methode, route)) => route.to_string(),
                    None => cle.to_string(),
                })
        }
        _ => None,
    };
    route
        .filter(|route| !route.is_empty())
        .unwrap_or_else(|| "-".to_string())
}
// ANCHOR_END: classe_et_route

// ANCHOR: masquage
/// Les en-têtes, prêts à journaliser : la valeur d'un en-tête de [`ENTETES_SENSIBLES`], ou
/// d'une valeur qui commence par `Bearer ` ou `Basic ` (quelle que soit la casse), devient
/// [`MASQUE`]. Plusieurs valeurs d'un même en-tête sont jointes par `", "`.
pub fn masquer_entetes(entetes: &HeaderMap) -> Map<String, Value> {
    let mut resultat = Map::new();
    for nom in entetes.keys() {
        let valeurs: Vec<String> = entetes
            .get_all(nom)
            .iter()
            .map(|valeur| String::from_utf8_lossy(valeur.as_bytes()).into_owned())
            .collect();
        let sensible = ENTETES_SENSIBLES.contains(&nom.as_str())
            || valeurs.iter().any(|valeur| porte_un_jeton(valeur));
        let texte = if sensible {
            MASQUE.to_string()
        } else {
            valeurs.join(", ")
        };
        resultat.insert(nom.as_str().to_string(), Value::String(texte));
    }
    resultat
}

/// `Bearer …` ou `Basic …`, quelle que soit la casse : un jeton, quel que soit l'en-tête.
fn porte_un_jeton(valeur: &str) -> bool {
    let valeur = valeur.trim_start().as_bytes();
    [&b"bearer "[..], &b"basic "[..]].iter().any(|schema| {
        valeur
            .get(..schema.len())
            .is_some_and(|debut| debut.eq_ignore_ascii_case(schema))
    })
}

/// Les paramètres de chaîne de requête, prêts à journaliser : la valeur d'un paramètre dont
/// le nom contient l'un des [`MOTS_SENSIBLES`] (quelle que soit la casse) devient
/// [`MASQUE`]. Plusieurs valeurs d'un même paramètre sont jointes par `","`.
pub fn masquer_parametres(requete: &Request) -> Map<String, Value> {
    let mut valeurs: Vec<(String, Vec<String>)> = Vec::new();
    let parametres = requete.query_string_parameters_ref();
    for (nom, valeur) in parametres.into_iter().flat_map(|p| p.iter()) {
        match valeurs.iter_mut().find(|(deja, _)| deja == nom) {
            Some((_, liste)) => liste.push(valeur.to_string()),
            None => valeurs.push((nom.to_string(), vec![valeur.to_string()])),
        }
    }
    valeurs
        .into_iter()
        .map(|(nom, liste)| {
            let minuscules = nom.to_lowercase();
            let texte = if MOTS_SENSIBLES.iter().any(|mot| minuscules.contains(mot)) {
                MASQUE.to_string()
            } else {
                liste.join(",")
            };
            (nom, Value::String(texte))
        })
        .collect()
}
// ANCHOR_END: masquage

// ANCHOR: document_emf
/// Le document EMF d'une requête : dans l'espace de noms `espace_de_noms`, les métriques
/// `Latence` (Milliseconds), `Requetes` et `Erreurs` (Count), sous deux ensembles de
/// dimensions : `[Route, ClasseStatut]` et `[]` (toute l'API).
pub fn document_emf(mesure: &Mesure, espace_de_noms: &str) -> Value {
    let erreurs = u8::from(mesure.statut >= 500);
    json!({
        "_aws": {
            "Timestamp": mesure.horodatage_ms,
            "CloudWatchMetrics": [{
                "Namespace": espace_de_noms,
                "Dimensions": [[DIMENSION_ROUTE, DIMENSION_CLASSE], []],
                "Metrics": [
                    {"Name": METRIQUE_LATENCE, "Unit": "Milliseconds"},
                    {"Name": METRIQUE_REQUETES, "Unit": "Count"},
                    {"Name": METRIQUE_ERREURS, "Unit": "Count"},
                ],
            }],
        },
        DIMENSION_ROUTE: mesure.route,
        DIMENSION_CLASSE: classe_de_statut(mesure.statut),
        METRIQUE_LATENCE: mesure.latence_ms,
        METRIQUE_REQUETES: 1,
        METRIQUE_ERREURS: erreurs,
        // Des membres ordinaires, pas des dimensions : une valeur par requête.
        "request_id": mesure.request_id,
        "trace_id": mesure.trace_id,
    })
}
// ANCHOR_END: document_emf

// ANCHOR: ligne_de_journal
/// La ligne de journal d'une requête : `level` (`INFO`, `WARN` pour une 4xx, `ERROR` pour
/// une 5xx), `message`, puis un champ par donnée de la [`Mesure`] (sauf l'horodatage, que
/// CloudWatch Logs ajoute à chaque événement) ; une donnée inconnue vaut `null`.
pub fn ligne_de_journal(mesure: &Mesure) -> Value {
    let level = match mesure.statut {
        500.. => "ERROR",
        400..=499 => "WARN",
        _ => "INFO",
    };
    json!({
        "level": level,
        "message": "requête servie",
        "request_id": mesure.request_id,
        "apigw_request_id": mesure.apigw_request_id,
        "methode": mesure.methode,
        "route": mesure.route,
        "chemin": mesure.chemin,
        "statut": mesure.statut,
        "latence_ms": mesure.latence_ms,
        "trace_id": mesure.trace_id,
        "demarrage_a_froid": mesure.demarrage_a_froid,
        "code": mesure.code,
        "entetes": mesure.entetes,
        "parametres": mesure.parametres,
    })
}
// ANCHOR_END: ligne_de_journal

impl Observabilite {
    // ANCHOR: mesurer
    /// Mesure une requête servie par `service` (qui répond toujours : la couche d'erreurs,
    /// par exemple) : lit tout ce qu'il faut avant l'appel, place la trace dans les
    /// extensions de la requête, chronomètre l'appel, puis écrit la ligne et le document.
    pub async fn mesurer<S, Fut>(&self, mut requete: Request, service: S) -> Response<Body>
    where
        S: FnOnce(Request) -> Fut,
        Fut: Future<Output = Response<Body>>,
    {
        let horodatage_ms = self.horloge.horodatage_ms();
        let debut = self.horloge.monotone();
        // `swap` rend l'ancienne valeur : `false` une seule fois, à la première requête.
        let demarrage_a_froid = !self.deja_servi.swap(true, Ordering::Relaxed);

        let identifiants = Identifiants::de(&requete);
        let trace = trace_de(&requete);
        let methode = requete.method().to_string();
        let route = route_de(&requete);
        let chemin = requete.raw_http_path().to_string();
        let entetes = masquer_entetes(requete.headers());
        let parametres = masquer_parametres(&requete);
        if let Some(trace) = &trace {
            // Le gestionnaire la retrouve pour la transmettre aux services qu'il appelle.
            requete.extensions_mut().insert(trace.clone());
        }

        let reponse = service(requete).await;

        let duree = self.horloge.monotone().saturating_sub(debut);
        let mesure = Mesure {
            horodatage_ms,
            request_id: identifiants.lambda,
            apigw_request_id: identifiants.api_gateway,
            methode,
            route,
            chemin,
            statut: reponse.status().as_u16(),
            // Des microsecondes entières divisées par 1000 : 37,5 ms s'écrit 37.5, exactement.
            latence_ms: duree.as_micros() as f64 / 1000.0,
            trace_id: trace.map(|trace| trace.racine),
            demarrage_a_froid,
            code: code_d_erreur(&reponse),
            entetes,
            parametres,
        };
        self.ecrire(&mesure);
        reponse
    }
    // ANCHOR_END: mesurer
}
