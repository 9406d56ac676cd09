//! # L'API Produits, complète et déployable (chapitre 09)
//!
//! Les quatre routes du contrat (`GET /produits`, `GET /produits/{id}`, `POST /produits`,
//! `DELETE /produits/{id}`) sur n'importe quel [`Store`], assemblées à partir des pièces des
//! chapitres, sans en recopier aucune :
//!
//! - le gestionnaire en intégration proxy et le modèle `Produit` du chapitre 03 ;
//! - le type d'erreur, la couche d'erreurs et la validation de `POST /produits` du chapitre 04 ;
//! - la couche CORS du chapitre 06, sur chaque réponse, erreurs comprises ;
//! - la ligne de journal JSON et le document EMF du chapitre 08, pour chaque requête ;
//! - le stockage du chapitre 09 : [`MemoireStore`] en local, [`DynamoDbStore`] dans AWS.
//!
//! Les couches s'emboîtent ainsi, de l'extérieur vers l'intérieur :
//! observabilité → CORS → erreurs → [`handler`]. La mesure voit donc la réponse finale, en-têtes
//! CORS compris, et même une requête préliminaire (*preflight*) a sa ligne de journal.
//!
//! ```no_run
//! use api_produits::{Api, MemoireStore};
//! use lambda_http::{Error, run, service_fn};
//!
//! # #[tokio::main]
//! # async fn main() -> Result<(), Error> {
//! let api = Api::new(
//!     MemoireStore::new(),
//!     api_produits::configuration_cors("https://boutique.exemple.fr")?,
//!     solution_08_observabilite::Observabilite::new("ApiProduits"),
//! );
//! run(service_fn(|requete| async { Ok::<_, Error>(api.repondre(requete).await) })).await
//! # }
//! ```

use lambda_http::http::{HeaderValue, Method, StatusCode, header};
use lambda_http::{Body, Request, RequestExt, Response};
use solution_03_integration_proxy::produit::Produit;
use solution_03_integration_proxy::{Page as PageJson, reponse_json};
use solution_04_erreurs::avec_couche_erreurs;
use solution_04_erreurs::erreur::ErreurApi;
use solution_04_erreurs::{
    lire_corps, valider_description, valider_nom, valider_prix, verifier_type_de_contenu,
};
use solution_06_cors::{ConfigurationCors, ErreurConfiguration, ParametresCors, avec_cors};
use solution_08_observabilite::Observabilite;
use solution_08_observabilite::mesure::ESPACE_DE_NOMS_PAR_DEFAUT;

pub use solution_09_api_produits::{
    DynamoDbStore, LIMITE_MAXIMALE, LIMITE_PAR_DEFAUT, MemoireStore, Page, Stockage, Store,
};

/// La variable d'environnement des origines permises (séparées par des virgules) ; le
/// gabarit SAM lui donne la même valeur que `Cors`.
pub const VARIABLE_ORIGINES: &str = "ORIGINES_AUTORISEES";

/// Les origines permises quand [`VARIABLE_ORIGINES`] est absente (essais locaux).
pub const ORIGINES_PAR_DEFAUT: &str = "https://boutique.exemple.fr";

/// La variable d'environnement de l'espace de noms des métriques EMF.
pub const VARIABLE_ESPACE_DE_NOMS: &str = "ESPACE_DE_NOMS_METRIQUES";

// ANCHOR: cors
/// La configuration CORS de l'API pour `origines` (une ou plusieurs, séparées par des
/// virgules) : les méthodes et en-têtes des quatre routes, `Location` lisible par la page.
/// Les mêmes valeurs que la propriété `Cors` de `template.yaml`.
pub fn configuration_cors(origines: &str) -> Result<ConfigurationCors, ErreurConfiguration> {
    ConfigurationCors::nouvelle(ParametresCors {
        origines: origines.split(',').map(|o| o.trim().to_string()).collect(),
        methodes: vec!["GET".into(), "POST".into(), "DELETE".into()],
        entetes: vec![
            "Content-Type".into(),
            "Authorization".into(),
            "X-Api-Key".into(),
        ],
        entetes_exposes: vec!["Location".into()],
        duree_max: Some(600),
        identifiants: false,
    })
}
// ANCHOR_END: cors

