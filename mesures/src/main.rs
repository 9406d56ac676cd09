//! `mesures` : la mesure complète, dans l'ordre, et la page qui en sort. Lancé par
//! `cargo xtask bench`, qui installe d'abord les outils (awslambdaric et boto3 dans
//! `.outils/venv`, wrk par le système) et construit les binaires `release`.
//!
//! - `mesures mesurer --sortie DOSSIER --python PY --wrk WRK [--rapide] [--etape NOM=S]…` :
//!   tout mesurer, écrire `DOSSIER/mesures.json`, puis la page et ses figures ;
//! - `mesures rendre JSON DOSSIER` : réécrire la page et les figures à partir du JSON seul
//!   (après un changement de mise en page ; `tests/page_commise.rs` vérifie la page commise).

use clap::{Parser, Subcommand};
use mesures::evenements::{self, Route};
use mesures::resultats::{EnMemoire, Etape, Invocation, Resultats};
use mesures::{boucle, charge, froid, graphiques, machine, page, taille};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

#[derive(Parser)]
#[command(
    name = "mesures",
    about = "Les mesures du cours et la page « Mesures » du livre"
)]
struct Cli {
    #[command(subcommand)]
    commande: Commande,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Partie {
    Boucle,
    Memoire,
    Taille,
    Froid,
    Charge,
}

#[derive(Subcommand)]
enum Commande {
    /// Mesure tout, écrit mesures.json, la page et ses figures dans DOSSIER.
    Mesurer {
        #[arg(long)]
        sortie: PathBuf,
        /// L'interpréteur Python de `.outils/venv` (awslambdaric et boto3 installés).
        #[arg(long)]
        python: PathBuf,
        /// Le générateur de charge wrk.
        #[arg(long)]
        wrk: PathBuf,
        /// Le `bootstrap` arm64 d'une fonction, `FONCTION=CHEMIN` (répétable).
        #[arg(long = "arm64")]
        arm64: Vec<String>,
        /// D'où viennent ces `bootstrap`, pour la page.
        #[arg(long)]
        arm64_origine: String,
        /// Moins d'échantillons : pour vérifier la commande, pas pour publier.
        #[arg(long)]
        rapide: bool,
        /// Une étape déjà faite par `cargo xtask bench`, `nom=secondes` (répétable).
        #[arg(long = "etape")]
        etapes: Vec<String>,
        /// Les seules parties à mesurer (mise au point) : la page dit « non mesuré » des autres.
        #[arg(long = "seulement", value_enum)]
        seulement: Vec<Partie>,
    },
    /// Réécrit la page et les figures à partir de JSON, dans DOSSIER.
    Rendre { json: PathBuf, dossier: PathBuf },
    /// Écrit les événements mesurés et les produits du magasin dans DOSSIER (pour lancer
    /// `python/en_memoire.py` à la main).
    Evenements { dossier: PathBuf },
}

fn main() -> ExitCode {
    let resultat = match Cli::parse().commande {
        Commande::Rendre { json, dossier } => std::fs::read_to_string(&json)
            .map_err(|e| format!("{} illisible ({e})", json.display()))
            .and_then(|texte| {
                serde_json::from_str::<Resultats>(&texte)
                    .map_err(|e| format!("{} : {e}", json.display()))
            })
            .and_then(|resultats| ecrire_page(&resultats, &dossier)),
        Commande::Evenements { dossier } => ecrire_evenements(&dossier),
        Commande::Mesurer {
            sortie,
            python,
            wrk,
            arm64,
            arm64_origine,
            rapide,
            etapes,
            seulement,
        } => mesurer(&Parametres {
            sortie,
            python,
            wrk,
            arm64,
            arm64_origine,
            rapide,
            etapes,
            seulement,
        }),
    };
    match resultat {
        Ok(()) => ExitCode::SUCCESS,
        Err(erreur) => {
            eprintln!("✗ {erreur}");
            ExitCode::FAILURE
        }
    }
}

struct Parametres {
    sortie: PathBuf,
    python: PathBuf,
    wrk: PathBuf,
    arm64: Vec<String>,
    arm64_origine: String,
    rapide: bool,
    etapes: Vec<String>,
    seulement: Vec<Partie>,
}

impl Parametres {
    fn mesure(&self, partie: Partie) -> bool {
        self.seulement.is_empty() || self.seulement.contains(&partie)
    }
}

/// La page (`README.md`) et ses figures (`figures/*.svg`) dans `dossier`.
fn ecrire_page(resultats: &Resultats, dossier: &Path) -> Result<(), String> {
    let figures = dossier.join("figures");
    std::fs::create_dir_all(&figures).map_err(|e| format!("{} : {e}", figures.display()))?;
    let ecrire = |chemin: PathBuf, texte: &str| {
        std::fs::write(&chemin, texte).map_err(|e| format!("{} : {e}", chemin.display()))
    };
    ecrire(dossier.join(page::FICHIER), &page::rendre(resultats))?;
    for (nom, svg) in graphiques::dessiner(resultats)? {
        ecrire(figures.join(nom), &svg)?;
    }
    Ok(())
}

/// La racine du dépôt : celle du `Cargo.toml` de l'espace de travail.
fn racine() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("mesures/ est dans le dépôt")
        .to_path_buf()
}

