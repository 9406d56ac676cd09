//! Tests de notation de l'atelier 05 (partagés avec la solution : ne les modifiez pas).
//!
//! Ils sont rangés par étape, dans l'ordre du travail (`etape_1_…` à `etape_8_…`) : `cargo test`
//! affiche les échecs dans l'ordre alphabétique, donc le premier échec affiché est celui de la
//! prochaine fonction à écrire. Aucun test n'attend : le temps est injecté, chaque instant est
//! écrit à la main, et une heure d'inactivité se simule en une ligne.

use crate::configuration::{Appel, Configuration, Decision, Limite, PlanUtilisation, Refus};
use crate::instant::{Instant, UN_JETON, plus_nanos, plus_secondes, utc};
use crate::limiteur::Limiteur;
use crate::nouvelle_tentative::PolitiqueDeNouvelleTentative;
use crate::quota::{CompteurQuota, Periode, Quota};
use crate::seau::SeauAJetons;
use std::time::Duration;

const PAGE_SEAU: &str = "chapitre 05, page « 5.3 Le seau à jetons » (seau.md)";
const PAGE_NIVEAUX: &str = "chapitre 05, page « 5.2 Les niveaux de limitation » (niveaux.md)";
const PAGE_PLAN: &str =
    "chapitre 05, page « 5.2 (suite) Plans d'utilisation, clés et quotas » (plan-utilisation.md)";
const PAGE_429: &str = "chapitre 05, page « 5.4 La réponse 429 » (reponse-429.md)";
const PAGE_REESSAYER: &str = "chapitre 05, page « 5.5 Réessayer sans aggraver » (reessayer.md)";

/// L'instant zéro des tests : un lundi, 9 h UTC.
fn t0() -> Instant {
    utc(2026, 3, 9, 9, 0, 0)
}

fn jetons(nombre: u64) -> u64 {
    nombre * UN_JETON
}

/// Offre `nombre` requêtes au même instant ; renvoie combien sont acceptées.
fn rafale(seau: &mut SeauAJetons, instant: Instant, nombre: usize) -> usize {
    (0..nombre)
        .filter(|_| seau.essayer_prendre(instant))
        .count()
}

mod etape_1_remplir_le_seau {
    use super::*;

    #[test]
    fn un_seau_neuf_est_plein() {
        let seau = SeauAJetons::new(100.0, 200);
        assert_eq!(
            seau.niveau(t0()),
            jetons(200),
            "un seau neuf de rafale 200 devrait contenir 200 jetons, soit 200 × UN_JETON \
             milliardièmes ({PAGE_SEAU})"
        );
    }

    #[test]
    fn un_seau_vide_gagne_debit_jetons_par_seconde() {
        let seau = SeauAJetons::vide_a(100.0, 200, t0());
        for (secondes, attendu) in [
            (0.0, 0),
            (0.01, jetons(1)),
            (0.5, jetons(50)),
            (1.0, jetons(100)),
        ] {
            let obtenu = seau.niveau(plus_secondes(t0(), secondes));
            assert_eq!(
                obtenu,
                attendu,
                "un seau vide de débit 100 devrait contenir {} jetons après {secondes} s, \
                 obtenu {} milliardièmes ({PAGE_SEAU})",
                attendu / UN_JETON,
                obtenu
            );
        }
    }

    #[test]
    fn un_seau_vide_gagne_des_fractions_de_jeton_a_un_debit_fractionnaire() {
        let lent = SeauAJetons::vide_a(0.5, 1, t0());
        assert_eq!(
            lent.niveau(plus_secondes(t0(), 1.0)),
            UN_JETON / 2,
            "au débit 0,5, une seconde donne un demi-jeton ({PAGE_SEAU})"
        );
        assert_eq!(
            lent.niveau(plus_secondes(t0(), 2.0)),
            UN_JETON,
            "au débit 0,5, deux secondes donnent un jeton ({PAGE_SEAU})"
        );
        let moyen = SeauAJetons::vide_a(2.5, 10, t0());
        assert_eq!(
            moyen.niveau(plus_secondes(t0(), 0.4)),
            UN_JETON,
            "au débit 2,5, 0,4 s donnent exactement un jeton ({PAGE_SEAU})"
        );
    }

