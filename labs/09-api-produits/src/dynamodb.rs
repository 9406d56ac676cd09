//! Le magasin DynamoDB : sa structure et sa configuration (fourni, rien à écrire ici).
//!
//! Ce qu'il fait (écrire, lire, lister, supprimer) est votre travail, dans `lib.rs`.
//!
//! Deux variables d'environnement le configurent :
//! - `TABLE_PRODUITS` (obligatoire) : le nom de la table, dont la clé de partition est `id`
//!   (type `S`) ; le gabarit SAM la donne à la fonction ;
//! - `DYNAMODB_ENDPOINT` (facultative) : l'adresse d'un serveur compatible DynamoDB, pour
//!   les essais locaux (par exemple `http://127.0.0.1:4567` pour dynalite). Absente, le SDK
//!   trouve seul la région et les identifiants, comme dans Lambda.

use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::config::{BehaviorVersion, Builder, Credentials, Region};

/// La variable d'environnement qui nomme la table des produits.
pub const VARIABLE_TABLE: &str = "TABLE_PRODUITS";

/// La variable d'environnement qui donne l'adresse d'un serveur DynamoDB local.
pub const VARIABLE_POINT_D_ACCES: &str = "DYNAMODB_ENDPOINT";

/// La région d'un serveur local quand `AWS_REGION` est absente (un serveur local l'ignore).
const REGION_LOCALE: &str = "eu-west-3";

/// Les produits dans une table DynamoDB.
///
/// Le client du SDK se clone à peu de frais (ses connexions sont partagées) : créez le
/// magasin une fois, au démarrage à froid, et gardez-le d'une invocation à l'autre.
#[derive(Clone, Debug)]
pub struct DynamoDbStore {
    client: Client,
    table: String,
}

impl DynamoDbStore {
    /// Un magasin qui range les produits dans la table `table`, à travers `client`.
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        Self {
            client,
            table: table.into(),
        }
    }

    /// Le client DynamoDB du magasin.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Le nom de la table.
    pub fn table(&self) -> &str {
        &self.table
    }

    /// Le magasin que décrivent `TABLE_PRODUITS` et `DYNAMODB_ENDPOINT`.
    ///
    /// L'erreur, en français, dit quelle variable manque : la fonction doit alors échouer à son
    /// démarrage à froid plutôt que de répondre des 503.
    pub async fn depuis_environnement() -> Result<Self, String> {
        let table = std::env::var(VARIABLE_TABLE)
            .ok()
            .filter(|table| !table.trim().is_empty())
            .ok_or_else(|| {
                format!(
                    "la variable d'environnement {VARIABLE_TABLE} est absente ou vide : \
                     donnez-lui le nom de la table DynamoDB des produits"
                )
            })?;
        let client = match std::env::var(VARIABLE_POINT_D_ACCES) {
            Ok(adresse) if !adresse.trim().is_empty() => {
                Client::from_conf(configuration_locale(adresse.trim()).build())
            }
            _ => Client::new(&aws_config::load_defaults(BehaviorVersion::latest()).await),
        };
        Ok(Self::new(client, table))
    }
}

/// La configuration d'un client pour un serveur local à l'adresse `point_d_acces` :
/// identifiants fixes (un serveur local ne les vérifie pas, mais le SDK signe chaque
/// requête), région `AWS_REGION` ou `eu-west-3`.
///
/// Les tentatives et délais restent ceux du SDK ; les tests les raccourcissent
/// (voir [`crate::dynalite`]).
pub fn configuration_locale(point_d_acces: &str) -> Builder {
    let region = std::env::var("AWS_REGION").unwrap_or_else(|_| REGION_LOCALE.to_string());
    aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region))
        .credentials_provider(Credentials::new("local", "local", None, None, "local"))
        .endpoint_url(point_d_acces)
}
