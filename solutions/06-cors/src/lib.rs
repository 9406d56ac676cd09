//! # Solution de l'atelier 06 — CORS
//!
//! Une configuration CORS à la manière de la propriété `Cors` de SAM, refusée à sa
//! construction quand un navigateur la rejetterait ; la réponse à la requête préliminaire
//! (*preflight*) ; les en-têtes d'une réponse réelle ; une couche qui les pose sur chaque
//! réponse du gestionnaire, erreurs de la couche d'erreurs du chapitre 04 comprises. Les
//! modules fournis et les tests sont ceux de l'atelier (`labs/06-cors`), inclus tels quels.
//!
//! La fonction finale (chapitre 09) compose les deux couches :
//! `avec_cors(&cors, requete, |r| avec_couche_erreurs(r, |r| handler(&etat, r)))`.
//! La passerelle locale lit `Cors` dans `template.yaml` ([`ParametresCors::depuis_sam`]),
//! répond elle-même aux requêtes préliminaires ([`est_preliminaire`],
//! [`ConfigurationCors::reponse_preliminaire`]) et pose [`ConfigurationCors::entetes_reponse`]
//! sur ses propres erreurs.

#[path = "../../../labs/06-cors/src/configuration.rs"]
pub mod configuration;
#[path = "../../../labs/06-cors/src/erreur.rs"]
pub mod erreur;
#[cfg(test)]
#[path = "../../../labs/06-cors/src/tests.rs"]
mod tests;

pub use configuration::{ConfigurationCors, Origines, ParametresCors};
pub use erreur::ErreurConfiguration;

use lambda_http::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use lambda_http::http::{Method, StatusCode};
use lambda_http::{Body, Request, Response};
use std::future::Future;

// ANCHOR: depuis_sam
impl ParametresCors {
    /// Les paramètres d'une propriété `Cors` de SAM, valeurs telles qu'écrites dans le gabarit :
    /// des « expressions de chaîne » d'API Gateway, entre apostrophes (`"'GET,POST'"`).
    /// `AllowOrigin` est une seule valeur : API Gateway la renvoie telle quelle.
    pub fn depuis_sam(
        allow_origin: &str,
        allow_methods: Option<&str>,
        allow_headers: Option<&str>,
        max_age: Option<&str>,
        allow_credentials: bool,
    ) -> Result<Self, ErreurConfiguration> {
        let origine = sans_apostrophes("AllowOrigin", allow_origin)?;
        let liste = |propriete, valeur: Option<&str>| -> Result<Vec<String>, _> {
            let Some(valeur) = valeur else {
                return Ok(Vec::new());
            };
            Ok(sans_apostrophes(propriete, valeur)?
                .split(',')
                .map(str::trim)
                .filter(|element| !element.is_empty())
                .map(str::to_string)
                .collect())
        };
        let duree_max = match max_age {
            None => None,
            Some(valeur) => {
                let texte = sans_apostrophes("MaxAge", valeur)?;
                let secondes = texte
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| ErreurConfiguration::DureeInvalide(texte.to_string()))?;
                Some(secondes)
            }
        };
        Ok(ParametresCors {
            origines: vec![origine.to_string()],
            methodes: liste("AllowMethods", allow_methods)?,
            entetes: liste("AllowHeaders", allow_headers)?,
            entetes_exposes: Vec::new(),
            duree_max,
            identifiants: allow_credentials,
        })
    }
}

/// `"'GET,POST'"` donne `GET,POST` ; une valeur sans ses apostrophes est refusée.
fn sans_apostrophes<'a>(
    propriete: &'static str,
    valeur: &'a str,
) -> Result<&'a str, ErreurConfiguration> {
    valeur
        .trim()
        .strip_prefix('\'')
        .and_then(|reste| reste.strip_suffix('\''))
        .ok_or_else(|| ErreurConfiguration::ValeurSamSansApostrophes {
            propriete,
            valeur: valeur.to_string(),
        })
}
// ANCHOR_END: depuis_sam

