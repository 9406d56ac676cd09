//! Une simulation pas à pas d'un seau à jetons, sans horloge réelle : des requêtes offertes à
//! des instants choisis, et le niveau du seau relevé à intervalles réguliers. C'est elle qui
//! produit la figure de la page « 5.3 Le seau à jetons » (`cargo xtask figures`).

use crate::instant::{Instant, plus_secondes, utc};
use crate::seau::SeauAJetons;

/// Ce que la simulation a observé.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    /// Chaque requête offerte : son instant (en secondes depuis le début) et son issue.
    pub requetes: Vec<(f64, bool)>,
    /// Le niveau du seau (en jetons), relevé toutes les `pas` secondes.
    pub niveaux: Vec<(f64, f64)>,
}

impl Simulation {
    /// Le nombre de requêtes acceptées.
    pub fn acceptees(&self) -> usize {
        self.requetes
            .iter()
            .filter(|(_, acceptee)| *acceptee)
            .count()
    }

    /// Le nombre de requêtes refusées (des 429).
    pub fn refusees(&self) -> usize {
        self.requetes.len() - self.acceptees()
    }
}

/// L'instant zéro des simulations : une date fixe, pour des résultats reproductibles.
pub fn origine() -> Instant {
    utc(2026, 1, 5, 9, 0, 0)
}

/// Offre à `seau` une requête à chaque instant de `offres` (en secondes, dans l'ordre), et
/// relève son niveau toutes les `pas` secondes, de 0 à `duree` comprise.
pub fn simuler(mut seau: SeauAJetons, offres: &[f64], pas: f64, duree: f64) -> Simulation {
    let debut = origine();
    let mut requetes = Vec::with_capacity(offres.len());
    let mut niveaux = Vec::new();
    let mut suivante = offres.iter().peekable();
    let releves = (duree / pas).round() as usize;
    for indice in 0..=releves {
        let t = indice as f64 * pas;
        while let Some(&&offre) = suivante.peek() {
            if offre > t {
                break;
            }
            let acceptee = seau.essayer_prendre(plus_secondes(debut, offre));
            requetes.push((offre, acceptee));
            suivante.next();
        }
        niveaux.push((t, seau.jetons(plus_secondes(debut, t))));
    }
    Simulation { requetes, niveaux }
}

/// `nombre` requêtes régulièrement espacées, de `de` (compris) à `a` (non compris), en secondes.
pub fn regulieres(de: f64, a: f64, nombre: usize) -> Vec<f64> {
    let ecart = (a - de) / nombre as f64;
    (0..nombre).map(|i| de + i as f64 * ecart).collect()
}

/// Le scénario de la figure, pour un seau de débit 100 et de rafale 200 : 1 s de calme (le
/// seau est plein), une rafale de 300 requêtes en 30 ms, 150 requêtes par seconde pendant
/// 2 s, 50 par seconde pendant 1,5 s, puis plus rien jusqu'à 6 s.
pub fn scenario_de_la_figure() -> Vec<f64> {
    let mut offres = regulieres(1.0, 1.03, 300);
    offres.extend(regulieres(1.5, 3.5, 300));
    offres.extend(regulieres(3.5, 5.0, 75));
    offres
}
