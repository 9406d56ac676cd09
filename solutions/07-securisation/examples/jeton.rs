//! Imprime un jeton RS256, ou le JWKS d'une clé. Lancé par `cargo xtask jeton`, qui lit les
//! options et les passe telles quelles :
//!
//! ```text
//! jeton [--cle-privee F.pem --iss URL [--aud A] [--kid K]] <sujet> <secondes> [portée…]
//! jeton --jwks --cle-privee F.pem [--kid K]
//! ```
//!
//! Sans `--cle-privee`, le jeton est celui de la clé de test du dépôt (`jeton_de_test`), que
//! l'autorisateur accepte en local (`Configuration::locale()`). Avec `--cle-privee`, il est
//! signé par votre clé, pour une pile déployée dont le JWKS est celui qu'imprime `--jwks`.
//! Chapitre 09, page « 9.6 Un émetteur de jetons pour l'API déployée ».

use jsonwebtoken::jwk::{Jwk, JwkSet, PublicKeyUse};
use jsonwebtoken::{Algorithm, EncodingKey};
use solution_07_securisation::cles_de_test::{
    AUDIENCE_LOCALE, CLE_PRIVEE_DE_TEST, OptionsJeton, jeton_de_test, signer_jeton,
};
use std::process::ExitCode;
use std::time::Duration;

/// Le `kid` d'une clé personnelle quand `--kid` est absent (le même pour le jeton et le JWKS).
const KID_PAR_DEFAUT: &str = "cle-produits-1";

/// Une clé personnelle et l'identité de ses jetons.
struct Emetteur {
    cle: EncodingKey,
    kid: String,
    iss: String,
    aud: String,
}

