//! Tests de notation de l'atelier 01 (partagés avec la solution : ne les modifiez pas).
//!
//! Les modules suivent l'ordre de l'atelier, `etape_1_…` à `etape_8_…` : cargo affiche les
//! tests par ordre alphabétique, donc le premier échec affiché est la prochaine fonction à
//! écrire. Partie A (étapes 1 à 3) : le gestionnaire est appelé comme le fait le runtime, avec
//! un `LambdaEvent` (la demande et un `Context`). Partie B (étapes 4 à 8) : chaque montant
//! attendu est calculé à la main dans un commentaire, en micro-dollars (µ$) ; les comparaisons
//! sont exactes, sans tolérance.

use crate::couts::{
    cout_api_gateway, cout_calcul_lambda, cout_requetes_lambda, cout_serverless,
    seuil_de_rentabilite,
};
use crate::devis::{DemandePrix, Devis, TauxTva};
use crate::tarifs::{Architecture, Fonction, MicroDollars, TypeApi};
use crate::{calculer_devis, handler, taux_pour_dix_mille};
use lambda_runtime::{Context, LambdaEvent};
use serde_json::json;

fn demande(nom: &str, prix_ht_centimes: u32, taux_tva: TauxTva) -> DemandePrix {
    DemandePrix {
        nom: nom.to_string(),
        prix_ht_centimes,
        taux_tva,
    }
}

/// Appelle le gestionnaire comme le runtime : la demande, et un contexte d'invocation.
async fn invoquer(demande: DemandePrix) -> Result<Devis, lambda_runtime::Error> {
    handler(LambdaEvent::new(demande, Context::default())).await
}

const PETITE: Fonction = Fonction {
    memoire_mo: 128,
    duree_ms: 20,
    architecture: Architecture::Arm64,
};

const PETITE_X86: Fonction = Fonction {
    architecture: Architecture::X86_64,
    ..PETITE
};

/// Étape 1 : `taux_pour_dix_mille` (page « 1.6 Une première fonction »).
mod etape_1_taux_de_tva {
    use super::*;

    #[test]
    fn les_quatre_taux_de_tva_en_points_de_base() {
        for (taux, attendu) in [
            (TauxTva::Normal, 2000),
            (TauxTva::Intermediaire, 1000),
            (TauxTva::Reduit, 550),
            (TauxTva::Particulier, 210),
        ] {
            let obtenu = taux_pour_dix_mille(taux);
            assert_eq!(
                obtenu, attendu,
                "taux {taux:?} : attendu {attendu} pour dix mille, obtenu {obtenu}"
            );
        }
    }
}

/// Étape 2 : `calculer_devis`, la TVA arrondie au centime (page « 1.6 Une première fonction »).
mod etape_2_calcul_du_devis {
    use super::*;

    #[test]
    fn devis_d_un_clavier_au_taux_normal() {
        // 49,90 € HT × 20 % = 9,98 € de TVA ; 49,90 + 9,98 = 59,88 € TTC.
        let devis = calculer_devis(&demande("Clavier", 4990, TauxTva::Normal));
        assert_eq!(
            devis,
            Devis {
                nom: "Clavier".to_string(),
                prix_ht_centimes: 4990,
                tva_centimes: 998,
                prix_ttc_centimes: 5988,
            },
            "attendu 998 centimes de TVA et 5988 centimes TTC pour 4990 centimes HT à 20 %"
        );
    }

