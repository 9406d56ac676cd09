//! Le coût d'une invocation de l'API Produits en mémoire, sans le réseau, mesuré par
//! criterion : octets de l'événement → l'API complète (observabilité, CORS, erreurs,
//! gestionnaire, magasin en mémoire) → octets de la réponse ; et, à part, la seule lecture de
//! l'événement par `lambda_http::request::from_str`, pour voir où passe le temps.
//!
//! criterion tourne ici dans le binaire `mesures` (compilé en `release`, le profil des
//! fonctions Lambda), et non dans un banc `cargo bench` : une seule construction sert à toutes
//! les mesures. Il écrit ses estimations dans `$CRITERION_HOME` (que `cargo xtask bench`
//! fixe), d'où on relit les médianes.

use crate::evenements::Route;
use crate::invocation::{api_en_memoire, invoquer, statut};
use crate::resultats::Invocation;
use criterion::Criterion;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// Mesure les trois routes, puis relit les médianes dans `dossier` (`$CRITERION_HOME`).
pub fn mesurer(dossier: &Path, rapide: bool) -> Result<Vec<Invocation>, String> {
    let (chauffe, mesure, echantillons) = if rapide { (1, 1, 20) } else { (2, 4, 100) };
    let mut criterion = Criterion::default()
        .warm_up_time(Duration::from_secs(chauffe))
        .measurement_time(Duration::from_secs(mesure))
        .sample_size(echantillons);
    let executeur = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| format!("exécuteur tokio ({e})"))?;
    let mut groupe = criterion.benchmark_group("api");
    for route in Route::TOUTES {
        let evenement = route.evenement();
        // Mesurer une erreur ne vaudrait rien : on vérifie d'abord le statut de la réponse.
        let reponse = executeur.block_on(invoquer(&api_en_memoire(), evenement.as_bytes()))?;
        if statut(&reponse) != Some(route.statut_attendu()) {
            return Err(format!(
                "{} : statut inattendu, la mesure porterait sur une erreur : {}",
                route.libelle(),
                String::from_utf8_lossy(&reponse)
            ));
        }
        // Une API neuve par série d'itérations : POST y range au plus une série de produits.
        groupe.bench_function(route.cle(), |b| {
            b.iter_custom(|iterations| {
                let api = api_en_memoire();
                let debut = Instant::now();
                for _ in 0..iterations {
                    let reponse =
                        executeur.block_on(invoquer(&api, black_box(evenement.as_bytes())));
                    black_box(reponse).expect("l'invocation réussit");
                }
                debut.elapsed()
            })
        });
        groupe.bench_function(format!("lecture-{}", route.cle()), |b| {
            b.iter(|| {
                lambda_http::request::from_str(black_box(&evenement)).expect("événement lisible")
            })
        });
    }
    groupe.finish();
    Route::TOUTES
        .iter()
        .map(|route| {
            Ok(Invocation {
                route: route.cle().to_string(),
                evenement_octets: route.evenement().len() as u64,
                mediane_ns: mediane(dossier, route.cle())?,
                lecture_mediane_ns: mediane(dossier, &format!("lecture-{}", route.cle()))?,
            })
        })
        .collect()
}

/// La médiane que criterion a écrite pour `nom` (`api/NOM/new/estimates.json`), en ns.
fn mediane(dossier: &Path, nom: &str) -> Result<f64, String> {
    let chemin = dossier.join("api").join(nom).join("new/estimates.json");
    let texte = std::fs::read_to_string(&chemin)
        .map_err(|e| format!("{} illisible ({e})", chemin.display()))?;
    let valeur: serde_json::Value =
        serde_json::from_str(&texte).map_err(|e| format!("{} : {e}", chemin.display()))?;
    valeur["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| format!("{} : pas de médiane", chemin.display()))
}
