//! `passerelle` : l'API Gateway de `template.yaml` sur 127.0.0.1. Lancé par `cargo xtask api`,
//! qui construit d'abord les deux binaires des fonctions.

use clap::Parser;
use passerelle::horloge::HorlogeSysteme;
use passerelle::journal::{self, Ligne};
use passerelle::{Options, Passerelle, parametres_du_jeton_local};
use solution_07_securisation::cles_de_test::{OptionsJeton, jeton_de_test};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "passerelle",
    about = "L'API Gateway de template.yaml sur 127.0.0.1 : autorisateur, clé d'API, plan \
             d'utilisation, limitation, CORS, réponses de passerelle, journal d'accès"
)]
struct Cli {
    /// Le gabarit SAM.
    #[arg(long, default_value = "template.yaml")]
    gabarit: PathBuf,
    /// Le dossier des binaires des fonctions (`api-produits`, `autorisateur`).
    #[arg(long, default_value = "target/debug")]
    binaires: PathBuf,
    /// Le port d'écoute sur 127.0.0.1.
    #[arg(long, default_value_t = 3001)]
    port: u16,
    /// Un paramètre du gabarit, `Nom=valeur` (répétable), comme `sam deploy --parameter-overrides`.
    #[arg(long = "parametre", value_name = "NOM=VALEUR")]
    parametres: Vec<String>,
    /// La clé d'API du plan d'utilisation (20 à 128 caractères alphanumériques) ; tirée au
    /// hasard sinon.
    #[arg(long = "cle-api")]
    cle_api: Option<String>,
    /// Lève la limitation et les quotas (mesures de charge).
    #[arg(long = "sans-limitation")]
    sans_limitation: bool,
    /// Les tables du gabarit dans dynalite (le serveur DynamoDB local du chapitre 09).
    #[arg(long)]
    dynamodb: bool,
    /// Reconstruit et relance les fonctions quand leur code change.
    #[arg(long)]
    watch: bool,
    /// Écrit les journaux des fonctions dans ce fichier au lieu de la console.
    #[arg(long = "journal-fonctions")]
    journal_fonctions: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("✗ le runtime tokio ne démarre pas ({e})");
            return ExitCode::FAILURE;
        }
    };
    let resultat = runtime.block_on(lancer(cli));
    // Détruire le runtime arrête les processus des fonctions.
    runtime.shutdown_timeout(Duration::from_secs(2));
    match resultat {
        Ok(()) => ExitCode::SUCCESS,
        Err(erreur) => {
            eprintln!("✗ {erreur}");
            ExitCode::FAILURE
        }
    }
}

