//! Des propriétés de toute l'API, vérifiées sur des événements API Gateway tirés au hasard
//! (proptest) : les deux formats (REST 1.0, HTTP API 2.0), des méthodes, chemins, en-têtes,
//! corps et chaînes de requête de toutes sortes, passés par `lambda_http::request::from_str`
//! (ce que fait le runtime en production) puis par `Api::repondre` (toutes les couches).
//!
//! Le nombre total d'événements vient de `ROBUSTESSE_CAS` (4 000 par défaut : quelques
//! secondes) ; `cargo xtask test --complet`, que lance la CI, en demande 100 000. Une variable
//! à nous plutôt que `PROPTEST_CASES` : elle compte les événements de toutes les propriétés
//! ensemble, et ne change pas les autres tests proptest qui viendraient s'ajouter.
//! Un échec affiche l'événement minimal (réduit par proptest) en JSON ; `PROPTEST_RNG_SEED=<n>`
//! fixe le tirage, pour le rejouer.

use crate::commun::{FORMATS, ORIGINE, banc_sur, est_francais, evenement, produit};
use api_produits::{MemoireStore, Store};
use banc_essai::{Evenement, Format, corps_texte};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use lambda_http::http::{HeaderMap, HeaderValue, header};
use lambda_http::{Body, Request, Response};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRunner};
use serde_json::{Value, json};
use solution_03_integration_proxy::produit::Produit;
use solution_04_erreurs::erreur::ErreurApi;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// La variable d'environnement du nombre total d'événements essayés.
const VARIABLE_CAS: &str = "ROBUSTESSE_CAS";

/// Le nombre total d'événements sans la variable : la course courte de `cargo xtask test`.
const CAS_PAR_DEFAUT: u32 = 4_000;

/// Le nombre de propriétés qui se partagent les événements.
const PROPRIETES: u32 = 2;

/// La borne de la taille de tous les en-têtes d'une requête REST (10 240 octets, fiche
/// des faits §2) : au-delà, API Gateway refuse la requête, la fonction ne la voit pas.
const TAILLE_MAXIMALE_ENTETES: usize = 10_240;

/// Les produits déjà identifiants_ranges au début de chaque cas.
fn deja_la() -> Vec<Produit> {
    (1..=3).map(produit).collect()
}

// ---------------------------------------------------------------------------------------
// Le tirage : ce que le client a envoyé, puis l'événement qu'API Gateway en fait.
// ---------------------------------------------------------------------------------------

/// Le corps d'une requête tirée.
#[derive(Clone, Debug)]
enum Corps {
    Aucun,
    Texte(String),
    /// Des octets quelconques, qu'API Gateway remet en base64 (`isBase64Encoded: true`).
    Octets(Vec<u8>),
}

/// Une requête tirée au hasard.
#[derive(Clone, Debug)]
struct Tirage {
    format: Format,
    methode: String,
    chemin: String,
    entetes: Vec<(String, String)>,
    parametres: Vec<(String, String)>,
    corps: Corps,
}

impl Tirage {
    /// L'événement qu'API Gateway remet à la fonction pour cette requête (banc d'essai).
    fn evenement(&self) -> Evenement {
        let mut evenement = evenement(self.format, &self.methode, &self.chemin);
        for (nom, valeur) in &self.parametres {
            evenement = evenement.parametre(nom, valeur);
        }
        let mut taille = 0;
        for (nom, valeur) in &self.entetes {
            taille += valeur.len();
            if taille > TAILLE_MAXIMALE_ENTETES {
                break;
            }
            evenement = evenement.entete(nom, valeur);
        }
        match &self.corps {
            Corps::Aucun => evenement,
            Corps::Texte(texte) => evenement.corps(texte),
            Corps::Octets(octets) => evenement.corps_base64(&STANDARD.encode(octets)),
        }
    }
}