/// Chronomètre une étape, l'annonce, et la range dans `etapes`.
fn etape<T>(
    etapes: &mut Vec<Etape>,
    nom: &str,
    travail: impl FnOnce() -> Result<T, String>,
) -> Result<T, String> {
    eprintln!("→ {nom}…");
    let debut = Instant::now();
    let resultat = travail().map_err(|e| format!("{nom} : {e}"))?;
    let duree_s = debut.elapsed().as_secs_f64();
    eprintln!("✓ {nom} ({duree_s:.0} s)");
    etapes.push(Etape {
        nom: nom.to_string(),
        duree_s,
        voie: None,
    });
    Ok(resultat)
}

fn mesurer(p: &Parametres) -> Result<(), String> {
    let racine = racine();
    let brut = racine.join("target/mesures");
    let mut etapes: Vec<Etape> = p
        .etapes
        .iter()
        .map(|e| Etape::lire(e))
        .collect::<Result<_, String>>()?;
    let machine = machine::decrire(&p.python);

    // La boucle de l'étudiant d'abord : `cargo xtask bench` a construit les tests de chaque
    // atelier, comme `cargo xtask test` ; viennent ensuite les commandes de l'étudiant.
    let mut boucle = None;
    if p.mesure(Partie::Boucle) {
        let essais = if p.rapide { 1 } else { 5 };
        boucle = Some(etape(&mut etapes, "boucle de l'étudiant", || {
            boucle::mesurer(&racine, essais, |paquet| eprintln!("  {paquet}"))
        })?);
    }

    let mut en_memoire = EnMemoire {
        rust: Vec::new(),
        python: Vec::new(),
    };
    if p.mesure(Partie::Memoire) {
        let dossier_evenements = brut.join("evenements");
        ecrire_evenements(&dossier_evenements)?;
        // criterion écrit ses estimations dans `$CRITERION_HOME`, que `cargo xtask bench` fixe.
        let criterion = std::env::var_os("CRITERION_HOME")
            .map(PathBuf::from)
            .ok_or("CRITERION_HOME n'est pas fixé : lancez la mesure par `cargo xtask bench`")?;
        en_memoire.rust = etape(&mut etapes, "en mémoire : Rust (criterion)", || {
            mesures::en_memoire::mesurer(&criterion, p.rapide)
        })?;
        en_memoire.python = etape(&mut etapes, "en mémoire : Python", || {
            python_en_memoire(&racine, &p.python, &dossier_evenements, p.rapide)
        })?;
    }

    let mut tailles = Vec::new();
    if p.mesure(Partie::Taille) {
        tailles = etape(&mut etapes, "taille des paquets arm64", || {
            std::fs::create_dir_all(brut.join("zip")).map_err(|e| e.to_string())?;
            p.arm64
                .iter()
                .map(|bootstrap| {
                    let (fonction, chemin) = bootstrap
                        .split_once('=')
                        .ok_or_else(|| format!("--arm64 {bootstrap} : attendu FONCTION=CHEMIN"))?;
                    taille::mesurer(
                        &p.python,
                        fonction,
                        Path::new(chemin),
                        &brut.join("zip").join(format!("{fonction}.zip")),
                    )
                })
                .collect::<Result<Vec<_>, _>>()
        })?;
    }

    let executeur = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("runtime tokio ({e})"))?;
    let mut froid = None;
    if p.mesure(Partie::Froid) {
        let demarrages = if p.rapide { 5 } else { 30 };
        froid = Some(etape(&mut etapes, "démarrage à froid", || {
            executeur.block_on(demarrage_a_froid(&racine, &brut, &p.python, demarrages))
        })?);
    }
    let mut charge = None;
    if p.mesure(Partie::Charge) {
        let duree = Duration::from_secs(if p.rapide { 3 } else { 10 });
        charge = Some(etape(&mut etapes, "passerelle sous charge", || {
            executeur.block_on(sous_charge(&racine, &brut, &p.wrk, duree))
        })?);
    }
    drop(executeur);

    let resultats = Resultats {
        date: chrono::Utc::now().format("%Y-%m-%d").to_string(),
        machine,
        rapide: p.rapide,
        en_memoire,
        demarrage_a_froid: froid,
        tailles,
        tailles_origine: p.arm64_origine.clone(),
        charge,
        boucle,
        etapes,
    };
    std::fs::create_dir_all(&p.sortie).map_err(|e| format!("{} : {e}", p.sortie.display()))?;
    let json = serde_json::to_string_pretty(&resultats).map_err(|e| e.to_string())? + "\n";
    let chemin = p.sortie.join("mesures.json");
    std::fs::write(&chemin, json).map_err(|e| format!("{} : {e}", chemin.display()))?;
    ecrire_page(&resultats, &p.sortie)?;
    eprintln!(
        "✓ {} et la page écrits dans {}",
        chemin.display(),
        p.sortie.display()
    );
    Ok(())
}

