//! L'état partagé de la fonction (fourni, rien à écrire ici) : le catalogue de l'atelier 03,
//! derrière un verrou, pour que `POST /produits` puisse y ajouter des produits.
//!
//! Un environnement d'exécution Lambda garde cet état d'une invocation à l'autre tant qu'il
//! reste chaud, mais chaque environnement a le sien, et il disparaît sans prévenir :
//! c'est un catalogue d'essai. Le chapitre 09 le remplace par une table DynamoDB.

use solution_03_integration_proxy::catalogue::{Catalogue, IdentifiantDejaPris};
use solution_03_integration_proxy::produit::Produit;
use std::sync::{PoisonError, RwLock};

/// Le catalogue partagé par les invocations.
#[derive(Debug, Default)]
pub struct Etat {
    catalogue: RwLock<Catalogue>,
}

impl Etat {
    /// Un état qui contient `catalogue`.
    pub fn new(catalogue: Catalogue) -> Self {
        Self {
            catalogue: RwLock::new(catalogue),
        }
    }

    /// L'état de départ de la fonction : les trois produits d'exemple de l'atelier 03.
    pub fn exemple() -> Self {
        Self::new(Catalogue::exemple())
    }

    /// Appelle `lecture` avec le catalogue et renvoie son résultat.
    ///
    /// Le verrou n'est tenu que pendant `lecture`, qui est synchrone : on ne le garde
    /// jamais à travers un `.await`.
    pub fn lire<R>(&self, lecture: impl FnOnce(&Catalogue) -> R) -> R {
        // Un verrou « empoisonné » signale qu'une panique a eu lieu pendant qu'il était tenu.
        // Nos sections critiques ne laissent jamais le catalogue à moitié modifié : on continue.
        let catalogue = self
            .catalogue
            .read()
            .unwrap_or_else(PoisonError::into_inner);
        lecture(&catalogue)
    }

    /// Ajoute `produit` au catalogue (voir [`Catalogue::ajouter`]).
    pub fn ajouter(&self, produit: Produit) -> Result<(), IdentifiantDejaPris> {
        let mut catalogue = self
            .catalogue
            .write()
            .unwrap_or_else(PoisonError::into_inner);
        catalogue.ajouter(produit)
    }
}