fn methode() -> impl Strategy<Value = String> {
    let courantes = ["GET", "POST", "DELETE", "PUT", "PATCH", "OPTIONS", "HEAD"];
    let rares = [
        "TRACE", "CONNECT", "PROPFIND", "QUERY", "BREW", "get", "Post",
    ];
    prop_oneof![
        6 => prop::sample::select(courantes.to_vec()),
        1 => prop::sample::select(rares.to_vec()),
    ]
    .prop_map(str::to_string)
}

/// Un long texte de `min` à `max` caractères, fait de `motif` répété : les grandes tailles
/// coûtent ainsi aussi peu à tirer que les petites (un caractère tiré à la fois serait lent).
fn long(min: usize, max: usize, motif: &'static str) -> impl Strategy<Value = String> {
    (min..=max).prop_map(move |n| motif.chars().cycle().take(n).collect())
}

/// Un segment de chemin tel qu'il arrive : ni `/`, ni `?`, ni `#` (ils délimitent les autres
/// parties de l'URL), ni caractère de contrôle ; encodé « pourcent » ou non.
fn segment() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9._~-]{0,12}",
        "[^/?#\\p{C}]{1,16}",
        prop::collection::vec(any::<u8>(), 1..8)
            .prop_map(|octets| octets.iter().map(|o| format!("%{o:02X}")).collect()),
        Just("%zz".to_string()),
        Just("..".to_string()),
    ]
}

/// Un identifiant de produit : rangé, absent, mal écrit, énorme, accentué, encodé.
fn identifiant() -> impl Strategy<Value = String> {
    let identifiants_ranges: Vec<String> = deja_la().into_iter().map(|p| p.id).collect();
    prop_oneof![
        3 => prop::sample::select(identifiants_ranges.clone()),
        2 => any::<u128>().prop_map(|n| uuid::Uuid::from_u128(n).hyphenated().to_string()),
        1 => prop::sample::select(identifiants_ranges).prop_map(|id| id.to_uppercase()),
        1 => any::<u128>().prop_map(|n| uuid::Uuid::from_u128(n).simple().to_string()),
        2 => segment(),
        1 => long(1000, 3000, "0123456789abcdefghijklmnopqrstuvwxyz"),
    ]
}

/// Une méthode et un chemin : le plus souvent l'une des quatre routes, sinon n'importe quoi.
fn methode_et_chemin() -> impl Strategy<Value = (String, String)> {
    let route = |methode: &'static str| Just(methode.to_string());
    prop_oneof![
        2 => route("GET").prop_map(|m| (m, "/produits".to_string())),
        2 => (route("GET"), identifiant()).prop_map(|(m, id)| (m, format!("/produits/{id}"))),
        4 => route("POST").prop_map(|m| (m, "/produits".to_string())),
        2 => (route("DELETE"), identifiant()).prop_map(|(m, id)| (m, format!("/produits/{id}"))),
        1 => route("OPTIONS").prop_map(|m| (m, "/produits".to_string())),
        3 => (methode(), chemin()),
    ]
}

fn chemin() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/produits".to_string()),
        Just("/produits/".to_string()),
        Just("/".to_string()),
        identifiant().prop_map(|id| format!("/produits/{id}")),
        (identifiant(), segment()).prop_map(|(id, s)| format!("/produits/{id}/{s}")),
        prop::collection::vec(segment(), 0..4).prop_map(|s| format!("/{}", s.join("/"))),
    ]
}

/// Une valeur d'en-tête : pas de caractère de contrôle (le client HTTP d'API Gateway les
/// refuse), mais tout le reste, accents compris, jusqu'à quelques Kio.
fn valeur_entete() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[ -~]{0,40}",
        2 => "[^\\p{C}]{0,20}",
        1 => long(2000, 4000, "Bearer eyJhbGciOi.;,= ~!{}\"<>"),
    ]
}

