//! L'environnement d'exécution d'une fonction : son binaire, lancé tel que `sam deploy` le
//! livre, et l'API Runtime de Lambda qu'il interroge (`AWS_LAMBDA_RUNTIME_API`) :
//!
//! - `GET /2018-06-01/runtime/invocation/next` : la prochaine invocation, avec les en-têtes
//!   `Lambda-Runtime-Aws-Request-Id`, `-Deadline-Ms`, `-Invoked-Function-Arn`, `-Trace-Id` ;
//! - `POST …/invocation/{id}/response` et `…/invocation/{id}/error` : le résultat ;
//! - `POST /2018-06-01/runtime/init/error` : l'échec du démarrage à froid.
//!
//! Un environnement traite une invocation à la fois. Un processus arrêté (plantage, échec du
//! démarrage, délai dépassé) est relancé à l'invocation suivante : un nouveau démarrage à froid.

use crate::gabarit::{COMPTE_LOCAL, REGION_LOCALE};
use crate::http::{self, RequeteLue};
use crate::journal::{Ligne, Sortie};
use bytes::Bytes;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::Stdio;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::sync::{mpsc, oneshot, watch};

/// Ce qu'une invocation a donné.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Issue {
    /// Le document que la fonction a renvoyé (`…/response`).
    Reponse(Bytes),
    /// Une erreur de la fonction (`…/error`) : `errorType`, `errorMessage`.
    Erreur { type_: String, message: String },
    /// Le processus s'est arrêté avant de répondre, ou n'a pas démarré.
    Plantage(String),
    /// Le délai de la fonction (`Timeout`) est dépassé : Lambda arrête l'environnement.
    DelaiFonction,
    /// Le délai de l'intégration (29 s au plus) est dépassé avant celui de la fonction.
    DelaiIntegration,
}

/// La description d'une fonction à lancer.
#[derive(Clone, Debug)]
pub struct Definition {
    /// L'identifiant logique (`ProduitsFunction`) : le nom de la fonction en local.
    pub nom: String,
    pub binaire: PathBuf,
    pub memoire_mo: u64,
    pub delai: Duration,
    /// Les variables du gabarit, déjà résolues.
    pub environnement: BTreeMap<String, String>,
}

/// Une invocation en attente du runtime.
struct Invocation {
    id: String,
    charge: Bytes,
    echeance_ms: u128,
    trace: Option<String>,
    reponse: oneshot::Sender<Issue>,
}

/// Un processus en marche et son API Runtime.
struct Processus {
    file: mpsc::Sender<Invocation>,
    mort: watch::Receiver<Option<String>>,
    tuer: Option<oneshot::Sender<()>>,
    serveur: tokio::task::JoinHandle<()>,
}

impl Drop for Processus {
    fn drop(&mut self) {
        if let Some(tuer) = self.tuer.take() {
            let _ = tuer.send(());
        }
        self.serveur.abort();
    }
}

/// L'environnement d'exécution d'une fonction.
pub struct Environnement {
    definition: Mutex<Definition>,
    sortie: Sortie,
    /// Une invocation à la fois, et le processus courant.
    processus: tokio::sync::Mutex<Option<Processus>>,
}

impl Environnement {
    pub fn new(definition: Definition, sortie: Sortie) -> Self {
        Self {
            definition: Mutex::new(definition),
            sortie,
            processus: tokio::sync::Mutex::new(None),
        }
    }

    pub fn nom(&self) -> String {
        self.definition().nom
    }

    /// Le délai de la fonction (`Timeout`).
    pub fn delai(&self) -> Duration {
        self.definition().delai
    }

