//! Quelques parcours de bout en bout sur le magasin DynamoDB, contre un vrai serveur local
//! (dynalite, lancé par le banc de la solution 09 ; `cargo xtask test` l'installe).

use crate::commun::{Banc, FORMATS, ORIGINE, banc_sur, creation, evenement, verifier_francais};
use crate::pagination::{creer_par_l_api, parcourir};
use api_produits::DynamoDbStore;
use banc_essai::{Format, entete, verifier_erreur, verifier_json};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use solution_04_erreurs::journal::abonne_json;
use solution_09_api_produits::dynalite::{Dynalite, creer_table};
use solution_09_api_produits::dynamodb::{DELAI_D_UN_APPEL, configuration_locale};
use std::collections::HashSet;
use std::time::Duration;
use tracing_subscriber::fmt::TestWriter;

const TABLE: &str = "produits";

async fn banc_dynamodb() -> (Dynalite, Banc<DynamoDbStore>) {
    // Le détail d'un 503 (l'erreur du SDK) va au journal, que le test en échec affiche.
    let _ = tracing::subscriber::set_global_default(abonne_json(TestWriter::new()));
    let serveur = Dynalite::demarrer().unwrap_or_else(|erreur| panic!("{erreur}"));
    let client = serveur.client();
    creer_table(&client, TABLE)
        .await
        .unwrap_or_else(|erreur| panic!("{erreur}"));
    let banc = banc_sur(DynamoDbStore::new(client, TABLE));
    (serveur, banc)
}

#[tokio::test]
async fn les_quatre_routes_sur_dynamodb_gardent_le_prix_exact() {
    let (_serveur, banc) = banc_dynamodb().await;
    for format in FORMATS {
        let reponse = banc
            .envoyer(&creation(
                format,
                r#"{"nom": "Chaise", "prix": 19.99, "description": "Chêne"}"#,
            ))
            .await;
        let cree = verifier_json(&reponse, 201, "POST /produits (DynamoDB)");
        let id = cree["id"].as_str().unwrap_or_default().to_string();
        let chemin = format!("/produits/{id}");
        let reponse = banc.envoyer(&evenement(format, "GET", &chemin)).await;
        let lu = verifier_json(&reponse, 200, "GET /produits/{id} (DynamoDB)");
        assert_eq!(
            lu, cree,
            "attendu le produit relu tel que créé, prix 19.99 exact"
        );
        let reponse = banc.envoyer(&evenement(format, "DELETE", &chemin)).await;
        assert_eq!(
            reponse.status().as_u16(),
            204,
            "DELETE {chemin} (DynamoDB) : attendu 204"
        );
        let reponse = banc.envoyer(&evenement(format, "GET", &chemin)).await;
        verifier_erreur(
            &reponse,
            404,
            "PRODUIT_INTROUVABLE",
            "GET après DELETE (DynamoDB)",
        );
    }
}

#[tokio::test]
async fn quarante_cinq_produits_sur_dynamodb_donnent_trois_pages_sans_doublon() {
    let (_serveur, banc) = banc_dynamodb().await;
    let crees = creer_par_l_api(&banc, 45).await;
    let (tailles, ids) = parcourir(&banc, Format::Rest, 20).await;
    assert_eq!(
        tailles,
        vec![20, 20, 5],
        "attendu trois pages de 20, 20 et 5 (DynamoDB)"
    );
    let vus: HashSet<String> = ids.iter().cloned().collect();
    assert_eq!(
        vus.len(),
        45,
        "attendu aucun produit vu deux fois (DynamoDB)"
    );
    assert_eq!(
        vus, crees,
        "attendu exactement les 45 produits créés (DynamoDB)"
    );
}

#[tokio::test]
async fn un_curseur_forge_sur_dynamodb_donne_un_400() {
    let (_serveur, banc) = banc_dynamodb().await;
    creer_par_l_api(&banc, 3).await;
    let forges = [
        r#"{"id":1}"#,
        r#"{"autre":"x"}"#,
        r#"{"id":"x","prix":"1"}"#,
        r#"["id"]"#,
        r#"{"id":""}"#,
        "pas du JSON",
    ];
    for forge in forges {
        let curseur = URL_SAFE_NO_PAD.encode(forge);
        let reponse = banc
            .envoyer(&evenement(Format::Http, "GET", "/produits").parametre("suivant", &curseur))
            .await;
        let contexte = format!("curseur forgé {forge:?} (DynamoDB)");
        let message = verifier_erreur(&reponse, 400, "PARAMETRE_INVALIDE", &contexte);
        verifier_francais(&message, &contexte);
    }
}

