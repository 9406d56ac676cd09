//! L'autorisateur : un événement TOKEN en entrée, une politique et un contexte en sortie.
//!
//! Pages « 7.2 Le mécanisme d'autorisation Lambda : TOKEN ou REQUEST » (autorisateur-lambda.md)
//! et « 7.3 La réponse de l'autorisateur » (reponse.md) du chapitre 07.

use crate::cles::SourceDeCles;
use crate::configuration::Configuration;
use crate::jeton::{extraire_jeton, verifier_jeton};
use crate::politique::{ArnMethode, contexte, droits_accordes, politique};
use crate::refus::{ErreurConfiguration, Refus};
use aws_lambda_events::apigw::{
    ApiGatewayCustomAuthorizerRequest, ApiGatewayCustomAuthorizerResponse,
};
use serde_json::{Map, Value};

/// Le `main` de la fonction et une invocation, fournis dans [`crate::fonction`].
pub use crate::fonction::{lancer, traiter};

/// La réponse de l'autorisateur : `principalId`, politique, contexte.
pub type Reponse = ApiGatewayCustomAuthorizerResponse<Map<String, Value>>;

/// L'autorisateur d'un environnement d'exécution : sa configuration et les clés de l'émetteur.
pub struct Autorisateur {
    configuration: Configuration,
    cles: SourceDeCles,
}

impl Autorisateur {
    /// Démarrage à froid : lit le JWKS de la configuration. Une erreur ici arrête la fonction.
    pub fn demarrer(configuration: Configuration) -> Result<Self, ErreurConfiguration> {
        let cles = SourceDeCles::charger(&configuration.jwks_url)?;
        Ok(Self::avec_cles(configuration, cles))
    }

    /// Un autorisateur avec des clés déjà chargées.
    pub fn avec_cles(configuration: Configuration, cles: SourceDeCles) -> Self {
        Self {
            configuration,
            cles,
        }
    }

    /// La configuration lue au démarrage.
    pub fn configuration(&self) -> &Configuration {
        &self.configuration
    }

    /// Juge un événement TOKEN : la réponse pour un jeton valide, le motif du refus sinon.
    ///
    /// Étape 6. Refusez un événement dont le `type` n'est pas `TOKEN`, ou dont le `methodArn` est
    /// illisible (`ArnMethode::analyser`), puis : `extraire_jeton`, `verifier_jeton`,
    /// `droits_accordes`, et la réponse (`Reponse::default()`), avec `principal_id` = `sub`,
    /// `policy_document` = `politique(…)`, `context` = `contexte(…)`. Page « 7.2 Le mécanisme
    /// d'autorisation Lambda » (autorisateur-lambda.md).
    pub fn autoriser(
        &self,
        evenement: &ApiGatewayCustomAuthorizerRequest,
    ) -> Result<Reponse, Refus> {
        todo!(
            "Indice : chaque étape renvoie un `Result<_, Refus>` : enchaînez-les avec `?` (page 7.2, autorisateur-lambda.md)"
        )
    }
}
