//! La fonction Lambda autour de l'autorisateur (fourni, rien à écrire ici) : une invocation
//! journalisée, et le `main` qui configure les journaux, lit la configuration et lance le runtime.

use crate::autorisateur::{Autorisateur, Reponse};
use crate::configuration::Configuration;
use aws_lambda_events::apigw::ApiGatewayCustomAuthorizerRequest;
use lambda_runtime::{Diagnostic, LambdaEvent, service_fn};

/// Une invocation : le refus est journalisé avec son motif, puis devient `Unauthorized`.
pub async fn traiter(
    autorisateur: &Autorisateur,
    evenement: LambdaEvent<ApiGatewayCustomAuthorizerRequest>,
) -> Result<Reponse, Diagnostic> {
    match autorisateur.autoriser(&evenement.payload) {
        Ok(reponse) => {
            tracing::info!(
                principal_id = reponse.principal_id.as_deref().unwrap_or_default(),
                "jeton accepté"
            );
            Ok(reponse)
        }
        Err(refus) => {
            tracing::warn!(motif = %refus, request_id = %evenement.context.request_id, "jeton refusé");
            Err(refus.into())
        }
    }
}

/// Le corps de `main` : journaux JSON, configuration, clés, puis la boucle du runtime.
/// Une configuration absente ou fausse fait échouer le démarrage à froid avec son message.
pub async fn lancer() -> Result<(), lambda_runtime::Error> {
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_target(false)
        .with_current_span(false)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();
    let autorisateur = Configuration::depuis_env().and_then(Autorisateur::demarrer);
    let autorisateur = match autorisateur {
        Ok(autorisateur) => autorisateur,
        Err(erreur) => {
            tracing::error!(%erreur, "démarrage à froid impossible");
            return Err(erreur.into());
        }
    };
    tracing::info!(
        emetteur = %autorisateur.configuration().emetteur,
        jwks_url = %autorisateur.configuration().jwks_url,
        "autorisateur prêt"
    );
    let autorisateur = &autorisateur;
    lambda_runtime::run(service_fn(move |evenement| {
        traiter(autorisateur, evenement)
    }))
    .await
}
