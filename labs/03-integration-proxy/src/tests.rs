//! Tests de notation de l'atelier 03 (partagés avec la solution : ne les modifiez pas).
//!
//! Les requêtes sont de vrais événements API Gateway, d'une API REST (format 1.0, étape `prod`)
//! et d'une API HTTP (format 2.0, étape `$default`), construits par le banc d'essai du cours.
//!
//! Les tests sont rangés par étape, dans l'ordre du travail (`etape_1_…` à `etape_7_…`) :
//! `cargo test` affiche les échecs dans l'ordre alphabétique, donc le premier échec affiché
//! est toujours celui de la prochaine fonction à écrire.

use crate::catalogue::Catalogue;
use crate::{handler, reponse_erreur, reponse_json, salutation};
use banc_essai::{Evenement, Format, entete, verifier_erreur, verifier_json};
use lambda_http::http::StatusCode;
use lambda_http::{Body, Response};
use serde_json::{Value, json};

const FORMATS: [Format; 2] = [Format::Rest, Format::Http];

/// Envoie l'événement au gestionnaire, avec le catalogue d'exemple.
async fn appeler(evenement: Evenement) -> Response<Body> {
    let catalogue = Catalogue::exemple();
    handler(&catalogue, evenement.requete()).await.expect(
        "le gestionnaire ne devrait jamais renvoyer Err : chaque cas a sa réponse HTTP \
         (règle du cours, page « 3.2 Proxy ou non proxy ? » du chapitre 03)",
    )
}

fn premier_produit() -> Value {
    serde_json::to_value(&Catalogue::exemple().lister()[0]).expect("produit sérialisable")
}

/// Le chemin `/produits/{id}` du premier produit du catalogue d'exemple.
fn chemin_du_premier_produit(produit: &Value) -> String {
    let id = produit["id"]
        .as_str()
        .expect("le produit d'exemple a un identifiant texte");
    format!("/produits/{id}")
}

/// Étape 1 : `salutation`, une fonction pure, sans HTTP.
mod etape_1_salutation {
    use super::*;

    #[test]
    fn salutation_avec_un_nom() {
        assert_eq!(
            salutation(Some("Zoé")),
            "Bonjour, Zoé",
            "avec le nom \"Zoé\", attendu « Bonjour, Zoé »"
        );
    }

    #[test]
    fn salutation_sans_nom_salue_un_inconnu() {
        assert_eq!(
            salutation(None),
            "Bonjour, inconnu",
            "sans nom, attendu « Bonjour, inconnu »"
        );
    }

    #[test]
    fn salutation_avec_un_nom_vide_ou_blanc_salue_un_inconnu() {
        for nom in ["", "   "] {
            assert_eq!(
                salutation(Some(nom)),
                "Bonjour, inconnu",
                "avec le nom {nom:?}, attendu « Bonjour, inconnu »"
            );
        }
    }

    #[test]
    fn salutation_retire_les_espaces_autour_du_nom() {
        assert_eq!(
            salutation(Some("  Zoé ")),
            "Bonjour, Zoé",
            "avec le nom \"  Zoé \", attendu « Bonjour, Zoé » (espaces retirés)"
        );
    }
}

/// Étape 2 : `reponse_json`, la fabrique de toutes les réponses.
mod etape_2_reponse_json {
    use super::*;

    #[test]
    fn reponse_json_porte_le_statut_l_en_tete_et_le_corps() {
        let reponse = reponse_json(StatusCode::CREATED, &json!({"a": [1, 2]}));
        let corps = verifier_json(&reponse, 201, "reponse_json(201, …)");
        assert_eq!(
            corps,
            json!({"a": [1, 2]}),
            "attendu le corps sérialisé tel quel"
        );
    }
}

/// Étape 3 : `reponse_erreur`, le format d'erreur du cours.
mod etape_3_reponse_erreur {
    use super::*;

