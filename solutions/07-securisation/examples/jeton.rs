//! Imprime un jeton de test signé par la clé de test du dépôt, que l'autorisateur accepte quand
//! il est configuré par `Configuration::locale()`. Lancé par `cargo xtask jeton`, qui lit les
//! options ; ses arguments sont, dans l'ordre : le sujet, la durée de validité en secondes, puis
//! les portées.

use solution_07_securisation::cles_de_test::{OptionsJeton, jeton_de_test};
use std::process::ExitCode;
use std::time::Duration;

fn main() -> ExitCode {
    let mut arguments = std::env::args().skip(1);
    let (Some(sub), Some(secondes)) = (arguments.next(), arguments.next()) else {
        eprintln!("usage : jeton <sujet> <secondes> [portée…] (ou `cargo xtask jeton --help`)");
        return ExitCode::FAILURE;
    };
    let Ok(secondes) = secondes.parse::<u64>() else {
        eprintln!("la durée de validité doit être un nombre de secondes, reçu « {secondes} »");
        return ExitCode::FAILURE;
    };
    let options = OptionsJeton {
        sub,
        scopes: arguments.collect(),
        expire_dans: Duration::from_secs(secondes),
    };
    println!("{}", jeton_de_test(&options));
    ExitCode::SUCCESS
}
