//! La politique renvoyée à API Gateway, et le contexte transmis à l'intégration.
//!
//! Pages « 7.3 La réponse de l'autorisateur » (reponse.md) et « 7.4 Le cache des
//! autorisations, et son piège » (cache.md) du chapitre 07.

use crate::jeton::Revendications;
use crate::refus::Refus;
use aws_lambda_events::apigw::ApiGatewayCustomAuthorizerPolicy;
use aws_lambda_events::iam::{IamPolicyEffect, IamPolicyStatement};
use serde_json::{Map, Value};

/// Une portée, et la méthode et la ressource qu'elle ouvre.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Droit {
    /// La portée OAuth 2 exigée.
    pub scope: &'static str,
    /// La méthode HTTP ouverte.
    pub methode: &'static str,
    /// La ressource ouverte, sans barre initiale (`*` couvre tout identifiant).
    pub ressource: &'static str,
}

/// Les routes protégées de l'API Produits. Les `GET` sont publics : l'autorisateur n'est pas
/// appelé pour eux (`Authorizer: NONE` dans le gabarit).
pub const DROITS: [Droit; 2] = [
    Droit {
        scope: "produits:ecrire",
        methode: "POST",
        ressource: "produits",
    },
    Droit {
        scope: "produits:supprimer",
        methode: "DELETE",
        ressource: "produits/*",
    },
];

/// Un ARN de méthode, découpé :
/// `arn:aws:execute-api:{région}:{compte}:{api}/{étape}/{méthode}/{ressource…}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArnMethode {
    /// `arn:aws:execute-api:{région}:{compte}:{api}`
    pub api: String,
    /// L'étape (*stage*), par exemple `prod`.
    pub etape: String,
    /// La méthode appelée, par exemple `POST`.
    pub methode: String,
    /// La ressource appelée, sans barre initiale (`produits/42`), éventuellement vide.
    pub ressource: String,
}

impl ArnMethode {
    /// Découpe `methodArn` ; un ARN qui n'a pas cette forme est refusé.
    pub fn analyser(arn: &str) -> Result<Self, Refus> {
        let inattendu = || Refus::EvenementInattendu(format!("methodArn illisible : {arn:?}"));
        let champs: Vec<&str> = arn.splitn(6, ':').collect();
        if champs.len() != 6 || champs[0] != "arn" || champs[2] != "execute-api" {
            return Err(inattendu());
        }
        let mut morceaux = champs[5].splitn(4, '/');
        let (Some(api_id), Some(etape), Some(methode)) =
            (morceaux.next(), morceaux.next(), morceaux.next())
        else {
            return Err(inattendu());
        };
        if api_id.is_empty() || etape.is_empty() || methode.is_empty() {
            return Err(inattendu());
        }
        let prefixe = champs[..5].join(":");
        Ok(Self {
            api: format!("{prefixe}:{api_id}"),
            etape: etape.to_string(),
            methode: methode.to_string(),
            ressource: morceaux.next().unwrap_or_default().to_string(),
        })
    }

    /// L'ARN de `methode` sur `ressource`, dans la même API et la même étape.
    pub fn pour(&self, methode: &str, ressource: &str) -> String {
        format!("{}/{}/{methode}/{ressource}", self.api, self.etape)
    }
}

/// Les droits que ces portées accordent, dans l'ordre de [`DROITS`].
///
/// Étape 4. Les éléments de [`DROITS`] dont la portée figure dans `scopes`, dans l'ordre de
/// [`DROITS`]. Une portée inconnue n'accorde rien. Page « 7.3 La réponse de l'autorisateur »
/// (reponse.md).
pub fn droits_accordes(scopes: &[&str]) -> Vec<Droit> {
    todo!(
        "Indice : parcourez `DROITS` et gardez ceux dont la portée figure dans `scopes` ; un `Droit` est `Copy` (page 7.3, reponse.md)"
    )
}

/// La politique de ce jeton : un `Allow` pour chaque droit accordé, ou, sans aucun droit, un
/// `Deny` sur toute l'étape. Elle ne dépend pas de la méthode appelée : mise en cache, elle
/// reste juste pour la requête suivante, quelle que soit sa méthode.
///
/// Étape 4. Une seule déclaration, `Action` `execute-api:Invoke`, `Version` `2012-10-17` :
/// `Allow` avec une ressource par droit (`arn.pour(droit.methode, droit.ressource)`), ou, sans
/// aucun droit, `Deny` sur `arn.pour("*", "*")`. Surtout pas l'ARN de la seule méthode
/// appelée : pages « 7.3 La réponse de l'autorisateur » (reponse.md) et « 7.4 Le cache et son
/// piège » (cache.md).
pub fn politique(arn: &ArnMethode, droits: &[Droit]) -> ApiGatewayCustomAuthorizerPolicy {
    todo!(
        "Indice : les types d'aws_lambda_events sont `#[non_exhaustive]` : partez de `IamPolicyStatement::default()` et de `ApiGatewayCustomAuthorizerPolicy::default()`, puis remplissez leurs champs (page 7.3, reponse.md)"
    )
}

/// Le contexte transmis à l'intégration : `sub`, et `scopes` (les portées du jeton, séparées
/// par des espaces : une valeur de contexte ne peut pas être un tableau).
///
/// Étape 5. Deux clés, deux chaînes : `sub`, et `scopes` (les portées du jeton, séparées par
/// une espace). Page « 7.3 La réponse de l'autorisateur » (reponse.md).
pub fn contexte(revendications: &Revendications) -> Map<String, Value> {
    todo!(
        "Indice : `Map::new()`, puis `insert` ; `Value::from(&str)` fait une chaîne JSON (page 7.3, reponse.md)"
    )
}
