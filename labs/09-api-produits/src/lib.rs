//! # Atelier 09 — Le stockage des produits dans DynamoDB
//!
//! Vous écrivez le magasin DynamoDB de l'API Produits : il remplit le trait
//! [`stockage::Store`] comme le magasin en mémoire ([`memoire::MemoireStore`], la référence),
//! sur une vraie table. L'énoncé complet est la page « Atelier 09 » du chapitre 09.
//!
//! | méthode | requête DynamoDB | erreurs |
//! |---|---|---|
//! | `creer` | `PutItem`, condition `attribute_not_exists(id)` | 409 `PRODUIT_EXISTANT` |
//! | `obtenir` | `GetItem`, lecture fortement cohérente | 404 `PRODUIT_INTROUVABLE` |
//! | `lister` | `Scan` avec `Limit` et `ExclusiveStartKey` | 400 `PARAMETRE_INVALIDE` (curseur) |
//! | `supprimer` | `DeleteItem`, `ReturnValues::AllOld` | 404 `PRODUIT_INTROUVABLE` |
//!
//! Et pour toutes : une erreur du SDK, après ses propres tentatives, devient un 503
//! `STOCKAGE_INDISPONIBLE` ([`erreur_sdk`]).
//!
//! Fourni : le trait et la page ([`stockage`]), le magasin en mémoire ([`memoire`]), la
//! structure du magasin DynamoDB et sa configuration par l'environnement ([`dynamodb`]), le
//! choix de l'un ou de l'autre au démarrage ([`choix`]), la
//! conversion produit ↔ article au prix exact ([`item`]), le serveur local des tests
//! ([`dynalite`]), et les ateliers 03 et 04 (`solution_03_integration_proxy` pour le modèle,
//! `solution_04_erreurs` pour [`ErreurApi`]).
//!
//! À écrire, dans cet ordre (l'ordre des modules de tests, `etape_1_…` à `etape_5_…`) :
//! 1. `creer`, l'écriture conditionnelle ;
//! 2. `obtenir` ;
//! 3. [`encoder_curseur`], [`decoder_curseur`], puis `lister` ;
//! 4. `supprimer` ;
//! 5. [`erreur_sdk`], que toutes les méthodes appellent pour une erreur imprévue.
//!
//! Noter votre travail : `cargo test -p lab-09-api-produits`, ou `cargo xtask watch 09`.
//! Les tests lancent dynalite, un serveur DynamoDB local : `cargo xtask test` l'installe
//! (ou `npm install --prefix .outils/dynalite dynalite@4.0.0`). Lisez le premier échec d'abord.

// Énoncé : les paramètres ne servent qu'une fois votre code écrit.
#![allow(unused_variables, unused_imports)]

pub mod choix;
pub mod dynalite;
pub mod dynamodb;
pub mod item;
pub mod memoire;
pub mod stockage;
#[cfg(test)]
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

/// Le curseur opaque qui désigne `cle` (la `LastEvaluatedKey` d'un `Scan`, `{"id": S(…)}`).
///
/// Écrivez le JSON `{"id":"…"}` en base64url sans remplissage (`URL_SAFE_NO_PAD`) : des
/// caractères sûrs dans une chaîne de requête. Une clé d'une autre forme est un défaut de
/// notre code : [`ErreurApi::Interne`]. Chapitre 09, page « 9.4 Paginer avec un
/// curseur opaque ».
pub fn encoder_curseur(cle: &HashMap<String, AttributeValue>) -> Result<String, ErreurApi> {
    todo!(
        "Indice : (1, Some(AttributeValue::S(id))) = (cle.len(), cle.get(CLE)) → \
         URL_SAFE_NO_PAD.encode(serde_json::json!({{ CLE: id }}).to_string())"
    )
}

/// La clé (`ExclusiveStartKey`) que désigne `curseur`.
///
/// Tout curseur que [`encoder_curseur`] n'aurait pas pu fabriquer (pas du base64url, pas un
/// objet JSON, un autre attribut que `id`, un `id` vide ou de plus de
/// [`TAILLE_MAXIMALE_CLE`] octets) est un 400 [`ErreurApi::ParametreInvalide`] : jamais un 500,
/// et jamais une requête que DynamoDB refuserait. Chapitre 09, page « 9.4 Paginer
/// avec un curseur opaque ».
pub fn decoder_curseur(curseur: &str) -> Result<HashMap<String, AttributeValue>, ErreurApi> {
    todo!(
        "Indice : URL_SAFE_NO_PAD.decode, puis serde_json::from_slice::<HashMap<String, String>> \
         (un objet de chaînes), puis exactement la clé CLE, non vide"
    )
}

/// L'erreur de l'API pour une erreur du SDK que rien d'autre n'attendait : un 503
/// [`ErreurApi::StockageIndisponible`], dont le détail (l'opération, puis
/// `DisplayErrorContext(&erreur)`) ne va qu'au journal. Le SDK a déjà fait ses tentatives.
/// Chapitre 09, page « 9.5 Quand DynamoDB ne répond pas ».
pub fn erreur_sdk<E, R>(operation: &str, erreur: SdkError<E, R>) -> ErreurApi
where
    E: std::error::Error + 'static,
    R: std::fmt::Debug,
{
    todo!(
        "Indice : ErreurApi::StockageIndisponible(format!(\"{{operation}} : {{}}\", \
         DisplayErrorContext(&erreur)))"
    )
}

impl Store for DynamoDbStore {
    /// `PutItem` de `vers_item(produit)` avec la condition `attribute_not_exists(id)` ; un
    /// échec de la condition (`is_conditional_check_failed_exception`) est un 409
    /// (`IdentifiantDejaPris`), toute autre erreur passe par [`erreur_sdk`].
    /// Chapitre 09, page 9.3, « Écrire sans écraser ».
    async fn creer(&self, produit: &Produit) -> Result<(), ErreurApi> {
        todo!(
            "Indice : self.client().put_item().table_name(self.table()).set_item(Some(…))\
             .condition_expression(…).send().await, puis erreur.as_service_error()"
        )
    }

    /// `GetItem` de la clé `id`, en lecture fortement cohérente ; pas d'article → 404.
    /// Chapitre 09, page 9.3, « Lire un produit ».
    async fn obtenir(&self, id: &str) -> Result<Produit, ErreurApi> {
        todo!(
            "Indice : .get_item().key(CLE, AttributeValue::S(…)).consistent_read(true), \
             puis reponse.item() et depuis_item"
        )
    }

    /// Un `Scan` d'au plus `limite` articles, à partir de `decoder_curseur(suivant)` ; la
    /// `LastEvaluatedKey` de la réponse devient le curseur `suivant` de la page.
    /// Chapitre 09, page « 9.4 Paginer avec un curseur opaque ».
    async fn lister(&self, limite: u32, suivant: Option<&str>) -> Result<Page, ErreurApi> {
        todo!(
            "Indice : lisez le curseur avant tout appel, puis .scan().limit(…)\
             .set_exclusive_start_key(…).consistent_read(true) ; reponse.items(), \
             reponse.last_evaluated_key()"
        )
    }

    /// `DeleteItem` de la clé `id` avec `ReturnValues::AllOld` : l'ancien article, s'il
    /// existait, revient dans la réponse ; sinon 404. Chapitre 09, page 9.3,
    /// « Supprimer en une requête ».
    async fn supprimer(&self, id: &str) -> Result<Produit, ErreurApi> {
        todo!(
            "Indice : .delete_item().key(…).return_values(ReturnValue::AllOld), puis reponse.attributes()"
        )
    }
}
