//! L'intégration proxy : l'événement REST 1.0, la réponse vérifiée (502), les délais (502 du
//! Timeout de la fonction, 504 de l'intégration), et la ligne du journal d'accès.

use crate::commun::*;
use std::time::Duration;

const ECHEC: &str = r#"{"message": "Internal server error"}"#;

fn banc_avec(comportement: &str) -> Banc {
    let gabarit = avec_fonction_d_essai(&gabarit_du_depot(), "ProduitsFunction", comportement);
    Banc::demarrer(Reglage {
        gabarit,
        ..Reglage::default()
    })
}

#[test]
fn une_reponse_proxy_mal_formee_donne_le_502_avec_cors() {
    let banc = banc_avec("reponse-malformee");
    let recue = banc.envoyer("GET", "/produits", &[], None);
    recue.verifier_erreur(502, ECHEC, "InternalServerErrorException");
    recue.verifier_cors_de_passerelle(BOUTIQUE);
    let ligne = banc.pipeline().pop().unwrap_or_default();
    assert!(ligne.contains("réponse proxy mal formée"), "{ligne}");
}

#[test]
fn une_fonction_qui_plante_donne_le_502_et_repart_au_demarrage_suivant() {
    let banc = banc_avec("plantage");
    banc.envoyer("GET", "/produits", &[], None).verifier_erreur(
        502,
        ECHEC,
        "InternalServerErrorException",
    );
    // Le processus est relancé (un nouveau démarrage à froid), et replante.
    banc.envoyer("GET", "/produits", &[], None).verifier_erreur(
        502,
        ECHEC,
        "InternalServerErrorException",
    );
    assert!(
        banc.pipeline()
            .iter()
            .all(|l| l.contains("fonction arrêtée")),
        "{:#?}",
        banc.pipeline()
    );
}

#[test]
fn le_timeout_de_la_fonction_donne_502_et_celui_de_l_integration_504() {
    // Timeout: 1 pour la fonction, sous les 29 s de l'intégration : Lambda l'arrête, 502.
    let gabarit = remplacer(
        &avec_fonction_d_essai(&gabarit_du_depot(), "ProduitsFunction", "trop-lente"),
        "Timeout: 10\n",
        "Timeout: 1\n",
    );
    let banc = Banc::demarrer(Reglage {
        gabarit,
        ..Reglage::default()
    });
    let recue = banc.envoyer("GET", "/produits", &[], None);
    recue.verifier_erreur(502, ECHEC, "InternalServerErrorException");
    assert!(
        banc.pipeline()
            .pop()
            .unwrap_or_default()
            .contains("Timeout de 1 s dépassé")
    );
    drop(banc);

    // L'intégration abandonne avant le Timeout de la fonction (10 s) : 504. Son délai est
    // ramené de 29 s à 300 ms pour le test.
    let gabarit = avec_fonction_d_essai(&gabarit_du_depot(), "ProduitsFunction", "trop-lente");
    let banc = Banc::demarrer(Reglage {
        gabarit,
        delai_integration_max: Duration::from_millis(300),
        ..Reglage::default()
    });
    let recue = banc.envoyer("GET", "/produits", &[], None);
    recue.verifier_erreur(
        504,
        r#"{"message": "Endpoint request timed out"}"#,
        "InternalServerErrorException",
    );
    recue.verifier_cors_de_passerelle(BOUTIQUE);
}