/// Les événements et les produits, en fichiers : Python lit les mêmes octets que Rust.
fn ecrire_evenements(dossier: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dossier).map_err(|e| format!("{} : {e}", dossier.display()))?;
    let mut fichiers = vec![(
        dossier.join("produits.json"),
        serde_json::to_string(&evenements::produits()).map_err(|e| e.to_string())?,
    )];
    for route in Route::TOUTES {
        fichiers.push((
            dossier.join(format!("{}.json", route.cle())),
            route.evenement(),
        ));
    }
    for (chemin, texte) in fichiers {
        std::fs::write(&chemin, texte).map_err(|e| format!("{} : {e}", chemin.display()))?;
    }
    Ok(())
}

/// Le script `python/en_memoire.py` sur les mêmes événements.
fn python_en_memoire(
    racine: &Path,
    python: &Path,
    evenements: &Path,
    rapide: bool,
) -> Result<Vec<Invocation>, String> {
    let (series, iterations) = if rapide {
        ("20", "200")
    } else {
        ("100", "1000")
    };
    let sortie = Command::new(python)
        .arg(racine.join("mesures/python/en_memoire.py"))
        .arg(evenements)
        .args([series, iterations])
        .current_dir(racine.join("mesures/python"))
        .output()
        .map_err(|e| format!("{} ne démarre pas ({e})", python.display()))?;
    if !sortie.status.success() {
        return Err(String::from_utf8_lossy(&sortie.stderr).into_owned());
    }
    serde_json::from_slice(&sortie.stdout).map_err(|e| format!("sortie de en_memoire.py : {e}"))
}

