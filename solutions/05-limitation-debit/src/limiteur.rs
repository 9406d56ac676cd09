//! Le limiteur d'une étape : la décision pour une requête, niveau par niveau, dans l'ordre
//! d'API Gateway. Page « 5.2 Les niveaux de limitation » du chapitre 05 (`niveaux.md`).

use crate::configuration::{Appel, Configuration, Decision, Refus, cle_de_methode};
use crate::instant::Instant;
use crate::quota::CompteurQuota;
use crate::seau::SeauAJetons;
use std::collections::HashMap;

/// L'état d'une clé d'API : son plan, ses seaux et son compteur de quota.
#[derive(Clone, Debug)]
struct EtatClient {
    /// L'indice du plan dans la configuration.
    plan: usize,
    seau: Option<SeauAJetons>,
    seaux_par_methode: HashMap<String, SeauAJetons>,
    quota: Option<CompteurQuota>,
}

/// Le moteur de limitation d'une étape : la configuration, et un seau par niveau.
#[derive(Clone, Debug)]
pub struct Limiteur {
    configuration: Configuration,
    compte: SeauAJetons,
    /// Un seau d'étape par méthode, créé à sa première requête.
    methodes: HashMap<String, SeauAJetons>,
    /// Un état par clé d'API connue d'un plan.
    clients: HashMap<String, EtatClient>,
}

impl Limiteur {
    /// Un limiteur aux seaux pleins. Une clé rattachée à deux plans garde le premier (sur
    /// une même étape, API Gateway n'accepte qu'un plan par clé).
    pub fn new(configuration: Configuration) -> Self {
        let mut clients = HashMap::new();
        for (indice, plan) in configuration.plans.iter().enumerate() {
            for cle in &plan.cles {
                clients.entry(cle.clone()).or_insert_with(|| EtatClient {
                    plan: indice,
                    seau: plan.limite.map(|limite| limite.seau()),
                    seaux_par_methode: HashMap::new(),
                    quota: plan.quota.map(CompteurQuota::new),
                });
            }
        }
        Self {
            compte: configuration.compte.seau(),
            configuration,
            methodes: HashMap::new(),
            clients,
        }
    }

    pub fn configuration(&self) -> &Configuration {
        &self.configuration
    }

    /// Le seau de niveau client pour cette clé et cette méthode (`"/produits/GET"`) : celui de
    /// la limite par méthode du plan s'il y en a une, sinon celui du plan. `None` si la clé
    /// n'appartient à aucun plan, ou si son plan n'a pas de limite.
    pub fn seau_client(&mut self, cle_api: &str, methode: &str) -> Option<&mut SeauAJetons> {
        let client = self.clients.get_mut(cle_api)?;
        let plan = &self.configuration.plans[client.plan];
        match plan.limites_par_methode.get(methode) {
            Some(limite) => Some(
                client
                    .seaux_par_methode
                    .entry(methode.to_string())
                    .or_insert_with(|| limite.seau()),
            ),
            None => client.seau.as_mut(),
        }
    }

    /// Le compteur de quota de cette clé, si son plan a un quota.
    pub fn compteur_quota(&mut self, cle_api: &str) -> Option<&mut CompteurQuota> {
        self.clients.get_mut(cle_api)?.quota.as_mut()
    }

    /// Le seau d'étape de cette méthode (`"/produits/GET"`) : sa limite propre, sinon la limite
    /// par défaut de l'étape, sinon `None` (seule la limite du compte s'applique).
    pub fn seau_methode(&mut self, methode: &str) -> Option<&mut SeauAJetons> {
        let limite = self
            .configuration
            .methodes
            .get(methode)
            .or(self.configuration.etape.as_ref())?;
        Some(
            self.methodes
                .entry(methode.to_string())
                .or_insert_with(|| limite.seau()),
        )
    }

    /// Le seau du compte, commun à toutes les requêtes.
    pub fn seau_compte(&mut self) -> &mut SeauAJetons {
        &mut self.compte
    }

    // ANCHOR: decider
    /// La décision pour `appel` à l'instant `maintenant`. Les niveaux sont vus dans l'ordre
    /// d'API Gateway : le client (plan d'utilisation, puis son quota), la méthode de l'étape,
    /// le compte. Le premier qui refuse donne la réponse ; une requête refusée ne prend aucun
    /// jeton et ne compte pas dans le quota.
    pub fn decider(&mut self, appel: &Appel, maintenant: Instant) -> Decision {
        let methode = cle_de_methode(appel.ressource, appel.methode);

        // 1. Vérifier chaque niveau, sans rien prendre.
        if let Some(cle) = appel.cle_api {
            if self
                .seau_client(cle, &methode)
                .is_some_and(|seau| !seau.peut_prendre(maintenant))
            {
                return Decision::Refusee(Refus::Limitee);
            }
            if self
                .compteur_quota(cle)
                .is_some_and(|compteur| compteur.restant(maintenant) == 0)
            {
                return Decision::Refusee(Refus::QuotaDepasse);
            }
        }
        if self
            .seau_methode(&methode)
            .is_some_and(|seau| !seau.peut_prendre(maintenant))
        {
            return Decision::Refusee(Refus::Limitee);
        }
        if !self.seau_compte().peut_prendre(maintenant) {
            return Decision::Refusee(Refus::Limitee);
        }

        // 2. Tous acceptent : prendre un jeton à chaque niveau, compter la requête.
        if let Some(cle) = appel.cle_api {
            if let Some(seau) = self.seau_client(cle, &methode) {
                seau.essayer_prendre(maintenant);
            }
            if let Some(compteur) = self.compteur_quota(cle) {
                compteur.compter(maintenant);
            }
        }
        if let Some(seau) = self.seau_methode(&methode) {
            seau.essayer_prendre(maintenant);
        }
        self.seau_compte().essayer_prendre(maintenant);
        Decision::Acceptee
    }
    // ANCHOR_END: decider
}
