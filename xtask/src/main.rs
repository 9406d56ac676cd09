//! Les commandes du cours, lancées par `cargo xtask <commande>` :
//!
//! - `serve` : installe mdBook si besoin, construit le livre et le sert sur http://127.0.0.1:3000 ;
//! - `test` : tout vérifier (format, pages, clippy, tests, contrat des ateliers, gabarits, livre et
//!   son rendu) ; `test --complet`, ce que lance la CI, y ajoute 100 000 événements au hasard
//!   contre l'API Produits et `sam build` ;
//! - `watch NN` : relance les tests d'un atelier à chaque enregistrement, montre le premier échec ;
//! - `progress` : l'état de chaque atelier pour un étudiant (`--json` pour les correcteurs) ;
//! - `api` : l'API Produits derrière la passerelle locale (l'API Gateway de `template.yaml`) ;
//! - `pages` : vérifie qu'aucune page, hors corrigé, ne donne la solution d'un atelier ;
//! - `livre` : construit le livre et vérifie son rendu dans Chromium ;
//! - `figures` : redessine les figures SVG du livre à partir du code des solutions ;
//! - `jeton` : un JWT de test pour le mécanisme d'autorisation du chapitre 07 ;
//! - `construire` : `sam build` des deux fonctions de `template.yaml` pour Lambda arm64 ;
//! - `bench` : mesure l'API face à la même API en Python et réécrit l'annexe « Mesures » du livre.

mod api;
mod ateliers;
mod console;
mod construction;
mod contrat;
mod devoilement;
mod essai_local;
mod figures;
mod gabarits;
mod jeton;
mod livre;
mod mesures;
mod outils;
mod progression;
mod rendu;
mod surveillance;
mod verification;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Les commandes du cours « Module 4 — API et serverless en Rust »"
)]
struct Cli {
    #[command(subcommand)]
    commande: Commande,
}

#[derive(Subcommand)]
enum Commande {
    /// Construit le livre et le sert sur http://127.0.0.1:3000 (installe mdBook si besoin).
    Serve {
        /// Port d'écoute.
        #[arg(long, default_value_t = 3000)]
        port: u16,
    },
    /// Vérifie tout : format, pages, clippy, tests, contrat des ateliers, gabarits, livre et rendu.
    Test {
        /// Ce que lance la CI : en plus, les propriétés de l'API Produits sur 100 000 événements
        /// tirés au hasard, et `sam build` des deux fonctions pour Lambda arm64 (environ
        /// 20 min de plus la première fois).
        #[arg(long)]
        complet: bool,
    },
    /// Relance les tests d'un atelier à chaque enregistrement et montre le premier échec.
    Watch {
        /// Le numéro de l'atelier : 03, ou son dossier : 03-integration-proxy.
        atelier: String,
    },
    /// Affiche l'état de chaque atelier : réussi, N tests en échec, ou pas commencé.
    Progress {
        /// Sortie JSON, pour les correcteurs.
        #[arg(long)]
        json: bool,
    },
    /// Vérifie qu'aucune page, hors corrigé, ne montre une fonction qu'un atelier fait écrire.
    Pages,
    /// Construit le livre et vérifie son rendu dans Chromium (diagrammes, tableaux, liens).
    Livre,
    /// Imprime un JWT de test, accepté par le mécanisme d'autorisation du chapitre 07 en local
    /// (ou, avec --cle-privee, signé par votre clé ; avec --jwks, le JWKS de cette clé).
    Jeton {
        /// Une portée accordée (répétable, ou plusieurs séparées par des espaces).
        #[arg(long = "scope")]
        portees: Vec<String>,
        /// Le sujet (`sub`) du jeton.
        #[arg(long, default_value = "etudiant-1")]
        sub: String,
        /// La durée de validité, en secondes.
        #[arg(long = "expire-dans", default_value_t = 3600)]
        expire_dans: u64,
        /// Votre clé privée RSA (PEM), au lieu de la clé de test du dépôt (chapitre 09, page 9.6).
        #[arg(long = "cle-privee")]
        cle_privee: Option<String>,
        /// L'émetteur (`iss`) du jeton signé par votre clé : le JWT_ISSUER de la pile.
        #[arg(long, requires = "cle_privee")]
        iss: Option<String>,
        /// L'audience (`aud`) du jeton signé par votre clé (défaut : api-produits).
        #[arg(long, requires = "cle_privee")]
        aud: Option<String>,
        /// Le `kid` de votre clé, le même dans le jeton et dans le JWKS (défaut : cle-produits-1).
        #[arg(long, requires = "cle_privee")]
        kid: Option<String>,
        /// Imprime le JWKS de votre clé (à publier en https) au lieu d'un jeton.
        #[arg(long, requires = "cle_privee")]
        jwks: bool,
    },
    /// Lance l'API Produits derrière la passerelle locale, l'API Gateway de template.yaml.
    Api {
        /// Les options de la passerelle : --port, --parametre Nom=valeur, --cle-api,
        /// --dynamodb, --watch, --sans-limitation, --journal-fonctions.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        options: Vec<String>,
    },
    /// Redessine les figures du livre (SVG) à partir du code des solutions.
    Figures,
    /// Construit les deux fonctions de template.yaml avec `sam build` (Linux arm64, dans
    /// target/sam-build) et vérifie que chaque `bootstrap` est un exécutable aarch64.
    Construire,
    /// Mesure l'API Produits côte à côte avec Python (en mémoire, démarrage à froid, taille,
    /// passerelle sous charge, boucle de l'étudiant) et réécrit l'annexe « Mesures » du livre.
    Bench {
        /// Moins d'échantillons : pour vérifier la commande, pas pour publier.
        #[arg(long)]
        rapide: bool,
    },
}

fn main() -> ExitCode {
    let resultat = match Cli::parse().commande {
        Commande::Serve { port } => livre::servir(port),
        Commande::Test { complet } => verification::tout_verifier(complet),
        Commande::Watch { atelier } => surveillance::surveiller(&atelier),
        Commande::Progress { json } => progression::afficher(json),
        Commande::Pages => devoilement::verifier(),
        Commande::Jeton {
            portees,
            sub,
            expire_dans,
            cle_privee,
            iss,
            aud,
            kid,
            jwks,
        } => jeton::imprimer(&jeton::Options {
            portees,
            sub,
            expire_dans,
            cle_privee,
            iss,
            aud,
            kid,
            jwks,
        }),
        Commande::Api { options } => api::lancer(&options),
        Commande::Livre => rendu::verifier(),
        Commande::Figures => figures::generer(),
        Commande::Construire => construction::construire(),
        Commande::Bench { rapide } => mesures::mesurer(rapide),
    };
    match resultat {
        Ok(()) => ExitCode::SUCCESS,
        Err(echec) => {
            eprintln!("\n✗ {}", echec.message);
            if !echec.conseil.is_empty() {
                eprintln!("  → {}", echec.conseil);
            }
            ExitCode::FAILURE
        }
    }
}
