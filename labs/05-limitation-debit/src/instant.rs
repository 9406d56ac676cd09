//! Le temps, injecté : chaque fonction du limiteur reçoit l'instant présent en paramètre.
//! En production, on lui passe [`maintenant`] ; dans les tests, des instants choisis, qui
//! rendent les résultats exacts et instantanés (aucun test n'attend). Page « 5.3 Le seau à
//! jetons » du chapitre 05 (`chapters/ch05-limitation-debit/seau.md`).

use chrono::{DateTime, TimeDelta, TimeZone, Utc};

/// Un instant, en temps universel (UTC), à la nanoseconde.
pub type Instant = DateTime<Utc>;

/// Un jeton, compté en milliardièmes : le seau compte ses jetons en entiers, comme le
/// chapitre 04 compte les prix en centimes, pour que 300 requêtes par seconde pendant
/// 10 secondes donnent un compte exact.
pub const UN_JETON: u64 = 1_000_000_000;

/// L'instant présent, lu sur l'horloge du système.
pub fn maintenant() -> Instant {
    Utc::now()
}

/// L'instant `annee-mois-jour heure:minute:seconde` en UTC.
///
/// # Panics
///
/// Si la date n'existe pas (un 30 février) : ne l'appelez qu'avec des dates écrites à la main.
pub fn utc(annee: i32, mois: u32, jour: u32, heure: u32, minute: u32, seconde: u32) -> Instant {
    Utc.with_ymd_and_hms(annee, mois, jour, heure, minute, seconde)
        .single()
        .unwrap_or_else(|| {
            panic!("{annee}-{mois:02}-{jour:02} {heure:02}:{minute:02}:{seconde:02} n'existe pas")
        })
}

/// `instant` décalé de `secondes` (fractionnaires), à la nanoseconde près (arrondi inférieur).
pub fn plus_secondes(instant: Instant, secondes: f64) -> Instant {
    instant + TimeDelta::nanoseconds((secondes * 1e9).floor() as i64)
}

/// `instant` décalé de `nanosecondes`.
pub fn plus_nanos(instant: Instant, nanosecondes: i64) -> Instant {
    instant + TimeDelta::nanoseconds(nanosecondes)
}
