//! Partie B — Le modèle de coût (chapitre 01, section 1.7).
//!
//! Un mois de requêtes servies par API Gateway et Lambda, face à un serveur payé au mois,
//! allumé en permanence. Les prix sont dans [`crate::tarifs`], en micro-dollars par million
//! d'unités : calculez en `u128`, puis arrondissez une seule fois par poste avec
//! [`division_arrondie`].

// Tout ce que fournit `tarifs` : les prix, les types, les constantes et `division_arrondie`.
use crate::tarifs::*;

/// Le prix des requêtes Lambda d'un mois : `requetes × 0,20 $ / 1 000 000` (section 1.7).
pub fn cout_requetes_lambda(requetes: u64) -> MicroDollars {
    todo!(
        "Indice : requetes × LAMBDA_PAR_MILLION_DE_REQUETES.0, en u128, divisé par UN_MILLION avec division_arrondie"
    )
}

/// Le prix de la durée d'exécution d'un mois (section 1.7) : les Go-secondes consommées,
/// `requetes × (memoire_mo / 1024) × (duree_ms / 1000)`, fois le prix de la Go-seconde de
/// l'architecture de la fonction.
pub fn cout_calcul_lambda(requetes: u64, fonction: &Fonction) -> MicroDollars {
    todo!(
        "Indice : multipliez d'abord tout le numérateur (requêtes, Mo, ms, prix par million), puis divisez une seule fois par MO_PAR_GO × MS_PAR_SECONDE × UN_MILLION"
    )
}

/// Le prix des requêtes API Gateway d'un mois, selon le type d'API (section 1.7).
pub fn cout_api_gateway(requetes: u64, type_api: TypeApi) -> MicroDollars {
    todo!("Indice : choisissez le prix par million avec un `match` sur `type_api`")
}

/// Le coût serverless complet d'un mois : requêtes Lambda + durée Lambda + API Gateway
/// (section 1.7).
pub fn cout_serverless(requetes: u64, fonction: &Fonction, type_api: TypeApi) -> MicroDollars {
    todo!("Indice : additionnez les trois postes ; `MicroDollars` implémente `+`")
}

/// Le seuil de rentabilité (section 1.7) : le plus petit nombre de requêtes par mois pour
/// lequel le coût serverless **exact** (avant arrondi) atteint ou dépasse `prix_serveur`.
/// En dessous, le serverless coûte moins cher que le serveur ; au-dessus, plus cher.
/// Un serveur gratuit donne un seuil de 0.
pub fn seuil_de_rentabilite(
    fonction: &Fonction,
    type_api: TypeApi,
    prix_serveur: MicroDollars,
) -> u64 {
    todo!(
        "Indice : écrivez le coût exact d'une requête comme une fraction c / (MO_PAR_GO × MS_PAR_SECONDE × UN_MILLION) µ$, puis cherchez le plus petit n tel que n × coût ≥ prix_serveur (`u128::div_ceil`)"
    )
}
