//! L'horloge de la couche (fourni, rien à écrire ici).
//!
//! La couche lit l'heure deux fois : l'horodatage du document EMF (`Timestamp`, en
//! millisecondes depuis le 1er janvier 1970 UTC), et la durée de la requête, mesurée sur une
//! horloge monotone, qui ne recule jamais (page « 8.3 Des métriques à soi : EMF »).
//!
//! En production, [`HorlogeSysteme`] lit les horloges du système. Dans les tests,
//! [`HorlogeManuelle`] n'avance que quand on le lui demande : une latence de 37,5 ms se
//! vérifie au microseconde près, sans attendre ni dormir.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Une source de temps.
pub trait Horloge: Send + Sync {
    /// Millisecondes écoulées depuis le 1er janvier 1970 à 00:00:00 UTC.
    fn horodatage_ms(&self) -> u64;
    /// Le temps écoulé depuis une origine quelconque mais fixe, sur une horloge monotone :
    /// seule la différence entre deux lectures a un sens.
    fn monotone(&self) -> Duration;
}

/// Les horloges du système : `SystemTime` pour l'horodatage, `Instant` pour les durées.
#[derive(Debug)]
pub struct HorlogeSysteme {
    origine: Instant,
}

impl Default for HorlogeSysteme {
    fn default() -> Self {
        Self {
            origine: Instant::now(),
        }
    }
}

impl Horloge for HorlogeSysteme {
    fn horodatage_ms(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|duree| duree.as_millis() as u64)
            .unwrap_or(0)
    }

    fn monotone(&self) -> Duration {
        self.origine.elapsed()
    }
}

/// Une horloge arrêtée, qui n'avance que par [`HorlogeManuelle::avancer`].
#[derive(Debug)]
pub struct HorlogeManuelle {
    horodatage_initial_ms: u64,
    ecoule: Mutex<Duration>,
}

impl HorlogeManuelle {
    /// Une horloge qui marque `horodatage_initial_ms` (millisecondes depuis 1970).
    pub fn new(horodatage_initial_ms: u64) -> Self {
        Self {
            horodatage_initial_ms,
            ecoule: Mutex::new(Duration::ZERO),
        }
    }

    /// Fait avancer l'horloge de `duree`.
    pub fn avancer(&self, duree: Duration) {
        *self.ecoule.lock().unwrap_or_else(PoisonError::into_inner) += duree;
    }

    fn ecoule(&self) -> Duration {
        *self.ecoule.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Horloge for HorlogeManuelle {
    fn horodatage_ms(&self) -> u64 {
        self.horodatage_initial_ms + self.ecoule().as_millis() as u64
    }

    fn monotone(&self) -> Duration {
        self.ecoule()
    }
}