    #[test]
    fn un_seau_vide_inactif_ne_depasse_jamais_la_rafale() {
        let seau = SeauAJetons::vide_a(100.0, 200, t0());
        let une_heure = plus_secondes(t0(), 3600.0);
        assert_eq!(
            seau.niveau(une_heure),
            jetons(200),
            "après une heure d'inactivité, un seau de rafale 200 contient 200 jetons, pas \
             100 × 3 600 : la rafale est la capacité du seau ({PAGE_SEAU})"
        );
        let rapide = SeauAJetons::vide_a(10_000.0, 5_000, t0());
        let trois_siecles = utc(2326, 3, 9, 9, 0, 0);
        assert_eq!(
            rapide.niveau(trois_siecles),
            jetons(5_000),
            "même après 300 ans (plus de nanosecondes qu'un i64 n'en compte), le niveau est \
             borné par la rafale, sans débordement ni panique ({PAGE_SEAU})"
        );
    }

    #[test]
    fn un_seau_vide_ne_se_remplit_pas_quand_l_horloge_recule() {
        let seau = SeauAJetons::vide_a(100.0, 200, t0());
        let plus_tard = plus_secondes(t0(), 0.3);
        assert_eq!(seau.niveau(plus_tard), seau.niveau(plus_tard));
        assert_eq!(
            seau.niveau(plus_secondes(t0(), -5.0)),
            0,
            "un instant antérieur au dernier (une horloge qui recule) ne doit ajouter aucun \
             jeton : le temps écoulé est compté comme nul ({PAGE_SEAU})"
        );
    }
}

mod etape_2_prendre_un_jeton {
    use super::*;

    #[test]
    fn la_rafale_de_200_passe_puis_la_201e_est_refusee() {
        let mut seau = SeauAJetons::new(100.0, 200);
        let acceptees = rafale(&mut seau, t0(), 200);
        assert_eq!(
            acceptees, 200,
            "un seau neuf de rafale 200 accepte 200 requêtes arrivées au même instant, \
             obtenu {acceptees} ({PAGE_SEAU})"
        );
        assert!(
            !seau.essayer_prendre(t0()),
            "la 201e requête du même instant devrait être refusée : le seau est vide ({PAGE_SEAU})"
        );
    }

    #[test]
    fn trois_cents_requetes_par_seconde_pendant_dix_secondes_en_donnent_1200() {
        let mut seau = SeauAJetons::new(100.0, 200);
        // 300 requêtes par seconde, régulièrement espacées, de t = 0 à t = 10 s compris.
        let acceptees = (0..=3000_i64)
            .filter(|k| seau.essayer_prendre(plus_nanos(t0(), k * 10_000_000_000 / 3000)))
            .count();
        assert_eq!(
            acceptees,
            200 + 100 * 10,
            "300 requêtes par seconde pendant 10 s contre un débit de 100 et une rafale de 200 : \
             attendu exactement la rafale plus 100 par seconde, 1 200, obtenu {acceptees}. \
             Un écart d'une requête vient d'un arrondi : comptez les jetons en milliardièmes \
             (des entiers, UN_JETON), pas en f64 ({PAGE_SEAU})"
        );
    }

    #[test]
    fn un_seau_vide_accepte_au_rythme_du_debit() {
        let mut seau = SeauAJetons::vide_a(100.0, 200, t0());
        // Une requête par milliseconde pendant une seconde.
        let acceptees = (1..=1000_i64)
            .filter(|ms| seau.essayer_prendre(plus_nanos(t0(), ms * 1_000_000)))
            .count();
        assert_eq!(
            acceptees, 100,
            "un seau vide de débit 100 accepte 100 requêtes en une seconde, une toutes les \
             10 ms, obtenu {acceptees} ({PAGE_SEAU})"
        );
    }

    #[test]
    fn un_debit_de_0_5_accepte_une_requete_toutes_les_deux_secondes() {
        let mut seau = SeauAJetons::new(0.5, 1);
        let acceptees: Vec<f64> = (0..=20)
            .map(|i| f64::from(i) * 0.5)
            .filter(|&t| seau.essayer_prendre(plus_secondes(t0(), t)))
            .collect();
        assert_eq!(
            acceptees,
            vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0],
            "débit 0,5 et rafale 1, une requête toutes les 0,5 s : attendu une acceptée toutes \
             les deux secondes ({PAGE_SEAU})"
        );
    }

    #[test]
    fn la_rafale_reste_bornee_apres_une_heure_d_inactivite() {
        let mut seau = SeauAJetons::new(100.0, 200);
        rafale(&mut seau, t0(), 200);
        let acceptees = rafale(&mut seau, plus_secondes(t0(), 3600.0), 1000);
        assert_eq!(
            acceptees, 200,
            "après une heure sans requête, 1 000 requêtes simultanées : attendu 200 acceptées \
             (la rafale), obtenu {acceptees} ({PAGE_SEAU})"
        );
    }

    #[test]
    fn une_horloge_qui_recule_ne_donne_pas_de_jetons() {
        let mut seau = SeauAJetons::new(1.0, 1);
        assert!(seau.essayer_prendre(t0()));
        assert!(
            !seau.essayer_prendre(plus_secondes(t0(), -10.0)),
            "un instant antérieur ne remplit pas le seau ({PAGE_SEAU})"
        );
        assert!(
            !seau.essayer_prendre(plus_secondes(t0(), 0.5)),
            "0,5 s après la dernière requête acceptée, au débit 1, le seau n'a qu'un demi-jeton : \
             un instant passé ne doit pas faire reculer `dernier` ({PAGE_SEAU})"
        );
        assert!(
            seau.essayer_prendre(plus_secondes(t0(), 1.0)),
            "une seconde après, au débit 1, un jeton est revenu ({PAGE_SEAU})"
        );
    }
}

