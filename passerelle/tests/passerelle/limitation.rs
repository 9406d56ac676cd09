//! La limitation de l'étape et du plan d'utilisation, et le quota, avec le limiteur du
//! chapitre 05 et une horloge simulée : les comptes sont exacts, aucun test n'attend.

use crate::commun::*;

const LIMITEE: &str = r#"{"message":"Too Many Requests"}"#;

#[test]
fn la_limite_de_l_etape_accepte_la_rafale_puis_le_debit_exactement() {
    // MethodSettings ramené à 2 requêtes/s et une rafale de 5, pour compter vite.
    let gabarit = remplacer(
        &gabarit_du_depot(),
        "ThrottlingRateLimit: 100\n          ThrottlingBurstLimit: 200",
        "ThrottlingRateLimit: 2\n          ThrottlingBurstLimit: 5",
    );
    let banc = Banc::demarrer(Reglage {
        gabarit,
        ..Reglage::default()
    });
    let statuts = |n| {
        (0..n)
            .map(|_| banc.envoyer("GET", "/produits", &[], None).statut)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        statuts(6),
        [200, 200, 200, 200, 200, 429],
        "rafale de 5, puis 429"
    );
    let refus = banc.envoyer("GET", "/produits", &[], None);
    refus.verifier_erreur(429, LIMITEE, "TooManyRequestsException");
    refus.verifier_cors_de_passerelle(BOUTIQUE);
    assert!(
        refus.entete("Retry-After").is_none(),
        "API Gateway n'envoie pas Retry-After"
    );
    // 0,5 s à 2 jetons/s : un jeton, une requête.
    banc.horloge.avancer(0.5);
    assert_eq!(statuts(2), [200, 429]);
    // Le seau d'étape est par méthode : GET /produits/{id} a le sien.
    let autre = banc.envoyer("GET", "/produits/inconnu", &[], None);
    assert_eq!(
        autre.statut, 404,
        "une autre méthode, un autre seau : {autre:?}"
    );
    // Une seconde entière : deux jetons.
    banc.horloge.avancer(1.0);
    assert_eq!(statuts(3), [200, 200, 429]);
}

fn supprimer(banc: &Banc, autorisation: &str) -> u16 {
    banc.envoyer(
        "DELETE",
        "/produits/6f1c2a1e-8a55-4c43-9b4e-2a7d3c1b9f00",
        &[("Authorization", autorisation), ("x-api-key", &banc.cle)],
        None,
    )
    .statut
}

#[test]
fn le_plan_d_utilisation_limite_la_cle_a_sa_rafale_puis_a_son_debit() {
    let banc = Banc::demarrer(Reglage::default());
    let jeton = bearer(&["produits:supprimer"]);
    // Throttle du plan : rafale 20, 10 requêtes/s. Le produit n'existe pas : 404 de la fonction.
    let premiers: Vec<u16> = (0..21).map(|_| supprimer(&banc, &jeton)).collect();
    assert_eq!(
        premiers[..20],
        [404; 20],
        "les 20 de la rafale passent : {premiers:?}"
    );
    assert_eq!(premiers[20], 429, "la 21e est limitée : {premiers:?}");
    banc.horloge.avancer(0.1);
    assert_eq!(
        [supprimer(&banc, &jeton), supprimer(&banc, &jeton)],
        [404, 429]
    );
    banc.horloge.avancer(1.0);
    let suivants: Vec<u16> = (0..11).map(|_| supprimer(&banc, &jeton)).collect();
    assert_eq!(
        suivants.iter().filter(|s| **s == 404).count(),
        10,
        "10 jetons en 1 s : {suivants:?}"
    );
    assert_eq!(suivants[10], 429);
    // Sans clé exigée, GET ne passe pas par le plan : il reste sous la limite de l'étape.
    assert_eq!(banc.envoyer("GET", "/produits", &[], None).statut, 200);
}

#[test]
fn le_quota_epuise_recoit_limit_exceeded_jusqu_a_la_periode_suivante() {
    let gabarit = remplacer(&gabarit_du_depot(), "Limit: 1000\n", "Limit: 3\n");
    let banc = Banc::demarrer(Reglage {
        gabarit,
        ..Reglage::default()
    });
    let jeton = bearer(&["produits:supprimer"]);
    let statuts: Vec<u16> = (0..3).map(|_| supprimer(&banc, &jeton)).collect();
    assert_eq!(statuts, [404, 404, 404]);
    let epuise = banc.envoyer(
        "DELETE",
        "/produits/6f1c2a1e-8a55-4c43-9b4e-2a7d3c1b9f00",
        &[("Authorization", &jeton), ("x-api-key", &banc.cle)],
        None,
    );
    epuise.verifier_erreur(
        429,
        r#"{"message":"Limit Exceeded"}"#,
        "LimitExceededException",
    );
    epuise.verifier_cors_de_passerelle(BOUTIQUE);
    // Le banc part le 2 mars 2026 à 10 h UTC ; le quota DAY repart à minuit UTC.
    banc.horloge.avancer(13.0 * 3600.0);
    assert_eq!(supprimer(&banc, &jeton), 429, "toujours le 2 mars à 23 h");
    banc.horloge.avancer(3600.0);
    assert_eq!(
        supprimer(&banc, &jeton),
        404,
        "le 3 mars, le quota est neuf"
    );
}
