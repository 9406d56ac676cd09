//! Le banc des tests : une passerelle sur un port libre de 127.0.0.1, avec les vrais binaires
//! des fonctions, une horloge simulée et une sortie relue par les tests. Tout ce qu'il lance
//! (serveur, processus des fonctions) s'arrête quand il est détruit : son runtime tokio emporte
//! les processus avec lui (`kill_on_drop`).

use passerelle::horloge::HorlogeSimulee;
use passerelle::journal::Memoire;
use passerelle::{Options, Passerelle, parametres_du_jeton_local};
use solution_07_securisation::cles_de_test::{OptionsJeton, jeton_de_test};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Le gabarit du dépôt, celui que `sam deploy` déploie.
pub fn gabarit_du_depot() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../template.yaml"))
        .expect("template.yaml, à la racine du dépôt, se lit")
}

/// Remplace `avant` par `apres` dans le gabarit, une fois : le test échoue si `avant` manque
/// (le gabarit a changé, le test doit suivre).
#[track_caller]
pub fn remplacer(gabarit: &str, avant: &str, apres: &str) -> String {
    assert!(
        gabarit.contains(avant),
        "le gabarit ne contient plus {avant:?} : mettez ce test à jour"
    );
    gabarit.replacen(avant, apres, 1)
}

/// Le gabarit où la fonction `fonction` (`ProduitsFunction`, `AutorisateurFunction`) est
/// remplacée par la fonction d'essai de ce comportement.
pub fn avec_fonction_d_essai(gabarit: &str, fonction: &str, comportement: &str) -> String {
    let (binaire, derniere_variable) = match fonction {
        "ProduitsFunction" => ("api-produits", "ESPACE_DE_NOMS_METRIQUES: ApiProduits\n"),
        _ => ("autorisateur", "JWKS_URL: !Ref AdresseJwks\n"),
    };
    let gabarit = remplacer(
        gabarit,
        &format!("Binary: {binaire}\n"),
        "Binary: fonction-essai\n",
    );
    remplacer(
        &gabarit,
        derniere_variable,
        &format!("{derniere_variable}          COMPORTEMENT: {comportement}\n"),
    )
}

/// Les binaires `api-produits` et `autorisateur` : ceux du dossier `PASSERELLE_BINAIRES` s'il
/// est donné, sinon construits une fois par `cargo build -p api-produits --bins` (cargo a
/// rendu le verrou de target/ quand les tests tournent).
fn binaires_de_l_api() -> &'static BTreeMap<String, PathBuf> {
    static BINAIRES: OnceLock<BTreeMap<String, PathBuf>> = OnceLock::new();
    BINAIRES.get_or_init(|| {
        let dossier = match std::env::var_os("PASSERELLE_BINAIRES") {
            Some(dossier) => PathBuf::from(dossier),
            None => {
                let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
                let mut commande = std::process::Command::new(cargo);
                commande
                    .args(["build", "-q", "-p", "api-produits", "--bins"])
                    .arg("--message-format=json")
                    .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
                // Les variables CARGO_* que cargo donne au test changeraient l'empreinte de
                // scripts de construction : sans elles, la construction est celle du terminal.
                for (nom, _) in std::env::vars_os() {
                    let nom = nom.to_string_lossy().into_owned();
                    if nom.starts_with("CARGO_") && nom != "CARGO_HOME" && nom != "CARGO_TARGET_DIR"
                    {
                        commande.env_remove(nom);
                    }
                }
                let sortie = commande.output().expect("cargo se lance");
                assert!(
                    sortie.status.success(),
                    "cargo build -p api-produits --bins a échoué :\n{}",
                    String::from_utf8_lossy(&sortie.stderr)
                );
                let mut dossier = None;
                for ligne in String::from_utf8_lossy(&sortie.stdout).lines() {
                    let message: serde_json::Value =
                        serde_json::from_str(ligne).unwrap_or_default();
                    if let Some(executable) = message["executable"].as_str() {
                        dossier = PathBuf::from(executable).parent().map(PathBuf::from);
                    }
                }
                dossier.expect("cargo a nommé les exécutables de api-produits")
            }
        };
        let mut binaires = BTreeMap::new();
        for nom in ["api-produits", "autorisateur"] {
            let chemin = dossier.join(nom);
            assert!(
                chemin.is_file(),
                "{} manque : `cargo build -p api-produits --bins`, ou PASSERELLE_BINAIRES",
                chemin.display()
            );
            binaires.insert(nom.to_string(), chemin);
        }
        binaires.insert(
            "fonction-essai".to_string(),
            PathBuf::from(env!("CARGO_BIN_EXE_fonction-essai")),
        );
        binaires
    })
}

/// Comment démarrer le banc.
pub struct Reglage {
    pub gabarit: String,
    pub parametres: Vec<(String, String)>,
    pub delai_integration_max: Duration,
}

impl Default for Reglage {
    fn default() -> Self {
        Self {
            gabarit: gabarit_du_depot(),
            parametres: Vec::new(),
            delai_integration_max: Duration::from_secs(29),
        }
    }
}

/// Ce qu'une requête a reçu.
#[derive(Debug)]
pub struct Recue {
    pub statut: u16,
    pub entetes: Vec<(String, String)>,
    pub corps: String,
}

