//! Le banc commun : une API sur un magasin, sa sortie de journal en mémoire, des événements.

use api_produits::{Api, MemoireStore, Store, configuration_cors};
use banc_essai::{Evenement, Format, corps_texte};
use lambda_http::{Body, Response};
use solution_03_integration_proxy::produit::{Prix, Produit};
use solution_08_observabilite::{Observabilite, Sortie, Tampon};

/// L'origine de la boutique, seule permise par les tests.
pub const ORIGINE: &str = "https://boutique.exemple.fr";

/// Les deux formats d'événements que l'API accepte.
pub const FORMATS: [Format; 2] = [Format::Rest, Format::Http];

/// Une API et ce qu'elle a écrit dans son journal.
pub struct Banc<S: Store> {
    pub api: Api<S>,
    pub journal: Tampon,
}

/// Une API sur `magasin`, qui n'accepte que [`ORIGINE`] et journalise dans un tampon.
pub fn banc_sur<S: Store>(magasin: S) -> Banc<S> {
    let journal = Tampon::default();
    let observabilite =
        Observabilite::new("ApiProduits").avec_sortie(Sortie::vers(journal.clone()));
    let cors = configuration_cors(ORIGINE).expect("la configuration CORS des tests est valide");
    Banc {
        api: Api::new(magasin, cors, observabilite),
        journal,
    }
}

/// Une API sur un magasin en mémoire vide.
pub fn banc() -> Banc<MemoireStore> {
    banc_sur(MemoireStore::new())
}

impl<S: Store> Banc<S> {
    pub async fn envoyer(&self, evenement: &Evenement) -> Response<Body> {
        self.api.repondre(evenement.requete()).await
    }
}

/// Un événement pour `chemin`, avec la ressource qu'API Gateway aurait choisie.
pub fn evenement(format: Format, methode: &str, chemin: &str) -> Evenement {
    let segments: Vec<&str> = chemin.split('/').filter(|s| !s.is_empty()).collect();
    let ressource = match segments.as_slice() {
        ["produits"] => "/produits",
        ["produits", _] => "/produits/{id}",
        _ => "/{proxy+}",
    };
    Evenement::au_format(format, methode, chemin).ressource(ressource)
}

/// `POST /produits` avec `Content-Type: application/json` et `corps`.
pub fn creation(format: Format, corps: &str) -> Evenement {
    evenement(format, "POST", "/produits")
        .entete("Content-Type", "application/json")
        .corps(corps)
}

/// Un produit rangé directement dans un magasin (identifiant UUID, comme ceux du serveur).
pub fn produit(numero: u32) -> Produit {
    Produit {
        id: format!("00000000-0000-4000-8000-{numero:012}"),
        nom: format!("Produit {numero}"),
        prix: Prix::en_centimes(u64::from(numero) * 100 + 99),
        description: None,
    }
}

/// Un texte français d'erreur : des mots français, pas de message anglais de serde.
#[track_caller]
pub fn verifier_francais(message: &str, contexte: &str) {
    assert!(
        est_francais(message),
        "{contexte} : attendu un message d'erreur en français, reçu {message:?}"
    );
}

/// Vrai si `message` contient des mots français et aucun des messages anglais de serde.
pub fn est_francais(message: &str) -> bool {
    let francais = [
        " le ", " la ", " les ", " un ", " une ", " de ", " du ", " doit ", " est ", "Aucun",
        "Le ", "La ", "L'", "Un ", "Champ ", " pas ", " permis",
    ];
    let anglais = [
        "expected",
        "invalid type",
        "missing field",
        "unknown field",
        "at line",
    ];
    francais.iter().any(|mot| message.contains(mot))
        && !anglais.iter().any(|mot| message.contains(mot))
}

/// Le corps, pour les messages d'échec.
pub fn texte(reponse: &Response<Body>) -> String {
    corps_texte(reponse)
}
