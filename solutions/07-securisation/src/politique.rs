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

// ANCHOR: droits_accordes
/// Les droits que ces portées accordent, dans l'ordre de [`DROITS`].
pub fn droits_accordes(scopes: &[&str]) -> Vec<Droit> {
    DROITS
        .iter()
        .filter(|droit| scopes.contains(&droit.scope))
        .copied()
        .collect()
}
// ANCHOR_END: droits_accordes

// ANCHOR: politique
/// La politique de ce jeton : un `Allow` pour chaque droit accordé, ou, sans aucun droit, un
/// `Deny` sur toute l'étape. Elle ne dépend pas de la méthode appelée : mise en cache, elle
/// reste juste pour la requête suivante, quelle que soit sa méthode.
pub fn politique(arn: &ArnMethode, droits: &[Droit]) -> ApiGatewayCustomAuthorizerPolicy {
    let (effet, ressources) = if droits.is_empty() {
        (IamPolicyEffect::Deny, vec![arn.pour("*", "*")])
    } else {
        let ressources = droits
            .iter()
            .map(|droit| arn.pour(droit.methode, droit.ressource))
            .collect();
        (IamPolicyEffect::Allow, ressources)
    };
    let mut declaration = IamPolicyStatement::default();
    declaration.action = vec!["execute-api:Invoke".to_string()];
    declaration.effect = effet;
    declaration.resource = ressources;
    let mut politique = ApiGatewayCustomAuthorizerPolicy::default();
    politique.version = Some("2012-10-17".to_string());
    politique.statement = vec![declaration];
    politique
}
// ANCHOR_END: politique

// ANCHOR: contexte
/// Le contexte transmis à l'intégration : `sub`, et `scopes` (les portées du jeton, séparées
/// par des espaces : une valeur de contexte ne peut pas être un tableau).
pub fn contexte(revendications: &Revendications) -> Map<String, Value> {
    let mut contexte = Map::new();
    contexte.insert("sub".into(), Value::from(revendications.sub.as_str()));
    contexte.insert(
        "scopes".into(),
        Value::from(revendications.scopes().join(" ")),
    );
    contexte
}
// ANCHOR_END: contexte
