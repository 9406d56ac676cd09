//! Où vont les lignes de la couche (fourni, rien à écrire ici).
//!
//! Sur Lambda, chaque ligne écrite sur la sortie standard devient un événement de CloudWatch
//! Logs ; une ligne qui est un document EMF y devient aussi des métriques (page « 8.3 Des
//! métriques à soi : EMF »). Dans les tests, la même couche écrit dans un [`Tampon`] en
//! mémoire, que les tests relisent ligne à ligne.

use serde_json::Value;
use std::io::{self, Write};
use std::sync::{Arc, Mutex, PoisonError};

/// La destination des lignes : un écrivain partagé, une ligne écrite d'un seul tenant.
#[derive(Clone)]
pub struct Sortie(Arc<Mutex<Box<dyn Write + Send>>>);

impl Sortie {
    /// La sortie standard, que Lambda envoie à CloudWatch Logs.
    pub fn standard() -> Self {
        Self::vers(io::stdout())
    }

    /// Un écrivain quelconque : un fichier, un [`Tampon`]…
    pub fn vers(ecrivain: impl Write + Send + 'static) -> Self {
        Self(Arc::new(Mutex::new(Box::new(ecrivain))))
    }

    /// Écrit `ligne` suivie d'un saut de ligne, en un seul appel : deux requêtes simultanées
    /// ne mêlent pas leurs lignes. Une erreur d'écriture est ignorée : un journal plein ou
    /// fermé ne doit jamais faire échouer une requête.
    pub fn ecrire_ligne(&self, ligne: &str) {
        let mut ecrivain = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let mut octets = Vec::with_capacity(ligne.len() + 1);
        octets.extend_from_slice(ligne.as_bytes());
        octets.push(b'\n');
        let _ = ecrivain.write_all(&octets);
        let _ = ecrivain.flush();
    }
}

impl std::fmt::Debug for Sortie {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sortie")
    }
}

/// Un tampon en mémoire, partagé entre ses clones : la couche y écrit, le test y lit.
#[derive(Clone, Debug, Default)]
pub struct Tampon(Arc<Mutex<Vec<u8>>>);

impl Tampon {
    /// Tout ce qui a été écrit, en texte.
    pub fn texte(&self) -> String {
        let octets = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&octets).into_owned()
    }

    /// Les lignes écrites.
    pub fn lignes(&self) -> Vec<String> {
        self.texte().lines().map(str::to_string).collect()
    }

    /// Les lignes écrites, lues en JSON ; une ligne qui n'est pas du JSON donne un échec clair.
    pub fn documents(&self) -> Vec<Value> {
        self.lignes()
            .iter()
            .map(|ligne| {
                serde_json::from_str(ligne).unwrap_or_else(|erreur| {
                    panic!(
                        "chaque ligne écrite doit être un document JSON ({erreur}), reçu {ligne:?}"
                    )
                })
            })
            .collect()
    }
}

impl Write for Tampon {
    fn write(&mut self, octets: &[u8]) -> io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(octets);
        Ok(octets.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
