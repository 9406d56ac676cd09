//! Les couches autour du gestionnaire : CORS sur chaque réponse (erreurs comprises), une
//! ligne de journal et un document EMF par requête.

use crate::commun::{FORMATS, ORIGINE, banc, creation, evenement, texte};
use banc_essai::{Evenement, entete};

/// Des requêtes aux issues variées : 201, 200, 404, 400, 415, 405, 413.
fn requetes_variees(format: banc_essai::Format) -> Vec<Evenement> {
    vec![
        creation(format, r#"{"nom": "Tapis", "prix": 12.5}"#),
        evenement(format, "GET", "/produits"),
        evenement(
            format,
            "GET",
            "/produits/5b0e7c1a-3f4d-4e2b-9a8c-7d6e5f4a3b2c",
        ),
        evenement(format, "GET", "/produits").parametre("limite", "0"),
        evenement(format, "POST", "/produits").corps("{}"),
        evenement(format, "PUT", "/produits"),
        creation(format, &"x".repeat(20_000)),
    ]
}

#[tokio::test]
async fn chaque_reponse_succes_ou_erreur_porte_les_en_tetes_cors_de_l_origine_permise() {
    for format in FORMATS {
        let banc = banc();
        for evenement in requetes_variees(format) {
            let reponse = banc.envoyer(&evenement.entete("Origin", ORIGINE)).await;
            let contexte = format!(
                "réponse {} ({format:?}) : {}",
                reponse.status(),
                texte(&reponse)
            );
            assert_eq!(
                entete(&reponse, "access-control-allow-origin"),
                Some(ORIGINE),
                "{contexte} : attendu Access-Control-Allow-Origin: {ORIGINE}"
            );
            assert_eq!(
                entete(&reponse, "vary"),
                Some("Origin"),
                "{contexte} : attendu Vary: Origin"
            );
            assert_eq!(
                entete(&reponse, "access-control-expose-headers"),
                Some("location"),
                "{contexte} : attendu Location lisible par la page"
            );
        }
    }
}

#[tokio::test]
async fn une_origine_refusee_ne_recoit_aucun_en_tete_d_autorisation() {
    let banc = banc();
    for format in FORMATS {
        let reponse = banc
            .envoyer(
                &evenement(format, "GET", "/produits").entete("Origin", "https://pirate.exemple"),
            )
            .await;
        assert_eq!(reponse.status().as_u16(), 200);
        assert_eq!(
            entete(&reponse, "access-control-allow-origin"),
            None,
            "({format:?}) attendu aucune autorisation CORS pour une origine hors de la liste"
        );
        assert_eq!(
            entete(&reponse, "vary"),
            Some("Origin"),
            "attendu Vary: Origin quand même"
        );
    }
}

#[tokio::test]
async fn la_requete_preliminaire_recoit_204_avec_methodes_et_en_tetes_permis() {
    let banc = banc();
    let reponse = banc
        .envoyer(
            &evenement(banc_essai::Format::Rest, "OPTIONS", "/produits")
                .entete("Origin", ORIGINE)
                .entete("Access-Control-Request-Method", "POST")
                .entete(
                    "Access-Control-Request-Headers",
                    "content-type,authorization",
                ),
        )
        .await;
    assert_eq!(
        reponse.status().as_u16(),
        204,
        "attendu 204 à la requête préliminaire"
    );
    assert_eq!(
        entete(&reponse, "access-control-allow-origin"),
        Some(ORIGINE)
    );
    assert_eq!(
        entete(&reponse, "access-control-allow-methods"),
        Some("GET, POST, DELETE")
    );
    assert_eq!(
        entete(&reponse, "access-control-allow-headers"),
        Some("content-type, authorization, x-api-key")
    );
    assert_eq!(entete(&reponse, "access-control-max-age"), Some("600"));
}

#[tokio::test]
async fn chaque_requete_ecrit_une_ligne_de_journal_puis_un_document_emf() {
    for format in FORMATS {
        let banc = banc();
        let mut statuts = Vec::new();
        for evenement in requetes_variees(format) {
            statuts.push(banc.envoyer(&evenement).await.status().as_u16());
        }
        assert_eq!(
            statuts,
            vec![201, 200, 404, 400, 415, 405, 413],
            "({format:?})"
        );
        let documents = banc.journal.documents();
        assert_eq!(
            documents.len(),
            2 * statuts.len(),
            "({format:?}) attendu deux lignes par requête (journal puis EMF), reçu {documents:#?}"
        );
        for (numero, statut) in statuts.iter().enumerate() {
            let ligne = &documents[2 * numero];
            let emf = &documents[2 * numero + 1];
            assert_eq!(
                ligne["message"], "requête servie",
                "ligne {numero} : {ligne}"
            );
            assert_eq!(ligne["statut"], *statut, "ligne {numero} : {ligne}");
            let classe = format!("{}xx", statut / 100);
            assert_eq!(emf["ClasseStatut"], classe, "document EMF {numero} : {emf}");
            assert_eq!(
                emf["_aws"]["CloudWatchMetrics"][0]["Namespace"],
                "ApiProduits"
            );
            assert_eq!(emf["Requetes"], 1, "document EMF {numero} : {emf}");
        }
        assert_eq!(
            documents[0]["route"], "/produits",
            "({format:?}) la route du modèle"
        );
        assert_eq!(
            documents[4]["route"], "/produits/{id}",
            "({format:?}) la route du modèle"
        );
        assert_eq!(
            documents[6]["code"], "PARAMETRE_INVALIDE",
            "({format:?}) le code de la 400"
        );
    }
}
