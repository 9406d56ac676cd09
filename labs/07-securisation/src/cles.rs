//! Les clés publiques de l'émetteur, lues dans son JWKS (fourni, rien à écrire ici).
//!
//! Un JWKS (*JSON Web Key Set*, RFC 7517) est un document `{"keys": [ … ]}` que l'émetteur des
//! jetons publie : une clé publique par `kid`. L'autorisateur le lit une fois, au démarrage à
//! froid, puis le relit quand un jeton annonce un `kid` inconnu (l'émetteur a fait tourner ses
//! clés), **au plus une fois par minute** : un attaquant qui envoie des `kid` au hasard ne
//! peut pas faire télécharger le JWKS à chaque requête.
//!
//! `JWKS_URL` vaut `https://…` dans AWS, ou `file://<chemin>` pour les essais en local et les
//! tests. Page « 7.5 Vérifier un JWT pas à pas » (jwt.md) du chapitre 07.

use crate::refus::ErreurConfiguration;
use jsonwebtoken::DecodingKey;
use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet, KeyAlgorithm, PublicKeyUse};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Le délai minimal entre deux lectures du JWKS.
pub const DELAI_ENTRE_LECTURES: Duration = Duration::from_secs(60);
/// La taille maximale d'un JWKS lu en `https://` (celle qu'accepte l'autorisateur JWT d'API Gateway).
pub const TAILLE_MAXIMALE_JWKS: u64 = 150_000;
/// Le délai accordé au serveur de l'émetteur.
pub const DELAI_HTTPS: Duration = Duration::from_millis(1_500);

/// Un jeu de clés RSA de vérification, indexé par `kid`.
#[derive(Clone, Default)]
pub struct JeuDeCles {
    cles: HashMap<String, DecodingKey>,
}

impl JeuDeCles {
    /// Lit un JWKS. Seules les clés RSA de signature, avec un `kid` et sans autre algorithme
    /// annoncé que RS256, sont gardées : les autres ne pourraient vérifier aucun jeton accepté.
    pub fn depuis_json(texte: &str) -> Result<Self, String> {
        let jeu: JwkSet = serde_json::from_str(texte).map_err(|e| e.to_string())?;
        let mut cles = HashMap::new();
        for jwk in &jeu.keys {
            let (Some(kid), AlgorithmParameters::RSA(rsa)) = (&jwk.common.key_id, &jwk.algorithm)
            else {
                continue;
            };
            let usage_ok = matches!(
                jwk.common.public_key_use,
                None | Some(PublicKeyUse::Signature)
            );
            let algorithme_ok =
                matches!(jwk.common.key_algorithm, None | Some(KeyAlgorithm::RS256));
            if usage_ok && algorithme_ok {
                let cle = DecodingKey::from_rsa_components(&rsa.n, &rsa.e)
                    .map_err(|e| format!("clé {kid:?} : {e}"))?;
                cles.insert(kid.clone(), cle);
            }
        }
        Ok(Self { cles })
    }

    /// La clé de ce `kid`, s'il y en a une.
    pub fn cle(&self, kid: &str) -> Option<&DecodingKey> {
        self.cles.get(kid)
    }

    /// Le nombre de clés gardées.
    pub fn len(&self) -> usize {
        self.cles.len()
    }

    /// Vrai si aucune clé n'a été gardée.
    pub fn is_empty(&self) -> bool {
        self.cles.is_empty()
    }
}

/// Lit le texte d'un JWKS, en `file://` ou en `https://`.
pub fn lire_jwks(url: &str) -> Result<String, String> {
    if let Some(chemin) = url.strip_prefix("file://") {
        std::fs::read_to_string(chemin).map_err(|e| format!("lecture de {chemin} : {e}"))
    } else if url.starts_with("https://") {
        lire_https(url)
    } else {
        Err("seuls `https://` et `file://` sont acceptés".to_string())
    }
}

/// Le seul usage du réseau : un `GET` du JWKS, borné en temps et en taille.
fn lire_https(url: &str) -> Result<String, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(DELAI_HTTPS))
        .build()
        .into();
    let mut reponse = agent.get(url).call().map_err(|e| e.to_string())?;
    reponse
        .body_mut()
        .with_config()
        .limit(TAILLE_MAXIMALE_JWKS)
        .read_to_string()
        .map_err(|e| e.to_string())
}

struct Etat {
    jeu: JeuDeCles,
    derniere_lecture: Instant,
}

/// Les clés de l'émetteur, relues au besoin. Partagée entre les invocations d'un même
/// environnement d'exécution.
pub struct SourceDeCles {
    url: Option<String>,
    etat: Mutex<Etat>,
}

