//! Le parcours d'une requête, dans l'ordre du cours (page 7.6, « L'ordre des vérifications ») :
//! route, requête préliminaire, autorisateur, clé d'API, limitation et quota, intégration
//! (l'événement REST 1.0, la fonction, sa réponse vérifiée), réponses de passerelle du
//! gabarit sur chaque erreur, une ligne de journal d'accès.

use crate::Etat;
use crate::evenement::{self, Entree};
use crate::gabarit::{COMPTE_LOCAL, REGION_LOCALE, Route};
use crate::http::{self, RequeteLue};
use crate::journal::{Ligne, substituer};
use crate::proxy;
use crate::reponses::{ContexteRequete, ErreurPasserelle, ReponseFinale, reponse_de_passerelle};
use crate::routes;
use crate::runtime::Issue;
use solution_05_limitation_debit::{Appel, Decision};
use solution_07_securisation::evaluation::Autorisation;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

/// Ce que la requête a traversé, pour la ligne de pipeline et le journal d'accès.
struct Parcours {
    etapes: Vec<String>,
    variables: BTreeMap<String, String>,
}

impl Parcours {
    fn noter(&mut self, etape: impl Into<String>) {
        self.etapes.push(etape.into());
    }
    fn poser(&mut self, nom: &str, valeur: impl Into<String>) {
        self.variables.insert(nom.to_string(), valeur.into());
    }
}