mod etape_3_debut_de_periode {
    use super::*;

    #[track_caller]
    fn verifier(quota: Quota, instant: Instant, attendu: Instant) {
        let obtenu = quota.debut_de_periode(instant);
        assert_eq!(
            obtenu,
            attendu,
            "quota {:?} de décalage {} : la période qui contient {instant} commence le \
             {attendu}, obtenu {obtenu} ({PAGE_PLAN})",
            quota.periode(),
            quota.decalage()
        );
    }

    #[test]
    fn un_quota_journalier_commence_a_minuit_utc() {
        let quota = Quota::new(1000, Periode::Jour, 0).unwrap();
        verifier(quota, utc(2026, 3, 8, 23, 59, 59), utc(2026, 3, 8, 0, 0, 0));
        verifier(quota, utc(2026, 3, 9, 0, 0, 0), utc(2026, 3, 9, 0, 0, 0));
        verifier(quota, utc(2026, 3, 9, 17, 30, 0), utc(2026, 3, 9, 0, 0, 0));
    }

    #[test]
    fn une_semaine_de_decalage_0_commence_le_dimanche() {
        let quota = Quota::new(1000, Periode::Semaine, 0).unwrap();
        // Le samedi 7 mars 2026, le dimanche 8, le lundi 9.
        verifier(quota, utc(2026, 3, 7, 23, 59, 59), utc(2026, 3, 1, 0, 0, 0));
        verifier(quota, utc(2026, 3, 8, 0, 0, 0), utc(2026, 3, 8, 0, 0, 0));
        verifier(quota, utc(2026, 3, 9, 12, 0, 0), utc(2026, 3, 8, 0, 0, 0));
    }

    #[test]
    fn une_semaine_de_decalage_1_commence_le_lundi() {
        let quota = Quota::new(1000, Periode::Semaine, 1).unwrap();
        verifier(quota, utc(2026, 3, 8, 12, 0, 0), utc(2026, 3, 2, 0, 0, 0));
        verifier(quota, utc(2026, 3, 9, 0, 0, 0), utc(2026, 3, 9, 0, 0, 0));
        // Le samedi 3 janvier 2026 : la semaine a commencé le lundi 29 décembre 2025.
        verifier(quota, utc(2026, 1, 3, 8, 0, 0), utc(2025, 12, 29, 0, 0, 0));
    }

    #[test]
    fn un_mois_de_decalage_0_commence_le_premier() {
        let quota = Quota::new(1000, Periode::Mois, 0).unwrap();
        verifier(
            quota,
            utc(2027, 2, 28, 23, 59, 59),
            utc(2027, 2, 1, 0, 0, 0),
        );
        verifier(quota, utc(2027, 3, 1, 0, 0, 0), utc(2027, 3, 1, 0, 0, 0));
        verifier(quota, utc(2028, 2, 29, 12, 0, 0), utc(2028, 2, 1, 0, 0, 0));
        verifier(
            quota,
            utc(2026, 12, 31, 23, 0, 0),
            utc(2026, 12, 1, 0, 0, 0),
        );
        verifier(quota, utc(2027, 1, 1, 0, 0, 0), utc(2027, 1, 1, 0, 0, 0));
    }