#[tokio::test]
async fn le_serveur_arrete_donne_un_503_avec_cors_puis_200_a_son_retour() {
    let (mut serveur, banc) = banc_dynamodb().await;
    creer_par_l_api(&banc, 2).await;
    serveur.tuer();
    let reponse = banc
        .envoyer(&evenement(Format::Rest, "GET", "/produits").entete("Origin", ORIGINE))
        .await;
    let message = verifier_erreur(&reponse, 503, "STOCKAGE_INDISPONIBLE", "serveur arrêté");
    verifier_francais(&message, "serveur arrêté");
    assert_eq!(
        entete(&reponse, "access-control-allow-origin"),
        Some(ORIGINE),
        "attendu les en-têtes CORS sur le 503 aussi"
    );
    serveur
        .relancer()
        .unwrap_or_else(|erreur| panic!("{erreur}"));
    let reponse = banc
        .envoyer(&evenement(Format::Rest, "GET", "/produits"))
        .await;
    let corps = verifier_json(&reponse, 200, "serveur relancé");
    assert_eq!(
        corps["produits"].as_array().map(Vec::len),
        Some(2),
        "attendu les deux produits confirmés avant l'arrêt, sans relancer la fonction"
    );
}

/// Le `Timeout` de `ProduitsFunction` dans `template.yaml`, lu comme la passerelle locale le
/// lit : au-delà, Lambda arrête l'invocation, et API Gateway répond 502 à la place de la
/// fonction.
fn timeout_de_la_fonction() -> Duration {
    let chemin = concat!(env!("CARGO_MANIFEST_DIR"), "/../../template.yaml");
    let texte = std::fs::read_to_string(chemin).unwrap_or_else(|e| panic!("{chemin} : {e}"));
    let gabarit = passerelle::gabarit::lire(&texte, &[]).unwrap_or_else(|e| panic!("{e}"));
    let fonction = gabarit
        .fonctions
        .get("ProduitsFunction")
        .unwrap_or_else(|| panic!("{chemin} : pas de ProduitsFunction"));
    Duration::from_secs(fonction.delai_secondes)
}

#[test]
fn le_sdk_abandonne_un_appel_avant_le_timeout_de_la_fonction() {
    let timeout = timeout_de_la_fonction();
    assert!(
        DELAI_D_UN_APPEL + Duration::from_secs(1) <= timeout,
        "DELAI_D_UN_APPEL ({DELAI_D_UN_APPEL:?}) doit laisser à la fonction au moins 1 s pour \
         répondre son 503 avant le Timeout du gabarit ({timeout:?})"
    );
}

#[tokio::test]
async fn un_dynamodb_qui_ne_repond_jamais_donne_un_503_et_non_un_502() {
    // Un serveur qui accepte les connexions, puis se tait : ni refus, ni réponse.
    let ecoute = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("un port libre sur 127.0.0.1");
    let adresse = format!("http://{}", ecoute.local_addr().expect("son adresse"));
    tokio::spawn(async move {
        let mut ouvertes = Vec::new();
        while let Ok((connexion, _)) = ecoute.accept().await {
            ouvertes.push(connexion);
        }
    });
    // Le client de la fonction déployée, sur ce serveur : mêmes délais, mêmes tentatives.
    let client = aws_sdk_dynamodb::Client::from_conf(configuration_locale(&adresse).build());
    let banc = banc_sur(DynamoDbStore::new(client, TABLE));
    let reponse = tokio::time::timeout(
        timeout_de_la_fonction(),
        banc.envoyer(&evenement(Format::Rest, "GET", "/produits")),
    )
    .await
    .unwrap_or_else(|_| {
        panic!(
            "pas de réponse avant le Timeout de la fonction : Lambda l'aurait arrêtée, \
             et le client aurait reçu un 502 d'API Gateway au lieu du 503"
        )
    });
    let message = verifier_erreur(&reponse, 503, "STOCKAGE_INDISPONIBLE", "DynamoDB muet");
    verifier_francais(&message, "DynamoDB muet");
}
