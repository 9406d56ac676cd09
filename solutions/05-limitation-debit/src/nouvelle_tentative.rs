//! La politique de nouvelle tentative d'un client : un délai qui double à chaque échec, plafonné,
//! tiré au hasard entre zéro et ce plafond (gigue totale, *full jitter*), un nombre de tentatives
//! borné, et `Retry-After` respecté quand un serveur l'envoie. Page « 5.5 Réessayer sans
//! aggraver » du chapitre 05 (`reessayer.md`).

use crate::instant::Instant;
use chrono::DateTime;
use std::time::Duration;

/// Une source de hasard, injectée : en production un vrai générateur, dans les tests des
/// valeurs choisies.
pub trait SourceAleatoire {
    /// Un nombre dans `[0, 1)`.
    fn fraction(&mut self) -> f64;
}

/// Toute fermeture `|| -> f64` est une source : `|| rand::random::<f64>()` en production,
/// `|| 0.5` dans un test.
impl<F: FnMut() -> f64> SourceAleatoire for F {
    fn fraction(&mut self) -> f64 {
        self()
    }
}

/// Quand et combien de fois réessayer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolitiqueDeNouvelleTentative {
    /// Le nombre total de tentatives, la première comprise (3 : une requête et deux
    /// nouvelles tentatives).
    pub tentatives_maximales: u32,
    /// Le plafond du délai après le premier échec.
    pub delai_initial: Duration,
    /// Le plafond ne dépasse jamais cette valeur, quel que soit le nombre d'échecs.
    pub delai_maximal: Duration,
}

impl Default for PolitiqueDeNouvelleTentative {
    /// Les valeurs du mode `standard` du SDK AWS pour Rust : 3 tentatives, 1 s, 20 s.
    fn default() -> Self {
        Self {
            tentatives_maximales: 3,
            delai_initial: Duration::from_secs(1),
            delai_maximal: Duration::from_secs(20),
        }
    }
}

impl PolitiqueDeNouvelleTentative {
    // ANCHOR: plafond
    /// Le plafond du délai après l'échec de la tentative `tentative` (1 pour la première) :
    /// `delai_initial × 2^(tentative − 1)`, sans dépasser `delai_maximal`, et sans déborder
    /// même pour la 100ᵉ tentative.
    pub fn plafond(&self, tentative: u32) -> Duration {
        let facteur = 2_u32
            .checked_pow(tentative.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.delai_initial
            .checked_mul(facteur)
            .unwrap_or(Duration::MAX)
            .min(self.delai_maximal)
    }
    // ANCHOR_END: plafond

    // ANCHOR: delai
    /// Combien attendre après l'échec de la tentative `tentative` avant la suivante ; `None`
    /// si c'était la dernière permise. Un `Retry-After` envoyé par le serveur l'emporte ;
    /// sinon, un délai tiré uniformément entre zéro et [`Self::plafond`].
    pub fn delai(
        &self,
        tentative: u32,
        retry_after: Option<Duration>,
        hasard: &mut impl SourceAleatoire,
    ) -> Option<Duration> {
        if tentative >= self.tentatives_maximales {
            return None;
        }
        if let Some(attente) = retry_after {
            return Some(attente);
        }
        // Une source mal écrite ne doit pas faire paniquer `mul_f64` (négatif, NaN).
        let fraction = hasard.fraction();
        let fraction = if fraction.is_finite() {
            fraction.clamp(0.0, 1.0)
        } else {
            0.0
        };
        Some(self.plafond(tentative).mul_f64(fraction))
    }
    // ANCHOR_END: delai
}

/// La valeur d'un en-tête `Retry-After` : un nombre de secondes (`120`) ou une date HTTP
/// (`Wed, 21 Oct 2026 07:28:00 GMT`), lue à l'instant `maintenant`. Une date passée donne
/// zéro ; une valeur illisible, `None`.
pub fn lire_retry_after(valeur: &str, maintenant: Instant) -> Option<Duration> {
    let valeur = valeur.trim();
    if let Ok(secondes) = valeur.parse::<u64>() {
        return Some(Duration::from_secs(secondes));
    }
    let date = DateTime::parse_from_rfc2822(valeur).ok()?;
    Some(
        (date.to_utc() - maintenant)
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}
