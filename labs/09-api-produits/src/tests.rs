//! Tests de notation de l'atelier 09 (partagés avec la solution : ne les modifiez pas).
//!
//! Ils parlent à un vrai serveur compatible DynamoDB, dynalite, lancé par le banc
//! ([`crate::dynalite`]) sur 127.0.0.1 : un serveur neuf et une table neuve par test.
//! Ils sont rangés par étape, dans l'ordre du travail (`etape_1_…` à `etape_5_…`) : le premier
//! échec affiché est celui de la prochaine méthode à écrire.
//!
//! S'ils échouent tous avec « dynalite … est introuvable », installez le serveur :
//! `cargo xtask test` le fait, ou `npm install --prefix .outils/dynalite dynalite@4.0.0`.

use crate::dynalite::{Dynalite, creer_table};
use crate::item::{CLE, prix_depuis_nombre};
use crate::stockage::{LIMITE_MAXIMALE, Page, Store};
use crate::{DynamoDbStore, decoder_curseur, encoder_curseur};
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use futures_util::future::join_all;
use solution_03_integration_proxy::produit::{Prix, Produit};
use solution_04_erreurs::erreur::ErreurApi;
use std::collections::{HashMap, HashSet};

const TABLE: &str = "produits";

/// Un serveur neuf, une table neuve, et le magasin de l'étudiant sur cette table.
async fn banc() -> (Dynalite, DynamoDbStore) {
    let serveur = Dynalite::demarrer().unwrap_or_else(|erreur| panic!("{erreur}"));
    let client = serveur.client();
    creer_table(&client, TABLE)
        .await
        .unwrap_or_else(|erreur| panic!("{erreur}"));
    (serveur, DynamoDbStore::new(client, TABLE))
}

fn produit(numero: usize) -> Produit {
    Produit {
        id: format!("produit-{numero:04}"),
        nom: format!("Produit n° {numero}"),
        prix: Prix::en_centimes(numero as u64 * 7 + 1),
        description: numero
            .is_multiple_of(2)
            .then(|| format!("Description du produit {numero}")),
    }
}

/// L'article tel qu'il est dans la table, lu sans passer par le magasin de l'étudiant.
async fn article_brut(client: &Client, id: &str) -> Option<HashMap<String, AttributeValue>> {
    client
        .get_item()
        .table_name(TABLE)
        .key(CLE, AttributeValue::S(id.to_string()))
        .consistent_read(true)
        .send()
        .await
        .expect("la lecture directe de la table (GetItem) devait réussir")
        .item
}

/// Tous les identifiants de la table, lus sans passer par le magasin de l'étudiant.
async fn ids_bruts(client: &Client) -> Vec<String> {
    let pages = client
        .scan()
        .table_name(TABLE)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .expect("la lecture directe de la table (Scan) devait réussir");
    pages
        .iter()
        .filter_map(|item| item.get(CLE)?.as_s().ok().cloned())
        .collect()
}

/// Crée les produits `numeros` à travers le magasin, toutes les requêtes en vol à la fois.
async fn creer_tous(magasin: &DynamoDbStore, numeros: std::ops::Range<usize>) {
    let produits: Vec<Produit> = numeros.map(produit).collect();
    let resultats = join_all(produits.iter().map(|p| magasin.creer(p))).await;
    for (produit, resultat) in produits.iter().zip(resultats) {
        assert!(
            resultat.is_ok(),
            "attendu : la création de {} réussit ; reçu : {resultat:?}",
            produit.id
        );
    }
}

/// Parcourt toutes les pages de `limite` produits ; vérifie chaque page en chemin.
async fn toutes_les_pages(magasin: &DynamoDbStore, limite: u32) -> Vec<Produit> {
    let mut produits = Vec::new();
    let mut suivant: Option<String> = None;
    for _ in 0..1000 {
        let page: Page = magasin
            .lister(limite, suivant.as_deref())
            .await
            .unwrap_or_else(|e| panic!("attendu : une page ; reçu : l'erreur {e:?}"));
        assert!(
            page.produits.len() <= limite as usize,
            "attendu : au plus {limite} produits par page (paramètre Limit du Scan) ; reçu : {}",
            page.produits.len()
        );
        produits.extend(page.produits);
        match page.suivant {
            Some(curseur) => suivant = Some(curseur),
            None => return produits,
        }
    }
    panic!("attendu : une dernière page sans curseur ; reçu : 1000 pages, toujours avec un curseur")
}