/// Traite une requête HTTP reçue sur la passerelle.
pub async fn traiter(etat: &Etat, requete: RequeteLue, client: SocketAddr) -> http::Reponse {
    let debut = std::time::Instant::now();
    let instant = etat.horloge.maintenant();
    let request_id = uuid::Uuid::new_v4().to_string();
    let methode = requete.method().as_str().to_string();
    let chemin_complet = requete.uri().path().to_string();
    let parametres_requete = evenement::lire_chaine_de_requete(requete.uri().query());
    let ip = client.ip().to_string();
    let trace = etat.gabarit.tracage.then(nouvelle_trace);

    let mut parcours = Parcours {
        etapes: Vec::new(),
        variables: BTreeMap::new(),
    };
    for (nom, valeur) in [
        ("requestId", request_id.clone()),
        ("extendedRequestId", request_id.clone()),
        ("httpMethod", methode.clone()),
        ("path", chemin_complet.clone()),
        ("stage", etat.gabarit.etape.clone()),
        ("apiId", crate::API_ID.to_string()),
        ("accountId", COMPTE_LOCAL.to_string()),
        ("protocol", "HTTP/1.1".to_string()),
        ("identity.sourceIp", ip.clone()),
        ("requestTime", evenement::heure_de_requete(instant)),
        ("requestTimeEpoch", instant.timestamp_millis().to_string()),
        (
            "domainName",
            format!(
                "{}.execute-api.{REGION_LOCALE}.amazonaws.com",
                crate::API_ID
            ),
        ),
    ] {
        parcours.poser(nom, valeur);
    }
    if let Some(agent) = requete
        .headers()
        .get(hyper::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
    {
        parcours.poser("identity.userAgent", agent);
    }
    if let Some(trace) = &trace {
        parcours.poser("xrayTraceId", trace.clone());
    }

    let mut parametres_chemin = BTreeMap::new();
    let resultat = parcourir(
        etat,
        &requete,
        &methode,
        &chemin_complet,
        &parametres_requete,
        &mut parametres_chemin,
        &ip,
        &request_id,
        trace.as_deref(),
        &mut parcours,
    )
    .await;

    let mut finale = match resultat {
        Ok(finale) => finale,
        Err(erreur) => {
            parcours.poser("error.responseType", erreur.type_reponse);
            if let Some(message) = &erreur.message {
                parcours.poser("error.message", message.clone());
                parcours.poser(
                    "error.messageString",
                    serde_json::Value::from(message.as_str()).to_string(),
                );
            }
            let contexte = ContexteRequete {
                entetes: requete.headers(),
                parametres_chemin: &parametres_chemin,
                parametres_requete: &parametres_requete,
            };
            let variables = parcours.variables.clone();
            reponse_de_passerelle(
                &erreur,
                &etat.gabarit.reponses_passerelle,
                &contexte,
                |modele| substituer(modele, &variables),
            )
        }
    };
    finale
        .entetes
        .push(("x-amzn-RequestId".into(), request_id.clone()));
    finale.entetes.push((
        "x-amz-apigw-id".into(),
        request_id
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .take(16)
            .collect(),
    ));
    if let Some(trace) = &trace {
        finale
            .entetes
            .push(("X-Amzn-Trace-Id".into(), trace.clone()));
    }

    let latence = debut.elapsed().as_millis().to_string();
    parcours.poser("status", finale.statut.to_string());
    parcours.poser("responseLatency", latence);
    parcours.poser("responseLength", finale.corps.len().to_string());
    let chemin_affiche = chemin_complet
        .strip_prefix(&format!("/{}", etat.gabarit.etape))
        .filter(|reste| reste.is_empty() || reste.starts_with('/'))
        .unwrap_or(&chemin_complet);
    let ligne = format!(
        "{methode} {chemin_affiche} → {} → {}",
        parcours.etapes.join(" → "),
        finale.statut
    );
    (etat.sortie)(Ligne::Pipeline(ligne));
    if let Some(format) = &etat.gabarit.format_journal {
        (etat.sortie)(Ligne::Acces(substituer(format, &parcours.variables)));
    }

    let mut reponse = http::reponse(finale.statut, finale.corps);
    for (nom, valeur) in finale.entetes {
        if let (Ok(nom), Ok(valeur)) = (
            hyper::header::HeaderName::from_bytes(nom.as_bytes()),
            hyper::header::HeaderValue::from_str(&valeur),
        ) {
            reponse.headers_mut().append(nom, valeur);
        }
    }
    reponse
}

/// Les étapes, jusqu'à la réponse de la fonction ou la première erreur de la passerelle.
#[allow(clippy::too_many_arguments)]
async fn parcourir(
    etat: &Etat,
    requete: &RequeteLue,
    methode: &str,
    chemin_complet: &str,
    parametres_requete: &BTreeMap<String, Vec<String>>,
    parametres_chemin: &mut BTreeMap<String, String>,
    ip: &str,
    request_id: &str,
    trace: Option<&str>,
    parcours: &mut Parcours,
) -> Result<ReponseFinale, ErreurPasserelle> {
    let gabarit = &etat.gabarit;
    // 1. La route : l'étape, la ressource, la méthode.
    let prefixe = format!("/{}", gabarit.etape);
    let chemin = match chemin_complet.strip_prefix(&prefixe) {
        Some("") => "/",
        Some(reste) if reste.starts_with('/') => reste,
        _ => {
            parcours.noter(format!("route ✗ (hors de l'étape {prefixe})"));
            return Err(ErreurPasserelle::route_inconnue());
        }
    };
    let preliminaire;
    let route: &Route = match routes::trouver(&gabarit.routes, methode, chemin) {
        Some(trouvee) => {
            *parametres_chemin = trouvee.parametres;
            trouvee.route
        }
        None => match (&etat.preliminaire, methode) {
            (Some(_), "OPTIONS") => {
                let Some((ressource, parametres)) =
                    routes::ressources_pour(&gabarit.routes, chemin)
                        .into_iter()
                        .next()
                else {
                    parcours.noter("route ✗");
                    return Err(ErreurPasserelle::route_inconnue());
                };
                *parametres_chemin = parametres;
                preliminaire = Route {
                    methode: "OPTIONS".into(),
                    ressource: ressource.to_string(),
                    fonction: String::new(),
                    autorisateur: gabarit
                        .autorisateur_sur_preliminaire
                        .then(|| gabarit.autorisateur_par_defaut.clone())
                        .flatten(),
                    cle_requise: gabarit.cle_sur_preliminaire && gabarit.cle_requise_par_defaut,
                    delai_integration_ms: 29_000,
                };
                &preliminaire
            }
            _ => {
                parcours.noter("route ✗");
                return Err(ErreurPasserelle::route_inconnue());
            }
        },
    };
    parcours.noter(if route.fonction.is_empty() {
        "route ✓ (OPTIONS, intégration fictive de Cors)".to_string()
    } else {
        "route ✓".to_string()
    });
    parcours.poser("resourcePath", route.ressource.clone());
    parcours.poser(
        "resourceId",
        evenement::identifiant_de_ressource(&route.ressource),
    );

    // 2. Le mécanisme d'autorisation.
    let mut autorisation: Option<Autorisation> = None;
    let mut latence_autorisateur = 0;
    match &route.autorisateur {
        None => parcours.noter("autorisation —"),
        Some(nom) => {
            let etape = &etat.autorisateurs[nom];
            let fonction = &etat.fonctions[&etape.definition.fonction];
            let arn = format!(
                "arn:aws:execute-api:{REGION_LOCALE}:{COMPTE_LOCAL}:{}/{}/{methode}/{}",
                crate::API_ID,
                gabarit.etape,
                chemin.trim_start_matches('/')
            );
            let verdict = etape
                .autoriser(requete.headers(), &arn, fonction, etat.horloge.as_ref())
                .await;
            latence_autorisateur = verdict.latence_ms;
            let comment = if verdict.depuis_cache {
                " (cache)".to_string()
            } else if verdict.invoque {
                format!(" ({} ms)", verdict.latence_ms)
            } else {
                " (sans invoquer l'autorisateur)".to_string()
            };
            if verdict.invoque {
                parcours.poser("authorizer.latency", verdict.latence_ms.to_string());
            }
            match verdict.resultat {
                Ok(accordee) => {
                    parcours.noter(format!("autorisation Allow{comment}"));
                    parcours.poser("authorizer.principalId", accordee.principal_id.clone());
                    for (cle, valeur) in &accordee.contexte {
                        let texte = valeur
                            .as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| valeur.to_string());
                        parcours.poser(&format!("authorizer.{cle}"), texte);
                    }
                    parcours.poser("authorizer.status", "200");
                    autorisation = Some(accordee);
                }
                Err(erreur) => {
                    parcours.noter(format!("autorisation {}{comment}", erreur.statut));
                    parcours.poser("authorizer.status", erreur.statut.to_string());
                    if erreur.statut == 500 {
                        parcours.poser("authorizer.error", "Authorizer error");
                    }
                    return Err(erreur);
                }
            }
        }
    }

    // 3. La clé d'API.
    let cle = if route.cle_requise {
        match etat.cles.verifier(requete.headers()) {
            Ok(cle) => {
                parcours.noter("clé ✓");
                parcours.poser("identity.apiKey", cle);
                parcours.poser("identity.apiKeyId", etat.cle_id.clone());
                Some(cle.to_string())
            }
            Err(refus) => {
                parcours.noter("clé ✗");
                return Err(ErreurPasserelle::depuis_chapitre_07(refus));
            }
        }
    } else {
        parcours.noter("clé —");
        None
    };

    // 4. La limitation : plan d'utilisation (avec la clé), étape, compte.
    match &etat.limiteur {
        None => parcours.noter("limitation levée"),
        Some(limiteur) => {
            let appel = Appel {
                cle_api: cle.as_deref(),
                methode,
                ressource: &route.ressource,
            };
            let decision = limiteur
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .decider(&appel, etat.horloge.maintenant());
            match decision {
                Decision::Acceptee => parcours.noter("limitation ✓"),
                Decision::Refusee(refus) => {
                    parcours.noter(format!("limitation 429 {}", refus.type_de_reponse()));
                    return Err(ErreurPasserelle::depuis_refus(refus));
                }
            }
        }
    }

    // 5. L'intégration.
    if route.fonction.is_empty() {
        parcours.noter("intégration fictive");
        let mut entetes = vec![("Content-Type".to_string(), "application/json".to_string())];
        entetes.extend(etat.preliminaire.clone().unwrap_or_default());
        return Ok(ReponseFinale {
            statut: 200,
            entetes,
            corps: b"{}".to_vec(),
        });
    }
    let evenement = evenement::construire(&Entree {
        methode,
        chemin,
        ressource: &route.ressource,
        etape: &gabarit.etape,
        api_id: crate::API_ID,
        entetes: requete.headers(),
        requete: parametres_requete,
        parametres_chemin,
        corps: requete.body(),
        request_id,
        ip,
        instant: etat.horloge.maintenant(),
        autorisation: autorisation.as_ref(),
        latence_autorisateur_ms: latence_autorisateur,
        cle: cle.as_deref().map(|c| (c, etat.cle_id.as_str())),
    });
    let fonction = &etat.fonctions[&route.fonction];
    let debut = std::time::Instant::now();
    let (issue, id_lambda) = fonction
        .invoquer(
            evenement.to_string().into(),
            Duration::from_millis(
                route
                    .delai_integration_ms
                    .min(etat.delai_integration_max_ms),
            ),
            trace.map(str::to_string),
        )
        .await;
    let latence = debut.elapsed().as_millis();
    parcours.poser("integrationLatency", latence.to_string());
    parcours.poser("integration.latency", latence.to_string());
    parcours.poser("integration.requestId", id_lambda);
    match issue {
        Issue::Reponse(document) => match proxy::lire(&document) {
            Ok(reponse) => {
                parcours.noter(format!("fonction {latence} ms"));
                parcours.poser("integrationStatus", "200");
                parcours.poser("integration.status", "200");
                Ok(ReponseFinale {
                    statut: reponse.statut,
                    entetes: reponse.entetes,
                    corps: reponse.corps,
                })
            }
            Err(raison) => {
                parcours.noter(format!(
                    "fonction {latence} ms : réponse proxy mal formée ({raison})"
                ));
                parcours.poser("integrationStatus", "200");
                Err(ErreurPasserelle::integration_en_echec())
            }
        },
        Issue::Erreur { type_, message } => {
            parcours.noter(format!("fonction en erreur ({type_} : {message})"));
            parcours.poser("integrationStatus", "200");
            Err(ErreurPasserelle::integration_en_echec())
        }
        Issue::Plantage(raison) => {
            parcours.noter(format!("fonction arrêtée ({raison})"));
            Err(ErreurPasserelle::integration_en_echec())
        }
        Issue::DelaiFonction => {
            parcours.noter(format!(
                "fonction : Timeout de {} s dépassé",
                fonction.delai().as_secs()
            ));
            Err(ErreurPasserelle::integration_en_echec())
        }
        Issue::DelaiIntegration => {
            parcours.noter("intégration : délai de l'intégration dépassé");
            Err(ErreurPasserelle::delai_depasse())
        }
    }
}

/// Un identifiant de trace X-Ray : `Root=1-{8 hexa : secondes}-{24 hexa}` (fiche, §9b).
fn nouvelle_trace() -> String {
    let secondes = chrono::Utc::now().timestamp();
    let aleatoire = uuid::Uuid::new_v4().simple().to_string();
    format!("Root=1-{secondes:08x}-{};Sampled=0", &aleatoire[..24])
}
