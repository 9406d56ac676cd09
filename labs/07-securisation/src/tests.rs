//! Tests de notation de l'atelier 07 (partagés avec la solution : ne les modifiez pas).
//!
//! Ils sont rangés par étape, dans l'ordre du travail (`etape_1_…` à `etape_7_…`) :
//! `cargo test` affiche les échecs dans l'ordre alphabétique, donc le premier échec affiché
//! est celui de la prochaine fonction à écrire. Les jetons sont signés ici même, avec les
//! clés de **test** du dépôt (`cles-de-test/`) ; les jetons forgés imitent les attaques
//! connues. Les événements sont de vrais événements TOKEN (`evenements/token.json`), et la
//! sortie de l'autorisateur est jugée comme API Gateway la juge ([`crate::evaluation`]).
//! Les dates des jetons se comptent à partir de l'horloge du système, avec des marges d'une
//! heure : aucun test n'attend.

use crate::Autorisateur;
use crate::cle_api::ClesApi;
use crate::cles::{JeuDeCles, SourceDeCles};
use crate::cles_de_test::{
    AUDIENCE_LOCALE, CLE_PRIVEE_DE_L_ATTAQUANT, CLE_PRIVEE_DE_TEST, CLE_PUBLIQUE_DE_TEST,
    EMETTEUR_LOCAL, JWKS_DE_L_ATTAQUANT, JWKS_DE_TEST, KID_DE_TEST, chemin_jwks_de_test,
    secondes_unix,
};
use crate::configuration::Configuration;
use crate::evaluation::{Autorisation, Decision, evaluer, interpreter};
use crate::jeton::{Revendications, extraire_jeton, verifier_jeton};
use crate::politique::{ArnMethode, DROITS, Droit, contexte, droits_accordes, politique};
use crate::refus::{ErreurConfiguration, Refus, UNAUTHORIZED};
use crate::reponses::{
    CLE_API_REFUSEE, NON_AUTORISE, REFUS_EXPLICITE, REFUS_IMPLICITE, ReponsePasserelle,
};
use aws_lambda_events::apigw::ApiGatewayCustomAuthorizerRequest;
use aws_lambda_events::http::{HeaderMap, HeaderValue};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use lambda_runtime::Diagnostic;
use serde_json::{Map, Value, json};
use std::collections::HashMap;

const PAGE_JWT: &str = "page « 7.5 Vérifier un JWT pas à pas » (chapters/ch07-securisation/jwt.md)";
const PAGE_REPONSE: &str =
    "page « 7.3 La réponse de l'autorisateur » (chapters/ch07-securisation/reponse.md)";
const PAGE_CACHE: &str =
    "page « 7.4 Le cache des autorisations, et son piège » (chapters/ch07-securisation/cache.md)";

const EVENEMENT_TOKEN: &str = include_str!("../evenements/token.json");
const ARN_POST: &str = "arn:aws:execute-api:eu-west-3:123456789012:abc123defg/prod/POST/produits";
const ARN_DELETE: &str =
    "arn:aws:execute-api:eu-west-3:123456789012:abc123defg/prod/DELETE/produits/42";
const RESSOURCE_POST: &str =
    "arn:aws:execute-api:eu-west-3:123456789012:abc123defg/prod/POST/produits";
const RESSOURCE_DELETE: &str =
    "arn:aws:execute-api:eu-west-3:123456789012:abc123defg/prod/DELETE/produits/*";
const TOUTE_L_ETAPE: &str = "arn:aws:execute-api:eu-west-3:123456789012:abc123defg/prod/*/*";

// --- Outils des tests --------------------------------------------------------------------------

/// Les revendications d'un jeton valide, que chaque test modifie à sa façon.
fn revendications_valides() -> Map<String, Value> {
    let maintenant = secondes_unix();
    let valeur = json!({
        "iss": EMETTEUR_LOCAL,
        "aud": AUDIENCE_LOCALE,
        "sub": "etudiant-1",
        "scope": "produits:ecrire",
        "iat": maintenant,
        "nbf": maintenant,
        "exp": maintenant + 600,
    });
    match valeur {
        Value::Object(objet) => objet,
        _ => unreachable!(),
    }
}

fn entete(alg: Algorithm, kid: Option<&str>) -> Header {
    let mut entete = Header::new(alg);
    entete.kid = kid.map(str::to_string);
    entete
}

fn signer_avec(entete: &Header, revendications: &Map<String, Value>, cle_pem: &str) -> String {
    let cle = EncodingKey::from_rsa_pem(cle_pem.as_bytes()).expect("clé de test lisible");
    jsonwebtoken::encode(entete, revendications, &cle).expect("signature du jeton de test")
}

/// Un jeton signé par la clé de test, avec `kid` = celui du JWKS de test.
fn jeton_avec(modifier: impl FnOnce(&mut Map<String, Value>)) -> String {
    let mut revendications = revendications_valides();
    modifier(&mut revendications);
    signer_avec(
        &entete(Algorithm::RS256, Some(KID_DE_TEST)),
        &revendications,
        CLE_PRIVEE_DE_TEST,
    )
}