fn verifier_erreur(resultat: Result<impl std::fmt::Debug, ErreurApi>, statut: u16, code: &str) {
    match resultat {
        Err(erreur) => assert_eq!(
            (erreur.statut().as_u16(), erreur.code()),
            (statut, code),
            "attendu : l'erreur {statut} {code} ; reçu : {erreur:?}"
        ),
        Ok(valeur) => panic!("attendu : l'erreur {statut} {code} ; reçu : Ok({valeur:?})"),
    }
}

mod etape_1_ecriture_conditionnelle {
    use super::*;

    #[tokio::test]
    async fn creer_range_chaque_attribut_et_le_prix_en_nombre_exact() {
        let (_serveur, magasin) = banc().await;
        let mut produits = vec![produit(2), produit(3)];
        for (i, centimes) in [1, 7, 10, 29, 4990, 100_000_000].into_iter().enumerate() {
            produits.push(Produit {
                prix: Prix::en_centimes(centimes),
                ..produit(10 + i)
            });
        }
        for attendu in &produits {
            let resultat = magasin.creer(attendu).await;
            assert!(resultat.is_ok(), "attendu : Ok(()) ; reçu : {resultat:?}");
            let item = article_brut(magasin.client(), &attendu.id)
                .await
                .expect("attendu : l'article dans la table après creer ; reçu : rien");
            let prix = match item.get("prix") {
                Some(AttributeValue::N(nombre)) => prix_depuis_nombre(nombre),
                autre => panic!(
                    "attendu : `prix` de type N (un nombre DynamoDB, écrit par item::vers_item) ; reçu : {autre:?}"
                ),
            };
            assert_eq!(
                prix,
                Some(attendu.prix),
                "attendu : le prix exact au centime ({} centimes) ; reçu : {item:?}",
                attendu.prix.centimes()
            );
            assert_eq!(
                crate::item::depuis_item(&item).ok().as_ref(),
                Some(attendu),
                "attendu : l'article de item::vers_item ; reçu : {item:?}"
            );
        }
    }

    #[tokio::test]
    async fn un_identifiant_deja_pris_donne_un_409_et_garde_le_premier_produit() {
        let (_serveur, magasin) = banc().await;
        let premier = produit(1);
        magasin
            .creer(&premier)
            .await
            .expect("la première création devait réussir");
        let intrus = Produit {
            nom: "Intrus".to_string(),
            ..premier.clone()
        };
        verifier_erreur(magasin.creer(&intrus).await, 409, "PRODUIT_EXISTANT");
        let item = article_brut(magasin.client(), &premier.id).await;
        assert_eq!(
            item.and_then(|item| crate::item::depuis_item(&item).ok()),
            Some(premier),
            "attendu : le premier produit intact (condition `attribute_not_exists(id)`) ; reçu : autre chose"
        );
    }

    #[tokio::test]
    async fn simultanement_cinquante_creations_donnent_cinquante_produits() {
        let (_serveur, magasin) = banc().await;
        creer_tous(&magasin, 0..50).await;
        let ids: HashSet<String> = ids_bruts(magasin.client()).await.into_iter().collect();
        assert_eq!(
            ids.len(),
            50,
            "attendu : 50 articles dans la table ; reçu : {}",
            ids.len()
        );
    }
}

mod etape_2_lecture {
    use super::*;

    #[tokio::test]
    async fn obtenir_relit_le_produit_cree() {
        let (_serveur, magasin) = banc().await;
        for numero in [1, 2] {
            magasin
                .creer(&produit(numero))
                .await
                .expect("creer devait réussir");
        }
        for numero in [1, 2] {
            let lu = magasin.obtenir(&produit(numero).id).await;
            assert_eq!(
                lu.as_ref().ok(),
                Some(&produit(numero)),
                "attendu : le produit créé, prix et description compris ; reçu : {lu:?}"
            );
        }
    }

    #[tokio::test]
    async fn un_identifiant_inconnu_donne_un_404() {
        let (_serveur, magasin) = banc().await;
        magasin
            .creer(&produit(1))
            .await
            .expect("creer devait réussir");
        verifier_erreur(magasin.obtenir("inconnu").await, 404, "PRODUIT_INTROUVABLE");
    }
}

mod etape_3_pagination {
    use super::*;

    #[tokio::test]
    async fn une_table_vide_donne_une_page_vide_sans_curseur() {
        let (_serveur, magasin) = banc().await;
        let page = magasin.lister(20, None).await;
        assert_eq!(
            page.as_ref().ok(),
            Some(&Page::default()),
            "attendu : aucune produit et `suivant` à None ; reçu : {page:?}"
        );
    }

