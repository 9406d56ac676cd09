//! Un catalogue en mémoire (fourni, rien à écrire ici). Le chapitre 09 le remplacera
//! par une table DynamoDB.

use crate::produit::{Prix, Produit};
use std::error::Error;
use std::fmt;

/// Les produits connus de la fonction. L'atelier 03 ne fait que les lire ; l'atelier 04
/// en ajoute avec [`Catalogue::ajouter`].
#[derive(Clone, Debug, Default)]
pub struct Catalogue {
    produits: Vec<Produit>,
}

impl Catalogue {
    /// Un catalogue qui contient `produits`, dans cet ordre.
    pub fn new(produits: Vec<Produit>) -> Self {
        Self { produits }
    }

    /// Trois produits d'exemple, pour essayer la fonction.
    pub fn exemple() -> Self {
        let produit = |id: &str, nom: &str, centimes, description: Option<&str>| Produit {
            id: id.to_string(),
            nom: nom.to_string(),
            prix: Prix::en_centimes(centimes),
            description: description.map(str::to_string),
        };
        Self::new(vec![
            produit(
                "0b6c1f8e-3d4a-4c2b-9e5f-7a8b9c0d1e2f",
                "Clavier mécanique",
                8990,
                Some("Disposition AZERTY, interrupteurs silencieux"),
            ),
            produit(
                "5e2d7c91-8f3b-4a6d-b1c0-2e4f6a8b0c1d",
                "Souris sans fil",
                3450,
                None,
            ),
            produit(
                "a7f3e2d1-c4b5-4968-8a7b-6c5d4e3f2a1b",
                "Écran 27 pouces",
                24900,
                Some("Dalle IPS, 2560 × 1440"),
            ),
        ])
    }

    /// Tous les produits.
    pub fn lister(&self) -> &[Produit] {
        &self.produits
    }

    /// Le produit d'identifiant `id`, s'il existe.
    pub fn trouver(&self, id: &str) -> Option<&Produit> {
        self.produits.iter().find(|produit| produit.id == id)
    }

    /// Ajoute `produit` à la fin du catalogue, sauf si son identifiant est déjà pris :
    /// le catalogue reste alors inchangé (comme une écriture conditionnelle DynamoDB,
    /// chapitre 09).
    pub fn ajouter(&mut self, produit: Produit) -> Result<(), IdentifiantDejaPris> {
        if self.trouver(&produit.id).is_some() {
            return Err(IdentifiantDejaPris { id: produit.id });
        }
        self.produits.push(produit);
        Ok(())
    }
}

/// L'erreur de [`Catalogue::ajouter`] : un produit porte déjà cet identifiant.
///
/// `Display` et `Error` sont écrits à la main ; le chapitre 04 montre comment la crate
/// `thiserror` les écrit pour vous.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdentifiantDejaPris {
    /// L'identifiant en double.
    pub id: String,
}

impl fmt::Display for IdentifiantDejaPris {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Un produit porte déjà l'identifiant {}.", self.id)
    }
}

impl Error for IdentifiantDejaPris {}
