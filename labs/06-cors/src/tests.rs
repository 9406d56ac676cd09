//! Tests de notation de l'atelier 06 (partagés avec la solution : ne les modifiez pas).
//!
//! Ils sont rangés par étape, dans l'ordre du travail (`etape_1_…` à `etape_8_…`) :
//! `cargo test` affiche les échecs dans l'ordre alphabétique, donc le premier échec affiché
//! est celui de la prochaine fonction à écrire. On va de la configuration aux en-têtes, puis
//! à la couche, à l'API Produits du chapitre 04 derrière ses deux couches (avec de vrais
//! événements API Gateway du banc d'essai), et enfin à un vrai navigateur : Chromium sans
//! écran, qui appelle l'API depuis une page d'une autre origine.
//!
//! Les tests de l'étape 8 ont besoin de Chromium (`apt-get install chromium` sur Debian ou
//! Ubuntu, ou son chemin dans la variable `CHROMIUM`).

use crate::configuration::{ConfigurationCors, Origines, ParametresCors};
use crate::erreur::ErreurConfiguration;
use crate::{avec_cors, est_preliminaire};
use banc_essai::{Evenement, Format, corps_texte, entete, verifier_erreur, verifier_json};
use lambda_http::http::header::{self, HeaderMap, HeaderValue};
use lambda_http::http::{Method, StatusCode};
use lambda_http::{Body, Request, Response};
use solution_04_erreurs::erreur::ErreurApi;
use solution_04_erreurs::etat::Etat;
use solution_04_erreurs::{avec_couche_erreurs, handler};

const FORMATS: [Format; 2] = [Format::Rest, Format::Http];

/// L'origine de la boutique, permise par la configuration des tests.
const BOUTIQUE: &str = "https://boutique.exemple.fr";
/// Une autre origine permise : le serveur de développement de la boutique.
const DEV: &str = "http://localhost:5173";
/// Une origine que la configuration ne permet pas.
const INCONNUE: &str = "https://pirate.exemple.com";

const PAGE_EN_TETES: &str =
    "chapitre 06, page « 6.3 Les en-têtes CORS un par un » (chapters/ch06-cors/en-tetes.md)";
const PAGE_PRELIMINAIRE: &str = "chapitre 06, page « 6.2 Requêtes simples et requêtes \
     préliminaires » (chapters/ch06-cors/preliminaire.md)";
const PAGE_REST: &str =
    "chapitre 06, page « 6.5 CORS sur une API REST » (chapters/ch06-cors/api-rest.md)";
const PAGE_PIEGE: &str = "chapitre 06, page « 6.7 L'erreur qui devient « erreur CORS » » \
     (chapters/ch06-cors/piege-des-erreurs.md)";

// --- Outils des tests --------------------------------------------------------------------------

/// La configuration de la boutique : deux origines, les méthodes et en-têtes de l'API
/// Produits, `Location` lisible par la page, dix minutes de cache préliminaire.
fn parametres_boutique() -> ParametresCors {
    ParametresCors {
        origines: vec![BOUTIQUE.into(), DEV.into()],
        methodes: vec!["GET".into(), "POST".into(), "DELETE".into()],
        entetes: vec![
            "Content-Type".into(),
            "Authorization".into(),
            "X-Api-Key".into(),
        ],
        entetes_exposes: vec!["Location".into()],
        duree_max: Some(600),
        identifiants: false,
    }
}

#[track_caller]
fn accepter(parametres: ParametresCors) -> ConfigurationCors {
    let copie = parametres.clone();
    ConfigurationCors::nouvelle(parametres).unwrap_or_else(|erreur| {
        panic!("attendu une configuration acceptée pour {copie:?}, obtenu le refus « {erreur} »")
    })
}

#[track_caller]
fn refuser(parametres: ParametresCors) -> ErreurConfiguration {
    let copie = parametres.clone();
    match ConfigurationCors::nouvelle(parametres) {
        Ok(configuration) => panic!(
            "attendu un refus pour {copie:?} (un navigateur rejetterait cette configuration), \
             obtenu une configuration acceptée : {configuration:?}\nVoir le {PAGE_EN_TETES}."
        ),
        Err(erreur) => erreur,
    }
}

fn boutique() -> ConfigurationCors {
    accepter(parametres_boutique())
}

fn toutes_origines() -> ConfigurationCors {
    accepter(ParametresCors {
        origines: vec!["*".into()],
        ..parametres_boutique()
    })
}

fn valeur(texte: &'static str) -> HeaderValue {
    HeaderValue::from_static(texte)
}

fn lire<'a>(entetes: &'a HeaderMap, nom: &str) -> Option<&'a str> {
    entetes.get(nom).and_then(|v| v.to_str().ok())
}

/// Les en-têtes CORS présents (noms `access-control-…`).
fn noms_cors(entetes: &HeaderMap) -> Vec<String> {
    let mut noms: Vec<String> = entetes
        .keys()
        .map(|nom| nom.as_str().to_string())
        .filter(|nom| nom.starts_with("access-control-"))
        .collect();
    noms.sort();
    noms
}

/// `Vary` contient-il `Origin` (insensible à la casse, parmi plusieurs valeurs) ?
fn vary_contient_origin(entetes: &HeaderMap) -> bool {
    entetes.get_all(header::VARY).iter().any(|v| {
        v.to_str()
            .unwrap_or_default()
            .split(',')
            .any(|nom| nom.trim().eq_ignore_ascii_case("origin"))
    })
}

/// Une requête préliminaire du format donné, depuis `origine`, pour `methode` et `entetes`.
fn preliminaire(format: Format, chemin: &str, origine: &str, methode: &str) -> Evenement {
    Evenement::au_format(format, "OPTIONS", chemin)
        .entete("Origin", origine)
        .entete("Access-Control-Request-Method", methode)
        .entete("Access-Control-Request-Headers", "content-type")
}

