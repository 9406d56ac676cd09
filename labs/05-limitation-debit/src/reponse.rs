//! Les deux réponses 429 d'API Gateway, au caractère près. Page « 5.4 La réponse 429 » du
//! chapitre 05 (`reponse-429.md`).

use crate::configuration::Refus;
use lambda_http::http::{StatusCode, header};
use lambda_http::{Body, Response};

/// L'en-tête où API Gateway nomme le type d'erreur.
pub const EN_TETE_TYPE_ERREUR: &str = "x-amzn-ErrorType";

impl Refus {
    /// **Étape 6, à écrire.** Le message du corps : `Too Many Requests` pour une limitation, `Limit Exceeded` pour
    /// un quota épuisé.
    pub fn message(&self) -> &'static str {
        todo!(
            "Indice : un `match self` ; les deux textes exacts sont dans le tableau de la page 5.4 (reponse-429.md)"
        )
    }

    /// **Étape 6, à écrire.** La valeur de l'en-tête `x-amzn-ErrorType`.
    pub fn type_d_erreur(&self) -> &'static str {
        todo!(
            "Indice : un `match self` ; les deux valeurs de `x-amzn-ErrorType` sont dans le tableau de la page 5.4 (reponse-429.md)"
        )
    }

    /// **Étape 6, à écrire.** La réponse qu'API Gateway envoie au client : 429, `Content-Type: application/json`,
    /// `x-amzn-ErrorType`, le corps `{"message":"…"}` sans espace, et pas de `Retry-After`.
    pub fn en_reponse(&self) -> Response<Body> {
        todo!(
            "Indice : `Response::new(Body::from(corps))`, puis `status_mut()` et `headers_mut()` ; le corps s'écrit sans espace : `{{\"message\":\"…\"}}` (page 5.4, reponse-429.md)"
        )
    }
}
