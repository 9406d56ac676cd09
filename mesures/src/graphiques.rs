//! Les figures SVG de la page, dessinées avec plotters à partir de `mesures.json` seul. Sans
//! la fonctionnalité `ttf`, plotters n'écrit que des éléments `<text>` : les mêmes données
//! donnent les mêmes octets sur toutes les machines.

use crate::evenements::Route;
use crate::format::significatif;
use crate::resultats::{Boucle, DemarrageAFroid, EnMemoire, Resultats};
use crate::statistiques::mediane;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Rust, Python : des couleurs lisibles sur le thème clair, distinctes pour un daltonien.
const RUST: RGBColor = RGBColor(0, 114, 178);
const RUST_CLAIR: RGBColor = RGBColor(140, 190, 225);
const PYTHON: RGBColor = RGBColor(213, 94, 0);
const PYTHON_CLAIR: RGBColor = RGBColor(240, 180, 140);
const GRIS: RGBColor = RGBColor(90, 90, 90);

/// Les figures : nom de fichier et contenu SVG. Une section non mesurée n'a pas de figure.
pub fn dessiner(r: &Resultats) -> Result<Vec<(&'static str, String)>, String> {
    let mut figures = vec![("en-memoire.svg", en_memoire(&r.en_memoire)?)];
    if let Some(d) = &r.demarrage_a_froid {
        figures.push(("demarrage.svg", demarrage(d)?));
    }
    if let Some(b) = &r.boucle {
        figures.push(("boucle.svg", boucle(b)?));
    }
    Ok(figures)
}

