//! Le temps de la passerelle, injecté : l'horloge du système en marche normale, une horloge
//! simulée dans les tests, qui avance à la demande. Le seau à jetons, les quotas et le cache
//! de l'autorisateur lisent tous cette horloge : les tests comptent exactement, sans attendre.

use solution_05_limitation_debit::Instant;
use std::sync::{Arc, Mutex, PoisonError};

/// Une source de temps.
pub trait Horloge: Send + Sync {
    fn maintenant(&self) -> Instant;
}

/// L'horloge du système.
#[derive(Clone, Copy, Debug, Default)]
pub struct HorlogeSysteme;

impl Horloge for HorlogeSysteme {
    fn maintenant(&self) -> Instant {
        solution_05_limitation_debit::maintenant()
    }
}

/// Une horloge arrêtée, que le test avance ; ses clones partagent le même instant.
#[derive(Clone, Debug)]
pub struct HorlogeSimulee {
    instant: Arc<Mutex<Instant>>,
}

impl HorlogeSimulee {
    pub fn new(depart: Instant) -> Self {
        Self {
            instant: Arc::new(Mutex::new(depart)),
        }
    }

    /// Avance de `secondes` (fractionnaires), à la nanoseconde.
    pub fn avancer(&self, secondes: f64) {
        let mut instant = self.instant.lock().unwrap_or_else(PoisonError::into_inner);
        *instant = solution_05_limitation_debit::instant::plus_secondes(*instant, secondes);
    }
}

impl Horloge for HorlogeSimulee {
    fn maintenant(&self) -> Instant {
        *self.instant.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
