//! # Atelier 01 — Une première fonction Lambda, et ce qu'elle coûte
//!
//! **Partie A** (étapes 1 à 3 ; page « 1.6 Une première fonction avec `lambda_runtime` » du
//! chapitre 01, `chapters/ch01-serverless/premiere-fonction.md`) : une fonction Lambda écrite
//! avec `lambda_runtime`, sans API Gateway. Elle reçoit un événement JSON typé,
//! [`devis::DemandePrix`], et renvoie un [`devis::Devis`] : le prix hors taxes, la TVA et le
//! prix toutes taxes comprises, en centimes.
//!
//! ```json
//! {"nom": "Clavier", "prix_ht_centimes": 4990, "taux_tva": "normal"}
//! → {"nom": "Clavier", "prix_ht_centimes": 4990, "tva_centimes": 998, "prix_ttc_centimes": 5988}
//! ```
//!
//! **Partie B** (étapes 4 à 8 ; page « 1.7 Combien coûte une API serverless ? »,
//! `chapters/ch01-serverless/cout.md`), dans [`couts`] : le coût mensuel d'une charge sur
//! Lambda et API Gateway, comparé au prix d'un serveur allumé en permanence, et le seuil de
//! rentabilité.
//!
//! Fourni : les types de l'événement et de la réponse ([`devis`]), les prix d'AWS et les types
//! du modèle de coût ([`tarifs`]). À écrire, dans cet ordre : [`taux_pour_dix_mille`],
//! [`calculer_devis`], [`handler`], puis les fonctions de [`couts`].
//! Les tests sont rangés par étape, dans cet ordre (`etape_1_…` à `etape_8_…`) : lisez le
//! premier échec d'abord, c'est la prochaine fonction à écrire.
//!
//! Noter votre travail : `cargo test -p lab-01-premiere-fonction`, ou `cargo xtask watch 01`
//! qui relance les tests à chaque enregistrement et n'affiche que le premier échec.

// Énoncé : les paramètres ne servent qu'une fois votre code écrit.
#![allow(unused_variables)]

pub mod couts;
pub mod devis;
pub mod tarifs;
#[cfg(test)]
mod tests;

use devis::{DemandePrix, Devis, TauxTva};
use lambda_runtime::{Error, LambdaEvent};

/// Le taux de TVA en points de base (pour dix mille) : 20 % → 2000, 10 % → 1000,
/// 5,5 % → 550, 2,1 % → 210 (page « 1.6 Une première fonction »). Un entier évite les
/// arrondis de `0.055_f64`. Étape 1 de l'atelier.
pub fn taux_pour_dix_mille(taux: TauxTva) -> u64 {
    todo!(
        "Indice : commencez par un `match` sur les quatre variantes de `TauxTva` (page « 1.6 Une première fonction »)"
    )
}

/// Le devis d'une demande : TVA = prix HT × taux, arrondie au centime le plus proche (la
/// moitié vers le haut : 5,5 centimes → 6), puis TTC = HT + TVA. Le nom est repris sans les
/// espaces qui l'entourent (page « 1.6 Une première fonction »). Étape 2 de l'atelier.
pub fn calculer_devis(demande: &DemandePrix) -> Devis {
    todo!(
        "Indice : convertissez d'abord le prix en `u64` (`u64::from`) et travaillez en centimes entiers ; pour arrondir au plus proche une division entière par 10 000, ajoutez-en d'abord la moitié (page « 1.6 Une première fonction »)"
    )
}

/// Le gestionnaire (*handler*) appelé par le runtime pour chaque invocation (page « 1.6 Une
/// première fonction », étape 3 de l'atelier) :
/// il refuse un nom vide ou fait d'espaces avec une erreur au message en français, qui
/// cite le champ `nom` ; sinon il renvoie le devis.
///
/// Une erreur (`Err`) n'est pas une panique : le runtime la transmet à Lambda, qui répond à
/// l'appelant avec `errorType` et `errorMessage`, et l'environnement reste utilisable.
pub async fn handler(evenement: LambdaEvent<DemandePrix>) -> Result<Devis, Error> {
    todo!(
        "Indice : sortez d'abord la demande de `evenement.payload`, puis vérifiez son nom ; `Err(\"…\".into())` fabrique une `Error` (page « 1.6 Une première fonction »)"
    )
}
