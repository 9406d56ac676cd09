//! Tests de notation de l'atelier 02 (partagés avec la solution : ne les modifiez pas).
//!
//! Les tests sont rangés par étape, dans l'ordre de la page « Atelier 02 » : `cargo test`
//! les affiche par ordre alphabétique, donc le premier échec est celui de la première fonction
//! qui reste à écrire. Lisez-le d'abord.
//!
//! Les événements sont de vrais événements API Gateway : ceux du banc d'essai du cours (REST 1.0
//! sur l'étape `prod`, API HTTP 2.0 sur `$default` ou une étape nommée) et deux fichiers complets
//! du dossier `evenements/`, écrits d'après les formes documentées par AWS.

use crate::besoins::{Besoin, ErreurChoix, TypeApi};
use crate::requete::{ErreurLecture, Requete, VersionCharge};
use crate::routes::{Correspondance, ErreurRoute, Route, Routeur, Segment};
use crate::{
    chemin_sans_etape, choisir_type_api, decoder_corps, depuis_http, depuis_rest, lire_evenement,
};
use aws_lambda_events::apigw::{ApiGatewayProxyRequest, ApiGatewayV2httpRequest};
use aws_lambda_events::http::Method;
use banc_essai::Evenement;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const REST_POST_PRODUIT: &str = include_str!("../evenements/rest-post-produit.json");
const HTTP_GET_PRODUIT: &str = include_str!("../evenements/http-get-produit.json");

/// Les routes de l'API Produits, derrière une ressource `/{proxy+}` de secours.
const ROUTES_PRODUITS: [&str; 5] = [
    "GET /produits",
    "POST /produits",
    "GET /produits/{id}",
    "DELETE /produits/{id}",
    "ANY /{proxy+}",
];

/// Lit un événement du banc d'essai avec `lire_evenement` ; échoue avec un message clair sinon.
#[track_caller]
fn lire(evenement: &Evenement) -> Requete {
    lire_valeur(evenement.valeur())
}

#[track_caller]
fn lire_valeur(valeur: Value) -> Requete {
    match lire_evenement(&valeur.to_string()) {
        Ok(requete) => requete,
        Err(erreur) => {
            panic!("cet événement valide devrait se lire, obtenu l'erreur : {erreur}")
        }
    }
}

/// Un événement d'API REST du banc d'essai, lu par `depuis_rest` (sans `lire_evenement`).
#[track_caller]
fn lire_rest(evenement: &Evenement) -> Requete {
    let evenement: ApiGatewayProxyRequest = match serde_json::from_value(evenement.valeur()) {
        Ok(evenement) => evenement,
        Err(erreur) => panic!("le banc d'essai devrait fournir un événement 1.0 valide : {erreur}"),
    };
    match depuis_rest(evenement) {
        Ok(requete) => requete,
        Err(erreur) => panic!(
            "depuis_rest : cet événement 1.0 valide devrait se lire, obtenu l'erreur : {erreur}"
        ),
    }
}

/// Un événement d'API HTTP du banc d'essai, lu par `depuis_http` (sans `lire_evenement`).
#[track_caller]
fn lire_http(evenement: &Evenement) -> Requete {
    lire_http_valeur(evenement.valeur())
}

#[track_caller]
fn lire_http_valeur(valeur: Value) -> Requete {
    let evenement: ApiGatewayV2httpRequest = match serde_json::from_value(valeur) {
        Ok(evenement) => evenement,
        Err(erreur) => panic!("le banc d'essai devrait fournir un événement 2.0 valide : {erreur}"),
    };
    match depuis_http(evenement) {
        Ok(requete) => requete,
        Err(erreur) => panic!(
            "depuis_http : cet événement 2.0 valide devrait se lire, obtenu l'erreur : {erreur}"
        ),
    }
}

#[track_caller]
fn routeur(cles: &[&str]) -> Routeur {
    match Routeur::nouveau(cles.iter().copied()) {
        Ok(routeur) => routeur,
        Err(erreur) => panic!("ces routes sont valides, obtenu l'erreur : {erreur}"),
    }
}

/// Route `methode chemin` et vérifie la route choisie ; renvoie la correspondance.
#[track_caller]
fn verifier_route(
    routeur: &Routeur,
    methode: &str,
    chemin: &str,
    attendue: &str,
) -> Correspondance {
    let methode_http = Method::from_bytes(methode.as_bytes()).expect("méthode valide");
    let trouvee = routeur.trouver(&methode_http, chemin);
    match trouvee {
        Some(correspondance) => {
            assert_eq!(
                correspondance.route, attendue,
                "{methode} {chemin} : attendu la route « {attendue} », obtenu « {} »",
                correspondance.route
            );
            correspondance
        }
        None => panic!("{methode} {chemin} : attendu la route « {attendue} », obtenu aucune route"),
    }
}

fn parametre<'a>(correspondance: &'a Correspondance, nom: &str) -> Option<&'a str> {
    correspondance.parametres.get(nom).map(String::as_str)
}

/// Étape 1 : `chemin_sans_etape` (page « Étapes et nom de l'étape dans le chemin »).
mod etape_01_chemin_sans_etape {
    use super::*;

