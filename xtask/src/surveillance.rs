//! `cargo xtask watch NN` : les tests de notation d'un atelier, relancés à chaque enregistrement
//! de son `src/`. Seul le premier échec, dans l'ordre du travail, est montré : son message, et
//! l'indice du `todo!()` où le test s'est arrêté, avec le fichier et la ligne.

use crate::ateliers::{self, Atelier, Bilan, commande_test};
use crate::console::{Echec, Resultat, Sortie, executer_sans_bilan, racine};
use notify::{EventKind, RecursiveMode, Watcher};
use std::io::IsTerminal;
use std::sync::mpsc;
use std::time::Duration;

/// Surveille l'atelier désigné par `choix` (`03`, `3`, `03-integration-proxy`…) jusqu'à Ctrl+C.
pub fn surveiller(choix: &str) -> Resultat {
    let ateliers = ateliers::lister()?;
    let atelier = trouver(&ateliers, choix)?;
    let dossier = racine().join("labs").join(&atelier.dossier).join("src");

    ctrlc::set_handler(|| {
        // Le curseur, que l'indicateur de progression cache, revient ; cargo reçoit le même signal.
        eprintln!("\x1b[?25h\nSurveillance arrêtée.");
        std::process::exit(0);
    })
    .map_err(|e| Echec::new(format!("Ctrl+C ne peut pas être intercepté ({e})"), ""))?;

    let (envoi, reception) = mpsc::channel();
    let mut surveillant = notify::recommended_watcher(envoi)
        .map_err(|e| Echec::new(format!("surveillance des fichiers impossible ({e})"), ""))?;
    surveillant
        .watch(&dossier, RecursiveMode::Recursive)
        .map_err(|e| {
            Echec::new(
                format!("surveillance de {} impossible ({e})", dossier.display()),
                "",
            )
        })?;

    for execution in 1.. {
        let sortie = lancer_les_tests(atelier)?;
        effacer_l_ecran();
        println!("{}", rapport(atelier, &ateliers, &sortie));
        println!(
            "\n(exécution n° {execution}) Je relance les tests à chaque enregistrement de \
             labs/{}/src ; Ctrl+C pour quitter.",
            atelier.dossier
        );
        // Un enregistrement d'un fichier Rust relance les tests. Les lectures (rustc lit les
        // sources pendant les tests) n'en sont pas : sinon chaque exécution relancerait la suivante.
        loop {
            match reception.recv() {
                Ok(Ok(evenement)) if est_un_enregistrement(&evenement) => break,
                Ok(Ok(_)) => {}
                Ok(Err(erreur)) => eprintln!("(surveillance : {erreur})"),
                Err(_) => return Ok(()),
            }
        }
        // Un éditeur écrit souvent en plusieurs fois : on laisse passer la rafale.
        std::thread::sleep(Duration::from_millis(200));
        while reception.try_recv().is_ok() {}
    }
    Ok(())
}

/// Un fichier `.rs` créé, modifié (contenu ou nom) ou supprimé.
fn est_un_enregistrement(evenement: &notify::Event) -> bool {
    let ecriture = matches!(
        evenement.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(notify::event::ModifyKind::Data(_))
            | EventKind::Modify(notify::event::ModifyKind::Name(_))
            | EventKind::Modify(notify::event::ModifyKind::Any)
    );
    ecriture
        && evenement
            .paths
            .iter()
            .any(|chemin| chemin.extension().is_some_and(|ext| ext == "rs"))
}

fn trouver<'a>(ateliers: &'a [Atelier], choix: &str) -> Resultat<&'a Atelier> {
    let choix = choix.trim_start_matches("lab-");
    let numero = format!("{:0>2}", choix.split('-').next().unwrap_or_default());
    ateliers
        .iter()
        .find(|a| a.dossier == choix || a.chapitre() == numero)
        .ok_or_else(|| {
            let noms: Vec<&str> = ateliers.iter().map(|a| a.chapitre()).collect();
            Echec::new(
                format!("aucun atelier ne correspond à « {choix} »"),
                format!(
                    "donnez le numéro d'un atelier : {} (par exemple `cargo xtask watch 03`)",
                    noms.join(", ")
                ),
            )
        })
}

