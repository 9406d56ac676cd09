//! Le type d'erreur de l'API (fourni, rien à écrire ici).
//!
//! Chaque variante est une issue de requête qui n'est pas un succès. Son texte (`Display`,
//! écrit par `thiserror` d'après les attributs `#[error(…)]`) est le **détail** : il va au
//! journal. Ce que voit le client (statut, code, message public) est votre travail, dans
//! `lib.rs` (chapitre 04, pages « 4.3 Un type pour toutes les erreurs de l'API » et
//! « 4.4 Ne rien dévoiler »).

use lambda_http::http::Method;
use solution_03_integration_proxy::catalogue::IdentifiantDejaPris;

// ANCHOR: type
/// Toutes les erreurs que l'API Produits peut renvoyer à un client.
#[derive(Debug, thiserror::Error)]
pub enum ErreurApi {
    /// Un champ ou un paramètre bien lu enfreint une règle (absent, vide, trop long, négatif…).
    #[error("{0}")]
    ParametreInvalide(String),

    /// Le corps ne se lit pas comme l'objet JSON attendu (vide, mal formé, mauvais type, champ inconnu).
    #[error("{0}")]
    CorpsInvalide(String),

    /// Aucun produit ne porte cet identifiant.
    #[error("Aucun produit ne porte l'identifiant {0}.")]
    ProduitIntrouvable(String),

    /// Aucune route de l'API ne correspond à la requête.
    #[error("Aucune route ne correspond à {methode} {chemin}.")]
    RouteInconnue { methode: Method, chemin: String },

    /// La route existe, mais pas pour cette méthode ; `permises` alimente l'en-tête `Allow`.
    #[error("La méthode {methode} n'est pas permise ici (méthodes permises : {permises}).")]
    MethodeNonAutorisee {
        methode: Method,
        permises: &'static str,
    },

    /// Le catalogue refuse un identifiant déjà pris : `?` convertit l'erreur du catalogue
    /// en cette variante grâce à `#[from]`.
    #[error(transparent)]
    ProduitExistant(#[from] IdentifiantDejaPris),

    /// Le corps dépasse la taille permise.
    #[error("Le corps fait {taille} octets : la limite est de {limite} octets.")]
    CorpsTropVolumineux { taille: usize, limite: usize },

    /// L'en-tête `Content-Type` est absent ou n'annonce pas du JSON.
    #[error("{}", texte_type_media(.recu))]
    TypeMediaNonSupporte { recu: Option<String> },

    /// Un défaut de notre code (une panique, un cas « impossible ») : le détail reste au journal.
    #[error("erreur interne : {0}")]
    Interne(String),

    /// Le stockage ne répond pas (chapitre 09 : DynamoDB) : le détail reste au journal.
    #[error("stockage indisponible : {0}")]
    StockageIndisponible(String),
}

fn texte_type_media(recu: &Option<String>) -> String {
    match recu {
        None => "L'en-tête `Content-Type` est absent : envoyez `Content-Type: application/json`."
            .to_string(),
        Some(recu) => {
            format!("L'en-tête `Content-Type` vaut `{recu}` : seul `application/json` est accepté.")
        }
    }
}
// ANCHOR_END: type
