//! Le modèle : un produit du catalogue (fourni, rien à écrire ici).

use serde::{Serialize, Serializer};

/// Un produit, tel que l'API le renvoie en JSON :
/// `{"id": "…", "nom": "…", "prix": 49.9, "description": "…"}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Produit {
    pub id: String,
    pub nom: String,
    pub prix: Prix,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// Un prix en euros, gardé exact : on compte en centimes, jamais en flottants.
///
/// En JSON, il s'écrit comme un nombre (`4990` centimes → `49.9`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Prix(u64);

impl Prix {
    /// Le prix qui vaut `centimes` centimes d'euro.
    pub const fn en_centimes(centimes: u64) -> Self {
        Self(centimes)
    }

    /// Le nombre de centimes.
    pub const fn centimes(self) -> u64 {
        self.0
    }
}

impl Serialize for Prix {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // La division est arrondie au plus près : le flottant obtenu est celui du texte
        // « 49.9 », et serde_json l'écrit avec le moins de chiffres possible.
        serializer.serialize_f64(self.0 as f64 / 100.0)
    }
}