    fn definition(&self) -> Definition {
        self.definition
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Lance le processus s'il ne tourne pas (le démarrage à froid).
    pub async fn demarrer(&self) -> Result<(), String> {
        let mut processus = self.processus.lock().await;
        self.assurer(&mut processus).await.map(drop)
    }

    /// Arrête le processus : la prochaine invocation relancera le binaire (`--watch`).
    /// Le processus est tué, et attendu, avant que son API Runtime ne ferme : sinon il verrait
    /// la connexion tomber et s'arrêterait de lui-même, sur une erreur (statut 101).
    pub async fn arreter(&self) {
        let ancien = self.processus.lock().await.take();
        if let Some(mut processus) = ancien {
            if let Some(tuer) = processus.tuer.take() {
                let _ = tuer.send(());
            }
            let _ = processus.mort.wait_for(Option::is_some).await;
        }
    }

    async fn assurer<'a>(
        &self,
        processus: &'a mut Option<Processus>,
    ) -> Result<&'a mut Processus, String> {
        let vivant = processus
            .as_ref()
            .is_some_and(|p| p.mort.borrow().is_none());
        if !vivant {
            *processus = Some(self.lancer().await?);
        }
        processus
            .as_mut()
            .ok_or_else(|| "processus absent".to_string())
    }

    async fn lancer(&self) -> Result<Processus, String> {
        let definition = self.definition();
        let ecouteur = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .map_err(|e| format!("aucun port pour l'API Runtime ({e})"))?;
        let adresse = ecouteur
            .local_addr()
            .map_err(|e| format!("adresse de l'API Runtime ({e})"))?;
        let (file, recepteur) = mpsc::channel::<Invocation>(1);
        let (signaler_mort, mort) = watch::channel(None::<String>);
        let etat = Arc::new(EtatRuntime {
            recepteur: tokio::sync::Mutex::new(recepteur),
            en_cours: Mutex::new(HashMap::new()),
            erreur_init: Mutex::new(None),
            arn: format!(
                "arn:aws:lambda:{REGION_LOCALE}:{COMPTE_LOCAL}:function:{}",
                definition.nom
            ),
        });
        let etat_serveur = etat.clone();
        let serveur = tokio::spawn(http::servir(ecouteur, move |requete, _| {
            let etat = etat_serveur.clone();
            async move { etat.traiter(requete).await }
        }));

        let mut commande = tokio::process::Command::new(&definition.binaire);
        commande
            .env_clear()
            .envs(variables_lambda(&definition, &adresse.to_string()))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut enfant = commande.spawn().map_err(|e| {
            format!(
                "impossible de lancer {} ({e}) : construisez-le (`cargo build -p api-produits --bins`)",
                definition.binaire.display()
            )
        })?;
        for flux in [
            enfant
                .stdout
                .take()
                .map(|f| Box::new(f) as Box<dyn tokio::io::AsyncRead + Unpin + Send>),
            enfant
                .stderr
                .take()
                .map(|f| Box::new(f) as Box<dyn tokio::io::AsyncRead + Unpin + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let sortie = self.sortie.clone();
            let nom = definition.nom.clone();
            tokio::spawn(async move {
                let mut lignes = BufReader::new(flux).lines();
                while let Ok(Some(texte)) = lignes.next_line().await {
                    sortie(Ligne::Fonction {
                        nom: nom.clone(),
                        texte,
                    });
                }
            });
        }
        let (tuer, ordre_de_tuer) = oneshot::channel::<()>();
        let sortie = self.sortie.clone();
        let nom = definition.nom.clone();
        tokio::spawn(async move {
            let fin = tokio::select! {
                statut = enfant.wait() => match statut {
                    Ok(statut) => format!("le processus s'est arrêté ({statut})"),
                    Err(e) => format!("le processus est perdu ({e})"),
                },
                _ = ordre_de_tuer => {
                    let _ = enfant.kill().await;
                    "le processus a été arrêté".to_string()
                }
            };
            let init = etat
                .erreur_init
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            let raison = match init {
                Some(erreur) => format!("échec du démarrage à froid : {erreur}"),
                None => fin,
            };
            // Les invocations en cours n'auront pas de réponse.
            for (_, reponse) in etat
                .en_cours
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .drain()
            {
                let _ = reponse.send(Issue::Plantage(raison.clone()));
            }
            sortie(Ligne::Info(format!("{nom} : {raison}")));
            let _ = signaler_mort.send(Some(raison));
        });
        Ok(Processus {
            file,
            mort,
            tuer: Some(tuer),
            serveur,
        })
    }

    /// Invoque la fonction avec `charge` ; attend au plus le délai de la fonction et celui de
    /// l'intégration. Renvoie l'issue, et l'identifiant de la requête Lambda.
    pub async fn invoquer(
        &self,
        charge: Bytes,
        delai_integration: Duration,
        trace: Option<String>,
    ) -> (Issue, String) {
        let id = uuid::Uuid::new_v4().to_string();
        let delai_fonction = self.definition().delai;
        let mut garde = self.processus.lock().await;
        let processus = match self.assurer(&mut garde).await {
            Ok(p) => p,
            Err(erreur) => return (Issue::Plantage(erreur), id),
        };
        let (envoi, reception) = oneshot::channel();
        let echeance_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_millis()
            + delai_fonction.as_millis();
        let invocation = Invocation {
            id: id.clone(),
            charge,
            echeance_ms,
            trace,
            reponse: envoi,
        };
        let mut mort = processus.mort.clone();
        if processus.file.send(invocation).await.is_err() {
            return (Issue::Plantage("l'API Runtime est fermée".into()), id);
        }
        let (delai, issue_du_delai) = if delai_fonction <= delai_integration {
            (delai_fonction, Issue::DelaiFonction)
        } else {
            (delai_integration, Issue::DelaiIntegration)
        };
        let issue = tokio::select! {
            issue = reception => issue.unwrap_or_else(|_| Issue::Plantage("invocation perdue".into())),
            raison = mort.wait_for(Option::is_some) => {
                Issue::Plantage(raison.map(|r| r.clone().unwrap_or_default()).unwrap_or_default())
            }
            _ = tokio::time::sleep(delai) => issue_du_delai,
        };
        if matches!(issue, Issue::DelaiFonction | Issue::DelaiIntegration) {
            // Lambda arrête l'environnement d'une invocation trop longue.
            garde.take();
        }
        (issue, id)
    }
}

