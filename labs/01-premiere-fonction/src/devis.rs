//! Fourni : les types d'entrée et de sortie de la fonction (page « 1.6 Une première fonction avec `lambda_runtime` » du chapitre 01).
//!
//! Le runtime (`lambda_runtime`) lit l'événement JSON reçu de Lambda dans un [`DemandePrix`]
//! avec serde, appelle votre gestionnaire, puis écrit le [`Devis`] renvoyé en JSON. Un
//! événement qui ne correspond pas à ces types est refusé avant d'atteindre votre code.

use serde::{Deserialize, Serialize};

// ANCHOR: types
/// Les quatre taux de TVA français, écrits en minuscules dans le JSON : `"normal"`,
/// `"intermediaire"`, `"reduit"`, `"particulier"`. Tout autre texte est refusé par serde.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TauxTva {
    /// 20 %, le cas général.
    #[default]
    Normal,
    /// 10 %.
    Intermediaire,
    /// 5,5 %.
    Reduit,
    /// 2,1 %.
    Particulier,
}

/// L'événement reçu : `{"nom": "Clavier", "prix_ht_centimes": 4990, "taux_tva": "normal"}`.
///
/// Les prix sont des entiers en centimes : aucun arrondi de virgule flottante.
/// `u32` borne le prix à 42 949 672,95 € et refuse les nombres négatifs dès la lecture.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DemandePrix {
    pub nom: String,
    pub prix_ht_centimes: u32,
    /// Absent du JSON : le taux normal.
    #[serde(default)]
    pub taux_tva: TauxTva,
}

/// La réponse : `{"nom": "Clavier", "prix_ht_centimes": 4990, "tva_centimes": 998,
/// "prix_ttc_centimes": 5988}`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub struct Devis {
    pub nom: String,
    pub prix_ht_centimes: u64,
    pub tva_centimes: u64,
    pub prix_ttc_centimes: u64,
}
// ANCHOR_END: types
