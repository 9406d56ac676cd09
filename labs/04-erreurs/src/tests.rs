//! Tests de notation de l'atelier 04 (partagés avec la solution : ne les modifiez pas).
//!
//! Ils sont rangés par étape, dans l'ordre du travail (`etape_1_…` à `etape_9_…`) :
//! `cargo test` affiche les échecs dans l'ordre alphabétique, donc le premier échec affiché
//! est celui de la prochaine fonction à écrire. On va du plus simple au plus complet : la
//! correspondance erreur → statut et code, la réponse JSON, la couche d'erreurs, les règles
//! de validation, puis l'API entière à travers la couche, avec de vrais événements API
//! Gateway (API REST, format 1.0, et API HTTP, format 2.0) construits par le banc d'essai.
//!
//! Les paniques que les tests provoquent exprès (un gestionnaire qui panique) ne s'affichent
//! pas : le premier message que vous lisez est toujours celui du test qui échoue.

use crate::erreur::ErreurApi;
use crate::etat::Etat;
use crate::journal;
use crate::{
    avec_couche_erreurs, handler, valider_description, valider_nom, valider_prix,
    verifier_type_de_contenu,
};
use banc_essai::{Evenement, Format, corps_texte, entete, verifier_erreur, verifier_json};
use lambda_http::http::{Method, StatusCode};
use lambda_http::{Body, Context, Request, RequestExt, Response};
use serde_json::{Value, json};
use solution_03_integration_proxy::catalogue::IdentifiantDejaPris;
use solution_03_integration_proxy::produit::Prix;
use std::cell::RefCell;
use std::future::Future;
use std::io;
use std::sync::{Arc, Mutex};
use tracing_subscriber::fmt::MakeWriter;

const FORMATS: [Format; 2] = [Format::Rest, Format::Http];

/// Des mots des messages anglais de serde : ils ne doivent jamais arriver au client.
const MOTS_ANGLAIS: [&str; 6] = [
    "expected",
    "invalid type",
    "unknown field",
    "missing field",
    "EOF",
    "at line",
];

/// La page du cours qui explique la couche d'erreurs.
const PAGE_COUCHE: &str =
    "chapitre 04, page « 4.5 Une couche d'erreurs centrale » (chapters/ch04-erreurs/couche.md)";

// --- Outils des tests --------------------------------------------------------------------------

/// Envoie `requete` au gestionnaire de l'API, enveloppé dans la couche d'erreurs.
async fn appeler(etat: &Etat, requete: Request) -> Response<Body> {
    avec_couche_erreurs(requete, |requete| handler(etat, requete)).await
}

/// Un `POST /produits` du format donné, avec un `Content-Type` JSON et le corps `corps`.
fn post_json(format: Format, corps: &str) -> Evenement {
    Evenement::au_format(format, "POST", "/produits")
        .entete("Content-Type", "application/json")
        .corps(corps)
}

fn nombre_de_produits(etat: &Etat) -> usize {
    etat.lire(|catalogue| catalogue.lister().len())
}

/// Vérifie qu'un message est en français, sans les mots anglais de serde, et qu'il contient
/// `indice` (le champ ou l'en-tête en cause).
#[track_caller]
fn verifier_message(message: &str, indice: &str, contexte: &str) {
    assert!(
        message.contains(indice),
        "{contexte} : le message devrait nommer le problème ({indice}), reçu {message:?}"
    );
    for mot in MOTS_ANGLAIS {
        assert!(
            !message.contains(mot),
            "{contexte} : le message devrait être en français, sans le texte anglais de serde \
             ({mot:?}), reçu {message:?}"
        );
    }
}

#[track_caller]
fn message_de(erreur: &Result<impl std::fmt::Debug, ErreurApi>) -> String {
    match erreur {
        Err(ErreurApi::ParametreInvalide(message)) => message.clone(),
        autre => panic!("attendu Err(ErreurApi::ParametreInvalide(…)), obtenu {autre:?}"),
    }
}

fn toutes_les_erreurs() -> Vec<(ErreurApi, u16, &'static str)> {
    vec![
        (
            ErreurApi::ParametreInvalide("Le champ `prix` doit être positif ou nul.".into()),
            400,
            "PARAMETRE_INVALIDE",
        ),
        (
            ErreurApi::CorpsInvalide("Le corps n'est pas du JSON valide.".into()),
            400,
            "CORPS_INVALIDE",
        ),
        (
            ErreurApi::ProduitIntrouvable("42".into()),
            404,
            "PRODUIT_INTROUVABLE",
        ),
        (
            ErreurApi::RouteInconnue {
                methode: Method::GET,
                chemin: "/commandes".into(),
            },
            404,
            "ROUTE_INCONNUE",
        ),
        (
            ErreurApi::MethodeNonAutorisee {
                methode: Method::DELETE,
                permises: "GET, POST",
            },
            405,
            "METHODE_NON_AUTORISEE",
        ),
        (
            ErreurApi::from(IdentifiantDejaPris { id: "42".into() }),
            409,
            "PRODUIT_EXISTANT",
        ),
        (
            ErreurApi::CorpsTropVolumineux {
                taille: 20_000,
                limite: 16_384,
            },
            413,
            "CORPS_TROP_VOLUMINEUX",
        ),
        (
            ErreurApi::TypeMediaNonSupporte {
                recu: Some("text/plain".into()),
            },
            415,
            "TYPE_MEDIA_NON_SUPPORTE",
        ),
        (
            ErreurApi::Interne("index hors limites dans lister".into()),
            500,
            "ERREUR_INTERNE",
        ),
        (
            ErreurApi::StockageIndisponible("délai dépassé vers la table Produits".into()),
            503,
            "STOCKAGE_INDISPONIBLE",
        ),
    ]
}

