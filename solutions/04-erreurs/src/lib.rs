//! # Solution de l'atelier 04 — Gestion des erreurs
//!
//! Un type d'erreur qui dit, pour chaque issue, le statut, le code et le message du client ;
//! une couche d'erreurs qui enveloppe tout le gestionnaire (`Err` et paniques deviennent des
//! réponses JSON, journalisées une fois) ; la validation de `POST /produits`. Les modules
//! fournis et les tests sont ceux de l'atelier (`labs/04-erreurs`), inclus tels quels.

#[path = "../../../labs/04-erreurs/src/erreur.rs"]
pub mod erreur;
#[path = "../../../labs/04-erreurs/src/etat.rs"]
pub mod etat;
#[path = "../../../labs/04-erreurs/src/journal.rs"]
pub mod journal;
#[path = "../../../labs/04-erreurs/src/nouveau_produit.rs"]
pub mod nouveau_produit;
#[cfg(test)]
#[path = "../../../labs/04-erreurs/src/tests.rs"]
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
use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;

// ANCHOR: correspondance
impl ErreurApi {
    /// Le statut HTTP de l'erreur.
    pub fn statut(&self) -> StatusCode {
        match self {
            ErreurApi::ParametreInvalide(_) | ErreurApi::CorpsInvalide(_) => {
                StatusCode::BAD_REQUEST
            }
            ErreurApi::ProduitIntrouvable(_) | ErreurApi::RouteInconnue { .. } => {
                StatusCode::NOT_FOUND
            }
            ErreurApi::MethodeNonAutorisee { .. } => StatusCode::METHOD_NOT_ALLOWED,
            ErreurApi::ProduitExistant(_) => StatusCode::CONFLICT,
            ErreurApi::CorpsTropVolumineux { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ErreurApi::TypeMediaNonSupporte { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErreurApi::Interne(_) => StatusCode::INTERNAL_SERVER_ERROR,
            ErreurApi::StockageIndisponible(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// Le code stable que les clients testent, en majuscules.
    pub fn code(&self) -> &'static str {
        match self {
            ErreurApi::ParametreInvalide(_) => "PARAMETRE_INVALIDE",
            ErreurApi::CorpsInvalide(_) => "CORPS_INVALIDE",
            ErreurApi::ProduitIntrouvable(_) => "PRODUIT_INTROUVABLE",
            ErreurApi::RouteInconnue { .. } => "ROUTE_INCONNUE",
            ErreurApi::MethodeNonAutorisee { .. } => "METHODE_NON_AUTORISEE",
            ErreurApi::ProduitExistant(_) => "PRODUIT_EXISTANT",
            ErreurApi::CorpsTropVolumineux { .. } => "CORPS_TROP_VOLUMINEUX",
            ErreurApi::TypeMediaNonSupporte { .. } => "TYPE_MEDIA_NON_SUPPORTE",
            ErreurApi::Interne(_) => "ERREUR_INTERNE",
            ErreurApi::StockageIndisponible(_) => "STOCKAGE_INDISPONIBLE",
        }
    }

    /// Le message montré au client : le détail pour une erreur du client (4xx), une phrase
    /// générique pour une erreur du serveur (5xx), dont le détail ne regarde que le journal.
    pub fn message_public(&self) -> String {
        match self {
            ErreurApi::Interne(_) => {
                "Une erreur interne est survenue. Réessayez plus tard.".to_string()
            }
            ErreurApi::StockageIndisponible(_) => {
                "Le stockage des produits est momentanément indisponible. Réessayez dans quelques instants."
                    .to_string()
            }
            client => client.to_string(),
        }
    }

    /// La réponse HTTP : `{"message": …, "code": …}`, plus l'en-tête `Allow` pour un 405.
    pub fn en_reponse(&self) -> Response<Body> {
        let mut reponse = reponse_erreur(self.statut(), self.code(), &self.message_public());
        if let ErreurApi::MethodeNonAutorisee { permises, .. } = self {
            reponse
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static(permises));
        }
        reponse
    }
}
// ANCHOR_END: correspondance

// ANCHOR: couche
/// La couche d'erreurs : appelle `gestionnaire` et garantit une réponse HTTP propre.
///
/// Un `Ok` passe tel quel ; un `Err` devient sa réponse JSON ; une panique devient un 500
/// `ERREUR_INTERNE`. Chaque erreur est journalisée une fois, en JSON, avec les identifiants
/// de la requête.
pub async fn avec_couche_erreurs<F, Fut>(requete: Request, gestionnaire: F) -> Response<Body>
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Result<Response<Body>, ErreurApi>>,
{
    let identifiants = Identifiants::de(&requete);
    let methode = requete.method().clone();
    let chemin = requete.raw_http_path().to_string();

    // L'appel lui-même est dans le bloc `async` : une panique avant le premier `.await`
    // est rattrapée comme les autres.
    let travail = async move { gestionnaire(requete).await };
    let erreur = match AssertUnwindSafe(travail).catch_unwind().await {
        Ok(Ok(reponse)) => return reponse,
        Ok(Err(erreur)) => erreur,
        Err(charge) => ErreurApi::Interne(format!("panique : {}", message_de_panique(&*charge))),
    };

    let statut = erreur.statut();
    if statut.is_server_error() {
        tracing::error!(
            request_id = identifiants.lambda.as_deref(),
            apigw_request_id = identifiants.api_gateway.as_deref(),
            methode = %methode,
            chemin = %chemin,
            statut = statut.as_u16(),
            code = erreur.code(),
            erreur = %erreur,
            "requête en erreur"
        );
    } else {
        tracing::warn!(
            request_id = identifiants.lambda.as_deref(),
            apigw_request_id = identifiants.api_gateway.as_deref(),
            methode = %methode,
            chemin = %chemin,
            statut = statut.as_u16(),
            code = erreur.code(),
            erreur = %erreur,
            "requête refusée"
        );
    }
    erreur.en_reponse()
}

/// Le message d'une panique : `panic!("texte")` donne un `&str`, `panic!("{x}")` un `String`.
fn message_de_panique(charge: &(dyn Any + Send)) -> &str {
    if let Some(texte) = charge.downcast_ref::<&str>() {
        texte
    } else if let Some(texte) = charge.downcast_ref::<String>() {
        texte
    } else {
        "panique sans message"
    }
}
// ANCHOR_END: couche

// ANCHOR: valider_description
/// `description` : facultative, 1000 caractères au plus.
pub fn valider_description(description: Option<String>) -> Result<Option<String>, ErreurApi> {
    match description {
        Some(texte) if texte.chars().count() > LONGUEUR_MAXIMALE_DESCRIPTION => {
            Err(ErreurApi::ParametreInvalide(format!(
                "Le champ `description` fait {} caractères : {LONGUEUR_MAXIMALE_DESCRIPTION} au plus.",
                texte.chars().count()
            )))
        }
        description => Ok(description),
    }
}
// ANCHOR_END: valider_description

// ANCHOR: valider_nom
/// L'erreur d'un champ obligatoire absent (ou `null`).
pub fn champ_obligatoire(champ: &str) -> ErreurApi {
    ErreurApi::ParametreInvalide(format!("Le champ `{champ}` est obligatoire."))
}

/// `nom` : obligatoire, de 1 à 100 caractères une fois les espaces retirés.
pub fn valider_nom(nom: Option<&str>) -> Result<String, ErreurApi> {
    let nom = nom.ok_or_else(|| champ_obligatoire("nom"))?.trim();
    let longueur = nom.chars().count();
    if longueur == 0 {
        return Err(ErreurApi::ParametreInvalide(
            "Le champ `nom` ne doit pas être vide.".to_string(),
        ));
    }
    if longueur > LONGUEUR_MAXIMALE_NOM {
        return Err(ErreurApi::ParametreInvalide(format!(
            "Le champ `nom` fait {longueur} caractères : {LONGUEUR_MAXIMALE_NOM} au plus."
        )));
    }
    Ok(nom.to_string())
}
// ANCHOR_END: valider_nom

// ANCHOR: valider_prix
/// `prix` : obligatoire, un nombre fini, positif ou nul, au plus [`PRIX_MAXIMAL`], avec au
/// plus deux décimales ; converti exactement en centimes.
pub fn valider_prix(prix: Option<f64>) -> Result<Prix, ErreurApi> {
    let prix = prix.ok_or_else(|| champ_obligatoire("prix"))?;
    let invalide =
        |raison: &str| ErreurApi::ParametreInvalide(format!("Le champ `prix` {raison}."));
    if !prix.is_finite() {
        return Err(invalide("doit être un nombre fini"));
    }
    if prix < 0.0 {
        return Err(invalide(&format!("doit être positif ou nul (reçu {prix})")));
    }
    if prix > PRIX_MAXIMAL.centimes() as f64 / 100.0 {
        return Err(invalide(
            "ne doit pas dépasser 1000000 (un million d'euros)",
        ));
    }
    // `Display` écrit le texte décimal le plus court qui redonne exactement ce f64, sans
    // exposant : 49.9 → "49.9", 0.1 → "0.1", 49.999 → "49.999". `abs` change -0 en 0.
    let texte = prix.abs().to_string();
    let (euros, decimales) = texte.split_once('.').unwrap_or((&texte, ""));
    if decimales.len() > 2 {
        return Err(invalide(&format!(
            "doit avoir au plus deux décimales (reçu {texte})"
        )));
    }
    // Au plus deux chiffres après la virgule : « 9 » se lit 90 centimes, « 05 » 5 centimes.
    let centimes_texte = format!("{euros}{decimales:0<2}");
    let centimes = centimes_texte
        .parse::<u64>()
        .map_err(|_| invalide("n'est pas un prix lisible"))?;
    Ok(Prix::en_centimes(centimes))
}
// ANCHOR_END: valider_prix

// ANCHOR: type_de_contenu
/// Exige `Content-Type: application/json` (casse et paramètres comme `; charset=utf-8` permis).
pub fn verifier_type_de_contenu(requete: &Request) -> Result<(), ErreurApi> {
    let Some(valeur) = requete.headers().get(header::CONTENT_TYPE) else {
        return Err(ErreurApi::TypeMediaNonSupporte { recu: None });
    };
    let texte = String::from_utf8_lossy(valeur.as_bytes());
    let type_media = texte.split(';').next().unwrap_or_default().trim();
    if type_media.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(ErreurApi::TypeMediaNonSupporte {
            recu: Some(texte.into_owned()),
        })
    }
}
// ANCHOR_END: type_de_contenu

// ANCHOR: handler
/// Le gestionnaire de l'API Produits : route la requête d'après sa méthode et son chemin.
pub async fn handler(etat: &Etat, requete: Request) -> Result<Response<Body>, ErreurApi> {
    let chemin = requete.raw_http_path().to_string();
    let segments: Vec<&str> = chemin.split('/').filter(|s| !s.is_empty()).collect();
    let methode = requete.method().clone();

    match (segments.as_slice(), &methode) {
        (["produits"], &Method::GET) => Ok(etat.lire(lister)),
        (["produits"], &Method::POST) => creer_produit(etat, &requete),
        (["produits", id], &Method::GET) => {
            let produit = etat
                .lire(|catalogue| catalogue.trouver(id).cloned())
                .ok_or_else(|| ErreurApi::ProduitIntrouvable(id.to_string()))?;
            Ok(reponse_json(StatusCode::OK, &produit))
        }
        (["produits"], _) => Err(ErreurApi::MethodeNonAutorisee {
            methode,
            permises: "GET, POST",
        }),
        (["produits", _], _) => Err(ErreurApi::MethodeNonAutorisee {
            methode,
            permises: "GET",
        }),
        _ => Err(ErreurApi::RouteInconnue { methode, chemin }),
    }
}
// ANCHOR_END: handler

// ANCHOR: lire_corps
/// Lit le corps de `requete` : refuse un corps trop gros (413) ou vide (400), puis le lit
/// en JSON avec [`NouveauProduit::depuis_json`].
pub fn lire_corps(requete: &Request) -> Result<NouveauProduit, ErreurApi> {
    // `lambda_http` a déjà décodé un corps base64 (`isBase64Encoded: true`) : ce sont
    // les octets envoyés par le client.
    let octets: &[u8] = requete.body().as_ref();
    if octets.len() > TAILLE_MAXIMALE_CORPS {
        return Err(ErreurApi::CorpsTropVolumineux {
            taille: octets.len(),
            limite: TAILLE_MAXIMALE_CORPS,
        });
    }
    if octets.iter().all(u8::is_ascii_whitespace) {
        return Err(ErreurApi::CorpsInvalide(
            "Le corps de la requête est vide : envoyez un objet JSON avec `nom` et `prix`."
                .to_string(),
        ));
    }
    NouveauProduit::depuis_json(octets)
}
// ANCHOR_END: lire_corps

// ANCHOR: creer_produit
/// `POST /produits` : valide la requête, ajoute le produit, répond 201 avec `Location`.
pub fn creer_produit(etat: &Etat, requete: &Request) -> Result<Response<Body>, ErreurApi> {
    verifier_type_de_contenu(requete)?;
    let nouveau = lire_corps(requete)?;
    let produit = Produit {
        id: uuid::Uuid::new_v4().to_string(),
        nom: valider_nom(nouveau.nom.as_deref())?,
        prix: valider_prix(nouveau.prix)?,
        description: valider_description(nouveau.description)?,
    };
    // `?` convertit `IdentifiantDejaPris` en `ErreurApi::ProduitExistant` (`#[from]`).
    etat.ajouter(produit.clone())?;

    let emplacement = HeaderValue::try_from(format!("/produits/{}", produit.id))
        .map_err(|erreur| ErreurApi::Interne(format!("en-tête Location : {erreur}")))?;
    let mut reponse = reponse_json(StatusCode::CREATED, &produit);
    reponse.headers_mut().insert(header::LOCATION, emplacement);
    Ok(reponse)
}
// ANCHOR_END: creer_produit