    #[test]
    fn un_mois_decale_traverse_fevrier_et_le_changement_d_annee() {
        // Décalage 27 : la période commence le 28 de chaque mois.
        let le_28 = Quota::new(1000, Periode::Mois, 27).unwrap();
        verifier(
            le_28,
            utc(2027, 2, 27, 23, 59, 59),
            utc(2027, 1, 28, 0, 0, 0),
        );
        verifier(le_28, utc(2027, 2, 28, 0, 0, 0), utc(2027, 2, 28, 0, 0, 0));
        verifier(le_28, utc(2027, 3, 27, 12, 0, 0), utc(2027, 2, 28, 0, 0, 0));
        verifier(le_28, utc(2028, 2, 29, 12, 0, 0), utc(2028, 2, 28, 0, 0, 0));
        // Décalage 14 : le 15 ; le 10 janvier est dans la période du 15 décembre.
        let le_15 = Quota::new(1000, Periode::Mois, 14).unwrap();
        verifier(le_15, utc(2026, 1, 10, 0, 0, 0), utc(2025, 12, 15, 0, 0, 0));
    }
}

mod etape_4_compter_le_quota {
    use super::*;

    #[test]
    fn un_compteur_s_epuise_apres_limite_requetes() {
        let mut compteur = CompteurQuota::new(Quota::new(3, Periode::Jour, 0).unwrap());
        assert_eq!(
            compteur.restant(t0()),
            3,
            "un compteur neuf a toute sa limite ({PAGE_PLAN})"
        );
        for attendu in [2, 1, 0] {
            compteur.compter(t0());
            assert_eq!(
                compteur.restant(t0()),
                attendu,
                "quota de 3 : attendu {attendu} restantes ({PAGE_PLAN})"
            );
        }
    }

    #[test]
    fn le_compteur_journalier_repart_a_minuit_utc() {
        let mut compteur = CompteurQuota::new(Quota::new(2, Periode::Jour, 0).unwrap());
        let tard = utc(2026, 3, 8, 23, 59, 59);
        compteur.compter(tard);
        compteur.compter(tard);
        assert_eq!(compteur.restant(plus_nanos(tard, 999_999_999)), 0);
        let minuit = utc(2026, 3, 9, 0, 0, 0);
        assert_eq!(
            compteur.restant(minuit),
            2,
            "à minuit UTC, un quota DAY repart de toute sa limite ({PAGE_PLAN})"
        );
        compteur.compter(minuit);
        assert_eq!(
            compteur.restant(minuit),
            1,
            "la première requête de la nouvelle période compte pour 1, pas pour 3 ({PAGE_PLAN})"
        );
    }

    #[test]
    fn le_compteur_hebdomadaire_de_decalage_1_repart_le_lundi() {
        let mut compteur = CompteurQuota::new(Quota::new(5, Periode::Semaine, 1).unwrap());
        for _ in 0..5 {
            compteur.compter(utc(2026, 3, 8, 20, 0, 0));
        }
        assert_eq!(
            compteur.restant(utc(2026, 3, 8, 23, 59, 59)),
            0,
            "le dimanche reste dans la semaine commencée le lundi précédent ({PAGE_PLAN})"
        );
        assert_eq!(
            compteur.restant(utc(2026, 3, 9, 0, 0, 0)),
            5,
            "le lundi à minuit UTC, une semaine de décalage 1 recommence ({PAGE_PLAN})"
        );
    }

    #[test]
    fn le_compteur_mensuel_repart_le_premier_mars_apres_un_fevrier_court() {
        let mut compteur = CompteurQuota::new(Quota::new(1, Periode::Mois, 0).unwrap());
        compteur.compter(utc(2027, 2, 28, 23, 59, 0));
        assert_eq!(compteur.restant(utc(2027, 2, 28, 23, 59, 59)), 0);
        assert_eq!(
            compteur.restant(utc(2027, 3, 1, 0, 0, 0)),
            1,
            "le 1er mars à minuit, un quota MONTH recommence, même après un février de \
             28 jours ({PAGE_PLAN})"
        );
    }
}

mod etape_5_decider {
    use super::*;

    const CLE_A: &str = "cleBasiqueA0123456789";
    const CLE_B: &str = "cleBasiqueB0123456789";