fn jeton_valide() -> String {
    jeton_avec(|_| {})
}

fn b64(valeur: &Value) -> String {
    URL_SAFE_NO_PAD.encode(valeur.to_string())
}

/// `alg: none` : un en-tête, une charge, et une signature vide.
fn jeton_alg_none() -> String {
    let entete = json!({"alg": "none", "typ": "JWT", "kid": KID_DE_TEST});
    format!(
        "{}.{}.",
        b64(&entete),
        b64(&Value::Object(revendications_valides()))
    )
}

/// La confusion d'algorithme : HS256, avec la clé publique RSA (connue de tous) pour secret.
fn jeton_hs256_cle_publique() -> String {
    let cle = EncodingKey::from_secret(CLE_PUBLIQUE_DE_TEST.as_bytes());
    jsonwebtoken::encode(
        &entete(Algorithm::HS256, Some(KID_DE_TEST)),
        &revendications_valides(),
        &cle,
    )
    .expect("signature HS256")
}

fn jwk_de_l_attaquant() -> jsonwebtoken::jwk::Jwk {
    let jeu: JwkSet = serde_json::from_str(JWKS_DE_L_ATTAQUANT).expect("JWKS de l'attaquant");
    jeu.keys[0].clone()
}

/// Signé par l'attaquant, qui glisse sa propre clé publique dans l'en-tête `jwk`.
fn jeton_en_tete_jwk() -> String {
    let mut entete = entete(Algorithm::RS256, Some(KID_DE_TEST));
    entete.jwk = Some(jwk_de_l_attaquant());
    signer_avec(
        &entete,
        &revendications_valides(),
        CLE_PRIVEE_DE_L_ATTAQUANT,
    )
}

/// Signé par l'attaquant, qui pointe l'en-tête `jku` vers son propre JWKS. L'adresse est en
/// `file://`, qu'on sait lire : un code qui suivrait `jku` trouverait vraiment la clé de
/// l'attaquant, et accepterait le jeton.
fn jeton_en_tete_jku() -> String {
    let jwks_de_l_attaquant = chemin_jwks_de_test().with_file_name("jwks-de-l-attaquant.json");
    assert!(
        jwks_de_l_attaquant.is_file(),
        "le JWKS de l'attaquant manque : {}",
        jwks_de_l_attaquant.display()
    );
    let mut entete = entete(Algorithm::RS256, Some("cle-de-l-attaquant"));
    entete.jku = Some(format!("file://{}", jwks_de_l_attaquant.display()));
    signer_avec(
        &entete,
        &revendications_valides(),
        CLE_PRIVEE_DE_L_ATTAQUANT,
    )
}

/// Un jeton valide dont la charge a été remplacée (plus de portées), signature d'origine gardée.
fn jeton_charge_alteree() -> String {
    let valide = jeton_valide();
    let parties: Vec<&str> = valide.split('.').collect();
    let mut revendications = revendications_valides();
    revendications.insert("scope".into(), "produits:ecrire produits:supprimer".into());
    format!(
        "{}.{}.{}",
        parties[0],
        b64(&Value::Object(revendications)),
        parties[2]
    )
}

fn cles_de_test() -> SourceDeCles {
    SourceDeCles::fixe(JeuDeCles::depuis_json(JWKS_DE_TEST).expect("JWKS de test"))
}

fn autorisateur() -> Autorisateur {
    Autorisateur::avec_cles(Configuration::locale(), cles_de_test())
}

fn verifier(jeton: &str) -> Result<Revendications, Refus> {
    verifier_jeton(jeton, &cles_de_test(), &Configuration::locale())
}

/// Le motif attendu d'un refus par `jsonwebtoken`.
#[track_caller]
fn attendre_erreur_jwt(resultat: Result<Revendications, Refus>, attendu: ErrorKind, cas: &str) {
    match resultat {
        Err(Refus::JetonInvalide(erreur))
            if std::mem::discriminant(erreur.kind()) == std::mem::discriminant(&attendu) => {}
        autre => panic!(
            "{cas} : attendu Err(Refus::JetonInvalide) de genre {attendu:?}, obtenu {autre:?} \
             ({PAGE_JWT})"
        ),
    }
}

/// Un vrai événement TOKEN : le fichier `evenements/token.json`, avec l'en-tête et l'ARN donnés.
fn evenement(authorization: Option<&str>, methode_arn: &str) -> ApiGatewayCustomAuthorizerRequest {
    let mut valeur: Value = serde_json::from_str(EVENEMENT_TOKEN).expect("evenements/token.json");
    match authorization {
        Some(texte) => valeur["authorizationToken"] = Value::from(texte),
        None => {
            valeur
                .as_object_mut()
                .expect("un objet")
                .remove("authorizationToken");
        }
    }
    valeur["methodArn"] = Value::from(methode_arn);
    serde_json::from_value(valeur).expect("un événement TOKEN lisible par aws_lambda_events")
}

