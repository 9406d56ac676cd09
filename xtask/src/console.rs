//! Lancer une commande en montrant qu'elle avance, et dire clairement pourquoi elle a échoué.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

/// Un échec : ce qui s'est passé, et quoi faire ensuite.
#[derive(Debug)]
pub struct Echec {
    pub message: String,
    pub conseil: String,
}

impl Echec {
    pub fn new(message: impl Into<String>, conseil: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            conseil: conseil.into(),
        }
    }
}

pub type Resultat<T = ()> = Result<T, Echec>;

/// Ce qu'une commande a écrit, et si elle a réussi.
pub struct Sortie {
    pub succes: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Sortie {
    /// De quoi expliquer un échec, en `lignes` lignes au plus : la section `failures:` de libtest
    /// (quel test, quel message) s'il y en a une, puis la fin de la sortie d'erreur, sans les
    /// lignes de progression de cargo (`Compiling …`).
    pub fn fin(&self, lignes: usize) -> String {
        let tests = self
            .stdout
            .find("\nfailures:\n")
            .map(|debut| &self.stdout[debut + 1..])
            .unwrap_or_default();
        let progression = [
            "Compiling ",
            "Checking ",
            "Blocking ",
            "Downloaded ",
            "Downloading ",
            "Fresh ",
            "Running ",
            "Finished ",
            "Doc-tests ",
        ];
        let erreurs: Vec<&str> = self
            .stderr
            .lines()
            .filter(|ligne| {
                !progression
                    .iter()
                    .any(|p| ligne.trim_start().starts_with(p))
            })
            .collect();
        let tout: Vec<&str> = tests.lines().chain(erreurs).collect();
        tout[tout.len().saturating_sub(lignes)..].join("\n")
    }
}

/// La racine du dépôt (le dossier du `Cargo.toml` de l'espace de travail). `cargo run` donne
/// le dossier de xtask à l'exécution ; la valeur de compilation ne sert que de repli.
pub fn racine() -> PathBuf {
    let xtask = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    xtask
        .parent()
        .expect("xtask/ est dans le dépôt")
        .to_path_buf()
}

/// Une commande `cargo …` lancée depuis la racine du dépôt. Ses tests tournent en parallèle :
/// `.cargo/config.toml` les met un par un pour l'étudiant (échecs dans l'ordre des étapes),
/// mais xtask lit les résultats lui-même et les range.
pub fn cargo(arguments: &[&str]) -> Command {
    let mut commande = Command::new(env!("CARGO"));
    let fils = std::thread::available_parallelism().map_or(2, |n| n.get());
    commande
        .args(arguments)
        .current_dir(racine())
        .env("RUST_TEST_THREADS", fils.to_string());
    commande
}

/// Lance `commande`, passe chaque ligne écrite sur sa sortie d'erreur à `suivre` (cargo y
/// écrit « Compiling tokio … »), et renvoie toute la sortie.
pub fn lancer(mut commande: Command, mut suivre: impl FnMut(&str)) -> Resultat<Sortie> {
    let mut enfant = commande
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Echec::new(
                format!("impossible de lancer {:?} ({e})", commande.get_program()),
                "vérifiez que l'outil est installé et dans votre PATH",
            )
        })?;
    let mut stdout = enfant.stdout.take().expect("stdout capturée");
    let lecteur_stdout = thread::spawn(move || {
        let mut texte = String::new();
        let _ = stdout.read_to_string(&mut texte);
        texte
    });
    let mut stderr = String::new();
    for ligne in BufReader::new(enfant.stderr.take().expect("stderr capturée")).lines() {
        let ligne = ligne.unwrap_or_default();
        suivre(ligne.trim());
        stderr.push_str(&ligne);
        stderr.push('\n');
    }
    let statut = enfant
        .wait()
        .map_err(|e| Echec::new(format!("{:?} : {e}", commande.get_program()), ""))?;
    Ok(Sortie {
        succes: statut.success(),
        stdout: lecteur_stdout.join().unwrap_or_default(),
        stderr,
    })
}

/// Lance `commande` derrière un indicateur qui affiche `titre`, le temps écoulé et la dernière
/// ligne écrite ; une fois la commande finie, une ligne de bilan reste (aussi en CI).
pub fn executer(titre: &str, commande: Command) -> Resultat<Sortie> {
    let (sortie, secondes) = executer_sans_bilan(titre, commande);
    let marque = if sortie.as_ref().is_ok_and(|s| s.succes) {
        "✓"
    } else {
        "✗"
    };
    eprintln!("{marque} {titre} ({secondes} s)");
    sortie
}

/// Comme [`executer`], sans ligne de bilan : l'appelant juge lui-même du résultat.
/// Renvoie aussi la durée, en secondes.
pub fn executer_sans_bilan(titre: &str, commande: Command) -> (Resultat<Sortie>, u64) {
    let barre = ProgressBar::new_spinner();
    barre.set_style(
        ProgressStyle::with_template("{spinner} {prefix} [{elapsed}] {wide_msg}")
            .expect("gabarit valide"),
    );
    barre.set_prefix(titre.to_string());
    barre.enable_steady_tick(Duration::from_millis(120));
    let sortie = lancer(commande, |ligne| barre.set_message(ligne.to_string()));
    barre.finish_and_clear();
    (sortie, barre.elapsed().as_secs())
}

/// Comme [`executer`], mais un échec de la commande est une erreur qui montre la fin de sa sortie.
pub fn exiger(titre: &str, commande: Command, conseil: &str) -> Resultat<Sortie> {
    let sortie = executer(titre, commande)?;
    if sortie.succes {
        Ok(sortie)
    } else {
        Err(Echec::new(
            format!("{titre} a échoué :\n{}", sortie.fin(40)),
            conseil,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn la_fin_d_un_echec_montre_les_tests_en_echec_et_les_erreurs_sans_la_progression() {
        let sortie = Sortie {
            succes: false,
            stdout: "running 2 tests\ntest a ... ok\ntest b ... FAILED\n\nfailures:\n\n---- b stdout ----\nattendu 405\n".into(),
            stderr: "   Compiling livre v0.1.0\nerror: test failed, to rerun pass `--lib`\n".into(),
        };
        assert_eq!(
            sortie.fin(10),
            "failures:\n\n---- b stdout ----\nattendu 405\nerror: test failed, to rerun pass `--lib`"
        );
    }
}