fn erreur(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Une zone de dessin SVG blanche de `taille`, remplie par `dessin`.
fn svg(
    taille: (u32, u32),
    dessin: impl FnOnce(&DrawingArea<SVGBackend, Shift>) -> Result<(), String>,
) -> Result<String, String> {
    let mut texte = String::new();
    {
        let zone = SVGBackend::with_string(&mut texte, taille).into_drawing_area();
        zone.fill(&WHITE).map_err(erreur)?;
        dessin(&zone)?;
        zone.present().map_err(erreur)?;
    }
    Ok(texte)
}

/// Section 1 : pour chaque route, une barre Rust et une barre Python (médianes, µs), la
/// lecture de l'événement en clair.
fn en_memoire(m: &EnMemoire) -> Result<String, String> {
    // Une ligne par route : son nom, puis la barre Rust, puis la barre Python.
    let mut barres = Vec::new();
    for (rang, route) in Route::TOUTES.iter().enumerate() {
        for (decalage, liste, fonce, clair, langage) in [
            (0.25, &m.rust, RUST, RUST_CLAIR, "Rust"),
            (0.6, &m.python, PYTHON, PYTHON_CLAIR, "Python"),
        ] {
            if let Some(i) = liste.iter().find(|i| i.route == route.cle()) {
                barres.push((
                    rang as f64 + decalage,
                    i.mediane_ns / 1000.0,
                    i.lecture_mediane_ns / 1000.0,
                    fonce,
                    clair,
                    langage,
                ));
            }
        }
    }
    let maximum = barres.iter().map(|b| b.1).fold(1.0, f64::max) * 1.25;
    svg((720, 340), |zone| {
        let mut graphique = ChartBuilder::on(zone)
            .caption(
                "Une invocation en mémoire (médiane, µs)",
                ("sans-serif", 18),
            )
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(10)
            .build_cartesian_2d(0.0..maximum, 3.0..0.0)
            .map_err(erreur)?;
        graphique
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_label_formatter(&|x| format!("{x:.0}"))
            .draw()
            .map_err(erreur)?;
        for (rang, route) in Route::TOUTES.iter().enumerate() {
            graphique
                .draw_series([Text::new(
                    route.libelle().to_string(),
                    (maximum * 0.005, rang as f64 + 0.05),
                    ("sans-serif", 14).into_font(),
                )])
                .map_err(erreur)?;
        }
        for (y, total, lecture, fonce, clair, langage) in &barres {
            graphique
                .draw_series([
                    Rectangle::new([(0.0, *y), (*total, y + 0.3)], fonce.filled()),
                    Rectangle::new([(0.0, *y), (*lecture, y + 0.3)], clair.filled()),
                ])
                .map_err(erreur)?;
            graphique
                .draw_series([Text::new(
                    format!("{langage} {}", significatif(*total)),
                    (total + maximum * 0.01, y + 0.05),
                    ("sans-serif", 13).into_font().color(&GRIS),
                )])
                .map_err(erreur)?;
        }
        Ok(())
    })
}

/// Section 2 : chaque démarrage en point, la médiane en trait ; échelle logarithmique, pour
/// que Rust et Python tiennent sur le même axe.
fn demarrage(d: &DemarrageAFroid) -> Result<String, String> {
    let toutes: Vec<f64> = d
        .rust
        .durees_ms
        .iter()
        .chain(&d.python.durees_ms)
        .copied()
        .collect();
    let minimum = toutes.iter().copied().fold(f64::MAX, f64::min).max(0.1) / 1.5;
    let maximum = toutes.iter().copied().fold(1.0, f64::max) * 1.5;
    svg((720, 240), |zone| {
        let mut graphique = ChartBuilder::on(zone)
            .caption(
                "Démarrage à froid jusqu'à la première réponse (ms, échelle log.)",
                ("sans-serif", 18),
            )
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(10)
            .build_cartesian_2d((minimum..maximum).log_scale(), 1.6..-0.6)
            .map_err(erreur)?;
        graphique
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .x_label_formatter(&|x| {
                if *x >= 10.0 {
                    crate::format::nombre(*x, 0)
                } else {
                    significatif(*x)
                }
            })
            .draw()
            .map_err(erreur)?;
        for (rang, serie, couleur, langage) in [
            (0.0, &d.rust, RUST, "Rust"),
            (1.0, &d.python, PYTHON, "Python"),
        ] {
            // Les points s'étalent un peu en hauteur (selon leur ordre) pour ne pas se cacher.
            graphique
                .draw_series(serie.durees_ms.iter().enumerate().map(|(i, &ms)| {
                    let y = rang + ((i % 7) as f64 - 3.0) * 0.06;
                    Circle::new((ms, y), 4, couleur.mix(0.6).filled())
                }))
                .map_err(erreur)?;
            if let Some(med) = mediane(&serie.durees_ms) {
                graphique
                    .draw_series([PathElement::new(
                        vec![(med, rang - 0.3), (med, rang + 0.3)],
                        couleur.stroke_width(3),
                    )])
                    .map_err(erreur)?;
                // Le nom à gauche de la ligne : il reste dans la figure quelle que soit la médiane.
                graphique
                    .draw_series([Text::new(
                        format!("{langage} : médiane {} ms", significatif(med)),
                        (minimum * 1.05, rang - 0.5),
                        ("sans-serif", 14).into_font().color(&couleur),
                    )])
                    .map_err(erreur)?;
            }
        }
        Ok(())
    })
}

/// Section 5 : la médiane de chaque atelier, en secondes.
fn boucle(b: &Boucle) -> Result<String, String> {
    let medianes: Vec<(String, f64)> = b
        .ateliers
        .iter()
        .map(|a| {
            let numero = a.paquet.trim_start_matches("lab-");
            let numero = numero.split('-').next().unwrap_or_default().to_string();
            (numero, mediane(&a.durees_s).unwrap_or(0.0))
        })
        .collect();
    let maximum = medianes.iter().map(|m| m.1).fold(1.0, f64::max) * 1.2;
    let nombre = medianes.len().max(1) as u32;
    svg((720, 280), |zone| {
        let mut graphique = ChartBuilder::on(zone)
            .caption(
                "Enregistrer, compiler, tester : un atelier (médiane, s)",
                ("sans-serif", 18),
            )
            .margin(10)
            .x_label_area_size(30)
            .y_label_area_size(40)
            .build_cartesian_2d((0..nombre).into_segmented(), 0.0..maximum)
            .map_err(erreur)?;
        graphique
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(nombre as usize)
            .x_label_formatter(&|x| match x {
                SegmentValue::CenterOf(rang) => medianes
                    .get(*rang as usize)
                    .map_or(String::new(), |m| format!("atelier {}", m.0)),
                _ => String::new(),
            })
            .y_label_formatter(&|y| format!("{y:.0}"))
            .draw()
            .map_err(erreur)?;
        graphique
            .draw_series(medianes.iter().enumerate().map(|(rang, (_, s))| {
                let rang = rang as u32;
                let mut barre = Rectangle::new(
                    [
                        (SegmentValue::Exact(rang), 0.0),
                        (SegmentValue::Exact(rang + 1), *s),
                    ],
                    RUST.filled(),
                );
                barre.set_margin(0, 0, 10, 10);
                barre
            }))
            .map_err(erreur)?;
        Ok(())
    })
}
