//! # La passerelle locale du cours (`cargo xtask api`)
//!
//! L'API Gateway de `template.yaml` sur 127.0.0.1, sans compte AWS ni Docker. Elle lit le
//! gabarit que `sam deploy` déploie ([`gabarit`]), lance les binaires des deux fonctions tels
//! quels derrière une API Runtime de Lambda ([`runtime`]), et fait traverser à chaque requête
//! les étapes d'API Gateway, dans l'ordre du cours ([`pipeline`]) : route, requête
//! préliminaire, autorisateur TOKEN et son cache, clé d'API, limitation et quota, événement
//! REST 1.0, réponse proxy vérifiée, réponses de passerelle du gabarit, journal d'accès.
//!
//! Chaque étape réutilise la pièce du chapitre qui l'enseigne : le limiteur et les 429 du
//! chapitre 05, la lecture de `Cors` du chapitre 06, le jugement de la politique, la clé
//! d'API et les réponses d'autorisation du chapitre 07, le banc DynamoDB du chapitre 09.

pub mod autorisation;
pub mod evenement;
pub mod gabarit;
pub mod horloge;
pub mod http;
pub mod journal;
pub mod pipeline;
pub mod proxy;
pub mod reponses;
pub mod routes;
pub mod runtime;
pub mod surveillance;

use autorisation::EtapeAutorisation;
use gabarit::Gabarit;
use horloge::Horloge;
use journal::{Ligne, Sortie};
use runtime::{Definition, Environnement};
use solution_05_limitation_debit::{
    Configuration, Limite, Limiteur, Periode, PlanUtilisation, Quota,
};
use solution_07_securisation::cle_api::ClesApi;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// L'identifiant de l'API locale, dans les ARN et `$context.apiId` (celui des exemples du
/// chapitre 07).
pub const API_ID: &str = "abc123defg";

/// Les valeurs locales des paramètres du jeton de `template.yaml` : l'émetteur, l'audience et
/// le JWKS de la clé de test du chapitre 07 (celle de `cargo xtask jeton`), en `file://`.
pub fn parametres_du_jeton_local() -> Vec<(String, String)> {
    use solution_07_securisation::cles_de_test::{
        AUDIENCE_LOCALE, EMETTEUR_LOCAL, chemin_jwks_de_test,
    };
    vec![
        ("EmetteurJwt".into(), EMETTEUR_LOCAL.into()),
        ("AudienceJwt".into(), AUDIENCE_LOCALE.into()),
        (
            "AdresseJwks".into(),
            format!("file://{}", chemin_jwks_de_test().display()),
        ),
    ]
}

/// Comment lancer la passerelle.
pub struct Options {
    /// Le texte de `template.yaml`.
    pub gabarit: String,
    /// `--parametre Nom=valeur`, vérifiés par `AllowedPattern`.
    pub parametres: Vec<(String, String)>,
    /// Des valeurs locales de paramètres, appliquées avant `parametres` sans vérification
    /// (le JWKS de test en `file://`).
    pub parametres_locaux: Vec<(String, String)>,
    /// Les valeurs locales de ressources (`!Ref TableProduits` avec `--dynamodb`).
    pub ressources_locales: Vec<(String, String)>,
    /// Des variables ajoutées à toutes les fonctions (`DYNAMODB_ENDPOINT`).
    pub environnement_commun: BTreeMap<String, String>,
    /// Le chemin de chaque binaire, par nom (`api-produits`, `autorisateur`).
    pub binaires: BTreeMap<String, PathBuf>,
    /// Le port (0 : un port libre).
    pub port: u16,
    /// La clé d'API du plan ; `None` : 40 caractères alphanumériques tirés au hasard.
    pub cle_api: Option<String>,
    /// Sans limitation ni quota (mesures de charge).
    pub sans_limitation: bool,
    pub horloge: Arc<dyn Horloge>,
    pub sortie: Sortie,
    /// Le délai maximal d'une intégration (29 s chez API Gateway ; plus court dans les tests).
    pub delai_integration_max: Duration,
}

/// L'état partagé par toutes les requêtes.
pub struct Etat {
    pub gabarit: Gabarit,
    pub fonctions: BTreeMap<String, Arc<Environnement>>,
    pub autorisateurs: BTreeMap<String, EtapeAutorisation>,
    pub cles: ClesApi,
    pub cle: String,
    pub cle_id: String,
    pub limiteur: Option<Mutex<Limiteur>>,
    /// Les en-têtes constants de la requête préliminaire (`Cors`), si `Cors` est donné.
    pub preliminaire: Option<Vec<(String, String)>>,
    pub horloge: Arc<dyn Horloge>,
    pub sortie: Sortie,
    pub delai_integration_max_ms: u64,
}

