//! Les clés de **test** et un signataire de jetons de test (fourni, rien à écrire ici).
//!
//! **Ces clés sont dans le dépôt, donc publiques : elles ne servent qu'aux tests et aux
//! essais en local, jamais dans un environnement AWS** (voir `cles-de-test/README.md`).
//! Un autorisateur déployé lit le JWKS de votre vrai émetteur (Cognito, Auth0, Keycloak…).
//!
//! [`jeton_de_test`] signe un jeton que l'autorisateur accepte quand il est configuré par
//! [`Configuration::locale`](crate::configuration::Configuration::locale) : c'est ce que
//! `cargo xtask jeton` imprime, à coller dans `curl -H "Authorization: Bearer …"`.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;
use std::path::PathBuf;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Le `kid` de la clé de test, dans `cles-de-test/jwks.json`.
pub const KID_DE_TEST: &str = "cle-de-test-1";
/// La clé privée de test (PKCS#8, PEM). Pour les tests uniquement.
pub const CLE_PRIVEE_DE_TEST: &str = include_str!("../cles-de-test/cle-de-test.pem");
/// Sa clé publique, au format PEM.
pub const CLE_PUBLIQUE_DE_TEST: &str = include_str!("../cles-de-test/cle-de-test.pub.pem");
/// Le JWKS de la clé de test.
pub const JWKS_DE_TEST: &str = include_str!("../cles-de-test/jwks.json");
/// Une seconde clé privée, absente du JWKS de test : celle d'un attaquant.
pub const CLE_PRIVEE_DE_L_ATTAQUANT: &str = include_str!("../cles-de-test/cle-de-l-attaquant.pem");
/// Le JWKS de la clé de l'attaquant (`kid` : `cle-de-l-attaquant`).
pub const JWKS_DE_L_ATTAQUANT: &str = include_str!("../cles-de-test/jwks-de-l-attaquant.json");

/// L'émetteur (`iss`) des jetons de test.
pub const EMETTEUR_LOCAL: &str = "https://auth.produits.local/";
/// L'audience (`aud`) des jetons de test.
pub const AUDIENCE_LOCALE: &str = "api-produits";

/// Le chemin absolu du JWKS de test, pour `JWKS_URL=file://<ce chemin>`.
pub fn chemin_jwks_de_test() -> PathBuf {
    // Les crates de l'atelier et de la solution sont toutes deux à deux niveaux de la racine.
    let racine = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let chemin = racine.join("labs/07-securisation/cles-de-test/jwks.json");
    chemin.canonicalize().unwrap_or(chemin)
}

/// Ce que contient un jeton de test.
#[derive(Clone, Debug)]
pub struct OptionsJeton {
    /// Le sujet (`sub`) : l'utilisateur ou le client.
    pub sub: String,
    /// Les portées (*scopes*), mises dans la revendication `scope` séparées par des espaces.
    pub scopes: Vec<String>,
    /// La durée de validité, à partir de maintenant.
    pub expire_dans: Duration,
}

impl Default for OptionsJeton {
    fn default() -> Self {
        Self {
            sub: "etudiant-1".to_string(),
            scopes: vec!["produits:ecrire".to_string()],
            expire_dans: Duration::from_secs(3600),
        }
    }
}

/// Les secondes écoulées depuis le 1er janvier 1970, l'unité des dates d'un JWT.
pub fn secondes_unix() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Un JWT RS256 signé par `cle`, avec les revendications qu'exige l'autorisateur : `kid` dans
/// l'en-tête (celui du JWKS qui publie la clé), `iss`, `aud`, `sub`, `scope`, `iat`, `nbf`, `exp`.
pub fn signer_jeton(
    cle: &EncodingKey,
    kid: &str,
    iss: &str,
    aud: &str,
    options: &OptionsJeton,
) -> Result<String, jsonwebtoken::errors::Error> {
    let maintenant = secondes_unix();
    let revendications = json!({
        "iss": iss,
        "aud": aud,
        "sub": options.sub,
        "scope": options.scopes.join(" "),
        "iat": maintenant,
        "nbf": maintenant,
        "exp": maintenant + options.expire_dans.as_secs(),
    });
    let mut entete = Header::new(Algorithm::RS256);
    entete.kid = Some(kid.to_string());
    jsonwebtoken::encode(&entete, &revendications, cle)
}

/// Un JWT RS256 signé par la clé de test, accepté par la configuration locale.
pub fn jeton_de_test(options: &OptionsJeton) -> String {
    let cle = EncodingKey::from_rsa_pem(CLE_PRIVEE_DE_TEST.as_bytes())
        .expect("la clé de test du dépôt est un PEM RSA valide");
    signer_jeton(&cle, KID_DE_TEST, EMETTEUR_LOCAL, AUDIENCE_LOCALE, options)
        .expect("la signature RS256 d'un objet JSON ne peut pas échouer")
}
