//! Partie B — Le modèle de coût (page « 1.7 Combien coûte une API serverless ? » du
//! chapitre 01, `chapters/ch01-serverless/cout.md`). Étapes 4 à 8 de l'atelier, dans l'ordre
//! de ce fichier.
//!
//! Un mois de requêtes servies par API Gateway et Lambda, face à un serveur payé au mois,
//! allumé en permanence. Les prix sont dans [`crate::tarifs`], en micro-dollars par million
//! d'unités : calculez en `u128`, puis arrondissez une seule fois par poste avec
//! [`division_arrondie`].

// Tout ce que fournit `tarifs` : les prix, les types, les constantes et `division_arrondie`.
use crate::tarifs::*;

/// Étape 4. Le prix des requêtes Lambda d'un mois : `requetes × 0,20 $ / 1 000 000`
/// (page « 1.7 »).
pub fn cout_requetes_lambda(requetes: u64) -> MicroDollars {
    todo!(
        "Indice : convertissez d'abord `requetes` en u128 ; multipliez par LAMBDA_PAR_MILLION_DE_REQUETES.0, puis divisez par UN_MILLION avec division_arrondie"
    )
}

/// Étape 5. Le prix de la durée d'exécution d'un mois (page « 1.7 ») : les Go-secondes
/// consommées, `requetes × (memoire_mo / 1024) × (duree_ms / 1000)`, fois le prix de la
/// Go-seconde de l'architecture de la fonction.
pub fn cout_calcul_lambda(requetes: u64, fonction: &Fonction) -> MicroDollars {
    todo!(
        "Indice : multipliez d'abord tout le numérateur (requêtes, Mio, ms, prix par million), puis divisez une seule fois par MO_PAR_GO × MS_PAR_SECONDE × UN_MILLION"
    )
}

/// Étape 6. Le prix des requêtes API Gateway d'un mois, selon le type d'API (page « 1.7 »).
pub fn cout_api_gateway(requetes: u64, type_api: TypeApi) -> MicroDollars {
    todo!(
        "Indice : choisissez d'abord le prix par million avec un `match` sur `type_api`, puis calculez comme à l'étape 4"
    )
}

/// Étape 7. Le coût serverless complet d'un mois : requêtes Lambda + durée Lambda +
/// API Gateway (page « 1.7 »).
pub fn cout_serverless(requetes: u64, fonction: &Fonction, type_api: TypeApi) -> MicroDollars {
    todo!(
        "Indice : réutilisez les trois fonctions des étapes 4 à 6, puis additionnez ; `MicroDollars` implémente `+`"
    )
}

/// Étape 8. Le seuil de rentabilité (page « 1.7 ») : le plus petit nombre de requêtes par
/// mois pour lequel le coût serverless **exact** (avant arrondi) atteint ou dépasse
/// `prix_serveur`.
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
