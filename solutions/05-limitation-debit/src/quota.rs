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

    // ANCHOR: debut_de_periode
    /// Le début de la période qui contient `maintenant` : minuit UTC du premier jour de la
    /// période.
    pub fn debut_de_periode(&self, maintenant: Instant) -> Instant {
        let jour = maintenant.date_naive();
        let premier_jour = match self.periode {
            Periode::Jour => jour,
            Periode::Semaine => {
                // Jours écoulés depuis le dernier jour de début (dimanche + décalage).
                let depuis_dimanche = jour.weekday().num_days_from_sunday();
                let recul = (depuis_dimanche + 7 - self.decalage) % 7;
                jour - Days::new(u64::from(recul))
            }
            Periode::Mois => {
                let jour_de_debut = self.decalage + 1;
                let ce_mois = NaiveDate::from_ymd_opt(jour.year(), jour.month(), jour_de_debut)
                    .expect("le décalage d'un mois va de 0 à 27 : ce jour existe");
                if jour.day() >= jour_de_debut {
                    ce_mois
                } else {
                    ce_mois - Months::new(1)
                }
            }
        };
        premier_jour
            .and_hms_opt(0, 0, 0)
            .expect("minuit existe")
            .and_utc()
    }
    // ANCHOR_END: debut_de_periode
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

    // ANCHOR: compteur
    /// Les requêtes qui restent à la clé à l'instant `maintenant` : toute la limite si la
    /// période a changé depuis la dernière requête comptée.
    pub fn restant(&self, maintenant: Instant) -> u64 {
        if self.debut == Some(self.quota.debut_de_periode(maintenant)) {
            self.quota.limite().saturating_sub(self.utilisees)
        } else {
            self.quota.limite()
        }
    }

    /// Compte une requête acceptée à `maintenant`, en repartant de zéro si une nouvelle
    /// période a commencé.
    pub fn compter(&mut self, maintenant: Instant) {
        let debut = self.quota.debut_de_periode(maintenant);
        if self.debut != Some(debut) {
            self.debut = Some(debut);
            self.utilisees = 0;
        }
        self.utilisees += 1;
    }
    // ANCHOR_END: compteur
}
