//! La route, la requête préliminaire, et les quatre routes de bout en bout.

use crate::commun::*;

#[test]
fn une_route_inconnue_recoit_le_403_missing_authentication_token_avec_cors() {
    let banc = Banc::demarrer(Reglage::default());
    for (methode, chemin) in [
        ("GET", "/inconnu"),
        ("DELETE", "/produits"),
        ("PUT", "/produits/1"),
    ] {
        let recue = banc.envoyer(methode, chemin, &[], None);
        recue.verifier_erreur(
            403,
            r#"{"message":"Missing Authentication Token"}"#,
            "MissingAuthenticationTokenException",
        );
        recue.verifier_cors_de_passerelle(BOUTIQUE);
    }
    let hors_etape = banc.envoyer_a(
        &banc.url.replace("/prod", "/dev/produits"),
        "GET",
        &[],
        None,
    );
    assert_eq!(
        hors_etape.statut, 403,
        "une autre étape n'existe pas : {hors_etape:?}"
    );
}

#[test]
fn la_requete_preliminaire_recoit_les_en_tetes_constants_de_cors_sans_autorisateur_ni_cle() {
    let banc = Banc::demarrer(Reglage::default());
    let recue = banc.envoyer(
        "OPTIONS",
        "/produits/42",
        &[
            ("Origin", BOUTIQUE),
            ("Access-Control-Request-Method", "DELETE"),
            ("Access-Control-Request-Headers", "authorization,x-api-key"),
        ],
        None,
    );
    assert_eq!(
        recue.statut, 200,
        "l'intégration fictive de SAM répond 200 : {recue:?}"
    );
    for (nom, valeur) in [
        ("Access-Control-Allow-Origin", BOUTIQUE),
        ("Access-Control-Allow-Methods", "GET,POST,DELETE"),
        (
            "Access-Control-Allow-Headers",
            "Content-Type,Authorization,X-Api-Key",
        ),
        ("Access-Control-Max-Age", "600"),
    ] {
        assert_eq!(
            recue.entete(nom),
            Some(valeur),
            "attendu {nom}: {valeur}, reçu {recue:?}"
        );
    }
    assert_eq!(recue.corps, "{}");
    let ligne = banc.pipeline().pop().unwrap_or_default();
    assert!(
        ligne.contains("autorisation —") && ligne.contains("clé —"),
        "AddDefaultAuthorizerToCorsPreflight et AddApiKeyRequiredToCorsPreflight valent false : \
         ni autorisateur ni clé sur OPTIONS ; pipeline : {ligne}"
    );
    let inconnue = banc.envoyer("OPTIONS", "/inconnu", &[("Origin", BOUTIQUE)], None);
    assert_eq!(
        inconnue.statut, 403,
        "pas d'OPTIONS hors des ressources : {inconnue:?}"
    );
}

#[test]
fn les_quatre_routes_de_bout_en_bout_avec_les_vrais_binaires() {
    let banc = Banc::demarrer(Reglage::default());
    let autorisation = bearer(&["produits:ecrire", "produits:supprimer"]);
    let creer = |nom: &str| {
        banc.envoyer(
            "POST",
            "/produits",
            &[
                ("Authorization", &autorisation),
                ("Content-Type", "application/json"),
            ],
            Some(&format!(r#"{{"nom": "{nom}", "prix": 12.5}}"#)),
        )
    };
    let cree = creer("Tapis");
    assert_eq!(cree.statut, 201, "POST /produits : {cree:?}");
    let id = cree.json()["id"].as_str().unwrap_or_default().to_string();
    assert_eq!(
        cree.entete("Location"),
        Some(format!("/produits/{id}").as_str())
    );
    assert_eq!(creer("Lampe").statut, 201);

    let lu = banc.envoyer("GET", &format!("/produits/{id}"), &[], None);
    assert_eq!(
        (lu.statut, lu.json()["nom"].as_str()),
        (200, Some("Tapis")),
        "{lu:?}"
    );

    let page = banc.envoyer("GET", "/produits?limite=1", &[], None);
    let corps = page.json();
    assert_eq!(
        corps["produits"].as_array().map(Vec::len),
        Some(1),
        "{corps}"
    );
    let suivant = corps["suivant"]
        .as_str()
        .expect("une seconde page")
        .to_string();
    let seconde = banc.envoyer(
        "GET",
        &format!("/produits?limite=1&suivant={suivant}"),
        &[],
        None,
    );
    assert_eq!(seconde.json()["produits"].as_array().map(Vec::len), Some(1));
    assert_ne!(
        seconde.json()["produits"][0]["id"],
        corps["produits"][0]["id"]
    );

    let supprime = banc.envoyer(
        "DELETE",
        &format!("/produits/{id}"),
        &[("Authorization", &autorisation), ("x-api-key", &banc.cle)],
        None,
    );
    assert_eq!(
        (supprime.statut, supprime.corps.as_str()),
        (204, ""),
        "{supprime:?}"
    );
    let disparu = banc.envoyer("GET", &format!("/produits/{id}"), &[], None);
    assert_eq!(disparu.statut, 404, "{disparu:?}");
    assert_eq!(disparu.json()["code"], "PRODUIT_INTROUVABLE");
    let lignes = banc.pipeline();
    assert!(
        lignes.iter().any(|l| l.starts_with("DELETE /produits/")
            && l.contains("autorisation Allow (cache) → clé ✓ → limitation ✓ → fonction")
            && l.ends_with("→ 204")),
        "attendu la ligne de pipeline du DELETE, reçu {lignes:#?}"
    );
}
