//! La couche d'observabilité (fournie, rien à écrire ici) : sa construction, son horloge et sa
//! sortie, la composition avec la couche d'erreurs du chapitre 04, et l'écriture d'une mesure.
//! Sa méthode [`Observabilite::mesurer`], elle, est à écrire (`lib.rs`, étape 6).

use crate::horloge::{Horloge, HorlogeSysteme};
use crate::mesure::Mesure;
use crate::sortie::Sortie;
use crate::{document_emf, ligne_de_journal};
use lambda_http::{Body, Request, Response};
use solution_04_erreurs::avec_couche_erreurs;
use solution_04_erreurs::erreur::ErreurApi;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// La couche d'observabilité : une par environnement d'exécution, créée au début de `main`.
pub struct Observabilite {
    pub(crate) espace_de_noms: String,
    pub(crate) horloge: Arc<dyn Horloge>,
    pub(crate) sortie: Sortie,
    pub(crate) deja_servi: AtomicBool,
}

impl Observabilite {
    /// Une couche qui écrit sur la sortie standard, avec l'horloge du système.
    pub fn new(espace_de_noms: &str) -> Self {
        Self {
            espace_de_noms: espace_de_noms.to_string(),
            horloge: Arc::new(HorlogeSysteme::default()),
            sortie: Sortie::standard(),
            deja_servi: AtomicBool::new(false),
        }
    }

    /// Remplace l'horloge (une [`HorlogeManuelle`] dans les tests).
    pub fn avec_horloge(mut self, horloge: Arc<dyn Horloge>) -> Self {
        self.horloge = horloge;
        self
    }

    /// Remplace la sortie (un [`Tampon`] dans les tests, un fichier pour la passerelle locale).
    pub fn avec_sortie(mut self, sortie: Sortie) -> Self {
        self.sortie = sortie;
        self
    }

    /// La couche complète de l'API : l'observabilité autour de la couche d'erreurs du
    /// chapitre 04, qui garantit une réponse même quand le gestionnaire panique.
    pub async fn servir<F, Fut>(&self, requete: Request, gestionnaire: F) -> Response<Body>
    where
        F: FnOnce(Request) -> Fut,
        Fut: Future<Output = Result<Response<Body>, ErreurApi>>,
    {
        self.mesurer(requete, |requete| {
            avec_couche_erreurs(requete, gestionnaire)
        })
        .await
    }

    /// Écrit la ligne de journal puis le document EMF de `mesure`.
    pub fn ecrire(&self, mesure: &Mesure) {
        self.sortie
            .ecrire_ligne(&ligne_de_journal(mesure).to_string());
        self.sortie
            .ecrire_ligne(&document_emf(mesure, &self.espace_de_noms).to_string());
    }
}

impl std::fmt::Debug for Observabilite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Observabilite")
            .field("espace_de_noms", &self.espace_de_noms)
            .finish_non_exhaustive()
    }
}