// ANCHOR: api
/// L'API : un magasin, la configuration CORS et la couche d'observabilité, créés une fois au
/// démarrage à froid et gardés d'une invocation à l'autre.
pub struct Api<S: Store> {
    magasin: S,
    cors: ConfigurationCors,
    observabilite: Observabilite,
}

impl<S: Store> Api<S> {
    /// Une API sur `magasin`.
    pub fn new(magasin: S, cors: ConfigurationCors, observabilite: Observabilite) -> Self {
        Self {
            magasin,
            cors,
            observabilite,
        }
    }

    /// Le magasin de l'API (les tests y vérifient ce qui a été rangé).
    pub fn magasin(&self) -> &S {
        &self.magasin
    }

    /// Répond à une requête, quelle qu'elle soit : jamais de panique, jamais d'`Err`, des
    /// en-têtes CORS sur chaque réponse, une ligne de journal et un document EMF par requête.
    pub async fn repondre(&self, requete: Request) -> Response<Body> {
        self.observabilite
            .mesurer(requete, |requete| {
                avec_cors(&self.cors, requete, |requete| {
                    avec_couche_erreurs(requete, |requete| handler(&self.magasin, requete))
                })
            })
            .await
    }
}

impl Api<Stockage> {
    /// L'API de la fonction Lambda, configurée par l'environnement : le magasin
    /// ([`Stockage::depuis_environnement`] : DynamoDB si `TABLE_PRODUITS` est définie),
    /// les origines CORS ([`VARIABLE_ORIGINES`]), l'espace de noms des métriques
    /// ([`VARIABLE_ESPACE_DE_NOMS`]). Une configuration fausse est une erreur, en français,
    /// qui fait échouer le démarrage à froid.
    pub async fn depuis_environnement() -> Result<Self, String> {
        let origines = std::env::var(VARIABLE_ORIGINES)
            .ok()
            .filter(|valeur| !valeur.trim().is_empty())
            .unwrap_or_else(|| ORIGINES_PAR_DEFAUT.to_string());
        let cors = configuration_cors(&origines)
            .map_err(|erreur| format!("la variable {VARIABLE_ORIGINES} est refusée : {erreur}"))?;
        let espace_de_noms = std::env::var(VARIABLE_ESPACE_DE_NOMS)
            .ok()
            .filter(|valeur| !valeur.trim().is_empty())
            .unwrap_or_else(|| ESPACE_DE_NOMS_PAR_DEFAUT.to_string());
        let magasin = Stockage::depuis_environnement().await?;
        Ok(Self::new(
            magasin,
            cors,
            Observabilite::new(&espace_de_noms),
        ))
    }
}
// ANCHOR_END: api

impl<S: Store> std::fmt::Debug for Api<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Api")
            .field("observabilite", &self.observabilite)
            .finish_non_exhaustive()
    }
}

// ANCHOR: handler
/// Le gestionnaire : route la requête d'après sa méthode et son chemin (REST 1.0 ou HTTP 2.0,
/// le chemin sans le nom de l'étape), puis appelle le magasin.
pub async fn handler<S: Store>(magasin: &S, requete: Request) -> Result<Response<Body>, ErreurApi> {
    let chemin = requete.raw_http_path().to_string();
    let segments: Vec<&str> = chemin.split('/').filter(|s| !s.is_empty()).collect();
    let methode = requete.method().clone();

    match (segments.as_slice(), &methode) {
        (["produits"], &Method::GET) => lister(magasin, &requete).await,
        (["produits"], &Method::POST) => creer(magasin, &requete).await,
        (["produits", id], &Method::GET) => {
            let produit = magasin.obtenir(identifiant(id)?).await?;
            Ok(reponse_json(StatusCode::OK, &produit))
        }
        (["produits", id], &Method::DELETE) => {
            magasin.supprimer(identifiant(id)?).await?;
            let mut reponse = Response::new(Body::Empty);
            *reponse.status_mut() = StatusCode::NO_CONTENT;
            Ok(reponse)
        }
        (["produits"], _) => Err(ErreurApi::MethodeNonAutorisee {
            methode,
            permises: "GET, POST",
        }),
        (["produits", _], _) => Err(ErreurApi::MethodeNonAutorisee {
            methode,
            permises: "GET, DELETE",
        }),
        _ => Err(ErreurApi::RouteInconnue { methode, chemin }),
    }
}
// ANCHOR_END: handler

