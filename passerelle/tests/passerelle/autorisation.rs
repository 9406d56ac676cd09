//! Le mécanisme d'autorisation TOKEN (401, 403, 500, le cache et son piège) et la clé d'API.

use crate::commun::*;

const NON_AUTORISE: &str = r#"{"message":"Unauthorized"}"#;
const REFUS_IMPLICITE: &str = r#"{"Message":"User is not authorized to access this resource"}"#;

fn poster(banc: &Banc, authorization: Option<&str>) -> Recue {
    let mut entetes = vec![("Content-Type", "application/json")];
    if let Some(valeur) = authorization {
        entetes.push(("Authorization", valeur));
    }
    banc.envoyer(
        "POST",
        "/produits",
        &entetes,
        Some(r#"{"nom": "Tapis", "prix": 1}"#),
    )
}

fn supprimer(banc: &Banc, id: &str, authorization: &str, cle: Option<&str>) -> Recue {
    let mut entetes = vec![("Authorization", authorization)];
    if let Some(cle) = cle {
        entetes.push(("x-api-key", cle));
    }
    banc.envoyer("DELETE", &format!("/produits/{id}"), &entetes, None)
}

#[test]
fn un_jeton_absent_ou_invalide_recoit_le_401_avec_les_en_tetes_cors_du_gabarit() {
    let banc = Banc::demarrer(Reglage::default());
    let absent = poster(&banc, None);
    absent.verifier_erreur(401, NON_AUTORISE, "UnauthorizedException");
    absent.verifier_cors_de_passerelle(BOUTIQUE);

    // Refusé par ValidationExpression : l'autorisateur n'est pas invoqué.
    poster(&banc, Some("Bearer pas-un-jwt")).verifier_erreur(
        401,
        NON_AUTORISE,
        "UnauthorizedException",
    );
    let ligne = banc.pipeline().pop().unwrap_or_default();
    assert!(
        ligne.contains("sans invoquer l'autorisateur"),
        "un jeton qui ne suit pas ValidationExpression reçoit 401 sans invocation : {ligne}"
    );

    // De la bonne forme, mais signé par une autre clé : l'autorisateur répond Unauthorized.
    // Un caractère changé au milieu de la signature (le dernier ne porte que du remplissage).
    let mut faux: Vec<char> = jeton(&["produits:ecrire"]).chars().collect();
    let milieu = faux.len() - 40;
    faux[milieu] = if faux[milieu] == 'A' { 'B' } else { 'A' };
    let faux: String = faux.into_iter().collect();
    let signe_faux = poster(&banc, Some(&format!("Bearer {faux}")));
    signe_faux.verifier_erreur(401, NON_AUTORISE, "UnauthorizedException");
    signe_faux.verifier_cors_de_passerelle(BOUTIQUE);
    let ligne = banc.pipeline().pop().unwrap_or_default();
    assert!(
        ligne.contains("autorisation 401 ("),
        "l'autorisateur est invoqué : {ligne}"
    );
}

#[test]
fn une_portee_non_accordee_recoit_le_403_de_la_politique() {
    let banc = Banc::demarrer(Reglage::default());
    let id = "6f1c2a1e-8a55-4c43-9b4e-2a7d3c1b9f00";
    // Portée d'écriture seule : la politique autorise POST, pas DELETE (refus implicite).
    let recue = supprimer(&banc, id, &bearer(&["produits:ecrire"]), Some(&banc.cle));
    recue.verifier_erreur(403, REFUS_IMPLICITE, "AccessDeniedException");
    recue.verifier_cors_de_passerelle(BOUTIQUE);
    // Aucune portée : l'autorisateur renvoie un Deny explicite sur toute l'étape.
    let recue = poster(&banc, Some(&bearer(&[])));
    recue.verifier_erreur(
        403,
        r#"{"Message":"User is not authorized to access this resource with an explicit deny"}"#,
        "AccessDeniedException",
    );
}

#[test]
fn une_reponse_illisible_de_l_autorisateur_donne_le_500_message_null() {
    let gabarit = avec_fonction_d_essai(
        &gabarit_du_depot(),
        "AutorisateurFunction",
        "autorisateur-illisible",
    );
    let banc = Banc::demarrer(Reglage {
        gabarit,
        ..Reglage::default()
    });
    let recue = poster(&banc, Some(&bearer(&["produits:ecrire"])));
    recue.verifier_erreur(
        500,
        r#"{"message": null}"#,
        "AuthorizerConfigurationException",
    );
    recue.verifier_cors_de_passerelle(BOUTIQUE);
}

/// Crée un produit et renvoie son identifiant.
fn creer(banc: &Banc, authorization: &str) -> String {
    let cree = poster(banc, Some(authorization));
    assert_eq!(cree.statut, 201, "POST /produits : {cree:?}");
    cree.json()["id"].as_str().unwrap_or_default().to_string()
}

#[test]
fn le_piege_du_cache_avec_un_autorisateur_naif_puis_corrige_par_celui_du_cours() {
    let naif = avec_fonction_d_essai(
        &gabarit_du_depot(),
        "AutorisateurFunction",
        "autorisateur-naif",
    );
    let banc = Banc::demarrer(Reglage {
        gabarit: naif,
        ..Reglage::default()
    });
    let deux_portees = bearer(&["produits:ecrire", "produits:supprimer"]);
    let id = creer(&banc, &deux_portees);
    // Même jeton, autre méthode : la politique en cache ne couvre que POST.
    let refuse = supprimer(&banc, &id, &deux_portees, Some(&banc.cle));
    refuse.verifier_erreur(403, REFUS_IMPLICITE, "AccessDeniedException");
    assert!(
        banc.pipeline()
            .last()
            .is_some_and(|l| l.contains("autorisation 403 (cache)")),
        "le 403 vient de la politique en cache ({PAGE_CACHE}) : {:?}",
        banc.pipeline().last()
    );
    // 300 s plus tard (ReauthorizeEvery), l'entrée a expiré : l'autorisateur est rappelé.
    banc.horloge.avancer(300.0);
    let apres = supprimer(&banc, &id, &deux_portees, Some(&banc.cle));
    assert_eq!(
        apres.statut, 204,
        "après le TTL du cache, l'autorisateur juge DELETE : {apres:?}"
    );
    drop(banc);

    let banc = Banc::demarrer(Reglage::default());
    let id = creer(&banc, &deux_portees);
    let accepte = supprimer(&banc, &id, &deux_portees, Some(&banc.cle));
    assert_eq!(
        accepte.statut, 204,
        "la politique du cours vaut pour toutes les méthodes que le jeton accorde ({PAGE_CACHE}) : {accepte:?}"
    );
    assert!(
        banc.pipeline()
            .last()
            .is_some_and(|l| l.contains("autorisation Allow (cache)")),
        "le DELETE est jugé avec la politique en cache : {:?}",
        banc.pipeline().last()
    );
}

#[test]
fn la_cle_d_api_absente_ou_fausse_recoit_le_403_forbidden_et_la_bonne_passe() {
    let banc = Banc::demarrer(Reglage::default());
    let deux_portees = bearer(&["produits:ecrire", "produits:supprimer"]);
    let id = creer(&banc, &deux_portees);
    for cle in [None, Some("cleFausse0123456789abcdefghij")] {
        let recue = supprimer(&banc, &id, &deux_portees, cle);
        recue.verifier_erreur(403, r#"{"message":"Forbidden"}"#, "ForbiddenException");
        recue.verifier_cors_de_passerelle(BOUTIQUE);
    }
    // Sans jeton ni clé : l'autorisateur passe avant la clé, donc 401 (page 7.6).
    let sans_rien = banc.envoyer("DELETE", &format!("/produits/{id}"), &[], None);
    assert_eq!(
        sans_rien.statut, 401,
        "l'autorisateur passe avant la clé ({PAGE_ORDRE}) : {sans_rien:?}"
    );
    let bonne = supprimer(&banc, &id, &deux_portees, Some(&banc.cle));
    assert_eq!(bonne.statut, 204, "la clé du plan est acceptée : {bonne:?}");
    assert_eq!(banc.cle.len(), 40);
    assert!(banc.cle.chars().all(|c| c.is_ascii_alphanumeric()));
}