/// Ce que reçoit le client : l'autorisateur est appelé pour `arn_autorise` (la première
/// requête), puis sa sortie est jugée par API Gateway pour `arn_appele` (la même requête, ou
/// une suivante qui retrouve la réponse dans le cache).
fn juger(
    authorization: &str,
    arn_autorise: &str,
    arn_appele: &str,
) -> Result<Autorisation, ReponsePasserelle> {
    match autorisateur().autoriser(&evenement(Some(authorization), arn_autorise)) {
        Ok(reponse) => {
            let json = serde_json::to_value(&reponse).expect("réponse sérialisable");
            interpreter(Ok(&json), arn_appele)
        }
        Err(refus) => {
            let diagnostic = Diagnostic::from(refus);
            interpreter(Err(diagnostic.error_message.as_str()), arn_appele)
        }
    }
}

fn bearer(jeton: &str) -> String {
    format!("Bearer {jeton}")
}

fn variables(liste: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let table: HashMap<String, String> = liste
        .iter()
        .map(|(nom, valeur)| (nom.to_string(), valeur.to_string()))
        .collect();
    move |nom| table.get(nom).cloned()
}

fn variables_valides() -> Vec<(&'static str, &'static str)> {
    vec![
        ("JWT_ISSUER", "https://auth.exemple.fr/"),
        ("JWT_AUDIENCE", "api-produits"),
        ("JWKS_URL", "https://auth.exemple.fr/.well-known/jwks.json"),
    ]
}

// --- Étape 1 : la configuration ------------------------------------------------------------------

mod etape_1_configuration {
    use super::*;

    #[test]
    fn lit_les_trois_variables_sans_leurs_espaces() {
        let lire = variables(&[
            ("JWT_ISSUER", " https://auth.exemple.fr/ "),
            ("JWT_AUDIENCE", "api-produits\n"),
            ("JWKS_URL", "https://auth.exemple.fr/.well-known/jwks.json"),
        ]);
        let configuration = Configuration::depuis(lire);
        assert_eq!(
            configuration,
            Ok(Configuration {
                emetteur: "https://auth.exemple.fr/".into(),
                audience: "api-produits".into(),
                jwks_url: "https://auth.exemple.fr/.well-known/jwks.json".into(),
            }),
            "attendu les trois valeurs, sans les espaces autour ({PAGE_JWT})"
        );
    }

    #[test]
    fn refuse_de_demarrer_sans_une_des_trois_variables() {
        for absente in ["JWT_ISSUER", "JWT_AUDIENCE", "JWKS_URL"] {
            let liste: Vec<_> = variables_valides()
                .into_iter()
                .filter(|(nom, _)| *nom != absente)
                .collect();
            let resultat = Configuration::depuis(variables(&liste));
            assert_eq!(
                resultat,
                Err(ErreurConfiguration::VariableAbsente(absente)),
                "sans {absente}, attendu Err(VariableAbsente({absente:?})), obtenu {resultat:?}"
            );
            let message = resultat.unwrap_err().to_string();
            assert!(
                message.contains(absente),
                "le message d'erreur doit nommer la variable {absente}, reçu {message:?}"
            );
        }
    }

    #[test]
    fn une_variable_vide_ou_faite_d_espaces_compte_comme_absente() {
        for valeur in ["", "   "] {
            let mut liste = variables_valides();
            liste[1] = ("JWT_AUDIENCE", valeur);
            let resultat = Configuration::depuis(variables(&liste));
            assert_eq!(
                resultat,
                Err(ErreurConfiguration::VariableAbsente("JWT_AUDIENCE")),
                "JWT_AUDIENCE = {valeur:?} : attendu VariableAbsente, obtenu {resultat:?} \
                 (sans audience, n'importe quel jeton de l'émetteur passerait)"
            );
        }
    }

    #[test]
    fn refuse_un_jwks_url_ni_https_ni_file_absolu() {
        for url in [
            "http://auth.exemple.fr/jwks.json",
            "auth.exemple.fr/jwks.json",
            "https://",
            "file://cles/jwks.json",
            "ftp://auth.exemple.fr/jwks.json",
        ] {
            let mut liste = variables_valides();
            liste[2] = ("JWKS_URL", url);
            let resultat = Configuration::depuis(variables(&liste));
            assert_eq!(
                resultat,
                Err(ErreurConfiguration::JwksUrlInvalide(url.to_string())),
                "JWKS_URL = {url:?} : attendu JwksUrlInvalide, obtenu {resultat:?} ({PAGE_JWT})"
            );
        }
    }

    #[test]
    fn accepte_un_jwks_en_file_absolu_pour_les_essais_locaux() {
        let url = format!("file://{}", chemin_jwks_de_test().display());
        let mut liste = variables_valides();
        liste[2] = ("JWKS_URL", url.as_str());
        let configuration = Configuration::depuis(variables(&liste));
        assert!(
            matches!(&configuration, Ok(c) if c.jwks_url == url),
            "JWKS_URL = {url:?} : attendu Ok, obtenu {configuration:?}"
        );
        let autorisateur = Autorisateur::demarrer(configuration.unwrap());
        assert!(
            autorisateur.is_ok(),
            "le JWKS de test aurait dû se charger : {:?}",
            autorisateur.err()
        );
    }