    fn appel<'a>(cle_api: Option<&'a str>, methode: &'a str, ressource: &'a str) -> Appel<'a> {
        Appel {
            cle_api,
            methode,
            ressource,
        }
    }

    /// L'étape du module : 100 requêtes par seconde, rafale de 200.
    fn etape_du_module() -> Configuration {
        Configuration {
            etape: Some(Limite::new(100.0, 200)),
            ..Configuration::default()
        }
    }

    /// L'étape du module et un plan « Basique » : 5 par seconde, rafale de 10, deux clés.
    fn avec_plan(quota: Option<Quota>) -> Configuration {
        Configuration {
            plans: vec![PlanUtilisation {
                nom: "Basique".into(),
                limite: Some(Limite::new(5.0, 10)),
                quota,
                cles: vec![CLE_A.into(), CLE_B.into()],
                ..PlanUtilisation::default()
            }],
            ..etape_du_module()
        }
    }

    /// Envoie `nombre` fois le même appel au même instant ; renvoie les décisions.
    fn envoyer(
        limiteur: &mut Limiteur,
        a: Appel,
        instant: Instant,
        nombre: usize,
    ) -> Vec<Decision> {
        (0..nombre).map(|_| limiteur.decider(&a, instant)).collect()
    }

    fn acceptees(decisions: &[Decision]) -> usize {
        decisions
            .iter()
            .filter(|d| **d == Decision::Acceptee)
            .count()
    }

    #[test]
    fn avec_l_etape_du_module_la_201e_requete_de_la_rafale_est_throttled() {
        let mut limiteur = Limiteur::new(etape_du_module());
        let decisions = envoyer(&mut limiteur, appel(None, "GET", "/produits"), t0(), 201);
        assert_eq!(
            acceptees(&decisions[..200]),
            200,
            "l'étape 100/200 accepte une rafale de 200 requêtes ({PAGE_NIVEAUX})"
        );
        assert_eq!(
            decisions[200],
            Decision::Refusee(Refus::Limitee),
            "la 201e requête de la rafale est limitée (THROTTLED) ({PAGE_NIVEAUX})"
        );
    }

    #[test]
    fn chaque_methode_a_son_seau_d_etape() {
        let mut limiteur = Limiteur::new(etape_du_module());
        envoyer(&mut limiteur, appel(None, "GET", "/produits"), t0(), 200);
        assert_eq!(
            limiteur.decider(&appel(None, "POST", "/produits"), t0()),
            Decision::Acceptee,
            "la limite par défaut de l'étape s'applique à chaque méthode séparément : \
             GET /produits épuisé, POST /produits a encore tout son seau ({PAGE_NIVEAUX})"
        );
    }

    #[test]
    fn une_limite_de_methode_remplace_celle_de_l_etape() {
        let mut configuration = etape_du_module();
        configuration
            .methodes
            .insert("/produits/POST".into(), Limite::new(1.0, 2));
        let mut limiteur = Limiteur::new(configuration);
        let decisions = envoyer(&mut limiteur, appel(None, "POST", "/produits"), t0(), 3);
        assert_eq!(
            decisions,
            vec![
                Decision::Acceptee,
                Decision::Acceptee,
                Decision::Refusee(Refus::Limitee)
            ],
            "POST /produits a sa limite propre (rafale 2), qui remplace celle de l'étape ({PAGE_NIVEAUX})"
        );
        assert_eq!(
            limiteur.decider(&appel(None, "GET", "/produits"), t0()),
            Decision::Acceptee
        );
    }

    #[test]
    fn le_plan_limite_la_cle_avant_l_etape() {
        let mut limiteur = Limiteur::new(avec_plan(None));
        let decisions = envoyer(
            &mut limiteur,
            appel(Some(CLE_A), "GET", "/produits"),
            t0(),
            11,
        );
        assert_eq!(
            acceptees(&decisions[..10]),
            10,
            "la clé du plan 5/10 a une rafale de 10 ({PAGE_NIVEAUX})"
        );
        assert_eq!(
            decisions[10],
            Decision::Refusee(Refus::Limitee),
            "la 11e requête de la clé est limitée par son plan, alors que l'étape (200) a encore \
             des jetons : le niveau client passe en premier ({PAGE_NIVEAUX})"
        );
    }

    #[test]
    fn sans_cle_le_plan_est_contourne() {
        let mut limiteur = Limiteur::new(avec_plan(None));
        let decisions = envoyer(&mut limiteur, appel(None, "GET", "/produits"), t0(), 50);
        assert_eq!(
            acceptees(&decisions),
            50,
            "une méthode qui n'exige pas de clé contourne le plan d'utilisation : seule l'étape \
             limite ({PAGE_NIVEAUX})"
        );
    }

    #[test]
    fn deux_cles_du_meme_plan_ont_chacune_leur_seau() {
        let mut limiteur = Limiteur::new(avec_plan(None));
        envoyer(
            &mut limiteur,
            appel(Some(CLE_A), "GET", "/produits"),
            t0(),
            10,
        );
        assert_eq!(
            limiteur.decider(&appel(Some(CLE_B), "GET", "/produits"), t0()),
            Decision::Acceptee,
            "la limite d'un plan s'applique clé par clé : la clé B n'est pas gênée par la clé A \
             ({PAGE_NIVEAUX})"
        );
    }

    #[test]
    fn la_limite_par_methode_du_plan_remplace_celle_du_plan() {
        let mut configuration = avec_plan(None);
        configuration.plans[0]
            .limites_par_methode
            .insert("/produits/{id}/DELETE".into(), Limite::new(1.0, 1));
        let mut limiteur = Limiteur::new(configuration);
        let supprimer = appel(Some(CLE_A), "DELETE", "/produits/{id}");
        assert_eq!(
            envoyer(&mut limiteur, supprimer, t0(), 2),
            vec![Decision::Acceptee, Decision::Refusee(Refus::Limitee)],
            "DELETE /produits/{{id}} a dans le plan sa limite propre, de rafale 1 ({PAGE_NIVEAUX})"
        );
        let lister = envoyer(
            &mut limiteur,
            appel(Some(CLE_A), "GET", "/produits"),
            t0(),
            10,
        );
        assert_eq!(
            acceptees(&lister),
            10,
            "GET /produits garde le seau du plan, entier (10) : la requête DELETE a pris le \
             jeton de sa méthode, pas celui du plan ({PAGE_NIVEAUX})"
        );
    }

    #[test]
    fn le_quota_epuise_repond_quota_exceeded_jusqu_a_la_periode_suivante() {
        let quota = Quota::new(3, Periode::Jour, 0).unwrap();
        let mut limiteur = Limiteur::new(avec_plan(Some(quota)));
        let lire = appel(Some(CLE_A), "GET", "/produits");
        let decisions: Vec<Decision> = (0..4)
            .map(|i| limiteur.decider(&lire, plus_secondes(t0(), f64::from(i))))
            .collect();
        assert_eq!(
            decisions,
            vec![
                Decision::Acceptee,
                Decision::Acceptee,
                Decision::Acceptee,
                Decision::Refusee(Refus::QuotaDepasse)
            ],
            "quota de 3 par jour : la 4e requête reçoit QUOTA_EXCEEDED ({PAGE_NIVEAUX})"
        );
        assert_eq!(
            limiteur.decider(&lire, utc(2026, 3, 10, 0, 0, 0)),
            Decision::Acceptee,
            "le lendemain à minuit UTC, le quota est de nouveau disponible ({PAGE_NIVEAUX})"
        );
    }

    #[test]
    fn une_requete_refusee_ne_prend_rien_aux_autres_niveaux() {
        let quota = Quota::new(2, Periode::Jour, 0).unwrap();
        let mut configuration = avec_plan(Some(quota));
        configuration.plans[0].limite = Some(Limite::new(1.0, 1));
        configuration
            .methodes
            .insert("/produits/GET".into(), Limite::new(1.0, 1));
        let mut limiteur = Limiteur::new(configuration);
        let lire = appel(Some(CLE_A), "GET", "/produits");
        assert_eq!(limiteur.decider(&lire, t0()), Decision::Acceptee);
        assert_eq!(
            limiteur.decider(&lire, t0()),
            Decision::Refusee(Refus::Limitee)
        );
        assert_eq!(
            limiteur.decider(&lire, plus_secondes(t0(), 1.0)),
            Decision::Acceptee,
            "la requête limitée ne compte pas dans le quota (2 par jour) : la suivante, une \
             seconde plus tard, est acceptée. Vérifiez tous les niveaux avant de prendre quoi \
             que ce soit ({PAGE_NIVEAUX})"
        );
        assert_eq!(
            limiteur.decider(&lire, plus_secondes(t0(), 2.0)),
            Decision::Refusee(Refus::QuotaDepasse)
        );
    }

    #[test]
    fn un_refus_de_l_etape_laisse_son_jeton_au_client() {
        let mut configuration = avec_plan(None);
        configuration
            .methodes
            .insert("/produits/GET".into(), Limite::new(1.0, 1));
        let mut limiteur = Limiteur::new(configuration);
        let lire = appel(Some(CLE_A), "GET", "/produits");
        limiteur.decider(&lire, t0());
        assert_eq!(
            limiteur.decider(&lire, t0()),
            Decision::Refusee(Refus::Limitee)
        );
        let restant = limiteur
            .seau_client(CLE_A, "/produits/GET")
            .map(|seau| seau.jetons(t0()));
        assert_eq!(
            restant,
            Some(9.0),
            "refusée par l'étape, la 2e requête ne doit pas avoir pris de jeton au seau de la \
             clé : attendu 9 jetons sur 10 ({PAGE_NIVEAUX})"
        );
    }

    #[test]
    fn le_compte_limite_toutes_les_methodes_ensemble() {
        let mut limiteur = Limiteur::new(Configuration {
            compte: Limite::new(10.0, 20),
            ..Configuration::default()
        });
        let mut decisions = envoyer(&mut limiteur, appel(None, "GET", "/produits"), t0(), 15);
        decisions.extend(envoyer(
            &mut limiteur,
            appel(None, "POST", "/produits"),
            t0(),
            6,
        ));
        assert_eq!(
            acceptees(&decisions),
            20,
            "sans limite d'étape, le seau du compte (rafale 20) est partagé par toutes les \
             méthodes : 21 requêtes, 20 acceptées ({PAGE_NIVEAUX})"
        );
    }
}

