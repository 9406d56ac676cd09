//! Le contrat du stockage des produits (fourni, rien à écrire ici).
//!
//! L'API ne connaît que ce trait : le magasin en mémoire ([`crate::memoire`]) et le magasin
//! DynamoDB (votre travail, dans `lib.rs`) le remplissent tous les deux, avec les mêmes
//! erreurs (chapitre 09, page 9.3, « Un trait pour le stockage »).

use solution_03_integration_proxy::produit::Produit;
use solution_04_erreurs::erreur::ErreurApi;
use std::future::Future;

/// La taille de page de `GET /produits` quand `?limite=` est absent.
pub const LIMITE_PAR_DEFAUT: u32 = 20;

/// La plus grande taille de page permise (`?limite=1..100`).
pub const LIMITE_MAXIMALE: u32 = 100;

/// Une page de produits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Au plus `limite` produits.
    pub produits: Vec<Produit>,
    /// Le curseur de la page suivante, opaque pour le client ; `None` à la dernière page.
    ///
    /// Une page peut annoncer une suite vide : la page suivante est alors vide, sans curseur.
    pub suivant: Option<String>,
}

/// Un lieu où ranger les produits.
///
/// Les erreurs sont celles de l'API : [`ErreurApi::ProduitExistant`] (409),
/// [`ErreurApi::ProduitIntrouvable`] (404), [`ErreurApi::ParametreInvalide`] (400, curseur
/// mal formé), [`ErreurApi::StockageIndisponible`] (503), [`ErreurApi::Interne`] (500).
pub trait Store: Send + Sync {
    /// Range `produit`, sauf si son identifiant est déjà pris (409, rien n'est modifié).
    fn creer(&self, produit: &Produit) -> impl Future<Output = Result<(), ErreurApi>> + Send;

    /// Le produit d'identifiant `id` (404 s'il n'existe pas).
    fn obtenir(&self, id: &str) -> impl Future<Output = Result<Produit, ErreurApi>> + Send;

    /// Une page d'au plus `limite` produits (1 à [`LIMITE_MAXIMALE`]), à partir du curseur
    /// `suivant` d'une page précédente, ou du début. Un curseur mal formé donne un 400.
    fn lister(
        &self,
        limite: u32,
        suivant: Option<&str>,
    ) -> impl Future<Output = Result<Page, ErreurApi>> + Send;

    /// Supprime le produit d'identifiant `id` et le renvoie (404 s'il n'existait pas).
    fn supprimer(&self, id: &str) -> impl Future<Output = Result<Produit, ErreurApi>> + Send;
}
