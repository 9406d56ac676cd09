//! # Solution de l'atelier 09 — Le stockage des produits dans DynamoDB
//!
//! Le magasin DynamoDB de l'API Produits : l'écriture conditionnelle, la lecture, la liste
//! paginée avec un curseur opaque, la suppression qui renvoie l'ancien produit, et les
//! erreurs du SDK devenues des 503. Les modules fournis et les tests sont ceux de l'atelier
//! (`labs/09-api-produits`), inclus tels quels.

#[path = "../../../labs/09-api-produits/src/choix.rs"]
pub mod choix;
#[path = "../../../labs/09-api-produits/src/dynalite.rs"]
pub mod dynalite;
#[path = "../../../labs/09-api-produits/src/dynamodb.rs"]
pub mod dynamodb;
#[path = "../../../labs/09-api-produits/src/item.rs"]
pub mod item;
#[path = "../../../labs/09-api-produits/src/memoire.rs"]
pub mod memoire;
#[path = "../../../labs/09-api-produits/src/stockage.rs"]
pub mod stockage;
#[cfg(test)]
#[path = "../../../labs/09-api-produits/src/tests.rs"]
mod tests;

pub use choix::Stockage;
pub use dynamodb::DynamoDbStore;
pub use memoire::MemoireStore;
pub use stockage::{LIMITE_MAXIMALE, LIMITE_PAR_DEFAUT, Page, Store};

use aws_sdk_dynamodb::error::{DisplayErrorContext, SdkError};
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use item::{CLE, TAILLE_MAXIMALE_CLE, depuis_item, vers_item};
use solution_03_integration_proxy::catalogue::IdentifiantDejaPris;
use solution_03_integration_proxy::produit::Produit;
use solution_04_erreurs::erreur::ErreurApi;
use std::collections::HashMap;

// ANCHOR: curseur
/// Le curseur opaque qui désigne `cle` : son JSON `{"id":"…"}` en base64url, sans remplissage
/// (des caractères sûrs dans une chaîne de requête).
pub fn encoder_curseur(cle: &HashMap<String, AttributeValue>) -> Result<String, ErreurApi> {
    match (cle.len(), cle.get(CLE)) {
        (1, Some(AttributeValue::S(id))) => {
            let json = serde_json::json!({ CLE: id }).to_string();
            Ok(URL_SAFE_NO_PAD.encode(json))
        }
        _ => Err(ErreurApi::Interne(format!(
            "LastEvaluatedKey inattendue (la clé de la table est `{CLE}`, de type S) : {cle:?}"
        ))),
    }
}

/// La clé (`ExclusiveStartKey`) que désigne `curseur`, ou un 400 `PARAMETRE_INVALIDE` pour
/// tout curseur que nous n'aurions pas pu fabriquer : jamais un 500, jamais une requête
/// DynamoDB refusée (qui deviendrait un 503).
pub fn decoder_curseur(curseur: &str) -> Result<HashMap<String, AttributeValue>, ErreurApi> {
    let invalide = || {
        ErreurApi::ParametreInvalide(
            "Le paramètre `suivant` n'est pas un curseur valide : reprenez celui d'une page précédente."
                .to_string(),
        )
    };
    let json = URL_SAFE_NO_PAD.decode(curseur).map_err(|_| invalide())?;
    // Un objet JSON dont chaque valeur est une chaîne : un tableau, un nombre, `null` sont refusés.
    let mut cle: HashMap<String, String> = serde_json::from_slice(&json).map_err(|_| invalide())?;
    // Exactement l'attribut clé, ni vide ni plus long que DynamoDB ne le permet.
    let id = cle
        .remove(CLE)
        .filter(|id| cle.is_empty() && !id.is_empty());
    match id {
        Some(id) if id.len() <= TAILLE_MAXIMALE_CLE => {
            Ok(HashMap::from([(CLE.to_string(), AttributeValue::S(id))]))
        }
        _ => Err(invalide()),
    }
}
// ANCHOR_END: curseur

