//! # Atelier 04 — Gestion des erreurs
//!
//! Vous rendez l'API Produits robuste. Chaque issue qui n'est pas un succès devient une
//! réponse JSON `{"message": "<phrase en français>", "code": "<CODE>"}` avec le bon statut.
//! Aucune panique n'atteint API Gateway (qui en ferait un 502). Chaque erreur est journalisée
//! une fois. `POST /produits` refuse proprement toute entrée invalide. L'énoncé complet est
//! la page « Atelier 04 » du chapitre 04 (`chapters/ch04-erreurs/atelier.md`).
//!
//! | requête | réponse |
//! |---|---|
//! | `GET /produits` | 200 la liste (fonction `lister` de l'atelier 03) |
//! | `GET /produits/{id}` | 200 le produit ; 404 `PRODUIT_INTROUVABLE` |
//! | `POST /produits` | 201, `Location: /produits/{id}`, le produit ; 400, 413 ou 415 sinon |
//! | une autre méthode sur ces chemins | 405 `METHODE_NON_AUTORISEE`, en-tête `Allow` |
//! | tout autre chemin | 404 `ROUTE_INCONNUE` |
//!
//! Fourni : le type [`erreur::ErreurApi`], l'état partagé ([`etat::Etat`]), la lecture JSON
//! du corps ([`nouveau_produit`]), les journaux JSON ([`journal`]), et tout l'atelier 03
//! (`solution_03_integration_proxy` : `reponse_json`, `reponse_erreur`, `lister`, le modèle).
//!
//! À écrire, dans cet ordre (l'ordre des modules de tests, `etape_1_…` à `etape_9_…`) :
//! 1. `statut` et `code` de `ErreurApi` ;
//! 2. `message_public` et `en_reponse` ;
//! 3. la couche d'erreurs [`avec_couche_erreurs`], avec sa ligne de journal ;
//! 4. les règles des champs : [`valider_description`], [`valider_nom`], [`valider_prix`] ;
//! 5. [`verifier_type_de_contenu`] ;
//! 6. le routage [`handler`] ;
//! 7. [`lire_corps`] et [`creer_produit`] ;
//! 8. et 9. rien de nouveau : les entrées refusées et le journal de l'API entière vérifient
//!    tout l'ensemble.
//!
//! Noter votre travail : `cargo test -p lab-04-erreurs`, ou `cargo xtask watch 04` qui relance
//! les tests à chaque enregistrement. Lisez le premier échec d'abord.

// Énoncé : les paramètres ne servent qu'une fois votre code écrit.
#![allow(unused_variables, unused_imports)]

pub mod erreur;
pub mod etat;
pub mod journal;
pub mod nouveau_produit;
#[cfg(test)]
mod tests;

use erreur::ErreurApi;
use etat::Etat;
use futures_util::FutureExt;
use journal::Identifiants;
use lambda_http::http::{HeaderValue, Method, StatusCode, header};
use lambda_http::{Body, Request, RequestExt, Response};
use nouveau_produit::{
    LONGUEUR_MAXIMALE_DESCRIPTION, LONGUEUR_MAXIMALE_NOM, NouveauProduit, PRIX_MAXIMAL,
    TAILLE_MAXIMALE_CORPS,
};
use solution_03_integration_proxy::produit::{Prix, Produit};
use solution_03_integration_proxy::{lister, reponse_erreur, reponse_json};
use std::future::Future;
use std::panic::AssertUnwindSafe;

// --- 1 et 2. Une réponse par type d'erreur ----------------------------------------------------
// Pages « 4.3 Un type pour toutes les erreurs de l'API » (type-erreur.md) et
// « 4.4 Ne rien dévoiler » (message-public.md) du chapitre 04.

impl ErreurApi {
    /// Étape 1. Le statut HTTP de l'erreur : 400 pour `ParametreInvalide` et `CorpsInvalide`,
    /// 404, 405, 409 (`ProduitExistant`), 413, 415, 500 (`Interne`), 503
    /// (`StockageIndisponible`). La table du contrat d'erreur est sur la page 4.3.
    pub fn statut(&self) -> StatusCode {
        todo!(
            "Indice : un `match self` avec un bras par variante ; les constantes s'appellent `StatusCode::BAD_REQUEST`, … (page 4.3, type-erreur.md)"
        )
    }