/// Ce que demande la ligne de commande.
enum Demande {
    JetonDeTest(OptionsJeton),
    Jeton(Emetteur, OptionsJeton),
    Jwks { cle: EncodingKey, kid: String },
}

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let resultat = lire(&arguments).and_then(|demande| match demande {
        Demande::JetonDeTest(options) => Ok(jeton_de_test(&options)),
        Demande::Jeton(emetteur, options) => signer(&emetteur, &options),
        Demande::Jwks { cle, kid } => jwks(&cle, &kid),
    });
    match resultat {
        Ok(texte) => {
            println!("{texte}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Lit les options, puis le sujet, la durée et les portées.
fn lire(arguments: &[String]) -> Result<Demande, String> {
    let mut cle_privee = None;
    let (mut iss, mut aud, mut kid) = (None, None, None);
    let mut demande_jwks = false;
    let mut positionnels = Vec::new();
    let mut suite = arguments.iter();
    while let Some(argument) = suite.next() {
        let mut valeur = |nom: &str| {
            suite
                .next()
                .cloned()
                .ok_or_else(|| format!("l'option {nom} attend une valeur"))
        };
        match argument.as_str() {
            "--cle-privee" => cle_privee = Some(valeur("--cle-privee")?),
            "--iss" => iss = Some(valeur("--iss")?),
            "--aud" => aud = Some(valeur("--aud")?),
            "--kid" => kid = Some(valeur("--kid")?),
            "--jwks" => demande_jwks = true,
            autre => positionnels.push(autre.to_string()),
        }
    }
    let kid = kid.unwrap_or_else(|| KID_PAR_DEFAUT.to_string());
    if demande_jwks {
        let chemin = cle_privee.ok_or(
            "--jwks exige --cle-privee : le JWKS de la clé de test est déjà dans \
             labs/07-securisation/cles-de-test/jwks.json, et ne doit jamais être publié",
        )?;
        return Ok(Demande::Jwks {
            cle: charger_cle(&chemin, true)?,
            kid,
        });
    }
    let mut positionnels = positionnels.into_iter();
    let (Some(sub), Some(secondes)) = (positionnels.next(), positionnels.next()) else {
        return Err(
            "usage : jeton <sujet> <secondes> [portée…] (ou `cargo xtask jeton --help`)".into(),
        );
    };
    let secondes: u64 = secondes.parse().map_err(|_| {
        format!("la durée de validité doit être un nombre de secondes, reçu « {secondes} »")
    })?;
    let options = OptionsJeton {
        sub,
        scopes: positionnels.collect(),
        expire_dans: Duration::from_secs(secondes),
    };
    let Some(chemin) = cle_privee else {
        if iss.is_some() || aud.is_some() {
            return Err(
                "--iss et --aud ne servent qu'avec --cle-privee : les jetons de la clé \
                        de test ont l'émetteur et l'audience de la configuration locale"
                    .into(),
            );
        }
        return Ok(Demande::JetonDeTest(options));
    };
    let iss = iss.ok_or("--cle-privee exige --iss : l'émetteur exact (JWT_ISSUER de la pile)")?;
    let emetteur = Emetteur {
        cle: charger_cle(&chemin, false)?,
        kid,
        iss,
        aud: aud.unwrap_or_else(|| AUDIENCE_LOCALE.to_string()),
    };
    Ok(Demande::Jeton(emetteur, options))
}

/// La clé privée RSA (PEM) du fichier `chemin`. Pour publier un JWKS, la clé de test est refusée.
fn charger_cle(chemin: &str, pour_publier: bool) -> Result<EncodingKey, String> {
    let pem = std::fs::read_to_string(chemin)
        .map_err(|e| format!("impossible de lire la clé privée {chemin} ({e})"))?;
    if pour_publier && pem.trim() == CLE_PRIVEE_DE_TEST.trim() {
        return Err(format!(
            "{chemin} est la clé de test du dépôt, publique : une pile déployée ne doit jamais \
             lui faire confiance. Créez votre propre clé (page 9.6)."
        ));
    }
    EncodingKey::from_rsa_pem(pem.as_bytes())
        .map_err(|e| format!("{chemin} n'est pas une clé privée RSA au format PEM ({e})"))
}

/// Un JWT RS256 signé par la clé de `emetteur`, avec les revendications qu'exige l'autorisateur.
fn signer(emetteur: &Emetteur, options: &OptionsJeton) -> Result<String, String> {
    signer_jeton(
        &emetteur.cle,
        &emetteur.kid,
        &emetteur.iss,
        &emetteur.aud,
        options,
    )
    .map_err(|e| format!("signature impossible ({e})"))
}

/// Le JWKS de la clé publique de `cle`, à publier en https sous l'adresse `JWKS_URL`.
fn jwks(cle: &EncodingKey, kid: &str) -> Result<String, String> {
    let mut jwk = Jwk::from_encoding_key(cle, Algorithm::RS256)
        .map_err(|e| format!("clé publique introuvable ({e})"))?;
    jwk.common.key_id = Some(kid.to_string());
    jwk.common.public_key_use = Some(PublicKeyUse::Signature);
    serde_json::to_string_pretty(&JwkSet { keys: vec![jwk] }).map_err(|e| e.to_string())
}

// `essais`, pas `tests` : le contrat des ateliers compare les seuls `tests::` de l'énoncé et de
// la solution ; ceux de cet exemple ne sont pas des tests de notation.
#[cfg(test)]
mod essais {
    use super::*;
    use solution_07_securisation::Configuration;
    use solution_07_securisation::cles::{JeuDeCles, SourceDeCles};
    use solution_07_securisation::cles_de_test::{
        CLE_PRIVEE_DE_L_ATTAQUANT, EMETTEUR_LOCAL, JWKS_DE_TEST,
    };
    use solution_07_securisation::jeton::verifier_jeton;

    fn arguments(texte: &str) -> Vec<String> {
        texte.split_whitespace().map(String::from).collect()
    }

    /// Une clé « personnelle » pour les tests : la seconde clé du dépôt, écrite dans un fichier.
    fn fichier_de_cle(nom: &str, pem: &str) -> String {
        let chemin = std::env::temp_dir().join(format!("{nom}-{}.pem", std::process::id()));
        std::fs::write(&chemin, pem).unwrap();
        chemin.display().to_string()
    }

    fn configuration(emetteur: &str, audience: &str) -> Configuration {
        Configuration {
            emetteur: emetteur.to_string(),
            audience: audience.to_string(),
            jwks_url: "https://auth.exemple.fr/jwks.json".to_string(),
        }
    }

    fn cles(jwks: &str) -> SourceDeCles {
        SourceDeCles::fixe(JeuDeCles::depuis_json(jwks).expect("un JWKS lisible"))
    }

    #[test]
    fn sans_option_le_jeton_reste_celui_de_la_cle_de_test() {
        let Ok(Demande::JetonDeTest(options)) = lire(&arguments("etudiant-1 60 produits:ecrire"))
        else {
            panic!("attendu : un jeton de la clé de test, sans option");
        };
        let jeton = jeton_de_test(&options);
        let lues = verifier_jeton(
            &jeton,
            &cles(JWKS_DE_TEST),
            &configuration(EMETTEUR_LOCAL, AUDIENCE_LOCALE),
        )
        .expect("attendu : le jeton de test accepté par la configuration locale");
        assert_eq!(
            (lues.sub.as_str(), lues.scopes()),
            ("etudiant-1", vec!["produits:ecrire"])
        );
    }

    #[test]
    fn un_jeton_de_votre_cle_se_verifie_avec_le_jwks_imprime_par_jwks() {
        let chemin = fichier_de_cle("cle-etudiant", CLE_PRIVEE_DE_L_ATTAQUANT);
        let Ok(Demande::Jwks { cle, kid }) = lire(&arguments(&format!(
            "--jwks --cle-privee {chemin} --kid ma-cle"
        ))) else {
            panic!("attendu : une demande de JWKS");
        };
        let jwks_publie = jwks(&cle, &kid).unwrap();
        let Ok(Demande::Jeton(emetteur, options)) = lire(&arguments(&format!(
            "--cle-privee {chemin} --kid ma-cle --iss https://auth.exemple.fr/ \
             --aud api-produits alice 120 produits:ecrire produits:supprimer"
        ))) else {
            panic!("attendu : un jeton signé par la clé donnée");
        };
        let jeton = signer(&emetteur, &options).unwrap();
        let lues = verifier_jeton(
            &jeton,
            &cles(&jwks_publie),
            &configuration("https://auth.exemple.fr/", "api-produits"),
        )
        .expect("attendu : le jeton accepté par l'autorisateur avec le JWKS imprimé");
        assert_eq!(lues.sub, "alice");
        assert_eq!(lues.scopes(), vec!["produits:ecrire", "produits:supprimer"]);
        // Le même jeton n'est pas accepté là où seule la clé de test est connue.
        assert!(
            verifier_jeton(
                &jeton,
                &cles(JWKS_DE_TEST),
                &configuration("https://auth.exemple.fr/", "api-produits")
            )
            .is_err(),
            "attendu : un refus avec un JWKS qui ne contient pas la clé"
        );
    }

    #[test]
    fn le_jwks_de_la_cle_de_test_redonne_celui_du_depot() {
        let cle = EncodingKey::from_rsa_pem(CLE_PRIVEE_DE_TEST.as_bytes()).unwrap();
        let imprime: serde_json::Value =
            serde_json::from_str(&jwks(&cle, "cle-de-test-1").unwrap()).unwrap();
        let depot: serde_json::Value = serde_json::from_str(JWKS_DE_TEST).unwrap();
        for champ in ["n", "e", "kid", "kty", "use", "alg"] {
            assert_eq!(
                imprime["keys"][0][champ], depot["keys"][0][champ],
                "attendu : le champ {champ} du JWKS de la clé de test, tel que dans jwks.json"
            );
        }
    }

    #[test]
    fn la_cle_de_test_ne_se_publie_pas_et_les_options_incompletes_sont_refusees() {
        let test = fichier_de_cle("cle-de-test", CLE_PRIVEE_DE_TEST);
        let refus = |ligne: String| match lire(&arguments(&ligne)) {
            Err(message) => message,
            Ok(_) => panic!("attendu : un refus pour « {ligne} »"),
        };
        assert!(refus(format!("--jwks --cle-privee {test}")).contains("clé de test"));
        assert!(refus("--jwks".into()).contains("--cle-privee"));
        assert!(refus(format!("--cle-privee {test} alice 60")).contains("--iss"));
        assert!(refus("--iss https://a/ alice 60".into()).contains("--cle-privee"));
        assert!(refus("alice soixante".into()).contains("secondes"));
        assert!(refus("--kid".into()).contains("attend une valeur"));
    }
}
