//! Ce que la passerelle écrit : le démarrage, une ligne de pipeline lisible par requête, la
//! ligne du journal d'accès au format du gabarit, et les journaux des fonctions, préfixés par
//! leur nom. Une [`Sortie`] reçoit chaque ligne : la console en marche normale, une liste que
//! les tests relisent.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// Une ligne, selon sa nature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ligne {
    /// Ce que la passerelle dit d'elle-même (démarrage, reconstruction, avertissements).
    Info(String),
    /// Le parcours d'une requête, étape par étape.
    Pipeline(String),
    /// La ligne du journal d'accès (`AccessLogSetting.Format`).
    Acces(String),
    /// Une ligne écrite par une fonction sur sa sortie standard ou d'erreur.
    Fonction { nom: String, texte: String },
}

/// Où vont les lignes.
pub type Sortie = Arc<dyn Fn(Ligne) + Send + Sync>;

/// La console ; les journaux des fonctions vont dans `fichier` s'il est donné.
pub fn console(fichier: Option<std::fs::File>) -> Sortie {
    let fichier = fichier.map(Mutex::new);
    Arc::new(move |ligne| match ligne {
        Ligne::Info(texte) => println!("{texte}"),
        Ligne::Pipeline(texte) => println!("{texte}"),
        Ligne::Acces(texte) => println!("  accès │ {texte}"),
        Ligne::Fonction { nom, texte } => match &fichier {
            Some(fichier) => {
                let mut fichier = fichier.lock().unwrap_or_else(PoisonError::into_inner);
                let _ = writeln!(fichier, "{nom} │ {texte}");
            }
            None => println!("  {nom} │ {texte}"),
        },
    })
}

/// Une sortie qui garde tout, pour les tests.
#[derive(Clone, Default)]
pub struct Memoire {
    lignes: Arc<Mutex<Vec<Ligne>>>,
}

impl Memoire {
    pub fn sortie(&self) -> Sortie {
        let lignes = self.lignes.clone();
        Arc::new(move |ligne| {
            lignes
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(ligne)
        })
    }

    pub fn lignes(&self) -> Vec<Ligne> {
        self.lignes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Les lignes du journal d'accès.
    pub fn acces(&self) -> Vec<String> {
        self.lignes()
            .into_iter()
            .filter_map(|l| match l {
                Ligne::Acces(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    /// Les lignes de pipeline.
    pub fn pipeline(&self) -> Vec<String> {
        self.lignes()
            .into_iter()
            .filter_map(|l| match l {
                Ligne::Pipeline(t) => Some(t),
                _ => None,
            })
            .collect()
    }
}

/// Remplace chaque `$context.nom` de `format` par sa valeur ; une variable inconnue, ou sans
/// valeur pour cette requête, devient `-`, comme dans un journal d'accès d'API Gateway.
pub fn substituer(format: &str, variables: &BTreeMap<String, String>) -> String {
    const PREFIXE: &str = "$context.";
    let mut resultat = String::with_capacity(format.len());
    let mut reste = format;
    while let Some(debut) = reste.find(PREFIXE) {
        resultat.push_str(&reste[..debut]);
        let apres = &reste[debut + PREFIXE.len()..];
        let longueur = apres
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
            .unwrap_or(apres.len());
        let nom = apres[..longueur].trim_end_matches('.');
        match variables.get(nom) {
            Some(valeur) if !valeur.is_empty() => resultat.push_str(valeur),
            _ => resultat.push('-'),
        }
        reste = &apres[nom.len()..];
    }
    resultat.push_str(reste);
    resultat
}

#[cfg(test)]
mod tests {
    use super::substituer;
    use std::collections::BTreeMap;

    #[test]
    fn une_variable_inconnue_ou_vide_devient_un_tiret_et_le_nom_le_plus_long_l_emporte() {
        let mut v = BTreeMap::new();
        v.insert("identity.apiKeyId".to_string(), "abc".to_string());
        v.insert("identity.apiKey".to_string(), "secret".to_string());
        v.insert("status".to_string(), "201".to_string());
        v.insert("error.responseType".to_string(), String::new());
        let ligne = substituer(
            r#"{"cle":"$context.identity.apiKeyId","statut":$context.status,"x":"$context.inconnue","e":"$context.error.responseType"}."#,
            &v,
        );
        assert_eq!(ligne, r#"{"cle":"abc","statut":201,"x":"-","e":"-"}."#);
    }
}