impl Recue {
    pub fn entete(&self, nom: &str) -> Option<&str> {
        self.entetes
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(nom))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.corps)
            .unwrap_or_else(|e| panic!("attendu un corps JSON, reçu {:?} ({e})", self.corps))
    }

    /// Le statut, le corps exact, et `x-amzn-ErrorType`.
    #[track_caller]
    pub fn verifier_erreur(&self, statut: u16, corps: &str, type_erreur: &str) {
        assert_eq!(
            (self.statut, self.corps.as_str()),
            (statut, corps),
            "attendu la réponse d'API Gateway {statut} {corps}, reçu {self:?}"
        );
        assert_eq!(
            self.entete("x-amzn-ErrorType"),
            Some(type_erreur),
            "attendu x-amzn-ErrorType: {type_erreur}, reçu {self:?}"
        );
        assert!(
            self.entete("x-amzn-RequestId")
                .is_some_and(|id| id.len() == 36),
            "attendu un x-amzn-RequestId, reçu {self:?}"
        );
    }

    /// Les en-têtes CORS que `GatewayResponses` pose sur les erreurs de la passerelle.
    #[track_caller]
    pub fn verifier_cors_de_passerelle(&self, origine: &str) {
        assert_eq!(
            (
                self.entete("Access-Control-Allow-Origin"),
                self.entete("Vary")
            ),
            (Some(origine), Some("Origin")),
            "attendu les en-têtes DEFAULT_4XX/DEFAULT_5XX du gabarit, reçu {self:?}"
        );
    }
}

/// Une passerelle en marche, pour un test.
pub struct Banc {
    pub url: String,
    pub cle: String,
    pub horloge: HorlogeSimulee,
    pub memoire: Memoire,
    agent: ureq::Agent,
    passerelle: Option<Passerelle>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Banc {
    pub fn demarrer(reglage: Reglage) -> Banc {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("le runtime du banc démarre");
        let horloge = HorlogeSimulee::new(solution_05_limitation_debit::instant::utc(
            2026, 3, 2, 10, 0, 0,
        ));
        let memoire = Memoire::default();
        let options = Options {
            gabarit: reglage.gabarit,
            parametres: reglage.parametres,
            parametres_locaux: parametres_du_jeton_local(),
            ressources_locales: Vec::new(),
            environnement_commun: BTreeMap::new(),
            binaires: binaires_de_l_api().clone(),
            port: 0,
            cle_api: None,
            sans_limitation: false,
            horloge: Arc::new(horloge.clone()),
            sortie: memoire.sortie(),
            delai_integration_max: reglage.delai_integration_max,
        };
        let passerelle = runtime
            .block_on(Passerelle::demarrer(options))
            .unwrap_or_else(|e| panic!("la passerelle ne démarre pas : {e}"));
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Banc {
            url: passerelle.url(),
            cle: passerelle.etat.cle.clone(),
            horloge,
            memoire,
            agent,
            passerelle: Some(passerelle),
            runtime: Some(runtime),
        }
    }

    /// Une requête `methode` sur `chemin` (relatif à l'étape), avec ces en-têtes et ce corps.
    pub fn envoyer(
        &self,
        methode: &str,
        chemin: &str,
        entetes: &[(&str, &str)],
        corps: Option<&str>,
    ) -> Recue {
        self.envoyer_a(&format!("{}{chemin}", self.url), methode, entetes, corps)
    }

    /// Comme [`Banc::envoyer`], sur une adresse complète.
    pub fn envoyer_a(
        &self,
        url: &str,
        methode: &str,
        entetes: &[(&str, &str)],
        corps: Option<&str>,
    ) -> Recue {
        let mut requete = ureq::http::Request::builder().method(methode).uri(url);
        for (nom, valeur) in entetes {
            requete = requete.header(*nom, *valeur);
        }
        let requete = requete
            .body(corps.unwrap_or_default().as_bytes().to_vec())
            .expect("requête valide");
        let mut reponse = self
            .agent
            .run(requete)
            .unwrap_or_else(|e| panic!("{methode} {url} : la passerelle ne répond pas ({e})"));
        let entetes = reponse
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    v.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        Recue {
            statut: reponse.status().as_u16(),
            entetes,
            corps: reponse.body_mut().read_to_string().unwrap_or_default(),
        }
    }

    /// Les lignes de pipeline écrites jusqu'ici.
    pub fn pipeline(&self) -> Vec<String> {
        self.memoire.pipeline()
    }
}

impl Drop for Banc {
    fn drop(&mut self) {
        let runtime = self.runtime.take();
        if let Some(runtime) = runtime {
            // Le serveur et les processus des fonctions s'arrêtent avec leur runtime.
            runtime.block_on(async { drop(self.passerelle.take()) });
            runtime.shutdown_timeout(Duration::from_secs(2));
        }
    }
}

/// Un jeton de test valide pour ces portées.
pub fn jeton(portees: &[&str]) -> String {
    jeton_de_test(&OptionsJeton {
        scopes: portees.iter().map(|p| p.to_string()).collect(),
        ..OptionsJeton::default()
    })
}

/// `Bearer <jeton>` pour ces portées.
pub fn bearer(portees: &[&str]) -> String {
    format!("Bearer {}", jeton(portees))
}

/// L'origine de la boutique, celle du paramètre `OrigineBoutique` par défaut.
pub const BOUTIQUE: &str = "https://boutique.exemple.fr";

pub const PAGE_ORDRE: &str =
    "chapitre 07, page « 7.6 Les clés d'API et les plans d'utilisation » (cles-api.md)";
pub const PAGE_CACHE: &str =
    "chapitre 07, page « 7.4 Le cache des autorisations, et son piège » (cache.md)";
