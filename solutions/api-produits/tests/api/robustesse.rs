//! Des entrées mauvaises, à travers toute l'API : chacune reçoit une 4xx au format du cours,
//! avec un message en français, et rien n'est rangé.

use crate::commun::{FORMATS, banc_sur, creation, evenement, produit, verifier_francais};
use api_produits::{MemoireStore, Store};
use banc_essai::{Evenement, Format, verifier_erreur};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Une entrée mauvaise : ce qu'elle essaie, l'événement, le statut et le code attendus.
struct Cas {
    nom: String,
    evenement: Evenement,
    statut: u16,
    code: &'static str,
}

fn corps_mauvais(format: Format) -> Vec<Cas> {
    let creer = |nom: &str, corps: &str, statut, code| Cas {
        nom: format!("corps {nom}"),
        evenement: creation(format, corps),
        statut,
        code,
    };
    let long = |n: usize| "é".repeat(n);
    vec![
        creer("vide", "", 400, "CORPS_INVALIDE"),
        creer("fait d'espaces", "  \n ", 400, "CORPS_INVALIDE"),
        creer(
            "qui n'est pas du JSON",
            "nom=Tapis&prix=12",
            400,
            "CORPS_INVALIDE",
        ),
        creer("tableau JSON", r#"["Tapis", 12.5]"#, 400, "CORPS_INVALIDE"),
        creer("null", "null", 400, "CORPS_INVALIDE"),
        creer("tronqué", r#"{"nom": "Tapis", "#, 400, "CORPS_INVALIDE"),
        creer(
            "suivi d'autre chose",
            r#"{"nom": "T", "prix": 1} x"#,
            400,
            "CORPS_INVALIDE",
        ),
        creer(
            "avec un id choisi par le client",
            r#"{"id": "x", "nom": "T", "prix": 1}"#,
            400,
            "CORPS_INVALIDE",
        ),
        creer(
            "avec un champ inconnu",
            r#"{"nom": "T", "prix": 1, "couleur": "rouge"}"#,
            400,
            "CORPS_INVALIDE",
        ),
        creer(
            "avec un champ répété",
            r#"{"nom": "T", "nom": "U", "prix": 1}"#,
            400,
            "CORPS_INVALIDE",
        ),
        creer("sans nom", r#"{"prix": 1}"#, 400, "PARAMETRE_INVALIDE"),
        creer(
            "au nom blanc",
            r#"{"nom": "   ", "prix": 1}"#,
            400,
            "PARAMETRE_INVALIDE",
        ),
        creer(
            "au nom de 101 caractères",
            &format!(r#"{{"nom": "{}", "prix": 1}}"#, long(101)),
            400,
            "PARAMETRE_INVALIDE",
        ),
        creer(
            "au nom numérique",
            r#"{"nom": 42, "prix": 1}"#,
            400,
            "CORPS_INVALIDE",
        ),
        creer(
            "sans prix",
            r#"{"nom": "Tapis"}"#,
            400,
            "PARAMETRE_INVALIDE",
        ),
        creer(
            "au prix négatif",
            r#"{"nom": "Tapis", "prix": -1}"#,
            400,
            "PARAMETRE_INVALIDE",
        ),
        creer(
            "au prix à trois décimales",
            r#"{"nom": "Tapis", "prix": 1.999}"#,
            400,
            "PARAMETRE_INVALIDE",
        ),
        creer(
            "au prix en texte",
            r#"{"nom": "Tapis", "prix": "12"}"#,
            400,
            "CORPS_INVALIDE",
        ),
        creer(
            "au prix infini",
            r#"{"nom": "Tapis", "prix": 1e999}"#,
            400,
            "CORPS_INVALIDE",
        ),
        creer(
            "au prix de plus d'un million",
            r#"{"nom": "Tapis", "prix": 1000000.01}"#,
            400,
            "PARAMETRE_INVALIDE",
        ),
        creer(
            "à la description de 1001 caractères",
            &format!(
                r#"{{"nom": "T", "prix": 1, "description": "{}"}}"#,
                long(1001)
            ),
            400,
            "PARAMETRE_INVALIDE",
        ),
        creer(
            "de plus de 16 Kio",
            &format!(
                r#"{{"nom": "T", "prix": 1, "description": "{}"}}"#,
                "a".repeat(17 * 1024)
            ),
            413,
            "CORPS_TROP_VOLUMINEUX",
        ),
        Cas {
            nom: "corps base64 qui n'est pas de l'UTF-8".to_string(),
            evenement: evenement(format, "POST", "/produits")
                .entete("Content-Type", "application/json")
                .corps_base64(&STANDARD.encode(b"{\"nom\": \"\xff\xfe\", \"prix\": 1}")),
            statut: 400,
            code: "CORPS_INVALIDE",
        },
    ]
}

fn entetes_mauvais(format: Format) -> Vec<Cas> {
    let avec_type = |nom: &str, type_media: Option<&str>| {
        let mut evenement =
            evenement(format, "POST", "/produits").corps(r#"{"nom": "T", "prix": 1}"#);
        if let Some(valeur) = type_media {
            evenement = evenement.entete("Content-Type", valeur);
        }
        Cas {
            nom: format!("en-tête {nom}"),
            evenement,
            statut: 415,
            code: "TYPE_MEDIA_NON_SUPPORTE",
        }
    };
    vec![
        avec_type("Content-Type absent", None),
        avec_type("Content-Type text/plain", Some("text/plain")),
        avec_type(
            "Content-Type de formulaire",
            Some("application/x-www-form-urlencoded"),
        ),
        avec_type("Content-Type application/jsonp", Some("application/jsonp")),
    ]
}

fn chemins_mauvais(format: Format) -> Vec<Cas> {
    let cas = |methode: &str, chemin: &str, statut, code| Cas {
        nom: format!(
            "chemin {methode} {}",
            chemin.chars().take(60).collect::<String>()
        ),
        evenement: evenement(format, methode, chemin),
        statut,
        code,
    };
    let absent = "5b0e7c1a-3f4d-4e2b-9a8c-7d6e5f4a3b2c";
    vec![
        cas("GET", "/produits/pas-un-uuid", 404, "PRODUIT_INTROUVABLE"),
        cas(
            "GET",
            "/produits/00000000-0000-4000-8000-00000000000A",
            404,
            "PRODUIT_INTROUVABLE",
        ),
        cas(
            "GET",
            &format!("/produits/{absent}"),
            404,
            "PRODUIT_INTROUVABLE",
        ),
        cas(
            "GET",
            &format!("/produits/{}", "x".repeat(3000)),
            404,
            "PRODUIT_INTROUVABLE",
        ),
        cas(
            "DELETE",
            "/produits/pas-un-uuid",
            404,
            "PRODUIT_INTROUVABLE",
        ),
        cas(
            "DELETE",
            &format!("/produits/{absent}"),
            404,
            "PRODUIT_INTROUVABLE",
        ),
        cas("GET", "/inconnu", 404, "ROUTE_INCONNUE"),
        cas("GET", "/produits/a/b", 404, "ROUTE_INCONNUE"),
        cas("PUT", "/produits", 405, "METHODE_NON_AUTORISEE"),
        cas("DELETE", "/produits", 405, "METHODE_NON_AUTORISEE"),
        cas(
            "PATCH",
            &format!("/produits/{absent}"),
            405,
            "METHODE_NON_AUTORISEE",
        ),
        cas(
            "POST",
            &format!("/produits/{absent}"),
            405,
            "METHODE_NON_AUTORISEE",
        ),
    ]
}

fn requetes_mauvaises(format: Format) -> Vec<Cas> {
    let cas = |nom: &str, valeur: &str| Cas {
        nom: format!("chaîne de requête {nom}={valeur:?}"),
        evenement: evenement(format, "GET", "/produits").parametre(nom, valeur),
        statut: 400,
        code: "PARAMETRE_INVALIDE",
    };
    vec![
        cas("limite", "0"),
        cas("limite", "101"),
        cas("limite", "abc"),
        cas("limite", "-5"),
        cas("limite", ""),
        cas("suivant", ""),
        cas("suivant", "!!!"),
        cas("suivant", "bm9u=="),
    ]
}

/// Tous les cas, pour un format.
fn tous(format: Format) -> Vec<Cas> {
    let mut cas = corps_mauvais(format);
    cas.extend(entetes_mauvais(format));
    cas.extend(chemins_mauvais(format));
    cas.extend(requetes_mauvaises(format));
    cas
}

#[tokio::test]
async fn au_moins_trente_entrees_mauvaises_recoivent_une_4xx_en_francais_et_rien_n_est_range() {
    let deja_la: Vec<_> = (1..=3).map(produit).collect();
    for format in FORMATS {
        let banc = banc_sur(MemoireStore::avec(deja_la.clone()));
        let cas = tous(format);
        let noms: std::collections::HashSet<&str> = cas.iter().map(|c| c.nom.as_str()).collect();
        assert!(
            noms.len() >= 30,
            "attendu au moins 30 cas distincts, il y en a {}",
            noms.len()
        );
        for Cas {
            nom,
            evenement,
            statut,
            code,
        } in &cas
        {
            let reponse = banc.envoyer(evenement).await;
            let contexte = format!("{nom} ({format:?})");
            let message = verifier_erreur(&reponse, *statut, code, &contexte);
            verifier_francais(&message, &contexte);
        }
        let page = banc
            .api
            .magasin()
            .lister(100, None)
            .await
            .expect("le magasin se liste");
        assert_eq!(
            page.produits, deja_la,
            "({format:?}) attendu le magasin inchangé après les entrées mauvaises (rien de rangé)"
        );
    }
}
