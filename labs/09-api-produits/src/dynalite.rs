//! Un vrai serveur compatible DynamoDB sur 127.0.0.1, pour les tests (fourni, rien à écrire ici).
//!
//! Nous prenons dynalite (npm) plutôt que le serveur de moto (PyPI) : il est prêt en un quart
//! de seconde au lieu d'une seconde et demie, ce qui permet un serveur neuf par test, et il
//! garde ses données sur disque (LevelDB, option `--path`) : un serveur tué puis relancé
//! retrouve tout ce qu'il avait confirmé. `cargo xtask test` l'installe dans `.outils/dynalite`.
//!
//! Chaque [`Dynalite`] lance son propre processus sur un port libre et l'arrête quand il est
//! détruit (`Drop`), même si le test échoue.

use crate::dynamodb::configuration_locale;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::config::retry::RetryConfig;
use aws_sdk_dynamodb::config::timeout::TimeoutConfig;
use aws_sdk_dynamodb::types::{
    AttributeDefinition, AttributeValue, BillingMode, KeySchemaElement, KeyType,
    ScalarAttributeType,
};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// La version de dynalite qu'installe `cargo xtask test`.
pub const VERSION: &str = "4.0.0";

/// Le script de dynalite, relatif à la racine du dépôt.
const SCRIPT: &str = ".outils/dynalite/node_modules/dynalite/cli.js";

/// Le temps laissé au serveur pour ouvrir son port.
const DEMARRAGE_MAXIMAL: Duration = Duration::from_secs(15);

static NUMERO: AtomicUsize = AtomicUsize::new(0);

/// Un serveur dynalite en marche, arrêté quand la valeur est détruite.
#[derive(Debug)]
pub struct Dynalite {
    script: PathBuf,
    port: u16,
    dossier: PathBuf,
    processus: Option<Child>,
}