mod etape_6_reponse_429 {
    use super::*;
    use banc_essai::{corps_texte, entete};

    #[test]
    fn chaque_refus_a_son_message_et_son_type_d_erreur() {
        for (refus, message, type_d_erreur) in [
            (
                Refus::Limitee,
                "Too Many Requests",
                "TooManyRequestsException",
            ),
            (
                Refus::QuotaDepasse,
                "Limit Exceeded",
                "LimitExceededException",
            ),
        ] {
            assert_eq!(
                (refus.message(), refus.type_d_erreur()),
                (message, type_d_erreur),
                "{} : attendu le message et le type d'erreur d'API Gateway ({PAGE_429})",
                refus.type_de_reponse()
            );
        }
    }

    #[test]
    fn les_deux_reponses_429_sont_celles_d_api_gateway() {
        for (refus, corps, type_d_erreur) in [
            (
                Refus::Limitee,
                r#"{"message":"Too Many Requests"}"#,
                "TooManyRequestsException",
            ),
            (
                Refus::QuotaDepasse,
                r#"{"message":"Limit Exceeded"}"#,
                "LimitExceededException",
            ),
        ] {
            let reponse = refus.en_reponse();
            let nom = refus.type_de_reponse();
            assert_eq!(
                reponse.status().as_u16(),
                429,
                "{nom} : attendu le statut 429 ({PAGE_429})"
            );
            assert_eq!(
                corps_texte(&reponse),
                corps,
                "{nom} : attendu le corps exact d'API Gateway, sans espace ({PAGE_429})"
            );
            assert_eq!(
                entete(&reponse, "content-type"),
                Some("application/json"),
                "{nom} : attendu Content-Type: application/json ({PAGE_429})"
            );
            assert_eq!(
                entete(&reponse, "x-amzn-errortype"),
                Some(type_d_erreur),
                "{nom} : attendu l'en-tête x-amzn-ErrorType: {type_d_erreur} ({PAGE_429})"
            );
            assert_eq!(
                entete(&reponse, "retry-after"),
                None,
                "{nom} : API Gateway n'envoie pas de Retry-After ; la passerelle locale non plus \
                 ({PAGE_429})"
            );
        }
    }