/// Une passerelle en marche. La détruire arrête son serveur ; les processus des fonctions
/// s'arrêtent avec le runtime tokio qui les porte.
pub struct Passerelle {
    pub adresse: SocketAddr,
    pub etat: Arc<Etat>,
    serveur: tokio::task::JoinHandle<()>,
}

impl Drop for Passerelle {
    fn drop(&mut self) {
        self.serveur.abort();
    }
}

impl Passerelle {
    /// Lit le gabarit, démarre les fonctions (démarrage à froid) et ouvre le port.
    pub async fn demarrer(options: Options) -> Result<Passerelle, String> {
        let gabarit = gabarit::lire_avec(
            &options.gabarit,
            &options.parametres_locaux,
            &options.parametres,
            &options.ressources_locales,
        )?;

        let mut fonctions = BTreeMap::new();
        for (nom, fonction) in &gabarit.fonctions {
            let binaire = options
                .binaires
                .get(&fonction.binaire)
                .cloned()
                .ok_or_else(|| {
                    format!(
                        "le binaire {} de {nom} est introuvable : construisez-le avec \
                     `cargo build -p api-produits --bins`",
                        fonction.binaire
                    )
                })?;
            let mut environnement: BTreeMap<String, String> = fonction
                .environnement
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
                .collect();
            environnement.extend(options.environnement_commun.clone());
            let definition = Definition {
                nom: nom.clone(),
                binaire,
                memoire_mo: fonction.memoire_mo,
                delai: Duration::from_secs(fonction.delai_secondes),
                environnement,
            };
            fonctions.insert(
                nom.clone(),
                Arc::new(Environnement::new(definition, options.sortie.clone())),
            );
        }
        let mut autorisateurs = BTreeMap::new();
        for (nom, definition) in &gabarit.autorisateurs {
            autorisateurs.insert(
                nom.clone(),
                EtapeAutorisation::new(nom.clone(), definition.clone())?,
            );
        }

        let cle = options
            .cle_api
            .clone()
            .unwrap_or_else(|| aleatoire(40, true));
        if cle.len() < 20 || cle.len() > 128 || !cle.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(
                "une clé d'API a de 20 à 128 caractères alphanumériques (fiche §3)".to_string(),
            );
        }
        let cle_id = aleatoire(10, false);
        let limiteur = if options.sans_limitation {
            None
        } else {
            Some(Mutex::new(Limiteur::new(configuration_limitation(
                &gabarit, &cle,
            )?)))
        };
        let preliminaire = match &gabarit.cors {
            None => None,
            Some(cors) => Some(entetes_preliminaires(cors, &gabarit, &options.sortie)?),
        };

        let etat = Arc::new(Etat {
            gabarit,
            fonctions,
            autorisateurs,
            cles: ClesApi::new([cle.clone()]),
            cle,
            cle_id,
            limiteur,
            preliminaire,
            horloge: options.horloge.clone(),
            sortie: options.sortie.clone(),
            delai_integration_max_ms: options.delai_integration_max.as_millis() as u64,
        });
        for fonction in etat.fonctions.values() {
            fonction.demarrer().await?;
        }
        let ecouteur = tokio::net::TcpListener::bind(("127.0.0.1", options.port))
            .await
            .map_err(|e| format!("le port {} de 127.0.0.1 est pris ({e})", options.port))?;
        let adresse = ecouteur
            .local_addr()
            .map_err(|e| format!("adresse locale inconnue ({e})"))?;
        let etat_serveur = etat.clone();
        let serveur = tokio::spawn(http::servir(ecouteur, move |requete, client| {
            let etat = etat_serveur.clone();
            async move { pipeline::traiter(&etat, requete, client).await }
        }));
        Ok(Passerelle {
            adresse,
            etat,
            serveur,
        })
    }

    /// L'adresse de l'étape : `http://127.0.0.1:PORT/prod`.
    pub fn url(&self) -> String {
        format!("http://{}/{}", self.adresse, self.etat.gabarit.etape)
    }

    /// Arrête les processus des fonctions ; ils repartent à la prochaine invocation.
    pub async fn redemarrer_fonctions(&self) {
        for fonction in self.etat.fonctions.values() {
            fonction.arreter().await;
        }
        for fonction in self.etat.fonctions.values() {
            if let Err(erreur) = fonction.demarrer().await {
                (self.etat.sortie)(Ligne::Info(format!("{} : {erreur}", fonction.nom())));
            }
        }
    }
}

