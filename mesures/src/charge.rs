//! La passerelle locale sous charge : la passerelle du cours ([`passerelle::Passerelle`]) sur
//! 127.0.0.1, devant les binaires `release` des fonctions, et `GET /produits/{id}`.
//!
//! - Limitation levée : le générateur de charge wrk, autant de requêtes que possible.
//! - Au double de la limite de l'étape : notre propre client, à intervalles réguliers, pour
//!   compter les 429 ; puis le même client avec la politique de nouvelle tentative du
//!   chapitre 05 ([`PolitiqueDeNouvelleTentative`]).

use crate::resultats::{Debit, Limitation, Tentatives};
use passerelle::horloge::HorlogeSysteme;
use passerelle::{Options, Passerelle, parametres_du_jeton_local};
use solution_05_limitation_debit::instant::utc;
use solution_05_limitation_debit::{PolitiqueDeNouvelleTentative, SeauAJetons};
use solution_07_securisation::cles_de_test::{OptionsJeton, jeton_de_test};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// La limite de l'étape dans `template.yaml` (`MethodSettings`) : débit et rafale.
pub const DEBIT_DE_L_ETAPE: f64 = 100.0;
pub const RAFALE_DE_L_ETAPE: u32 = 200;

/// Démarre la passerelle de `template.yaml` devant les binaires de `binaires` (le dossier
/// de `api-produits` et `autorisateur`), sur un port libre.
pub async fn demarrer(
    gabarit: &Path,
    binaires: &Path,
    sans_limitation: bool,
) -> Result<Passerelle, String> {
    let texte = std::fs::read_to_string(gabarit)
        .map_err(|e| format!("{} illisible ({e})", gabarit.display()))?;
    let binaires: BTreeMap<String, PathBuf> = ["api-produits", "autorisateur"]
        .into_iter()
        .map(|nom| (nom.to_string(), binaires.join(nom)))
        .collect();
    Passerelle::demarrer(Options {
        gabarit: texte,
        parametres: Vec::new(),
        parametres_locaux: parametres_du_jeton_local(),
        ressources_locales: Vec::new(),
        environnement_commun: BTreeMap::new(),
        binaires,
        port: 0,
        cle_api: None,
        sans_limitation,
        horloge: Arc::new(HorlogeSysteme),
        sortie: Arc::new(|_| {}),
        delai_integration_max: Duration::from_secs(29),
    })
    .await
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .max_idle_connections(1000)
        .max_idle_connections_per_host(1000)
        .build()
        .into()
}