    #[test]
    fn la_201e_requete_de_la_rafale_recoit_le_429_throttled() {
        let mut limiteur = Limiteur::new(Configuration {
            etape: Some(Limite::new(100.0, 200)),
            ..Configuration::default()
        });
        let lire = Appel {
            cle_api: None,
            methode: "GET",
            ressource: "/produits",
        };
        let derniere = (0..201)
            .map(|_| limiteur.decider(&lire, t0()))
            .last()
            .unwrap();
        let Decision::Refusee(refus) = derniere else {
            panic!("la 201e requête devrait être refusée ({PAGE_NIVEAUX})");
        };
        let reponse = refus.en_reponse();
        assert_eq!(
            (reponse.status().as_u16(), corps_texte(&reponse)),
            (429, r#"{"message":"Too Many Requests"}"#.to_string()),
            "la passerelle répond à la 201e requête comme API Gateway ({PAGE_429})"
        );
    }
}

mod etape_7_plafond_du_delai {
    use super::*;

    #[test]
    fn le_plafond_double_a_chaque_echec() {
        let politique = PolitiqueDeNouvelleTentative::default();
        for (tentative, secondes) in [(1, 1), (2, 2), (3, 4), (4, 8), (5, 16)] {
            assert_eq!(
                politique.plafond(tentative),
                Duration::from_secs(secondes),
                "délai initial 1 s : après l'échec de la tentative {tentative}, le plafond vaut \
                 {secondes} s ({PAGE_REESSAYER})"
            );
        }
    }

    #[test]
    fn le_plafond_ne_depasse_jamais_le_delai_maximal() {
        let politique = PolitiqueDeNouvelleTentative::default();
        for tentative in [6, 7, 32, 100, u32::MAX] {
            assert_eq!(
                politique.plafond(tentative),
                Duration::from_secs(20),
                "tentative {tentative} : le plafond est borné par le délai maximal (20 s), sans \
                 débordement ni panique ({PAGE_REESSAYER})"
            );
        }
    }