#[test]
fn l_evenement_rest_1_0_porte_l_etape_la_ressource_l_autorisateur_et_la_cle() {
    let banc = banc_avec("echo");
    let recue = banc.envoyer(
        "DELETE",
        "/produits/p%2042?a=1&a=2&b=x",
        &[
            ("Authorization", &bearer(&["produits:supprimer"])),
            ("x-api-key", &banc.cle),
            ("X-Essai", "un"),
        ],
        None,
    );
    assert_eq!(recue.statut, 200, "{recue:?}");
    let e = recue.json();
    assert_eq!(e["resource"], "/produits/{id}");
    assert_eq!(e["path"], "/produits/p%2042");
    assert_eq!(e["httpMethod"], "DELETE");
    assert_eq!(e["pathParameters"]["id"], "p 42");
    assert_eq!(e["queryStringParameters"]["a"], "2");
    assert_eq!(
        e["multiValueQueryStringParameters"]["a"],
        serde_json::json!(["1", "2"])
    );
    assert_eq!(e["headers"]["x-essai"], "un");
    assert_eq!(e["multiValueHeaders"]["x-essai"], serde_json::json!(["un"]));
    assert!(e["body"].is_null(), "un DELETE sans corps : body null");
    let c = &e["requestContext"];
    assert_eq!(c["stage"], "prod");
    assert_eq!(c["path"], "/prod/produits/p%2042");
    assert_eq!(c["resourcePath"], "/produits/{id}");
    assert_eq!(c["requestId"].as_str(), recue.entete("x-amzn-RequestId"));
    assert_eq!(c["authorizer"]["principalId"], "etudiant-1");
    assert_eq!(c["authorizer"]["sub"], "etudiant-1");
    assert_eq!(c["authorizer"]["scopes"], "produits:supprimer");
    assert_eq!(c["identity"]["apiKey"].as_str(), Some(banc.cle.as_str()));
    assert_eq!(c["identity"]["apiKeyId"].as_str().map(str::len), Some(10));
    assert_eq!(c["identity"]["sourceIp"], "127.0.0.1");

    let public = banc.envoyer("GET", "/produits", &[], None).json();
    assert!(
        public["queryStringParameters"].is_null(),
        "sans chaîne de requête : null"
    );
    assert!(public["pathParameters"].is_null());
    assert!(
        public["requestContext"].get("authorizer").is_none(),
        "sans autorisateur, pas de requestContext.authorizer"
    );
}

#[test]
fn une_ligne_de_journal_d_acces_par_requete_au_format_du_gabarit() {
    let banc = Banc::demarrer(Reglage::default());
    let cree = banc.envoyer(
        "POST",
        "/produits",
        &[
            ("Authorization", &bearer(&["produits:ecrire"])),
            ("Content-Type", "application/json"),
        ],
        Some(r#"{"nom": "Tapis", "prix": 3}"#),
    );
    let refus = banc.envoyer("POST", "/produits", &[], None);
    let lignes = banc.memoire.acces();
    assert_eq!(lignes.len(), 2, "une ligne par requête : {lignes:#?}");
    let lire = |ligne: &str| -> serde_json::Value {
        serde_json::from_str(ligne)
            .unwrap_or_else(|e| panic!("le format du gabarit est du JSON : {ligne} ({e})"))
    };
    let succes = lire(&lignes[0]);
    assert_eq!(
        succes["requestId"].as_str(),
        cree.entete("x-amzn-RequestId")
    );
    assert_eq!(succes["statut"], 201);
    assert_eq!(succes["methode"], "POST");
    assert_eq!(succes["ressource"], "/produits");
    assert_eq!(succes["chemin"], "/prod/produits");
    assert_eq!(succes["principal"], "etudiant-1");
    assert_eq!(succes["cleApi"], "-", "POST n'exige pas de clé");
    assert_eq!(succes["erreur"], "-");
    assert!(
        succes["latenceIntegration"]
            .as_str()
            .is_some_and(|l| l.parse::<u64>().is_ok())
    );
    assert!(
        succes["trace"]
            .as_str()
            .is_some_and(|t| t.starts_with("Root=1-"))
    );
    let echec = lire(&lignes[1]);
    assert_eq!(
        echec["requestId"].as_str(),
        refus.entete("x-amzn-RequestId")
    );
    assert_eq!(
        (echec["statut"].as_u64(), echec["erreur"].as_str()),
        (Some(401), Some("UNAUTHORIZED"))
    );
    assert_eq!(
        echec["latenceIntegration"], "-",
        "sans intégration, la variable vaut -"
    );
}