    #[tokio::test]
    async fn deux_cent_cinquante_produits_se_listent_par_pages_sans_doublon() {
        let (_serveur, magasin) = banc().await;
        creer_tous(&magasin, 0..250).await;
        for limite in [LIMITE_MAXIMALE, 7] {
            let produits = toutes_les_pages(&magasin, limite).await;
            let mut vus = HashSet::new();
            for lu in &produits {
                assert!(
                    vus.insert(lu.id.clone()),
                    "attendu : chaque produit une seule fois (limite {limite}) ; reçu : {} deux fois",
                    lu.id
                );
                let numero: usize = lu.id["produit-".len()..].parse().expect("un id du test");
                assert_eq!(lu, &produit(numero), "attendu : le produit tel que créé");
            }
            assert_eq!(
                vus.len(),
                250,
                "attendu : les 250 produits au fil des pages (limite {limite}) ; reçu : {}",
                vus.len()
            );
        }
    }

    #[test]
    fn curseur_en_base64url_qui_redonne_la_meme_cle() {
        let cle = HashMap::from([(CLE.to_string(), AttributeValue::S("é?/+&=".to_string()))]);
        let curseur =
            encoder_curseur(&cle).expect("attendu : un curseur pour une clé `id` de type S");
        assert!(
            curseur
                .bytes()
                .all(|o| o.is_ascii_alphanumeric() || o == b'-' || o == b'_'),
            "attendu : un curseur en base64url sans remplissage (sûr dans une URL) ; reçu : {curseur:?}"
        );
        let relu = decoder_curseur(&curseur);
        assert_eq!(
            relu.as_ref().ok(),
            Some(&cle),
            "attendu : decoder_curseur(encoder_curseur(clé)) == clé ; reçu : {relu:?}"
        );
    }

    #[tokio::test]
    async fn un_curseur_mal_forme_ou_forge_donne_un_400_jamais_un_500() {
        let (_serveur, magasin) = banc().await;
        magasin
            .creer(&produit(1))
            .await
            .expect("creer devait réussir");
        let b64 = |texte: &[u8]| URL_SAFE_NO_PAD.encode(texte);
        let refuses = [
            "".to_string(),
            "!!!".to_string(),
            "pas un curseur".to_string(),
            b64(b"pas du JSON"),
            b64(b"[\"produit-0001\"]"),
            b64(b"{}"),
            b64(b"{\"id\":5}"),
            b64(b"{\"id\":\"\"}"),
            b64(b"{\"id\":null}"),
            b64(b"{\"id\":\"a\",\"prix\":\"1\"}"),
            b64(b"{\"autre\":\"a\"}"),
            b64(&[0xff, 0xfe, 0x7b]),
            b64(format!("{{\"id\":\"{}\"}}", "x".repeat(2049)).as_bytes()),
            // Le base64 ordinaire, avec remplissage : pas celui de nos curseurs.
            STANDARD.encode(b"{\"id\":\"produit-0001\"}>"),
        ];
        for curseur in &refuses {
            match magasin.lister(10, Some(curseur)).await {
                Err(erreur) => assert_eq!(
                    (erreur.statut().as_u16(), erreur.code()),
                    (400, "PARAMETRE_INVALIDE"),
                    "attendu : le curseur {curseur:?} refusé par un 400 PARAMETRE_INVALIDE ; reçu : {erreur:?}"
                ),
                Ok(page) => panic!(
                    "attendu : le curseur {curseur:?} refusé par un 400 PARAMETRE_INVALIDE ; reçu : Ok({page:?})"
                ),
            }
        }
        // Bien formé, mais vers un id inconnu : DynamoDB reprend après cette clé. Pas d'erreur.
        let forge = b64(b"{\"id\":\"zzz-inconnu\"}");
        let page = magasin.lister(10, Some(&forge)).await;
        assert!(
            page.is_ok(),
            "attendu : une page (un curseur bien formé vers un id inconnu n'est pas une panne) ; reçu : {page:?}"
        );
    }
}

mod etape_4_suppression {
    use super::*;

