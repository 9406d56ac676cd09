//! Essai réel de la section 3.6 du chapitre 03 : `cargo lambda watch` sert la solution de
//! l'atelier 03 sur 127.0.0.1, et une vraie requête HTTP reçoit la réponse attendue.

use crate::console::{Echec, Resultat, racine};
use crate::outils::{assurer_outils_python, path_avec};
use indicatif::ProgressBar;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const CHEMIN: &str = "/lambda-url/solution-03-integration-proxy/bonjour?nom=Zo%C3%A9";
const ATTENDU: &str = r#"{"message":"Bonjour, Zoé"}"#;

pub fn verifier() -> Resultat {
    if !cfg!(unix) {
        println!("· essai de cargo lambda watch : sauté (Linux ou macOS seulement)");
        return Ok(());
    }
    let bin = assurer_outils_python()?;
    let port = port_libre()?;
    let journal = racine().join("target/cargo-lambda-watch.log");
    let fichier = std::fs::File::create(&journal)
        .map_err(|e| Echec::new(format!("création de {} ({e})", journal.display()), ""))?;
    let mut commande = Command::new(bin.join("cargo-lambda"));
    commande
        .args([
            "lambda",
            "watch",
            "-A",
            "127.0.0.1",
            "-P",
            &port.to_string(),
        ])
        .env("PATH", path_avec(&bin)?)
        .current_dir(racine())
        .stdout(Stdio::null())
        .stderr(fichier);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut commande, 0);
    let serveur = Serveur(
        commande
            .spawn()
            .map_err(|e| Echec::new(format!("cargo lambda watch n'a pas démarré ({e})"), ""))?,
    );

    let barre = ProgressBar::new_spinner();
    barre.enable_steady_tick(Duration::from_millis(120));
    barre.set_message(format!("cargo lambda watch : GET {CHEMIN}"));
    let reponse = interroger(port, Duration::from_secs(300));
    barre.finish_and_clear();
    drop(serveur);

    let conseil = format!(
        "lisez {} et la section 3.6 du chapitre 03",
        journal.display()
    );
    let reponse = reponse.map_err(|e| Echec::new(format!("cargo lambda watch : {e}"), &conseil))?;
    if reponse.starts_with("HTTP/1.1 200") && reponse.ends_with(ATTENDU) {
        println!("✓ cargo lambda watch : GET {CHEMIN} → 200 {ATTENDU}");
        Ok(())
    } else {
        Err(Echec::new(
            format!("cargo lambda watch : attendu 200 {ATTENDU}, reçu :\n{reponse}"),
            conseil,
        ))
    }
}

/// Arrête le groupe de processus de `cargo lambda watch` (et la fonction qu'il a lancée).
struct Serveur(Child);

impl Drop for Serveur {
    fn drop(&mut self) {
        let groupe = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &groupe]).status();
        let _ = self.0.wait();
    }
}

fn port_libre() -> Resultat<u16> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|ecoute| ecoute.local_addr())
        .map(|adresse| adresse.port())
        .map_err(|e| Echec::new(format!("aucun port libre sur 127.0.0.1 ({e})"), ""))
}

/// Envoie la requête dès que le serveur écoute ; la première réponse attend la compilation.
fn interroger(port: u16, delai: Duration) -> Result<String, String> {
    let debut = Instant::now();
    loop {
        match TcpStream::connect(("127.0.0.1", port)) {
            Ok(mut flux) => {
                let _ = flux.set_read_timeout(Some(delai));
                let requete = format!(
                    "GET {CHEMIN} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                );
                flux.write_all(requete.as_bytes())
                    .map_err(|e| e.to_string())?;
                let mut reponse = String::new();
                flux.read_to_string(&mut reponse)
                    .map_err(|e| e.to_string())?;
                return Ok(reponse);
            }
            Err(_) if debut.elapsed() < delai => thread::sleep(Duration::from_millis(500)),
            Err(e) => return Err(format!("le serveur n'écoute toujours pas ({e})")),
        }
    }
}