/// Les paniques provoquées exprès par les tests : on les tait, et celle qui traverse la
/// couche d'erreurs devient un échec qui dit la règle.
///
/// Le crochet de panique (*panic hook*) est global, et les tests tournent en parallèle, chacun
/// sur son fil d'exécution : le crochet n'avale une panique que sur un fil qui l'a demandé
/// (drapeau propre au fil), et passe toutes les autres au crochet par défaut. Un `todo!` n'est
/// jamais tu : son indice s'affiche, avec son fichier et sa ligne.
mod paniques {
    use futures_util::FutureExt;
    use std::any::Any;
    use std::cell::{Cell, RefCell};
    use std::future::Future;
    use std::panic::{self, AssertUnwindSafe};
    use std::sync::Once;

    thread_local! {
        static TAIRE: Cell<bool> = const { Cell::new(false) };
        static TUES: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
    }

    /// Le texte d'une charge de panique : `&str` ou `String`, sinon une description.
    pub(super) fn texte(charge: &(dyn Any + Send)) -> String {
        if let Some(texte) = charge.downcast_ref::<&str>() {
            texte.to_string()
        } else if let Some(texte) = charge.downcast_ref::<String>() {
            texte.clone()
        } else {
            "(charge qui n'est pas du texte)".to_string()
        }
    }

    fn est_un_todo(message: &str) -> bool {
        message.starts_with("not yet implemented") || message.starts_with("not implemented")
    }

    fn installer_le_crochet() {
        static UNE_FOIS: Once = Once::new();
        UNE_FOIS.call_once(|| {
            let par_defaut = panic::take_hook();
            panic::set_hook(Box::new(move |info| {
                let message = texte(info.payload());
                if TAIRE.get() && !est_un_todo(&message) {
                    let lieu = info
                        .location()
                        .map(|lieu| format!(" ({}:{})", lieu.file(), lieu.line()))
                        .unwrap_or_default();
                    TUES.with_borrow_mut(|tues| tues.push(format!("« {message} »{lieu}")));
                } else {
                    par_defaut(info);
                }
            }));
        });
    }

    /// Attend `futur` sans afficher les paniques qui s'y produisent. Renvoie sa sortie, ou,
    /// si une panique en est sortie, la description des paniques tues (message et lieu).
    /// Une panique de `todo!` repart telle quelle : son indice a déjà été affiché.
    pub(super) async fn sans_bruit<F: Future>(futur: F) -> Result<F::Output, String> {
        installer_le_crochet();
        TUES.with_borrow_mut(Vec::clear);
        TAIRE.set(true);
        let issue = AssertUnwindSafe(futur).catch_unwind().await;
        TAIRE.set(false);
        let tues = TUES.with_borrow_mut(std::mem::take);
        match issue {
            Ok(sortie) => Ok(sortie),
            Err(charge) if est_un_todo(&texte(&*charge)) => panic::resume_unwind(charge),
            Err(charge) => Err(if tues.is_empty() {
                format!("« {} »", texte(&*charge))
            } else {
                tues.join(", puis ")
            }),
        }
    }
}

/// Passe `requete` à la couche d'erreurs, avec un gestionnaire qui panique exprès. Si la
/// panique traverse la couche, le test échoue avec la règle, l'`explication` propre au cas,
/// et la page du cours.
async fn couche_face_a_une_panique<F, Fut>(
    requete: Request,
    gestionnaire: F,
    explication: &str,
) -> Response<Body>
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Result<Response<Body>, ErreurApi>>,
{
    match paniques::sans_bruit(avec_couche_erreurs(requete, gestionnaire)).await {
        Ok(reponse) => reponse,
        Err(paniques) => panic!(
            "une panique a traversé la couche d'erreurs.\n\
             Paniques observées, dans l'ordre : {paniques}.\n\
             Règle : une panique doit être rattrapée dans le futur, par la couche d'erreurs, \
             et devenir un 500 `ERREUR_INTERNE` ; aucune panique ne doit atteindre le runtime \
             ni API Gateway.\n{explication}\nVoir le {PAGE_COUCHE}."
        ),
    }
}

async fn gestionnaire_qui_panique(_requete: Request) -> Result<Response<Body>, ErreurApi> {
    panic!("détail secret : mot de passe hunter2 dans la chaîne de connexion")
}

/// Ce qu'il faut vérifier quand la panique d'un gestionnaire `async` traverse la couche.
const PANIQUE_DANS_LE_FUTUR: &str = "Ici, le gestionnaire panique pendant qu'on attend son futur : \
     enveloppez ce futur dans `AssertUnwindSafe(…).catch_unwind()` (`futures_util::FutureExt`).";

// --- Un journal JSON en mémoire ----------------------------------------------------------------

/// Un tampon en mémoire où l'abonné JSON écrit les lignes du journal.
#[derive(Clone, Default)]
struct Tampon(Arc<Mutex<Vec<u8>>>);

impl Tampon {
    /// Les lignes écrites, lues en JSON, sans les lignes de niveau inférieur à WARN.
    fn erreurs(&self) -> Vec<Value> {
        let octets = self.0.lock().unwrap().clone();
        String::from_utf8_lossy(&octets)
            .lines()
            .map(|ligne| {
                serde_json::from_str::<Value>(ligne).unwrap_or_else(|e| {
                    panic!("chaque ligne du journal doit être du JSON ({e}), reçu {ligne:?}")
                })
            })
            .filter(|ligne| ligne["level"] == "WARN" || ligne["level"] == "ERROR")
            .collect()
    }
}

thread_local! {
    /// Le tampon du test qui tourne sur ce fil d'exécution, pendant une capture.
    static TAMPON_DU_FIL: RefCell<Option<Tampon>> = const { RefCell::new(None) };
}

/// La sortie de l'abonné JSON : le tampon du fil qui écrit, ou nulle part hors capture.
///
/// Un seul abonné global pour tous les tests, plutôt qu'un abonné par test
/// (`tracing::subscriber::set_default`) : avec des abonnés qui naissent et meurent sur des
/// fils parallèles, `tracing` peut garder en cache « personne n'écoute » pour un appel de
/// `tracing::error!`, et une ligne attendue se perdrait.
struct SortieDuFil;

