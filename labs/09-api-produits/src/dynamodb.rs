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
use aws_sdk_dynamodb::config::timeout::TimeoutConfig;
use aws_sdk_dynamodb::config::{BehaviorVersion, Builder, Credentials, Region};
use std::time::Duration;

/// La variable d'environnement qui nomme la table des produits.
pub const VARIABLE_TABLE: &str = "TABLE_PRODUITS";

/// La variable d'environnement qui donne l'adresse d'un serveur DynamoDB local.
pub const VARIABLE_POINT_D_ACCES: &str = "DYNAMODB_ENDPOINT";

/// La région d'un serveur local quand `AWS_REGION` est absente (un serveur local l'ignore).
const REGION_LOCALE: &str = "eu-west-3";

/// Le temps que le SDK peut passer sur un appel, tentatives comprises. Il reste sous le
/// `Timeout` de la fonction (10 s dans `template.yaml`) : un DynamoDB muet donne le 503 de la
/// fonction, et non l'arrêt de l'invocation par Lambda, qu'API Gateway change en 502.
pub const DELAI_D_UN_APPEL: Duration = Duration::from_secs(8);

/// Les délais du SDK : 2 s pour se connecter, 3 s par tentative et [`DELAI_D_UN_APPEL`] en
/// tout. Ceux du SDK par défaut ne bornent que la connexion (3,1 s), pas une réponse qui
/// n'arrive jamais.
pub fn delais() -> TimeoutConfig {
    TimeoutConfig::builder()
        .connect_timeout(Duration::from_secs(2))
        .operation_attempt_timeout(Duration::from_secs(3))
        .operation_timeout(DELAI_D_UN_APPEL)
        .build()
}

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
            _ => Client::new(
                &aws_config::defaults(BehaviorVersion::latest())
                    .timeout_config(delais())
                    .load()
                    .await,
            ),
        };
        Ok(Self::new(client, table))
    }
}

/// La configuration d'un client pour un serveur local à l'adresse `point_d_acces` :
/// identifiants fixes (un serveur local ne les vérifie pas, mais le SDK signe chaque
/// requête), région `AWS_REGION` ou `eu-west-3`.
///
/// Les tentatives restent celles du SDK, les délais sont ceux de [`delais`] ; les tests
/// raccourcissent les deux (voir [`crate::dynalite`]).
pub fn configuration_locale(point_d_acces: &str) -> Builder {
    let region = std::env::var("AWS_REGION").unwrap_or_else(|_| REGION_LOCALE.to_string());
    aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region))
        .credentials_provider(Credentials::new("local", "local", None, None, "local"))
        .endpoint_url(point_d_acces)
        .timeout_config(delais())
}
