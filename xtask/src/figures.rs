//! `cargo xtask figures` : les figures du livre, dessinées en SVG par le code même des
//! solutions (l'exemple `figures` de la solution 05), et vérifiées par `cargo xtask test` : la
//! figure commise est celle que le code produit aujourd'hui. Le dessin (plotters) vit dans la
//! solution, pour que xtask reste léger.

use crate::console::{Echec, Resultat, cargo, exiger, racine};
use std::fs;
use std::path::Path;

/// Un programme qui dessine des figures, et le dossier du livre où elles vont.
struct Figures {
    paquet: &'static str,
    exemple: &'static str,
    dossier: &'static str,
}

const FIGURES: [Figures; 1] = [Figures {
    paquet: "solution-05-limitation-debit",
    exemple: "figures",
    dossier: "chapters/ch05-limitation-debit/figures",
}];

/// `cargo xtask figures` : (re)dessine chaque figure dans le livre.
pub fn generer() -> Resultat {
    for figures in &FIGURES {
        dessiner(figures, &racine().join(figures.dossier))?;
        eprintln!("✓ figures écrites dans {}", figures.dossier);
    }
    Ok(())
}

/// Dans `cargo xtask test` : chaque figure commise est celle que le code dessine aujourd'hui.
pub fn verifier() -> Resultat {
    let mut nombre = 0;
    for figures in &FIGURES {
        let essai = racine()
            .join("target/figures")
            .join(std::process::id().to_string());
        let _ = fs::remove_dir_all(&essai);
        dessiner(figures, &essai)?;
        for entree in fs::read_dir(&essai).into_iter().flatten().flatten() {
            let nom = entree.file_name();
            let commise = racine().join(figures.dossier).join(&nom);
            let dessinee = fs::read(entree.path()).unwrap_or_default();
            if fs::read(&commise).ok() != Some(dessinee) {
                return Err(Echec::new(
                    format!(
                        "la figure {} n'est pas celle que le code produit aujourd'hui",
                        commise.strip_prefix(racine()).unwrap_or(&commise).display()
                    ),
                    "lancez `cargo xtask figures`, regardez la figure, puis commettez-la",
                ));
            }
            nombre += 1;
        }
        let _ = fs::remove_dir_all(&essai);
    }
    eprintln!("✓ figures : {nombre} à jour");
    Ok(())
}

fn dessiner(figures: &Figures, dossier: &Path) -> Resultat {
    let mut commande = cargo(&[
        "run",
        "-q",
        "-p",
        figures.paquet,
        "--example",
        figures.exemple,
        "--",
    ]);
    commande.arg(dossier);
    exiger(
        &format!(
            "dessin des figures ({} --example {})",
            figures.paquet, figures.exemple
        ),
        commande,
        &format!(
            "corrigez l'exemple {} de {}",
            figures.exemple, figures.paquet
        ),
    )
    .map(drop)
}