    #[test]
    fn le_chemin_de_l_etape_default_reste_tel_quel() {
        for etape in [None, Some("$default")] {
            assert_eq!(
                chemin_sans_etape("/produits/42", etape),
                "/produits/42",
                "avec l'étape {etape:?}, attendu le chemin inchangé"
            );
        }
    }

    #[test]
    fn le_nom_d_une_etape_nommee_est_retire_du_debut_du_chemin() {
        for (brut, attendu) in [
            ("/prod/produits/42", "/produits/42"),
            ("/prod/produits", "/produits"),
            ("/prod", "/"),
            ("/prod/", "/"),
        ] {
            assert_eq!(
                chemin_sans_etape(brut, Some("prod")),
                attendu,
                "sur l'étape prod, attendu {attendu:?} pour le chemin brut {brut:?}"
            );
        }
    }

    #[test]
    fn un_chemin_qui_commence_comme_l_etape_sans_l_etre_est_garde() {
        for brut in ["/production/x", "/produits", "/prodx"] {
            assert_eq!(
                chemin_sans_etape(brut, Some("prod")),
                brut,
                "{brut:?} ne commence pas par le segment /prod : attendu le chemin inchangé"
            );
        }
    }
}

/// Étape 2 : `decoder_corps` (page « Les formats de charge utile 1.0 et 2.0 »).
mod etape_02_decoder_corps {
    use super::*;

