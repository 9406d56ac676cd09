//! Le coût d'une invocation de l'API Produits en mémoire, sans le réseau : octets de
//! l'événement → l'API complète (observabilité, CORS, erreurs, gestionnaire, magasin en
//! mémoire) → octets de la réponse ; et, à part, la seule lecture de l'événement par
//! `lambda_http::request::from_str`, pour voir où passe le temps.
//!
//! `cargo bench -p mesures` ; `cargo xtask bench` lit les médianes que criterion écrit dans
//! `estimates.json`. Chaque mesure vérifie d'abord le statut de la réponse : mesurer une erreur
//! ne vaudrait rien.

use criterion::{Criterion, criterion_group, criterion_main};
use mesures::evenements::Route;
use mesures::invocation::{api_en_memoire, invoquer, statut};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn api(c: &mut Criterion) {
    let executeur = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("un exécuteur tokio");
    let mut groupe = c.benchmark_group("api");
    for route in Route::TOUTES {
        let evenement = route.evenement();
        let reponse = executeur
            .block_on(invoquer(&api_en_memoire(), evenement.as_bytes()))
            .expect("l'invocation réussit");
        assert_eq!(
            statut(&reponse),
            Some(route.statut_attendu()),
            "{} : statut inattendu, la mesure porterait sur une erreur : {}",
            route.libelle(),
            String::from_utf8_lossy(&reponse)
        );
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
}

fn configuration() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(4))
}

criterion_group! {
    name = mesures;
    config = configuration();
    targets = api
}
criterion_main!(mesures);
