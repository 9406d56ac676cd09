//! Les types du choix entre REST, HTTP et WebSocket (fourni : ne modifiez pas ce fichier).
//!
//! Chaque [`Besoin`] est une ligne du tableau comparatif corrigé du chapitre 02 (page « REST,
//! HTTP ou WebSocket ? »).
//! Vous écrivez, dans `lib.rs`, quels types d'API couvrent chaque besoin, puis le choix.

use std::fmt;

/// Les trois types d'API d'API Gateway.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TypeApi {
    /// API REST (`AWS::Serverless::Api`), format de charge utile 1.0.
    Rest,
    /// API HTTP (`AWS::Serverless::HttpApi`), format 2.0 par défaut.
    Http,
    /// API WebSocket : connexion persistante et messages dans les deux sens.
    WebSocket,
}

/// L'ordre de préférence quand plusieurs types conviennent : l'API HTTP d'abord (la moins
/// chère par requête : 1,00 $ le million contre 3,50 $ pour l'API REST, en us-east-1, au
/// premier palier), puis l'API REST ; l'API WebSocket n'est retenue que si un besoin l'exige
/// (elle facture aussi le temps de connexion). Source : <https://aws.amazon.com/api-gateway/pricing/>,
/// consultée en 2026 (voir la page « Combien coûte une API serverless ? » du chapitre 01).
pub const ORDRE_DE_PREFERENCE: [TypeApi; 3] = [TypeApi::Http, TypeApi::Rest, TypeApi::WebSocket];

impl fmt::Display for TypeApi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TypeApi::Rest => "API REST",
            TypeApi::Http => "API HTTP",
            TypeApi::WebSocket => "API WebSocket",
        })
    }
}

/// Un besoin d'une application, qui peut écarter certains types d'API.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Besoin {
    /// Distribuer des clés d'API (*API keys*) rattachées à des plans d'utilisation (*usage plans*).
    ClesApiEtPlans,
    /// Limiter le débit client par client (*per-client throttling*), par clé d'API.
    LimitationParClient,
    /// Mettre les réponses en cache dans API Gateway.
    CacheDesReponses,
    /// Réécrire le corps des requêtes ou des réponses par des modèles de mappage (VTL).
    TransformationDuCorps,
    /// Faire valider les requêtes par API Gateway (modèles JSON Schema) avant l'intégration.
    ValidationDesRequetes,
    /// Protéger l'API avec AWS WAF.
    PareFeuWaf,
    /// Une API joignable seulement depuis un VPC (point de terminaison privé).
    PointDeTerminaisonPrive,
    /// Le traçage actif AWS X-Ray dans API Gateway.
    TracageXRay,
    /// Valider des jetons JWT (OIDC, OAuth 2.0) sans écrire de code : mécanisme d'autorisation JWT.
    JwtNatif,
    /// Autoriser les appels par une fonction Lambda (mécanisme d'autorisation Lambda).
    AutorisationLambda,
    /// Appeler directement un service AWS (SQS, EventBridge, Step Functions…) sans Lambda.
    IntegrationServiceAws,
    /// Le coût par requête le plus bas possible.
    CoutMinimal,
    /// Le serveur pousse des messages au client sur une connexion ouverte (bidirectionnel).
    PushServeur,
}

impl fmt::Display for Besoin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Besoin::ClesApiEtPlans => "clés d'API et plans d'utilisation",
            Besoin::LimitationParClient => "limitation par client",
            Besoin::CacheDesReponses => "cache des réponses",
            Besoin::TransformationDuCorps => "transformation du corps (modèles de mappage)",
            Besoin::ValidationDesRequetes => "validation des requêtes",
            Besoin::PareFeuWaf => "pare-feu AWS WAF",
            Besoin::PointDeTerminaisonPrive => "point de terminaison privé",
            Besoin::TracageXRay => "traçage X-Ray",
            Besoin::JwtNatif => "mécanisme d'autorisation JWT natif",
            Besoin::AutorisationLambda => "mécanisme d'autorisation Lambda",
            Besoin::IntegrationServiceAws => "intégration directe d'un service AWS",
            Besoin::CoutMinimal => "coût par requête minimal",
            Besoin::PushServeur => "messages poussés par le serveur",
        })
    }
}

/// Le type d'API retenu et ce qui l'a décidé.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choix {
    /// Le type retenu.
    pub type_api: TypeApi,
    /// Les besoins qui écartent au moins un type d'API, dans l'ordre où ils ont été donnés.
    /// Vide quand aucun besoin n'écarte quoi que ce soit.
    pub besoins_decisifs: Vec<Besoin>,
}

impl Choix {
    /// La raison du choix, en une phrase.
    pub fn raison(&self) -> String {
        if self.besoins_decisifs.is_empty() {
            return format!(
                "{} : aucun de vos besoins n'écarte un type d'API, et c'est le moins cher par requête",
                self.type_api
            );
        }
        format!(
            "{} : le type le moins cher qui couvre {}",
            self.type_api,
            liste(&self.besoins_decisifs)
        )
    }
}

impl fmt::Display for Choix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.raison())
    }
}

/// Aucun type d'API ne réunit tous les besoins.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErreurChoix {
    /// Les besoins qui écartent au moins un type, et qu'aucun type ne réunit ensemble.
    #[error(
        "aucun type d'API ne réunit : {} ; renoncez à l'un de ces besoins (un JWT, par exemple, \
         se valide aussi dans un mécanisme d'autorisation Lambda sur une API REST)",
        liste(.0)
    )]
    Incompatibles(Vec<Besoin>),
}

fn liste(besoins: &[Besoin]) -> String {
    let noms: Vec<String> = besoins.iter().map(Besoin::to_string).collect();
    noms.join(", ")
}