    #[test]
    fn un_corps_texte_est_garde_tel_quel_et_un_corps_absent_est_vide() {
        let corps = decoder_corps(Some(r#"{"nom":"Zoé"}"#), false);
        assert_eq!(
            corps,
            Ok(r#"{"nom":"Zoé"}"#.as_bytes().to_vec()),
            "un corps texte (isBase64Encoded: false) doit être gardé octet pour octet"
        );
        assert_eq!(
            decoder_corps(None, false),
            Ok(Vec::new()),
            "body: null doit donner un corps vide"
        );
    }

    #[test]
    fn un_corps_base64_est_decode() {
        let corps = decoder_corps(Some("eyJub20iOiJab8OpIn0="), true);
        assert_eq!(
            corps,
            Ok(r#"{"nom":"Zoé"}"#.as_bytes().to_vec()),
            "isBase64Encoded: true : attendu le corps décodé du base64"
        );
    }

    #[test]
    fn un_corps_base64_illisible_est_une_erreur_et_pas_une_panique() {
        let resultat = decoder_corps(Some("ceci n'est pas du base64 !"), true);
        assert!(
            matches!(resultat, Err(ErreurLecture::Base64Invalide(_))),
            "attendu Err(ErreurLecture::Base64Invalide(…)), obtenu {resultat:?}"
        );
    }
}

/// Étape 3 : `depuis_rest`, un événement d'API REST (format 1.0) en vue normalisée.
mod etape_03_depuis_rest {
    use super::*;

    #[test]
    fn lit_la_methode_et_le_chemin_d_un_evenement_rest_sans_l_etape() {
        let requete = lire_rest(&Evenement::rest("GET", "/produits/42"));
        assert_eq!(requete.version, VersionCharge::V1, "attendu le format 1.0");
        assert_eq!(requete.methode, Method::GET, "attendu la méthode GET");
        assert_eq!(
            requete.chemin, "/produits/42",
            "attendu le chemin `path`, sans l'étape (requestContext.path vaut /prod/produits/42)"
        );
        assert_eq!(
            requete.etape.as_deref(),
            Some("prod"),
            "attendu l'étape prod (requestContext.stage)"
        );
    }

    #[test]
    fn lit_les_parametres_de_chemin_et_toutes_les_valeurs_des_parametres_rest() {
        let evenement = Evenement::rest("GET", "/produits/42")
            .ressource("/produits/{id}")
            .parametre("tag", "a")
            .parametre("tag", "b")
            .parametre("limite", "10");
        let requete = lire_rest(&evenement);
        assert_eq!(
            requete.parametre_chemin("id"),
            Some("42"),
            "attendu le paramètre de chemin id = 42 (pathParameters)"
        );
        assert_eq!(
            requete.parametres("tag"),
            ["a", "b"],
            "?tag=a&tag=b : attendu les deux valeurs (multiValueQueryStringParameters)"
        );
        assert_eq!(
            requete.parametre("limite"),
            Some("10"),
            "attendu limite = 10"
        );
    }

    #[test]
    fn un_evenement_rest_sans_chaine_de_requete_donne_une_table_vide() {
        let evenement = Evenement::rest("GET", "/produits");
        assert!(
            evenement.valeur()["queryStringParameters"].is_null(),
            "l'événement doit avoir queryStringParameters: null"
        );
        let requete = lire_rest(&evenement);
        assert!(
            requete.parametres_requete.is_empty(),
            "queryStringParameters: null : attendu une table vide, obtenu {:?}",
            requete.parametres_requete
        );
        assert!(
            requete.parametres_chemin.is_empty(),
            "pathParameters: null : attendu une table vide"
        );
        assert!(
            requete.corps.is_empty(),
            "body: null : attendu un corps vide"
        );
    }
}

/// Étape 4 : `Requete::entete`, lu sur des événements d'API REST (lus par votre `depuis_rest`).
mod etape_04_entete {
    use super::*;

    #[test]
    fn les_entetes_rest_se_lisent_sans_tenir_compte_de_la_casse() {
        let requete = lire_rest(
            &Evenement::rest("POST", "/produits").entete("Content-Type", "application/json"),
        );
        for nom in ["Content-Type", "content-type", "CONTENT-TYPE"] {
            assert_eq!(
                requete.entete(nom).as_deref(),
                Some("application/json"),
                "entete({nom:?}) : attendu application/json (l'API REST garde la casse du client)"
            );
        }
        assert_eq!(
            requete.entete("x-absent"),
            None,
            "un en-tête absent donne None"
        );
    }

    #[test]
    fn un_entete_rest_repete_garde_toutes_ses_valeurs() {
        let evenement = Evenement::rest("GET", "/produits")
            .entete("X-Etiquette", "a")
            .entete("X-Etiquette", "b");
        // `headers` n'a qu'une valeur par nom (ici, la dernière) ; `multiValueHeaders` les a toutes.
        assert_eq!(evenement.valeur()["headers"]["X-Etiquette"], "b");
        let requete = lire_rest(&evenement);
        assert_eq!(
            requete.entete("x-etiquette").as_deref(),
            Some("a,b"),
            "attendu les deux valeurs jointes par une virgule (lisez multiValueHeaders)"
        );
    }

    #[test]
    fn deux_entetes_cookie_se_joignent_par_un_point_virgule() {
        let rest = lire_rest(
            &Evenement::rest("GET", "/produits")
                .entete("Cookie", "session=abc")
                .entete("Cookie", "theme=sombre"),
        );
        assert_eq!(
            rest.entete("cookie").as_deref(),
            Some("session=abc; theme=sombre"),
            "deux en-têtes Cookie se joignent par « ; », pas par une virgule"
        );
    }
}

/// Étape 5 : `depuis_http`, un événement d'API HTTP (format 2.0) en vue normalisée.
mod etape_05_depuis_http {
    use super::*;

    #[test]
    fn lit_la_methode_et_le_chemin_d_un_evenement_http() {
        let requete = lire_http(&Evenement::http("POST", "/produits").corps(r#"{"nom":"Zoé"}"#));
        assert_eq!(requete.version, VersionCharge::V2, "attendu le format 2.0");
        assert_eq!(
            requete.methode,
            Method::POST,
            "attendu POST (la méthode est dans requestContext.http.method)"
        );
        assert_eq!(requete.chemin, "/produits", "attendu le chemin /produits");
        assert_eq!(requete.etape, None, "l'étape $default doit donner None");
        assert_eq!(
            requete.corps_texte(),
            Some(r#"{"nom":"Zoé"}"#),
            "attendu le corps texte"
        );
    }

    #[test]
    fn retire_l_etape_nommee_du_chemin_brut_http() {
        let evenement = Evenement::http("GET", "/produits/42")
            .ressource("/produits/{id}")
            .etape(Some("prod"));
        assert_eq!(evenement.valeur()["rawPath"], "/prod/produits/42");
        let requete = lire_http(&evenement);
        assert_eq!(
            requete.chemin, "/produits/42",
            "rawPath vaut /prod/produits/42 sur l'étape prod : attendu le chemin sans l'étape"
        );
        assert_eq!(
            requete.etape.as_deref(),
            Some("prod"),
            "attendu l'étape prod"
        );
        assert_eq!(
            requete.parametre_chemin("id"),
            Some("42"),
            "attendu id = 42"
        );
    }

    #[test]
    fn les_parametres_repetes_http_ne_sont_pas_confondus_avec_une_virgule() {
        let evenement = Evenement::http("GET", "/produits")
            .parametre("tag", "a,b")
            .parametre("tag", "c");
        // Le format 2.0 joint les valeurs répétées : on ne sait plus où couper.
        assert_eq!(evenement.valeur()["queryStringParameters"]["tag"], "a,b,c");
        let requete = lire_http(&evenement);
        assert_eq!(
            requete.parametres("tag"),
            ["a,b", "c"],
            "?tag=a%2Cb&tag=c : attendu les deux valeurs exactes (lisez rawQueryString)"
        );
    }

    #[test]
    fn les_entetes_http_se_lisent_sans_tenir_compte_de_la_casse() {
        let requete = lire_http(
            &Evenement::http("GET", "/produits")
                .entete("X-Etiquette", "a")
                .entete("X-Etiquette", "b"),
        );
        assert_eq!(
            requete.entete("X-Etiquette").as_deref(),
            Some("a,b"),
            "attendu a,b : le format 2.0 met les noms en minuscules et joint les valeurs"
        );
    }

    #[test]
    fn les_cookies_http_redeviennent_un_entete_cookie() {
        let mut valeur = Evenement::http("GET", "/produits").valeur();
        valeur["cookies"] = json!(["session=abc", "theme=sombre"]);
        let requete = lire_http_valeur(valeur);
        assert_eq!(
            requete.entete("Cookie").as_deref(),
            Some("session=abc; theme=sombre"),
            "attendu l'en-tête Cookie rebâti à partir du champ cookies, séparé par « ; »"
        );
    }
}

/// Étape 6 : `lire_evenement`, qui reconnaît le format avant de lire (page « L'erreur untagged enum LambdaRequest »).
mod etape_06_lire_evenement {
    use super::*;

    #[test]
    fn lit_le_fichier_rest_d_un_post_au_corps_en_base64() {
        let requete = lire_evenement(REST_POST_PRODUIT).unwrap_or_else(|erreur| {
            panic!("evenements/rest-post-produit.json devrait se lire, obtenu : {erreur}")
        });
        assert_eq!(requete.methode, Method::POST, "attendu POST");
        assert_eq!(
            requete.chemin, "/produits",
            "attendu /produits, sans l'étape"
        );
        assert!(
            requete.parametres_requete.is_empty(),
            "queryStringParameters: null : attendu aucun paramètre"
        );
        assert_eq!(
            requete.entete("accept").as_deref(),
            Some("application/json,text/plain"),
            "attendu les deux valeurs d'Accept de multiValueHeaders"
        );
        let corps: Value = serde_json::from_slice(&requete.corps).unwrap_or_else(|erreur| {
            panic!(
                "le corps décodé du base64 devrait être du JSON ({erreur}), obtenu {:?}",
                String::from_utf8_lossy(&requete.corps)
            )
        });
        assert_eq!(
            corps,
            json!({"nom": "Théière en fonte", "prix": 24.9}),
            "attendu le produit décodé du base64"
        );
    }

    #[test]
    fn lit_le_fichier_http_d_un_get_sur_une_etape_nommee() {
        let requete = lire_evenement(HTTP_GET_PRODUIT).unwrap_or_else(|erreur| {
            panic!("evenements/http-get-produit.json devrait se lire, obtenu : {erreur}")
        });
        assert_eq!(requete.version, VersionCharge::V2, "attendu le format 2.0");
        assert_eq!(
            requete.chemin, "/produits/42",
            "attendu le chemin sans /prod"
        );
        assert_eq!(
            requete.parametre_chemin("id"),
            Some("42"),
            "attendu id = 42"
        );
        assert_eq!(
            requete.parametres("tag"),
            ["café", "thé"],
            "attendu les valeurs décodées de rawQueryString"
        );
        assert_eq!(
            requete.parametre("devise"),
            Some("EUR"),
            "attendu devise = EUR"
        );
        assert_eq!(
            requete.entete("cookie").as_deref(),
            Some("session=abc123; theme=sombre"),
            "attendu l'en-tête Cookie rebâti"
        );
        assert!(
            requete.corps.is_empty(),
            "un GET sans body : attendu un corps vide"
        );
    }

    #[test]
    fn la_meme_requete_lue_en_rest_et_en_http_donne_la_meme_vue() {
        let construire = |evenement: Evenement| {
            evenement
                .ressource("/produits/{id}")
                .parametre("tag", "a")
                .parametre("tag", "b")
                .entete("X-Client", "atelier")
                .corps_base64("eyJub20iOiJab8OpIn0=")
        };
        let rest = lire(&construire(Evenement::rest("PUT", "/produits/42")));
        let http = lire(&construire(
            Evenement::http("PUT", "/produits/42").etape(Some("prod")),
        ));
        assert_eq!(
            rest.version,
            VersionCharge::V1,
            "le premier est au format 1.0"
        );
        assert_eq!(
            http.version,
            VersionCharge::V2,
            "le second est au format 2.0"
        );
        for (format, requete) in [("REST", &rest), ("HTTP", &http)] {
            assert_eq!(requete.methode, Method::PUT, "{format} : attendu PUT");
            assert_eq!(
                requete.chemin, "/produits/42",
                "{format} : attendu /produits/42"
            );
            assert_eq!(
                requete.etape.as_deref(),
                Some("prod"),
                "{format} : attendu l'étape prod"
            );
            assert_eq!(
                requete.parametre_chemin("id"),
                Some("42"),
                "{format} : attendu id = 42"
            );
            assert_eq!(
                requete.parametres("tag"),
                ["a", "b"],
                "{format} : attendu tag = [a, b]"
            );
            assert_eq!(
                requete.entete("x-client").as_deref(),
                Some("atelier"),
                "{format} : attendu X-Client = atelier"
            );
            assert_eq!(
                requete.corps_texte(),
                Some(r#"{"nom":"Zoé"}"#),
                "{format} : attendu le corps décodé"
            );
        }
    }

    #[test]
    fn un_evenement_de_test_de_la_console_est_refuse_avec_un_message_clair() {
        // Le modèle « hello-world » de l'onglet Test de la console Lambda.
        let resultat = lire_evenement(r#"{"key1": "value1", "key2": "value2", "key3": "value3"}"#);
        match resultat {
            Err(erreur @ ErreurLecture::FormatInconnu) => {
                let message = erreur.to_string();
                assert!(
                    message.contains("httpMethod") && message.contains("2.0"),
                    "le message doit dire quelles clés manquent, obtenu : {message}"
                );
            }
            autre => panic!("attendu Err(ErreurLecture::FormatInconnu), obtenu {autre:?}"),
        }
    }

    #[test]
    fn un_texte_qui_n_est_pas_du_json_est_refuse() {
        let resultat = lire_evenement("GET /produits HTTP/1.1");
        assert!(
            matches!(resultat, Err(ErreurLecture::JsonInvalide(_))),
            "attendu Err(ErreurLecture::JsonInvalide(…)), obtenu {resultat:?}"
        );
    }

    #[test]
    fn un_evenement_reconnu_mais_incomplet_nomme_le_champ_manquant() {
        let resultat = lire_evenement(r#"{"version": "2.0", "rawPath": "/produits"}"#);
        match resultat {
            Err(ErreurLecture::ChampInvalide { version, detail }) => {
                assert_eq!(version, "2.0", "attendu le format 2.0 dans l'erreur");
                assert!(
                    detail.contains("requestContext"),
                    "attendu un détail qui nomme requestContext, obtenu : {detail}"
                );
            }
            autre => panic!("attendu Err(ErreurLecture::ChampInvalide {{ .. }}), obtenu {autre:?}"),
        }
    }
}

/// Étape 7 : `Route::analyser` (page « Routes et ressources : qui passe en premier ? »).
mod etape_07_analyser {
    use super::*;

    #[test]
    fn analyse_une_cle_de_route_statique() {
        let route = Route::analyser("GET /produits").expect("GET /produits est une clé valide");
        assert_eq!(route.methode, Some(Method::GET), "attendu la méthode GET");
        assert_eq!(
            route.segments,
            [Segment::Fixe("produits".into())],
            "attendu un seul segment fixe"
        );
        assert!(
            !route.par_defaut,
            "GET /produits n'est pas la route $default"
        );
        assert_eq!(route.cle, "GET /produits", "attendu la clé d'origine");
    }

    #[test]
    fn analyse_les_variables_et_la_variable_gourmande() {
        let route = Route::analyser("DELETE /produits/{id}").expect("clé valide");
        assert_eq!(
            route.segments,
            [
                Segment::Fixe("produits".into()),
                Segment::Variable("id".into())
            ],
            "attendu produits puis la variable id"
        );
        let route = Route::analyser("ANY /{proxy+}").expect("clé valide");
        assert_eq!(route.methode, None, "ANY doit donner None");
        assert_eq!(
            route.segments,
            [Segment::Glouton("proxy".into())],
            "attendu la variable de chemin gourmande proxy"
        );
        let racine = Route::analyser("GET /").expect("clé valide");
        assert!(racine.segments.is_empty(), "GET / : attendu aucun segment");
    }

    #[test]
    fn analyse_la_route_par_defaut() {
        let route = Route::analyser("$default").expect("$default est une clé valide");
        assert!(route.par_defaut, "attendu par_defaut = true");
        assert_eq!(route.methode, None, "$default accepte toutes les méthodes");
    }

    /// Une variante d'`ErreurRoute`, vue comme la fonction qui la construit à partir de la clé.
    type Variante = fn(String) -> ErreurRoute;

    #[test]
    fn refuse_les_cles_de_route_mal_formees() {
        let cas: [(&str, Variante); 11] = [
            ("/produits", ErreurRoute::FormeInvalide),
            ("GET", ErreurRoute::FormeInvalide),
            ("FETCH /produits", ErreurRoute::MethodeInconnue),
            ("get /produits", ErreurRoute::MethodeInconnue),
            ("GET produits", ErreurRoute::SansBarreInitiale),
            ("GET /produits/", ErreurRoute::SegmentVide),
            ("GET /produits//avis", ErreurRoute::SegmentVide),
            ("GET /produits/{id", ErreurRoute::VariableMalEcrite),
            ("GET /produits/{}", ErreurRoute::VariableMalEcrite),
            ("GET /{proxy+}/avis", ErreurRoute::GloutonPasEnDernier),
            ("GET /{id}/avis/{id}", ErreurRoute::VariableEnDouble),
        ];
        for (cle, variante) in cas {
            let attendu = variante(cle.to_string());
            let obtenu = Route::analyser(cle);
            assert_eq!(
                obtenu,
                Err(attendu.clone()),
                "« {cle} » : attendu Err({attendu:?}), obtenu {obtenu:?}"
            );
        }
    }

    #[test]
    fn un_routeur_refuse_une_route_declaree_deux_fois() {
        let resultat = Routeur::nouveau(["GET /produits", "GET /produits"]);
        assert!(
            matches!(resultat, Err(ErreurRoute::RouteEnDouble(_))),
            "attendu Err(ErreurRoute::RouteEnDouble(…)), obtenu {resultat:?}"
        );
    }
}

/// Étape 8 : `Route::correspondre`, un chemin découpé comparé à un modèle.
mod etape_08_correspondre {
    use super::*;

    /// Compare `segments` au modèle de la clé `cle` et vérifie les paramètres obtenus
    /// (`None` : aucune correspondance attendue).
    #[track_caller]
    fn verifier_correspondance(cle: &str, segments: &[&str], attendus: Option<&[(&str, &str)]>) {
        let route = match Route::analyser(cle) {
            Ok(route) => route,
            Err(erreur) => panic!("« {cle} » est une clé valide, obtenu l'erreur : {erreur}"),
        };
        let attendus: Option<BTreeMap<String, String>> = attendus.map(|paires| {
            paires
                .iter()
                .map(|(nom, valeur)| (nom.to_string(), valeur.to_string()))
                .collect()
        });
        let obtenus = route.correspondre(segments);
        assert_eq!(
            obtenus, attendus,
            "« {cle} » et les segments {segments:?} : attendu {attendus:?}, obtenu {obtenus:?}"
        );
    }

    #[test]
    fn une_route_fixe_ne_correspond_qu_au_meme_chemin() {
        verifier_correspondance("GET /produits", &["produits"], Some(&[]));
        verifier_correspondance("GET /produits", &["Produits"], None);
        verifier_correspondance("GET /produits", &[], None);
        verifier_correspondance("GET /produits", &["produits", "42"], None);
        verifier_correspondance("GET /", &[], Some(&[]));
        verifier_correspondance("GET /", &["produits"], None);
    }

    #[test]
    fn une_variable_prend_exactement_un_segment_non_vide() {
        let cle = "GET /produits/{id}";
        verifier_correspondance(cle, &["produits", "42"], Some(&[("id", "42")]));
        verifier_correspondance(cle, &["produits"], None);
        verifier_correspondance(cle, &["produits", "42", "avis"], None);
        verifier_correspondance(cle, &["commandes", "42"], None);
        verifier_correspondance(cle, &["produits", ""], None);
    }

    #[test]
    fn la_variable_gourmande_prend_tout_le_reste_au_moins_un_segment() {
        verifier_correspondance(
            "ANY /{proxy+}",
            &["a", "b", "c"],
            Some(&[("proxy", "a/b/c")]),
        );
        verifier_correspondance("ANY /{proxy+}", &[], None);
        let cle = "GET /pets/{proxy+}";
        verifier_correspondance(cle, &["pets", "cat", "1"], Some(&[("proxy", "cat/1")]));
        verifier_correspondance(cle, &["pets"], None);
    }

    #[test]
    fn la_route_par_defaut_correspond_a_tout_chemin() {
        verifier_correspondance("$default", &[], Some(&[]));
        verifier_correspondance("$default", &["commandes", "12"], Some(&[]));
    }
}

/// Étape 9 : `Routeur::trouver`, la route la plus précise.
mod etape_09_trouver {
    use super::*;

    #[test]
    fn trouve_les_routes_de_l_api_produits() {
        let routeur = routeur(&ROUTES_PRODUITS);
        let liste = verifier_route(&routeur, "GET", "/produits", "GET /produits");
        assert!(
            liste.parametres.is_empty(),
            "GET /produits : attendu aucun paramètre"
        );
        verifier_route(&routeur, "POST", "/produits", "POST /produits");
        let produit = verifier_route(&routeur, "GET", "/produits/42", "GET /produits/{id}");
        assert_eq!(parametre(&produit, "id"), Some("42"), "attendu id = 42");
        let suppression =
            verifier_route(&routeur, "DELETE", "/produits/7", "DELETE /produits/{id}");
        assert_eq!(parametre(&suppression, "id"), Some("7"), "attendu id = 7");
    }

    #[test]
    fn la_variable_gourmande_prend_plusieurs_segments() {
        let routeur = routeur(&ROUTES_PRODUITS);
        let secours = verifier_route(&routeur, "GET", "/commandes/12/lignes", "ANY /{proxy+}");
        assert_eq!(
            parametre(&secours, "proxy"),
            Some("commandes/12/lignes"),
            "attendu proxy = commandes/12/lignes (tous les segments restants)"
        );
        // PUT n'a pas de route dédiée : ANY /{proxy+} le prend.
        verifier_route(&routeur, "PUT", "/produits/42", "ANY /{proxy+}");
    }

    #[test]
    fn le_segment_fixe_passe_avant_la_variable_quel_que_soit_l_ordre_de_declaration() {
        let routeur = routeur(&["GET /produits/{id}", "GET /produits/nouveautes"]);
        verifier_route(
            &routeur,
            "GET",
            "/produits/nouveautes",
            "GET /produits/nouveautes",
        );
        verifier_route(&routeur, "GET", "/produits/7", "GET /produits/{id}");
    }

    #[test]
    fn la_variable_passe_avant_la_variable_gourmande() {
        let routeur = routeur(&[
            "ANY /{proxy+}",
            "GET /produits/{proxy+}",
            "GET /produits/{id}",
        ]);
        verifier_route(&routeur, "GET", "/produits/42", "GET /produits/{id}");
        let long = verifier_route(
            &routeur,
            "GET",
            "/produits/42/avis",
            "GET /produits/{proxy+}",
        );
        assert_eq!(
            parametre(&long, "proxy"),
            Some("42/avis"),
            "attendu proxy = 42/avis"
        );
    }

    #[test]
    fn la_methode_exacte_passe_avant_any() {
        let routeur = routeur(&["ANY /produits/{id}", "GET /produits/{id}"]);
        verifier_route(&routeur, "GET", "/produits/42", "GET /produits/{id}");
        verifier_route(&routeur, "PATCH", "/produits/42", "ANY /produits/{id}");
    }

    #[test]
    fn suit_l_exemple_de_routage_de_la_documentation_aws() {
        let routeur = routeur(&[
            "GET /pets/dog/{id}",
            "GET /pets/{proxy+}",
            "ANY /{proxy+}",
            "$default",
        ]);
        verifier_route(&routeur, "GET", "/pets/dog/1", "GET /pets/dog/{id}");
        let chat = verifier_route(&routeur, "GET", "/pets/cat/1", "GET /pets/{proxy+}");
        assert_eq!(
            parametre(&chat, "proxy"),
            Some("cat/1"),
            "attendu proxy = cat/1"
        );
        verifier_route(&routeur, "POST", "/test/5", "ANY /{proxy+}");
    }

    #[test]
    fn la_route_par_defaut_ne_sert_qu_en_dernier_recours() {
        let routeur = routeur(&["$default", "GET /produits"]);
        verifier_route(&routeur, "GET", "/produits", "GET /produits");
        verifier_route(&routeur, "POST", "/produits", "$default");
        verifier_route(&routeur, "GET", "/", "$default");
    }

    #[test]
    fn une_barre_finale_est_ignoree() {
        let routeur = routeur(&ROUTES_PRODUITS);
        verifier_route(&routeur, "GET", "/produits/", "GET /produits");
        let produit = verifier_route(&routeur, "GET", "/produits/42/", "GET /produits/{id}");
        assert_eq!(
            parametre(&produit, "id"),
            Some("42"),
            "attendu id = 42, sans la barre"
        );
    }

    #[test]
    fn un_segment_vide_ne_remplit_pas_une_variable() {
        let sans_secours = routeur(&["GET /produits/{id}/avis"]);
        let trouvee = sans_secours.trouver(&Method::GET, "/produits//avis");
        assert_eq!(
            trouvee, None,
            "/produits//avis : {{id}} ne peut pas valoir une chaîne vide, attendu aucune route"
        );
        let avec_secours = routeur(&["GET /produits/{id}/avis", "ANY /{proxy+}"]);
        let secours = verifier_route(&avec_secours, "GET", "/produits//avis", "ANY /{proxy+}");
        assert_eq!(
            parametre(&secours, "proxy"),
            Some("produits//avis"),
            "la variable gourmande prend le reste tel quel"
        );
    }

    #[test]
    fn sans_correspondance_le_routeur_ne_renvoie_rien() {
        let routeur = routeur(&["GET /produits", "GET /produits/{id}"]);
        for (methode, chemin) in [
            (Method::GET, "/commandes"),
            (Method::POST, "/produits"),
            (Method::GET, "/"),
            (Method::GET, "/produits/42/avis"),
            (Method::GET, "/Produits"),
        ] {
            let trouvee = routeur.trouver(&methode, chemin);
            assert_eq!(
                trouvee, None,
                "{methode} {chemin} : attendu aucune route, obtenu {trouvee:?}"
            );
        }
    }

    #[test]
    fn la_variable_gourmande_ne_prend_pas_la_racine() {
        let routeur = routeur(&["ANY /{proxy+}"]);
        let trouvee = routeur.trouver(&Method::GET, "/");
        assert_eq!(
            trouvee, None,
            "GET / : {{proxy+}} prend les ressources filles, pas la racine ; attendu aucune route"
        );
    }

    #[test]
    fn route_une_requete_http_api_recue_sur_une_etape_nommee() {
        let routeur = routeur(&ROUTES_PRODUITS);
        let requete = lire_evenement(HTTP_GET_PRODUIT).unwrap_or_else(|erreur| {
            panic!("evenements/http-get-produit.json devrait se lire, obtenu : {erreur}")
        });
        let correspondance = routeur.router(&requete);
        let attendue = Correspondance {
            route: "GET /produits/{id}".into(),
            parametres: [("id".to_string(), "42".to_string())].into(),
        };
        assert_eq!(
            correspondance,
            Some(attendue),
            "rawPath /prod/produits/42 : sans l'étape, la requête doit aller à GET /produits/{{id}}"
        );
    }
}

/// Étape 10 : `Besoin::types_compatibles` (son test passe en premier), puis `choisir_type_api` (page « REST, HTTP ou WebSocket ? »).
mod etape_10_choisir_le_type_d_api {
    use super::*;

    #[test]
    fn chaque_besoin_connait_les_types_d_api_qui_le_couvrent() {
        use TypeApi::{Http, Rest, WebSocket};
        let tableau: [(Besoin, &[TypeApi]); 13] = [
            (Besoin::ClesApiEtPlans, &[Rest, WebSocket]),
            (Besoin::LimitationParClient, &[Rest]),
            (Besoin::CacheDesReponses, &[Rest]),
            (Besoin::TransformationDuCorps, &[Rest, WebSocket]),
            (Besoin::ValidationDesRequetes, &[Rest, WebSocket]),
            (Besoin::PareFeuWaf, &[Rest]),
            (Besoin::PointDeTerminaisonPrive, &[Rest]),
            (Besoin::TracageXRay, &[Rest]),
            (Besoin::JwtNatif, &[Http]),
            (Besoin::AutorisationLambda, &[Rest, Http, WebSocket]),
            (Besoin::IntegrationServiceAws, &[Rest, Http, WebSocket]),
            (Besoin::CoutMinimal, &[Http]),
            (Besoin::PushServeur, &[WebSocket]),
        ];
        for (besoin, attendus) in tableau {
            let mut obtenus = besoin.types_compatibles().to_vec();
            for type_api in attendus {
                assert!(
                    obtenus.contains(type_api),
                    "« {besoin} » : {type_api} le couvre (tableau de la page « REST, HTTP ou WebSocket ? » du chapitre 02), obtenu {obtenus:?}"
                );
            }
            obtenus.retain(|t| !attendus.contains(t));
            assert!(
                obtenus.is_empty(),
                "« {besoin} » : {obtenus:?} ne le couvre pas (tableau de la page « REST, HTTP ou WebSocket ? » du chapitre 02)"
            );
        }
    }

    #[test]
    fn les_cles_d_api_imposent_une_api_rest() {
        let choix = choisir_type_api(&[Besoin::ClesApiEtPlans, Besoin::AutorisationLambda])
            .expect("une API REST réunit ces besoins");
        assert_eq!(
            choix.type_api,
            TypeApi::Rest,
            "clés d'API : attendu REST, obtenu {}",
            choix.type_api
        );
        assert_eq!(
            choix.besoins_decisifs,
            [Besoin::ClesApiEtPlans],
            "seules les clés d'API écartent un type ; le mécanisme Lambda existe partout"
        );
    }

    #[test]
    fn un_jwt_natif_et_le_cout_minimal_menent_a_une_api_http() {
        let choix = choisir_type_api(&[Besoin::JwtNatif, Besoin::CoutMinimal])
            .expect("une API HTTP réunit ces besoins");
        assert_eq!(
            choix.type_api,
            TypeApi::Http,
            "JWT natif : attendu HTTP, obtenu {}",
            choix.type_api
        );
        assert_eq!(
            choix.besoins_decisifs,
            [Besoin::JwtNatif, Besoin::CoutMinimal],
            "attendu les deux besoins comme décisifs, dans l'ordre donné"
        );
    }

    #[test]
    fn un_mecanisme_d_autorisation_lambda_ou_un_service_aws_n_imposent_pas_rest() {
        for besoins in [
            vec![Besoin::AutorisationLambda],
            vec![Besoin::IntegrationServiceAws],
            vec![Besoin::AutorisationLambda, Besoin::IntegrationServiceAws],
        ] {
            let choix = choisir_type_api(&besoins).expect("une API HTTP réunit ces besoins");
            assert_eq!(
                choix.type_api,
                TypeApi::Http,
                "{besoins:?} : les API HTTP les ont aussi, attendu HTTP (la moins chère), obtenu {}",
                choix.type_api
            );
            assert!(
                choix.besoins_decisifs.is_empty(),
                "{besoins:?} : aucun de ces besoins n'écarte un type, obtenu {:?}",
                choix.besoins_decisifs
            );
        }
    }

    #[test]
    fn sans_besoin_particulier_la_http_api_suffit() {
        let choix = choisir_type_api(&[]).expect("sans besoin, tout convient");
        assert_eq!(
            choix.type_api,
            TypeApi::Http,
            "attendu HTTP, obtenu {}",
            choix.type_api
        );
    }

    #[test]
    fn les_messages_pousses_par_le_serveur_imposent_websocket() {
        let choix = choisir_type_api(&[Besoin::PushServeur, Besoin::AutorisationLambda])
            .expect("une API WebSocket réunit ces besoins");
        assert_eq!(
            choix.type_api,
            TypeApi::WebSocket,
            "push serveur : attendu WebSocket, obtenu {}",
            choix.type_api
        );
        assert_eq!(
            choix.besoins_decisifs,
            [Besoin::PushServeur],
            "attendu le push comme raison"
        );
    }

    #[test]
    fn plusieurs_besoins_propres_a_rest_sont_tous_cites_une_fois() {
        let choix = choisir_type_api(&[
            Besoin::CacheDesReponses,
            Besoin::ValidationDesRequetes,
            Besoin::CacheDesReponses,
        ])
        .expect("une API REST réunit ces besoins");
        assert_eq!(
            choix.type_api,
            TypeApi::Rest,
            "attendu REST, obtenu {}",
            choix.type_api
        );
        assert_eq!(
            choix.besoins_decisifs,
            [Besoin::CacheDesReponses, Besoin::ValidationDesRequetes],
            "attendu chaque besoin décisif une seule fois, dans l'ordre donné"
        );
        let raison = choix.raison();
        assert!(
            raison.contains("cache des réponses") && raison.contains("validation des requêtes"),
            "la raison doit nommer les besoins décisifs, obtenu : {raison}"
        );
    }

    #[test]
    fn des_besoins_incompatibles_sont_signales() {
        for (besoins, decisifs) in [
            (
                vec![Besoin::JwtNatif, Besoin::ClesApiEtPlans],
                vec![Besoin::JwtNatif, Besoin::ClesApiEtPlans],
            ),
            (
                vec![
                    Besoin::PushServeur,
                    Besoin::AutorisationLambda,
                    Besoin::CacheDesReponses,
                ],
                vec![Besoin::PushServeur, Besoin::CacheDesReponses],
            ),
        ] {
            let resultat = choisir_type_api(&besoins);
            assert_eq!(
                resultat,
                Err(ErreurChoix::Incompatibles(decisifs.clone())),
                "{besoins:?} : aucun type ne les réunit, attendu Err(Incompatibles({decisifs:?}))"
            );
        }
    }
}
