//! # Solution de l'atelier 05 — Limitation de débit
//!
//! Le moteur de limitation d'une étape d'API REST, avec la sémantique d'API Gateway :
//!
//! - [`seau::SeauAJetons`] : un débit, une rafale, l'instant présent passé en paramètre ;
//! - [`quota::Quota`] et [`quota::CompteurQuota`] : `DAY`, `WEEK`, `MONTH` et leur décalage ;
//! - [`limiteur::Limiteur`] : la décision pour une requête (client, méthode, compte), qui rend
//!   [`Decision::Acceptee`] ou un [`Refus`] ;
//! - [`Refus::en_reponse`] : la réponse 429 exacte d'API Gateway ;
//! - [`nouvelle_tentative::PolitiqueDeNouvelleTentative`] : le délai d'un client qui réessaie,
//!   avec gigue totale ;
//! - [`simulation`] : le seau pas à pas, pour la figure du chapitre.
//!
//! La passerelle locale (`cargo xtask api`) s'en sert pour limiter comme API Gateway :
//!
//! ```
//! use solution_05_limitation_debit::{Appel, Configuration, Decision, Limite, Limiteur, maintenant};
//!
//! let mut limiteur = Limiteur::new(Configuration {
//!     etape: Some(Limite::new(100.0, 200)),
//!     ..Configuration::default()
//! });
//! let appel = Appel { cle_api: None, methode: "GET", ressource: "/produits" };
//! match limiteur.decider(&appel, maintenant()) {
//!     Decision::Acceptee => { /* transmettre à la fonction */ }
//!     Decision::Refusee(refus) => { let _reponse_429 = refus.en_reponse(); }
//! }
//! ```
//!
//! Les modules fournis et les tests sont ceux de l'atelier (`labs/05-limitation-debit`),
//! inclus tels quels.

#[path = "../../../labs/05-limitation-debit/src/configuration.rs"]
pub mod configuration;
#[path = "../../../labs/05-limitation-debit/src/instant.rs"]
pub mod instant;
pub mod limiteur;
pub mod nouvelle_tentative;
pub mod quota;
pub mod reponse;
pub mod seau;
#[path = "../../../labs/05-limitation-debit/src/simulation.rs"]
pub mod simulation;
#[cfg(test)]
#[path = "../../../labs/05-limitation-debit/src/tests.rs"]
mod tests;

pub use configuration::{Appel, Configuration, Decision, Limite, PlanUtilisation, Refus};
pub use instant::{Instant, maintenant};
pub use limiteur::Limiteur;
pub use nouvelle_tentative::{PolitiqueDeNouvelleTentative, SourceAleatoire};
pub use quota::{CompteurQuota, Periode, Quota};
pub use seau::SeauAJetons;