fn lancer_les_tests(atelier: &Atelier) -> Resultat<Sortie> {
    let mut commande = commande_test(&atelier.paquet());
    // Une trace d'appels ajoute une soixantaine de lignes par échec : le message suffit ici.
    commande.env("RUST_BACKTRACE", "0");
    let titre = format!("cargo test -p {}", atelier.paquet());
    executer_sans_bilan(&titre, commande).0
}

fn effacer_l_ecran() {
    if std::io::stdout().is_terminal() {
        print!("\x1b[2J\x1b[H");
    }
}

/// Ce que voit l'étudiant après une exécution des tests.
fn rapport(atelier: &Atelier, ateliers: &[Atelier], sortie: &Sortie) -> String {
    let bilan = Bilan::lire(sortie);
    let nom = &atelier.dossier;
    if !bilan.compile {
        return format!(
            "✗ L'atelier {nom} ne compile pas. Le compilateur dit :\n\n{}",
            sortie.fin(40)
        );
    }
    let notation = bilan.tests_de_notation();
    let mut en_echec = bilan.en_echec();
    // libtest les range par nom : les modules `etape_1_…`, `etape_2_…` suivent l'ordre du travail.
    en_echec.sort_unstable();
    let Some(premier) = en_echec.first() else {
        let suite = ateliers
            .iter()
            .find(|a| a.dossier > atelier.dossier)
            .map(|a| format!("Prochaine étape : cargo xtask watch {}", a.chapitre()))
            .unwrap_or_else(|| "C'était le dernier atelier : bravo !".to_string());
        return format!(
            "✓ Atelier {} réussi : les {} tests de notation passent.\n\n\
             Comparez votre code avec la page « Corrigé de l'atelier {} » du chapitre.\n{suite}",
            atelier.chapitre(),
            notation.len(),
            atelier.chapitre()
        );
    };
    let mut texte = format!(
        "✗ {} test(s) de notation sur {} en échec. Le premier, dans l'ordre du travail :\n\n  {premier}\n",
        en_echec.len(),
        notation.len()
    );
    if let Some(bloc) = bloc_d_echec(&sortie.stdout, premier) {
        if let Some((lieu, indice)) = todo_atteint(&bloc) {
            texte.push_str(&format!("\nÀ écrire : {lieu}\n  {indice}\n"));
        } else {
            texte.push_str(&format!("\n{}\n", bloc.trim_end()));
        }
    }
    texte
}

