//! Les tests de l'API Produits complète : de vrais événements API Gateway (REST 1.0 et
//! HTTP API 2.0, fabriqués par `banc-essai`) traversent toutes les couches de l'API, sur le
//! magasin en mémoire, puis, pour quelques-uns, sur un vrai serveur DynamoDB local (dynalite,
//! lancé par le banc de la solution 09).

mod commun;
mod couches;
mod demarrage;
mod dynamodb;
mod pagination;
mod proprietes;
mod robustesse;
mod routes;