/// Crée un produit par la passerelle (jeton de test du chapitre 07) ; renvoie l'URL de
/// `GET /produits/{id}`. Appel bloquant.
pub fn creer_un_produit(url: &str) -> Result<String, String> {
    let jeton = jeton_de_test(&OptionsJeton::default());
    let mut reponse = agent()
        .post(&format!("{url}/produits"))
        .header("Authorization", &format!("Bearer {jeton}"))
        .header("Content-Type", "application/json")
        .send(r#"{"nom": "Tapis de yoga", "prix": 24.9}"#)
        .map_err(|e| format!("POST /produits par la passerelle : {e}"))?;
    let statut = reponse.status().as_u16();
    let emplacement = reponse
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let corps = reponse.body_mut().read_to_string().unwrap_or_default();
    match (statut, emplacement) {
        (201, Some(chemin)) => Ok(format!("{url}{chemin}")),
        _ => Err(format!(
            "POST /produits par la passerelle : attendu 201 avec Location, reçu {statut} {corps}"
        )),
    }
}

/// Le script Lua qui fait écrire à wrk son rapport en JSON (`mesures/wrk/rapport.lua`).
pub const RAPPORT_WRK: &str = include_str!("../wrk/rapport.lua");

/// wrk, limitation levée : `connexions` connexions (sur autant de fils, au plus deux) pendant
/// `duree`. `script` est le chemin de [`RAPPORT_WRK`] écrit sur le disque.
pub fn wrk(
    wrk: &Path,
    script: &Path,
    cible: &str,
    connexions: u32,
    duree: Duration,
) -> Result<Debit, String> {
    let sortie = Command::new(wrk)
        .arg("-t")
        .arg(connexions.clamp(1, 2).to_string())
        .arg("-c")
        .arg(connexions.to_string())
        .arg("-d")
        .arg(format!("{}s", duree.as_secs()))
        .arg("-s")
        .arg(script)
        .arg(cible)
        .output()
        .map_err(|e| format!("{} ne démarre pas ({e})", wrk.display()))?;
    if !sortie.status.success() {
        return Err(format!(
            "wrk a échoué : {}",
            String::from_utf8_lossy(&sortie.stderr)
        ));
    }
    lire_wrk(&String::from_utf8_lossy(&sortie.stdout), connexions)
}

/// La ligne JSON de [`RAPPORT_WRK`], la dernière de la sortie de wrk.
pub fn lire_wrk(sortie: &str, connexions: u32) -> Result<Debit, String> {
    #[derive(serde::Deserialize)]
    struct Rapport {
        requetes: u64,
        duree_us: u64,
        p50_us: u64,
        p99_us: u64,
        hors_2xx_3xx: u64,
        connexion: u64,
        lecture: u64,
        ecriture: u64,
        delai: u64,
    }
    let ligne = sortie
        .lines()
        .rev()
        .find(|ligne| ligne.starts_with('{'))
        .ok_or("wrk n'a pas écrit son rapport JSON (script rapport.lua)")?;
    let r: Rapport =
        serde_json::from_str(ligne).map_err(|e| format!("rapport de wrk illisible ({e})"))?;
    if r.duree_us == 0 {
        return Err("rapport de wrk : durée nulle".into());
    }
    let duree_s = r.duree_us as f64 / 1e6;
    Ok(Debit {
        connexions,
        duree_s,
        requetes: r.requetes,
        requetes_par_s: r.requetes as f64 / duree_s,
        p50_ms: r.p50_us as f64 / 1000.0,
        p99_ms: r.p99_us as f64 / 1000.0,
        // Les réponses 4xx/5xx, et les requêtes sans réponse (connexion, lecture, écriture, délai).
        autres_statuts: r.hors_2xx_3xx + r.connexion + r.lecture + r.ecriture + r.delai,
    })
}

/// Les refus qu'un seau exact (débit et rafale de l'étape, plein au départ) oppose à
/// `nombre` requêtes espacées de `1 / offert_par_s` seconde : le seau du chapitre 05.
pub fn refus_attendus(offert_par_s: f64, nombre: u64) -> u64 {
    let mut seau = SeauAJetons::new(DEBIT_DE_L_ETAPE, RAFALE_DE_L_ETAPE);
    let depart = utc(2026, 1, 1, 0, 0, 0);
    (0..nombre)
        .filter(|&rang| {
            let decalage =
                chrono::TimeDelta::nanoseconds((rang as f64 * 1e9 / offert_par_s) as i64);
            !seau.essayer_prendre(depart + decalage)
        })
        .count() as u64
}

/// Un générateur pseudo-aléatoire (xorshift64*), d'une graine fixe : la gigue des nouvelles
/// tentatives, reproductible d'une exécution à l'autre.
fn hasard(graine: u64) -> impl FnMut() -> f64 {
    let mut etat = graine.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    move || {
        etat ^= etat >> 12;
        etat ^= etat << 25;
        etat ^= etat >> 27;
        let tirage = etat.wrapping_mul(0x2545_F491_4F6C_DD1D);
        (tirage >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// `offert_par_s` requêtes par seconde pendant `duree`, à intervalles réguliers, chacune dans
/// son fil ; avec `politique`, une requête refusée (429) est retentée après le délai de la
/// politique. Renvoie le bilan et le nombre de 429 reçus à la première tentative. Bloquant.
pub fn offrir(
    cible: &str,
    offert_par_s: f64,
    duree: Duration,
    politique: Option<PolitiqueDeNouvelleTentative>,
) -> (Tentatives, u64) {
    let agent = agent();
    let nombre = (offert_par_s * duree.as_secs_f64()).round() as u64;
    let servies = Arc::new(AtomicU64::new(0));
    let abandonnees = Arc::new(AtomicU64::new(0));
    let tentatives = Arc::new(AtomicU64::new(0));
    let premiers_refus = Arc::new(AtomicU64::new(0));
    let depart = Instant::now();
    let mut fils = Vec::with_capacity(nombre as usize);
    for rang in 0..nombre {
        let echeance = depart + Duration::from_secs_f64(rang as f64 / offert_par_s);
        if let Some(attente) = echeance.checked_duration_since(Instant::now()) {
            std::thread::sleep(attente);
        }
        let (agent, cible) = (agent.clone(), cible.to_string());
        let compteurs = (
            servies.clone(),
            abandonnees.clone(),
            tentatives.clone(),
            premiers_refus.clone(),
        );
        fils.push(std::thread::spawn(move || {
            let (servies, abandonnees, tentatives, premiers_refus) = compteurs;
            let mut tirage = hasard(rang + 1);
            let mut tentative = 1;
            loop {
                tentatives.fetch_add(1, Ordering::Relaxed);
                let statut = agent
                    .get(&cible)
                    .call()
                    .map(|mut r| {
                        let _ = r.body_mut().read_to_vec();
                        r.status().as_u16()
                    })
                    .unwrap_or(0);
                if statut == 200 {
                    servies.fetch_add(1, Ordering::Relaxed);
                    return;
                }
                if tentative == 1 && statut == 429 {
                    premiers_refus.fetch_add(1, Ordering::Relaxed);
                }
                let delai = (statut == 429)
                    .then_some(politique)
                    .flatten()
                    .and_then(|p| p.delai(tentative, None, &mut tirage));
                match delai {
                    Some(delai) => {
                        std::thread::sleep(delai);
                        tentative += 1;
                    }
                    None => {
                        abandonnees.fetch_add(1, Ordering::Relaxed);
                        return;
                    }
                }
            }
        }));
    }
    for fil in fils {
        let _ = fil.join();
    }
    (
        Tentatives {
            requetes: nombre,
            servies: servies.load(Ordering::Relaxed),
            abandonnees: abandonnees.load(Ordering::Relaxed),
            tentatives: tentatives.load(Ordering::Relaxed),
        },
        premiers_refus.load(Ordering::Relaxed),
    )
}

/// Le bilan au double de la limite : sans puis avec nouvelles tentatives (un seau plein au
/// départ de chacune : on attend qu'il se remplisse entre les deux).
pub fn au_double_de_la_limite(cible: &str, duree: Duration) -> Limitation {
    let offert = 2.0 * DEBIT_DE_L_ETAPE;
    let remplissage =
        Duration::from_secs_f64(f64::from(RAFALE_DE_L_ETAPE) / DEBIT_DE_L_ETAPE + 1.0);
    std::thread::sleep(remplissage);
    let (sans, refus) = offrir(cible, offert, duree, None);
    std::thread::sleep(remplissage);
    let (avec, _) = offrir(
        cible,
        offert,
        duree,
        Some(PolitiqueDeNouvelleTentative::default()),
    );
    Limitation {
        debit_limite: DEBIT_DE_L_ETAPE,
        rafale: u64::from(RAFALE_DE_L_ETAPE),
        offert_par_s: offert,
        duree_s: duree.as_secs_f64(),
        envoyees: sans.requetes,
        refusees_429: refus,
        refusees_attendues: refus_attendus(offert, sans.requetes),
        avec_nouvelles_tentatives: avec,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn au_double_de_la_limite_un_seau_exact_refuse_ce_qui_depasse_la_rafale_et_le_debit() {
        // 2 000 requêtes en 10 s : la rafale (200) et 100 par seconde passent, le reste non.
        let refus = refus_attendus(200.0, 2000);
        assert!(
            (795..=802).contains(&refus),
            "attendu environ 800 refus (2 000 − 200 − 100 × 10), obtenu {refus}"
        );
        assert_eq!(refus_attendus(50.0, 500), 0, "sous la limite, aucun refus");
    }

    #[test]
    fn le_hasard_reste_dans_zero_un_et_se_reproduit() {
        let mut a = hasard(7);
        let mut b = hasard(7);
        for _ in 0..1000 {
            let x = a();
            assert!((0.0..1.0).contains(&x), "tirage hors de [0, 1) : {x}");
            assert_eq!(x, b(), "la même graine doit donner les mêmes tirages");
        }
    }

    #[test]
    fn le_rapport_de_wrk_donne_le_debit_les_centiles_en_ms_et_les_autres_statuts() {
        let sortie = "Running 10s test @ http://127.0.0.1:1/produits/x\n  2 threads and 4 connections\n\
            {\"requetes\": 1000, \"duree_us\": 2000000, \"p50_us\": 1510, \"p99_us\": 3360, \
            \"hors_2xx_3xx\": 10, \"connexion\": 1, \"lecture\": 1, \"ecriture\": 0, \"delai\": 0}\n";
        let debit = lire_wrk(sortie, 4).expect("rapport lisible");
        assert_eq!(debit.requetes, 1000);
        assert!((debit.requetes_par_s - 500.0).abs() < 1e-9);
        assert!((debit.p50_ms - 1.51).abs() < 1e-9 && (debit.p99_ms - 3.36).abs() < 1e-9);
        assert_eq!(
            debit.autres_statuts, 12,
            "10 réponses 4xx/5xx et 2 erreurs de socket"
        );
        assert!(
            lire_wrk("Running 10s test\n", 4).is_err(),
            "sans la ligne JSON"
        );
    }
}