async fn lancer(cli: Cli) -> Result<(), String> {
    let texte = std::fs::read_to_string(&cli.gabarit)
        .map_err(|e| format!("{} illisible ({e})", cli.gabarit.display()))?;
    let parametres = cli
        .parametres
        .iter()
        .map(|p| {
            p.split_once('=')
                .map(|(n, v)| (n.trim().to_string(), v.to_string()))
                .ok_or_else(|| format!("--parametre {p} : attendu Nom=valeur"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let sortie = journal::console(match &cli.journal_fonctions {
        None => None,
        Some(chemin) => {
            Some(std::fs::File::create(chemin).map_err(|e| format!("{} : {e}", chemin.display()))?)
        }
    });

    // Le gabarit est lu une première fois pour connaître ses tables et ses binaires.
    let apercu =
        passerelle::gabarit::lire_avec(&texte, &parametres_du_jeton_local(), &parametres, &[])?;
    let mut ressources_locales = Vec::new();
    let mut environnement_commun = BTreeMap::new();
    let _dynalite = if cli.dynamodb {
        let serveur = solution_09_api_produits::dynalite::Dynalite::demarrer()?;
        let client = serveur.client();
        for table in &apercu.tables {
            solution_09_api_produits::dynalite::creer_table(&client, table).await?;
            ressources_locales.push((table.clone(), table.clone()));
        }
        environnement_commun.insert("DYNAMODB_ENDPOINT".to_string(), serveur.point_d_acces());
        sortie(Ligne::Info(format!(
            "dynalite : {} (tables {})",
            serveur.point_d_acces(),
            apercu.tables.join(", ")
        )));
        Some(serveur)
    } else {
        None
    };
    let binaires = apercu
        .fonctions
        .values()
        .map(|f| (f.binaire.clone(), cli.binaires.join(&f.binaire)))
        .collect();

    let passerelle = Passerelle::demarrer(Options {
        gabarit: texte,
        parametres,
        parametres_locaux: parametres_du_jeton_local(),
        ressources_locales,
        environnement_commun,
        binaires,
        port: cli.port,
        cle_api: cli.cle_api,
        sans_limitation: cli.sans_limitation,
        horloge: Arc::new(HorlogeSysteme),
        sortie: sortie.clone(),
        delai_integration_max: Duration::from_secs(29),
    })
    .await?;
    annoncer(&passerelle, cli.dynamodb, cli.journal_fonctions.is_some());

    if cli.watch {
        let passerelle = Arc::new(passerelle);
        surveiller(passerelle.clone()).await?;
        Ok(())
    } else {
        attendre_l_arret().await;
        drop(passerelle);
        Ok(())
    }
}

/// Ce que la passerelle imprime à son démarrage.
fn annoncer(passerelle: &Passerelle, dynamodb: bool, journal_a_part: bool) {
    let etat = &passerelle.etat;
    let url = passerelle.url();
    let jeton = jeton_de_test(&OptionsJeton {
        scopes: vec!["produits:ecrire".into(), "produits:supprimer".into()],
        ..OptionsJeton::default()
    });
    let sortie = &etat.sortie;
    let dire = |texte: String| sortie(Ligne::Info(texte));
    dire(format!(
        "\nPasserelle locale de {} (étape {}) : {url}",
        etat.gabarit.api, etat.gabarit.etape
    ));
    dire(format!(
        "Magasin : {}",
        if dynamodb {
            "DynamoDB (dynalite)"
        } else {
            "en mémoire (TABLE_PRODUITS n'a pas de valeur locale)"
        }
    ));
    dire(format!("Clé d'API du plan d'utilisation : {}", etat.cle));
    dire("Paramètres du jeton : la clé de test du chapitre 07 (cargo xtask jeton)".into());
    for (nom, valeur) in parametres_du_jeton_local() {
        dire(format!("  {nom} = {valeur}"));
    }
    dire("\nNon émulé :".into());
    for ligne in &etat.gabarit.non_emules {
        dire(format!("  - {ligne}"));
    }
    for ligne in [
        "  - les limites du compte et de la Région autres que 10 000 requêtes/s et 5 000 de rafale",
        "  - IAM (AWS_IAM, droits des fonctions), politiques de ressource, WAF, mTLS",
        "  - les journaux d'exécution d'API Gateway (LoggingLevel, DataTraceEnabled)",
        "  - la mise à l'échelle de Lambda : un environnement d'exécution par fonction",
        "  - les tailles maximales (10 Mo de charge utile, 10 240 octets d'en-têtes)",
        "  - la casse des noms d'en-têtes (transmis en minuscules à la fonction)",
    ] {
        dire(ligne.into());
    }
    dire(format!(
        "\nÀ coller dans un terminal (jeton valable une heure, portées produits:ecrire et \
         produits:supprimer) :\n\
         URL={url}\n\
         JETON={jeton}\n\
         CLE={cle}\n\
         curl -i \"$URL/produits\"\n\
         curl -i -X POST \"$URL/produits\" -H \"Authorization: Bearer $JETON\" -H 'Content-Type: application/json' -d '{{\"nom\": \"Tapis\", \"prix\": 12.5}}'\n\
         # remplacez <id> par l'id que le POST a renvoyé\n\
         curl -i \"$URL/produits/<id>\"\n\
         curl -i -X DELETE \"$URL/produits/<id>\" -H \"Authorization: Bearer $JETON\" -H \"x-api-key: $CLE\"\n\
         \nUne ligne par requête ; Ctrl+C pour arrêter.\n",
        cle = etat.cle
    ));
    if !journal_a_part {
        dire(
            "Les journaux des fonctions s'affichent ici, préfixés par leur nom ; \
             --journal-fonctions FICHIER les écrit à part.\n"
                .into(),
        );
    }
}

async fn attendre_l_arret() {
    let mut terminer =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async {
            match terminer.as_mut() {
                Some(signal) => { signal.recv().await; }
                None => std::future::pending::<()>().await,
            }
        } => {}
    }
}

/// `--watch` : à chaque modification du code des fonctions, la construction de
/// `cargo xtask api` (mêmes paquets, donc mêmes fonctionnalités et rien à recompiler en
/// trop), puis les fonctions repartent (un nouveau démarrage à froid). Ctrl+C arrête tout, à
/// tout moment, la construction en cours comprise.
async fn surveiller(passerelle: Arc<Passerelle>) -> Result<(), String> {
    use notify::{RecursiveMode, Watcher};
    let (envoi, mut reception) = tokio::sync::mpsc::unbounded_channel();
    let mut observateur =
        notify::recommended_watcher(move |evenement: notify::Result<notify::Event>| {
            if let Ok(evenement) = evenement
                && passerelle::surveillance::est_un_enregistrement(&evenement)
            {
                let _ = envoi.send(());
            }
        })
        .map_err(|e| format!("surveillance des fichiers impossible ({e})"))?;
    for dossier in ["solutions", "labs"] {
        observateur
            .watch(std::path::Path::new(dossier), RecursiveMode::Recursive)
            .map_err(|e| format!("surveillance de {dossier}/ impossible ({e})"))?;
    }
    let dire = |texte: String| (passerelle.etat.sortie)(Ligne::Info(texte));
    dire("Surveillance de solutions/ et labs/ : les fonctions sont reconstruites à chaque enregistrement.".into());
    // Un seul futur d'arrêt pour toute la boucle : un signal reçu pendant l'attente, la
    // pause ou la construction n'est jamais perdu.
    let mut arret = std::pin::pin!(attendre_l_arret());
    loop {
        tokio::select! {
            _ = &mut arret => return Ok(()),
            recu = reception.recv() => {
                if recu.is_none() { return Ok(()); }
            }
        }
        // Un enregistrement touche souvent plusieurs fichiers : on attend le calme.
        tokio::select! {
            _ = &mut arret => return Ok(()),
            _ = tokio::time::sleep(Duration::from_millis(300)) => {}
        }
        while reception.try_recv().is_ok() {}
        dire("Modification détectée : cargo build -p api-produits -p passerelle --bins".into());
        let construction =
            tokio::process::Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
                .args([
                    "build",
                    "-q",
                    "-p",
                    "api-produits",
                    "-p",
                    "passerelle",
                    "--bins",
                ])
                .kill_on_drop(true)
                .spawn();
        let mut construction = match construction {
            Ok(enfant) => enfant,
            Err(e) => {
                dire(format!("cargo ne démarre pas ({e})"));
                continue;
            }
        };
        let statut = tokio::select! {
            // Quitter détruit `construction`, donc arrête cargo.
            _ = &mut arret => return Ok(()),
            statut = construction.wait() => statut,
        };
        match statut {
            Ok(statut) if statut.success() => {
                passerelle.redemarrer_fonctions().await;
                dire("Fonctions relancées (nouveau démarrage à froid).".into());
            }
            Ok(_) => {
                dire("La construction a échoué : les fonctions d'avant restent en place.".into())
            }
            Err(e) => dire(format!("cargo ne répond plus ({e})")),
        }
    }
}