/// Les versions de ce que lance la fonction Python.
fn versions_python(python: &Path) -> String {
    let script = "import sys\nfrom importlib.metadata import version\n\
        print(f\"Python {sys.version.split()[0]}, awslambdaric {version('awslambdaric')}, boto3 {version('boto3')}\")";
    Command::new(python)
        .args(["-c", script])
        .output()
        .ok()
        .map(|s| String::from_utf8_lossy(&s.stdout).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Python (versions illisibles)".to_string())
}

async fn demarrage_a_froid(
    racine: &Path,
    brut: &Path,
    python: &Path,
    nombre: usize,
) -> Result<mesures::resultats::DemarrageAFroid, String> {
    use solution_09_api_produits::dynalite::{Dynalite, creer_table};
    let dynalite = Dynalite::demarrer()?;
    creer_table(&dynalite.client(), froid::TABLE).await?;
    let environnement = froid::environnement(&dynalite.point_d_acces());
    let binaire = racine.join("target/release/api-produits");
    let rust = froid::Fonction {
        motif: binaire.display().to_string(),
        executable: binaire,
        environnement: environnement.clone(),
        programme: "`target/release/api-produits` (x86_64, profil `release` du dépôt)".to_string(),
    };
    let code = racine.join("mesures/python");
    let mut environnement_python = environnement;
    environnement_python.insert("PYTHONPATH".into(), code.display().to_string());
    let python = froid::Fonction {
        executable: froid::bootstrap_python(&brut.join("python-bootstrap"), python, &code)?,
        environnement: environnement_python,
        motif: "awslambdaric".to_string(),
        programme: format!(
            "{} (`mesures/python/api_produits.py`)",
            versions_python(python)
        ),
    };
    // Un démarrage de chaque pour chauffer les caches du système (fichiers, bibliothèques).
    froid::mesurer(&rust, 1).await?;
    froid::mesurer(&python, 1).await?;
    Ok(mesures::resultats::DemarrageAFroid {
        premiere_requete: froid::PREMIERE_REQUETE.to_string(),
        rust: froid::mesurer(&rust, nombre).await?,
        python: froid::mesurer(&python, nombre).await?,
    })
}

async fn sous_charge(
    racine: &Path,
    brut: &Path,
    wrk: &Path,
    duree: Duration,
) -> Result<mesures::resultats::Charge, String> {
    let gabarit = racine.join("template.yaml");
    let binaires = racine.join("target/release");
    let script = brut.join("rapport.lua");
    std::fs::write(&script, charge::RAPPORT_WRK)
        .map_err(|e| format!("{} : {e}", script.display()))?;
    // `wrk -v` écrit « wrk 4.1.0 [epoll] Copyright … » : on garde le nom et la version.
    let version = Command::new(wrk)
        .arg("-v")
        .output()
        .ok()
        .and_then(|s| {
            let texte = String::from_utf8_lossy(&s.stdout).into_owned();
            let mots: Vec<&str> = texte.split_whitespace().take(2).collect();
            (mots.len() == 2).then(|| mots.join(" "))
        })
        .unwrap_or_else(|| "wrk".to_string());

    let libre = charge::demarrer(&gabarit, &binaires, true).await?;
    let url = libre.url();
    let cible = tokio::task::spawn_blocking(move || charge::creer_un_produit(&url))
        .await
        .map_err(|e| e.to_string())??;
    let wrk = wrk.to_path_buf();
    let sans_limitation =
        tokio::task::spawn_blocking(move || charge::wrk(&wrk, &script, &cible, 4, duree))
            .await
            .map_err(|e| e.to_string())??;
    drop(libre);

    let limitee = charge::demarrer(&gabarit, &binaires, false).await?;
    let url = limitee.url();
    let limitation = tokio::task::spawn_blocking(move || {
        let cible = charge::creer_un_produit(&url)?;
        Ok::<_, String>(charge::au_double_de_la_limite(&cible, duree))
    })
    .await
    .map_err(|e| e.to_string())??;
    drop(limitee);
    Ok(mesures::resultats::Charge {
        outil: format!("`{version}`"),
        sans_limitation,
        limitee: limitation,
    })
}