// ANCHOR: nouvelle
impl ConfigurationCors {
    /// Vérifie `parametres` et prépare les valeurs d'en-têtes. Refuse ce qu'un navigateur
    /// rejetterait : `*` avec les cookies, une origine qui ne peut pas correspondre à `Origin`.
    pub fn nouvelle(parametres: ParametresCors) -> Result<Self, ErreurConfiguration> {
        let identifiants = parametres.identifiants;
        let etoile = |valeurs: &[String], champ| {
            let avec_etoile = valeurs.iter().any(|v| v.trim() == "*");
            if avec_etoile && identifiants {
                Err(ErreurConfiguration::IdentifiantsAvecEtoile { champ })
            } else {
                Ok(())
            }
        };
        etoile(&parametres.origines, "AllowOrigin")?;
        etoile(&parametres.methodes, "AllowMethods")?;
        etoile(&parametres.entetes, "AllowHeaders")?;
        etoile(&parametres.entetes_exposes, "ExposeHeaders")?;

        let origines = match parametres.origines.as_slice() {
            [] => return Err(ErreurConfiguration::AucuneOrigine),
            [seule] if seule.trim() == "*" => Origines::Toutes,
            liste if liste.iter().any(|o| o.trim() == "*") => {
                return Err(ErreurConfiguration::EtoileParmiDesOrigines);
            }
            liste => Origines::Liste(
                liste
                    .iter()
                    .map(|origine| verifier_origine(origine.trim()))
                    .collect::<Result<_, _>>()?,
            ),
        };

        let methodes = parametres
            .methodes
            .iter()
            .map(|methode| {
                let majuscules = methode.trim().to_ascii_uppercase();
                match Method::from_bytes(majuscules.as_bytes()) {
                    Ok(_) => Ok(majuscules),
                    Err(_) => Err(ErreurConfiguration::MethodeInvalide(methode.clone())),
                }
            })
            .collect::<Result<Vec<_>, _>>()?;

        Ok(ConfigurationCors {
            origines,
            methodes: joindre(&methodes),
            entetes: noms_d_entetes(&parametres.entetes)?,
            entetes_exposes: noms_d_entetes(&parametres.entetes_exposes)?,
            duree_max: parametres.duree_max.map(HeaderValue::from),
            identifiants,
        })
    }
}

/// Une origine est `schéma://hôte[:port]`, écrite comme le navigateur l'envoie dans `Origin`.
fn verifier_origine(origine: &str) -> Result<HeaderValue, ErreurConfiguration> {
    let refus = |raison: &str| ErreurConfiguration::OrigineInvalide {
        origine: origine.to_string(),
        raison: raison.to_string(),
    };
    if origine == "null" {
        return Err(refus(
            "`null` est l'origine des fichiers locaux et des cadres isolés : l'autoriser \
             ouvre l'API à n'importe quelle page",
        ));
    }
    let (port_par_defaut, reste) = if let Some(reste) = origine.strip_prefix("https://") {
        ("443", reste)
    } else if let Some(reste) = origine.strip_prefix("http://") {
        ("80", reste)
    } else {
        return Err(refus("une origine commence par `https://` ou `http://`"));
    };
    if reste.is_empty() {
        return Err(refus("l'hôte manque"));
    }
    if reste.contains('/') {
        return Err(refus(
            "une origine n'a pas de chemin, pas même la barre finale : le navigateur envoie \
             `https://hote`, sans `/`",
        ));
    }
    if reste.contains('*') {
        return Err(refus(
            "CORS ne connaît pas de joker dans une origine (`*.exemple.fr`) : nommez chaque origine",
        ));
    }
    if reste.contains(['?', '#', '@', ',', ' ']) {
        return Err(refus(
            "une origine est un schéma, un hôte et un port, rien d'autre (une seule origine par valeur)",
        ));
    }
    if !reste.is_ascii() {
        return Err(refus(
            "un nom de domaine international s'écrit en punycode (`xn--…`), comme le navigateur l'envoie",
        ));
    }
    if reste.bytes().any(|octet| octet.is_ascii_uppercase()) {
        return Err(refus(
            "le navigateur envoie l'hôte en minuscules et compare l'origine octet par octet",
        ));
    }
    // Un port suit le dernier `:`, sauf dans une adresse IPv6 sans port (`[::1]`).
    if let Some((_, port)) = reste.rsplit_once(':').filter(|_| !reste.ends_with(']')) {
        if port.is_empty() || !port.bytes().all(|octet| octet.is_ascii_digit()) {
            return Err(refus("le port doit être un nombre"));
        }
        if port == port_par_defaut {
            return Err(refus(
                "le navigateur omet le port par défaut (443 en https, 80 en http) : retirez-le",
            ));
        }
    }
    HeaderValue::from_str(origine).map_err(|_| refus("caractère interdit dans un en-tête"))
}

