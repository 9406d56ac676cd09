//! # Solution de l'atelier 01 — Une première fonction Lambda, et ce qu'elle coûte
//!
//! Partie A : un gestionnaire `lambda_runtime` à l'entrée et à la sortie typées (un devis TTC).
//! Partie B ([`couts`]) : le coût mensuel sur Lambda et API Gateway face à un serveur, et le
//! seuil de rentabilité. Les types, les prix et les tests sont ceux de l'atelier
//! (`labs/01-premiere-fonction`), inclus tels quels.

pub mod couts;
#[path = "../../../labs/01-premiere-fonction/src/devis.rs"]
pub mod devis;
#[path = "../../../labs/01-premiere-fonction/src/tarifs.rs"]
pub mod tarifs;
#[cfg(test)]
#[path = "../../../labs/01-premiere-fonction/src/tests.rs"]
mod tests;

use devis::{DemandePrix, Devis, TauxTva};
use lambda_runtime::{Error, LambdaEvent};

// ANCHOR: devis
/// Le taux de TVA en points de base (pour dix mille).
pub fn taux_pour_dix_mille(taux: TauxTva) -> u64 {
    match taux {
        TauxTva::Normal => 2000,
        TauxTva::Intermediaire => 1000,
        TauxTva::Reduit => 550,
        TauxTva::Particulier => 210,
    }
}

/// Le devis : TVA arrondie au centime le plus proche (la moitié vers le haut), TTC = HT + TVA.
pub fn calculer_devis(demande: &DemandePrix) -> Devis {
    let prix_ht = u64::from(demande.prix_ht_centimes);
    // Au plus 4 294 967 295 × 2000 ≈ 8,6 × 10¹² : aucun débordement possible en u64.
    let tva = (prix_ht * taux_pour_dix_mille(demande.taux_tva) + 5_000) / 10_000;
    Devis {
        nom: demande.nom.trim().to_string(),
        prix_ht_centimes: prix_ht,
        tva_centimes: tva,
        prix_ttc_centimes: prix_ht + tva,
    }
}
// ANCHOR_END: devis

// ANCHOR: handler
/// Le gestionnaire : une invocation, une demande, un devis — ou une erreur.
pub async fn handler(evenement: LambdaEvent<DemandePrix>) -> Result<Devis, Error> {
    let demande = evenement.payload;
    if demande.nom.trim().is_empty() {
        return Err("le champ « nom » est vide : donnez le nom du produit".into());
    }
    Ok(calculer_devis(&demande))
}
// ANCHOR_END: handler