    #[test]
    fn un_jwks_introuvable_fait_echouer_le_demarrage() {
        let mut liste = variables_valides();
        liste[2] = ("JWKS_URL", "file:///nulle/part/jwks.json");
        let configuration = Configuration::depuis(variables(&liste))
            .expect("une configuration complète, en file:// absolu");
        let resultat = Autorisateur::demarrer(configuration);
        assert!(
            matches!(resultat, Err(ErreurConfiguration::JwksIllisible { .. })),
            "attendu Err(JwksIllisible) : un autorisateur sans clés ne doit pas démarrer"
        );
    }
}

// --- Étape 2 : l'en-tête Authorization -----------------------------------------------------------

mod etape_2_en_tete_authorization {
    use super::*;

    #[test]
    fn extrait_le_jeton_d_un_en_tete_bearer() {
        let jeton = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        for en_tete in [format!("Bearer {jeton}"), format!("bearer {jeton}")] {
            assert_eq!(
                extraire_jeton(Some(&en_tete)),
                Ok(jeton),
                "attendu le jeton de {en_tete:?} (le schéma ignore la casse, RFC 6750)"
            );
        }
    }

    #[test]
    fn refuse_un_en_tete_absent_ou_vide() {
        for en_tete in [None, Some(""), Some("   ")] {
            assert_eq!(
                extraire_jeton(en_tete),
                Err(Refus::EnTeteAbsent),
                "en-tête {en_tete:?} : attendu Err(Refus::EnTeteAbsent)"
            );
        }
    }

    #[test]
    fn refuse_un_autre_schema_que_bearer() {
        let jeton = jeton_valide();
        for en_tete in [
            jeton.clone(),
            format!("Basic {jeton}"),
            format!("Token {jeton}"),
            "Bearer".to_string(),
            "Bearer ".to_string(),
        ] {
            let resultat = extraire_jeton(Some(&en_tete));
            assert!(
                matches!(resultat, Err(Refus::EnTeteMalForme(_))),
                "en-tête {:?} : attendu Err(Refus::EnTeteMalForme), obtenu {resultat:?}",
                tronquer(&en_tete)
            );
        }
    }

    #[test]
    fn refuse_deux_jetons() {
        let jeton = jeton_valide();
        for en_tete in [
            format!("Bearer {jeton} {jeton}"),
            format!("Bearer {jeton},{jeton}"),
            format!("Bearer {jeton}, Bearer {jeton}"),
            format!("Bearer  {jeton}"),
        ] {
            let resultat = extraire_jeton(Some(&en_tete));
            assert!(
                matches!(resultat, Err(Refus::EnTeteMalForme(_))),
                "en-tête {:?} : attendu Err(Refus::EnTeteMalForme), obtenu {resultat:?}",
                tronquer(&en_tete)
            );
        }
    }

    #[test]
    fn refuse_un_jeton_qui_n_a_pas_trois_parties_base64url() {
        for jeton in [
            "abc", "a.b", "a..c", ".b.c", "a.b.c.d", "a.b+c.d", "a.b/c.d", "a.é.c",
        ] {
            let en_tete = bearer(jeton);
            let resultat = extraire_jeton(Some(&en_tete));
            assert!(
                matches!(resultat, Err(Refus::EnTeteMalForme(_))),
                "jeton {jeton:?} : attendu Err(Refus::EnTeteMalForme), obtenu {resultat:?} \
                 ({PAGE_JWT})"
            );
        }
    }

    #[test]
    fn refuse_un_jeton_de_64_kio_sans_le_decoder() {
        let partie = "A".repeat(64 * 1024 / 3);
        let en_tete = bearer(&format!("{partie}.{partie}.{partie}"));
        let resultat = extraire_jeton(Some(&en_tete));
        assert_eq!(
            resultat,
            Err(Refus::JetonTropLong(en_tete.len())),
            "un en-tête de {} octets : attendu Err(Refus::JetonTropLong({})) ({PAGE_JWT})",
            en_tete.len(),
            en_tete.len()
        );
    }

    fn tronquer(texte: &str) -> String {
        texte.chars().take(40).collect()
    }
}

// --- Étape 3 : la vérification du jeton ----------------------------------------------------------

mod etape_3_verification_du_jeton {
    use super::*;

    #[test]
    fn accepte_un_jeton_valide_et_rend_ses_revendications() {
        let resultat = verifier(&jeton_valide());
        assert_eq!(
            resultat,
            Ok(Revendications {
                sub: "etudiant-1".into(),
                scope: "produits:ecrire".into(),
            }),
            "un jeton RS256 signé par la clé de test, de la bonne audience et du bon émetteur, \
             doit être accepté ({PAGE_JWT})"
        );
    }

    #[test]
    fn tolere_un_petit_decalage_d_horloge() {
        let jeton = jeton_avec(|r| {
            r.insert("exp".into(), (secondes_unix() - 10).into());
        });
        let resultat = verifier(&jeton);
        assert!(
            resultat.is_ok(),
            "un jeton expiré depuis 10 s passe encore (tolérance de 30 s), obtenu {resultat:?}"
        );
    }