/// Le script de dynalite : celui de la variable `DYNALITE`, sinon celui de `.outils/`.
fn trouver_script() -> Result<PathBuf, String> {
    if let Some(chemin) = std::env::var_os("DYNALITE").map(PathBuf::from) {
        if chemin.is_file() {
            return Ok(chemin);
        }
        return Err(format!(
            "la variable DYNALITE vaut {} : ce fichier n'existe pas (attendu : le cli.js de \
             dynalite {VERSION})",
            chemin.display()
        ));
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .map(|dossier| dossier.join(SCRIPT))
        .find(|chemin| chemin.is_file())
        .ok_or_else(|| {
            format!(
                "dynalite {VERSION}, le serveur DynamoDB local des tests, est introuvable \
                 ({SCRIPT} n'existe pas). `cargo xtask test` l'installe ; ou, à la racine du \
                 dépôt : `npm install --prefix .outils/dynalite dynalite@{VERSION}` (Node.js ≥ 20)."
            )
        })
}

fn port_libre() -> Result<u16, String> {
    let ecoute = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .map_err(|e| format!("aucun port libre sur 127.0.0.1 ({e})"))?;
    ecoute
        .local_addr()
        .map(|adresse| adresse.port())
        .map_err(|e| format!("port inconnu ({e})"))
}

impl Dynalite {
    /// Lance un serveur neuf, vide, sur un port libre de 127.0.0.1.
    pub fn demarrer() -> Result<Self, String> {
        let script = trouver_script()?;
        let dossier = std::env::temp_dir().join(format!(
            "dynalite-{}-{}",
            std::process::id(),
            NUMERO.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dossier);
        let mut derniere_erreur = String::new();
        // Un autre processus peut prendre le port entre notre essai et le lancement : on
        // recommence alors sur un autre port.
        for _ in 0..3 {
            let mut serveur = Self {
                script: script.clone(),
                port: port_libre()?,
                dossier: dossier.clone(),
                processus: None,
            };
            match serveur.lancer() {
                Ok(()) => return Ok(serveur),
                Err(erreur) => derniere_erreur = erreur,
            }
        }
        Err(derniere_erreur)
    }

    fn lancer(&mut self) -> Result<(), String> {
        std::fs::create_dir_all(&self.dossier)
            .map_err(|e| format!("création de {} ({e})", self.dossier.display()))?;
        let journal = std::fs::File::create(self.dossier.join("dynalite.log"))
            .map_err(|e| format!("journal de dynalite ({e})"))?;
        let mut processus = Command::new("node")
            .arg(&self.script)
            .args(["--host", "127.0.0.1", "--port", &self.port.to_string()])
            .arg("--path")
            .arg(self.dossier.join("donnees"))
            // Des tables actives tout de suite (DynamoDB les garde CREATING un moment).
            .args(["--createTableMs", "0", "--deleteTableMs", "0"])
            .args(["--updateTableMs", "0"])
            .stdout(Stdio::null())
            .stderr(journal)
            .spawn()
            .map_err(|e| {
                format!("impossible de lancer `node` ({e}) : installez Node.js ≥ 20, puis relancez")
            })?;
        let debut = Instant::now();
        loop {
            if TcpStream::connect((Ipv4Addr::LOCALHOST, self.port)).is_ok() {
                self.processus = Some(processus);
                return Ok(());
            }
            let fini = processus.try_wait().ok().flatten();
            if fini.is_some() || debut.elapsed() > DEMARRAGE_MAXIMAL {
                let _ = processus.kill();
                let _ = processus.wait();
                let journal =
                    std::fs::read_to_string(self.dossier.join("dynalite.log")).unwrap_or_default();
                return Err(format!(
                    "dynalite n'a pas ouvert le port {} : {journal}",
                    self.port
                ));
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// L'adresse du serveur, par exemple `http://127.0.0.1:40123`.
    pub fn point_d_acces(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Tue le serveur (`SIGKILL`), comme une panne : ce qu'il avait confirmé reste sur disque.
    pub fn tuer(&mut self) {
        if let Some(mut processus) = self.processus.take() {
            let _ = processus.kill();
            let _ = processus.wait();
        }
    }

    /// Relance le serveur sur le même port, avec les mêmes données.
    pub fn relancer(&mut self) -> Result<(), String> {
        self.tuer();
        self.lancer()
    }

    /// Un client pour ce serveur : trois tentatives (celles du SDK par défaut) mais espacées de
    /// quelques millisecondes. Un serveur arrêté refuse la connexion aussitôt ; les délais
    /// (2 s pour se connecter, 10 s par tentative) ne servent que sur une machine très chargée.
    pub fn client(&self) -> Client {
        let configuration = configuration_locale(&self.point_d_acces())
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(3)
                    .with_initial_backoff(Duration::from_millis(5))
                    .with_max_backoff(Duration::from_millis(50)),
            )
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(2))
                    .operation_attempt_timeout(Duration::from_secs(10))
                    .build(),
            )
            .build();
        Client::from_conf(configuration)
    }
}

impl Drop for Dynalite {
    fn drop(&mut self) {
        self.tuer();
        let _ = std::fs::remove_dir_all(&self.dossier);
    }
}

/// Crée la table `nom` comme le gabarit SAM : clé de partition `id` (`S`), à la demande.
pub async fn creer_table(client: &Client, nom: &str) -> Result<(), String> {
    client
        .create_table()
        .table_name(nom)
        .attribute_definitions(
            AttributeDefinition::builder()
                .attribute_name(crate::item::CLE)
                .attribute_type(ScalarAttributeType::S)
                .build()
                .map_err(|e| e.to_string())?,
        )
        .key_schema(
            KeySchemaElement::builder()
                .attribute_name(crate::item::CLE)
                .key_type(KeyType::Hash)
                .build()
                .map_err(|e| e.to_string())?,
        )
        .billing_mode(BillingMode::PayPerRequest)
        .send()
        .await
        .map_err(|e| {
            format!(
                "création de la table {nom} : {}",
                aws_sdk_dynamodb::error::DisplayErrorContext(&e)
            )
        })?;
    // dynalite garde la table CREATING le temps d'un tour de sa boucle : sur une machine
    // chargée, une écriture trop tôt reçoit ResourceNotFoundException. On attend qu'une lecture
    // de la table réussisse (5 s au plus).
    let mut essais = 0;
    while let Err(erreur) = client
        .get_item()
        .table_name(nom)
        .key(crate::item::CLE, AttributeValue::S("sonde".to_string()))
        .send()
        .await
    {
        essais += 1;
        if essais >= 200 {
            return Err(format!(
                "la table {nom} reste illisible après sa création : {}",
                aws_sdk_dynamodb::error::DisplayErrorContext(&erreur)
            ));
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    Ok(())
}
