//! Ce qu'API Gateway fait de la réponse d'un autorisateur (fourni, rien à écrire ici).
//!
//! Les tests et la passerelle locale du cours s'en servent pour juger la sortie de votre
//! fonction comme API Gateway la juge : erreur `Unauthorized` → 401, autre erreur ou sortie
//! illisible → 500, politique qui refuse → 403, politique qui autorise → la requête passe,
//! avec `principalId` et le contexte. La même politique, mise en cache, est jugée pour
//! **chaque** méthode appelée ensuite avec ce jeton : page « 7.4 Le cache des autorisations, et son piège »
//! (cache.md).

use crate::reponses::ReponsePasserelle;
use crate::reponses::{ERREUR_AUTORISATEUR, NON_AUTORISE, REFUS_EXPLICITE, REFUS_IMPLICITE};
use aws_lambda_events::apigw::{
    ApiGatewayCustomAuthorizerPolicy, ApiGatewayCustomAuthorizerResponse,
};
use aws_lambda_events::iam::IamPolicyEffect;
use serde_json::{Map, Value};

/// Le verdict d'une politique pour un ARN de méthode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Une déclaration `Allow` couvre l'ARN, aucune `Deny` ne le couvre.
    Autorise,
    /// Une déclaration `Deny` couvre l'ARN : elle l'emporte toujours.
    RefusExplicite,
    /// Aucune déclaration ne couvre l'ARN.
    RefusImplicite,
}

/// Une requête autorisée : ce qu'API Gateway transmet à l'intégration
/// (`requestContext.authorizer.principalId` et les clés du contexte).
#[derive(Clone, Debug, PartialEq)]
pub struct Autorisation {
    /// Le `principalId` renvoyé.
    pub principal_id: String,
    /// Le contexte renvoyé (chaînes, nombres, booléens).
    pub contexte: Map<String, Value>,
}

/// Juge une politique pour `methode_arn`, comme IAM : un `Deny` qui correspond l'emporte, puis
/// un `Allow`, sinon refus implicite. Dans une ressource, `*` remplace toute suite de
/// caractères (barres obliques comprises) et `?` un caractère.
pub fn evaluer(politique: &ApiGatewayCustomAuthorizerPolicy, methode_arn: &str) -> Decision {
    let couvre = |effet: IamPolicyEffect| {
        politique.statement.iter().any(|declaration| {
            declaration.effect == effet
                && declaration
                    .action
                    .iter()
                    .any(|action| correspond(action, "execute-api:Invoke"))
                && declaration
                    .resource
                    .iter()
                    .any(|ressource| correspond(ressource, methode_arn))
        })
    };
    if couvre(IamPolicyEffect::Deny) {
        Decision::RefusExplicite
    } else if couvre(IamPolicyEffect::Allow) {
        Decision::Autorise
    } else {
        Decision::RefusImplicite
    }
}

/// Juge la sortie de l'autorisateur pour un appel de `methode_arn` : `Ok(json)` pour une
/// réponse, `Err(errorMessage)` pour une erreur de la fonction.
pub fn interpreter(
    sortie: Result<&Value, &str>,
    methode_arn: &str,
) -> Result<Autorisation, ReponsePasserelle> {
    let valeur = match sortie {
        Ok(valeur) => valeur,
        Err(message) if message == crate::refus::UNAUTHORIZED => return Err(NON_AUTORISE),
        Err(_) => return Err(ERREUR_AUTORISATEUR),
    };
    let reponse: ApiGatewayCustomAuthorizerResponse<Option<Map<String, Value>>> =
        serde_json::from_value(valeur.clone()).map_err(|_| ERREUR_AUTORISATEUR)?;
    let principal_id = reponse
        .principal_id
        .filter(|id| !id.is_empty())
        .ok_or(ERREUR_AUTORISATEUR)?;
    let contexte = reponse.context.unwrap_or_default();
    // Un objet ou un tableau dans le contexte rend la sortie invalide.
    if contexte.values().any(|v| v.is_object() || v.is_array()) {
        return Err(ERREUR_AUTORISATEUR);
    }
    match evaluer(&reponse.policy_document, methode_arn) {
        Decision::Autorise => Ok(Autorisation {
            principal_id,
            contexte,
        }),
        Decision::RefusExplicite => Err(REFUS_EXPLICITE),
        Decision::RefusImplicite => Err(REFUS_IMPLICITE),
    }
}

/// Correspondance d'un motif IAM (`*`, `?`) avec un texte.
fn correspond(motif: &str, texte: &str) -> bool {
    let motif: Vec<char> = motif.chars().collect();
    let texte: Vec<char> = texte.chars().collect();
    // Programmation dynamique classique : `possible[j]` dit si motif[..i] couvre texte[..j].
    let mut possible = vec![false; texte.len() + 1];
    possible[0] = true;
    for &m in &motif {
        let mut suivant = vec![false; texte.len() + 1];
        if m == '*' {
            let mut vu = false;
            for j in 0..=texte.len() {
                vu |= possible[j];
                suivant[j] = vu;
            }
        } else {
            for j in 1..=texte.len() {
                suivant[j] = possible[j - 1] && (m == '?' || m == texte[j - 1]);
            }
        }
        possible = suivant;
    }
    possible[texte.len()]
}

#[cfg(test)]
mod tests {
    use super::correspond;

    #[test]
    fn l_etoile_couvre_toute_suite_de_caracteres() {
        let arn = "arn:aws:execute-api:eu-west-3:123456789012:abc123/prod/DELETE/produits/42";
        assert!(correspond(
            "arn:aws:execute-api:eu-west-3:123456789012:abc123/prod/*/*",
            arn
        ));
        assert!(correspond(
            "arn:aws:execute-api:eu-west-3:123456789012:abc123/prod/DELETE/produits/*",
            arn
        ));
        assert!(!correspond(
            "arn:aws:execute-api:eu-west-3:123456789012:abc123/prod/POST/*",
            arn
        ));
        assert!(!correspond(
            "arn:aws:execute-api:eu-west-3:123456789012:abc123/prod/DELETE/produits",
            arn
        ));
        assert!(correspond("execute-api:*", "execute-api:Invoke"));
    }
}