    #[test]
    fn refuse_un_jeton_expire() {
        let jeton = jeton_avec(|r| {
            r.insert("exp".into(), (secondes_unix() - 3600).into());
        });
        attendre_erreur_jwt(
            verifier(&jeton),
            ErrorKind::ExpiredSignature,
            "expiré depuis une heure",
        );
    }

    #[test]
    fn refuse_un_jeton_pas_encore_valide() {
        let jeton = jeton_avec(|r| {
            r.insert("nbf".into(), (secondes_unix() + 3600).into());
        });
        attendre_erreur_jwt(
            verifier(&jeton),
            ErrorKind::ImmatureSignature,
            "nbf dans une heure (jsonwebtoken ne vérifie nbf que si on le lui demande)",
        );
    }

    #[test]
    fn refuse_un_autre_emetteur() {
        let jeton = jeton_avec(|r| {
            r.insert("iss".into(), "https://attaquant.exemple/".into());
        });
        attendre_erreur_jwt(
            verifier(&jeton),
            ErrorKind::InvalidIssuer,
            "iss d'un autre émetteur",
        );
    }

    #[test]
    fn refuse_une_autre_audience() {
        let jeton = jeton_avec(|r| {
            r.insert("aud".into(), "une-autre-api".into());
        });
        attendre_erreur_jwt(
            verifier(&jeton),
            ErrorKind::InvalidAudience,
            "aud d'une autre API",
        );
    }

    #[test]
    fn refuse_un_jeton_sans_audience_sans_emetteur_sans_sujet_ou_sans_expiration() {
        for revendication in ["aud", "iss", "exp"] {
            let jeton = jeton_avec(|r| {
                r.remove(revendication);
            });
            attendre_erreur_jwt(
                verifier(&jeton),
                ErrorKind::MissingRequiredClaim(revendication.into()),
                &format!("sans `{revendication}` (à rendre obligatoire dans la Validation)"),
            );
        }
        let sans_sujet = verifier(&jeton_avec(|r| {
            r.remove("sub");
        }));
        assert!(
            matches!(sans_sujet, Err(Refus::JetonInvalide(_))),
            "sans `sub` : attendu Err(Refus::JetonInvalide), obtenu {sans_sujet:?}"
        );
    }

    #[test]
    fn refuse_alg_none() {
        let resultat = verifier(&jeton_alg_none());
        assert!(
            matches!(resultat, Err(Refus::AlgorithmeRefuse(_))),
            "un jeton `alg: none`, sans signature : attendu Err(Refus::AlgorithmeRefuse), \
             obtenu {resultat:?} ({PAGE_JWT})"
        );
    }

    #[test]
    fn refuse_hs256_signe_avec_la_cle_publique() {
        let resultat = verifier(&jeton_hs256_cle_publique());
        assert!(
            matches!(resultat, Err(Refus::AlgorithmeRefuse(_))),
            "HS256 avec la clé publique pour secret (confusion d'algorithme) : attendu \
             Err(Refus::AlgorithmeRefuse), obtenu {resultat:?} ({PAGE_JWT})"
        );
    }

    #[test]
    fn refuse_un_autre_algorithme_rsa_que_rs256() {
        let jeton = signer_avec(
            &entete(Algorithm::RS512, Some(KID_DE_TEST)),
            &revendications_valides(),
            CLE_PRIVEE_DE_TEST,
        );
        let resultat = verifier(&jeton);
        assert!(
            matches!(resultat, Err(Refus::AlgorithmeRefuse(_))),
            "RS512, même signé par la bonne clé : attendu Err(Refus::AlgorithmeRefuse) \
             (RS256 seul), obtenu {resultat:?}"
        );
    }

    #[test]
    fn refuse_un_jeton_sans_kid() {
        let jeton = signer_avec(
            &entete(Algorithm::RS256, None),
            &revendications_valides(),
            CLE_PRIVEE_DE_TEST,
        );
        assert_eq!(
            verifier(&jeton),
            Err(Refus::KidAbsent),
            "sans `kid`, on ne sait pas quelle clé a signé : attendu Err(Refus::KidAbsent)"
        );
    }

    #[test]
    fn refuse_un_kid_inconnu() {
        let jeton = signer_avec(
            &entete(Algorithm::RS256, Some("cle-de-l-attaquant")),
            &revendications_valides(),
            CLE_PRIVEE_DE_L_ATTAQUANT,
        );
        assert_eq!(
            verifier(&jeton),
            Err(Refus::CleInconnue("cle-de-l-attaquant".into())),
            "un `kid` absent du JWKS : attendu Err(Refus::CleInconnue)"
        );
    }

    #[test]
    fn refuse_la_signature_d_une_autre_cle() {
        let jeton = signer_avec(
            &entete(Algorithm::RS256, Some(KID_DE_TEST)),
            &revendications_valides(),
            CLE_PRIVEE_DE_L_ATTAQUANT,
        );
        attendre_erreur_jwt(
            verifier(&jeton),
            ErrorKind::InvalidSignature,
            "le bon `kid`, mais signé par la clé de l'attaquant",
        );
    }