fn entete() -> impl Strategy<Value = (String, String)> {
    let types = [
        "application/json",
        "application/json; charset=utf-8",
        "APPLICATION/JSON",
        "application/json;",
        " application/json ",
        "application/jsonp",
        "application/problem+json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "",
    ];
    let origines = [
        ORIGINE,
        "https://boutique.exemple.fr/",
        "HTTPS://BOUTIQUE.EXEMPLE.FR",
        "https://boutique.exemple.fr.pirate.exemple",
        "https://pirate.exemple",
        "null",
    ];
    let nom = |n: &'static str| Just(n.to_string());
    prop_oneof![
        6 => (
            prop::sample::select(vec!["Content-Type", "content-type", "CONTENT-TYPE"]),
            prop_oneof![4 => prop::sample::select(types.to_vec()).prop_map(str::to_string), 1 => valeur_entete()],
        )
            .prop_map(|(n, v)| (n.to_string(), v)),
        3 => (
            nom("Origin"),
            prop_oneof![4 => prop::sample::select(origines.to_vec()).prop_map(str::to_string), 1 => valeur_entete()],
        ),
        1 => (nom("Access-Control-Request-Method"), prop_oneof![methode(), valeur_entete()]),
        1 => (nom("Access-Control-Request-Headers"), valeur_entete()),
        2 => (
            nom("Authorization"),
            prop_oneof![valeur_entete().prop_map(|v| format!("Bearer {v}")), valeur_entete()],
        ),
        1 => (nom("x-api-key"), valeur_entete()),
        1 => (nom("X-Amzn-Trace-Id"), valeur_entete()),
        1 => (nom("Accept"), valeur_entete()),
        2 => ("[a-z0-9-]{1,20}".prop_map(|n| format!("x-essai-{n}")), valeur_entete()),
    ]
}

/// Des paramètres de chaîne de requête, répétés ou non.
fn parametres() -> impl Strategy<Value = Vec<(String, String)>> {
    let identifiants_ranges: Vec<String> = deja_la().into_iter().map(|p| p.id).collect();
    let limite = prop_oneof![
        4 => (-5i64..200).prop_map(|n| n.to_string()),
        1 => prop::sample::select(
            vec!["", "abc", "1e2", "0x10", " 5", "+5", "5.0", "٣", "99999999999999999999"]
        )
        .prop_map(str::to_string),
        1 => "\\PC{0,12}",
    ];
    let suivant = prop_oneof![
        3 => prop::sample::select(identifiants_ranges).prop_map(|id| URL_SAFE_NO_PAD.encode(id)),
        2 => prop::collection::vec(any::<u8>(), 0..48).prop_map(|o| URL_SAFE_NO_PAD.encode(o)),
        1 => "[A-Za-z0-9_=+/-]{0,40}",
        1 => "\\PC{0,12}",
        1 => long(2000, 3000, "eyJpZCI6IjAwMDAw-_"),
    ];
    let parametre = prop_oneof![
        3 => (Just("limite".to_string()), limite),
        3 => (Just("suivant".to_string()), suivant),
        1 => (prop_oneof![Just("LIMITE".to_string()), "[a-z]{0,8}"], "\\PC{0,12}"),
    ];
    prop::collection::vec(parametre, 0..4)
}

/// Un texte de prix : juste, faux, hors bornes, ou pas même un nombre JSON.
fn prix() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => (0u64..100_000_000).prop_map(|c| format!("{}.{:02}", c / 100, c % 100)),
        2 => prop::sample::select(
            vec![
                "0", "1", "-0", "-1", "1.999", "1e2", "1E-2", "1e400", "-1e400", "1000000",
                "1000000.01", "99999999999999999999", "0.1e1", "\"12\"", "null", "true", "[]",
                "{}", "NaN", "Infinity", "-Infinity", "0x1F", "01", ".5", "5.",
            ],
        )
        .prop_map(str::to_string),
        1 => any::<f64>().prop_map(|f| json!(f).to_string()),
    ]
}

/// Un texte quelconque, écrit comme une chaîne JSON.
fn chaine_json(texte: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    texte.prop_map(|t| Value::String(t).to_string())
}

