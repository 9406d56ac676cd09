//! Les nombres écrits à la française : virgule décimale, espace insécable entre les milliers.

/// Espace insécable (avant `:` `;` `?` `!`, dans les guillemets, entre les milliers).
pub const INSECABLE: char = '\u{a0}';

/// `valeur` avec `decimales` chiffres après la virgule : `12345.6` → `12 345,6`.
pub fn nombre(valeur: f64, decimales: usize) -> String {
    let texte = format!("{valeur:.decimales$}");
    let (signe, texte) = match texte.strip_prefix('-') {
        Some(reste) => ("-", reste.to_string()),
        None => ("", texte),
    };
    let (entier, fraction) = match texte.split_once('.') {
        Some((entier, fraction)) => (entier.to_string(), Some(fraction.to_string())),
        None => (texte, None),
    };
    let mut groupe = String::new();
    if entier.len() >= 4 {
        for (rang, chiffre) in entier.chars().enumerate() {
            if rang > 0 && (entier.len() - rang) % 3 == 0 {
                groupe.push(INSECABLE);
            }
            groupe.push(chiffre);
        }
    } else {
        groupe = entier;
    }
    match fraction {
        Some(fraction) => format!("{signe}{groupe},{fraction}"),
        None => format!("{signe}{groupe}"),
    }
}

/// Trois chiffres significatifs au plus, sans en inventer : `7.634` → `7,63`, `76.34` → `76,3`,
/// `763.4` → `763`.
pub fn significatif(valeur: f64) -> String {
    let decimales = match valeur.abs() {
        v if v < 10.0 => 2,
        v if v < 100.0 => 1,
        _ => 0,
    };
    nombre(valeur, decimales)
}

/// Une durée donnée en nanosecondes, en microsecondes : `7634.0` → `7,63 µs`.
pub fn microsecondes(ns: f64) -> String {
    format!("{}{INSECABLE}µs", significatif(ns / 1000.0))
}

/// Une durée en millisecondes : `12.345` → `12,3 ms`.
pub fn millisecondes(ms: f64) -> String {
    format!("{}{INSECABLE}ms", significatif(ms))
}

/// Une durée en secondes : `12.345` → `12,3 s`.
pub fn secondes(s: f64) -> String {
    format!("{}{INSECABLE}s", significatif(s))
}

/// Une taille en octets, en Mio (ou en Kio sous 1 Mio).
pub fn taille(octets: u64) -> String {
    let kio = octets as f64 / 1024.0;
    if kio < 1024.0 {
        format!("{}{INSECABLE}Kio", significatif(kio))
    } else {
        format!("{}{INSECABLE}Mio", significatif(kio / 1024.0))
    }
}

/// Un pourcentage : `0.4012` → `40,1 %`.
pub fn pourcentage(part: f64) -> String {
    format!("{}{INSECABLE}%", nombre(part * 100.0, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn les_milliers_sont_separes_par_une_espace_insecable_et_la_virgule_est_decimale() {
        assert_eq!(nombre(12345.64, 1), "12\u{a0}345,6");
        assert_eq!(nombre(1024.0, 0), "1\u{a0}024");
        assert_eq!(nombre(999.0, 0), "999");
        assert_eq!(nombre(-0.5, 2), "-0,50");
    }

    #[test]
    fn trois_chiffres_significatifs_au_plus() {
        assert_eq!(microsecondes(7634.0), "7,63\u{a0}µs");
        assert_eq!(millisecondes(76.34), "76,3\u{a0}ms");
        assert_eq!(secondes(763.4), "763\u{a0}s");
        assert_eq!(taille(2_621_440), "2,50\u{a0}Mio");
        assert_eq!(taille(512_000), "500\u{a0}Kio");
        assert_eq!(pourcentage(0.4012), "40,1\u{a0}%");
    }
}