/// La limitation du gabarit : compte (chapitre 05), étape (`MethodSettings`), plan et sa clé.
fn configuration_limitation(gabarit: &Gabarit, cle: &str) -> Result<Configuration, String> {
    let mut configuration = Configuration {
        etape: gabarit.limite_etape.map(|(d, r)| Limite::new(d, r)),
        methodes: gabarit
            .limites_methodes
            .iter()
            .map(|(m, (d, r))| (m.clone(), Limite::new(*d, *r)))
            .collect(),
        ..Configuration::default()
    };
    if let Some(plan) = &gabarit.plan {
        let quota = match &plan.quota {
            None => None,
            Some((limite, periode, decalage)) => {
                let periode = Periode::depuis_aws(periode)
                    .ok_or_else(|| format!("Quota.Period {periode:?} : DAY, WEEK ou MONTH"))?;
                Some(Quota::new(*limite, periode, *decalage)?)
            }
        };
        configuration.plans.push(PlanUtilisation {
            nom: format!("{}UsagePlan", gabarit.api),
            limite: plan.limite.map(|(d, r)| Limite::new(d, r)),
            limites_par_methode: BTreeMap::new(),
            quota,
            cles: vec![cle.to_string()],
        });
    }
    Ok(configuration)
}

/// Les en-têtes de l'intégration fictive que SAM ajoute pour `Cors` : des constantes, les
/// valeurs du gabarit sans leurs apostrophes. La configuration est aussi passée à la
/// vérification du chapitre 06 : ce qu'un navigateur refuserait est signalé au démarrage.
fn entetes_preliminaires(
    cors: &gabarit::Cors,
    gabarit: &Gabarit,
    sortie: &Sortie,
) -> Result<Vec<(String, String)>, String> {
    let parametres = solution_06_cors::ParametresCors::depuis_sam(
        &cors.allow_origin,
        cors.allow_methods.as_deref(),
        cors.allow_headers.as_deref(),
        cors.max_age.as_deref(),
        cors.allow_credentials,
    )
    .map_err(|e| format!("Cors du gabarit : {e}"))?;
    if let Err(erreur) = solution_06_cors::ConfigurationCors::nouvelle(parametres) {
        sortie(Ligne::Info(format!(
            "avertissement : Cors du gabarit : {erreur} (API Gateway l'accepterait, un \
             navigateur non)"
        )));
    }
    let constante = |valeur: &str| {
        valeur
            .trim()
            .trim_start_matches('\'')
            .trim_end_matches('\'')
            .to_string()
    };
    let methodes = match &cors.allow_methods {
        Some(m) => constante(m),
        None => {
            // SAM : les méthodes déclarées, plus OPTIONS, triées.
            let mut methodes: Vec<String> =
                gabarit.routes.iter().map(|r| r.methode.clone()).collect();
            methodes.push("OPTIONS".into());
            methodes.sort();
            methodes.dedup();
            methodes.join(",")
        }
    };
    let mut entetes = vec![("Access-Control-Allow-Methods".to_string(), methodes)];
    if let Some(h) = &cors.allow_headers {
        entetes.push(("Access-Control-Allow-Headers".into(), constante(h)));
    }
    entetes.push((
        "Access-Control-Allow-Origin".into(),
        constante(&cors.allow_origin),
    ));
    if let Some(age) = &cors.max_age {
        entetes.push(("Access-Control-Max-Age".into(), constante(age)));
    }
    if cors.allow_credentials {
        entetes.push(("Access-Control-Allow-Credentials".into(), "true".into()));
    }
    Ok(entetes)
}

/// `longueur` caractères tirés au hasard : alphanumériques (clé d'API), ou minuscules et
/// chiffres (identifiants d'API Gateway).
pub fn aleatoire(longueur: usize, majuscules: bool) -> String {
    let alphabet: &[u8] = if majuscules {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    } else {
        b"abcdefghijklmnopqrstuvwxyz0123456789"
    };
    let mut texte = String::with_capacity(longueur);
    while texte.len() < longueur {
        let tirage = uuid::Uuid::new_v4();
        // Les octets 6 et 8 d'un UUID v4 portent sa version et sa variante : écartés.
        for (i, octet) in tirage.as_bytes().iter().enumerate() {
            // Rejet des octets qui biaiseraient le tirage.
            let limite = 256 - 256 % alphabet.len();
            if i != 6 && i != 8 && (*octet as usize) < limite && texte.len() < longueur {
                texte.push(alphabet[*octet as usize % alphabet.len()] as char);
            }
        }
    }
    texte
}
