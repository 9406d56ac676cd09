//! Chaque route, quand tout va bien, dans les deux formats d'événements.

use crate::commun::{FORMATS, banc, creation, evenement, produit, texte};
use api_produits::{MemoireStore, Store};
use banc_essai::{entete, verifier_erreur, verifier_json};
use serde_json::json;

#[tokio::test]
async fn creer_repond_201_avec_location_et_le_produit_dont_l_id_est_un_uuid_v4() {
    for format in FORMATS {
        let banc = banc();
        let reponse = banc
            .envoyer(&creation(
                format,
                r#"{"nom": "  Clavier  ", "prix": 49.9, "description": "Mécanique"}"#,
            ))
            .await;
        let corps = verifier_json(&reponse, 201, &format!("POST /produits ({format:?})"));
        let id = corps["id"].as_str().unwrap_or_default().to_string();
        let uuid = uuid::Uuid::try_parse(&id)
            .unwrap_or_else(|_| panic!("attendu un id UUID fabriqué par le serveur, reçu {corps}"));
        assert_eq!(uuid.get_version_num(), 4, "attendu un UUID v4, reçu {id}");
        assert_eq!(
            corps,
            json!({"id": id, "nom": "Clavier", "prix": 49.9, "description": "Mécanique"}),
            "attendu le produit créé, nom sans ses espaces ({format:?})"
        );
        assert_eq!(
            entete(&reponse, "location"),
            Some(format!("/produits/{id}").as_str()),
            "attendu l'en-tête Location: /produits/{{id}} ({format:?})"
        );
        let range = banc.api.magasin().obtenir(&id).await;
        assert!(
            range.is_ok(),
            "attendu le produit {id} dans le magasin, reçu {range:?}"
        );
    }
}

#[tokio::test]
async fn deux_creations_donnent_deux_identifiants_distincts() {
    let banc = banc();
    let mut ids = Vec::new();
    for format in FORMATS {
        let reponse = banc
            .envoyer(&creation(format, r#"{"nom": "Tapis", "prix": 12.5}"#))
            .await;
        let corps = verifier_json(&reponse, 201, "POST /produits");
        ids.push(corps["id"].as_str().unwrap_or_default().to_string());
    }
    assert_ne!(
        ids[0], ids[1],
        "attendu deux identifiants distincts, reçu {ids:?}"
    );
}

#[tokio::test]
async fn consulter_renvoie_le_produit_cree_au_centime_pres() {
    for format in FORMATS {
        let banc = banc();
        for prix in ["0", "0.1", "19.99", "1000000"] {
            let reponse = banc
                .envoyer(&creation(
                    format,
                    &format!(r#"{{"nom": "Lampe", "prix": {prix}}}"#),
                ))
                .await;
            let cree = verifier_json(&reponse, 201, "POST /produits");
            let id = cree["id"].as_str().unwrap_or_default();
            let reponse = banc
                .envoyer(&evenement(format, "GET", &format!("/produits/{id}")))
                .await;
            let lu = verifier_json(&reponse, 200, "GET /produits/{id}");
            assert_eq!(lu, cree, "attendu le produit tel que créé ({format:?})");
            assert_eq!(
                lu["prix"].as_f64(),
                prix.parse::<f64>().ok(),
                "attendu le prix {prix} exact, reçu {lu}"
            );
        }
    }
}

#[tokio::test]
async fn supprimer_repond_204_sans_corps_puis_le_produit_est_introuvable() {
    for format in FORMATS {
        let banc = crate::commun::banc_sur(MemoireStore::avec([produit(1)]));
        let chemin = format!("/produits/{}", produit(1).id);
        let reponse = banc.envoyer(&evenement(format, "DELETE", &chemin)).await;
        assert_eq!(
            reponse.status().as_u16(),
            204,
            "DELETE {chemin} ({format:?}) : attendu 204, reçu {} ({})",
            reponse.status(),
            texte(&reponse)
        );
        assert!(
            texte(&reponse).is_empty(),
            "attendu une réponse 204 sans corps, reçu {:?}",
            texte(&reponse)
        );
        let reponse = banc.envoyer(&evenement(format, "GET", &chemin)).await;
        verifier_erreur(&reponse, 404, "PRODUIT_INTROUVABLE", "GET après DELETE");
        let reponse = banc.envoyer(&evenement(format, "DELETE", &chemin)).await;
        verifier_erreur(&reponse, 404, "PRODUIT_INTROUVABLE", "second DELETE");
    }
}

#[tokio::test]
async fn une_liste_vide_est_produits_vide_et_suivant_null() {
    for format in FORMATS {
        let banc = banc();
        let reponse = banc.envoyer(&evenement(format, "GET", "/produits")).await;
        let corps = verifier_json(&reponse, 200, "GET /produits");
        assert_eq!(
            corps,
            json!({"produits": [], "suivant": null}),
            "({format:?})"
        );
    }
}

#[tokio::test]
async fn lister_sans_limite_renvoie_vingt_produits_et_un_curseur() {
    for format in FORMATS {
        let banc = crate::commun::banc_sur(MemoireStore::avec((1..=25).map(produit)));
        let reponse = banc.envoyer(&evenement(format, "GET", "/produits")).await;
        let corps = verifier_json(&reponse, 200, "GET /produits");
        let produits = corps["produits"].as_array().cloned().unwrap_or_default();
        assert_eq!(
            produits.len(),
            20,
            "attendu 20 produits par défaut ({format:?})"
        );
        assert_eq!(
            produits[0],
            json!({"id": produit(1).id, "nom": "Produit 1", "prix": 1.99})
        );
        assert!(
            corps["suivant"].is_string(),
            "attendu un curseur `suivant` après 20 produits sur 25, reçu {}",
            corps["suivant"]
        );
    }
}
