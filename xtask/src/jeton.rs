//! `cargo xtask jeton` : un JWT que le mécanisme d'autorisation du chapitre 07 accepte, ou le
//! JWKS d'une clé. Le travail est fait par l'exemple `jeton` de la solution 07, pour que xtask
//! reste léger (il ne compile ni jsonwebtoken ni la solution).
//!
//! - sans option : un jeton de la clé de test du dépôt, pour les essais en local ;
//! - `--cle-privee F.pem --iss URL [--aud A] [--kid K]` : un jeton signé par votre clé, pour
//!   l'API déployée (chapitre 09, page 9.6) ;
//! - `--jwks --cle-privee F.pem [--kid K]` : le JWKS de votre clé, à publier en https.

use crate::console::{Echec, Resultat, cargo};

/// Les options de `cargo xtask jeton`, telles que les lit clap.
#[derive(Debug, Default)]
pub struct Options {
    pub portees: Vec<String>,
    pub sub: String,
    pub expire_dans: u64,
    pub cle_privee: Option<String>,
    pub iss: Option<String>,
    pub aud: Option<String>,
    pub kid: Option<String>,
    pub jwks: bool,
}

/// Les arguments de l'exemple `jeton`, dans l'ordre qu'il attend.
fn arguments(options: &Options) -> Vec<String> {
    let mut arguments = Vec::new();
    let mut option = |nom: &str, valeur: &Option<String>| {
        if let Some(valeur) = valeur {
            arguments.push(nom.to_string());
            arguments.push(valeur.clone());
        }
    };
    option("--cle-privee", &options.cle_privee);
    option("--iss", &options.iss);
    option("--aud", &options.aud);
    option("--kid", &options.kid);
    if options.jwks {
        arguments.push("--jwks".to_string());
        return arguments;
    }
    arguments.push(options.sub.clone());
    arguments.push(options.expire_dans.to_string());
    // `--scope "produits:ecrire produits:supprimer"` comme `--scope a --scope b`.
    arguments.extend(
        options
            .portees
            .iter()
            .flat_map(|p| p.split_whitespace())
            .map(String::from),
    );
    arguments
}

/// Imprime le jeton (ou le JWKS) sur la sortie standard, seul : `JETON=$(cargo xtask jeton …)`.
pub fn imprimer(options: &Options) -> Resultat {
    let mut commande = cargo(&[
        "run",
        "-q",
        "-p",
        "solution-07-securisation",
        "--example",
        "jeton",
        "--",
    ]);
    commande.args(arguments(options));
    let statut = commande
        .status()
        .map_err(|e| Echec::new(format!("cargo ne démarre pas ({e})"), ""))?;
    if statut.success() {
        Ok(())
    } else {
        Err(Echec::new(
            if options.jwks {
                "le JWKS n'a pas pu être écrit"
            } else {
                "le jeton n'a pas pu être signé"
            },
            "lisez l'erreur ci-dessus ; `cargo test -p solution-07-securisation --example jeton` \
             vérifie l'exemple",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sans_option_l_exemple_recoit_le_sujet_la_duree_et_chaque_portee() {
        let options = Options {
            portees: vec!["produits:ecrire produits:supprimer".into()],
            sub: "etudiant-1".into(),
            expire_dans: 3600,
            ..Options::default()
        };
        assert_eq!(
            arguments(&options),
            [
                "etudiant-1",
                "3600",
                "produits:ecrire",
                "produits:supprimer"
            ]
        );
    }

    #[test]
    fn les_options_de_cle_precedent_le_sujet_et_jwks_remplace_le_jeton() {
        let mut options = Options {
            sub: "alice".into(),
            expire_dans: 60,
            cle_privee: Some("cle.pem".into()),
            iss: Some("https://auth.exemple.fr/".into()),
            kid: Some("k1".into()),
            ..Options::default()
        };
        assert_eq!(
            arguments(&options),
            [
                "--cle-privee",
                "cle.pem",
                "--iss",
                "https://auth.exemple.fr/",
                "--kid",
                "k1",
                "alice",
                "60"
            ]
        );
        options.jwks = true;
        options.iss = None;
        assert_eq!(
            arguments(&options),
            ["--cle-privee", "cle.pem", "--kid", "k1", "--jwks"]
        );
    }
}