    #[test]
    fn refuse_une_charge_alteree() {
        attendre_erreur_jwt(
            verifier(&jeton_charge_alteree()),
            ErrorKind::InvalidSignature,
            "la charge modifiée après la signature",
        );
    }

    #[test]
    fn ignore_les_en_tetes_jwk_et_jku_de_l_attaquant() {
        attendre_erreur_jwt(
            verifier(&jeton_en_tete_jwk()),
            ErrorKind::InvalidSignature,
            "en-tête `jwk` portant la clé de l'attaquant (la clé vient du JWKS, jamais du jeton)",
        );
        assert_eq!(
            verifier(&jeton_en_tete_jku()),
            Err(Refus::CleInconnue("cle-de-l-attaquant".into())),
            "en-tête `jku` vers le JWKS de l'attaquant : attendu Err(Refus::CleInconnue), \
             la seule adresse de JWKS est celle de la configuration ({PAGE_JWT})"
        );
    }

    #[test]
    fn refuse_un_sub_vide() {
        let jeton = jeton_avec(|r| {
            r.insert("sub".into(), "".into());
        });
        let resultat = verifier(&jeton);
        assert!(
            matches!(resultat, Err(Refus::JetonInutilisable(_))),
            "`sub` vide : il n'y aurait pas de principalId ; attendu \
             Err(Refus::JetonInutilisable), obtenu {resultat:?}"
        );
    }
}

// --- Étape 4 : la politique ------------------------------------------------------------------------

mod etape_4_politique {
    use super::*;

    fn arn(texte: &str) -> ArnMethode {
        ArnMethode::analyser(texte).expect("ARN de test lisible")
    }

    #[test]
    fn chaque_portee_accorde_son_droit_et_rien_de_plus() {
        let cas: [(&[&str], Vec<Droit>); 5] = [
            (&["produits:ecrire"], vec![DROITS[0]]),
            (&["produits:supprimer"], vec![DROITS[1]]),
            (&["produits:supprimer", "produits:ecrire"], DROITS.to_vec()),
            (&["produits:lire", "admin", "produits:*"], vec![]),
            (&[], vec![]),
        ];
        for (scopes, attendu) in cas {
            assert_eq!(
                droits_accordes(scopes),
                attendu,
                "portées {scopes:?} : attendu les droits {attendu:?}, dans l'ordre de DROITS \
                 ({PAGE_REPONSE})"
            );
        }
    }

    #[test]
    fn la_politique_autorise_les_ressources_des_droits_dans_l_api_et_l_etape_appelees() {
        let politique = politique(&arn(ARN_POST), &DROITS);
        let json = serde_json::to_value(&politique).expect("politique sérialisable");
        assert_eq!(
            json,
            json!({
                "Version": "2012-10-17",
                "Statement": [{
                    "Action": ["execute-api:Invoke"],
                    "Effect": "Allow",
                    "Resource": [RESSOURCE_POST, RESSOURCE_DELETE],
                }],
            }),
            "attendu un Allow sur les deux ressources, construites avec l'API et l'étape du \
             methodArn ({PAGE_REPONSE})"
        );
    }

    #[test]
    fn la_politique_ne_depend_pas_de_la_methode_appelee() {
        let droits = [DROITS[0]];
        let pour_post = politique(&arn(ARN_POST), &droits);
        let pour_delete = politique(&arn(ARN_DELETE), &droits);
        assert_eq!(
            pour_post, pour_delete,
            "la même politique quelle que soit la méthode du methodArn : API Gateway la garde \
             en cache et la réutilise pour toutes les méthodes ({PAGE_CACHE})"
        );
        assert_eq!(
            evaluer(&pour_delete, ARN_POST),
            Decision::Autorise,
            "avec produits:ecrire, POST /produits est autorisé, même si l'autorisateur a été \
             appelé pour un DELETE ({PAGE_CACHE})"
        );
        assert_eq!(
            evaluer(&pour_post, ARN_DELETE),
            Decision::RefusImplicite,
            "avec produits:ecrire seul, DELETE /produits/42 n'est pas couvert ({PAGE_CACHE})"
        );
    }

    #[test]
    fn sans_aucun_droit_la_politique_refuse_toute_l_etape() {
        let politique = politique(&arn(ARN_POST), &[]);
        let json = serde_json::to_value(&politique).expect("politique sérialisable");
        assert_eq!(
            json["Statement"],
            json!([{
                "Action": ["execute-api:Invoke"],
                "Effect": "Deny",
                "Resource": [TOUTE_L_ETAPE],
            }]),
            "sans portée utile : attendu un seul Deny sur toute l'étape ({PAGE_REPONSE})"
        );
        for appel in [ARN_POST, ARN_DELETE] {
            assert_eq!(evaluer(&politique, appel), Decision::RefusExplicite);
        }
    }
}

// --- Étape 5 : le contexte -------------------------------------------------------------------------

mod etape_5_contexte {
    use super::*;

