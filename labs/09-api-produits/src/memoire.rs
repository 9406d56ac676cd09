//! Le magasin en mémoire (fourni, rien à écrire ici) : le comportement de référence.
//!
//! Il sert aux essais locaux et à la plupart des tests de l'API. Le magasin DynamoDB doit
//! répondre comme lui : mêmes erreurs, mêmes pages (au plus `limite` produits, un curseur
//! opaque, aucun produit vu deux fois). Seul le format du curseur diffère : chacun lit les
//! siens.

use crate::stockage::{LIMITE_MAXIMALE, Page, Store};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use solution_03_integration_proxy::catalogue::IdentifiantDejaPris;
use solution_03_integration_proxy::produit::Produit;
use solution_04_erreurs::erreur::ErreurApi;
use std::collections::BTreeMap;
use std::ops::Bound;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Des produits rangés par identifiant, derrière un verrou.
#[derive(Debug, Default)]
pub struct MemoireStore {
    produits: Mutex<BTreeMap<String, Produit>>,
}

impl MemoireStore {
    /// Un magasin vide.
    pub fn new() -> Self {
        Self::default()
    }

    /// Un magasin qui contient `produits`.
    pub fn avec(produits: impl IntoIterator<Item = Produit>) -> Self {
        let produits = produits
            .into_iter()
            .map(|produit| (produit.id.clone(), produit))
            .collect();
        Self {
            produits: Mutex::new(produits),
        }
    }

    // Le verrou n'est jamais tenu à travers un `.await` : chaque méthode le prend et le rend
    // sans rien attendre. Une panique pendant qu'il était tenu n'a rien laissé à moitié fait.
    fn verrou(&self) -> MutexGuard<'_, BTreeMap<String, Produit>> {
        self.produits.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Le curseur après `id` : son texte en base64url, sans remplissage.
fn curseur_apres(id: &str) -> String {
    URL_SAFE_NO_PAD.encode(id)
}

/// L'identifiant que désigne `curseur`, ou un 400 `PARAMETRE_INVALIDE`.
fn id_du_curseur(curseur: &str) -> Result<String, ErreurApi> {
    URL_SAFE_NO_PAD
        .decode(curseur)
        .ok()
        .and_then(|octets| String::from_utf8(octets).ok())
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            ErreurApi::ParametreInvalide(
                "Le paramètre `suivant` n'est pas un curseur valide : reprenez celui d'une page précédente."
                    .to_string(),
            )
        })
}

impl Store for MemoireStore {
    async fn creer(&self, produit: &Produit) -> Result<(), ErreurApi> {
        let mut produits = self.verrou();
        if produits.contains_key(&produit.id) {
            return Err(IdentifiantDejaPris {
                id: produit.id.clone(),
            }
            .into());
        }
        produits.insert(produit.id.clone(), produit.clone());
        Ok(())
    }

    async fn obtenir(&self, id: &str) -> Result<Produit, ErreurApi> {
        self.verrou()
            .get(id)
            .cloned()
            .ok_or_else(|| ErreurApi::ProduitIntrouvable(id.to_string()))
    }

    async fn lister(&self, limite: u32, suivant: Option<&str>) -> Result<Page, ErreurApi> {
        let debut = match suivant {
            Some(curseur) => Bound::Excluded(id_du_curseur(curseur)?),
            None => Bound::Unbounded,
        };
        let limite = limite.clamp(1, LIMITE_MAXIMALE) as usize;
        let produits = self.verrou();
        let mut suite = produits.range((debut, Bound::Unbounded)).map(|(_, p)| p);
        let page: Vec<Produit> = suite.by_ref().take(limite).cloned().collect();
        let suivant = match (suite.next(), page.last()) {
            (Some(_), Some(dernier)) => Some(curseur_apres(&dernier.id)),
            _ => None,
        };
        Ok(Page {
            produits: page,
            suivant,
        })
    }

    async fn supprimer(&self, id: &str) -> Result<Produit, ErreurApi> {
        self.verrou()
            .remove(id)
            .ok_or_else(|| ErreurApi::ProduitIntrouvable(id.to_string()))
    }
}

#[cfg(test)]
mod tests_du_module {
    use super::*;
    use solution_03_integration_proxy::produit::Prix;
    use std::collections::HashSet;

    fn produit(numero: usize) -> Produit {
        Produit {
            id: format!("produit-{numero:03}"),
            nom: format!("Produit {numero}"),
            prix: Prix::en_centimes(numero as u64),
            description: None,
        }
    }

    #[tokio::test]
    async fn le_magasin_en_memoire_pagine_sans_doublon() {
        let magasin = MemoireStore::avec((0..250).map(produit));
        let mut vus = HashSet::new();
        let mut suivant = None;
        loop {
            let page = magasin.lister(100, suivant.as_deref()).await.unwrap();
            assert!(page.produits.len() <= 100);
            for produit in page.produits {
                assert!(vus.insert(produit.id));
            }
            match page.suivant {
                Some(curseur) => suivant = Some(curseur),
                None => break,
            }
        }
        assert_eq!(vus.len(), 250);
    }

    #[tokio::test]
    async fn le_magasin_en_memoire_refuse_doublon_absent_et_curseur_mal_forme() {
        let magasin = MemoireStore::new();
        magasin.creer(&produit(1)).await.unwrap();
        let doublon = magasin.creer(&produit(1)).await.unwrap_err();
        assert!(matches!(doublon, ErreurApi::ProduitExistant(_)));
        assert_eq!(magasin.supprimer("produit-001").await.unwrap(), produit(1));
        assert!(matches!(
            magasin.obtenir("produit-001").await,
            Err(ErreurApi::ProduitIntrouvable(_))
        ));
        for curseur in ["", "!!!", "/+=="] {
            assert!(matches!(
                magasin.lister(10, Some(curseur)).await,
                Err(ErreurApi::ParametreInvalide(_))
            ));
        }
    }
}