    #[test]
    fn la_tva_est_arrondie_au_centime_le_plus_proche() {
        // (prix HT, taux, TVA exacte en centimes → TVA arrondie)
        let cas = [
            (4990, TauxTva::Reduit, "274,45", 274), // 4990 × 5,5 % = 274,45 → 274
            (100, TauxTva::Reduit, "5,5", 6),       // la moitié monte : 5,5 → 6
            (1999, TauxTva::Intermediaire, "199,9", 200), // 1999 × 10 % = 199,9 → 200
            (25, TauxTva::Particulier, "0,525", 1), // 25 × 2,1 % = 0,525 → 1
            (1000, TauxTva::Particulier, "21", 21), // exact
            (0, TauxTva::Normal, "0", 0),
        ];
        for (prix_ht, taux, exacte, attendue) in cas {
            let devis = calculer_devis(&demande("Produit", prix_ht, taux));
            assert_eq!(
                devis.tva_centimes, attendue,
                "{prix_ht} centimes HT au taux {taux:?} : TVA exacte {exacte} centimes, attendu {attendue}, obtenu {}",
                devis.tva_centimes
            );
            assert_eq!(
                devis.prix_ttc_centimes,
                u64::from(prix_ht) + attendue,
                "{prix_ht} centimes HT au taux {taux:?} : attendu TTC = HT + TVA = {}, obtenu {}",
                u64::from(prix_ht) + attendue,
                devis.prix_ttc_centimes
            );
        }
    }

    #[test]
    fn le_plus_grand_prix_possible_ne_deborde_pas() {
        // u32::MAX = 4 294 967 295 centimes ; × 20 % = 858 993 459 centimes de TVA.
        let devis = calculer_devis(&demande("Yacht", u32::MAX, TauxTva::Normal));
        assert_eq!(
            devis.tva_centimes, 858_993_459,
            "attendu 858 993 459 centimes de TVA pour u32::MAX centimes à 20 % : calculez en u64"
        );
        assert_eq!(
            devis.prix_ttc_centimes, 5_153_960_754,
            "attendu 5 153 960 754 centimes TTC (HT + TVA) pour u32::MAX centimes à 20 %, obtenu {}",
            devis.prix_ttc_centimes
        );
    }

    #[test]
    fn le_nom_du_devis_est_repris_sans_espaces_autour() {
        let devis = calculer_devis(&demande("  Souris ", 1990, TauxTva::Normal));
        assert_eq!(
            devis.nom, "Souris",
            "attendu le nom « Souris » sans les espaces qui l'entourent, obtenu {:?}",
            devis.nom
        );
    }
}

/// Étape 3 : `handler`, appelé avec un `LambdaEvent` comme le fait le runtime (page « 1.6 Une première fonction »).
mod etape_3_gestionnaire {
    use super::*;

    #[tokio::test]
    async fn le_handler_renvoie_le_devis_de_la_demande() {
        let devis = invoquer(demande("Clavier", 4990, TauxTva::Normal))
            .await
            .expect("attendu Ok(devis) pour une demande valide, obtenu une erreur");
        assert_eq!(
            devis,
            calculer_devis(&demande("Clavier", 4990, TauxTva::Normal)),
            "attendu le devis de `calculer_devis` pour la demande reçue dans `evenement.payload`"
        );
    }

    #[tokio::test]
    async fn le_handler_refuse_un_nom_vide_ou_blanc() {
        for nom in ["", "   "] {
            let resultat = invoquer(demande(nom, 4990, TauxTva::Normal)).await;
            let Err(erreur) = resultat else {
                panic!("nom {nom:?} : attendu une erreur, obtenu {resultat:?}");
            };
            let message = erreur.to_string();
            assert!(
                message.contains("nom"),
                "nom {nom:?} : attendu un message d'erreur qui cite le champ « nom », obtenu {message:?}"
            );
        }
    }

    /// Le trajet complet : l'événement JSON que Lambda transmet, lu par serde comme le fait le
    /// runtime, le gestionnaire, puis la réponse écrite en JSON.
    #[tokio::test]
    async fn un_evenement_json_donne_une_reponse_json() {
        let evenement = json!({"nom": "Câble", "prix_ht_centimes": 1000, "taux_tva": "reduit"});
        let demande: DemandePrix =
            serde_json::from_value(evenement).expect("l'événement devrait se lire en DemandePrix");
        let devis = invoquer(demande).await.expect("attendu Ok(devis)");
        let reponse = serde_json::to_value(&devis).expect("un Devis s'écrit en JSON");
        assert_eq!(
            reponse,
            json!({"nom": "Câble", "prix_ht_centimes": 1000, "tva_centimes": 55, "prix_ttc_centimes": 1055}),
            "attendu 55 centimes de TVA (1000 × 5,5 %) et 1055 centimes TTC"
        );
    }

