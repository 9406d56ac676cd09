//! Un vrai navigateur pour les tests du cours : Chromium sans écran (*headless*), lancé sur
//! 127.0.0.1 et piloté par son protocole DevTools (CDP) sur une WebSocket.
//!
//! ```no_run
//! let mut chromium = navigateur::Chromium::lancer(1280, 900)?;
//! chromium.ouvrir("file:///tmp/page.html")?;
//! let titre = chromium.evaluer("document.title")?;
//! assert!(chromium.erreurs_console().is_empty());
//! # Ok::<(), String>(())
//! ```
//!
//! Le processus et son profil temporaire disparaissent quand la valeur est libérée.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// Les noms sous lesquels les distributions installent Chromium.
const EXECUTABLES: &[&str] = &["chromium", "chromium-browser", "google-chrome"];

/// Le chemin de Chromium : la variable `CHROMIUM` si elle est définie, sinon le premier des
/// noms usuels trouvé dans le `PATH`.
pub fn executable() -> Option<PathBuf> {
    if let Some(chemin) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(chemin));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dossier| EXECUTABLES.iter().map(move |nom| dossier.join(nom)))
        .find(|chemin| chemin.is_file())
}

/// Une instance de Chromium et l'onglet qu'elle pilote.
pub struct Chromium {
    processus: Child,
    profil: PathBuf,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    prochain_id: u64,
    evenements: Vec<Value>,
}