/// Les noms d'en-têtes vérifiés, joints par des virgules ; `*` passe tel quel.
fn noms_d_entetes(noms: &[String]) -> Result<Option<HeaderValue>, ErreurConfiguration> {
    let noms = noms
        .iter()
        .map(|nom| match nom.trim() {
            "*" => Ok("*".to_string()),
            nom => HeaderName::from_bytes(nom.as_bytes())
                .map(|nom| nom.as_str().to_string())
                .map_err(|_| ErreurConfiguration::EnteteInvalide(nom.to_string())),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(joindre(&noms))
}

/// `["GET", "POST"]` donne `GET, POST` ; une liste vide ne donne pas d'en-tête.
fn joindre(valeurs: &[String]) -> Option<HeaderValue> {
    if valeurs.is_empty() {
        return None;
    }
    // Des méthodes et des noms d'en-têtes déjà vérifiés : la valeur est toujours valide.
    HeaderValue::from_str(&valeurs.join(", ")).ok()
}
// ANCHOR_END: nouvelle

// ANCHOR: autoriser_origine
impl ConfigurationCors {
    /// La valeur d'`Access-Control-Allow-Origin` pour une requête qui porte `origine` :
    /// `*` si toutes les origines sont permises, l'origine elle-même si elle est dans la liste,
    /// `None` sinon (la réponse ne porte alors aucun en-tête CORS, et le navigateur bloque).
    pub fn autoriser_origine(&self, origine: Option<&HeaderValue>) -> Option<HeaderValue> {
        match &self.origines {
            Origines::Toutes => Some(HeaderValue::from_static("*")),
            Origines::Liste(permises) => {
                let origine = origine?;
                permises.contains(origine).then(|| origine.clone())
            }
        }
    }
}
// ANCHOR_END: autoriser_origine

// ANCHOR: entetes_reponse
impl ConfigurationCors {
    /// Les en-têtes CORS d'une réponse réelle (pas préliminaire) à une requête d'`origine`.
    ///
    /// `Vary: Origin` dès que la réponse dépend de l'origine (une liste) ; puis, si l'origine
    /// est permise, `Access-Control-Allow-Origin`, `-Allow-Credentials` et `-Expose-Headers`.
    pub fn entetes_reponse(&self, origine: Option<&HeaderValue>) -> HeaderMap {
        let mut entetes = self.entetes_communs(origine);
        let permise = entetes.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN);
        match &self.entetes_exposes {
            Some(exposes) if permise => {
                entetes.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, exposes.clone());
            }
            _ => {}
        }
        entetes
    }

    /// Ce que portent les deux sortes de réponses : `Vary`, l'origine, les cookies.
    fn entetes_communs(&self, origine: Option<&HeaderValue>) -> HeaderMap {
        let mut entetes = HeaderMap::new();
        if let Origines::Liste(_) = self.origines {
            // La réponse change avec `Origin` : un cache ne doit pas la servir à une autre page.
            entetes.insert(header::VARY, HeaderValue::from_static("Origin"));
        }
        if let Some(permise) = self.autoriser_origine(origine) {
            entetes.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, permise);
            if self.identifiants {
                entetes.insert(
                    header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                    HeaderValue::from_static("true"),
                );
            }
        }
        entetes
    }
}
// ANCHOR_END: entetes_reponse

// ANCHOR: preliminaire
/// Une requête préliminaire : `OPTIONS` avec `Origin` et `Access-Control-Request-Method`.
/// Un autre `OPTIONS` est une requête ordinaire, pour le gestionnaire.
pub fn est_preliminaire(methode: &Method, entetes: &HeaderMap) -> bool {
    methode == Method::OPTIONS
        && entetes.contains_key(header::ORIGIN)
        && entetes.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
}