    #[tokio::test]
    async fn sans_taux_le_taux_normal_s_applique() {
        let demande: DemandePrix =
            serde_json::from_value(json!({"nom": "Écran", "prix_ht_centimes": 15000}))
                .expect("taux_tva est facultatif");
        let devis = invoquer(demande).await.expect("attendu Ok(devis)");
        assert_eq!(
            devis.tva_centimes, 3000,
            "sans taux_tva, attendu 20 % de 15000 = 3000 centimes, obtenu {}",
            devis.tva_centimes
        );
    }
}

/// Étape 4 : `cout_requetes_lambda` (page « 1.7 Combien coûte une API serverless ? »).
mod etape_4_requetes_lambda {
    use super::*;

    #[test]
    fn les_requetes_lambda_coutent_20_centimes_le_million() {
        // 1 000 000 × 0,20 $ / 1 000 000 = 0,20 $ = 200 000 µ$ ; 10 millions : 2 $ = 2 000 000 µ$.
        // Une requête : 0,2 µ$ → 0 µ$ ; trois requêtes : 0,6 µ$ → 1 µ$ (arrondi au plus proche).
        for (requetes, attendu) in [
            (1_000_000, 200_000),
            (10_000_000, 2_000_000),
            (1, 0),
            (3, 1),
        ] {
            let obtenu = cout_requetes_lambda(requetes);
            assert_eq!(
                obtenu,
                MicroDollars(attendu),
                "{requetes} requêtes Lambda : attendu {attendu} µ$, obtenu {} ({obtenu})",
                obtenu.0
            );
        }
    }
}

/// Étape 5 : `cout_calcul_lambda`, la durée en Go-secondes selon l'architecture (page « 1.7 »).
mod etape_5_duree_en_go_secondes {
    use super::*;

    #[test]
    fn la_duree_se_paie_en_go_secondes() {
        // 10 000 000 requêtes × 128/1024 Go × 20/1000 s = 10 000 000 × 0,125 × 0,02 = 25 000 Go-s.
        // arm64 : 25 000 × 13,3334 µ$ = 333 335 µ$ (exact).
        // x86_64 : 25 000 × 16,6667 µ$ = 416 667,5 µ$ → 416 668 µ$ (la moitié monte).
        for (fonction, attendu) in [(PETITE, 333_335), (PETITE_X86, 416_668)] {
            let obtenu = cout_calcul_lambda(10_000_000, &fonction);
            assert_eq!(
                obtenu,
                MicroDollars(attendu),
                "25 000 Go-secondes en {:?} : attendu {attendu} µ$, obtenu {}",
                fonction.architecture,
                obtenu.0
            );
        }
    }

    #[test]
    fn une_fonction_plus_grosse_ou_plus_lente_coute_plus() {
        // 1 000 000 requêtes × 1 Go × 0,1 s = 100 000 Go-s ; × 13,3334 µ$ = 1 333 340 µ$.
        let grosse = Fonction {
            memoire_mo: 1024,
            duree_ms: 100,
            architecture: Architecture::Arm64,
        };
        assert_eq!(
            cout_calcul_lambda(1_000_000, &grosse),
            MicroDollars(1_333_340),
            "100 000 Go-secondes en arm64 : attendu 1 333 340 µ$"
        );
    }

