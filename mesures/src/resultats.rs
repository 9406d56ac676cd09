//! Le contenu de `mesures.json` : tout ce que `cargo xtask bench` a mesuré, et sur quelle
//! machine. La page et ses figures en sont tirées, et de rien d'autre.

use serde::{Deserialize, Serialize};

/// Une exécution complète de `cargo xtask bench`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resultats {
    /// La date de la mesure (UTC, `AAAA-MM-JJ`).
    pub date: String,
    pub machine: Machine,
    /// Vrai pour une exécution `--rapide` (moins d'échantillons), à ne pas publier.
    pub rapide: bool,
    pub en_memoire: EnMemoire,
    pub demarrage_a_froid: Option<DemarrageAFroid>,
    /// Les paquets arm64 des deux fonctions, et d'où viennent leurs `bootstrap`.
    pub tailles: Vec<Taille>,
    pub tailles_origine: String,
    pub charge: Option<Charge>,
    pub boucle: Option<Boucle>,
    /// Ce qu'a pris chaque étape de la commande elle-même, constructions comprises.
    pub etapes: Vec<Etape>,
}

/// La machine de la mesure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Machine {
    pub processeur: String,
    pub coeurs: u32,
    pub memoire_gio: f64,
    pub systeme: String,
    pub rustc: String,
    pub python: String,
}

/// Le coût d'une invocation, sans le réseau, en Rust et en Python.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnMemoire {
    pub rust: Vec<Invocation>,
    pub python: Vec<Invocation>,
}

/// Une route mesurée en mémoire : l'invocation complète et la seule lecture de l'événement
/// (`lambda_http::request::from_str` en Rust, `json.loads` en Python), en médianes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Invocation {
    /// La clé de la route (`obtenir-produit`…), voir [`crate::evenements::Route::cle`].
    pub route: String,
    /// La taille de l'événement JSON, en octets.
    pub evenement_octets: u64,
    pub mediane_ns: f64,
    pub lecture_mediane_ns: f64,
}

/// Du lancement du processus à la première réponse, par une API Runtime locale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemarrageAFroid {
    /// La requête de la première invocation, et ce qu'elle fait du magasin.
    pub premiere_requete: String,
    pub rust: Demarrages,
    pub python: Demarrages,
}

/// Les démarrages d'un runtime.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Demarrages {
    /// Ce qui a été lancé (binaire, ou interpréteur et bibliothèques avec leurs versions).
    pub programme: String,
    /// Chaque démarrage, en millisecondes, dans l'ordre.
    pub durees_ms: Vec<f64>,
    /// Le pic de mémoire résidente (`VmHWM`) de chaque démarrage, en Kio.
    pub memoire_max_kio: Vec<u64>,
}

/// Le paquet de déploiement d'une fonction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Taille {
    pub fonction: String,
    pub binaire_octets: u64,
    pub zip_octets: u64,
}

/// La passerelle locale sous charge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Charge {
    /// Le générateur de charge et sa version.
    pub outil: String,
    pub sans_limitation: Debit,
    pub limitee: Limitation,
}

/// Autant de requêtes que possible, limitation levée.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Debit {
    pub connexions: u32,
    pub duree_s: f64,
    pub requetes: u64,
    pub requetes_par_s: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
    /// Les réponses qui n'étaient pas 200, et les requêtes sans réponse (aucune attendue).
    pub autres_statuts: u64,
}

/// Un débit offert au double de la limite de l'étape : la part de 429, puis ce que font les
/// nouvelles tentatives du chapitre 05.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Limitation {
    /// La limite de l'étape (`MethodSettings` de `template.yaml`).
    pub debit_limite: f64,
    pub rafale: u64,
    pub offert_par_s: f64,
    pub duree_s: f64,
    pub envoyees: u64,
    pub refusees_429: u64,
    /// Les 429 qu'un seau à jetons exact refuserait pour ce débit et cette durée.
    pub refusees_attendues: u64,
    /// Avec `PolitiqueDeNouvelleTentative::default()` : requêtes finalement servies,
    /// abandonnées après la dernière tentative, et tentatives envoyées en tout.
    pub avec_nouvelles_tentatives: Tentatives,
}

/// Le bilan d'un client qui réessaie.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tentatives {
    pub requetes: u64,
    pub servies: u64,
    pub abandonnees: u64,
    pub tentatives: u64,
}

/// La boucle de l'étudiant : compiler et tester un atelier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Boucle {
    /// Le premier `cargo test -p lab-03-integration-proxy` après la construction de l'espace
    /// de travail, et le nombre de crates qu'il a compilées.
    pub premier_test_s: f64,
    pub premier_test_crates: u32,
    /// Après `touch src/lib.rs` : `cargo test -p lab-NN-…`, compilation et tests compris.
    pub ateliers: Vec<BoucleAtelier>,
}

/// Les essais d'un atelier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoucleAtelier {
    pub paquet: String,
    pub durees_s: Vec<f64>,
    /// Les crates que cargo a compilées à chaque essai (l'atelier lui-même compris) ; vide
    /// dans un `mesures.json` écrit avant qu'on les compte.
    #[serde(default)]
    pub crates_compilees: Vec<u32>,
}

/// Une étape de la commande et sa durée.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Etape {
    pub nom: String,
    pub duree_s: f64,
    /// La voie (1 ou 2) d'une étape menée en même temps qu'une autre : sa durée est déjà
    /// comptée dans l'étape qui englobe les deux voies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voie: Option<u8>,
}

impl Etape {
    /// Lit `nom=secondes`, ou `N:nom=secondes` pour une étape de la voie N.
    pub fn lire(texte: &str) -> Result<Etape, String> {
        let (tete, secondes) = texte
            .rsplit_once('=')
            .ok_or_else(|| format!("--etape {texte} : attendu [voie:]nom=secondes"))?;
        let duree_s = secondes
            .parse()
            .map_err(|_| format!("--etape {texte} : durée illisible"))?;
        let (voie, nom) = match tete.split_once(':') {
            Some((voie, nom)) if voie.parse::<u8>().is_ok() => (voie.parse().ok(), nom),
            _ => (None, tete),
        };
        Ok(Etape {
            nom: nom.to_string(),
            duree_s,
            voie,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn une_etape_se_lit_avec_ou_sans_sa_voie() {
        let etape = Etape::lire("2:bootstrap arm64=12.5").expect("étape lisible");
        assert_eq!(
            (etape.nom.as_str(), etape.voie),
            ("bootstrap arm64", Some(2))
        );
        assert_eq!(Etape::lire("mesure=3").expect("étape lisible").voie, None);
        assert!(Etape::lire("mesure").is_err() && Etape::lire("mesure=vite").is_err());
    }
}