impl io::Write for SortieDuFil {
    fn write(&mut self, octets: &[u8]) -> io::Result<usize> {
        TAMPON_DU_FIL.with_borrow(|tampon| {
            if let Some(tampon) = tampon {
                tampon.0.lock().unwrap().extend_from_slice(octets);
            }
        });
        Ok(octets.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for SortieDuFil {
    type Writer = SortieDuFil;
    fn make_writer(&'a self) -> Self::Writer {
        SortieDuFil
    }
}

/// Une capture du journal sur le fil courant, jusqu'à ce qu'elle soit détruite.
struct Capture(Tampon);

impl Capture {
    fn commencer() -> Self {
        static UNE_FOIS: std::sync::Once = std::sync::Once::new();
        UNE_FOIS.call_once(|| {
            tracing::subscriber::set_global_default(journal::abonne_json(SortieDuFil))
                .expect("les tests installent le seul abonné global");
        });
        let tampon = Tampon::default();
        TAMPON_DU_FIL.set(Some(tampon.clone()));
        Capture(tampon)
    }

    fn erreurs(&self) -> Vec<Value> {
        self.0.erreurs()
    }
}

impl Drop for Capture {
    fn drop(&mut self) {
        TAMPON_DU_FIL.set(None);
    }
}

/// Appelle l'API avec `requete` en capturant le journal, et renvoie la réponse et les lignes
/// WARN/ERROR écrites.
async fn appeler_en_capturant(etat: &Etat, requete: Request) -> (Response<Body>, Vec<Value>) {
    let capture = Capture::commencer();
    let reponse = appeler(etat, requete).await;
    (reponse, capture.erreurs())
}

/// Un contexte d'invocation Lambda, comme le runtime en joint à chaque requête.
fn contexte_lambda(id: &str) -> Context {
    let mut contexte = Context::default();
    contexte.request_id = id.to_string();
    contexte
}

/// Étape 1 : `statut` et `code`, deux `match` sur le type d'erreur.
mod etape_1_statut_et_code {
    use super::*;

    #[test]
    fn chaque_erreur_a_son_statut_et_son_code() {
        for (erreur, statut, code) in toutes_les_erreurs() {
            assert_eq!(
                erreur.statut().as_u16(),
                statut,
                "{erreur:?} : attendu le statut {statut}, obtenu {}",
                erreur.statut()
            );
            assert_eq!(
                erreur.code(),
                code,
                "{erreur:?} : attendu le code {code}, obtenu {}",
                erreur.code()
            );
        }
    }
}

/// Étape 2 : `message_public` et `en_reponse`, la réponse JSON d'une erreur.
mod etape_2_message_et_reponse {
    use super::*;

    #[test]
    fn une_erreur_du_client_explique_le_probleme_au_client() {
        for (erreur, statut, _) in toutes_les_erreurs() {
            if statut >= 500 {
                continue;
            }
            assert_eq!(
                erreur.message_public(),
                erreur.to_string(),
                "{erreur:?} : pour une erreur 4xx, le client doit lire le détail (le texte de l'erreur)"
            );
        }
    }

    #[test]
    fn une_erreur_du_serveur_ne_devoile_aucun_detail() {
        for (erreur, detail) in [
            (
                ErreurApi::Interne("index hors limites dans lister".into()),
                "index hors limites",
            ),
            (
                ErreurApi::StockageIndisponible("délai dépassé vers la table Produits".into()),
                "table Produits",
            ),
        ] {
            let public = erreur.message_public();
            assert!(
                !public.trim().is_empty(),
                "{erreur:?} : attendu un message public non vide"
            );
            assert!(
                !public.contains(detail),
                "{erreur:?} : le message public d'une erreur 5xx ne doit rien dire du détail \
                 interne ({detail:?}), reçu {public:?}"
            );
        }
    }

    #[test]
    fn une_methode_non_autorisee_porte_l_en_tete_allow() {
        let erreur = ErreurApi::MethodeNonAutorisee {
            methode: Method::DELETE,
            permises: "GET, POST",
        };
        let reponse = erreur.en_reponse();
        assert_eq!(
            entete(&reponse, "allow"),
            Some("GET, POST"),
            "un 405 doit dire au client quelles méthodes utiliser (en-tête Allow)"
        );
    }

    #[test]
    fn une_reponse_d_erreur_suit_le_format_du_cours() {
        for (erreur, statut, code) in toutes_les_erreurs() {
            let contexte = format!("{erreur:?}.en_reponse()");
            let reponse = erreur.en_reponse();
            let message = verifier_erreur(&reponse, statut, code, &contexte);
            assert_eq!(
                message,
                erreur.message_public(),
                "{contexte} : le message de la réponse doit être le message public"
            );
        }
    }
}

/// Étape 3 : la couche d'erreurs `avec_couche_erreurs` : `Ok`, `Err`, paniques, journal.
mod etape_3_couche_d_erreurs {
    use super::*;

    #[tokio::test]
    async fn la_couche_change_chaque_err_en_sa_reponse_json() {
        let fabriques: [fn() -> ErreurApi; 4] = [
            || ErreurApi::ProduitIntrouvable("42".into()),
            || ErreurApi::CorpsTropVolumineux {
                taille: 20_000,
                limite: 16_384,
            },
            || ErreurApi::TypeMediaNonSupporte { recu: None },
            || ErreurApi::StockageIndisponible("table Produits injoignable".into()),
        ];
        for fabrique in fabriques {
            let attendue = fabrique();
            let requete = Evenement::http("GET", "/produits").requete();
            let reponse = avec_couche_erreurs(requete, |_| async move { Err(fabrique()) }).await;
            let contexte = format!("gestionnaire qui renvoie Err({attendue:?})");
            let message = verifier_erreur(
                &reponse,
                attendue.statut().as_u16(),
                attendue.code(),
                &contexte,
            );
            assert_eq!(
                message,
                attendue.message_public(),
                "{contexte} : attendu le message public"
            );
        }
    }

    #[tokio::test]
    async fn la_couche_change_une_panique_en_500_json() {
        for format in FORMATS {
            let requete = Evenement::au_format(format, "GET", "/produits").requete();
            let reponse =
                couche_face_a_une_panique(requete, gestionnaire_qui_panique, PANIQUE_DANS_LE_FUTUR)
                    .await;
            let contexte = format!("gestionnaire qui panique ({format:?})");
            let message = verifier_erreur(&reponse, 500, "ERREUR_INTERNE", &contexte);
            assert!(
                !message.contains("hunter2") && !message.contains("secret"),
                "{contexte} : le message d'un 500 ne doit rien dévoiler de la panique, reçu {message:?}"
            );
        }
    }

    #[tokio::test]
    async fn la_couche_laisse_passer_une_reponse_reussie() {
        let requete = Evenement::rest("GET", "/produits").requete();
        let reponse = avec_couche_erreurs(requete, |_| async {
            Ok(solution_03_integration_proxy::reponse_json(
                StatusCode::ACCEPTED,
                &json!({"ok": true}),
            ))
        })
        .await;
        let corps = verifier_json(&reponse, 202, "gestionnaire qui réussit");
        assert_eq!(
            corps,
            json!({"ok": true}),
            "la réponse doit passer telle quelle"
        );
    }

    #[tokio::test]
    async fn la_couche_rattrape_une_panique_avant_le_premier_await() {
        let requete = Evenement::rest("GET", "/produits").requete();
        // Cette fonction panique dès l'appel, avant même de fabriquer son futur.
        let gestionnaire =
            |_requete: Request| -> std::future::Ready<Result<Response<Body>, ErreurApi>> {
                panic!("panique à l'appel")
            };
        let reponse = couche_face_a_une_panique(
            requete,
            gestionnaire,
            "Ici, `gestionnaire(requete)` panique à l'appel, avant d'avoir rendu son futur : \
             un `catch_unwind` posé sur le futur qu'il renvoie arrive trop tard. Appelez le \
             gestionnaire *dans* le futur rattrapé, dans un bloc `async move { … }`.",
        )
        .await;
        verifier_erreur(
            &reponse,
            500,
            "ERREUR_INTERNE",
            "gestionnaire qui panique avant son premier .await",
        );
    }

    #[tokio::test]
    async fn la_couche_rattrape_une_panique_sans_message() {
        let requete = Evenement::rest("GET", "/produits").requete();
        let reponse = couche_face_a_une_panique(
            requete,
            |_| async {
                std::panic::panic_any(42_u32);
                #[allow(unreachable_code)]
                Err(ErreurApi::Interne(String::new()))
            },
            "Ici, le gestionnaire panique avec `panic_any(42_u32)` : la charge de la panique \
             n'est ni un `&str` ni un `String`. Si la panique citée plus haut vient de votre \
             couche (un `unwrap` sur `downcast` ou `downcast_ref`), prévoyez un message par \
             défaut au lieu de `unwrap` : la couche elle-même ne doit jamais paniquer.",
        )
        .await;
        verifier_erreur(
            &reponse,
            500,
            "ERREUR_INTERNE",
            "gestionnaire qui panique avec une valeur qui n'est pas du texte",
        );
    }

    #[tokio::test]
    async fn une_panique_est_journalisee_une_fois_en_error_avec_son_detail() {
        let capture = Capture::commencer();
        let requete = Evenement::rest("GET", "/produits")
            .requete()
            .with_lambda_context(contexte_lambda("deadbeef-0000-4000-8000-000000000001"));
        let reponse =
            couche_face_a_une_panique(requete, gestionnaire_qui_panique, PANIQUE_DANS_LE_FUTUR)
                .await;
        let message = verifier_erreur(&reponse, 500, "ERREUR_INTERNE", "gestionnaire qui panique");
        let lignes = capture.erreurs();
        assert_eq!(
            lignes.len(),
            1,
            "une panique : attendu exactement une ligne de journal WARN/ERROR, reçu {lignes:?}"
        );
        let ligne = &lignes[0];
        assert_eq!(
            ligne["level"], "ERROR",
            "une erreur 5xx se journalise au niveau ERROR, reçu {ligne}"
        );
        assert_eq!(
            ligne["request_id"], "deadbeef-0000-4000-8000-000000000001",
            "attendu \"request_id\" (l'identifiant de l'invocation Lambda, `Identifiants::de`), reçu {ligne}"
        );
        assert_eq!(
            ligne["code"], "ERREUR_INTERNE",
            "attendu \"code\": \"ERREUR_INTERNE\", reçu {ligne}"
        );
        assert_eq!(
            ligne["statut"], 500,
            "attendu \"statut\": 500 (un nombre), reçu {ligne}"
        );
        assert!(
            ligne["erreur"]
                .as_str()
                .is_some_and(|e| e.contains("hunter2")),
            "le détail de la panique doit aller au journal (champ \"erreur\"), reçu {ligne}"
        );
        assert!(
            !message.contains("hunter2"),
            "… et pas au client, reçu {message:?}"
        );
    }
}

/// Étape 4 : les règles des champs, `valider_description`, `valider_nom`, `valider_prix`.
mod etape_4_regles_des_champs {
    use super::*;

    #[test]
    fn valider_description_est_facultative_et_limitee_a_1000_caracteres() {
        let obtenu = valider_description(None);
        assert!(
            matches!(obtenu, Ok(None)),
            "sans description, attendu Ok(None), obtenu {obtenu:?}"
        );
        let mille = "à".repeat(1000);
        let obtenu = valider_description(Some(mille.clone()));
        assert!(
            obtenu
                .as_ref()
                .is_ok_and(|d| d.as_deref() == Some(mille.as_str())),
            "1000 caractères sont permis : attendu Ok(Some(<les 1000 caractères>)), obtenu {obtenu:?}"
        );
        let message = message_de(&valider_description(Some("à".repeat(1001))));
        verifier_message(&message, "`description`", "description de 1001 caractères");
    }

    #[test]
    fn valider_nom_compte_les_caracteres_et_non_les_octets() {
        let cent = "é".repeat(100); // 100 caractères, 200 octets
        let obtenu = valider_nom(Some(&cent));
        assert!(
            obtenu.as_ref().is_ok_and(|nom| *nom == cent),
            "un nom de 100 caractères accentués (200 octets) est permis : attendu Ok(le nom), \
             obtenu {obtenu:?}"
        );
        for (nom, cas) in [
            (None, "absent"),
            (Some(""), "vide"),
            (Some("   "), "fait d'espaces"),
        ] {
            let message = message_de(&valider_nom(nom));
            verifier_message(&message, "`nom`", &format!("nom {cas}"));
        }
        let message = message_de(&valider_nom(Some(&"é".repeat(101))));
        verifier_message(&message, "`nom`", "nom de 101 caractères");
    }

    #[test]
    fn valider_nom_retire_les_espaces_autour() {
        let obtenu = valider_nom(Some("  Tapis de souris \n"));
        assert!(
            obtenu.as_deref().is_ok_and(|nom| nom == "Tapis de souris"),
            "attendu Ok(\"Tapis de souris\"), le nom sans les espaces autour, obtenu {obtenu:?}"
        );
    }

    #[test]
    fn valider_prix_convertit_exactement_en_centimes() {
        // Pièges : 19.99 × 100 vaut 1998.9999999999998 en f64, 0.29 × 100 vaut 28.999999999999996.
        for (prix, centimes) in [
            (49.9, 4990),
            (19.99, 1999),
            (0.29, 29),
            (1.15, 115),
            (4.35, 435),
            (0.1, 10),
            (0.05, 5),
            (12.0, 1200),
            (0.0, 0),
            (-0.0, 0),
            (1_000_000.0, 100_000_000),
        ] {
            let obtenu = valider_prix(Some(prix));
            let note = if prix == 0.0 && prix.is_sign_negative() {
                "\n(-0.0 est un prix nul, pas négatif : `-0.0 < 0.0` est faux, mais \
                 `(-0.0_f64).to_string()` vaut \"-0\", qui ne se lit pas comme un nombre de centimes.)"
            } else {
                ""
            };
            assert!(
                obtenu
                    .as_ref()
                    .is_ok_and(|p| *p == Prix::en_centimes(centimes)),
                "prix {prix:?} : attendu Ok({:?}), exactement {centimes} centimes, obtenu {obtenu:?}{note}",
                Prix::en_centimes(centimes)
            );
        }
    }

    #[test]
    fn valider_prix_refuse_les_prix_impossibles() {
        for (prix, cas) in [
            (None, "absent"),
            (Some(f64::NAN), "NaN"),
            (Some(f64::INFINITY), "infini"),
            (Some(f64::NEG_INFINITY), "moins l'infini"),
            (Some(-1.0), "négatif"),
            (Some(-0.01), "négatif d'un centime"),
            (Some(49.999), "trois décimales"),
            (Some(2.675), "trois décimales (2.675)"),
            (Some(0.001), "un dixième de centime"),
            (Some(0.0000001), "1e-7"),
            (Some(1_000_000.01), "au-dessus d'un million"),
            (Some(1e19), "1e19, au-delà d'un u64 de centimes"),
            (Some(f64::MAX), "f64::MAX"),
        ] {
            let message = message_de(&valider_prix(prix));
            verifier_message(&message, "`prix`", &format!("prix {cas}"));
        }
    }
}

/// Étape 5 : `verifier_type_de_contenu`, l'en-tête `Content-Type`.
mod etape_5_type_de_contenu {
    use super::*;

    #[test]
    fn le_type_de_contenu_json_est_reconnu_avec_ou_sans_parametres() {
        for valeur in [
            "application/json",
            "application/json; charset=utf-8",
            "Application/JSON;charset=UTF-8",
        ] {
            let requete = post_json(Format::Rest, "{}")
                .entete("Content-Type", valeur)
                .requete();
            let obtenu = verifier_type_de_contenu(&requete);
            assert!(
                obtenu.is_ok(),
                "Content-Type: {valeur} annonce du JSON : attendu Ok(()), obtenu {obtenu:?}"
            );
        }
    }
}

/// Étape 6 : le routage de `handler` (les `GET`, les routes et les méthodes inconnues).
mod etape_6_routage {
    use super::*;

    #[tokio::test]
    async fn les_routes_get_repondent_toujours_a_travers_la_couche() {
        let etat = Etat::exemple();
        let premier = etat.lire(|c| c.lister()[0].clone());
        for format in FORMATS {
            let reponse = appeler(
                &etat,
                Evenement::au_format(format, "GET", "/produits").requete(),
            )
            .await;
            let corps = verifier_json(&reponse, 200, &format!("GET /produits ({format:?})"));
            assert_eq!(
                corps["produits"].as_array().map(Vec::len),
                Some(3),
                "GET /produits ({format:?}) : attendu les 3 produits d'exemple, reçu {corps}"
            );

            let chemin = format!("/produits/{}", premier.id);
            let evenement =
                Evenement::au_format(format, "GET", &chemin).ressource("/produits/{id}");
            let corps = verifier_json(&appeler(&etat, evenement.requete()).await, 200, &chemin);
            assert_eq!(
                corps["nom"],
                premier.nom.as_str(),
                "GET {chemin} : attendu le produit"
            );
        }
    }

    #[tokio::test]
    async fn un_produit_ou_une_route_inconnus_repondent_404() {
        let etat = Etat::exemple();
        for format in FORMATS {
            let evenement = Evenement::au_format(format, "GET", "/produits/n-existe-pas")
                .ressource("/produits/{id}");
            let contexte = format!("GET /produits/n-existe-pas ({format:?})");
            let message = verifier_erreur(
                &appeler(&etat, evenement.requete()).await,
                404,
                "PRODUIT_INTROUVABLE",
                &contexte,
            );
            verifier_message(&message, "n-existe-pas", &contexte);

            for chemin in ["/commandes", "/", "/produits/1/avis", "/bonjour"] {
                let evenement = Evenement::au_format(format, "GET", chemin);
                verifier_erreur(
                    &appeler(&etat, evenement.requete()).await,
                    404,
                    "ROUTE_INCONNUE",
                    &format!("GET {chemin} ({format:?})"),
                );
            }
        }
    }

    #[tokio::test]
    async fn une_methode_non_permise_repond_405_avec_allow() {
        let etat = Etat::exemple();
        for (methode, chemin, permises) in [
            ("DELETE", "/produits", "GET, POST"),
            ("PUT", "/produits", "GET, POST"),
            ("PUT", "/produits/1", "GET"),
            ("POST", "/produits/1", "GET"),
        ] {
            let reponse = appeler(&etat, Evenement::rest(methode, chemin).requete()).await;
            let contexte = format!("{methode} {chemin}");
            verifier_erreur(&reponse, 405, "METHODE_NON_AUTORISEE", &contexte);
            assert_eq!(
                entete(&reponse, "allow"),
                Some(permises),
                "{contexte} : attendu l'en-tête Allow: {permises}"
            );
        }
    }
}

/// Étape 7 : `lire_corps` et `creer_produit`, un `POST /produits` qui réussit.
mod etape_7_creation {
    use super::*;

    #[tokio::test]
    async fn creer_un_produit_repond_201_avec_location_et_le_produit() {
        for format in FORMATS {
            let etat = Etat::exemple();
            let corps =
                r#"{"nom": "  Tapis de souris  ", "prix": 12.5, "description": "Antidérapant"}"#;
            let reponse = appeler(&etat, post_json(format, corps).requete()).await;
            let contexte = format!("POST /produits ({format:?})");
            let produit = verifier_json(&reponse, 201, &contexte);

            let id = produit["id"].as_str().unwrap_or_default().to_string();
            let uuid = uuid::Uuid::parse_str(&id);
            assert!(
                uuid.as_ref().is_ok_and(|u| u.get_version_num() == 4),
                "{contexte} : attendu un identifiant UUID v4 fabriqué par le serveur, reçu {id:?}"
            );
            assert_eq!(
                produit,
                json!({"id": id, "nom": "Tapis de souris", "prix": 12.5, "description": "Antidérapant"}),
                "{contexte} : attendu le produit créé (nom sans les espaces autour)"
            );
            assert_eq!(
                entete(&reponse, "location"),
                Some(format!("/produits/{id}").as_str()),
                "{contexte} : attendu l'en-tête Location: /produits/{id}"
            );

            // Le produit est bien dans le catalogue, et GET le retrouve.
            assert_eq!(
                nombre_de_produits(&etat),
                4,
                "{contexte} : attendu 4 produits après la création"
            );
            let chemin = format!("/produits/{id}");
            let evenement =
                Evenement::au_format(format, "GET", &chemin).ressource("/produits/{id}");
            let relu = verifier_json(&appeler(&etat, evenement.requete()).await, 200, &chemin);
            assert_eq!(
                relu, produit,
                "GET {chemin} : attendu le produit qui vient d'être créé"
            );
        }
    }

    #[tokio::test]
    async fn deux_creations_donnent_deux_identifiants_differents() {
        let etat = Etat::exemple();
        let mut ids = Vec::new();
        for _ in 0..2 {
            let evenement = post_json(Format::Http, r#"{"nom": "Tapis", "prix": 12.5}"#);
            let produit = verifier_json(&appeler(&etat, evenement.requete()).await, 201, "POST");
            ids.push(produit["id"].clone());
        }
        assert_ne!(
            ids[0], ids[1],
            "deux produits ne doivent pas partager un identifiant"
        );
        assert_eq!(
            nombre_de_produits(&etat),
            5,
            "après deux créations, attendu 5 produits dans le catalogue"
        );
    }

    #[tokio::test]
    async fn le_prix_cree_reste_exact_au_centime() {
        let etat = Etat::exemple();
        let reponse = appeler(
            &etat,
            post_json(Format::Rest, r#"{"nom": "Câble", "prix": 19.99}"#).requete(),
        )
        .await;
        verifier_json(&reponse, 201, "POST /produits avec prix 19.99");
        let texte = corps_texte(&reponse);
        assert!(
            texte.contains("\"prix\":19.99"),
            "attendu \"prix\":19.99 écrit tel quel, corps reçu {texte}"
        );
        let prix = etat.lire(|c| c.lister().last().map(|p| p.prix));
        assert_eq!(
            prix,
            Some(Prix::en_centimes(1999)),
            "attendu 1999 centimes dans le catalogue"
        );
        assert!(
            !texte.contains("description"),
            "sans description envoyée, le produit n'a pas de champ description, reçu {texte}"
        );
    }

    #[tokio::test]
    async fn un_corps_base64_et_un_content_type_avec_charset_sont_acceptes() {
        let etat = Etat::exemple();
        // {"nom": "Tapis", "prix": 12.5}, encodé en base64 comme API Gateway le fait pour un
        // type de média binaire.
        for format in FORMATS {
            let evenement = Evenement::au_format(format, "POST", "/produits")
                .entete("Content-Type", "application/json; charset=utf-8")
                .corps_base64("eyJub20iOiAiVGFwaXMiLCAicHJpeCI6IDEyLjV9");
            let reponse = appeler(&etat, evenement.requete()).await;
            let produit = verifier_json(&reponse, 201, &format!("POST en base64 ({format:?})"));
            assert_eq!(
                produit["nom"], "Tapis",
                "attendu le produit décodé, reçu {produit}"
            );
        }
    }

    #[tokio::test]
    async fn un_corps_de_exactement_16_kio_est_accepte() {
        let etat = Etat::exemple();
        let mut corps = r#"{"nom": "Tapis", "prix": 12.5}"#.to_string();
        corps.push_str(&" ".repeat(16 * 1024 - corps.len()));
        assert_eq!(corps.len(), 16 * 1024);
        let reponse = appeler(&etat, post_json(Format::Rest, &corps).requete()).await;
        verifier_json(
            &reponse,
            201,
            "POST avec un corps de 16384 octets (la limite)",
        );
    }
}

/// Étape 8 : les 41 entrées invalides de `POST /produits`, dans les deux formats.
mod etape_8_entrees_refusees {
    use super::*;

    /// Une entrée invalide de `POST /produits` et la réponse attendue.
    struct Cas {
        nom: &'static str,
        content_type: Option<&'static str>,
        corps: Corps,
        statut: u16,
        code: &'static str,
        /// Ce que le message doit contenir : le champ ou l'en-tête en cause.
        indice: &'static str,
    }

    enum Corps {
        Absent,
        Texte(String),
        Base64(&'static str),
    }

    fn cas(
        nom: &'static str,
        corps: &str,
        statut: u16,
        code: &'static str,
        indice: &'static str,
    ) -> Cas {
        Cas {
            nom,
            content_type: Some("application/json"),
            corps: Corps::Texte(corps.to_string()),
            statut,
            code,
            indice,
        }
    }

    /// Envoie chaque cas dans les deux formats et vérifie la réponse, puis que rien n'a été stocké.
    async fn verifier_les_refus(liste: Vec<Cas>) {
        let etat = Etat::exemple();
        for cas in &liste {
            for format in FORMATS {
                let mut evenement = Evenement::au_format(format, "POST", "/produits");
                if let Some(valeur) = cas.content_type {
                    evenement = evenement.entete("Content-Type", valeur);
                }
                evenement = match &cas.corps {
                    Corps::Absent => evenement,
                    Corps::Texte(texte) => evenement.corps(texte),
                    Corps::Base64(encode) => evenement.corps_base64(encode),
                };
                let reponse = appeler(&etat, evenement.requete()).await;
                let contexte = format!("POST /produits, {} ({format:?})", cas.nom);
                assert!(
                    !reponse.status().is_server_error(),
                    "{contexte} : une entrée invalide est la faute du client, jamais une erreur 5xx ; \
                     obtenu {} (corps : {})",
                    reponse.status(),
                    corps_texte(&reponse)
                );
                let message = verifier_erreur(&reponse, cas.statut, cas.code, &contexte);
                verifier_message(&message, cas.indice, &contexte);
                assert_eq!(
                    nombre_de_produits(&etat),
                    3,
                    "{contexte} : une entrée refusée ne doit rien ajouter au catalogue"
                );
            }
        }
        let liste_finale = appeler(&etat, Evenement::rest("GET", "/produits").requete()).await;
        let corps = verifier_json(&liste_finale, 200, "GET /produits après les refus");
        assert_eq!(
            corps["produits"].as_array().map(Vec::len),
            Some(3),
            "après {} entrées refusées, GET /produits doit toujours lister 3 produits",
            liste.len()
        );
    }

    #[tokio::test]
    async fn refuse_un_champ_qui_enfreint_une_regle_en_400_parametre_invalide() {
        const P: &str = "PARAMETRE_INVALIDE";
        let long = "x".repeat(101);
        let nom_trop_long = format!(r#"{{"nom": "{long}", "prix": 1}}"#);
        let description = "x".repeat(1001);
        let description_trop_longue =
            format!(r#"{{"nom": "Tapis", "prix": 1, "description": "{description}"}}"#);
        verifier_les_refus(vec![
            cas("objet vide", "{}", 400, P, "`nom`"),
            cas("nom absent", r#"{"prix": 1}"#, 400, P, "`nom`"),
            cas("nom null", r#"{"nom": null, "prix": 1}"#, 400, P, "`nom`"),
            cas("nom vide", r#"{"nom": "", "prix": 1}"#, 400, P, "`nom`"),
            cas(
                "nom fait d'espaces",
                r#"{"nom": "   ", "prix": 1}"#,
                400,
                P,
                "`nom`",
            ),
            cas("nom de 101 caractères", &nom_trop_long, 400, P, "`nom`"),
            cas("prix absent", r#"{"nom": "Tapis"}"#, 400, P, "`prix`"),
            cas(
                "prix null",
                r#"{"nom": "Tapis", "prix": null}"#,
                400,
                P,
                "`prix`",
            ),
            cas(
                "prix négatif",
                r#"{"nom": "Tapis", "prix": -1}"#,
                400,
                P,
                "`prix`",
            ),
            cas(
                "prix négatif d'un centime",
                r#"{"nom": "Tapis", "prix": -0.01}"#,
                400,
                P,
                "`prix`",
            ),
            cas(
                "prix à trois décimales",
                r#"{"nom": "Tapis", "prix": 49.999}"#,
                400,
                P,
                "`prix`",
            ),
            cas(
                "prix d'un dixième de centime",
                r#"{"nom": "Tapis", "prix": 0.001}"#,
                400,
                P,
                "`prix`",
            ),
            cas(
                "prix au-dessus d'un million",
                r#"{"nom": "Tapis", "prix": 1e7}"#,
                400,
                P,
                "`prix`",
            ),
            cas(
                "description de 1001 caractères",
                &description_trop_longue,
                400,
                P,
                "`description`",
            ),
        ])
        .await;
    }

    #[tokio::test]
    async fn refuse_un_content_type_absent_ou_autre_que_json_en_415() {
        let corps = r#"{"nom": "Tapis", "prix": 12.5}"#;
        let avec = |nom, content_type| Cas {
            nom,
            content_type,
            corps: Corps::Texte(corps.to_string()),
            statut: 415,
            code: "TYPE_MEDIA_NON_SUPPORTE",
            indice: "Content-Type",
        };
        verifier_les_refus(vec![
            avec("sans Content-Type", None),
            avec("Content-Type: text/plain", Some("text/plain")),
            avec(
                "Content-Type: application/x-www-form-urlencoded",
                Some("application/x-www-form-urlencoded"),
            ),
            avec("Content-Type: application/xml", Some("application/xml")),
            avec(
                "Content-Type: multipart/form-data",
                Some("multipart/form-data; boundary=xyz"),
            ),
        ])
        .await;
    }

    #[tokio::test]
    async fn refuse_un_corps_illisible_en_400_corps_invalide() {
        const C: &str = "CORPS_INVALIDE";
        let mut liste = vec![
            Cas {
                nom: "sans corps",
                content_type: Some("application/json"),
                corps: Corps::Absent,
                statut: 400,
                code: C,
                indice: "vide",
            },
            cas("corps vide", "", 400, C, "vide"),
            cas("corps fait d'espaces", "  \n ", 400, C, "vide"),
            cas(
                "JSON tronqué",
                r#"{"nom": "Tapis", "prix": 12"#,
                400,
                C,
                "JSON",
            ),
            cas(
                "apostrophes au lieu de guillemets",
                "{'nom': 'Tapis'}",
                400,
                C,
                "JSON",
            ),
            cas(
                "texte après l'objet",
                r#"{"nom": "Tapis", "prix": 1} en trop"#,
                400,
                C,
                "JSON",
            ),
            cas(
                "un tableau",
                r#"[{"nom": "Tapis", "prix": 1}]"#,
                400,
                C,
                "objet JSON",
            ),
            cas("une chaîne", r#""Tapis""#, 400, C, "objet JSON"),
            cas("null", "null", 400, C, "objet JSON"),
            cas(
                "champ inconnu",
                r#"{"nom": "Tapis", "prix": 1, "couleur": "rouge"}"#,
                400,
                C,
                "`couleur`",
            ),
            cas(
                "identifiant fourni par le client",
                r#"{"id": "42", "nom": "Tapis", "prix": 1}"#,
                400,
                C,
                "`id`",
            ),
            cas(
                "champ répété",
                r#"{"nom": "Tapis", "nom": "Souris", "prix": 1}"#,
                400,
                C,
                "deux fois",
            ),
            cas(
                "nom numérique",
                r#"{"nom": 42, "prix": 1}"#,
                400,
                C,
                "`nom`",
            ),
            cas(
                "nom objet",
                r#"{"nom": {"fr": "Tapis"}, "prix": 1}"#,
                400,
                C,
                "`nom`",
            ),
            cas(
                "prix en texte",
                r#"{"nom": "Tapis", "prix": "12.50"}"#,
                400,
                C,
                "`prix`",
            ),
            cas(
                "prix booléen",
                r#"{"nom": "Tapis", "prix": true}"#,
                400,
                C,
                "`prix`",
            ),
            cas(
                "prix NaN",
                r#"{"nom": "Tapis", "prix": NaN}"#,
                400,
                C,
                "`prix`",
            ),
            cas(
                "prix hors des limites d'un f64",
                r#"{"nom": "Tapis", "prix": 1e999}"#,
                400,
                C,
                "`prix`",
            ),
            cas(
                "description en liste",
                r#"{"nom": "Tapis", "prix": 1, "description": ["a"]}"#,
                400,
                C,
                "`description`",
            ),
        ];
        liste.push(Cas {
            nom: "corps base64 qui n'est pas du JSON (une image PNG)",
            content_type: Some("application/json"),
            corps: Corps::Base64("iVBORw0KGgo="),
            statut: 400,
            code: C,
            indice: "objet JSON",
        });
        verifier_les_refus(liste).await;
    }

    #[tokio::test]
    async fn refuse_un_corps_trop_volumineux_en_413() {
        let description = "a".repeat(17_000);
        let gros = format!(r#"{{"nom": "Tapis", "prix": 12.5, "description": "{description}"}}"#);
        let enorme = format!("{{{}}}", " ".repeat(1_000_000));
        verifier_les_refus(vec![
            cas(
                "corps d'environ 17 000 octets",
                &gros,
                413,
                "CORPS_TROP_VOLUMINEUX",
                "octets",
            ),
            cas(
                "corps d'un million d'octets",
                &enorme,
                413,
                "CORPS_TROP_VOLUMINEUX",
                "octets",
            ),
        ])
        .await;
    }
}

/// Étape 9 : le journal de l'API entière, une ligne par erreur et aucune pour un succès.
mod etape_9_journal_de_l_api {
    use super::*;

    #[tokio::test]
    async fn une_erreur_du_client_est_journalisee_une_fois_en_warn_avec_les_identifiants() {
        let etat = Etat::exemple();
        for (format, id_api_gateway) in [
            (Format::Rest, "6f1c2d3e-8a9b-4c5d-9e0f-1a2b3c4d5e6f"),
            (Format::Http, "BZkQZjHxCGYEJ4A="),
        ] {
            let requete = post_json(format, r#"{"nom": "Tapis", "prix": -1}"#)
                .requete()
                .with_lambda_context(contexte_lambda("c0ffee00-1111-4222-8333-444455556666"));
            let (reponse, lignes) = appeler_en_capturant(&etat, requete).await;
            let contexte = format!("POST avec un prix négatif ({format:?})");
            verifier_erreur(&reponse, 400, "PARAMETRE_INVALIDE", &contexte);
            assert_eq!(
                lignes.len(),
                1,
                "{contexte} : attendu exactement une ligne de journal WARN/ERROR, reçu {lignes:?}"
            );
            let ligne = &lignes[0];
            for (champ, attendu) in [
                ("level", json!("WARN")),
                ("request_id", json!("c0ffee00-1111-4222-8333-444455556666")),
                ("apigw_request_id", json!(id_api_gateway)),
                ("statut", json!(400)),
                ("code", json!("PARAMETRE_INVALIDE")),
            ] {
                assert_eq!(
                    ligne[champ], attendu,
                    "{contexte} : attendu \"{champ}\": {attendu} dans la ligne de journal, reçu {ligne}"
                );
            }
            assert!(
                ligne["erreur"]
                    .as_str()
                    .is_some_and(|e| e.contains("`prix`")),
                "{contexte} : attendu le détail de l'erreur dans le champ \"erreur\", reçu {ligne}"
            );
        }
    }

    #[tokio::test]
    async fn une_requete_reussie_n_ecrit_aucune_erreur_au_journal() {
        let etat = Etat::exemple();
        let (reponse, lignes) =
            appeler_en_capturant(&etat, Evenement::rest("GET", "/produits").requete()).await;
        assert_eq!(
            reponse.status(),
            StatusCode::OK,
            "GET /produits : attendu 200, obtenu {} (corps : {})",
            reponse.status(),
            corps_texte(&reponse)
        );
        assert!(
            lignes.is_empty(),
            "une requête réussie ne doit écrire aucune ligne WARN ou ERROR, reçu {lignes:?}"
        );
    }
}