    /// Étape 1. Le code stable que les clients testent : le nom de la variante en majuscules
    /// (`PARAMETRE_INVALIDE`, `CORPS_INVALIDE`, `PRODUIT_INTROUVABLE`, `ROUTE_INCONNUE`,
    /// `METHODE_NON_AUTORISEE`, `PRODUIT_EXISTANT`, `CORPS_TROP_VOLUMINEUX`,
    /// `TYPE_MEDIA_NON_SUPPORTE`), sauf `ERREUR_INTERNE` et `STOCKAGE_INDISPONIBLE` pour les 5xx.
    pub fn code(&self) -> &'static str {
        todo!(
            "Indice : un deuxième `match self`, qui renvoie une chaîne littérale par variante (page 4.3, type-erreur.md)"
        )
    }

    /// Étape 2. Le message montré au client. Pour une erreur du client (4xx), c'est le texte
    /// de l'erreur (`self.to_string()`, écrit par thiserror). Pour une erreur du serveur (5xx),
    /// une phrase générique en français : le détail (nom de table, adresse, message de
    /// panique…) ne doit jamais quitter le journal.
    pub fn message_public(&self) -> String {
        todo!(
            "Indice : traitez d'abord les deux variantes 5xx, puis un bras pour toutes les autres (page 4.4, message-public.md)"
        )
    }

    /// Étape 2. La réponse HTTP de l'erreur, au format du cours, avec l'en-tête
    /// `Allow: <permises>` pour `MethodeNonAutorisee`.
    pub fn en_reponse(&self) -> Response<Body> {
        todo!(
            "Indice : `reponse_erreur` de l'atelier 03 fabrique le corps JSON ; ajoutez ensuite l'en-tête avec `headers_mut()` (page 4.4, message-public.md)"
        )
    }
}

// --- 3. La couche d'erreurs -------------------------------------------------------------------
// Pages « 4.5 Une couche d'erreurs centrale » (couche.md) et « 4.6 Journaliser chaque erreur
// une fois » (journal.md) du chapitre 04.

/// Étape 3. La couche d'erreurs : appelle `gestionnaire(requete)` et renvoie **toujours**
/// une réponse.
///
/// - `Ok(reponse)` passe tel quel ;
/// - `Err(erreur)` devient `erreur.en_reponse()` ;
/// - une panique devient `ErreurApi::Interne(<message de la panique>)`, donc un 500 JSON.
///   Rattrapez-la autour du futur avec `AssertUnwindSafe(futur).catch_unwind().await`, et
///   appelez `gestionnaire` *dans* ce futur, pour rattraper aussi une panique à l'appel.
///   Le message d'une panique est souvent un `&str` ou un `String` dans la charge
///   `Box<dyn Any + Send>` (`downcast_ref`), mais pas toujours : ne faites pas `unwrap`.
///
/// Chaque erreur est journalisée **une fois** (`tracing::warn!` pour une 4xx, `tracing::error!`
/// pour une 5xx) avec ces champs : `request_id` et `apigw_request_id` (voir
/// [`Identifiants::de`], à lire avant d'appeler le gestionnaire), `statut` (nombre), `code`,
/// et `erreur` (le texte détaillé, `%erreur`).
pub async fn avec_couche_erreurs<F, Fut>(requete: Request, gestionnaire: F) -> Response<Body>
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Result<Response<Body>, ErreurApi>>,
{
    todo!(
        "Indice : commencez sans panique ni journal, par un `match` sur le résultat du gestionnaire ; ajoutez ensuite `catch_unwind`, puis le journal (page 4.5, couche.md)"
    )
}

// --- 4 et 5. Les règles de validation ---------------------------------------------------------
// Pages « 4.7 Valider les entrées » (validation.md) et « Un prix exact, au centime »
// (prix-exact.md) du chapitre 04.

/// Étape 4. `description` : facultative ; au plus [`LONGUEUR_MAXIMALE_DESCRIPTION`]
/// caractères, sinon une `ErreurApi::ParametreInvalide` qui nomme le champ `description`.
pub fn valider_description(description: Option<String>) -> Result<Option<String>, ErreurApi> {
    todo!(
        "Indice : `None` passe tel quel ; sinon comptez les caractères, pas les octets (page 4.7, validation.md)"
    )
}