    #[test]
    fn arm64_coute_moins_cher_que_x86_64() {
        for (memoire_mo, duree_ms) in [
            (128, 1),
            (128, 20),
            (512, 250),
            (1769, 1000),
            (10_240, 900_000),
        ] {
            let arm = Fonction {
                memoire_mo,
                duree_ms,
                architecture: Architecture::Arm64,
            };
            let x86 = Fonction {
                architecture: Architecture::X86_64,
                ..arm
            };
            let (cout_arm, cout_x86) = (
                cout_calcul_lambda(1_000_000, &arm),
                cout_calcul_lambda(1_000_000, &x86),
            );
            assert!(
                cout_arm < cout_x86,
                "{memoire_mo} Mio, {duree_ms} ms : attendu arm64 ({cout_arm}) moins cher que x86_64 ({cout_x86})"
            );
        }
    }
}

/// Étape 6 : `cout_api_gateway`, selon le type d'API (page « 1.7 »).
mod etape_6_api_gateway {
    use super::*;

    #[test]
    fn api_gateway_rest_coute_plus_que_http() {
        // 10 000 000 × 3,50 $ / 1 000 000 = 35 $ ; × 1,00 $ / 1 000 000 = 10 $.
        // Une requête REST : 3,5 µ$ → 4 µ$ ; une requête HTTP : 1 µ$.
        for (requetes, type_api, attendu) in [
            (10_000_000, TypeApi::Rest, 35_000_000),
            (10_000_000, TypeApi::Http, 10_000_000),
            (1, TypeApi::Rest, 4),
            (1, TypeApi::Http, 1),
        ] {
            let obtenu = cout_api_gateway(requetes, type_api);
            assert_eq!(
                obtenu,
                MicroDollars(attendu),
                "{requetes} requêtes sur une API {type_api:?} : attendu {attendu} µ$, obtenu {}",
                obtenu.0
            );
        }
    }
}

/// Étape 7 : `cout_serverless`, la somme des trois postes (page « 1.7 »).
mod etape_7_total_serverless {
    use super::*;

    #[test]
    fn sans_requete_le_serverless_ne_coute_rien() {
        for type_api in [TypeApi::Rest, TypeApi::Http] {
            for fonction in [PETITE, PETITE_X86] {
                assert_eq!(
                    cout_serverless(0, &fonction, type_api),
                    MicroDollars(0),
                    "aucune requête ({type_api:?}, {:?}) : attendu 0 µ$, on paie à l'usage",
                    fonction.architecture
                );
            }
        }
    }

    #[test]
    fn le_cout_serverless_additionne_les_trois_postes() {
        // 10 000 000 requêtes, 128 Mio, 20 ms :
        // arm64 + HTTP : 2 000 000 + 333 335 + 10 000 000 = 12 333 335 µ$ (12,33 $).
        // x86_64 + REST : 2 000 000 + 416 668 + 35 000 000 = 37 416 668 µ$ (37,42 $).
        for (fonction, type_api, attendu) in [
            (PETITE, TypeApi::Http, 12_333_335),
            (PETITE_X86, TypeApi::Rest, 37_416_668),
        ] {
            let obtenu = cout_serverless(10_000_000, &fonction, type_api);
            assert_eq!(
                obtenu,
                MicroDollars(attendu),
                "10 millions de requêtes, {:?} + {type_api:?} : attendu {attendu} µ$, obtenu {}",
                fonction.architecture,
                obtenu.0
            );
        }
    }

    #[test]
    fn une_charge_forte_et_constante_coute_plus_cher_qu_un_serveur() {
        // 100 requêtes par seconde, 30 jours : 100 × 86 400 × 30 = 259 200 000 requêtes.
        // Requêtes : 51 840 000 µ$ ; durée : 259 200 000 × 0,0333335 = 8 640 043,2 → 8 640 043 µ$ ;
        // API HTTP : 259 200 000 µ$. Total : 319 680 043 µ$, soit 319,68 $, contre 15 $ de serveur.
        let obtenu = cout_serverless(259_200_000, &PETITE, TypeApi::Http);
        assert_eq!(
            obtenu,
            MicroDollars(319_680_043),
            "100 req/s pendant 30 jours : attendu 319 680 043 µ$, obtenu {}",
            obtenu.0
        );
        assert!(
            obtenu > MicroDollars::dollars(15),
            "attendu un coût serverless supérieur aux 15 $ du serveur, obtenu {obtenu}"
        );
    }
}