    #[tokio::test]
    async fn supprimer_renvoie_l_ancien_produit_et_l_efface() {
        let (_serveur, magasin) = banc().await;
        for numero in [1, 2] {
            magasin
                .creer(&produit(numero))
                .await
                .expect("creer devait réussir");
        }
        let supprime = magasin.supprimer(&produit(2).id).await;
        assert_eq!(
            supprime.as_ref().ok(),
            Some(&produit(2)),
            "attendu : le produit supprimé (ReturnValues::AllOld) ; reçu : {supprime:?}"
        );
        assert!(
            article_brut(magasin.client(), &produit(2).id)
                .await
                .is_none(),
            "attendu : plus d'article dans la table après supprimer"
        );
        assert!(
            article_brut(magasin.client(), &produit(1).id)
                .await
                .is_some(),
            "attendu : l'autre produit toujours là"
        );
    }

    #[tokio::test]
    async fn supprimer_un_absent_donne_un_404() {
        let (_serveur, magasin) = banc().await;
        magasin
            .creer(&produit(1))
            .await
            .expect("creer devait réussir");
        verifier_erreur(
            magasin.supprimer("inconnu").await,
            404,
            "PRODUIT_INTROUVABLE",
        );
        magasin
            .supprimer(&produit(1).id)
            .await
            .expect("la première suppression devait réussir");
        verifier_erreur(
            magasin.supprimer(&produit(1).id).await,
            404,
            "PRODUIT_INTROUVABLE",
        );
    }
}

mod etape_5_erreurs_du_sdk {
    use super::*;

    /// Les quatre opérations donnent toutes un 503, sans détail technique pour le client.
    async fn toutes_en_503(magasin: &DynamoDbStore, contexte: &str) {
        let curseur = URL_SAFE_NO_PAD.encode(b"{\"id\":\"produit-0001\"}");
        let erreurs = [
            ("creer", magasin.creer(&produit(999)).await.err()),
            ("obtenir", magasin.obtenir("produit-0001").await.err()),
            ("lister", magasin.lister(10, Some(&curseur)).await.err()),
            ("supprimer", magasin.supprimer("produit-0001").await.err()),
        ];
        for (operation, erreur) in erreurs {
            let erreur = erreur.unwrap_or_else(|| {
                panic!("attendu : une erreur de {operation} ({contexte}) ; reçu : un succès")
            });
            assert_eq!(
                (erreur.statut().as_u16(), erreur.code()),
                (503, "STOCKAGE_INDISPONIBLE"),
                "attendu : {operation} ({contexte}) → 503 STOCKAGE_INDISPONIBLE (fonction erreur_sdk) ; reçu : {erreur:?}"
            );
            let public = erreur.message_public();
            assert!(
                !public.contains("127.0.0.1") && !public.contains("dispatch"),
                "attendu : un message public sans détail technique ; reçu : {public}"
            );
        }
    }

    #[tokio::test]
    async fn un_serveur_injoignable_donne_un_503_pour_chaque_operation() {
        let (mut serveur, magasin) = banc().await;
        serveur.tuer();
        toutes_en_503(&magasin, "serveur arrêté").await;
    }

    #[tokio::test]
    async fn une_table_absente_donne_un_503_pour_chaque_operation() {
        let (_serveur, magasin) = banc().await;
        let ailleurs = DynamoDbStore::new(magasin.client().clone(), "table-absente");
        toutes_en_503(&ailleurs, "table absente").await;
    }

    #[tokio::test]
    async fn le_serveur_tue_en_cours_de_route_ne_perd_rien_et_revient_sans_nouveau_client() {
        let (mut serveur, magasin) = banc().await;
        creer_tous(&magasin, 0..20).await;
        serveur.tuer();
        verifier_erreur(
            magasin.creer(&produit(20)).await,
            503,
            "STOCKAGE_INDISPONIBLE",
        );
        verifier_erreur(
            magasin.lister(100, None).await,
            503,
            "STOCKAGE_INDISPONIBLE",
        );
        serveur
            .relancer()
            .unwrap_or_else(|erreur| panic!("{erreur}"));
        // Le même magasin, le même client : le SDK rouvre ses connexions seul.
        let produits = toutes_les_pages(&magasin, LIMITE_MAXIMALE).await;
        let ids: HashSet<String> = produits.into_iter().map(|p| p.id).collect();
        let attendus: HashSet<String> = (0..20).map(|n| produit(n).id).collect();
        assert_eq!(
            ids, attendus,
            "attendu : les 20 produits confirmés avant la panne, et eux seuls"
        );
        let resultat = magasin.creer(&produit(20)).await;
        assert!(
            resultat.is_ok(),
            "attendu : creer réussit de nouveau une fois le serveur revenu ; reçu : {resultat:?}"
        );
    }
}