    #[test]
    fn un_delai_initial_de_100_ms_double_aussi() {
        let politique = PolitiqueDeNouvelleTentative {
            tentatives_maximales: 8,
            delai_initial: Duration::from_millis(100),
            delai_maximal: Duration::from_secs(1),
        };
        let plafonds: Vec<u128> = (1..=6).map(|n| politique.plafond(n).as_millis()).collect();
        assert_eq!(
            plafonds,
            vec![100, 200, 400, 800, 1000, 1000],
            "100 ms, doublés à chaque échec, bornés à 1 s ({PAGE_REESSAYER})"
        );
    }
}

mod etape_8_delai_avec_gigue {
    use super::*;

    fn politique() -> PolitiqueDeNouvelleTentative {
        PolitiqueDeNouvelleTentative {
            tentatives_maximales: 5,
            delai_initial: Duration::from_secs(1),
            delai_maximal: Duration::from_secs(20),
        }
    }

    #[test]
    fn la_gigue_totale_tire_entre_zero_et_le_plafond() {
        let politique = politique();
        for (fraction, attendu_ms) in [(0.0, 0), (0.25, 1000), (0.5, 2000), (0.999, 3996)] {
            let delai = politique.delai(3, None, &mut || fraction);
            assert_eq!(
                delai.map(|d| d.as_millis()),
                Some(attendu_ms),
                "après la 3e tentative, plafond 4 s, tirage {fraction} : attendu \
                 {attendu_ms} ms (le plafond fois le tirage) ({PAGE_REESSAYER})"
            );
        }
    }

    #[test]
    fn chaque_delai_est_un_nouveau_tirage() {
        let politique = politique();
        let mut tirages = [0.5, 0.1, 0.9].into_iter();
        let mut source = || tirages.next().expect("un tirage par délai, pas plus");
        let delais: Vec<u128> = (1..=3)
            .map(|n| politique.delai(n, None, &mut source).unwrap().as_millis())
            .collect();
        assert_eq!(
            delais,
            vec![500, 200, 3600],
            "un tirage par délai : 0,5 × 1 s, 0,1 × 2 s, 0,9 × 4 s ({PAGE_REESSAYER})"
        );
    }

    #[test]
    fn apres_la_derniere_tentative_le_client_abandonne() {
        let politique = politique();
        assert!(
            politique.delai(4, None, &mut || 0.5).is_some(),
            "5 tentatives permises : après l'échec de la 4e, on réessaie ({PAGE_REESSAYER})"
        );
        assert_eq!(
            politique.delai(5, None, &mut || 0.5),
            None,
            "5 tentatives permises : après l'échec de la 5e, on abandonne (None) ({PAGE_REESSAYER})"
        );
        let sdk = PolitiqueDeNouvelleTentative::default();
        assert_eq!(
            sdk.delai(3, None, &mut || 0.5),
            None,
            "les valeurs par défaut (celles du SDK) permettent 3 tentatives ({PAGE_REESSAYER})"
        );
    }

    #[test]
    fn retry_after_l_emporte_sur_la_gigue() {
        let politique = politique();
        let mut tirages = 0;
        let mut source = || {
            tirages += 1;
            0.5
        };
        let delai = politique.delai(1, Some(Duration::from_secs(7)), &mut source);
        assert_eq!(
            delai,
            Some(Duration::from_secs(7)),
            "quand le serveur envoie Retry-After: 7, le client attend 7 s ({PAGE_REESSAYER})"
        );
        assert_eq!(
            tirages, 0,
            "avec Retry-After, la source de hasard ne devrait pas être tirée ({PAGE_REESSAYER})"
        );
        assert_eq!(
            politique.delai(5, Some(Duration::from_secs(7)), &mut || 0.5),
            None,
            "Retry-After ne donne pas de tentative de plus que le maximum ({PAGE_REESSAYER})"
        );
    }

    #[test]
    fn une_source_hors_bornes_ne_fait_pas_paniquer() {
        let politique = politique();
        for (fraction, attendu) in [(1.5, 1000), (-0.2, 0), (f64::NAN, 0)] {
            assert_eq!(
                politique
                    .delai(1, None, &mut || fraction)
                    .map(|d| d.as_millis()),
                Some(attendu),
                "un tirage de {fraction} doit être ramené entre 0 et 1, sans panique de \
                 `mul_f64` ({PAGE_REESSAYER})"
            );
        }
    }
}