    #[test]
    fn le_contexte_porte_sub_et_les_portees_en_chaines() {
        let revendications = Revendications {
            sub: "etudiant-1".into(),
            scope: "produits:ecrire  produits:supprimer".into(),
        };
        assert_eq!(
            Value::Object(contexte(&revendications)),
            json!({"sub": "etudiant-1", "scopes": "produits:ecrire produits:supprimer"}),
            "attendu deux chaînes : une valeur de contexte ne peut être ni un tableau ni un \
             objet ({PAGE_REPONSE})"
        );
    }

    #[test]
    fn un_jeton_sans_portee_donne_des_portees_vides() {
        let revendications = Revendications {
            sub: "etudiant-2".into(),
            scope: String::new(),
        };
        assert_eq!(
            Value::Object(contexte(&revendications)),
            json!({"sub": "etudiant-2", "scopes": ""})
        );
    }
}

// --- Étape 6 : l'événement TOKEN, de bout en bout --------------------------------------------------

mod etape_6_autoriser {
    use super::*;

    #[test]
    fn un_jeton_valide_passe_avec_son_principal_et_son_contexte() {
        let resultat = juger(&bearer(&jeton_valide()), ARN_POST, ARN_POST);
        assert_eq!(
            resultat,
            Ok(Autorisation {
                principal_id: "etudiant-1".into(),
                contexte: match json!({"sub": "etudiant-1", "scopes": "produits:ecrire"}) {
                    Value::Object(objet) => objet,
                    _ => unreachable!(),
                },
            }),
            "POST /produits avec produits:ecrire : attendu la requête autorisée, principalId = \
             sub, et le contexte"
        );
    }

    #[test]
    fn la_reponse_a_la_forme_documentee() {
        let reponse = autorisateur()
            .autoriser(&evenement(Some(&bearer(&jeton_valide())), ARN_POST))
            .expect("un jeton valide est autorisé");
        let json = serde_json::to_value(&reponse).expect("réponse sérialisable");
        assert_eq!(json["principalId"], "etudiant-1");
        assert_eq!(json["policyDocument"]["Version"], "2012-10-17");
        assert_eq!(
            json["policyDocument"]["Statement"][0]["Resource"],
            json!([RESSOURCE_POST]),
            "la réponse JSON : {json}"
        );
        assert_eq!(json["context"]["sub"], "etudiant-1");
    }

    #[test]
    fn la_politique_en_cache_reste_juste_pour_une_autre_methode() {
        // Premier appel : POST, l'autorisateur est invoqué. Second : DELETE, même jeton,
        // API Gateway reprend la politique du cache sans rappeler l'autorisateur.
        let ecrire = bearer(&jeton_valide());
        assert_eq!(
            juger(&ecrire, ARN_POST, ARN_DELETE),
            Err(REFUS_IMPLICITE),
            "produits:ecrire seul, DELETE servi par le cache : attendu le 403 \
             {} ({PAGE_CACHE})",
            REFUS_IMPLICITE.corps
        );
        let tout = bearer(&jeton_avec(|r| {
            r.insert("scope".into(), "produits:ecrire produits:supprimer".into());
        }));
        let resultat = juger(&tout, ARN_POST, ARN_DELETE);
        assert!(
            resultat.is_ok(),
            "produits:ecrire et produits:supprimer : le DELETE servi par le cache de la \
             politique écrite pour le POST doit passer, obtenu {resultat:?} ({PAGE_CACHE})"
        );
    }

    #[test]
    fn un_jeton_sans_portee_utile_recoit_le_403_d_api_gateway() {
        let lire = bearer(&jeton_avec(|r| {
            r.insert("scope".into(), "produits:lire".into());
        }));
        let resultat = juger(&lire, ARN_POST, ARN_POST);
        assert_eq!(
            resultat,
            Err(REFUS_EXPLICITE),
            "un jeton valide sans produits:ecrire : attendu 403 {} (notez le M majuscule), \
             obtenu {resultat:?}",
            REFUS_EXPLICITE.corps
        );
    }

