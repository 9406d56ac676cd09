//! Les trois requêtes mesurées, et le magasin qu'elles trouvent : les mêmes pour Rust et pour
//! Python. Les événements viennent du banc d'essai (REST, format de charge utile 1.0, étape
//! `prod`) ; `cargo xtask bench` les écrit en fichiers JSON que le script Python relit.

use banc_essai::Evenement;
use solution_03_integration_proxy::produit::{Prix, Produit};

/// L'origine de la boutique, envoyée par le navigateur et permise par l'API.
pub const ORIGINE: &str = "https://boutique.exemple.fr";

/// Le nombre de produits rangés avant la mesure.
pub const NOMBRE_DE_PRODUITS: u32 = 100;

/// Une route mesurée.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `GET /produits/{id}` sur un produit qui existe.
    ObtenirProduit,
    /// `GET /produits`, sans chaîne de requête (`queryStringParameters` vaut `null`).
    ListerProduits,
    /// `POST /produits` avec un corps JSON valide.
    CreerProduit,
}

impl Route {
    /// Les trois routes, dans l'ordre de la page.
    pub const TOUTES: [Route; 3] = [
        Route::ObtenirProduit,
        Route::ListerProduits,
        Route::CreerProduit,
    ];

    /// Le nom court, qui sert de clé dans le JSON et de nom de fichier.
    pub fn cle(self) -> &'static str {
        match self {
            Route::ObtenirProduit => "obtenir-produit",
            Route::ListerProduits => "lister-produits",
            Route::CreerProduit => "creer-produit",
        }
    }

    /// La route telle que la page l'écrit.
    pub fn libelle(self) -> &'static str {
        match self {
            Route::ObtenirProduit => "GET /produits/{id}",
            Route::ListerProduits => "GET /produits",
            Route::CreerProduit => "POST /produits",
        }
    }

    /// Le statut que doit rendre l'API : une mesure d'un chemin d'erreur ne vaudrait rien.
    pub fn statut_attendu(self) -> u16 {
        match self {
            Route::CreerProduit => 201,
            _ => 200,
        }
    }

    /// L'événement, en JSON, tel que Lambda le remet à la fonction.
    pub fn evenement(self) -> String {
        let evenement = match self {
            Route::ObtenirProduit => Evenement::rest("GET", &format!("/produits/{}", id(42)))
                .ressource("/produits/{id}"),
            Route::ListerProduits => Evenement::rest("GET", "/produits").ressource("/produits"),
            Route::CreerProduit => Evenement::rest("POST", "/produits")
                .ressource("/produits")
                .entete("Content-Type", "application/json")
                .corps(
                    r#"{"nom": "Tapis de yoga", "prix": 24.9, "description": "Liège naturel, 4 mm"}"#,
                ),
        };
        evenement.entete("Origin", ORIGINE).json()
    }
}

/// L'identifiant du produit numéro `numero` : un UUID, comme ceux que fabrique le serveur.
pub fn id(numero: u32) -> String {
    format!("00000000-0000-4000-8000-{numero:012}")
}

/// Les produits du magasin au début de chaque mesure.
pub fn produits() -> Vec<Produit> {
    (1..=NOMBRE_DE_PRODUITS)
        .map(|numero| Produit {
            id: id(numero),
            nom: format!("Produit {numero}"),
            prix: Prix::en_centimes(u64::from(numero) * 100 + 99),
            description: (numero % 2 == 0).then(|| format!("Description du produit {numero}")),
        })
        .collect()
}
