//! # Atelier 05 — Limitation de débit (throttling)
//!
//! Vous écrivez le moteur de limitation d'une étape d'API REST, avec la sémantique d'API
//! Gateway : un seau à jetons, les quotas d'un plan d'utilisation, la décision pour une
//! requête, les deux réponses 429 au caractère près, puis le délai d'un client qui réessaie.
//! Ce moteur sert ensuite pour de vrai : la passerelle locale du cours (`cargo xtask api`)
//! limite avec la solution de cet atelier. L'énoncé complet est la page « Atelier 05 » du
//! chapitre 05 (`chapters/ch05-limitation-debit/atelier.md`).
//!
//! Le temps est **injecté** : chaque fonction reçoit l'instant présent en paramètre
//! ([`instant::Instant`]). Les tests simulent ainsi des heures en quelques microsecondes, et
//! leurs comptes sont exacts.
//!
//! Fourni : [`instant`] (le temps, `UN_JETON`), [`configuration`] (limites, plans, décisions,
//! refus), [`simulation`] (le seau pas à pas, pour la figure du chapitre), et, dans chaque
//! module à compléter, les constructeurs et les accesseurs.
//!
//! À écrire, dans cet ordre (l'ordre des modules de tests, `etape_1_…` à `etape_8_…`) :
//! 1. [`seau::SeauAJetons::niveau`] : le remplissage du seau ;
//! 2. [`seau::SeauAJetons::essayer_prendre`] : accepter ou refuser une requête ;
//! 3. [`quota::Quota::debut_de_periode`] : jour, semaine, mois, et leur décalage ;
//! 4. [`quota::CompteurQuota::restant`] et [`quota::CompteurQuota::compter`] ;
//! 5. [`limiteur::Limiteur::decider`] : les niveaux, dans l'ordre d'API Gateway ;
//! 6. `Refus::message`, `Refus::type_d_erreur` et `Refus::en_reponse` (module [`reponse`]) ;
//! 7. [`nouvelle_tentative::PolitiqueDeNouvelleTentative::plafond`] ;
//! 8. [`nouvelle_tentative::PolitiqueDeNouvelleTentative::delai`] : la gigue totale.
//!
//! Noter votre travail : `cargo test -p lab-05-limitation-debit`, ou `cargo xtask watch 05` qui
//! relance les tests à chaque enregistrement. Lisez le premier échec d'abord.

// Énoncé : les paramètres et les imports ne servent qu'une fois votre code écrit.
#![allow(unused_variables, unused_imports, dead_code)]

pub mod configuration;
pub mod instant;
pub mod limiteur;
pub mod nouvelle_tentative;
pub mod quota;
pub mod reponse;
pub mod seau;
pub mod simulation;
#[cfg(test)]
mod tests;

pub use configuration::{Appel, Configuration, Decision, Limite, PlanUtilisation, Refus};
pub use instant::{Instant, maintenant};
pub use limiteur::Limiteur;
pub use nouvelle_tentative::{PolitiqueDeNouvelleTentative, SourceAleatoire};
pub use quota::{CompteurQuota, Periode, Quota};
pub use seau::SeauAJetons;
