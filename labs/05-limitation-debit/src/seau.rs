//! Le seau à jetons (*token bucket*) d'API Gateway : un débit, une rafale, et l'instant présent
//! passé en paramètre. Page « 5.3 Le seau à jetons » du chapitre 05 (`seau.md`).

use crate::instant::{Instant, UN_JETON};

/// Un seau à jetons. Il se remplit de `debit` jetons par seconde, jusqu'à `rafale` jetons ;
/// chaque requête acceptée en prend un. Un seau neuf est plein.
///
/// Le niveau est compté en milliardièmes de jeton ([`UN_JETON`]), dans un entier : pas
/// d'erreur d'arrondi qui s'accumule d'une requête à l'autre.
#[derive(Clone, Debug)]
pub struct SeauAJetons {
    debit: f64,
    rafale: u32,
    /// Le niveau à l'instant `dernier`, en milliardièmes de jeton.
    niveau: u64,
    /// Le dernier instant où le niveau a été mis à jour ; `None` pour un seau jamais utilisé.
    dernier: Option<Instant>,
}

impl SeauAJetons {
    /// Un seau plein, de capacité `rafale`, qui se remplit de `debit` jetons par seconde.
    ///
    /// # Panics
    ///
    /// Si `debit` est négatif, infini ou `NaN`.
    pub fn new(debit: f64, rafale: u32) -> Self {
        assert!(
            debit.is_finite() && debit >= 0.0,
            "le débit d'un seau est un nombre fini, positif ou nul (reçu {debit})"
        );
        Self {
            debit,
            rafale,
            niveau: u64::from(rafale) * UN_JETON,
            dernier: None,
        }
    }

    /// Le même seau, mais vide à l'instant `instant`.
    pub fn vide_a(debit: f64, rafale: u32, instant: Instant) -> Self {
        Self {
            niveau: 0,
            dernier: Some(instant),
            ..Self::new(debit, rafale)
        }
    }

    pub fn debit(&self) -> f64 {
        self.debit
    }

    pub fn rafale(&self) -> u32 {
        self.rafale
    }

    /// La capacité, en milliardièmes de jeton.
    pub fn capacite(&self) -> u64 {
        u64::from(self.rafale) * UN_JETON
    }

    /// Le nombre de jetons à l'instant `maintenant`, pour l'afficher.
    pub fn jetons(&self, maintenant: Instant) -> f64 {
        self.niveau(maintenant) as f64 / UN_JETON as f64
    }

    /// Vrai si une requête arrivant à `maintenant` trouverait un jeton, sans le prendre.
    pub fn peut_prendre(&self, maintenant: Instant) -> bool {
        self.niveau(maintenant) >= UN_JETON
    }

    /// **Étape 1, à écrire.** Le niveau du seau à l'instant `maintenant`, en milliardièmes de jeton, sans rien
    /// modifier : le niveau à `dernier`, plus `debit` jetons par seconde écoulée depuis,
    /// jamais plus que la capacité.
    pub fn niveau(&self, maintenant: Instant) -> u64 {
        todo!(
            "Indice : sans `dernier`, le seau n'a jamais servi : rendez `self.niveau`. Sinon, ajoutez ce que le débit a versé depuis `dernier` : des nanosecondes (jamais négatives) multipliées par `self.debit` donnent des milliardièmes de jeton. Sans déborder, et jamais plus que `self.capacite()` (page 5.3, seau.md)"
        )
    }

    /// **Étape 2, à écrire.** Une requête arrive à `maintenant` : vrai si elle trouve un jeton (qu'elle prend),
    /// faux si le seau est vide (rien ne change alors, sinon le remplissage jusqu'à
    /// `maintenant`). Une horloge qui recule ne remplit pas le seau.
    pub fn essayer_prendre(&mut self, maintenant: Instant) -> bool {
        todo!(
            "Indice : mettez `self.niveau` à jour avec `self.niveau(maintenant)`, avancez `dernier` (jamais en arrière), puis prenez `UN_JETON` s'il y en a au moins un (page 5.3, seau.md)"
        )
    }
}
