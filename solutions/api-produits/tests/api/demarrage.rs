//! Le démarrage à froid des deux binaires : une configuration fausse l'arrête avec un message
//! clair, avant la boucle du runtime (le binaire est lancé tel que Lambda le lancerait).

use std::process::Command;

/// Lance `binaire` avec ces variables (et sans aucune autre variable de l'API), renvoie son
/// code de sortie et tout ce qu'il a écrit.
fn lancer(binaire: &str, variables: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut commande = Command::new(binaire);
    for variable in [
        "TABLE_PRODUITS",
        "DYNAMODB_ENDPOINT",
        "ORIGINES_AUTORISEES",
        "JWT_ISSUER",
        "JWT_AUDIENCE",
        "JWKS_URL",
        "AWS_LAMBDA_RUNTIME_API",
    ] {
        commande.env_remove(variable);
    }
    commande.envs(variables.iter().copied());
    let sortie = commande
        .output()
        .unwrap_or_else(|erreur| panic!("impossible de lancer {binaire} : {erreur}"));
    let texte = format!(
        "{}{}",
        String::from_utf8_lossy(&sortie.stdout),
        String::from_utf8_lossy(&sortie.stderr)
    );
    (sortie.status.code(), texte)
}

#[test]
fn l_api_refuse_de_demarrer_avec_une_table_vide_ou_des_origines_refusees() {
    let api = env!("CARGO_BIN_EXE_api-produits");
    let cas = [
        (("TABLE_PRODUITS", ""), "TABLE_PRODUITS"),
        (
            ("ORIGINES_AUTORISEES", "*,https://boutique.exemple.fr"),
            "ORIGINES_AUTORISEES",
        ),
        (
            ("ORIGINES_AUTORISEES", "https://boutique.exemple.fr/"),
            "ORIGINES_AUTORISEES",
        ),
    ];
    for (variable, attendu) in cas {
        let (code, texte) = lancer(api, &[variable]);
        assert_ne!(
            code,
            Some(0),
            "{variable:?} : attendu un démarrage refusé, sortie : {texte}"
        );
        assert!(
            texte.contains(attendu),
            "{variable:?} : attendu un message qui nomme {attendu}, reçu : {texte}"
        );
    }
}

#[test]
fn l_autorisateur_refuse_de_demarrer_sans_sa_configuration() {
    let autorisateur = env!("CARGO_BIN_EXE_autorisateur");
    let (code, texte) = lancer(autorisateur, &[]);
    assert_ne!(
        code,
        Some(0),
        "attendu un démarrage refusé sans JWT_ISSUER, sortie : {texte}"
    );
    assert!(
        texte.contains("JWT_ISSUER"),
        "attendu un message qui nomme JWT_ISSUER, reçu : {texte}"
    );
}
