//! La configuration de la limitation, telle qu'un gabarit SAM la décrit : la limite du compte,
//! celles de l'étape (`MethodSettings`), et les plans d'utilisation avec leurs clés d'API.
//! Et ce que la décision rend : acceptée, ou refusée avec l'une des deux réponses 429.
//! Page « 5.2 Les niveaux de limitation » du chapitre 05 (`niveaux.md`).

use crate::quota::Quota;
use crate::seau::SeauAJetons;
use std::collections::BTreeMap;

/// Un débit et une rafale : `ThrottlingRateLimit` et `ThrottlingBurstLimit` d'une étape,
/// `RateLimit` et `BurstLimit` d'un plan d'utilisation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limite {
    /// Jetons ajoutés par seconde (requêtes par seconde en régime établi). Peut être
    /// fractionnaire : `0.5` accepte une requête toutes les deux secondes.
    pub debit: f64,
    /// La capacité du seau : le nombre de requêtes acceptées d'un coup, seau plein.
    pub rafale: u32,
}

impl Limite {
    /// La limite par défaut d'un compte, par Région : 10 000 requêtes par seconde, rafale de
    /// 5 000 (quotas d'API Gateway ; 2 500 et 1 250 dans treize Régions plus récentes, dont Le
    /// Cap et Milan).
    pub const COMPTE: Limite = Limite {
        debit: 10_000.0,
        rafale: 5_000,
    };

    pub fn new(debit: f64, rafale: u32) -> Self {
        Self { debit, rafale }
    }

    /// Un seau neuf, plein, pour cette limite.
    pub fn seau(&self) -> SeauAJetons {
        SeauAJetons::new(self.debit, self.rafale)
    }
}

/// La clé d'une méthode, au format des limites par méthode d'un plan d'utilisation :
/// la ressource puis la méthode, `"/produits/{id}/GET"`.
pub fn cle_de_methode(ressource: &str, methode: &str) -> String {
    format!("{ressource}/{}", methode.to_ascii_uppercase())
}

/// Un plan d'utilisation (*usage plan*) : une limite et un quota par clé d'API.
#[derive(Clone, Debug, Default)]
pub struct PlanUtilisation {
    pub nom: String,
    /// `Throttle` du plan : un seau **par clé**, partagé par toutes les méthodes.
    pub limite: Option<Limite>,
    /// Limites par méthode du plan (`apiStages[].throttle`), clé `"/produits/GET"` : pour ces
    /// méthodes, un seau par clé **et** par méthode remplace celui du plan.
    pub limites_par_methode: BTreeMap<String, Limite>,
    /// `Quota` du plan : un compteur par clé.
    pub quota: Option<Quota>,
    /// Les clés d'API rattachées au plan.
    pub cles: Vec<String>,
}

/// Toute la limitation d'une étape d'API REST.
#[derive(Clone, Debug)]
pub struct Configuration {
    /// La limite du compte, un seul seau pour toutes les requêtes.
    pub compte: Limite,
    /// La limite par défaut de l'étape (`MethodSettings` avec `ResourcePath: "/*"` et
    /// `HttpMethod: "*"`) : elle s'applique à **chaque** méthode, avec un seau par méthode.
    /// `None` : la limite du compte seule.
    pub etape: Option<Limite>,
    /// Limites d'étape propres à une méthode, clé `"/produits/GET"` ; elles remplacent
    /// `etape` pour cette méthode.
    pub methodes: BTreeMap<String, Limite>,
    pub plans: Vec<PlanUtilisation>,
}

impl Default for Configuration {
    fn default() -> Self {
        Self {
            compte: Limite::COMPTE,
            etape: None,
            methodes: BTreeMap::new(),
            plans: Vec::new(),
        }
    }
}

/// Une requête, vue par le limiteur.
#[derive(Clone, Copy, Debug)]
pub struct Appel<'a> {
    /// La valeur de l'en-tête `x-api-key`, si la méthode exige une clé ; `None` sinon (le
    /// plan d'utilisation est alors contourné).
    pub cle_api: Option<&'a str>,
    /// `"GET"`, `"POST"`…
    pub methode: &'a str,
    /// La ressource d'API Gateway (le modèle, pas le chemin) : `"/produits/{id}"`.
    pub ressource: &'a str,
}

/// Ce que le limiteur décide pour une requête.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Acceptee,
    Refusee(Refus),
}

/// Les deux refus, deux réponses de passerelle de statut 429.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refus {
    /// Un seau vide, à n'importe quel niveau : réponse de passerelle `THROTTLED`.
    Limitee,
    /// Le quota du plan est épuisé pour cette clé : réponse de passerelle `QUOTA_EXCEEDED`.
    QuotaDepasse,
}

impl Refus {
    /// Le type de réponse de passerelle (*gateway response type*), celui que l'on
    /// personnalise dans `GatewayResponses` et que donne `$context.error.responseType`.
    pub fn type_de_reponse(&self) -> &'static str {
        match self {
            Refus::Limitee => "THROTTLED",
            Refus::QuotaDepasse => "QUOTA_EXCEEDED",
        }
    }
}