    #[test]
    fn reponse_erreur_suit_le_format_du_cours() {
        let reponse = reponse_erreur(StatusCode::NOT_FOUND, "PRODUIT_INTROUVABLE", "Introuvable.");
        let corps = verifier_json(&reponse, 404, "reponse_erreur(404, …)");
        assert_eq!(
            corps,
            json!({"message": "Introuvable.", "code": "PRODUIT_INTROUVABLE"}),
            "attendu exactement les deux champs message et code"
        );
    }
}

/// Étape 4 : `handler`, première route : `GET /bonjour`.
mod etape_4_bonjour {
    use super::*;

    #[tokio::test]
    async fn bonjour_lit_le_parametre_nom_dans_les_deux_formats() {
        for format in FORMATS {
            let evenement = Evenement::au_format(format, "GET", "/bonjour").parametre("nom", "Zoé");
            let reponse = appeler(evenement).await;
            let corps = verifier_json(&reponse, 200, &format!("GET /bonjour?nom=Zoé ({format:?})"));
            assert_eq!(
                corps,
                json!({"message": "Bonjour, Zoé"}),
                "format {format:?}"
            );
        }
    }

    /// Le cas qui fait planter l'exemple Python du module : `queryStringParameters` vaut `null`.
    #[tokio::test]
    async fn bonjour_sans_chaine_de_requete_ne_plante_pas() {
        let evenement = Evenement::rest("GET", "/bonjour");
        assert!(
            evenement.valeur()["queryStringParameters"].is_null(),
            "le banc d'essai devrait envoyer queryStringParameters: null"
        );
        for format in FORMATS {
            let reponse = appeler(Evenement::au_format(format, "GET", "/bonjour")).await;
            let corps = verifier_json(
                &reponse,
                200,
                &format!("GET /bonjour sans nom ({format:?})"),
            );
            assert_eq!(
                corps,
                json!({"message": "Bonjour, inconnu"}),
                "format {format:?}"
            );
        }
    }

    #[tokio::test]
    async fn bonjour_avec_un_nom_vide_salue_un_inconnu() {
        for format in FORMATS {
            let evenement = Evenement::au_format(format, "GET", "/bonjour").parametre("nom", "");
            let reponse = appeler(evenement).await;
            let corps = verifier_json(&reponse, 200, &format!("GET /bonjour?nom= ({format:?})"));
            assert_eq!(
                corps,
                json!({"message": "Bonjour, inconnu"}),
                "format {format:?}"
            );
        }
    }
}

/// Étape 5 : `handler`, les routes `GET /produits` et `GET /produits/{id}`.
mod etape_5_produits {
    use super::*;

    #[tokio::test]
    async fn lister_les_produits_dans_les_deux_formats() {
        let attendus = serde_json::to_value(Catalogue::exemple().lister()).expect("sérialisable");
        for format in FORMATS {
            let reponse = appeler(Evenement::au_format(format, "GET", "/produits")).await;
            let corps = verifier_json(&reponse, 200, &format!("GET /produits ({format:?})"));
            assert_eq!(
                corps,
                json!({"produits": attendus, "suivant": null}),
                "GET /produits ({format:?}) : attendu tous les produits et \"suivant\": null"
            );
        }
    }

    #[tokio::test]
    async fn lister_les_produits_accepte_une_barre_finale() {
        let reponse = appeler(Evenement::rest("GET", "/produits/")).await;
        let corps = verifier_json(&reponse, 200, "GET /produits/");
        assert_eq!(
            corps["produits"].as_array().map(Vec::len),
            Some(3),
            "GET /produits/ : attendu la liste des 3 produits, comme sans la barre finale ; \
             corps reçu {corps}"
        );
    }

    #[tokio::test]
    async fn consulter_un_produit_existant_dans_les_deux_formats() {
        let produit = premier_produit();
        let chemin = chemin_du_premier_produit(&produit);
        for format in FORMATS {
            let evenement =
                Evenement::au_format(format, "GET", &chemin).ressource("/produits/{id}");
            let reponse = appeler(evenement).await;
            let corps = verifier_json(&reponse, 200, &format!("GET {chemin} ({format:?})"));
            assert_eq!(
                corps, produit,
                "GET {chemin} ({format:?}) : attendu le produit"
            );
        }
    }

