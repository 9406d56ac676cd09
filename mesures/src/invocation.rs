//! Une invocation comme la fait le runtime, sans le réseau : les octets de l'événement lus
//! en `LambdaRequest` (avec `serde_path_to_error`, comme `lambda_runtime`), l'adaptateur de
//! `lambda_http::run` (requête `http`, puis réponse API Gateway selon l'origine de
//! l'événement), l'API complète, et la réponse écrite en JSON.

use crate::evenements;
use api_produits::{Api, MemoireStore, Store, configuration_cors};
use lambda_http::lambda_runtime::{Context, LambdaEvent};
use lambda_http::request::LambdaRequest;
use lambda_http::{Adapter, Service, service_fn};
use solution_08_observabilite::{Observabilite, Sortie};
use std::convert::Infallible;

/// L'API de production sur un magasin en mémoire qui contient [`evenements::produits`].
/// Ses lignes de journal et ses documents EMF sont écrits (le coût reste mesuré), dans un
/// puits plutôt que sur la sortie standard.
pub fn api_en_memoire() -> Api<MemoireStore> {
    let observabilite =
        Observabilite::new("ApiProduits").avec_sortie(Sortie::vers(std::io::sink()));
    let cors = configuration_cors(evenements::ORIGINE).expect("configuration CORS valide");
    Api::new(
        MemoireStore::avec(evenements::produits()),
        cors,
        observabilite,
    )
}

/// Lit l'événement comme le runtime : `Err` si ce n'est pas un événement que `lambda_http`
/// connaît.
pub fn lire(evenement: &[u8]) -> Result<LambdaRequest, String> {
    let mut lecteur = serde_json::Deserializer::from_slice(evenement);
    serde_path_to_error::deserialize(&mut lecteur).map_err(|erreur| erreur.to_string())
}

/// Une invocation complète : octets de l'événement → octets de la réponse.
pub async fn invoquer<S: Store>(api: &Api<S>, evenement: &[u8]) -> Result<Vec<u8>, String> {
    let requete = lire(evenement)?;
    let mut adaptateur = Adapter::from(service_fn(|requete| async move {
        Ok::<_, Infallible>(api.repondre(requete).await)
    }));
    let reponse = adaptateur
        .call(LambdaEvent::new(requete, Context::default()))
        .await
        .unwrap_or_else(|jamais| match jamais {});
    serde_json::to_vec(&reponse).map_err(|erreur| erreur.to_string())
}

/// Le `statusCode` d'une réponse écrite par [`invoquer`].
pub fn statut(reponse: &[u8]) -> Option<u16> {
    let valeur: serde_json::Value = serde_json::from_slice(reponse).ok()?;
    valeur["statusCode"].as_u64()?.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evenements::Route;

    #[tokio::test]
    async fn chaque_route_mesuree_reussit_par_toute_la_pile() {
        let api = api_en_memoire();
        for route in Route::TOUTES {
            let reponse = invoquer(&api, route.evenement().as_bytes())
                .await
                .expect("l'invocation réussit");
            assert_eq!(
                statut(&reponse),
                Some(route.statut_attendu()),
                "{} : attendu {}, reçu {}",
                route.libelle(),
                route.statut_attendu(),
                String::from_utf8_lossy(&reponse)
            );
            let valeur: serde_json::Value = serde_json::from_slice(&reponse).expect("JSON");
            // Une réponse d'API REST range ses en-têtes dans `multiValueHeaders`.
            assert_eq!(
                valeur["multiValueHeaders"]["access-control-allow-origin"][0],
                evenements::ORIGINE,
                "{} : la réponse doit porter l'en-tête CORS de la boutique : {valeur}",
                route.libelle()
            );
        }
    }

    #[test]
    fn un_evenement_inconnu_est_une_erreur_et_pas_une_panique() {
        assert!(lire(br#"{"bonjour": 1}"#).is_err());
    }
}
