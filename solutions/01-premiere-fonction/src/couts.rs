//! Partie B — Le modèle de coût : Lambda + API Gateway face à un serveur allumé en permanence.

use crate::tarifs::{
    API_HTTP_PAR_MILLION_DE_REQUETES, API_REST_PAR_MILLION_DE_REQUETES, Architecture, Fonction,
    LAMBDA_PAR_MILLION_DE_GO_SECONDES_ARM64, LAMBDA_PAR_MILLION_DE_GO_SECONDES_X86_64,
    LAMBDA_PAR_MILLION_DE_REQUETES, MO_PAR_GO, MS_PAR_SECONDE, MicroDollars, TypeApi, UN_MILLION,
    division_arrondie,
};

// ANCHOR: postes
/// Le prix des requêtes Lambda d'un mois.
pub fn cout_requetes_lambda(requetes: u64) -> MicroDollars {
    let numerateur = u128::from(requetes) * u128::from(LAMBDA_PAR_MILLION_DE_REQUETES.0);
    MicroDollars(division_arrondie(numerateur, UN_MILLION))
}

/// Le prix de la Go-seconde (par million) de l'architecture.
pub fn prix_go_secondes(architecture: Architecture) -> MicroDollars {
    match architecture {
        Architecture::X86_64 => LAMBDA_PAR_MILLION_DE_GO_SECONDES_X86_64,
        Architecture::Arm64 => LAMBDA_PAR_MILLION_DE_GO_SECONDES_ARM64,
    }
}

/// Le prix de la durée d'exécution d'un mois : Go-secondes × prix de la Go-seconde.
pub fn cout_calcul_lambda(requetes: u64, fonction: &Fonction) -> MicroDollars {
    // requêtes × Mio × ms : des « Mio-millisecondes », converties en Go-secondes par la division.
    let mo_ms =
        u128::from(requetes) * u128::from(fonction.memoire_mo) * u128::from(fonction.duree_ms);
    let numerateur = mo_ms * u128::from(prix_go_secondes(fonction.architecture).0);
    MicroDollars(division_arrondie(
        numerateur,
        MO_PAR_GO * MS_PAR_SECONDE * UN_MILLION,
    ))
}

/// Le prix (par million de requêtes) du type d'API.
pub fn prix_api(type_api: TypeApi) -> MicroDollars {
    match type_api {
        TypeApi::Rest => API_REST_PAR_MILLION_DE_REQUETES,
        TypeApi::Http => API_HTTP_PAR_MILLION_DE_REQUETES,
    }
}

/// Le prix des requêtes API Gateway d'un mois.
pub fn cout_api_gateway(requetes: u64, type_api: TypeApi) -> MicroDollars {
    let numerateur = u128::from(requetes) * u128::from(prix_api(type_api).0);
    MicroDollars(division_arrondie(numerateur, UN_MILLION))
}

/// Le coût serverless d'un mois : les trois postes, chacun arrondi au micro-dollar.
pub fn cout_serverless(requetes: u64, fonction: &Fonction, type_api: TypeApi) -> MicroDollars {
    cout_requetes_lambda(requetes)
        + cout_calcul_lambda(requetes, fonction)
        + cout_api_gateway(requetes, type_api)
}
// ANCHOR_END: postes

// ANCHOR: seuil
/// Le plus petit nombre de requêtes par mois dont le coût serverless exact atteint `prix_serveur`.
pub fn seuil_de_rentabilite(
    fonction: &Fonction,
    type_api: TypeApi,
    prix_serveur: MicroDollars,
) -> u64 {
    // Tous les postes sur le même dénominateur : le coût d'une requête vaut
    // `par_requete / denominateur` micro-dollars, sans aucun arrondi.
    let denominateur = MO_PAR_GO * MS_PAR_SECONDE * UN_MILLION;
    let par_million =
        u128::from(LAMBDA_PAR_MILLION_DE_REQUETES.0) + u128::from(prix_api(type_api).0);
    let par_requete = par_million * MO_PAR_GO * MS_PAR_SECONDE
        + u128::from(fonction.memoire_mo)
            * u128::from(fonction.duree_ms)
            * u128::from(prix_go_secondes(fonction.architecture).0);
    // n × par_requete / denominateur ≥ prix_serveur ⇔ n ≥ prix_serveur × denominateur / par_requete.
    let seuil = (u128::from(prix_serveur.0) * denominateur).div_ceil(par_requete);
    u64::try_from(seuil).unwrap_or(u64::MAX)
}
// ANCHOR_END: seuil