/// Le bloc `---- <test> stdout ----` de la section `failures:` de libtest, sans la ligne sur
/// `RUST_BACKTRACE`.
fn bloc_d_echec(stdout: &str, test: &str) -> Option<String> {
    let entete = format!("---- {test} stdout ----\n");
    let debut = stdout.find(&entete)? + entete.len();
    let reste = &stdout[debut..];
    let fin = [reste.find("\n---- "), reste.find("\nfailures:\n")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(reste.len());
    let bloc: Vec<&str> = reste[..fin]
        .lines()
        .filter(|ligne| !ligne.starts_with("note: run with `RUST_BACKTRACE=1`"))
        .collect();
    Some(bloc.join("\n").trim().to_string())
}

/// Si le test s'est arrêté sur un `todo!()` : (`fichier:ligne`, l'indice).
fn todo_atteint(bloc: &str) -> Option<(String, String)> {
    let mut lignes = bloc.lines();
    while let Some(ligne) = lignes.next() {
        let Some(lieu) = ligne
            .split_once(" panicked at ")
            .map(|(_, lieu)| lieu.trim_end_matches(':'))
        else {
            continue;
        };
        let message = lignes.next().unwrap_or_default();
        if let Some(indice) = message.strip_prefix("not yet implemented: ") {
            // `fichier:ligne:colonne` → `fichier:ligne`
            let lieu = lieu.rsplit_once(':').map_or(lieu, |(l, _)| l);
            return Some((lieu.to_string(), indice.to_string()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SORTIE: &str = "running 3 tests\n\
        test tests::etape_2_b::deux ... FAILED\n\
        test tests::etape_1_a::un ... FAILED\n\
        test tests::etape_1_a::zero ... ok\n\n\
        failures:\n\n\
        ---- tests::etape_2_b::deux stdout ----\n\n\
        thread 'tests::etape_2_b::deux' panicked at labs/03-x/src/tests.rs:12:5:\n\
        attendu 404, obtenu 200\n\
        note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n\n\
        ---- tests::etape_1_a::un stdout ----\n\n\
        thread 'tests::etape_1_a::un' (4242) panicked at labs/03-x/src/lib.rs:40:5:\n\
        not yet implemented: Indice : retirez les espaces avec `str::trim`\n\n\n\
        failures:\n    tests::etape_1_a::un\n    tests::etape_2_b::deux\n\n\
        test result: FAILED. 1 passed; 2 failed; 0 ignored\n";

    fn sortie() -> Sortie {
        Sortie {
            succes: false,
            stdout: SORTIE.to_string(),
            stderr: String::new(),
        }
    }

    fn atelier(dossier: &str) -> Atelier {
        Atelier {
            dossier: dossier.into(),
        }
    }

    #[test]
    fn montre_le_premier_echec_dans_l_ordre_des_etapes_et_son_indice() {
        let ateliers = [atelier("03-x")];
        let texte = rapport(&ateliers[0], &ateliers, &sortie());
        assert!(
            texte.contains("2 test(s) de notation sur 3 en échec"),
            "{texte}"
        );
        assert!(texte.contains("  tests::etape_1_a::un\n"), "{texte}");
        assert!(
            texte.contains("À écrire : labs/03-x/src/lib.rs:40\n  Indice : retirez les espaces"),
            "{texte}"
        );
        assert!(
            !texte.contains("etape_2_b"),
            "un seul échec est montré : {texte}"
        );
    }

    #[test]
    fn un_echec_d_assertion_montre_son_message() {
        let bloc = bloc_d_echec(SORTIE, "tests::etape_2_b::deux").unwrap();
        assert_eq!(
            bloc,
            "thread 'tests::etape_2_b::deux' panicked at labs/03-x/src/tests.rs:12:5:\nattendu 404, obtenu 200"
        );
        assert_eq!(todo_atteint(&bloc), None);
    }

    #[test]
    fn tout_reussi_annonce_l_atelier_suivant() {
        let ateliers = [atelier("03-x"), atelier("04-y")];
        let reussi = Sortie {
            succes: true,
            stdout: "test tests::etape_1_a::un ... ok\ntest result: ok. 1 passed\n".into(),
            stderr: String::new(),
        };
        let texte = rapport(&ateliers[0], &ateliers, &reussi);
        assert!(texte.starts_with("✓ Atelier 03 réussi"), "{texte}");
        assert!(texte.contains("cargo xtask watch 04"), "{texte}");
    }

    #[test]
    fn seule_une_ecriture_d_un_fichier_rust_relance_les_tests() {
        use notify::event::{AccessKind, AccessMode, DataChange, ModifyKind};
        let evenement = |kind, chemin: &str| notify::Event::new(kind).add_path(chemin.into());
        let ecrit = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        let lu = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(est_un_enregistrement(&evenement(ecrit, "src/lib.rs")));
        assert!(!est_un_enregistrement(&evenement(lu, "src/lib.rs")));
        assert!(!est_un_enregistrement(&evenement(ecrit, "src/.lib.rs.swp")));
    }

    #[test]
    fn l_atelier_se_choisit_par_son_numero_ou_son_nom() {
        let ateliers = [atelier("03-x"), atelier("04-y")];
        assert_eq!(trouver(&ateliers, "3").unwrap().dossier, "03-x");
        assert_eq!(trouver(&ateliers, "04").unwrap().dossier, "04-y");
        assert_eq!(trouver(&ateliers, "lab-04-y").unwrap().dossier, "04-y");
        assert!(trouver(&ateliers, "07").is_err());
    }
}