impl SourceDeCles {
    /// Lit le JWKS de `url` (démarrage à froid). Un JWKS illisible ou sans clé utilisable est
    /// une erreur de configuration : la fonction ne démarre pas.
    pub fn charger(url: &str) -> Result<Self, ErreurConfiguration> {
        let jeu = Self::lire(url)?;
        Ok(Self {
            url: Some(url.to_string()),
            etat: Mutex::new(Etat {
                jeu,
                derniere_lecture: Instant::now(),
            }),
        })
    }

    /// Des clés fixes, jamais relues (pour les tests et les exemples).
    pub fn fixe(jeu: JeuDeCles) -> Self {
        Self {
            url: None,
            etat: Mutex::new(Etat {
                jeu,
                derniere_lecture: Instant::now(),
            }),
        }
    }

    fn lire(url: &str) -> Result<JeuDeCles, ErreurConfiguration> {
        let illisible = |detail: String| ErreurConfiguration::JwksIllisible {
            url: url.to_string(),
            detail,
        };
        let jeu = JeuDeCles::depuis_json(&lire_jwks(url).map_err(illisible)?).map_err(illisible)?;
        if jeu.is_empty() {
            return Err(ErreurConfiguration::JwksSansCle(url.to_string()));
        }
        Ok(jeu)
    }

    /// La clé de `kid`, en relisant le JWKS si elle est inconnue (au plus une fois par
    /// [`DELAI_ENTRE_LECTURES`]).
    pub fn cle(&self, kid: &str) -> Option<DecodingKey> {
        self.cle_a(kid, Instant::now())
    }

    /// Comme [`SourceDeCles::cle`], à l'instant `maintenant` (horloge injectée par les tests).
    pub fn cle_a(&self, kid: &str, maintenant: Instant) -> Option<DecodingKey> {
        // Un verrou empoisonné ne contient qu'un jeu de clés : on le reprend tel quel.
        let mut etat = self.etat.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(cle) = etat.jeu.cle(kid) {
            return Some(cle.clone());
        }
        let url = self.url.as_deref()?;
        if maintenant.saturating_duration_since(etat.derniere_lecture) < DELAI_ENTRE_LECTURES {
            return None;
        }
        etat.derniere_lecture = maintenant;
        match Self::lire(url) {
            Ok(jeu) => etat.jeu = jeu,
            Err(erreur) => tracing::warn!(%erreur, "JWKS non relu : les anciennes clés restent"),
        }
        etat.jeu.cle(kid).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cles_de_test::{JWKS_DE_L_ATTAQUANT, JWKS_DE_TEST, KID_DE_TEST};

    #[test]
    fn le_jwks_de_test_donne_une_cle() {
        let jeu = JeuDeCles::depuis_json(JWKS_DE_TEST).unwrap();
        assert_eq!(jeu.len(), 1);
        assert!(jeu.cle(KID_DE_TEST).is_some());
    }

    #[test]
    fn une_cle_inconnue_fait_relire_le_jwks_au_plus_une_fois_par_minute() {
        let chemin = std::env::temp_dir().join(format!("jwks-{}.json", std::process::id()));
        std::fs::write(&chemin, JWKS_DE_TEST).unwrap();
        let source = SourceDeCles::charger(&format!("file://{}", chemin.display())).unwrap();
        let depart = Instant::now();
        // L'émetteur fait tourner ses clés : le fichier ne contient plus que la nouvelle.
        std::fs::write(&chemin, JWKS_DE_L_ATTAQUANT).unwrap();
        let nouvelle = "cle-de-l-attaquant";
        assert!(
            source
                .cle_a(nouvelle, depart + Duration::from_secs(10))
                .is_none()
        );
        assert!(
            source
                .cle_a(nouvelle, depart + Duration::from_secs(61))
                .is_some()
        );
        assert!(
            source
                .cle_a(KID_DE_TEST, depart + Duration::from_secs(62))
                .is_none()
        );
        std::fs::remove_file(&chemin).unwrap();
    }

    #[test]
    fn un_jwks_sans_cle_rsa_est_une_erreur_de_configuration() {
        let chemin = std::env::temp_dir().join(format!("jwks-vide-{}.json", std::process::id()));
        std::fs::write(&chemin, r#"{"keys": []}"#).unwrap();
        let url = format!("file://{}", chemin.display());
        assert!(matches!(
            SourceDeCles::charger(&url),
            Err(ErreurConfiguration::JwksSansCle(_))
        ));
        std::fs::remove_file(&chemin).unwrap();
        assert!(matches!(
            SourceDeCles::charger("file:///nulle/part/jwks.json"),
            Err(ErreurConfiguration::JwksIllisible { .. })
        ));
    }
}