/// Les variables que Lambda donne à un runtime `provided.al2023`, puis celles du gabarit.
fn variables_lambda(definition: &Definition, api_runtime: &str) -> Vec<(String, String)> {
    let nom = &definition.nom;
    let mut variables: Vec<(String, String)> = [
        ("AWS_LAMBDA_RUNTIME_API", api_runtime.to_string()),
        ("AWS_LAMBDA_FUNCTION_NAME", nom.clone()),
        ("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST".to_string()),
        (
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            definition.memoire_mo.to_string(),
        ),
        ("AWS_LAMBDA_LOG_GROUP_NAME", format!("/aws/lambda/{nom}")),
        (
            "AWS_LAMBDA_LOG_STREAM_NAME",
            format!("local/[$LATEST]{}", uuid::Uuid::new_v4().simple()),
        ),
        ("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand".to_string()),
        ("AWS_REGION", REGION_LOCALE.to_string()),
        ("AWS_DEFAULT_REGION", REGION_LOCALE.to_string()),
        ("_HANDLER", "bootstrap".to_string()),
        ("LAMBDA_TASK_ROOT", "/var/task".to_string()),
        ("TZ", ":UTC".to_string()),
        ("LANG", "en_US.UTF-8".to_string()),
        (
            "PATH",
            std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".into()),
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    variables.extend(
        definition
            .environnement
            .iter()
            .map(|(k, v)| (k.clone(), v.clone())),
    );
    variables
}

/// L'état de l'API Runtime d'un processus.
struct EtatRuntime {
    recepteur: tokio::sync::Mutex<mpsc::Receiver<Invocation>>,
    en_cours: Mutex<HashMap<String, oneshot::Sender<Issue>>>,
    erreur_init: Mutex<Option<String>>,
    arn: String,
}

const PREFIXE: &str = "/2018-06-01/runtime/";

impl EtatRuntime {
    async fn traiter(&self, requete: RequeteLue) -> http::Reponse {
        let chemin = requete.uri().path().to_string();
        let Some(route) = chemin.strip_prefix(PREFIXE) else {
            return http::reponse(404, "{\"errorMessage\":\"route inconnue\"}");
        };
        let segments: Vec<&str> = route.split('/').collect();
        let methode = requete.method().as_str();
        match (methode, segments.as_slice()) {
            ("GET", ["invocation", "next"]) => self.suivante().await,
            ("POST", ["invocation", id, "response"]) => {
                self.terminer(id, Issue::Reponse(requete.body().clone()))
            }
            ("POST", ["invocation", id, "error"]) => {
                let (type_, message) = lire_erreur(requete.body());
                self.terminer(id, Issue::Erreur { type_, message })
            }
            ("POST", ["init", "error"]) => {
                let (type_, message) = lire_erreur(requete.body());
                *self
                    .erreur_init
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner) = Some(format!("{type_} : {message}"));
                http::reponse(202, "{\"status\":\"OK\"}")
            }
            _ => http::reponse(404, "{\"errorMessage\":\"route inconnue\"}"),
        }
    }

    async fn suivante(&self) -> http::Reponse {
        let invocation = self.recepteur.lock().await.recv().await;
        let Some(invocation) = invocation else {
            return http::reponse(500, "{\"errorMessage\":\"environnement arrêté\"}");
        };
        self.en_cours
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(invocation.id.clone(), invocation.reponse);
        let mut reponse = http::reponse(200, invocation.charge);
        let entetes = reponse.headers_mut();
        let mut poser = |nom: &'static str, valeur: &str| {
            if let Ok(valeur) = hyper::header::HeaderValue::from_str(valeur) {
                entetes.insert(nom, valeur);
            }
        };
        poser("content-type", "application/json");
        poser("lambda-runtime-aws-request-id", &invocation.id);
        poser(
            "lambda-runtime-deadline-ms",
            &invocation.echeance_ms.to_string(),
        );
        poser("lambda-runtime-invoked-function-arn", &self.arn);
        if let Some(trace) = &invocation.trace {
            poser("lambda-runtime-trace-id", trace);
        }
        reponse
    }

    fn terminer(&self, id: &str, issue: Issue) -> http::Reponse {
        let attente = self
            .en_cours
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(id);
        match attente {
            Some(reponse) => {
                let _ = reponse.send(issue);
                http::reponse(202, "{\"status\":\"OK\"}")
            }
            None => http::reponse(
                400,
                "{\"errorMessage\":\"invocation inconnue ou déjà terminée\",\"errorType\":\"InvalidRequestID\"}",
            ),
        }
    }
}

/// `{"errorType": …, "errorMessage": …}`, tel que le runtime l'envoie.
fn lire_erreur(corps: &Bytes) -> (String, String) {
    let valeur: serde_json::Value = serde_json::from_slice(corps).unwrap_or_default();
    let champ = |nom: &str| {
        valeur
            .get(nom)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    (champ("errorType"), champ("errorMessage"))
}
