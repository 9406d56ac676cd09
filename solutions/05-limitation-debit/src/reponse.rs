//! Les deux réponses 429 d'API Gateway, au caractère près. Page « 5.4 La réponse 429 » du
//! chapitre 05 (`reponse-429.md`).

use crate::configuration::Refus;
use lambda_http::http::{StatusCode, header};
use lambda_http::{Body, Response};

/// L'en-tête où API Gateway nomme le type d'erreur.
pub const EN_TETE_TYPE_ERREUR: &str = "x-amzn-ErrorType";

// ANCHOR: reponse
impl Refus {
    /// Le message du corps : `Too Many Requests` pour une limitation, `Limit Exceeded` pour
    /// un quota épuisé.
    pub fn message(&self) -> &'static str {
        match self {
            Refus::Limitee => "Too Many Requests",
            Refus::QuotaDepasse => "Limit Exceeded",
        }
    }

    /// La valeur de l'en-tête `x-amzn-ErrorType`.
    pub fn type_d_erreur(&self) -> &'static str {
        match self {
            Refus::Limitee => "TooManyRequestsException",
            Refus::QuotaDepasse => "LimitExceededException",
        }
    }

    /// La réponse qu'API Gateway envoie au client : 429, `Content-Type: application/json`,
    /// `x-amzn-ErrorType`, le corps `{"message":"…"}` sans espace, et pas de `Retry-After`.
    pub fn en_reponse(&self) -> Response<Body> {
        let corps = format!(r#"{{"message":"{}"}}"#, self.message());
        let mut reponse = Response::new(Body::from(corps));
        *reponse.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        let entetes = reponse.headers_mut();
        entetes.insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/json"),
        );
        entetes.insert(
            EN_TETE_TYPE_ERREUR,
            header::HeaderValue::from_static(self.type_d_erreur()),
        );
        reponse
    }
}
// ANCHOR_END: reponse
