//! Médiane et centiles d'une série de mesures.

/// Le centile `p` (de 0 à 100) de `valeurs`, par interpolation linéaire entre les deux rangs
/// voisins (la méthode par défaut de numpy et de Python `statistics.quantiles(method="inclusive")`) ;
/// `None` pour une série vide.
pub fn centile(valeurs: &[f64], p: f64) -> Option<f64> {
    let mut triees: Vec<f64> = valeurs.iter().copied().filter(|v| v.is_finite()).collect();
    if triees.is_empty() {
        return None;
    }
    triees.sort_by(f64::total_cmp);
    let rang = (p.clamp(0.0, 100.0) / 100.0) * (triees.len() - 1) as f64;
    let bas = rang.floor() as usize;
    let haut = rang.ceil() as usize;
    Some(triees[bas] + (triees[haut] - triees[bas]) * (rang - bas as f64))
}

/// La médiane de `valeurs`.
pub fn mediane(valeurs: &[f64]) -> Option<f64> {
    centile(valeurs, 50.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn la_mediane_d_un_nombre_pair_de_valeurs_est_la_moyenne_des_deux_du_milieu() {
        assert_eq!(mediane(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
        assert_eq!(mediane(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(mediane(&[]), None);
    }

    #[test]
    fn le_90e_centile_interpole_entre_les_rangs_voisins() {
        let valeurs: Vec<f64> = (1..=11).map(f64::from).collect();
        assert_eq!(centile(&valeurs, 90.0), Some(10.0));
        assert_eq!(centile(&[1.0, 2.0], 90.0), Some(1.9));
        assert_eq!(centile(&valeurs, 100.0), Some(11.0));
    }
}