/// Étape 8 : `seuil_de_rentabilite` (page « 1.7 Combien coûte une API serverless ? »).
mod etape_8_seuil_de_rentabilite {
    use super::*;

    #[test]
    fn le_seuil_de_rentabilite_face_a_un_serveur_a_15_dollars() {
        // Une requête arm64 + HTTP, 128 Mio, 20 ms : 0,2 + 0,125 × 0,02 × 13,3334 + 1
        //   = 0,2 + 0,0333335 + 1 = 1,2333335 µ$.
        // 15 000 000 µ$ / 1,2333335 µ$ = 12 162 160,52… → 12 162 161 requêtes par mois.
        let seuil = seuil_de_rentabilite(&PETITE, TypeApi::Http, MicroDollars::dollars(15));
        assert_eq!(
            seuil, 12_162_161,
            "arm64 + HTTP face à 15 $ : attendu 12 162 161 requêtes par mois, obtenu {seuil}"
        );
        // Avec les coûts arrondis poste par poste, le seuil sépare bien les deux régimes ici.
        let prix_serveur = MicroDollars::dollars(15);
        let au_seuil = cout_serverless(seuil, &PETITE, TypeApi::Http);
        assert!(
            au_seuil >= prix_serveur,
            "au seuil ({seuil} requêtes), attendu un coût d'au moins 15 $, obtenu {au_seuil}"
        );
        let juste_avant = cout_serverless(seuil - 1, &PETITE, TypeApi::Http);
        assert!(
            juste_avant < prix_serveur,
            "une requête sous le seuil ({} requêtes), attendu moins de 15 $, obtenu {juste_avant}",
            seuil - 1
        );
    }

    #[test]
    fn le_seuil_depend_de_l_architecture_et_du_type_d_api() {
        // x86_64 + HTTP : 0,2 + 0,0025 × 16,6667 + 1 = 1,24166675 µ$ ; 15 000 000 / 1,24166675
        //   = 12 080 536,10… → 12 080 537.
        // arm64 + REST : 0,2 + 0,0333335 + 3,5 = 3,7333335 µ$ ; 15 000 000 / 3,7333335
        //   = 4 017 856,96… → 4 017 857.
        for (fonction, type_api, attendu) in [
            (PETITE_X86, TypeApi::Http, 12_080_537),
            (PETITE, TypeApi::Rest, 4_017_857),
        ] {
            let seuil = seuil_de_rentabilite(&fonction, type_api, MicroDollars::dollars(15));
            assert_eq!(
                seuil, attendu,
                "{:?} + {type_api:?} face à 15 $ : attendu {attendu} requêtes par mois, obtenu {seuil}",
                fonction.architecture
            );
        }
        let arm = seuil_de_rentabilite(&PETITE, TypeApi::Http, MicroDollars::dollars(15));
        let x86 = seuil_de_rentabilite(&PETITE_X86, TypeApi::Http, MicroDollars::dollars(15));
        assert!(
            arm > x86,
            "arm64 étant moins cher, son seuil ({arm}) devrait dépasser celui de x86_64 ({x86})"
        );
    }

    #[test]
    fn le_seuil_d_un_serveur_gratuit_est_zero() {
        let seuil = seuil_de_rentabilite(&PETITE, TypeApi::Http, MicroDollars(0));
        assert_eq!(
            seuil, 0,
            "face à un serveur à 0 $, attendu un seuil de 0 requête, obtenu {seuil}"
        );
    }
}
