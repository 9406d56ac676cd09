//! La pagination à travers l'API : `?limite=` et le curseur `?suivant=`.

use crate::commun::{FORMATS, banc, creation, evenement, verifier_francais};
use banc_essai::{Format, verifier_erreur, verifier_json};
use std::collections::HashSet;

/// Parcourt `GET /produits?limite=…` jusqu'à `suivant: null` ; renvoie la taille de chaque page
/// et tous les identifiants vus, dans l'ordre.
pub async fn parcourir<S: api_produits::Store>(
    banc: &crate::commun::Banc<S>,
    format: Format,
    limite: u32,
) -> (Vec<usize>, Vec<String>) {
    let mut tailles = Vec::new();
    let mut ids = Vec::new();
    let mut suivant: Option<String> = None;
    for _ in 0..100 {
        let mut evenement =
            evenement(format, "GET", "/produits").parametre("limite", &limite.to_string());
        if let Some(curseur) = &suivant {
            evenement = evenement.parametre("suivant", curseur);
        }
        let reponse = banc.envoyer(&evenement).await;
        let corps = verifier_json(&reponse, 200, "GET /produits (pagination)");
        let produits = corps["produits"].as_array().cloned().unwrap_or_default();
        tailles.push(produits.len());
        ids.extend(
            produits
                .iter()
                .map(|p| p["id"].as_str().unwrap_or_default().to_string()),
        );
        match corps["suivant"].as_str() {
            Some(curseur) => suivant = Some(curseur.to_string()),
            None => {
                assert!(
                    corps["suivant"].is_null(),
                    "attendu `suivant` null ou un texte, reçu {corps}"
                );
                return (tailles, ids);
            }
        }
    }
    panic!("la pagination ne s'arrête pas : cent pages sans `suivant: null`");
}

/// Crée `nombre` produits par `POST /produits` et renvoie leurs identifiants.
pub async fn creer_par_l_api<S: api_produits::Store>(
    banc: &crate::commun::Banc<S>,
    nombre: usize,
) -> HashSet<String> {
    let mut ids = HashSet::new();
    for numero in 0..nombre {
        let format = FORMATS[numero % 2];
        let corps = format!(r#"{{"nom": "Produit {numero}", "prix": {numero}.5}}"#);
        let reponse = banc.envoyer(&creation(format, &corps)).await;
        let cree = verifier_json(&reponse, 201, "POST /produits");
        ids.insert(cree["id"].as_str().unwrap_or_default().to_string());
    }
    ids
}

#[tokio::test]
async fn quarante_cinq_produits_par_pages_de_vingt_donnent_trois_pages_sans_doublon() {
    let banc = banc();
    let crees = creer_par_l_api(&banc, 45).await;
    for format in FORMATS {
        let (tailles, ids) = parcourir(&banc, format, 20).await;
        assert_eq!(
            tailles,
            vec![20, 20, 5],
            "attendu trois pages de 20, 20 et 5 ({format:?})"
        );
        let vus: HashSet<String> = ids.iter().cloned().collect();
        assert_eq!(
            vus.len(),
            ids.len(),
            "attendu aucun produit vu deux fois ({format:?})"
        );
        assert_eq!(
            vus, crees,
            "attendu exactement les 45 produits créés ({format:?})"
        );
    }
}

#[tokio::test]
async fn limite_cent_renvoie_tout_en_une_page_et_limite_un_en_autant_de_pages() {
    let banc = banc();
    creer_par_l_api(&banc, 7).await;
    let (tailles, _) = parcourir(&banc, Format::Rest, 100).await;
    assert_eq!(
        tailles,
        vec![7],
        "attendu une seule page de 7 avec limite=100"
    );
    let (tailles, ids) = parcourir(&banc, Format::Http, 1).await;
    assert_eq!(
        tailles,
        vec![1; 7],
        "attendu 7 pages d'un produit avec limite=1"
    );
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 7);
}

#[tokio::test]
async fn une_limite_hors_de_1_a_100_ou_illisible_donne_un_400_parametre_invalide() {
    let banc = banc();
    for format in FORMATS {
        for limite in ["0", "101", "abc", "-1", "", "1.5", "20 ", "99999999999"] {
            let reponse = banc
                .envoyer(&evenement(format, "GET", "/produits").parametre("limite", limite))
                .await;
            let contexte = format!("GET /produits?limite={limite:?} ({format:?})");
            let message = verifier_erreur(&reponse, 400, "PARAMETRE_INVALIDE", &contexte);
            assert!(
                message.contains("`limite`"),
                "{contexte} : attendu un message qui nomme `limite`, reçu {message:?}"
            );
            verifier_francais(&message, &contexte);
        }
    }
}

#[tokio::test]
async fn un_curseur_forge_ou_mal_forme_donne_un_400_jamais_un_500() {
    let banc = banc();
    creer_par_l_api(&banc, 3).await;
    for format in FORMATS {
        for curseur in ["", "!!!", "/+==", "bm9u==", "é", "%00", "a b"] {
            let reponse = banc
                .envoyer(&evenement(format, "GET", "/produits").parametre("suivant", curseur))
                .await;
            let contexte = format!("GET /produits?suivant={curseur:?} ({format:?})");
            let message = verifier_erreur(&reponse, 400, "PARAMETRE_INVALIDE", &contexte);
            verifier_francais(&message, &contexte);
        }
    }
}
