//! Le quota d'un plan d'utilisation : une limite de requêtes par jour, par semaine ou par mois,
//! avec un décalage (*offset*) qui choisit le jour où la période commence. Les périodes se
//! comptent en UTC. Page « 5.2 (suite) Plans d'utilisation, clés et quotas » du chapitre 05
//! (`plan-utilisation.md`).

use crate::instant::Instant;
use chrono::{Datelike, Days, Months, NaiveDate};

/// La période d'un quota : `DAY`, `WEEK` ou `MONTH` dans un gabarit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Periode {
    Jour,
    Semaine,
    Mois,
}

impl Periode {
    /// `"DAY"`, `"WEEK"` ou `"MONTH"`, tels qu'on les écrit dans un gabarit.
    pub fn depuis_aws(texte: &str) -> Option<Periode> {
        match texte {
            "DAY" => Some(Periode::Jour),
            "WEEK" => Some(Periode::Semaine),
            "MONTH" => Some(Periode::Mois),
            _ => None,
        }
    }
}

/// Un quota : au plus `limite` requêtes par période, par clé d'API.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    limite: u64,
    periode: Periode,
    decalage: u32,
}

impl Quota {
    /// Un quota de `limite` requêtes par `periode`. Le `decalage` choisit le premier jour de
    /// la période : pour `Semaine`, 0 pour dimanche, 1 pour lundi… 6 pour samedi ; pour
    /// `Mois`, 0 pour le 1er, 1 pour le 2… jusqu'à 27 pour le 28, un jour que tous les mois
    /// ont ; pour `Jour`, 0 seulement (une journée commence à minuit UTC).
    pub fn new(limite: u64, periode: Periode, decalage: u32) -> Result<Quota, String> {
        let maximum = match periode {
            Periode::Jour => 0,
            Periode::Semaine => 6,
            Periode::Mois => 27,
        };
        if decalage > maximum {
            return Err(format!(
                "le décalage d'un quota {periode:?} va de 0 à {maximum} (reçu {decalage})"
            ));
        }
        Ok(Quota {
            limite,
            periode,
            decalage,
        })
    }

    pub fn limite(&self) -> u64 {
        self.limite
    }

    pub fn periode(&self) -> Periode {
        self.periode
    }

    pub fn decalage(&self) -> u32 {
        self.decalage
    }

    /// **Étape 3, à écrire.** Le début de la période qui contient `maintenant` : minuit UTC du premier jour de la
    /// période.
    pub fn debut_de_periode(&self, maintenant: Instant) -> Instant {
        todo!(
            "Indice : partez de `maintenant.date_naive()`. Pour une semaine, reculez jusqu'au dernier jour de début (0 dimanche… 6 samedi ; `weekday().num_days_from_sunday()` numérote les jours ainsi) ; pour un mois, le jour de début est `décalage + 1`, dans ce mois-ci ou le précédent. Finissez à minuit UTC (page 5.2 (suite), plan-utilisation.md, « Le quota et sa période »)"
        )
    }
}

/// Le compteur d'un quota pour une clé d'API : combien de requêtes acceptées depuis le début
/// de la période en cours.
#[derive(Clone, Debug)]
pub struct CompteurQuota {
    quota: Quota,
    /// Le début de la période des requêtes comptées ; `None` si aucune ne l'a été.
    debut: Option<Instant>,
    utilisees: u64,
}

impl CompteurQuota {
    pub fn new(quota: Quota) -> Self {
        Self {
            quota,
            debut: None,
            utilisees: 0,
        }
    }

    pub fn quota(&self) -> &Quota {
        &self.quota
    }

    /// **Étape 4, à écrire.** Les requêtes qui restent à la clé à l'instant `maintenant` : toute la limite si la
    /// période a changé depuis la dernière requête comptée.
    pub fn restant(&self, maintenant: Instant) -> u64 {
        todo!(
            "Indice : comparez `self.debut` au début de la période de `maintenant` : même période, il reste `limite − utilisees` ; sinon, toute la limite (page 5.2 (suite), plan-utilisation.md)"
        )
    }

    /// **Étape 4, à écrire.** Compte une requête acceptée à `maintenant`, en repartant de zéro si une nouvelle
    /// période a commencé.
    pub fn compter(&mut self, maintenant: Instant) {
        todo!(
            "Indice : si la période de `maintenant` n'est pas celle de `self.debut`, repartez de zéro dans la nouvelle période ; puis comptez la requête (page 5.2 (suite), plan-utilisation.md)"
        )
    }
}
