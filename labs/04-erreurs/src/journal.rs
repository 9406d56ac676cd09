//! Les journaux JSON (fourni, rien à écrire ici).
//!
//! Sur Lambda, tout ce que la fonction écrit sur la sortie standard arrive dans CloudWatch
//! Logs. Une ligne JSON par événement permet de filtrer ensuite par champ avec CloudWatch
//! Logs Insights (`filter code = "ERREUR_INTERNE"`). Page « 4.6 Journaliser chaque erreur une
//! fois, en JSON » du chapitre 04.

use lambda_http::request::RequestContext;
use lambda_http::{Request, RequestExt};
use tracing::Subscriber;
use tracing_subscriber::fmt::MakeWriter;

// ANCHOR: identifiants
/// Les deux identifiants d'une requête, à mettre dans chaque ligne de journal.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identifiants {
    /// L'identifiant de l'invocation Lambda (celui des lignes `START`/`END`/`REPORT` de
    /// CloudWatch) ; absent quand la requête ne vient pas du runtime Lambda, dans les tests.
    pub lambda: Option<String>,
    /// L'identifiant donné par API Gateway (`requestContext.requestId`, `$context.requestId`
    /// dans les journaux d'accès d'API Gateway).
    pub api_gateway: Option<String>,
}

impl Identifiants {
    /// Les identifiants de `requete`, quand ils sont connus.
    pub fn de(requete: &Request) -> Self {
        let lambda = requete
            .lambda_context_ref()
            .map(|contexte| contexte.request_id.clone())
            .filter(|id| !id.is_empty());
        let api_gateway = match requete.request_context_ref() {
            Some(RequestContext::ApiGatewayV1(contexte)) => contexte.request_id.clone(),
            Some(RequestContext::ApiGatewayV2(contexte)) => contexte.request_id.clone(),
            _ => None,
        };
        Self {
            lambda,
            api_gateway,
        }
    }
}
// ANCHOR_END: identifiants

/// Un abonné `tracing` qui écrit une ligne JSON par événement dans `sortie`, les champs de
/// l'événement à la racine de l'objet (`{"level":"ERROR","code":"ERREUR_INTERNE",…}`).
pub fn abonne_json<W>(sortie: W) -> impl Subscriber + Send + Sync + 'static
where
    W: for<'a> MakeWriter<'a> + Send + Sync + 'static,
{
    tracing_subscriber::fmt()
        .json()
        .flatten_event(true)
        .with_span_list(false)
        .with_writer(sortie)
        .finish()
}

/// Installe l'abonné JSON sur la sortie standard, pour toute la fonction (à appeler une
/// fois, au début de `main`).
pub fn initialiser() {
    // Échoue seulement si un abonné est déjà installé : on garde alors le premier.
    let _ = tracing::subscriber::set_global_default(abonne_json(std::io::stdout));
}