    #[test]
    fn aucun_jeton_forge_n_est_accepte() {
        let maintenant = secondes_unix();
        let valide = jeton_valide();
        let forges: Vec<(&str, String)> = vec![
            ("alg: none", bearer(&jeton_alg_none())),
            (
                "HS256 signé avec la clé publique",
                bearer(&jeton_hs256_cle_publique()),
            ),
            (
                "expiré",
                bearer(&jeton_avec(|r| {
                    r.insert("exp".into(), (maintenant - 3600).into());
                })),
            ),
            (
                "nbf dans le futur",
                bearer(&jeton_avec(|r| {
                    r.insert("nbf".into(), (maintenant + 3600).into());
                })),
            ),
            (
                "mauvais iss",
                bearer(&jeton_avec(|r| {
                    r.insert("iss".into(), "https://attaquant.exemple/".into());
                })),
            ),
            (
                "mauvaise aud",
                bearer(&jeton_avec(|r| {
                    r.insert("aud".into(), "une-autre-api".into());
                })),
            ),
            (
                "sans aud",
                bearer(&jeton_avec(|r| {
                    r.remove("aud");
                })),
            ),
            (
                "signé par une autre clé",
                bearer(&signer_avec(
                    &entete(Algorithm::RS256, Some(KID_DE_TEST)),
                    &revendications_valides(),
                    CLE_PRIVEE_DE_L_ATTAQUANT,
                )),
            ),
            (
                "kid inconnu",
                bearer(&signer_avec(
                    &entete(Algorithm::RS256, Some("cle-de-l-attaquant")),
                    &revendications_valides(),
                    CLE_PRIVEE_DE_L_ATTAQUANT,
                )),
            ),
            ("en-tête jwk de l'attaquant", bearer(&jeton_en_tete_jwk())),
            ("en-tête jku de l'attaquant", bearer(&jeton_en_tete_jku())),
            ("charge altérée", bearer(&jeton_charge_alteree())),
            ("mal formé", bearer("pas.un-jwt")),
            ("vide", String::new()),
            ("sans `Bearer `", valide.clone()),
            ("deux jetons", format!("Bearer {valide} {valide}")),
            (
                "64 Kio",
                bearer(&format!("{valide}{}", "A".repeat(64 * 1024))),
            ),
        ];
        assert!(forges.len() >= 15);
        for (cas, en_tete) in &forges {
            for arn in [ARN_POST, ARN_DELETE] {
                let resultat = juger(en_tete, arn, arn);
                assert_eq!(
                    resultat,
                    Err(NON_AUTORISE),
                    "jeton forgé « {cas} » : attendu le 401 {} (l'erreur `Unauthorized`), \
                     obtenu {resultat:?}",
                    NON_AUTORISE.corps
                );
            }
        }
    }

    #[test]
    fn un_refus_ne_dit_que_unauthorized() {
        let refus = autorisateur()
            .autoriser(&evenement(Some("Bearer pas.un-jwt"), ARN_POST))
            .expect_err("un jeton mal formé est refusé");
        let diagnostic = Diagnostic::from(refus);
        assert_eq!(
            (
                diagnostic.error_type.as_str(),
                diagnostic.error_message.as_str()
            ),
            (UNAUTHORIZED, UNAUTHORIZED),
            "le motif va au journal, pas au client ; tout autre message donnerait un 500"
        );
    }

    #[test]
    fn refuse_un_evenement_qui_n_est_pas_token_ou_sans_arn_lisible() {
        let mut request = evenement(Some(&bearer(&jeton_valide())), ARN_POST);
        request.type_ = Some("REQUEST".into());
        let resultat = autorisateur().autoriser(&request);
        assert!(
            matches!(resultat, Err(Refus::EvenementInattendu(_))),
            "un événement REQUEST : attendu Err(Refus::EvenementInattendu), obtenu {resultat:?}"
        );
        for arn in [
            "",
            "arn:aws:s3:::un-seau",
            "arn:aws:execute-api:eu-west-3:123456789012:abc",
        ] {
            let resultat =
                autorisateur().autoriser(&evenement(Some(&bearer(&jeton_valide())), arn));
            assert!(
                matches!(resultat, Err(Refus::EvenementInattendu(_))),
                "methodArn {arn:?} : attendu Err(Refus::EvenementInattendu), obtenu {resultat:?}"
            );
        }
    }
}

// --- Étape 7 : la clé d'API ------------------------------------------------------------------------

mod etape_7_cle_api {
    use super::*;

    const CLE: &str = "cleDeTestAtelier07abcdefghij0123";

    fn entetes(paires: &[(&'static str, &str)]) -> HeaderMap {
        let mut entetes = HeaderMap::new();
        for (nom, valeur) in paires {
            entetes.append(
                *nom,
                HeaderValue::from_str(valeur).expect("valeur d'en-tête"),
            );
        }
        entetes
    }

    #[test]
    fn accepte_une_cle_connue_quelle_que_soit_la_casse_du_nom() {
        let cles = ClesApi::new([CLE, "uneAutreCleDeTest0123456789"]);
        for nom in ["x-api-key", "X-API-Key", "X-Api-Key"] {
            let resultat = cles.verifier(&entetes(&[(nom, CLE)]));
            assert_eq!(
                resultat,
                Ok(CLE),
                "en-tête {nom} : attendu Ok(la clé), obtenu {resultat:?}"
            );
        }
    }

    #[test]
    fn refuse_sans_cle_ou_avec_une_cle_inconnue_par_le_403_forbidden() {
        let cles = ClesApi::new([CLE]);
        for (cas, entetes) in [
            ("sans en-tête", entetes(&[])),
            ("clé vide", entetes(&[("x-api-key", "")])),
            (
                "clé inconnue",
                entetes(&[("x-api-key", "cleInconnue0123456789abc")]),
            ),
            (
                "clé avec un espace de trop",
                entetes(&[("x-api-key", &format!("{CLE} "))]),
            ),
            (
                "la clé dans Authorization",
                entetes(&[("authorization", CLE)]),
            ),
        ] {
            let resultat = cles.verifier(&entetes);
            assert_eq!(
                resultat,
                Err(CLE_API_REFUSEE),
                "{cas} : attendu le 403 {} d'API Gateway, obtenu {resultat:?}",
                CLE_API_REFUSEE.corps
            );
        }
    }
}
