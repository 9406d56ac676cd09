//! Ce que la couche retient d'une requête, et les noms qu'elle écrit (fourni, rien à écrire
//! ici). Pages « 8.2 Des journaux JSON qui ne trahissent rien » et « 8.3 Des métriques à
//! soi : EMF ».

use lambda_http::{Body, Response};
use serde_json::{Map, Value};

/// L'espace de noms CloudWatch des métriques de l'API Produits.
pub const ESPACE_DE_NOMS_PAR_DEFAUT: &str = "ApiProduits";

/// Les noms des dimensions du document EMF.
pub const DIMENSION_ROUTE: &str = "Route";
/// La classe du statut : `2xx`, `4xx`, `5xx`…
pub const DIMENSION_CLASSE: &str = "ClasseStatut";

/// Les noms des métriques du document EMF.
pub const METRIQUE_LATENCE: &str = "Latence";
/// Une requête servie : la métrique vaut 1.
pub const METRIQUE_REQUETES: &str = "Requetes";
/// Une erreur du serveur (statut 5xx) : 1, sinon 0.
pub const METRIQUE_ERREURS: &str = "Erreurs";

/// La valeur écrite à la place d'un secret.
pub const MASQUE: &str = "[MASQUÉ]";

/// Les en-têtes dont la valeur n'est jamais écrite (noms en minuscules).
pub const ENTETES_SENSIBLES: [&str; 6] = [
    "authorization",
    "proxy-authorization",
    "cookie",
    "set-cookie",
    "x-api-key",
    "x-amz-security-token",
];

/// Un paramètre de chaîne de requête dont le nom contient l'un de ces mots (en minuscules)
/// est masqué : `access_token`, `api_key`, `jeton`, `cle_secrete`…
pub const MOTS_SENSIBLES: [&str; 7] = [
    "token",
    "jeton",
    "key",
    "cle",
    "secret",
    "password",
    "signature",
];

/// Tout ce que la couche sait d'une requête servie.
#[derive(Clone, Debug, PartialEq)]
pub struct Mesure {
    /// Début de la requête, en millisecondes depuis 1970 (le `Timestamp` du document EMF).
    pub horodatage_ms: u64,
    /// L'identifiant de l'invocation Lambda, quand il est connu.
    pub request_id: Option<String>,
    /// L'identifiant donné par API Gateway (`requestContext.requestId`).
    pub apigw_request_id: Option<String>,
    /// La méthode HTTP.
    pub methode: String,
    /// Le modèle de la route (`/produits/{id}`), jamais le chemin reçu.
    pub route: String,
    /// Le chemin reçu (`/produits/42`).
    pub chemin: String,
    /// Le statut de la réponse.
    pub statut: u16,
    /// La durée de la requête, en millisecondes (au microseconde près).
    pub latence_ms: f64,
    /// L'identifiant de la trace X-Ray (la valeur de `Root`), quand l'en-tête est bien formé.
    pub trace_id: Option<String>,
    /// `true` pour la première requête servie par cet environnement d'exécution.
    pub demarrage_a_froid: bool,
    /// Le `code` du corps d'une réponse d'erreur (`PRODUIT_INTROUVABLE`…).
    pub code: Option<String>,
    /// Les en-têtes de la requête, secrets masqués.
    pub entetes: Map<String, Value>,
    /// Les paramètres de chaîne de requête, secrets masqués.
    pub parametres: Map<String, Value>,
}

/// Le `code` d'une réponse d'erreur au format du cours (`{"message": …, "code": …}`), lu
/// dans son corps ; `None` pour un succès ou un corps qui n'a pas ce format.
pub fn code_d_erreur(reponse: &Response<Body>) -> Option<String> {
    if reponse.status().as_u16() < 400 {
        return None;
    }
    let corps: Value = serde_json::from_slice(reponse.body().as_ref()).ok()?;
    corps.get("code")?.as_str().map(str::to_string)
}
