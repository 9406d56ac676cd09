//! Le magasin de la fonction, choisi au démarrage à froid (fourni, rien à écrire ici).
//!
//! Le trait [`Store`] n'est pas utilisable en `dyn Store` (ses méthodes renvoient des
//! `impl Future`) : cette énumération le remplit en passant chaque appel au magasin choisi.

use crate::dynamodb::{DynamoDbStore, VARIABLE_TABLE};
use crate::memoire::MemoireStore;
use crate::stockage::{Page, Store};
use solution_03_integration_proxy::produit::Produit;
use solution_04_erreurs::erreur::ErreurApi;

/// L'un ou l'autre magasin.
#[derive(Debug)]
pub enum Stockage {
    /// En mémoire : les essais locaux (`cargo lambda watch`), sans table.
    Memoire(MemoireStore),
    /// Une table DynamoDB.
    DynamoDb(DynamoDbStore),
}

impl Stockage {
    /// DynamoDB quand `TABLE_PRODUITS` est définie (voir [`DynamoDbStore::depuis_environnement`]),
    /// sinon un magasin en mémoire vide. Le gabarit SAM définit toujours la variable.
    pub async fn depuis_environnement() -> Result<Self, String> {
        if std::env::var_os(VARIABLE_TABLE).is_none() {
            return Ok(Self::Memoire(MemoireStore::new()));
        }
        DynamoDbStore::depuis_environnement()
            .await
            .map(Self::DynamoDb)
    }
}

impl Store for Stockage {
    async fn creer(&self, produit: &Produit) -> Result<(), ErreurApi> {
        match self {
            Self::Memoire(magasin) => magasin.creer(produit).await,
            Self::DynamoDb(magasin) => magasin.creer(produit).await,
        }
    }

    async fn obtenir(&self, id: &str) -> Result<Produit, ErreurApi> {
        match self {
            Self::Memoire(magasin) => magasin.obtenir(id).await,
            Self::DynamoDb(magasin) => magasin.obtenir(id).await,
        }
    }

    async fn lister(&self, limite: u32, suivant: Option<&str>) -> Result<Page, ErreurApi> {
        match self {
            Self::Memoire(magasin) => magasin.lister(limite, suivant).await,
            Self::DynamoDb(magasin) => magasin.lister(limite, suivant).await,
        }
    }

    async fn supprimer(&self, id: &str) -> Result<Produit, ErreurApi> {
        match self {
            Self::Memoire(magasin) => magasin.supprimer(id).await,
            Self::DynamoDb(magasin) => magasin.supprimer(id).await,
        }
    }
}

#[cfg(test)]
mod tests_du_module {
    use super::*;
    use solution_03_integration_proxy::produit::Prix;

    /// Ne compile que si le futur peut passer d'un fil à l'autre (ce qu'exige lambda_http).
    fn envoyable<F: std::future::Future + Send>(futur: F) -> F {
        futur
    }

    #[tokio::test]
    async fn le_choix_passe_chaque_appel_au_magasin_choisi() {
        let stockage = Stockage::Memoire(MemoireStore::new());
        let produit = Produit {
            id: "p1".to_string(),
            nom: "Clavier".to_string(),
            prix: Prix::en_centimes(4990),
            description: None,
        };
        envoyable(stockage.creer(&produit)).await.unwrap();
        assert_eq!(stockage.obtenir("p1").await.unwrap(), produit);
        let page = stockage.lister(10, None).await.unwrap();
        assert_eq!(page.produits.len(), 1);
        assert_eq!(stockage.supprimer("p1").await.unwrap(), produit);
    }
}
