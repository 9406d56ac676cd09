//! L'en-tête de trace X-Ray (fourni, rien à écrire ici ; la lecture, `EnTeteTrace::analyser`,
//! est à écrire dans `lib.rs`).
//!
//! X-Ray propage une trace de service en service dans l'en-tête `X-Amzn-Trace-Id` :
//! `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1`. La fonction
//! Lambda reçoit la même valeur dans le contexte de l'invocation (`Context::xray_trace_id`),
//! que le runtime Rust recopie dans la variable d'environnement `_X_AMZN_TRACE_ID`. Page
//! « 8.5 X-Ray : suivre une requête de service en service ».

use std::fmt;

/// Le nom de l'en-tête HTTP de trace (les noms d'en-têtes ne tiennent pas compte de la casse).
pub const ENTETE_TRACE: &str = "x-amzn-trace-id";

/// Un en-tête de trace X-Ray bien formé.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnTeteTrace {
    /// L'identifiant de la trace, `1-{8 chiffres hexadécimaux}-{24 chiffres hexadécimaux}` :
    /// l'heure de la requête d'origine (secondes depuis 1970), puis 96 bits aléatoires.
    pub racine: String,
    /// L'identifiant du segment parent, 16 chiffres hexadécimaux, quand il est connu.
    pub parent: Option<String>,
    /// La décision d'échantillonnage : `Sampled=1` (oui), `Sampled=0` (non), absente ou
    /// `Sampled=?` (à prendre plus loin).
    pub echantillonne: Option<bool>,
}

/// Réécrit l'en-tête, dans l'ordre `Root`, `Parent`, `Sampled`, pour le transmettre à un
/// service appelé en aval.
impl fmt::Display for EnTeteTrace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Root={}", self.racine)?;
        if let Some(parent) = &self.parent {
            write!(f, ";Parent={parent}")?;
        }
        match self.echantillonne {
            Some(true) => write!(f, ";Sampled=1"),
            Some(false) => write!(f, ";Sampled=0"),
            None => Ok(()),
        }
    }
}