impl ConfigurationCors {
    /// Les en-têtes de la réponse préliminaire : ceux d'une réponse réelle (sans
    /// `Expose-Headers`), plus les méthodes, les en-têtes permis et la durée de cache.
    /// Rien de tout cela pour une origine refusée : le navigateur bloquera la requête.
    pub fn entetes_preliminaires(&self, origine: Option<&HeaderValue>) -> HeaderMap {
        let mut entetes = self.entetes_communs(origine);
        if !entetes.contains_key(header::ACCESS_CONTROL_ALLOW_ORIGIN) {
            return entetes;
        }
        let permis = [
            (header::ACCESS_CONTROL_ALLOW_METHODS, &self.methodes),
            (header::ACCESS_CONTROL_ALLOW_HEADERS, &self.entetes),
            (header::ACCESS_CONTROL_MAX_AGE, &self.duree_max),
        ];
        for (nom, valeur) in permis {
            if let Some(valeur) = valeur {
                entetes.insert(nom, valeur.clone());
            }
        }
        entetes
    }

    /// La réponse à une requête préliminaire dont voici les en-têtes : 204, sans corps.
    pub fn reponse_preliminaire(&self, entetes_requete: &HeaderMap) -> Response<Body> {
        let mut reponse = Response::new(Body::Empty);
        *reponse.status_mut() = StatusCode::NO_CONTENT;
        *reponse.headers_mut() = self.entetes_preliminaires(entetes_requete.get(header::ORIGIN));
        reponse
    }
}
// ANCHOR_END: preliminaire

// ANCHOR: couche
/// Les en-têtes CORS, que la couche est seule à poser.
const ENTETES_CORS: [HeaderName; 6] = [
    header::ACCESS_CONTROL_ALLOW_ORIGIN,
    header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
    header::ACCESS_CONTROL_ALLOW_METHODS,
    header::ACCESS_CONTROL_ALLOW_HEADERS,
    header::ACCESS_CONTROL_EXPOSE_HEADERS,
    header::ACCESS_CONTROL_MAX_AGE,
];

/// La couche CORS : répond elle-même aux requêtes préliminaires, et pose les en-têtes CORS
/// sur toute autre réponse de `gestionnaire`, succès ou erreur.
///
/// `gestionnaire` renvoie une réponse, jamais un `Err` : c'est un gestionnaire déjà enveloppé
/// dans la couche d'erreurs du chapitre 04, qui change les `Err` et les paniques en réponses.
pub async fn avec_cors<F, Fut>(
    configuration: &ConfigurationCors,
    requete: Request,
    gestionnaire: F,
) -> Response<Body>
where
    F: FnOnce(Request) -> Fut,
    Fut: Future<Output = Response<Body>>,
{
    if est_preliminaire(requete.method(), requete.headers()) {
        return configuration.reponse_preliminaire(requete.headers());
    }
    let origine = requete.headers().get(header::ORIGIN).cloned();
    let mut reponse = gestionnaire(requete).await;

    let entetes = reponse.headers_mut();
    for nom in &ENTETES_CORS {
        entetes.remove(nom);
    }
    for (nom, valeur) in &configuration.entetes_reponse(origine.as_ref()) {
        if nom == header::VARY {
            ajouter_a_vary(entetes, valeur);
        } else {
            entetes.insert(nom, valeur.clone());
        }
    }
    reponse
}

/// Ajoute `valeur` à `Vary` sans effacer ce que le gestionnaire y a mis.
fn ajouter_a_vary(entetes: &mut HeaderMap, valeur: &HeaderValue) {
    let cherche = valeur.to_str().unwrap_or_default();
    let deja_la = entetes.get_all(header::VARY).iter().any(|present| {
        present
            .to_str()
            .unwrap_or_default()
            .split(',')
            .any(|nom| nom.trim().eq_ignore_ascii_case(cherche))
    });
    if !deja_la {
        entetes.append(header::VARY, valeur.clone());
    }
}
// ANCHOR_END: couche
