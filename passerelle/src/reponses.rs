//! Les réponses qu'API Gateway fabrique lui-même (*gateway responses*), au caractère près
//! (fiche de référence du projet, §1b, §2, §3, §4a), puis personnalisées par les
//! `GatewayResponses` du gabarit : l'entrée du type exact, sinon `DEFAULT_4XX` ou
//! `DEFAULT_5XX` selon le statut. C'est là que le gabarit pose les en-têtes CORS des erreurs.
//!
//! Les corps viennent des solutions : chapitre 05 pour les 429 ([`Refus`]), chapitre 07 pour
//! l'autorisation et la clé d'API ([`ReponsePasserelle`]).

use crate::gabarit::ReponsePersonnalisee;
use solution_05_limitation_debit::Refus;
use solution_07_securisation::reponses::{
    CLE_API_REFUSEE, ERREUR_AUTORISATEUR, NON_AUTORISE, REFUS_EXPLICITE, REFUS_IMPLICITE,
    ReponsePasserelle,
};
use std::collections::BTreeMap;

/// Une erreur de la passerelle : son type de réponse, son statut, son corps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErreurPasserelle {
    /// Le type de réponse de passerelle (`UNAUTHORIZED`…), celui de `$context.error.responseType`.
    pub type_reponse: &'static str,
    pub statut: u16,
    pub corps: String,
    /// L'en-tête `x-amzn-ErrorType`.
    pub type_erreur: &'static str,
    /// `$context.error.message`.
    pub message: Option<String>,
}

impl ErreurPasserelle {
    /// Route ou méthode inconnue : 403 `Missing Authentication Token`.
    pub fn route_inconnue() -> Self {
        Self {
            type_reponse: "MISSING_AUTHENTICATION_TOKEN",
            statut: 403,
            corps: r#"{"message":"Missing Authentication Token"}"#.into(),
            type_erreur: "MissingAuthenticationTokenException",
            message: Some("Missing Authentication Token".into()),
        }
    }

    /// Une réponse de l'autorisation ou de la clé d'API (chapitre 07).
    pub fn depuis_chapitre_07(reponse: ReponsePasserelle) -> Self {
        let type_reponse = if reponse == NON_AUTORISE {
            "UNAUTHORIZED"
        } else if reponse == REFUS_EXPLICITE || reponse == REFUS_IMPLICITE {
            "ACCESS_DENIED"
        } else if reponse == CLE_API_REFUSEE {
            "INVALID_API_KEY"
        } else if reponse == ERREUR_AUTORISATEUR {
            "AUTHORIZER_CONFIGURATION_ERROR"
        } else {
            "DEFAULT_4XX"
        };
        let message = serde_json::from_str::<serde_json::Value>(reponse.corps)
            .ok()
            .and_then(|v| {
                v.get("message")
                    .or_else(|| v.get("Message"))
                    .and_then(|m| m.as_str().map(str::to_string))
            });
        Self {
            type_reponse,
            statut: reponse.statut,
            corps: reponse.corps.into(),
            type_erreur: reponse.type_erreur,
            message,
        }
    }

    /// Un 429 de la limitation ou du quota (chapitre 05).
    pub fn depuis_refus(refus: Refus) -> Self {
        let reponse = refus.en_reponse();
        let corps = String::from_utf8_lossy(reponse.body().as_ref()).into_owned();
        Self {
            type_reponse: refus.type_de_reponse(),
            statut: reponse.status().as_u16(),
            corps,
            type_erreur: refus.type_d_erreur(),
            message: Some(refus.message().into()),
        }
    }

    /// La fonction a échoué, ou sa réponse n'a pas le format proxy : 502.
    pub fn integration_en_echec() -> Self {
        Self {
            type_reponse: "DEFAULT_5XX",
            statut: 502,
            corps: r#"{"message": "Internal server error"}"#.into(),
            type_erreur: "InternalServerErrorException",
            message: Some("Internal server error".into()),
        }
    }

    /// Le délai de l'intégration est dépassé : 504.
    pub fn delai_depasse() -> Self {
        Self {
            type_reponse: "INTEGRATION_TIMEOUT",
            statut: 504,
            corps: r#"{"message": "Endpoint request timed out"}"#.into(),
            type_erreur: "InternalServerErrorException",
            message: Some("Endpoint request timed out".into()),
        }
    }
}

/// La réponse finale : statut, en-têtes (dans l'ordre), corps.
#[derive(Clone, Debug)]
pub struct ReponseFinale {
    pub statut: u16,
    pub entetes: Vec<(String, String)>,
    pub corps: Vec<u8>,
}

/// Ce qu'on sait de la requête pour évaluer une expression (`method.request.header.Origin`).
pub struct ContexteRequete<'a> {
    pub entetes: &'a hyper::HeaderMap,
    pub parametres_chemin: &'a BTreeMap<String, String>,
    pub parametres_requete: &'a BTreeMap<String, Vec<String>>,
}

/// Évalue une expression de correspondance d'API Gateway : `'constante'`, ou une valeur de la
/// requête (`method.request.header.X`, `.path.X`, `.querystring.X`). `None` : pas de valeur.
pub fn evaluer_expression(expression: &str, requete: &ContexteRequete) -> Option<String> {
    let expression = expression.trim();
    if let Some(constante) = expression
        .strip_prefix('\'')
        .and_then(|r| r.strip_suffix('\''))
    {
        return Some(constante.to_string());
    }
    if let Some(nom) = expression.strip_prefix("method.request.header.") {
        return requete
            .entetes
            .get(nom)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
    }
    if let Some(nom) = expression.strip_prefix("method.request.path.") {
        return requete.parametres_chemin.get(nom).cloned();
    }
    if let Some(nom) = expression.strip_prefix("method.request.querystring.") {
        return requete
            .parametres_requete
            .get(nom)
            .and_then(|v| v.last().cloned());
    }
    None
}

/// La réponse de passerelle de `erreur`, personnalisée par `personnalisees` (le gabarit).
/// `substituer` remplace les `$context.…` d'un modèle de corps.
pub fn reponse_de_passerelle(
    erreur: &ErreurPasserelle,
    personnalisees: &BTreeMap<String, ReponsePersonnalisee>,
    requete: &ContexteRequete,
    substituer: impl Fn(&str) -> String,
) -> ReponseFinale {
    let defaut = if erreur.statut >= 500 {
        "DEFAULT_5XX"
    } else {
        "DEFAULT_4XX"
    };
    let personnalisee = personnalisees
        .get(erreur.type_reponse)
        .or_else(|| personnalisees.get(defaut));
    let mut entetes = vec![("Content-Type".to_string(), "application/json".to_string())];
    let mut statut = erreur.statut;
    let mut corps = erreur.corps.clone().into_bytes();
    if let Some(p) = personnalisee {
        statut = p.statut.unwrap_or(statut);
        for (nom, expression) in &p.entetes {
            if let Some(valeur) = evaluer_expression(expression, requete) {
                entetes.retain(|(n, _)| !n.eq_ignore_ascii_case(nom));
                entetes.push((nom.clone(), valeur));
            }
        }
        if let Some(modele) = p.modeles.get("application/json") {
            corps = substituer(modele).into_bytes();
        }
    }
    entetes.push((
        "x-amzn-ErrorType".to_string(),
        erreur.type_erreur.to_string(),
    ));
    ReponseFinale {
        statut,
        entetes,
        corps,
    }
}