impl Chromium {
    /// Lance Chromium avec une fenêtre de `largeur` × `hauteur` pixels CSS.
    pub fn lancer(largeur: u32, hauteur: u32) -> Result<Self, String> {
        let programme = executable().ok_or(
            "Chromium est introuvable (ni `CHROMIUM`, ni chromium dans le PATH) : \
             Debian et Ubuntu l'installent avec `apt-get install chromium`",
        )?;
        static INSTANCES: AtomicUsize = AtomicUsize::new(0);
        let profil = std::env::temp_dir().join(format!(
            "navigateur-{}-{}",
            std::process::id(),
            INSTANCES.fetch_add(1, Ordering::Relaxed)
        ));
        let mut processus = Command::new(&programme)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profil.display()))
            .arg(format!("--window-size={largeur},{hauteur}"))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{} ne démarre pas ({e})", programme.display()))?;
        let adresse = match adresse_devtools(&mut processus) {
            Ok(adresse) => adresse,
            Err(erreur) => {
                let _ = processus.kill();
                let _ = processus.wait();
                return Err(erreur);
            }
        };
        let (socket, _) = tungstenite::connect(adresse.as_str())
            .map_err(|e| format!("connexion à DevTools ({adresse}) impossible : {e}"))?;
        if let MaybeTlsStream::Plain(flux) = socket.get_ref() {
            flux.set_read_timeout(Some(Duration::from_millis(200)))
                .map_err(|e| e.to_string())?;
        }
        let mut chromium = Chromium {
            processus,
            profil,
            socket,
            session: String::new(),
            prochain_id: 0,
            evenements: Vec::new(),
        };
        let cible = chromium.envoyer("Target.createTarget", json!({"url": "about:blank"}))?;
        let cible = cible["targetId"].as_str().unwrap_or_default().to_string();
        let session = chromium.envoyer(
            "Target.attachToTarget",
            json!({"targetId": cible, "flatten": true}),
        )?;
        chromium.session = session["sessionId"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        for domaine in ["Page.enable", "Runtime.enable", "Log.enable"] {
            chromium.envoyer(domaine, json!({}))?;
        }
        chromium.envoyer(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": largeur, "height": hauteur, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(chromium)
    }

    /// Ouvre `url` dans l'onglet et attend la fin de son chargement (événement `load`).
    pub fn ouvrir(&mut self, url: &str) -> Result<(), String> {
        self.evenements.clear();
        let reponse = self.envoyer("Page.navigate", json!({"url": url}))?;
        if let Some(erreur) = reponse["errorText"].as_str() {
            return Err(format!("{url} ne s'ouvre pas : {erreur}"));
        }
        self.attendre_evenement("Page.loadEventFired", Duration::from_secs(20))
            .map_err(|e| format!("{url} : {e}"))
    }

    /// Évalue une expression JavaScript dans la page (une promesse est attendue) et renvoie sa
    /// valeur, convertie en JSON.
    pub fn evaluer(&mut self, expression: &str) -> Result<Value, String> {
        let reponse = self.envoyer(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        )?;
        if let Some(exception) = reponse.get("exceptionDetails") {
            let texte = exception["exception"]["description"]
                .as_str()
                .or(exception["text"].as_str())
                .unwrap_or("exception");
            return Err(format!("le JavaScript a levé une exception : {texte}"));
        }
        Ok(reponse["result"]["value"].clone())
    }

    /// Attend que `condition` (une expression JavaScript) soit vraie, `delai` au plus.
    pub fn attendre(&mut self, condition: &str, delai: Duration) -> Result<(), String> {
        let debut = Instant::now();
        loop {
            if self.evaluer(condition)? == Value::Bool(true) {
                return Ok(());
            }
            if debut.elapsed() > delai {
                return Err(format!("« {condition} » toujours faux après {delai:?}"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Les erreurs que la page a signalées depuis son ouverture : exceptions JavaScript,
    /// `console.error`, erreurs du navigateur (ressource introuvable…).
    pub fn erreurs_console(&mut self) -> Vec<String> {
        // Les derniers messages arrivés pendant l'attente.
        let _ = self.lire_jusqua(|_| false, Duration::from_millis(50));
        self.evenements
            .iter()
            .filter_map(|evenement| {
                let p = &evenement["params"];
                match evenement["method"].as_str()? {
                    "Runtime.exceptionThrown" => Some(
                        p["exceptionDetails"]["exception"]["description"]
                            .as_str()
                            .or(p["exceptionDetails"]["text"].as_str())
                            .unwrap_or("exception")
                            .to_string(),
                    ),
                    "Runtime.consoleAPICalled" if p["type"] == "error" => Some(
                        p["args"]
                            .as_array()?
                            .iter()
                            .map(|a| a["value"].as_str().unwrap_or("?").to_string())
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    "Log.entryAdded" if p["entry"]["level"] == "error" => {
                        Some(p["entry"]["text"].as_str().unwrap_or("?").to_string())
                    }
                    _ => None,
                }
            })
            .collect()
    }

    /// Envoie une commande CDP (à l'onglet, une fois attaché) et attend sa réponse.
    fn envoyer(&mut self, methode: &str, parametres: Value) -> Result<Value, String> {
        self.prochain_id += 1;
        let id = self.prochain_id;
        let mut message = json!({"id": id, "method": methode, "params": parametres});
        if !self.session.is_empty() {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::text(message.to_string()))
            .map_err(|e| format!("{methode} : envoi impossible ({e})"))?;
        let reponse = self
            .lire_jusqua(|m| m["id"] == id, Duration::from_secs(30))
            .map_err(|e| format!("{methode} : {e}"))?;
        if let Some(erreur) = reponse.get("error") {
            return Err(format!("{methode} : {}", erreur["message"]));
        }
        Ok(reponse["result"].clone())
    }

    fn attendre_evenement(&mut self, methode: &str, delai: Duration) -> Result<(), String> {
        if self.evenements.iter().any(|e| e["method"] == methode) {
            return Ok(());
        }
        self.lire_jusqua(|m| m["method"] == methode, delai)
            .map(drop)
    }

    /// Lit les messages jusqu'à celui qu'accepte `voulu` ; les événements sont gardés.
    fn lire_jusqua(
        &mut self,
        voulu: impl Fn(&Value) -> bool,
        delai: Duration,
    ) -> Result<Value, String> {
        let debut = Instant::now();
        loop {
            match self.socket.read() {
                Ok(Message::Text(texte)) => {
                    let message: Value = serde_json::from_str(&texte).unwrap_or_default();
                    if message.get("method").is_some() {
                        self.evenements.push(message.clone());
                    }
                    if voulu(&message) {
                        return Ok(message);
                    }
                }
                Ok(_) => {}
                // Rien à lire pendant les 200 ms du délai de lecture, ou lecture interrompue par
                // un signal (SIGCHLD d'un processus du test…) : sur une socket qui a un délai,
                // Linux renvoie EINTR même avec SA_RESTART. Rien n'est perdu, on relit.
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock
                            | std::io::ErrorKind::TimedOut
                            | std::io::ErrorKind::Interrupted
                    ) => {}
                Err(e) => return Err(format!("DevTools ne répond plus ({e})")),
            }
            if debut.elapsed() > delai {
                return Err(format!("pas de réponse en {delai:?}"));
            }
        }
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        let _ = self.socket.close(None);
        let _ = self.processus.kill();
        let _ = self.processus.wait();
        let _ = std::fs::remove_dir_all(&self.profil);
    }
}

/// Chromium écrit « DevTools listening on ws://127.0.0.1:PORT/devtools/browser/… » sur sa
/// sortie d'erreur ; la suite de cette sortie est lue (et ignorée) pour ne jamais le bloquer.
fn adresse_devtools(processus: &mut Child) -> Result<String, String> {
    let stderr = processus
        .stderr
        .take()
        .ok_or("sortie d'erreur de Chromium absente")?;
    let (envoi, reception) = mpsc::channel();
    std::thread::spawn(move || {
        let mut lignes = Vec::new();
        for ligne in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(adresse) = ligne.split("DevTools listening on ").nth(1) {
                let _ = envoi.send(Ok(adresse.trim().to_string()));
            } else {
                lignes.push(ligne);
            }
        }
        let _ = envoi.send(Err(lignes.join("\n")));
    });
    match reception.recv_timeout(Duration::from_secs(30)) {
        Ok(Ok(adresse)) => Ok(adresse),
        Ok(Err(sortie)) => Err(format!("Chromium s'est arrêté au démarrage :\n{sortie}")),
        Err(_) => Err("Chromium n'a pas ouvert DevTools en 30 s".to_string()),
    }
}