fn reponse_ok() -> Response<Body> {
    let mut reponse = Response::new(Body::from(r#"{"etat":"ok"}"#));
    reponse
        .headers_mut()
        .insert(header::CONTENT_TYPE, valeur("application/json"));
    reponse
}

/// L'API Produits du chapitre 04 derrière ses deux couches : erreurs, puis CORS.
async fn appeler_l_api(cors: &ConfigurationCors, etat: &Etat, requete: Request) -> Response<Body> {
    avec_cors(cors, requete, |requete| {
        avec_couche_erreurs(requete, |requete| handler(etat, requete))
    })
    .await
}

/// Vérifie qu'une réponse à une requête de `origine` (permise) porte ses en-têtes CORS.
#[track_caller]
fn verifier_cors_permis(reponse: &Response<Body>, origine: &str, contexte: &str) {
    assert_eq!(
        entete(reponse, "access-control-allow-origin"),
        Some(origine),
        "{contexte} : attendu Access-Control-Allow-Origin: {origine} sur cette réponse \
         (statut {}), obtenu {:?}. Règle : en intégration proxy, chaque réponse de la fonction, \
         erreurs comprises, porte Access-Control-Allow-Origin ; sinon le navigateur la cache à \
         la page. Voir le {PAGE_PIEGE}.",
        reponse.status(),
        entete(reponse, "access-control-allow-origin"),
    );
    assert!(
        vary_contient_origin(reponse.headers()),
        "{contexte} : attendu Vary: Origin (la réponse dépend de l'origine), en-têtes reçus \
         {:?}. Voir le {PAGE_EN_TETES}.",
        reponse.headers()
    );
}

// --- Étape 1 : la configuration ----------------------------------------------------------------

mod etape_1_configuration {
    use super::*;

    #[test]
    fn une_liste_d_origines_est_acceptee_et_ses_valeurs_preparees() {
        let configuration = boutique();
        assert_eq!(
            configuration.origines,
            Origines::Liste(vec![valeur(BOUTIQUE), valeur(DEV)]),
            "attendu les deux origines de la liste, dans l'ordre"
        );
        let attendu = [
            ("methodes", &configuration.methodes, "GET, POST, DELETE"),
            (
                "entetes",
                &configuration.entetes,
                "content-type, authorization, x-api-key",
            ),
            (
                "entetes_exposes",
                &configuration.entetes_exposes,
                "location",
            ),
            ("duree_max", &configuration.duree_max, "600"),
        ];
        for (champ, obtenu, voulu) in attendu {
            assert_eq!(
                obtenu.as_ref().and_then(|v| v.to_str().ok()),
                Some(voulu),
                "le champ `{champ}` doit valoir la valeur d'en-tête {voulu:?} (les valeurs \
                 jointes par \", \" (virgule et espace), les noms d'en-têtes en minuscules comme \
                 les écrit `HeaderName`)"
            );
        }
        assert!(!configuration.identifiants);
    }

    #[test]
    fn l_etoile_seule_donne_toutes_les_origines() {
        let configuration = toutes_origines();
        assert_eq!(configuration.origines, Origines::Toutes);
    }

    #[test]
    fn des_listes_vides_ne_donnent_pas_d_en_tete() {
        let configuration = accepter(ParametresCors {
            origines: vec![BOUTIQUE.into()],
            ..ParametresCors::default()
        });
        assert_eq!(
            (
                &configuration.methodes,
                &configuration.entetes,
                &configuration.entetes_exposes,
                &configuration.duree_max
            ),
            (&None, &None, &None, &None),
            "sans méthodes, en-têtes ni durée, aucune valeur d'en-tête ne doit être préparée \
             (un en-tête vide ne veut rien dire)"
        );
    }

    #[test]
    fn les_methodes_sont_mises_en_majuscules() {
        let configuration = accepter(ParametresCors {
            methodes: vec!["get".into(), " patch ".into()],
            ..parametres_boutique()
        });
        assert_eq!(
            configuration
                .methodes
                .as_ref()
                .and_then(|v| v.to_str().ok()),
            Some("GET, PATCH"),
            "le navigateur compare les méthodes à la casse près, et `fetch` envoie PATCH en \
             majuscules quand on l'écrit ainsi : écrivez-les en majuscules (espaces retirés)"
        );
    }

    #[test]
    fn les_identifiants_sont_refuses_avec_une_etoile() {
        let avec_cookies = || ParametresCors {
            identifiants: true,
            ..parametres_boutique()
        };
        let cas = [
            (
                "AllowOrigin",
                ParametresCors {
                    origines: vec!["*".into()],
                    ..avec_cookies()
                },
            ),
            (
                "AllowMethods",
                ParametresCors {
                    methodes: vec!["*".into()],
                    ..avec_cookies()
                },
            ),
            (
                "AllowHeaders",
                ParametresCors {
                    entetes: vec!["Content-Type".into(), "*".into()],
                    ..avec_cookies()
                },
            ),
            (
                "ExposeHeaders",
                ParametresCors {
                    entetes_exposes: vec!["*".into()],
                    ..avec_cookies()
                },
            ),
        ];
        for (champ, parametres) in cas {
            let erreur = refuser(parametres);
            assert_eq!(
                erreur,
                ErreurConfiguration::IdentifiantsAvecEtoile { champ },
                "AllowCredentials: true et `*` dans {champ} : attendu ce refus-là, obtenu « {erreur} »"
            );
        }
        // Sans cookies, les mêmes étoiles sont permises.
        accepter(ParametresCors {
            methodes: vec!["*".into()],
            entetes: vec!["*".into()],
            entetes_exposes: vec!["*".into()],
            ..parametres_boutique()
        });
        // Avec des origines nommées, les cookies sont permis.
        let configuration = accepter(avec_cookies());
        assert!(configuration.identifiants);
    }

    #[test]
    fn une_liste_vide_ou_une_etoile_melee_est_refusee() {
        let vide = refuser(ParametresCors {
            origines: Vec::new(),
            ..parametres_boutique()
        });
        assert_eq!(vide, ErreurConfiguration::AucuneOrigine);
        let melee = refuser(ParametresCors {
            origines: vec![BOUTIQUE.into(), "*".into()],
            ..parametres_boutique()
        });
        assert_eq!(melee, ErreurConfiguration::EtoileParmiDesOrigines);
    }

    #[test]
    fn une_origine_qu_aucun_navigateur_n_envoie_est_refusee() {
        let cas = [
            ("boutique.exemple.fr", "sans schéma"),
            ("https://boutique.exemple.fr/", "avec la barre finale"),
            ("https://boutique.exemple.fr/api", "avec un chemin"),
            ("https://*.exemple.fr", "avec un joker"),
            ("https://Boutique.Exemple.fr", "avec des majuscules"),
            (
                "https://boutique.exemple.fr:443",
                "avec le port par défaut de https",
            ),
            ("http://localhost:80", "avec le port par défaut de http"),
            (
                "http://localhost:abc",
                "avec un port qui n'est pas un nombre",
            ),
            ("null", "l'origine `null`"),
            (
                "https://boutique.exemple.fr, https://dev.exemple.fr",
                "deux origines dans une valeur",
            ),
            ("https://", "sans hôte"),
            ("ftp://boutique.exemple.fr", "avec un autre schéma"),
            ("https://café.fr", "avec un nom de domaine non ASCII"),
        ];
        for (origine, pourquoi) in cas {
            let erreur = refuser(ParametresCors {
                origines: vec![origine.into()],
                ..parametres_boutique()
            });
            assert!(
                matches!(&erreur, ErreurConfiguration::OrigineInvalide { origine: o, .. } if o == origine),
                "l'origine {origine:?} ({pourquoi}) ne peut jamais égaler l'en-tête Origin : \
                 attendu ErreurConfiguration::OrigineInvalide avec cette origine, obtenu {erreur:?}"
            );
        }
    }

    #[test]
    fn des_origines_avec_port_ou_ipv6_sont_acceptees() {
        let origines = [
            "http://localhost:5173",
            "http://127.0.0.1:8080",
            "https://boutique.exemple.fr:8443",
            "http://[::1]:3000",
            "http://[::1]",
            "https://xn--caf-dma.fr",
        ];
        let configuration = accepter(ParametresCors {
            origines: origines.iter().map(|o| o.to_string()).collect(),
            ..parametres_boutique()
        });
        assert_eq!(
            configuration.origines,
            Origines::Liste(origines.iter().copied().map(valeur).collect())
        );
    }

    #[test]
    fn une_methode_ou_un_en_tete_mal_formes_sont_refuses() {
        let methode = refuser(ParametresCors {
            methodes: vec!["GET POST".into()],
            ..parametres_boutique()
        });
        assert_eq!(
            methode,
            ErreurConfiguration::MethodeInvalide("GET POST".into()),
            "« GET POST » n'est pas un nom de méthode (une espace) : attendu MethodeInvalide"
        );
        let nom = refuser(ParametresCors {
            entetes: vec!["Content Type".into()],
            ..parametres_boutique()
        });
        assert_eq!(
            nom,
            ErreurConfiguration::EnteteInvalide("Content Type".into()),
            "« Content Type » n'est pas un nom d'en-tête (une espace) : attendu EnteteInvalide"
        );
    }
}

// --- Étape 2 : la propriété Cors de SAM --------------------------------------------------------

mod etape_2_configuration_sam {
    use super::*;

    #[test]
    fn les_valeurs_entre_apostrophes_sont_lues() {
        let parametres = ParametresCors::depuis_sam(
            "'https://boutique.exemple.fr'",
            Some("'GET,POST, DELETE'"),
            Some("'Content-Type,Authorization'"),
            Some("'600'"),
            false,
        );
        assert_eq!(
            parametres,
            Ok(ParametresCors {
                origines: vec![BOUTIQUE.into()],
                methodes: vec!["GET".into(), "POST".into(), "DELETE".into()],
                entetes: vec!["Content-Type".into(), "Authorization".into()],
                entetes_exposes: Vec::new(),
                duree_max: Some(600),
                identifiants: false,
            }),
            "attendu les valeurs sans leurs apostrophes, les listes coupées aux virgules et \
             débarrassées des espaces (voir le {PAGE_REST})"
        );
    }

    #[test]
    fn l_etoile_de_sam_donne_toutes_les_origines() {
        let parametres = ParametresCors::depuis_sam("'*'", None, None, None, false)
            .expect("\"'*'\" est la valeur la plus courante de AllowOrigin");
        assert_eq!(parametres.origines, vec!["*".to_string()]);
        assert!(
            parametres.methodes.is_empty() && parametres.entetes.is_empty(),
            "une propriété absente donne une liste vide"
        );
        assert_eq!(parametres.duree_max, None);
        let configuration = accepter(parametres);
        assert_eq!(configuration.origines, Origines::Toutes);
    }

    #[test]
    fn une_valeur_sans_apostrophes_est_refusee() {
        let cas = [
            (
                "AllowOrigin",
                ParametresCors::depuis_sam("*", None, None, None, false),
            ),
            (
                "AllowMethods",
                ParametresCors::depuis_sam("'*'", Some("GET,POST"), None, None, false),
            ),
            (
                "AllowHeaders",
                ParametresCors::depuis_sam("'*'", None, Some("'Content-Type"), None, false),
            ),
            (
                "MaxAge",
                ParametresCors::depuis_sam("'*'", None, None, Some("600"), false),
            ),
        ];
        for (propriete, resultat) in cas {
            assert!(
                matches!(&resultat, Err(ErreurConfiguration::ValeurSamSansApostrophes { propriete: p, .. }) if *p == propriete),
                "{propriete} sans ses apostrophes intérieures : attendu \
                 ValeurSamSansApostrophes {{ propriete: {propriete:?}, .. }}, obtenu {resultat:?} \
                 (voir le {PAGE_REST})"
            );
        }
    }

    #[test]
    fn une_duree_qui_n_est_pas_un_nombre_est_refusee() {
        let resultat = ParametresCors::depuis_sam("'*'", None, None, Some("'dix'"), false);
        assert_eq!(
            resultat,
            Err(ErreurConfiguration::DureeInvalide("dix".into())),
            "MaxAge \"'dix'\" : attendu DureeInvalide(\"dix\")"
        );
    }

    #[test]
    fn l_exemple_de_la_documentation_sam_ne_passerait_pas_le_navigateur() {
        // L'exemple de la page AWS « CorsConfiguration » : une origine sans schéma.
        let parametres = ParametresCors::depuis_sam(
            "'www.example.com'",
            Some("'POST, GET'"),
            Some("'X-Forwarded-For'"),
            Some("'600'"),
            true,
        )
        .expect("les valeurs sont entre apostrophes : la lecture réussit");
        let erreur = refuser(parametres);
        assert!(
            matches!(erreur, ErreurConfiguration::OrigineInvalide { .. }),
            "'www.example.com' n'a pas de schéma : aucun navigateur n'envoie cette origine ; \
             attendu OrigineInvalide, obtenu {erreur:?}"
        );
    }
}

// --- Étape 3 : l'origine -----------------------------------------------------------------------

mod etape_3_origine {
    use super::*;

    #[test]
    fn une_origine_de_la_liste_est_renvoyee_telle_quelle() {
        let configuration = boutique();
        for origine in [BOUTIQUE, DEV] {
            assert_eq!(
                configuration.autoriser_origine(Some(&valeur(origine))),
                Some(valeur(origine)),
                "l'origine {origine} est dans la liste : Access-Control-Allow-Origin doit la \
                 renvoyer telle quelle (une seule origine par réponse)"
            );
        }
    }

    #[test]
    fn une_origine_hors_de_la_liste_n_obtient_rien() {
        let configuration = boutique();
        let proches = [
            INCONNUE,
            "https://boutique.exemple.fr.pirate.com",
            "http://boutique.exemple.fr",
            "https://boutique.exemple.fr:8443",
            "https://exemple.fr",
            "null",
        ];
        for origine in proches {
            assert_eq!(
                configuration.autoriser_origine(Some(&valeur(origine))),
                None,
                "l'origine {origine} n'est pas dans la liste : attendu None. Règle : une \
                 origine se compare en entier, octet par octet (schéma, hôte et port), jamais \
                 par préfixe ni par suffixe. Voir le {PAGE_EN_TETES}."
            );
        }
        assert_eq!(
            configuration.autoriser_origine(None),
            None,
            "sans en-tête Origin (curl, un autre serveur), rien à autoriser"
        );
    }

    #[test]
    fn l_etoile_repond_etoile_a_toute_origine() {
        let configuration = toutes_origines();
        for origine in [Some(&valeur(INCONNUE)), Some(&valeur(BOUTIQUE)), None] {
            assert_eq!(
                configuration.autoriser_origine(origine),
                Some(valeur("*")),
                "avec `*`, Access-Control-Allow-Origin vaut `*` pour {origine:?}"
            );
        }
    }
}

// --- Étape 4 : les en-têtes d'une réponse réelle -----------------------------------------------

mod etape_4_entetes_de_reponse {
    use super::*;

    #[test]
    fn une_origine_permise_recoit_allow_origin_expose_headers_et_vary() {
        let entetes = boutique().entetes_reponse(Some(&valeur(BOUTIQUE)));
        assert_eq!(
            lire(&entetes, "access-control-allow-origin"),
            Some(BOUTIQUE),
            "attendu Access-Control-Allow-Origin: {BOUTIQUE}, en-têtes {entetes:?}"
        );
        assert_eq!(
            lire(&entetes, "access-control-expose-headers"),
            Some("location"),
            "attendu Access-Control-Expose-Headers: location (la page lit Location d'un 201)"
        );
        assert!(
            vary_contient_origin(&entetes),
            "la réponse renvoie l'origine de la requête : attendu Vary: Origin, pour qu'un \
             cache ne la serve pas à une autre page. Voir le {PAGE_EN_TETES}."
        );
        assert_eq!(
            noms_cors(&entetes),
            [
                "access-control-allow-origin",
                "access-control-expose-headers"
            ],
            "une réponse réelle ne porte ni -Allow-Methods, ni -Allow-Headers, ni -Max-Age : \
             ce sont des en-têtes de la réponse préliminaire"
        );
    }

    #[test]
    fn une_origine_refusee_ne_recoit_que_vary() {
        let configuration = boutique();
        for origine in [Some(&valeur(INCONNUE)), None] {
            let entetes = configuration.entetes_reponse(origine);
            assert!(
                noms_cors(&entetes).is_empty(),
                "origine {origine:?} refusée : attendu aucun en-tête access-control-*, obtenu {entetes:?}"
            );
            assert!(
                vary_contient_origin(&entetes),
                "origine {origine:?} : la réponse dépend quand même de l'origine (une origine \
                 permise aurait reçu Access-Control-Allow-Origin) : attendu Vary: Origin"
            );
        }
    }

    #[test]
    fn les_identifiants_ajoutent_allow_credentials_pour_une_origine_permise() {
        let configuration = accepter(ParametresCors {
            identifiants: true,
            ..parametres_boutique()
        });
        let entetes = configuration.entetes_reponse(Some(&valeur(BOUTIQUE)));
        assert_eq!(
            lire(&entetes, "access-control-allow-credentials"),
            Some("true"),
            "AllowCredentials: true : attendu Access-Control-Allow-Credentials: true"
        );
        let refusee = configuration.entetes_reponse(Some(&valeur(INCONNUE)));
        assert!(
            noms_cors(&refusee).is_empty(),
            "rien, pas même -Allow-Credentials, pour une origine refusée : obtenu {refusee:?}"
        );
    }

    #[test]
    fn avec_l_etoile_la_reponse_ne_varie_pas() {
        let entetes = toutes_origines().entetes_reponse(Some(&valeur(INCONNUE)));
        assert_eq!(lire(&entetes, "access-control-allow-origin"), Some("*"));
        assert!(
            entetes.get(header::VARY).is_none(),
            "avec `*`, la réponse est la même pour toutes les origines : pas de Vary, obtenu {entetes:?}"
        );
    }
}

// --- Étape 5 : la requête préliminaire ---------------------------------------------------------

mod etape_5_requete_preliminaire {
    use super::*;

    fn entetes(paires: &[(&'static str, &'static str)]) -> HeaderMap {
        paires
            .iter()
            .map(|(nom, v)| (header::HeaderName::from_static(nom), valeur(v)))
            .collect()
    }

    #[test]
    fn une_requete_preliminaire_est_reconnue() {
        let complete = entetes(&[
            ("origin", BOUTIQUE),
            ("access-control-request-method", "POST"),
        ]);
        let cas = [
            (
                Method::OPTIONS,
                complete.clone(),
                true,
                "OPTIONS avec Origin et Access-Control-Request-Method",
            ),
            (
                Method::OPTIONS,
                entetes(&[("origin", BOUTIQUE)]),
                false,
                "OPTIONS sans Access-Control-Request-Method",
            ),
            (
                Method::OPTIONS,
                entetes(&[("access-control-request-method", "POST")]),
                false,
                "OPTIONS sans Origin",
            ),
            (
                Method::POST,
                complete,
                false,
                "POST avec les mêmes en-têtes",
            ),
        ];
        for (methode, entetes, attendu, cas) in cas {
            assert_eq!(
                est_preliminaire(&methode, &entetes),
                attendu,
                "{cas} : attendu {attendu}. Voir le {PAGE_PRELIMINAIRE}."
            );
        }
    }

    #[test]
    fn une_origine_permise_recoit_204_et_les_en_tetes_permis() {
        let requete = entetes(&[("origin", DEV), ("access-control-request-method", "DELETE")]);
        let reponse = boutique().reponse_preliminaire(&requete);
        assert_eq!(
            reponse.status(),
            StatusCode::NO_CONTENT,
            "attendu 204 No Content pour une requête préliminaire"
        );
        assert!(
            reponse.body().as_ref().is_empty(),
            "une réponse préliminaire n'a pas de corps, reçu {:?}",
            corps_texte(&reponse)
        );
        let attendus = [
            ("access-control-allow-origin", DEV),
            ("access-control-allow-methods", "GET, POST, DELETE"),
            (
                "access-control-allow-headers",
                "content-type, authorization, x-api-key",
            ),
            ("access-control-max-age", "600"),
        ];
        for (nom, voulu) in attendus {
            assert_eq!(
                entete(&reponse, nom),
                Some(voulu),
                "réponse préliminaire : attendu {nom}: {voulu}, en-têtes {:?}. Voir le {PAGE_PRELIMINAIRE}.",
                reponse.headers()
            );
        }
        assert!(
            vary_contient_origin(reponse.headers()),
            "attendu Vary: Origin"
        );
        assert!(
            entete(&reponse, "access-control-expose-headers").is_none(),
            "-Expose-Headers concerne la réponse réelle, pas la préliminaire"
        );
    }

    #[test]
    fn une_origine_refusee_recoit_204_sans_en_tete_cors() {
        let requete = entetes(&[
            ("origin", INCONNUE),
            ("access-control-request-method", "POST"),
        ]);
        let reponse = boutique().reponse_preliminaire(&requete);
        assert_eq!(reponse.status(), StatusCode::NO_CONTENT);
        assert!(
            noms_cors(reponse.headers()).is_empty(),
            "origine refusée : attendu aucun en-tête access-control-* (le navigateur bloquera \
             alors la requête), obtenu {:?}",
            reponse.headers()
        );
    }

    #[test]
    fn les_identifiants_vont_aussi_sur_la_reponse_preliminaire() {
        let configuration = accepter(ParametresCors {
            identifiants: true,
            ..parametres_boutique()
        });
        let requete = entetes(&[
            ("origin", BOUTIQUE),
            ("access-control-request-method", "POST"),
        ]);
        let reponse = configuration.reponse_preliminaire(&requete);
        assert_eq!(
            entete(&reponse, "access-control-allow-credentials"),
            Some("true"),
            "avec AllowCredentials, la réponse préliminaire aussi porte \
             Access-Control-Allow-Credentials: true, sinon le navigateur n'envoie pas la requête"
        );
    }
}

// --- Étape 6 : la couche -----------------------------------------------------------------------

mod etape_6_couche {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[tokio::test]
    async fn la_couche_repond_a_la_requete_preliminaire_sans_appeler_le_gestionnaire() {
        let appele = AtomicBool::new(false);
        for format in FORMATS {
            let requete = preliminaire(format, "/produits", BOUTIQUE, "POST").requete();
            let reponse = avec_cors(&boutique(), requete, |_| async {
                appele.store(true, Ordering::SeqCst);
                reponse_ok()
            })
            .await;
            assert_eq!(
                reponse.status(),
                StatusCode::NO_CONTENT,
                "{format:?} : attendu le 204 de la requête préliminaire"
            );
            assert_eq!(
                entete(&reponse, "access-control-allow-origin"),
                Some(BOUTIQUE)
            );
        }
        assert!(
            !appele.load(Ordering::SeqCst),
            "la requête préliminaire ne doit pas atteindre le gestionnaire : c'est la couche \
             (ou API Gateway) qui y répond. Voir le {PAGE_PRELIMINAIRE}."
        );
    }

    #[tokio::test]
    async fn la_couche_pose_les_en_tetes_sur_une_reponse_reussie() {
        for format in FORMATS {
            let requete = Evenement::au_format(format, "GET", "/sante")
                .entete("Origin", BOUTIQUE)
                .requete();
            let reponse = avec_cors(&boutique(), requete, |_| async { reponse_ok() }).await;
            let corps = verifier_json(&reponse, 200, "GET /sante à travers la couche");
            assert_eq!(
                corps["etat"], "ok",
                "le corps du gestionnaire doit rester intact"
            );
            verifier_cors_permis(&reponse, BOUTIQUE, "GET /sante");
            assert_eq!(
                entete(&reponse, "access-control-expose-headers"),
                Some("location")
            );
        }
    }

    #[tokio::test]
    async fn un_options_ordinaire_va_au_gestionnaire() {
        let requete = Evenement::rest("OPTIONS", "/produits")
            .entete("Origin", BOUTIQUE)
            .requete();
        let reponse = avec_cors(&boutique(), requete, |_| async {
            let mut reponse = reponse_ok();
            *reponse.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
            reponse
        })
        .await;
        assert_eq!(
            reponse.status(),
            StatusCode::METHOD_NOT_ALLOWED,
            "un OPTIONS sans Access-Control-Request-Method n'est pas une requête préliminaire : \
             attendu la réponse du gestionnaire (405 ici)"
        );
        verifier_cors_permis(&reponse, BOUTIQUE, "OPTIONS ordinaire");
    }

    #[tokio::test]
    async fn la_couche_remplace_les_en_tetes_cors_du_gestionnaire() {
        let gestionnaire_trop_permissif = |_| async {
            let mut reponse = reponse_ok();
            let entetes = reponse.headers_mut();
            entetes.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, valeur("*"));
            entetes.insert(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, valeur("true"));
            reponse
        };
        let requete = Evenement::rest("GET", "/sante")
            .entete("Origin", INCONNUE)
            .requete();
        let reponse = avec_cors(&boutique(), requete, gestionnaire_trop_permissif).await;
        assert!(
            noms_cors(reponse.headers()).is_empty(),
            "origine refusée : les en-têtes CORS posés par le gestionnaire doivent disparaître \
             (la couche est seule à décider, comme API Gateway pour une API HTTP) ; obtenu {:?}",
            reponse.headers()
        );
        let requete = Evenement::rest("GET", "/sante")
            .entete("Origin", BOUTIQUE)
            .requete();
        let reponse = avec_cors(&boutique(), requete, gestionnaire_trop_permissif).await;
        assert_eq!(
            entete(&reponse, "access-control-allow-origin"),
            Some(BOUTIQUE),
            "origine permise : attendu l'origine de la configuration, pas le `*` du gestionnaire"
        );
        assert_eq!(
            entete(&reponse, "access-control-allow-credentials"),
            None,
            "la configuration n'a pas AllowCredentials : l'en-tête du gestionnaire doit partir"
        );
    }

    #[tokio::test]
    async fn la_couche_garde_le_vary_du_gestionnaire() {
        let requete = Evenement::rest("GET", "/sante")
            .entete("Origin", BOUTIQUE)
            .requete();
        let reponse = avec_cors(&boutique(), requete, |_| async {
            let mut reponse = reponse_ok();
            reponse
                .headers_mut()
                .insert(header::VARY, valeur("Accept-Encoding"));
            reponse
        })
        .await;
        let vary: Vec<&str> = reponse
            .headers()
            .get_all(header::VARY)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect();
        let tout = vary.join(", ").to_ascii_lowercase();
        assert!(
            tout.contains("accept-encoding") && tout.contains("origin"),
            "attendu Vary avec Accept-Encoding (du gestionnaire) et Origin (de la couche), \
             obtenu {vary:?} : ajoutez Origin sans effacer ce qui est déjà là"
        );
    }

    #[tokio::test]
    async fn une_erreur_et_une_panique_portent_les_en_tetes_cors() {
        let requete = Evenement::rest("GET", "/produits/inconnu")
            .entete("Origin", BOUTIQUE)
            .requete();
        let reponse = avec_cors(&boutique(), requete, |requete| {
            avec_couche_erreurs(requete, |_| async {
                Err::<Response<Body>, _>(ErreurApi::ProduitIntrouvable("inconnu".into()))
            })
        })
        .await;
        verifier_erreur(
            &reponse,
            404,
            "PRODUIT_INTROUVABLE",
            "une erreur à travers les deux couches",
        );
        verifier_cors_permis(&reponse, BOUTIQUE, "404 de la couche d'erreurs");

        let requete = Evenement::rest("GET", "/produits")
            .entete("Origin", BOUTIQUE)
            .requete();
        let reponse = avec_cors(&boutique(), requete, |requete| {
            avec_couche_erreurs(requete, |_| async {
                // Panique voulue : la couche d'erreurs du chapitre 04 en fait un 500.
                let vide: Vec<Response<Body>> = Vec::new();
                Ok(vide.into_iter().next().expect("panique voulue par le test"))
            })
        })
        .await;
        verifier_erreur(
            &reponse,
            500,
            "ERREUR_INTERNE",
            "une panique à travers les deux couches",
        );
        verifier_cors_permis(&reponse, BOUTIQUE, "500 né d'une panique");
    }
}

// --- Étape 7 : l'API Produits derrière ses deux couches ----------------------------------------

mod etape_7_api_produits {
    use super::*;

    #[tokio::test]
    async fn get_produits_d_une_origine_permise_porte_ses_en_tetes_cors() {
        let (cors, etat) = (boutique(), Etat::exemple());
        for format in FORMATS {
            let requete = Evenement::au_format(format, "GET", "/produits")
                .entete("Origin", BOUTIQUE)
                .requete();
            let reponse = appeler_l_api(&cors, &etat, requete).await;
            let corps = verifier_json(&reponse, 200, &format!("{format:?} GET /produits"));
            assert!(
                corps["produits"].is_array(),
                "attendu la liste des produits, reçu {corps}"
            );
            verifier_cors_permis(&reponse, BOUTIQUE, &format!("{format:?} GET /produits"));
        }
    }

    #[tokio::test]
    async fn chaque_erreur_de_l_api_porte_ses_en_tetes_cors() {
        let (cors, etat) = (boutique(), Etat::exemple());
        for format in FORMATS {
            let cas = [
                (
                    Evenement::au_format(format, "GET", "/produits/inconnu"),
                    404,
                    "PRODUIT_INTROUVABLE",
                ),
                (
                    Evenement::au_format(format, "GET", "/commandes"),
                    404,
                    "ROUTE_INCONNUE",
                ),
                (
                    Evenement::au_format(format, "PUT", "/produits"),
                    405,
                    "METHODE_NON_AUTORISEE",
                ),
                (
                    Evenement::au_format(format, "POST", "/produits")
                        .entete("Content-Type", "application/json")
                        .corps(r#"{"nom": "Lampe", "prix": -3}"#),
                    400,
                    "PARAMETRE_INVALIDE",
                ),
                (
                    Evenement::au_format(format, "POST", "/produits")
                        .entete("Content-Type", "text/plain")
                        .corps("Lampe"),
                    415,
                    "TYPE_MEDIA_NON_SUPPORTE",
                ),
            ];
            for (evenement, statut, code) in cas {
                let contexte = format!("{format:?} {statut} {code}");
                let requete = evenement.entete("Origin", DEV).requete();
                let reponse = appeler_l_api(&cors, &etat, requete).await;
                verifier_erreur(&reponse, statut, code, &contexte);
                verifier_cors_permis(&reponse, DEV, &contexte);
            }
        }
    }

    #[tokio::test]
    async fn un_post_json_passe_la_requete_preliminaire_puis_cree_le_produit() {
        let (cors, etat) = (boutique(), Etat::exemple());
        for format in FORMATS {
            let requete = preliminaire(format, "/produits", BOUTIQUE, "POST").requete();
            let reponse = appeler_l_api(&cors, &etat, requete).await;
            assert_eq!(
                reponse.status(),
                StatusCode::NO_CONTENT,
                "{format:?} : attendu 204 pour la requête préliminaire d'un POST JSON, obtenu {} \
                 (corps {}) : la couche doit y répondre avant le routage, qui répondrait 405",
                reponse.status(),
                corps_texte(&reponse)
            );
            let methodes = entete(&reponse, "access-control-allow-methods").unwrap_or_default();
            let entetes = entete(&reponse, "access-control-allow-headers").unwrap_or_default();
            assert!(
                methodes.contains("POST") && entetes.contains("content-type"),
                "{format:?} : le navigateur enverra le POST si POST est dans -Allow-Methods et \
                 content-type dans -Allow-Headers ; reçu {methodes:?} et {entetes:?}"
            );

            let requete = Evenement::au_format(format, "POST", "/produits")
                .entete("Origin", BOUTIQUE)
                .entete("Content-Type", "application/json")
                .corps(r#"{"nom": "Lampe de bureau", "prix": 25.5}"#)
                .requete();
            let reponse = appeler_l_api(&cors, &etat, requete).await;
            verifier_json(&reponse, 201, &format!("{format:?} POST /produits"));
            verifier_cors_permis(&reponse, BOUTIQUE, &format!("{format:?} POST /produits"));
            assert_eq!(
                entete(&reponse, "access-control-expose-headers"),
                Some("location"),
                "sans Access-Control-Expose-Headers: location, la page ne peut pas lire Location"
            );
            assert!(entete(&reponse, "location").is_some_and(|l| l.starts_with("/produits/")));
        }
    }

    #[tokio::test]
    async fn une_origine_refusee_recoit_la_reponse_mais_sans_en_tete_cors() {
        let (cors, etat) = (boutique(), Etat::exemple());
        for format in FORMATS {
            let requete = Evenement::au_format(format, "GET", "/produits")
                .entete("Origin", INCONNUE)
                .requete();
            let reponse = appeler_l_api(&cors, &etat, requete).await;
            verifier_json(
                &reponse,
                200,
                &format!("{format:?} GET /produits, origine refusée"),
            );
            assert!(
                noms_cors(reponse.headers()).is_empty(),
                "{format:?} : origine refusée, attendu aucun en-tête access-control-*, obtenu {:?}",
                reponse.headers()
            );
            let requete = preliminaire(format, "/produits", INCONNUE, "POST").requete();
            let reponse = appeler_l_api(&cors, &etat, requete).await;
            assert!(
                noms_cors(reponse.headers()).is_empty(),
                "{format:?} : requête préliminaire d'une origine refusée, attendu aucun en-tête \
                 access-control-*, obtenu {:?}",
                reponse.headers()
            );
        }
    }
}

// --- Étape 8 : dans un vrai navigateur ---------------------------------------------------------

/// Deux pages (une origine permise, une refusée) et deux API (avec et sans la couche CORS),
/// servies sur 127.0.0.1 par un petit adaptateur HTTP : chaque requête devient un événement
/// d'API REST (format 1.0) du banc d'essai, passé au gestionnaire, sans CORS de l'adaptateur.
mod banc_navigateur {
    use super::*;
    use bytes::Bytes;
    use http_body_util::{BodyExt, Full};
    use hyper::server::conn::http1;
    use hyper::service::service_fn;
    use hyper_util::rt::TokioIo;
    use serde_json::Value;
    use std::convert::Infallible;
    use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

    /// Un seul navigateur à la fois : les tests de l'étape 8 se suivent.
    static UN_A_LA_FOIS: Mutex<()> = Mutex::new(());

    #[derive(Clone)]
    enum Role {
        Page,
        Api {
            cors: Option<Arc<ConfigurationCors>>,
            etat: Arc<Etat>,
            recues: Arc<Mutex<Vec<String>>>,
            reseau: Arc<Mutex<Vec<String>>>,
        },
    }

    /// Ce que la page a obtenu de `fetch` : une réponse lisible, ou l'erreur levée.
    #[derive(Debug)]
    pub(super) enum Issue {
        Lue {
            statut: u16,
            corps: Value,
            location: Option<String>,
        },
        /// Le `fetch` a échoué : `erreur` est ce que lit la page ; `reseau`, ce que les API ont
        /// répondu pendant ce temps (ce que montrerait l'onglet Réseau des outils de
        /// développement), une ligne par requête.
        Bloquee { erreur: String, reseau: Vec<String> },
    }

    impl Issue {
        /// Vrai si la page a reçu un `TypeError` (la réponse lui est cachée).
        pub(super) fn est_un_type_error(&self) -> bool {
            matches!(self, Issue::Bloquee { erreur, .. } if erreur.contains("TypeError"))
        }
    }

    pub(super) struct Banc {
        /// L'origine de la page permise (`http://127.0.0.1:PORT`).
        pub(super) origine_permise: String,
        origine_refusee: String,
        /// L'adresse de l'API derrière la couche CORS.
        pub(super) api: String,
        /// L'adresse de la même API sans la couche CORS.
        pub(super) api_sans_cors: String,
        recues: Arc<Mutex<Vec<String>>>,
        reseau: Arc<Mutex<Vec<String>>>,
        chromium: navigateur::Chromium,
        serveurs: Option<tokio::runtime::Runtime>,
        _tour: MutexGuard<'static, ()>,
    }

    impl Banc {
        /// Démarre les serveurs et Chromium. La configuration CORS est celle de la boutique,
        /// avec l'origine de la page permise en plus.
        pub(super) fn demarrer() -> Self {
            let tour = UN_A_LA_FOIS.lock().unwrap_or_else(PoisonError::into_inner);
            let serveurs = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .expect("le runtime des serveurs de test démarre");
            let ecouter = || {
                serveurs
                    .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
                    .expect("un port libre sur 127.0.0.1")
            };
            let (page_permise, page_refusee, api, api_sans_cors) =
                (ecouter(), ecouter(), ecouter(), ecouter());
            let adresse = |ecouteur: &tokio::net::TcpListener| {
                format!("http://{}", ecouteur.local_addr().expect("adresse locale"))
            };
            let origine_permise = adresse(&page_permise);
            let origine_refusee = adresse(&page_refusee);
            let (url_api, url_api_sans_cors) = (adresse(&api), adresse(&api_sans_cors));

            let mut parametres = parametres_boutique();
            parametres.origines.push(origine_permise.clone());
            let cors = Arc::new(accepter(parametres));
            let etat = Arc::new(Etat::exemple());
            let recues = Arc::new(Mutex::new(Vec::new()));
            let reseau = Arc::new(Mutex::new(Vec::new()));
            let roles = [
                (page_permise, Role::Page),
                (page_refusee, Role::Page),
                (
                    api,
                    Role::Api {
                        cors: Some(cors),
                        etat: etat.clone(),
                        recues: recues.clone(),
                        reseau: reseau.clone(),
                    },
                ),
                (
                    api_sans_cors,
                    Role::Api {
                        cors: None,
                        etat,
                        recues: recues.clone(),
                        reseau: reseau.clone(),
                    },
                ),
            ];
            for (ecouteur, role) in roles {
                serveurs.spawn(servir(ecouteur, role));
            }

            let chromium = navigateur::Chromium::lancer(800, 600).unwrap_or_else(|erreur| {
                panic!(
                    "ce test a besoin d'un vrai navigateur, et Chromium ne démarre pas : {erreur}.\n\
                     Installez Chromium (`sudo apt-get install chromium` sur Debian ou Ubuntu), \
                     ou donnez le chemin de Chromium ou de Chrome dans la variable CHROMIUM, \
                     puis relancez `cargo test -p lab-06-cors`."
                )
            });
            Banc {
                origine_permise,
                origine_refusee,
                api: url_api,
                api_sans_cors: url_api_sans_cors,
                recues,
                reseau,
                chromium,
                serveurs: Some(serveurs),
                _tour: tour,
            }
        }

        /// Ouvre la page de l'origine permise, ou de l'origine refusée.
        pub(super) fn ouvrir_la_page(&mut self, permise: bool) {
            let origine = if permise {
                &self.origine_permise
            } else {
                &self.origine_refusee
            };
            let url = format!("{origine}/");
            self.chromium
                .ouvrir(&url)
                .unwrap_or_else(|erreur| panic!("la page de test {url} ne s'ouvre pas : {erreur}"));
        }

        /// Fait `fetch(url, options)` dans la page ouverte et renvoie ce que la page a pu lire.
        /// Les requêtes reçues par les API, et leurs réponses, sont oubliées avant l'appel.
        pub(super) fn fetch(&mut self, url: &str, options: Value) -> Issue {
            for journal in [&self.recues, &self.reseau] {
                journal
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clear();
            }
            let script = format!(
                "(async () => {{\
                   try {{\
                     const r = await fetch({url}, {options});\
                     const texte = await r.text();\
                     let corps = null;\
                     try {{ corps = JSON.parse(texte); }} catch (_) {{ corps = texte; }}\
                     return {{ statut: r.status, corps, location: r.headers.get('location') }};\
                   }} catch (e) {{ return {{ erreur: String(e) }}; }}\
                 }})()",
                url = Value::from(url),
            );
            let resultat = self
                .chromium
                .evaluer(&script)
                .unwrap_or_else(|erreur| panic!("fetch({url}) dans Chromium : {erreur}"));
            match resultat.get("erreur").and_then(Value::as_str) {
                Some(erreur) => Issue::Bloquee {
                    erreur: erreur.to_string(),
                    reseau: self.reseau(),
                },
                None => Issue::Lue {
                    statut: resultat["statut"].as_u64().unwrap_or_default() as u16,
                    corps: resultat["corps"].clone(),
                    location: resultat["location"].as_str().map(str::to_string),
                },
            }
        }

        /// Les requêtes que les API ont reçues depuis le dernier `fetch` (« MÉTHODE /chemin »).
        pub(super) fn recues(&self) -> Vec<String> {
            self.recues
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone()
        }

        /// Les réponses des API depuis le dernier `fetch`, une ligne par requête :
        /// « MÉTHODE /chemin → statut, Access-Control-Allow-Origin: … » (ou « sans
        /// Access-Control-Allow-Origin »). Une requête reçue sans ligne ici est restée sans
        /// réponse : l'API a paniqué.
        pub(super) fn reseau(&self) -> Vec<String> {
            let recues = self.recues();
            let reseau = self
                .reseau
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            let mut lignes = reseau.clone();
            for requete in recues.iter().skip(reseau.len()) {
                lignes.push(format!(
                    "{requete} → aucune réponse (l'API a paniqué : voir la sortie du test)"
                ));
            }
            lignes
        }
    }

    impl Drop for Banc {
        fn drop(&mut self) {
            // Chromium s'arrête avec son champ ; les serveurs, ici, sans attendre.
            if let Some(serveurs) = self.serveurs.take() {
                serveurs.shutdown_background();
            }
        }
    }

    async fn servir(ecouteur: tokio::net::TcpListener, role: Role) {
        while let Ok((flux, _)) = ecouteur.accept().await {
            let role = role.clone();
            tokio::spawn(async move {
                let service = service_fn(move |requete| repondre(role.clone(), requete));
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(flux), service)
                    .await;
            });
        }
    }

    async fn repondre(
        role: Role,
        requete: hyper::Request<hyper::body::Incoming>,
    ) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
        let Role::Api {
            cors,
            etat,
            recues,
            reseau,
        } = role
        else {
            let page = "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">\
                        <link rel=\"icon\" href=\"data:,\"><title>Boutique</title></head>\
                        <body><p>La boutique appelle l'API Produits.</p></body></html>";
            let mut reponse = hyper::Response::new(Full::new(Bytes::from(page)));
            reponse
                .headers_mut()
                .insert(header::CONTENT_TYPE, valeur("text/html; charset=utf-8"));
            return Ok(reponse);
        };
        let (parties, corps) = requete.into_parts();
        let octets = corps
            .collect()
            .await
            .map(|c| c.to_bytes())
            .unwrap_or_default();
        let ligne = format!("{} {}", parties.method, parties.uri.path());
        recues
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(ligne.clone());

        // La requête HTTP devient l'événement qu'API Gateway enverrait (ressource `/{proxy+}`).
        let mut evenement =
            Evenement::rest(parties.method.as_str(), parties.uri.path()).ressource("/{proxy+}");
        for (nom, valeur) in &parties.headers {
            evenement = evenement.entete(nom.as_str(), valeur.to_str().unwrap_or_default());
        }
        if !octets.is_empty() {
            evenement = evenement.corps(&String::from_utf8_lossy(&octets));
        }
        let requete = evenement.requete();
        let reponse = match cors {
            Some(cors) => appeler_l_api(&cors, &etat, requete).await,
            None => avec_couche_erreurs(requete, |requete| handler(&etat, requete)).await,
        };

        let allow_origin = match entete(&reponse, "access-control-allow-origin") {
            Some(valeur) => format!("Access-Control-Allow-Origin: {valeur}"),
            None => "sans Access-Control-Allow-Origin".to_string(),
        };
        reseau
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(format!(
                "{ligne} → {}, {allow_origin}",
                reponse.status().as_u16()
            ));
        let (parties, corps) = reponse.into_parts();
        let octets = Bytes::copy_from_slice(corps.as_ref());
        Ok(hyper::Response::from_parts(parties, Full::new(octets)))
    }
}

mod etape_8_dans_un_vrai_navigateur {
    use super::banc_navigateur::{Banc, Issue};
    use super::*;
    use serde_json::json;

    #[track_caller]
    fn lue(issue: Issue, statut: u16, contexte: &str) -> (serde_json::Value, Option<String>) {
        match issue {
            Issue::Lue {
                statut: obtenu,
                corps,
                location,
            } if obtenu == statut => (corps, location),
            Issue::Lue {
                statut: obtenu,
                corps,
                ..
            } => panic!(
                "{contexte} : attendu une réponse {statut} lisible par la page, obtenu {obtenu} \
                 (corps {corps})"
            ),
            Issue::Bloquee { erreur, reseau } => panic!(
                "{contexte} : attendu une réponse {statut} lisible par la page, mais le navigateur \
                 l'a bloquée ({erreur}).\nCe que l'API a répondu (l'onglet Réseau) :\n  {}\n\
                 Règle : la page ne lit qu'une réponse qui porte Access-Control-Allow-Origin avec \
                 son origine, erreurs comprises ; et un OPTIONS préliminaire sans ces en-têtes, ou \
                 sans statut 2xx, empêche la vraie requête de partir. Voir le {PAGE_PIEGE}.",
                if reseau.is_empty() {
                    "aucune requête reçue".to_string()
                } else {
                    reseau.join("\n  ")
                }
            ),
        }
    }

    fn post_json(corps: serde_json::Value) -> serde_json::Value {
        json!({
            "method": "POST",
            "headers": { "Content-Type": "application/json" },
            "body": corps.to_string(),
        })
    }

    #[test]
    fn une_origine_permise_lit_un_get_et_un_post_json() {
        let mut banc = Banc::demarrer();
        banc.ouvrir_la_page(true);

        let url = format!("{}/produits", banc.api);
        let (corps, _) = lue(banc.fetch(&url, json!({})), 200, "GET /produits");
        assert!(
            corps["produits"].is_array(),
            "attendu la liste des produits, reçu {corps}"
        );
        assert_eq!(
            banc.recues(),
            ["GET /produits"],
            "un GET sans en-tête particulier est une requête simple : le navigateur l'envoie \
             sans requête préliminaire. Voir le {PAGE_PRELIMINAIRE}."
        );

        let issue = banc.fetch(
            &url,
            post_json(json!({"nom": "Lampe de bureau", "prix": 25.5})),
        );
        let (corps, location) = lue(issue, 201, "POST /produits en JSON");
        assert_eq!(
            corps["nom"], "Lampe de bureau",
            "attendu le produit créé, reçu {corps}"
        );
        assert_eq!(
            banc.recues(),
            ["OPTIONS /produits", "POST /produits"],
            "Content-Type: application/json rend la requête « non simple » : attendu la \
             requête préliminaire OPTIONS, puis le POST. Voir le {PAGE_PRELIMINAIRE}."
        );
        assert!(
            location
                .as_deref()
                .is_some_and(|l| l.starts_with("/produits/")),
            "la page doit pouvoir lire Location, exposé par Access-Control-Expose-Headers ; \
             elle a lu {location:?}"
        );
    }

    #[test]
    fn une_origine_refusee_est_bloquee_par_le_navigateur() {
        let mut banc = Banc::demarrer();
        banc.ouvrir_la_page(false);
        let url = format!("{}/produits", banc.api);

        let issue = banc.fetch(&url, json!({}));
        assert!(
            issue.est_un_type_error(),
            "GET depuis une origine refusée : attendu un TypeError dans la page (le navigateur \
             cache la réponse), obtenu {issue:?}"
        );
        assert_eq!(
            banc.reseau(),
            ["GET /produits → 200, sans Access-Control-Allow-Origin"],
            "une requête simple part quand même : le serveur la reçoit et y répond 200, sans \
             en-tête CORS pour cette origine ; c'est la lecture de la réponse que le navigateur \
             interdit. Voir le {PAGE_PRELIMINAIRE}."
        );

        let issue = banc.fetch(&url, post_json(json!({"nom": "Intrus", "prix": 1})));
        assert!(
            issue.est_un_type_error(),
            "POST JSON depuis une origine refusée : attendu un TypeError, obtenu {issue:?}"
        );
        assert_eq!(
            banc.reseau(),
            ["OPTIONS /produits → 204, sans Access-Control-Allow-Origin"],
            "la couche répond elle-même à la requête préliminaire (204), sans en-tête CORS pour \
             une origine refusée ; le navigateur n'envoie donc pas le POST : le serveur ne doit \
             avoir reçu que l'OPTIONS. Voir le {PAGE_PRELIMINAIRE}."
        );
    }

    #[test]
    fn une_erreur_se_lit_avec_ses_en_tetes_cors_et_se_cache_sans_eux() {
        let mut banc = Banc::demarrer();
        banc.ouvrir_la_page(true);

        let url = format!("{}/produits/inconnu", banc.api);
        let (corps, _) = lue(banc.fetch(&url, json!({})), 404, "GET /produits/inconnu");
        assert_eq!(
            corps["code"], "PRODUIT_INTROUVABLE",
            "attendu le JSON d'erreur, reçu {corps}"
        );

        let url = format!("{}/produits", banc.api);
        let issue = banc.fetch(&url, post_json(json!({"nom": "", "prix": -1})));
        let (corps, _) = lue(issue, 400, "POST /produits invalide");
        assert_eq!(
            corps["code"], "PARAMETRE_INVALIDE",
            "attendu le JSON d'erreur, reçu {corps}"
        );

        let issue = banc.fetch(&url, json!({"method": "DELETE"}));
        let (corps, _) = lue(
            issue,
            405,
            "DELETE /produits (requête préliminaire, puis 405)",
        );
        assert_eq!(corps["code"], "METHODE_NON_AUTORISEE", "reçu {corps}");

        // Le piège : la même erreur, sans en-têtes CORS, n'arrive pas à la page.
        let url = format!("{}/produits/inconnu", banc.api_sans_cors);
        let issue = banc.fetch(&url, json!({}));
        assert!(
            issue.est_un_type_error(),
            "un 404 sans Access-Control-Allow-Origin doit être caché à la page (TypeError, « erreur \
             CORS » dans la console), obtenu {issue:?}"
        );
        assert_eq!(
            banc.reseau(),
            ["GET /produits/inconnu → 404, sans Access-Control-Allow-Origin"],
            "le serveur a pourtant répondu 404 : seul l'onglet Réseau le montre"
        );
    }
}
