//! Le corps de `POST /produits` et sa lecture JSON (fourni, rien à écrire ici).
//!
//! [`NouveauProduit::depuis_json`] ne fait que **lire** : chaque champ y est optionnel, et
//! les règles (nom non vide, prix positif…) sont votre travail, dans `lib.rs`. Ce module
//! traduit en français les refus de serde, en nommant le champ fautif.

use crate::erreur::ErreurApi;
use serde::Deserialize;
use serde_json::error::Category;
use solution_03_integration_proxy::produit::Prix;

// ANCHOR: limites
/// La taille maximale d'un corps, en octets : 16 Kio.
///
/// Le plus gros corps valide (100 caractères de nom, 1000 de description, tous écrits en
/// JSON sous la forme la plus longue, `\uD83D\uDE00`, soit 12 octets par caractère) fait
/// un peu plus de 13 200 octets ; 16 Kio le laisse passer et refuse tout le reste avant de
/// lire le JSON. API Gateway accepte jusqu'à 10 Mio et Lambda 6 Mio : sans notre limite, la
/// fonction lirait des millions d'octets pour rien (page « 4.7 Valider les entrées »).
pub const TAILLE_MAXIMALE_CORPS: usize = 16 * 1024;

/// La longueur maximale de `nom`, en caractères (pas en octets), une fois les espaces retirés.
pub const LONGUEUR_MAXIMALE_NOM: usize = 100;

/// La longueur maximale de `description`, en caractères.
pub const LONGUEUR_MAXIMALE_DESCRIPTION: usize = 1000;

/// Le prix maximal : 1 000 000,00 €.
///
/// Une borne métier, bien en dessous de la limite technique : au-delà de 2⁵³ centimes
/// (environ 90 000 milliards d'euros), un `f64` ne représente plus chaque centime.
pub const PRIX_MAXIMAL: Prix = Prix::en_centimes(100_000_000);
// ANCHOR_END: limites

// ANCHOR: nouveau_produit
/// Le corps attendu de `POST /produits` : `{"nom": "…", "prix": 49.9, "description": "…"}`.
///
/// Un champ absent ou `null` donne `None`. Un champ inconnu (`"id"`, `"couleur"`…) est refusé :
/// c'est le serveur qui fabrique l'identifiant.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NouveauProduit {
    pub nom: Option<String>,
    pub prix: Option<f64>,
    pub description: Option<String>,
}
// ANCHOR_END: nouveau_produit

/// Les champs permis, et ce que chacun doit contenir (pour les messages d'erreur).
const CHAMPS: [(&str, &str); 3] = [
    ("nom", "une chaîne de caractères"),
    ("prix", "un nombre, par exemple 49.9"),
    ("description", "une chaîne de caractères"),
];

impl NouveauProduit {
    /// Lit `octets` comme un objet JSON `NouveauProduit`.
    ///
    /// Toute erreur est une [`ErreurApi::CorpsInvalide`] dont le message, en français, dit ce
    /// qui ne va pas et nomme le champ fautif quand il y en a un.
    pub fn depuis_json(octets: &[u8]) -> Result<Self, ErreurApi> {
        // serde accepte aussi un tableau à la place d'un objet (`["Clavier", 49.9]`) :
        // nous voulons un objet, et le disons.
        let premier = octets.iter().find(|octet| !octet.is_ascii_whitespace());
        if premier != Some(&b'{') {
            return Err(ErreurApi::CorpsInvalide(
                "Le corps doit être un objet JSON, par exemple {\"nom\": \"Clavier\", \"prix\": 49.9}."
                    .to_string(),
            ));
        }
        let mut lecteur = serde_json::Deserializer::from_slice(octets);
        // serde_path_to_error garde le chemin du champ en cause (`prix`, `couleur`…).
        let produit = serde_path_to_error::deserialize(&mut lecteur).map_err(traduire)?;
        lecteur.end().map_err(|erreur| {
            ErreurApi::CorpsInvalide(format!(
                "Le corps contient autre chose après l'objet JSON ({}).",
                position(&erreur)
            ))
        })?;
        Ok(produit)
    }
}

/// Traduit un refus de serde en message français qui nomme le champ.
fn traduire(erreur: serde_path_to_error::Error<serde_json::Error>) -> ErreurApi {
    let chemin = erreur.path().to_string();
    let erreur = erreur.into_inner();
    let attendu = CHAMPS
        .iter()
        .find(|(champ, _)| *champ == chemin)
        .map(|(_, attendu)| *attendu);
    let message = match (erreur.classify(), attendu) {
        (Category::Eof, _) => format!(
            "Le JSON du corps s'arrête avant la fin ({}).",
            position(&erreur)
        ),
        // Un nombre hors des limites d'un f64 (`1e999`), `NaN`, un texte mal fermé…
        (Category::Syntax, Some(attendu)) => format!(
            "Le champ `{chemin}` ne contient pas une valeur JSON valide : attendu {attendu} ({}).",
            position(&erreur)
        ),
        // (Une erreur d'entrée-sortie ne peut pas venir d'une tranche d'octets.)
        (Category::Syntax, None) | (Category::Io, _) => {
            format!("Le corps n'est pas du JSON valide ({}).", position(&erreur))
        }
        (Category::Data, Some(attendu)) => {
            format!("Le champ `{chemin}` doit être {attendu}.")
        }
        // Dans un objet, la seule erreur de données sans chemin est un champ répété.
        (Category::Data, None) if chemin == "." => {
            "Un même champ apparaît deux fois dans l'objet JSON.".to_string()
        }
        (Category::Data, None) => {
            format!("Champ inconnu : `{chemin}`. Champs permis : `nom`, `prix`, `description`.")
        }
    };
    ErreurApi::CorpsInvalide(message)
}

fn position(erreur: &serde_json::Error) -> String {
    format!("ligne {}, colonne {}", erreur.line(), erreur.column())
}
