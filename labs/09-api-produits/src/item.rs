//! Un produit sous la forme d'un article DynamoDB, et retour (fourni, rien à écrire ici).
//!
//! Un article est une table d'attributs typés : `S` pour une chaîne, `N` pour un nombre.
//! Le prix voyage en `N`, écrit en texte décimal à partir des centimes (`4990` → `"49.90"`),
//! et il est relu depuis ce texte : jamais de `f64` entre les deux, donc aucun centime perdu
//! (chapitre 09, page 9.3, « Le prix exact, du JSON à DynamoDB »).

use aws_sdk_dynamodb::types::AttributeValue;
use solution_03_integration_proxy::produit::{Prix, Produit};
use solution_04_erreurs::erreur::ErreurApi;
use std::collections::HashMap;

/// Le nom de l'attribut clé de la table (clé de partition, de type `S`).
pub const CLE: &str = "id";

/// La taille maximale d'une clé de partition DynamoDB, en octets.
pub const TAILLE_MAXIMALE_CLE: usize = 2048;

/// L'article DynamoDB qui représente `produit` (sans `description` quand elle est absente).
pub fn vers_item(produit: &Produit) -> HashMap<String, AttributeValue> {
    let mut item = HashMap::from([
        (CLE.to_string(), AttributeValue::S(produit.id.clone())),
        ("nom".to_string(), AttributeValue::S(produit.nom.clone())),
        (
            "prix".to_string(),
            AttributeValue::N(prix_en_nombre(produit.prix)),
        ),
    ]);
    if let Some(description) = &produit.description {
        item.insert(
            "description".to_string(),
            AttributeValue::S(description.clone()),
        );
    }
    item
}

/// Le produit que représente `item`.
///
/// Un article que notre code n'a pas pu écrire (attribut absent, mauvais type, prix qui n'est
/// pas un nombre de centimes) est un défaut des données : [`ErreurApi::Interne`], dont le
/// détail reste au journal.
pub fn depuis_item(item: &HashMap<String, AttributeValue>) -> Result<Produit, ErreurApi> {
    let texte = |nom: &str| match item.get(nom) {
        Some(AttributeValue::S(valeur)) => Ok(Some(valeur.clone())),
        None => Ok(None),
        Some(autre) => Err(ErreurApi::Interne(format!(
            "l'attribut `{nom}` de l'article n'est pas une chaîne : {autre:?}"
        ))),
    };
    let requis = |nom: &str| {
        texte(nom)?.ok_or_else(|| {
            ErreurApi::Interne(format!("l'article n'a pas d'attribut `{nom}` : {item:?}"))
        })
    };
    let prix = match item.get("prix") {
        Some(AttributeValue::N(nombre)) => prix_depuis_nombre(nombre).ok_or_else(|| {
            ErreurApi::Interne(format!(
                "le prix `{nombre}` de l'article n'est pas un nombre de centimes"
            ))
        })?,
        autre => {
            return Err(ErreurApi::Interne(format!(
                "l'attribut `prix` de l'article n'est pas un nombre : {autre:?}"
            )));
        }
    };
    Ok(Produit {
        id: requis(CLE)?,
        nom: requis("nom")?,
        prix,
        description: texte("description")?,
    })
}

/// Le texte décimal d'un prix, pour le type `N` : `4990` centimes → `"49.90"`.
pub fn prix_en_nombre(prix: Prix) -> String {
    let centimes = prix.centimes();
    format!("{}.{:02}", centimes / 100, centimes % 100)
}

/// Le prix qu'écrit `nombre`, tel que DynamoDB le renvoie (`"49.9"`, `"49.90"`, `"100"`),
/// ou `None` s'il n'est pas un nombre positif d'au plus deux décimales.
///
/// DynamoDB normalise les nombres : il relit `"49.90"` sous la forme `"49.9"`. On compte
/// donc les chiffres après la virgule au lieu de passer par un `f64`.
pub fn prix_depuis_nombre(nombre: &str) -> Option<Prix> {
    let (entiers, decimales) = nombre.split_once('.').unwrap_or((nombre, ""));
    let decimales = decimales.trim_end_matches('0');
    let chiffres = |texte: &str| texte.bytes().all(|octet| octet.is_ascii_digit());
    if entiers.is_empty() || !chiffres(entiers) || !chiffres(decimales) || decimales.len() > 2 {
        return None;
    }
    let euros: u64 = entiers.parse().ok()?;
    let centimes: u64 = format!("{decimales:0<2}").parse().ok()?;
    Some(Prix::en_centimes(
        euros.checked_mul(100)?.checked_add(centimes)?,
    ))
}

#[cfg(test)]
mod tests_du_module {
    use super::*;

    #[test]
    fn le_texte_du_prix_redonne_les_memes_centimes() {
        for centimes in [0, 1, 7, 10, 29, 4990, 8990, 100_000_000] {
            let prix = Prix::en_centimes(centimes);
            assert_eq!(prix_depuis_nombre(&prix_en_nombre(prix)), Some(prix));
        }
        assert_eq!(prix_depuis_nombre("49.9"), Some(Prix::en_centimes(4990)));
        assert_eq!(prix_depuis_nombre("100"), Some(Prix::en_centimes(10000)));
        for refuse in ["", "-1", "1.234", "1e3", ".5", "abc", "1.2.3"] {
            assert_eq!(prix_depuis_nombre(refuse), None, "{refuse:?}");
        }
    }
}