/// Étape 4. `nom` : obligatoire, de 1 à [`LONGUEUR_MAXIMALE_NOM`] caractères une fois les
/// espaces retirés autour ; renvoie le nom sans ces espaces. Chaque refus est une
/// `ErreurApi::ParametreInvalide` dont le message nomme le champ : « Le champ `nom` … ».
pub fn valider_nom(nom: Option<&str>) -> Result<String, ErreurApi> {
    todo!(
        "Indice : transformez d'abord le `None` en erreur, puis retirez les espaces et comptez les caractères (page 4.7, validation.md)"
    )
}

/// Étape 4. `prix` : obligatoire, un nombre fini, positif ou nul, au plus [`PRIX_MAXIMAL`],
/// avec au plus deux décimales ; converti **exactement** en centimes (`Prix::en_centimes`).
/// Chaque refus est une `ErreurApi::ParametreInvalide` dont le message nomme le champ :
/// « Le champ `prix` … ».
///
/// Attention : `19.99 * 100.0` vaut `1998.9999999999998`. Comptez les décimales sur le texte
/// le plus court du nombre, `prix.to_string()`. Et `-0.0` est un prix nul accepté (`-0.0 < 0.0`
/// est faux), mais `(-0.0_f64).to_string()` vaut `"-0"` : prévoyez ce cas.
pub fn valider_prix(prix: Option<f64>) -> Result<Prix, ErreurApi> {
    todo!(
        "Indice : refusez d'abord `None`, un prix non fini, négatif ou trop grand ; puis travaillez sur le texte du nombre, sans oublier `-0.0` (page « Un prix exact, au centime », prix-exact.md)"
    )
}

/// Étape 5. Exige l'en-tête `Content-Type: application/json` (casse indifférente, paramètres
/// comme `; charset=utf-8` permis). Absent ou autre : `ErreurApi::TypeMediaNonSupporte`.
pub fn verifier_type_de_contenu(requete: &Request) -> Result<(), ErreurApi> {
    todo!(
        "Indice : lisez l'en-tête dans `requete.headers()`, puis ne gardez que ce qui précède le premier `;` (page 4.7, validation.md)"
    )
}

// --- 6 et 7. Le routage et POST /produits -----------------------------------------------------
// Pages « 4.5 Une couche d'erreurs centrale » (couche.md) et « Un prix exact, au centime »
// (prix-exact.md, « Assembler une création ») du chapitre 04.

/// Étape 6. Le gestionnaire de l'API Produits (tableau en tête de ce fichier). Ne fabrique
/// aucune réponse d'erreur lui-même : il renvoie `Err(ErreurApi::…)`, et la couche s'en
/// charge. Pour `MethodeNonAutorisee`, `permises` vaut `"GET, POST"` sur `/produits` et
/// `"GET"` sur `/produits/{id}`.
pub async fn handler(etat: &Etat, requete: Request) -> Result<Response<Body>, ErreurApi> {
    todo!(
        "Indice : comme à l'atelier 03, un `match` sur (segments du chemin, méthode) ; `etat.lire(lister)` donne la liste, `ok_or_else` change un produit absent en erreur (page 4.5, couche.md)"
    )
}

/// Étape 7. Lit le corps de `requete` : plus de [`TAILLE_MAXIMALE_CORPS`] octets →
/// `CorpsTropVolumineux` ; vide ou fait d'espaces → `CorpsInvalide` (message avec le mot
/// « vide ») ; sinon [`NouveauProduit::depuis_json`] (fourni). Un corps base64 est déjà décodé
/// par `lambda_http`.
pub fn lire_corps(requete: &Request) -> Result<NouveauProduit, ErreurApi> {
    todo!(
        "Indice : prenez les octets du corps (`requete.body().as_ref()`) et testez leur taille avant tout (page 4.7, validation.md)"
    )
}

/// Étape 7. `POST /produits` : vérifie le `Content-Type`, lit le corps, valide chaque champ,
/// fabrique l'identifiant (`uuid::Uuid::new_v4()`), ajoute le produit à `etat`, et répond 201
/// avec le produit et l'en-tête `Location: /produits/{id}`. Chaque étape peut échouer : `?`.
pub fn creer_produit(etat: &Etat, requete: &Request) -> Result<Response<Body>, ErreurApi> {
    todo!(
        "Indice : enchaînez les vérifications dans l'ordre du tableau de la page 4.7, chacune suivie de `?` ; l'exemple `creer_commande` de la page prix-exact.md montre la forme"
    )
}
