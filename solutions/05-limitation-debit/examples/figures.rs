//! La figure du seau à jetons (chapitre 05, page 5.3), dessinée en SVG à partir de la simulation
//! de cette solution. Lancée par `cargo xtask figures` (qui l'écrit dans le chapitre) et par
//! `cargo xtask test` (qui vérifie que la figure commise est celle que le code dessine
//! aujourd'hui) ; son argument est le dossier où écrire `seau.svg`.
//!
//! Le SVG ne dépend d'aucune police du système : sans sa fonctionnalité `ttf`, plotters n'y écrit
//! que des éléments `<text>`, que le navigateur met en forme. Les mêmes données donnent les mêmes
//! octets à chaque exécution.

use plotters::prelude::*;
use solution_05_limitation_debit::SeauAJetons;
use solution_05_limitation_debit::simulation::{Simulation, scenario_de_la_figure, simuler};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(dossier) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage : figures <dossier de sortie>");
        return ExitCode::FAILURE;
    };
    let fichier = dossier.join("seau.svg");
    let ecrit = seau_a_jetons().and_then(|svg| {
        std::fs::create_dir_all(&dossier)
            .and_then(|()| std::fs::write(&fichier, svg))
            .map_err(|e| format!("écriture de {} ({e})", fichier.display()))
    });
    match ecrit {
        Ok(()) => ExitCode::SUCCESS,
        Err(erreur) => {
            eprintln!("impossible de dessiner la figure du seau : {erreur}");
            ExitCode::FAILURE
        }
    }
}

const BLEU: RGBColor = RGBColor(31, 119, 180);
const VERT: RGBColor = RGBColor(44, 160, 44);
const ROUGE: RGBColor = RGBColor(214, 39, 40);
const GRIS: RGBColor = RGBColor(120, 120, 120);

/// Chapitre 05, page 5.3 : le niveau d'un seau de débit 100 et de rafale 200, et les requêtes
/// acceptées et refusées, pendant le scénario de la simulation de l'atelier.
fn seau_a_jetons() -> Result<String, String> {
    let duree = 6.0;
    let simulation = simuler(
        SeauAJetons::new(100.0, 200),
        &scenario_de_la_figure(),
        0.01,
        duree,
    );
    let mut svg = String::new();
    {
        let zone = SVGBackend::with_string(&mut svg, (720, 520)).into_drawing_area();
        zone.fill(&WHITE).map_err(|e| e.to_string())?;
        let (haut, bas) = zone.split_vertically(250);
        niveau_du_seau(&haut, &simulation, duree)?;
        requetes_cumulees(&bas, &simulation, duree)?;
        zone.present().map_err(|e| e.to_string())?;
    }
    Ok(svg)
}

type Zone<'a> = DrawingArea<SVGBackend<'a>, plotters::coord::Shift>;

fn niveau_du_seau(zone: &Zone, simulation: &Simulation, duree: f64) -> Result<(), String> {
    let mut graphique = ChartBuilder::on(zone)
        .caption(
            "Jetons dans le seau (débit 100 par seconde, rafale 200)",
            ("sans-serif", 17),
        )
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(52)
        .build_cartesian_2d(0.0..duree, 0.0..300.0)
        .map_err(|e| e.to_string())?;
    graphique
        .configure_mesh()
        .x_labels(7)
        .y_labels(6)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .x_desc("temps (s)")
        .y_desc("jetons")
        .label_style(("sans-serif", 13))
        .draw()
        .map_err(|e| e.to_string())?;
    graphique
        .draw_series(LineSeries::new(
            [(0.0, 200.0), (duree, 200.0)],
            GRIS.stroke_width(1),
        ))
        .map_err(|e| e.to_string())?
        .label("capacité : la rafale (200)")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], GRIS.stroke_width(1)));
    graphique
        .draw_series(LineSeries::new(
            simulation.niveaux.iter().copied(),
            BLEU.stroke_width(2),
        ))
        .map_err(|e| e.to_string())?
        .label("jetons dans le seau")
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], BLEU.stroke_width(2)));
    graphique
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .background_style(WHITE.mix(0.9))
        .border_style(GRIS)
        .label_font(("sans-serif", 13))
        .draw()
        .map_err(|e| e.to_string())
}

fn requetes_cumulees(zone: &Zone, simulation: &Simulation, duree: f64) -> Result<(), String> {
    let mut acceptees = vec![(0.0, 0.0)];
    let mut refusees = vec![(0.0, 0.0)];
    let (mut oui, mut non) = (0.0_f64, 0.0_f64);
    for &(instant, acceptee) in &simulation.requetes {
        if acceptee {
            oui += 1.0;
            acceptees.push((instant, oui));
        } else {
            non += 1.0;
            refusees.push((instant, non));
        }
    }
    acceptees.push((duree, oui));
    refusees.push((duree, non));
    let maximum = (oui.max(non) / 100.0).ceil() * 100.0 + 50.0;

    let mut graphique = ChartBuilder::on(zone)
        .caption(
            "Requêtes offertes : acceptées et refusées (429), en cumul",
            ("sans-serif", 17),
        )
        .margin(12)
        .x_label_area_size(34)
        .y_label_area_size(52)
        .build_cartesian_2d(0.0..duree, 0.0..maximum)
        .map_err(|e| e.to_string())?;
    graphique
        .configure_mesh()
        .x_labels(7)
        .y_labels(6)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|y| format!("{y:.0}"))
        .x_desc("temps (s)")
        .y_desc("requêtes")
        .label_style(("sans-serif", 13))
        .draw()
        .map_err(|e| e.to_string())?;
    graphique
        .draw_series(LineSeries::new(acceptees, VERT.stroke_width(2)))
        .map_err(|e| e.to_string())?
        .label(format!("acceptées ({oui:.0})"))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], VERT.stroke_width(2)));
    graphique
        .draw_series(LineSeries::new(refusees, ROUGE.stroke_width(2)))
        .map_err(|e| e.to_string())?
        .label(format!("refusées, 429 THROTTLED ({non:.0})"))
        .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 22, y)], ROUGE.stroke_width(2)));
    graphique
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(GRIS)
        .label_font(("sans-serif", 13))
        .draw()
        .map_err(|e| e.to_string())
}