/// Un objet produit, le plus souvent valide, en texte JSON (les nombres restent tels quels).
fn produit_json() -> impl Strategy<Value = String> {
    let nom = prop_oneof![
        12 => chaine_json("[^\\p{C}]{1,40}"),
        1 => chaine_json("[ ]{0,3}"),
        1 => chaine_json("[a-zé]{100,102}"),
        1 => prop::sample::select(vec!["42", "null", "[]", "true"]).prop_map(str::to_string),
    ];
    let description = prop_oneof![
        4 => Just(None),
        3 => chaine_json(any::<String>()).prop_map(Some),
        1 => chaine_json(long(999, 1001, "éa")).prop_map(Some),
        1 => chaine_json(long(17_000, 18_000, "a")).prop_map(Some),
    ];
    let en_trop = prop_oneof![
        6 => Just(None),
        1 => Just(Some(r#""id": "choisi-par-le-client""#.to_string())),
        1 => Just(Some(r#""couleur": "rouge""#.to_string())),
        1 => Just(Some(r#""nom": "doublon""#.to_string())),
    ];
    (
        prop::option::weighted(0.9, nom),
        prop::option::weighted(0.9, prix()),
        description,
        en_trop,
    )
        .prop_map(|(nom, prix, description, en_trop)| {
            let champs: Vec<String> = [
                nom.map(|n| format!(r#""nom": {n}"#)),
                prix.map(|p| format!(r#""prix": {p}"#)),
                description.map(|d| format!(r#""description": {d}"#)),
                en_trop,
            ]
            .into_iter()
            .flatten()
            .collect();
            format!("{{{}}}", champs.join(", "))
        })
}

/// Une valeur JSON quelconque, aux clés parfois connues de l'API.
fn json_au_hasard() -> impl Strategy<Value = Value> {
    let feuille = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        "\\PC{0,20}".prop_map(Value::String),
    ];
    let cle = prop_oneof![
        prop::sample::select(vec!["nom", "prix", "description", "id"]).prop_map(str::to_string),
        "[a-z]{1,6}",
    ];
    feuille.prop_recursive(3, 24, 4, move |interieur| {
        prop_oneof![
            prop::collection::vec(interieur.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(cle.clone(), interieur, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn corps() -> impl Strategy<Value = Corps> {
    let texte = prop_oneof![
        8 => produit_json(),
        2 => json_au_hasard().prop_map(|v| v.to_string()),
        // Un produit valide abîmé : tronqué, ou un caractère remplacé.
        2 => (produit_json(), any::<prop::sample::Index>(), any::<char>()).prop_map(
            |(texte, ou, c)| {
                let mut caracteres: Vec<char> = texte.chars().collect();
                let i = ou.index(caracteres.len());
                if c.is_ascii_digit() {
                    caracteres.truncate(i);
                } else {
                    caracteres[i] = c;
                }
                caracteres.into_iter().collect()
            }
        ),
        1 => prop::sample::select(vec!["", " ", "\n\t", "null", "[]", "nom=Tapis&prix=12", "1e400", "-0", "NaN"])
            .prop_map(str::to_string),
        1 => any::<String>(),
        1 => long(15_000, 20_000, "{\"nom\": [1e400, "),
    ];
    prop_oneof![
        3 => Just(Corps::Aucun),
        8 => texte.prop_map(Corps::Texte),
        // En base64 : des octets quelconques (de l'UTF-8 invalide, le plus souvent), un
        // produit valide, ou un JSON dont une chaîne n'est pas de l'UTF-8.
        1 => prop::collection::vec(any::<u8>(), 0..300).prop_map(Corps::Octets),
        1 => produit_json().prop_map(|t| Corps::Octets(t.into_bytes())),
        1 => Just(Corps::Octets(b"{\"nom\": \"\xff\xfe\", \"prix\": 1}".to_vec())),
    ]
}

fn tirage() -> impl Strategy<Value = Tirage> {
    (
        prop::sample::select(FORMATS.to_vec()),
        methode_et_chemin(),
        // La plupart des clients annoncent leur JSON ; d'autres en-têtes suivent, au hasard.
        prop::option::weighted(0.6, Just(("Content-Type", "application/json"))),
        prop::collection::vec(entete(), 0..6),
        parametres(),
        corps(),
    )
        .prop_map(
            |(format, (methode, chemin), type_json, autres, parametres, corps)| {
                let mut entetes: Vec<(String, String)> = type_json
                    .map(|(nom, valeur)| (nom.to_string(), valeur.to_string()))
                    .into_iter()
                    .collect();
                entetes.extend(autres);
                Tirage {
                    format,
                    methode,
                    chemin,
                    entetes,
                    parametres,
                    corps,
                }
            },
        )
}

// ---------------------------------------------------------------------------------------
// Les propriétés.
// ---------------------------------------------------------------------------------------

/// Un magasin dont chaque appel échoue, comme un DynamoDB injoignable après les reprises du SDK.
struct MagasinEnPanne;

fn panne() -> ErreurApi {
    ErreurApi::StockageIndisponible("essai : le magasin ne répond pas".to_string())
}

impl Store for MagasinEnPanne {
    async fn creer(&self, _: &Produit) -> Result<(), ErreurApi> {
        Err(panne())
    }
    async fn obtenir(&self, _: &str) -> Result<Produit, ErreurApi> {
        Err(panne())
    }
    async fn lister(&self, _: u32, _: Option<&str>) -> Result<api_produits::Page, ErreurApi> {
        Err(panne())
    }
    async fn supprimer(&self, _: &str) -> Result<Produit, ErreurApi> {
        Err(panne())
    }
}

/// Le nombre d'événements d'une propriété : sa part de `ROBUSTESSE_CAS`.
fn cas_par_propriete() -> u32 {
    let total = std::env::var(VARIABLE_CAS)
        .ok()
        .map(|texte| {
            texte.trim().parse::<u32>().unwrap_or_else(|_| {
                panic!("{VARIABLE_CAS} doit être un nombre entier d'événements, reçu {texte:?}")
            })
        })
        .unwrap_or(CAS_PAR_DEFAUT);
    total.div_ceil(PROPRIETES).max(1)
}

/// Ce qu'une propriété a vu : le nombre d'événements et de réponses par statut.
#[derive(Default)]
struct Bilan {
    evenements: u64,
    statuts: BTreeMap<u16, u64>,
}

impl Bilan {
    fn afficher(&self, propriete: &str) {
        let statuts: Vec<String> = self
            .statuts
            .iter()
            .map(|(statut, nombre)| format!("{statut} × {nombre}"))
            .collect();
        eprintln!(
            "propriétés de l'API ({propriete}) : {} événements essayés ; statuts : {}",
            self.evenements,
            statuts.join(", ")
        );
    }

    #[track_caller]
    fn exiger_statuts(&self, attendus: &[u16], propriete: &str) {
        let absents: Vec<&u16> = attendus
            .iter()
            .filter(|s| !self.statuts.contains_key(s))
            .collect();
        assert!(
            absents.is_empty(),
            "({propriete}) attendu au moins une réponse de chacun des statuts {attendus:?} : \
             aucune pour {absents:?} ; le générateur d'événements ne couvre plus toute l'API \
             (statuts vus : {:?})",
            self.statuts
        );
    }
}

/// Fait tourner `propriete` sur `cas` tirages ; compte les événements et les statuts.
fn essayer(
    nom: &str,
    propriete: impl Fn(&Tirage, &tokio::runtime::Runtime) -> Result<u16, TestCaseError>,
) -> Bilan {
    let configuration = Config {
        cases: cas_par_propriete(),
        // Aucun fichier de régression dans le dépôt : l'échec affiche le cas minimal.
        failure_persistence: None,
        // Le générateur XorShift, bien plus rapide que ChaCha sans optimisations (tests en
        // profil dev) ; le hasard d'un test n'a pas à être cryptographique.
        rng_algorithm: RngAlgorithm::XorShift,
        ..Config::default()
    };
    let executif = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("un exécutif tokio se construit");
    let bilan = RefCell::new(Bilan::default());
    let mut lanceur = TestRunner::new(configuration);
    let resultat = lanceur.run(&tirage(), |tirage| {
        let statut = propriete(&tirage, &executif)?;
        let mut bilan = bilan.borrow_mut();
        bilan.evenements += 1;
        *bilan.statuts.entry(statut).or_default() += 1;
        Ok(())
    });
    let bilan = bilan.into_inner();
    bilan.afficher(nom);
    if let Err(echec) = resultat {
        panic!("({nom}) une propriété de l'API est fausse : {echec}");
    }
    bilan
}

/// L'événement JSON du tirage, lu par `lambda_http` comme le runtime le lit : un refus est
/// une faute du générateur (API Gateway n'enverrait pas cet événement), pas de l'API.
fn requete(tirage: &Tirage) -> Result<(Request, String), TestCaseError> {
    let json = tirage.evenement().json();
    let requete = lambda_http::request::from_str(&json).map_err(|erreur| {
        TestCaseError::fail(format!(
            "le générateur a produit un événement que lambda_http refuse ({erreur}) : {json}"
        ))
    })?;
    Ok((requete, json))
}

/// Les propriétés de toute réponse : JSON valide quand il y a un corps, erreurs au format du
/// cours (message en français, code connu, Content-Type JSON), CORS pour la seule boutique.
fn verifier_reponse(
    entetes_requete: &HeaderMap,
    reponse: &Response<Body>,
    json: &str,
) -> Result<(), TestCaseError> {
    let statut = reponse.status().as_u16();
    let texte = corps_texte(reponse);
    let contexte = || format!("statut {statut}, corps {texte:?}, événement {json}");

    let corps: Option<Value> = match reponse.body() {
        Body::Empty => None,
        _ if texte.is_empty() => None,
        _ => Some(serde_json::from_str(&texte).map_err(|erreur| {
            TestCaseError::fail(format!(
                "corps qui n'est pas du JSON ({erreur}) : {}",
                contexte()
            ))
        })?),
    };
    prop_assert!(
        corps.is_some() || statut == 204,
        "seules les réponses 204 (suppression, requête préliminaire) peuvent être vides : {}",
        contexte()
    );
    if corps.is_some() {
        prop_assert_eq!(
            reponse
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("application/json"),
            "un corps JSON s'annonce par Content-Type: application/json : {}",
            contexte()
        );
    }

    if statut >= 400 {
        let corps = corps.unwrap_or_default();
        let objet = corps.as_object();
        prop_assert!(
            objet.is_some_and(|o| o.len() == 2),
            "une erreur a pour corps {{\"message\", \"code\"}} et rien d'autre : {}",
            contexte()
        );
        let message = corps["message"].as_str().unwrap_or_default();
        let code = corps["code"].as_str().unwrap_or_default();
        prop_assert!(
            est_francais(message),
            "le message d'erreur doit être en français : {}",
            contexte()
        );
        let codes: &[&str] = match statut {
            400 => &["PARAMETRE_INVALIDE", "CORPS_INVALIDE"],
            404 => &["PRODUIT_INTROUVABLE", "ROUTE_INCONNUE"],
            405 => &["METHODE_NON_AUTORISEE"],
            409 => &["PRODUIT_EXISTANT"],
            413 => &["CORPS_TROP_VOLUMINEUX"],
            415 => &["TYPE_MEDIA_NON_SUPPORTE"],
            503 => &["STOCKAGE_INDISPONIBLE"],
            _ => &[],
        };
        prop_assert!(
            codes.contains(&code),
            "le code d'une erreur {statut} est l'un de {codes:?} : {}",
            contexte()
        );
    }

    // CORS : l'origine autorisée est renvoyée telle quelle, aucune autre ne l'est jamais.
    let autorisee = reponse.headers().get(header::ACCESS_CONTROL_ALLOW_ORIGIN);
    let origines: Vec<&HeaderValue> = entetes_requete.get_all(header::ORIGIN).iter().collect();
    prop_assert!(
        autorisee.is_none_or(|valeur| valeur.as_bytes() == ORIGINE.as_bytes()),
        "Access-Control-Allow-Origin ne peut valoir que {ORIGINE} : {}",
        contexte()
    );
    if origines.len() == 1 && origines[0].as_bytes() == ORIGINE.as_bytes() {
        prop_assert!(
            autorisee.is_some(),
            "la boutique ({ORIGINE}) reçoit Access-Control-Allow-Origin sur toute réponse : {}",
            contexte()
        );
    }
    Ok(())
}

/// Le nombre de produits identifiants_ranges.
async fn compter<S: Store>(magasin: &S) -> usize {
    magasin
        .lister(100, None)
        .await
        .expect("le magasin en mémoire se liste")
        .produits
        .len()
}

#[test]
fn sur_le_magasin_en_memoire_aucun_evenement_ne_donne_de_5xx_et_un_echec_ne_range_rien() {
    let nom = "magasin en mémoire";
    let bilan = essayer(nom, |tirage, executif| {
        let (requete, json) = requete(tirage)?;
        let (methode, entetes) = (requete.method().clone(), requete.headers().clone());
        executif.block_on(async {
            let banc = banc_sur(MemoireStore::avec(deja_la()));
            let avant = compter(banc.api.magasin()).await;
            let reponse = banc.api.repondre(requete).await;
            let statut = reponse.status().as_u16();
            prop_assert!(
                statut < 500,
                "aucune 5xx sur un magasin qui marche : statut {statut}, corps {:?}, événement {json}",
                corps_texte(&reponse)
            );
            verifier_reponse(&entetes, &reponse, &json)?;

            let apres = compter(banc.api.magasin()).await;
            let attendu = match statut {
                201 => avant + 1,
                204 if methode == "DELETE" => avant - 1,
                _ => avant,
            };
            prop_assert_eq!(
                apres,
                attendu,
                "produits identifiants_ranges avant {}, après {} (statut {}) ; événement {}",
                avant,
                apres,
                statut,
                json
            );
            if statut == 201 {
                // Le produit renvoyé est celui que le magasin garde, prix au centime près.
                let cree: Value = serde_json::from_str(&corps_texte(&reponse)).unwrap_or_default();
                let id = cree["id"].as_str().unwrap_or_default();
                let emplacement = format!("/produits/{id}");
                prop_assert_eq!(
                    reponse
                        .headers()
                        .get(header::LOCATION)
                        .and_then(|v| v.to_str().ok()),
                    Some(emplacement.as_str()),
                    "201 : Location désigne le produit créé ; événement {}",
                    json
                );
                let range = banc.api.magasin().obtenir(id).await.ok();
                let range = range.map(|p| serde_json::to_value(p).unwrap_or_default());
                prop_assert_eq!(
                    range.as_ref(),
                    Some(&cree),
                    "201 : le magasin garde exactement le produit renvoyé ; événement {}",
                    json
                );
            }
            Ok::<_, TestCaseError>(statut)
        })
    });
    bilan.exiger_statuts(&[200, 201, 204, 400, 404, 405, 413, 415], nom);
}

#[test]
fn sur_un_magasin_en_panne_la_seule_5xx_est_un_503() {
    let nom = "magasin en panne";
    let bilan = essayer(nom, |tirage, executif| {
        let (requete, json) = requete(tirage)?;
        let (methode, entetes) = (requete.method().clone(), requete.headers().clone());
        executif.block_on(async {
            let banc = banc_sur(MagasinEnPanne);
            let reponse = banc.api.repondre(requete).await;
            let statut = reponse.status().as_u16();
            prop_assert!(
                statut < 500 || statut == 503,
                "sur un magasin en panne, la seule 5xx permise est 503 : statut {statut}, corps {:?}, événement {json}",
                corps_texte(&reponse)
            );
            prop_assert!(
                !(200..300).contains(&statut) || methode == "OPTIONS",
                "rien ne réussit sur un magasin en panne, sauf la requête préliminaire : \
                 statut {statut}, événement {json}"
            );
            verifier_reponse(&entetes, &reponse, &json)?;
            Ok::<_, TestCaseError>(statut)
        })
    });
    bilan.exiger_statuts(&[400, 404, 503], nom);
}