    #[tokio::test]
    async fn le_prix_reste_exact_en_json() {
        let reponse = appeler(Evenement::rest("GET", "/produits")).await;
        let texte = banc_essai::corps_texte(&reponse);
        assert!(
            texte.contains("\"prix\":89.9") && texte.contains("\"prix\":34.5"),
            "attendu les prix 89.9 et 34.5 écrits tels quels, corps reçu {texte}"
        );
    }

    #[tokio::test]
    async fn consulter_un_produit_inconnu_repond_404_produit_introuvable() {
        for format in FORMATS {
            let evenement = Evenement::au_format(format, "GET", "/produits/n-existe-pas")
                .ressource("/produits/{id}");
            let reponse = appeler(evenement).await;
            let contexte = format!("GET /produits/n-existe-pas ({format:?})");
            let message = verifier_erreur(&reponse, 404, "PRODUIT_INTROUVABLE", &contexte);
            assert!(
                message.contains("n-existe-pas"),
                "{contexte} : le message devrait citer l'identifiant cherché, reçu {message:?}"
            );
        }
    }
}

/// Étape 6 : `handler`, les routes inconnues (404) et les méthodes non permises (405).
mod etape_6_routes_inconnues_et_methodes {
    use super::*;

    #[tokio::test]
    async fn une_route_inconnue_repond_404_route_inconnue() {
        for chemin in ["/commandes", "/", "/produits/42/avis", "/bonjour/toi"] {
            for format in FORMATS {
                let reponse = appeler(Evenement::au_format(format, "GET", chemin)).await;
                verifier_erreur(
                    &reponse,
                    404,
                    "ROUTE_INCONNUE",
                    &format!("GET {chemin} ({format:?})"),
                );
            }
        }
    }

    #[tokio::test]
    async fn une_methode_non_permise_repond_405_avec_allow() {
        for (methode, chemin) in [
            ("DELETE", "/produits"),
            ("POST", "/bonjour"),
            ("PUT", "/produits/1"),
        ] {
            let reponse = appeler(Evenement::rest(methode, chemin)).await;
            let contexte = format!("{methode} {chemin}");
            verifier_erreur(&reponse, 405, "METHODE_NON_AUTORISEE", &contexte);
            assert_eq!(
                entete(&reponse, "allow"),
                Some("GET"),
                "{contexte} : attendu l'en-tête Allow: GET, qui dit au client quelle méthode utiliser"
            );
        }
    }
}

/// Étape 7 : `handler`, les pièges du chemin une fois déployé.
mod etape_7_pieges_du_chemin {
    use super::*;

    /// `lambda_http` ajoute l'étape au chemin de l'URI (`/prod/produits`) : il faut router sur
    /// le chemin brut.
    #[tokio::test]
    async fn le_nom_de_l_etape_ne_gene_pas_le_routage() {
        let evenement = Evenement::rest("GET", "/produits").etape(Some("prod"));
        assert_eq!(
            evenement.requete().uri().path(),
            "/prod/produits",
            "le banc d'essai devrait donner une URI préfixée par l'étape, comme lambda_http sur AWS"
        );
        let reponse = appeler(evenement).await;
        verifier_json(
            &reponse,
            200,
            "GET /produits sur l'étape prod (routez sur requete.raw_http_path(), \
             page « 3.4 Lire la requête » du chapitre 03)",
        );
    }

    /// Derrière une ressource `/{proxy+}`, la fonction reçoit tous les chemins : le routage est le sien.
    #[tokio::test]
    async fn le_routage_fonctionne_derriere_une_ressource_proxy() {
        let produit = premier_produit();
        let chemin = chemin_du_premier_produit(&produit);
        let reponse = appeler(Evenement::rest("GET", &chemin).ressource("/{proxy+}")).await;
        let corps = verifier_json(&reponse, 200, &format!("GET {chemin} via /{{proxy+}}"));
        assert_eq!(
            corps, produit,
            "GET {chemin} via /{{proxy+}} : attendu le produit (le paramètre de chemin s'appelle \
             alors proxy, pas id)"
        );
    }
}
