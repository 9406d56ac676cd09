//! Le mécanisme d'autorisation Lambda TOKEN, tel qu'API Gateway l'appelle : l'en-tête
//! d'identité, l'expression de validation (un jeton qui ne la suit pas reçoit un 401 sans
//! invocation), le cache des résultats par jeton pour `ReauthorizeEvery` secondes, puis le
//! jugement de la politique pour l'ARN de la méthode appelée ([`interpreter`], chapitre 07).
//!
//! Le cache garde la réponse de l'autorisateur, pas le verdict : une politique en cache est
//! jugée de nouveau pour chaque méthode, d'où le piège de la page 7.4 (cache.md).

use crate::gabarit::Autorisateur;
use crate::horloge::Horloge;
use crate::reponses::ErreurPasserelle;
use crate::runtime::{Environnement, Issue};
use serde_json::Value;
use solution_05_limitation_debit::Instant;
use solution_07_securisation::evaluation::{Autorisation, interpreter};
use solution_07_securisation::reponses::{ERREUR_AUTORISATEUR, NON_AUTORISE};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Ce que l'étape d'autorisation a décidé, et comment (pour la ligne de pipeline).
#[derive(Debug)]
pub struct Verdict {
    pub resultat: Result<Autorisation, ErreurPasserelle>,
    /// La réponse venait du cache.
    pub depuis_cache: bool,
    /// L'autorisateur a été invoqué (il ne l'est pas sans jeton, ni pour un jeton refusé par
    /// l'expression de validation, ni sur une entrée de cache).
    pub invoque: bool,
    pub latence_ms: u64,
}

/// Un autorisateur du gabarit, son cache, et sa validation compilée.
pub struct EtapeAutorisation {
    pub nom: String,
    pub definition: Autorisateur,
    validation: Option<regex_lite::Regex>,
    cache: Mutex<HashMap<String, (Instant, Value)>>,
}

impl EtapeAutorisation {
    pub fn new(nom: String, definition: Autorisateur) -> Result<Self, String> {
        let validation = match &definition.validation {
            None => None,
            Some(motif) => Some(
                regex_lite::Regex::new(motif)
                    .map_err(|e| format!("ValidationExpression de {nom} illisible : {e}"))?,
            ),
        };
        Ok(Self {
            nom,
            definition,
            validation,
            cache: Mutex::new(HashMap::new()),
        })
    }

    /// Juge la requête : `entetes`, pour `methode_arn`.
    pub async fn autoriser(
        &self,
        entetes: &hyper::HeaderMap,
        methode_arn: &str,
        fonction: &Environnement,
        horloge: &dyn Horloge,
    ) -> Verdict {
        let refus_sans_appel = |resultat| Verdict {
            resultat: Err(resultat),
            depuis_cache: false,
            invoque: false,
            latence_ms: 0,
        };
        let jeton = entetes
            .get(self.definition.entete.as_str())
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty());
        let Some(jeton) = jeton else {
            return refus_sans_appel(ErreurPasserelle::depuis_chapitre_07(NON_AUTORISE));
        };
        if let Some(validation) = &self.validation
            && !validation.is_match(jeton)
        {
            return refus_sans_appel(ErreurPasserelle::depuis_chapitre_07(NON_AUTORISE));
        }
        let maintenant = horloge.maintenant();
        let en_cache = self
            .cache
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(jeton)
            .filter(|(expiration, _)| *expiration > maintenant)
            .map(|(_, sortie)| sortie.clone());
        if let Some(sortie) = en_cache {
            return Verdict {
                resultat: interpreter(Ok(&sortie), methode_arn)
                    .map_err(ErreurPasserelle::depuis_chapitre_07),
                depuis_cache: true,
                invoque: false,
                latence_ms: 0,
            };
        }

        let evenement = serde_json::json!({
            "type": "TOKEN",
            "authorizationToken": jeton,
            "methodArn": methode_arn,
        });
        let debut = std::time::Instant::now();
        let (issue, _) = fonction
            .invoquer(evenement.to_string().into(), Duration::from_secs(29), None)
            .await;
        let latence_ms = debut.elapsed().as_millis() as u64;
        let resultat = match issue {
            Issue::Reponse(document) => match serde_json::from_slice::<Value>(&document) {
                Ok(sortie) => {
                    let resultat = interpreter(Ok(&sortie), methode_arn);
                    let valide = resultat.as_ref().err() != Some(&ERREUR_AUTORISATEUR);
                    if valide && self.definition.ttl_secondes > 0 {
                        let expiration = solution_05_limitation_debit::instant::plus_secondes(
                            maintenant,
                            self.definition.ttl_secondes as f64,
                        );
                        self.cache
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .insert(jeton.to_string(), (expiration, sortie));
                    }
                    resultat
                }
                Err(_) => Err(ERREUR_AUTORISATEUR),
            },
            Issue::Erreur { message, .. } => interpreter(Err(&message), methode_arn),
            Issue::Plantage(_) | Issue::DelaiFonction | Issue::DelaiIntegration => {
                Err(ERREUR_AUTORISATEUR)
            }
        };
        Verdict {
            resultat: resultat.map_err(ErreurPasserelle::depuis_chapitre_07),
            depuis_cache: false,
            invoque: true,
            latence_ms,
        }
    }
}