// ANCHOR: erreur_sdk
/// L'erreur de l'API pour une erreur du SDK que rien d'autre n'attendait : un 503
/// `STOCKAGE_INDISPONIBLE`. Le SDK a déjà fait ses tentatives (trois par défaut, dont les
/// erreurs de limitation) ; le détail, avec l'opération, ne va qu'au journal.
pub fn erreur_sdk<E, R>(operation: &str, erreur: SdkError<E, R>) -> ErreurApi
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    ErreurApi::StockageIndisponible(format!("{operation} : {}", DisplayErrorContext(&erreur)))
}
// ANCHOR_END: erreur_sdk

impl Store for DynamoDbStore {
    // ANCHOR: creer
    async fn creer(&self, produit: &Produit) -> Result<(), ErreurApi> {
        let reponse = self
            .client()
            .put_item()
            .table_name(self.table())
            .set_item(Some(vers_item(produit)))
            // Écrire seulement si aucun article ne porte cet id : le test et l'écriture ne
            // font qu'une opération, sans course possible entre deux créations.
            .condition_expression("attribute_not_exists(id)")
            .send()
            .await;
        match reponse {
            Ok(_) => Ok(()),
            Err(erreur)
                if erreur
                    .as_service_error()
                    .is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Err(IdentifiantDejaPris {
                    id: produit.id.clone(),
                }
                .into())
            }
            Err(erreur) => Err(erreur_sdk("PutItem", erreur)),
        }
    }
    // ANCHOR_END: creer

    // ANCHOR: obtenir
    async fn obtenir(&self, id: &str) -> Result<Produit, ErreurApi> {
        let reponse = self
            .client()
            .get_item()
            .table_name(self.table())
            .key(CLE, AttributeValue::S(id.to_string()))
            // Lecture fortement cohérente : un produit tout juste créé se relit à coup sûr.
            .consistent_read(true)
            .send()
            .await
            .map_err(|erreur| erreur_sdk("GetItem", erreur))?;
        match reponse.item() {
            Some(item) => depuis_item(item),
            None => Err(ErreurApi::ProduitIntrouvable(id.to_string())),
        }
    }
    // ANCHOR_END: obtenir

    // ANCHOR: lister
    async fn lister(&self, limite: u32, suivant: Option<&str>) -> Result<Page, ErreurApi> {
        // Le curseur se lit avant tout appel : un curseur forgé n'atteint pas DynamoDB.
        let depart = suivant.map(decoder_curseur).transpose()?;
        let reponse = self
            .client()
            .scan()
            .table_name(self.table())
            .limit(limite.clamp(1, LIMITE_MAXIMALE) as i32)
            .set_exclusive_start_key(depart)
            .consistent_read(true)
            .send()
            .await
            .map_err(|erreur| erreur_sdk("Scan", erreur))?;
        let produits = reponse
            .items()
            .iter()
            .map(depuis_item)
            .collect::<Result<Vec<_>, _>>()?;
        let suivant = reponse
            .last_evaluated_key()
            .map(encoder_curseur)
            .transpose()?;
        Ok(Page { produits, suivant })
    }
    // ANCHOR_END: lister

    // ANCHOR: supprimer
    async fn supprimer(&self, id: &str) -> Result<Produit, ErreurApi> {
        let reponse = self
            .client()
            .delete_item()
            .table_name(self.table())
            .key(CLE, AttributeValue::S(id.to_string()))
            // L'ancien article, s'il existait : une seule requête dit « supprimé » ou « absent ».
            .return_values(ReturnValue::AllOld)
            .send()
            .await
            .map_err(|erreur| erreur_sdk("DeleteItem", erreur))?;
        match reponse.attributes() {
            Some(ancien) => depuis_item(ancien),
            None => Err(ErreurApi::ProduitIntrouvable(id.to_string())),
        }
    }
    // ANCHOR_END: supprimer
}