// ANCHOR: identifiant
/// Un identifiant de produit : un UUID écrit comme le serveur l'écrit (minuscules, tirets).
/// Tout autre texte ne désigne aucun produit : un 404, sans appeler le magasin (DynamoDB
/// refuserait une clé de plus de 2048 octets, ce qui deviendrait un 503).
pub fn identifiant(id: &str) -> Result<&str, ErreurApi> {
    match uuid::Uuid::try_parse(id) {
        Ok(uuid) if uuid.hyphenated().to_string() == id => Ok(id),
        _ => {
            // Le message reprend l'identifiant : on le borne, il vient du client.
            let court: String = id.chars().take(64).collect();
            let suite = if court.len() < id.len() { "…" } else { "" };
            Err(ErreurApi::ProduitIntrouvable(format!("{court}{suite}")))
        }
    }
}
// ANCHOR_END: identifiant

// ANCHOR: lister
/// `?limite=` : absent, [`LIMITE_PAR_DEFAUT`] ; sinon un entier de 1 à [`LIMITE_MAXIMALE`].
pub fn lire_limite(requete: &Request) -> Result<u32, ErreurApi> {
    let parametres = requete.query_string_parameters_ref();
    let Some(texte) = parametres.and_then(|p| p.first("limite")) else {
        return Ok(LIMITE_PAR_DEFAUT);
    };
    match texte.parse::<u32>() {
        Ok(limite) if (1..=LIMITE_MAXIMALE).contains(&limite) => Ok(limite),
        _ => {
            let court: String = texte.chars().take(32).collect();
            Err(ErreurApi::ParametreInvalide(format!(
                "Le paramètre `limite` doit être un entier de 1 à {LIMITE_MAXIMALE} (reçu `{court}`)."
            )))
        }
    }
}

/// `GET /produits?limite=…&suivant=…` : une page, et le curseur de la suivante (ou `null`).
async fn lister<S: Store>(magasin: &S, requete: &Request) -> Result<Response<Body>, ErreurApi> {
    let limite = lire_limite(requete)?;
    let parametres = requete.query_string_parameters_ref();
    let suivant = parametres.and_then(|p| p.first("suivant"));
    // Le magasin lit son propre curseur : un curseur forgé y devient un 400.
    let page = magasin.lister(limite, suivant).await?;
    Ok(reponse_json(
        StatusCode::OK,
        &PageJson {
            produits: &page.produits,
            suivant: page.suivant,
        },
    ))
}
// ANCHOR_END: lister

// ANCHOR: creer
/// `POST /produits` : valide la requête (chapitre 04), fabrique l'identifiant (UUID v4),
/// range le produit, répond 201 avec `Location` et le produit.
async fn creer<S: Store>(magasin: &S, requete: &Request) -> Result<Response<Body>, ErreurApi> {
    verifier_type_de_contenu(requete)?;
    let nouveau = lire_corps(requete)?;
    let produit = Produit {
        id: uuid::Uuid::new_v4().to_string(),
        nom: valider_nom(nouveau.nom.as_deref())?,
        prix: valider_prix(nouveau.prix)?,
        description: valider_description(nouveau.description)?,
    };
    magasin.creer(&produit).await?;

    let emplacement = HeaderValue::try_from(format!("/produits/{}", produit.id))
        .map_err(|erreur| ErreurApi::Interne(format!("en-tête Location : {erreur}")))?;
    let mut reponse = reponse_json(StatusCode::CREATED, &produit);
    reponse.headers_mut().insert(header::LOCATION, emplacement);
    Ok(reponse)
}
// ANCHOR_END: creer
