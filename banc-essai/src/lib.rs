//! Banc d'essai des ateliers.
//!
//! Les tests des ateliers envoient à vos fonctions de **vrais** événements API Gateway :
//! deux événements complets, écrits d'après les formes documentées par AWS, servent de base
//! (`json/rest-v1.json` pour une REST API, format de charge utile 1.0 ; `json/http-v2.json`
//! pour une HTTP API, format 2.0). [`Evenement`] en modifie la méthode, le chemin, l'étape,
//! les paramètres et le corps, puis les transforme en [`lambda_http::Request`] exactement comme
//! le runtime le fait en production ([`lambda_http::request::from_str`]).
//!
//! ```
//! use banc_essai::Evenement;
//! use lambda_http::RequestExt;
//!
//! let requete = Evenement::rest("GET", "/produits/42")
//!     .ressource("/produits/{id}")
//!     .requete();
//! assert_eq!(requete.raw_http_path(), "/produits/42");
//! assert_eq!(requete.path_parameters_ref().and_then(|p| p.first("id")), Some("42"));
//! ```

use lambda_http::{Body, Request, Response};
use serde_json::{Map, Value, json};

const REST_V1: &str = include_str!("../json/rest-v1.json");
const HTTP_V2: &str = include_str!("../json/http-v2.json");

/// Le type d'API qui a produit l'événement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// REST API, format de charge utile 1.0.
    Rest,
    /// HTTP API, format de charge utile 2.0.
    Http,
}

/// Un événement API Gateway en construction.
#[derive(Clone, Debug)]
pub struct Evenement {
    format: Format,
    methode: String,
    chemin: String,
    ressource: Option<String>,
    etape: Option<String>,
    requete: Vec<(String, String)>,
    entetes: Vec<(String, String)>,
    corps: Option<String>,
    base64: bool,
}

impl Evenement {
    /// Un événement de REST API (format 1.0), sur l'étape `prod`.
    pub fn rest(methode: &str, chemin: &str) -> Self {
        Self::nouveau(Format::Rest, methode, chemin, Some("prod"))
    }

    /// Un événement de HTTP API (format 2.0), sur l'étape `$default`.
    pub fn http(methode: &str, chemin: &str) -> Self {
        Self::nouveau(Format::Http, methode, chemin, None)
    }

    /// Un événement du format donné (étape par défaut de ce format).
    pub fn au_format(format: Format, methode: &str, chemin: &str) -> Self {
        match format {
            Format::Rest => Self::rest(methode, chemin),
            Format::Http => Self::http(methode, chemin),
        }
    }

    fn nouveau(format: Format, methode: &str, chemin: &str, etape: Option<&str>) -> Self {
        Self {
            format,
            methode: methode.to_string(),
            chemin: chemin.to_string(),
            ressource: None,
            etape: etape.map(str::to_string),
            requete: Vec::new(),
            entetes: Vec::new(),
            corps: None,
            base64: false,
        }
    }

    /// La ressource (REST) ou la route (HTTP) qui a reçu la requête, par exemple
    /// `/produits/{id}` ou `/{proxy+}` ; les paramètres de chemin en sont déduits.
    pub fn ressource(mut self, modele: &str) -> Self {
        self.ressource = Some(modele.to_string());
        self
    }

    /// L'étape (*stage*) : `None` pour `$default`.
    pub fn etape(mut self, etape: Option<&str>) -> Self {
        self.etape = etape.map(str::to_string);
        self
    }

    /// Ajoute un paramètre de chaîne de requête (`?nom=valeur`), non encodé.
    pub fn parametre(mut self, nom: &str, valeur: &str) -> Self {
        self.requete.push((nom.to_string(), valeur.to_string()));
        self
    }

    /// Ajoute un en-tête. Une HTTP API met les noms en minuscules, une REST API les garde tels quels.
    pub fn entete(mut self, nom: &str, valeur: &str) -> Self {
        self.entetes.push((nom.to_string(), valeur.to_string()));
        self
    }

    /// Donne un corps texte à la requête.
    pub fn corps(mut self, corps: &str) -> Self {
        self.corps = Some(corps.to_string());
        self.base64 = false;
        self
    }

    /// Donne un corps déjà encodé en base64 (`isBase64Encoded: true`).
    pub fn corps_base64(mut self, corps_encode: &str) -> Self {
        self.corps = Some(corps_encode.to_string());
        self.base64 = true;
        self
    }

    /// L'événement en JSON, tel que Lambda le remet à la fonction.
    pub fn json(&self) -> String {
        self.valeur().to_string()
    }

    /// L'événement sous forme de [`Value`], pour les tests qui veulent le modifier encore.
    pub fn valeur(&self) -> Value {
        match self.format {
            Format::Rest => self.en_rest(),
            Format::Http => self.en_http(),
        }
    }

    /// La requête que `lambda_http` construit à partir de cet événement.
    pub fn requete(&self) -> Request {
        lambda_http::request::from_str(&self.json())
            .expect("le banc d'essai a produit un événement que lambda_http ne sait pas lire")
    }

    fn modele(&self) -> &str {
        self.ressource.as_deref().unwrap_or(&self.chemin)
    }

    fn parametres_chemin(&self) -> Option<Map<String, Value>> {
        let modele = self.ressource.as_deref()?;
        let parametres = extraire_parametres(modele, &self.chemin);
        (!parametres.is_empty()).then_some(parametres)
    }

    fn en_rest(&self) -> Value {
        let mut v: Value = serde_json::from_str(REST_V1).expect("json/rest-v1.json est valide");
        let etape = self.etape.as_deref().unwrap_or("$default");
        let chemin_avec_etape = match &self.etape {
            Some(etape) => format!("/{etape}{}", self.chemin),
            None => self.chemin.clone(),
        };
        v["httpMethod"] = json!(self.methode);
        v["path"] = json!(self.chemin);
        v["resource"] = json!(self.modele());
        v["pathParameters"] = json!(self.parametres_chemin());
        let contexte = &mut v["requestContext"];
        contexte["httpMethod"] = json!(self.methode);
        contexte["path"] = json!(chemin_avec_etape);
        contexte["resourcePath"] = json!(self.modele());
        contexte["stage"] = json!(etape);

        if !self.requete.is_empty() {
            let mut simple = Map::new();
            let mut multiple = Map::new();
            for (nom, valeur) in &self.requete {
                simple.insert(nom.clone(), json!(valeur));
                ajouter_a_la_liste(&mut multiple, nom, valeur);
            }
            v["queryStringParameters"] = Value::Object(simple);
            v["multiValueQueryStringParameters"] = Value::Object(multiple);
        }
        for (nom, valeur) in &self.entetes {
            v["headers"][nom] = json!(valeur);
            let multiples = v["multiValueHeaders"].as_object_mut().expect("objet");
            ajouter_a_la_liste(multiples, nom, valeur);
        }
        v["body"] = json!(self.corps);
        v["isBase64Encoded"] = json!(self.base64);
        v
    }

    fn en_http(&self) -> Value {
        let mut v: Value = serde_json::from_str(HTTP_V2).expect("json/http-v2.json est valide");
        // Sur une étape nommée, le chemin brut d'une HTTP API commence par le nom de l'étape.
        let chemin_brut = match &self.etape {
            Some(etape) => format!("/{etape}{}", self.chemin),
            None => self.chemin.clone(),
        };
        let route = format!("{} {}", self.methode, self.modele());
        v["routeKey"] = json!(route);
        v["rawPath"] = json!(chemin_brut);
        let contexte = &mut v["requestContext"];
        contexte["routeKey"] = json!(route);
        contexte["stage"] = json!(self.etape.as_deref().unwrap_or("$default"));
        contexte["http"]["method"] = json!(self.methode);
        contexte["http"]["path"] = json!(chemin_brut);

        let brute: Vec<String> = self
            .requete
            .iter()
            .map(|(nom, valeur)| format!("{}={}", encoder(nom), encoder(valeur)))
            .collect();
        v["rawQueryString"] = json!(brute.join("&"));
        if !self.requete.is_empty() {
            // Format 2.0 : les valeurs répétées sont jointes par des virgules.
            let mut parametres = Map::new();
            for (nom, valeur) in &self.requete {
                let jointe = match parametres.get(nom).and_then(Value::as_str) {
                    Some(avant) => format!("{avant},{valeur}"),
                    None => valeur.clone(),
                };
                parametres.insert(nom.clone(), json!(jointe));
            }
            v["queryStringParameters"] = Value::Object(parametres);
        }
        if let Some(parametres) = self.parametres_chemin() {
            v["pathParameters"] = Value::Object(parametres);
        }
        for (nom, valeur) in &self.entetes {
            let nom = nom.to_ascii_lowercase();
            let jointe = match v["headers"].get(&nom).and_then(Value::as_str) {
                Some(avant) => format!("{avant},{valeur}"),
                None => valeur.clone(),
            };
            v["headers"][nom] = json!(jointe);
        }
        if let Some(corps) = &self.corps {
            v["body"] = json!(corps);
            v["headers"]["content-length"] = json!(corps.len().to_string());
        }
        v["isBase64Encoded"] = json!(self.base64);
        v
    }
}

/// Les paramètres de chemin d'une ressource : `{id}` prend un segment, `{proxy+}` le reste.
fn extraire_parametres(modele: &str, chemin: &str) -> Map<String, Value> {
    let mut parametres = Map::new();
    let mut segments = chemin.trim_start_matches('/').split('/');
    for morceau in modele.trim_start_matches('/').split('/') {
        let Some(nom) = morceau.strip_prefix('{').and_then(|m| m.strip_suffix('}')) else {
            segments.next();
            continue;
        };
        let valeur = match nom.strip_suffix('+') {
            Some(glouton) => {
                let reste: Vec<&str> = segments.by_ref().collect();
                (glouton, reste.join("/"))
            }
            None => (nom, segments.next().unwrap_or_default().to_string()),
        };
        parametres.insert(valeur.0.to_string(), json!(valeur.1));
    }
    parametres
}

fn ajouter_a_la_liste(objet: &mut Map<String, Value>, nom: &str, valeur: &str) {
    let liste = objet.entry(nom).or_insert_with(|| json!([]));
    liste.as_array_mut().expect("liste").push(json!(valeur));
}

/// Encodage « pourcent » d'un composant de chaîne de requête.
fn encoder(texte: &str) -> String {
    texte
        .bytes()
        .map(|octet| match octet {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (octet as char).to_string()
            }
            _ => format!("%{octet:02X}"),
        })
        .collect()
}

/// Le corps d'une réponse, en texte.
pub fn corps_texte(reponse: &Response<Body>) -> String {
    String::from_utf8_lossy(reponse.body().as_ref()).into_owned()
}

/// Le corps d'une réponse, lu comme du JSON ; échoue avec un message clair sinon.
pub fn corps_json(reponse: &Response<Body>) -> Value {
    let texte = corps_texte(reponse);
    serde_json::from_str(&texte).unwrap_or_else(|erreur| {
        panic!("le corps de la réponse devrait être du JSON ({erreur}) ; corps reçu : {texte:?}")
    })
}

/// La valeur d'un en-tête de la réponse (nom insensible à la casse), s'il est présent.
pub fn entete<'a>(reponse: &'a Response<Body>, nom: &str) -> Option<&'a str> {
    reponse.headers().get(nom).and_then(|v| v.to_str().ok())
}

/// Vérifie le statut et l'en-tête `Content-Type: application/json` d'une réponse, puis
/// renvoie son corps lu en JSON. `contexte` (par exemple « GET /produits ») ouvre chaque
/// message d'échec ; `#[track_caller]` fait pointer l'échec sur la ligne du test appelant.
#[track_caller]
pub fn verifier_json(reponse: &Response<Body>, statut: u16, contexte: &str) -> Value {
    assert_eq!(
        reponse.status().as_u16(),
        statut,
        "{contexte} : attendu le statut {statut}, obtenu {} (corps : {})",
        reponse.status(),
        corps_texte(reponse)
    );
    assert_eq!(
        entete(reponse, "content-type"),
        Some("application/json"),
        "{contexte} : attendu l'en-tête Content-Type: application/json"
    );
    corps_json(reponse)
}

/// Vérifie une réponse d'erreur du cours : le statut, puis un corps fait exactement de
/// `{"message": "…", "code": "…"}`, avec ce code et un message non vide, qu'elle renvoie.
#[track_caller]
pub fn verifier_erreur(
    reponse: &Response<Body>,
    statut: u16,
    code: &str,
    contexte: &str,
) -> String {
    let corps = verifier_json(reponse, statut, contexte);
    let cles: Vec<&String> = corps
        .as_object()
        .map(|o| o.keys().collect())
        .unwrap_or_default();
    assert!(
        cles.len() == 2 && corps.get("message").is_some() && corps.get("code").is_some(),
        "{contexte} : attendu un corps {{\"message\": …, \"code\": …}} et rien d'autre, reçu {corps}"
    );
    assert_eq!(
        corps["code"], code,
        "{contexte} : attendu le code {code}, corps reçu {corps}"
    );
    let message = corps["message"].as_str().unwrap_or_default().to_string();
    assert!(
        !message.trim().is_empty(),
        "{contexte} : attendu un champ \"message\" non vide, corps reçu {corps}"
    );
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use lambda_http::RequestExt;

    #[test]
    fn un_evenement_rest_sans_chaine_de_requete_porte_null() {
        let v = Evenement::rest("GET", "/bonjour").valeur();
        assert!(v["queryStringParameters"].is_null());
        assert!(v["multiValueQueryStringParameters"].is_null());
        assert_eq!(v["requestContext"]["path"], "/prod/bonjour");
    }

    #[test]
    fn un_evenement_http_sans_chaine_de_requete_n_a_pas_la_cle() {
        let v = Evenement::http("GET", "/bonjour").valeur();
        assert!(v.get("queryStringParameters").is_none());
        assert_eq!(v["rawQueryString"], "");
    }

    #[test]
    fn les_parametres_sont_lus_par_lambda_http_dans_les_deux_formats() {
        for format in [Format::Rest, Format::Http] {
            let requete = Evenement::au_format(format, "GET", "/bonjour")
                .parametre("nom", "Zoé")
                .requete();
            let parametres = requete.query_string_parameters();
            assert_eq!(parametres.first("nom"), Some("Zoé"), "format {format:?}");
        }
    }

    #[test]
    fn les_parametres_de_chemin_viennent_du_modele_de_ressource() {
        let p = extraire_parametres("/produits/{id}", "/produits/42");
        assert_eq!(p["id"], "42");
        let p = extraire_parametres("/{proxy+}", "/a/b/c");
        assert_eq!(p["proxy"], "a/b/c");
    }

    #[test]
    fn l_etape_rest_apparait_dans_le_chemin_de_lambda_http_mais_pas_dans_le_chemin_brut() {
        let requete = Evenement::rest("GET", "/produits").requete();
        assert_eq!(requete.uri().path(), "/prod/produits");
        assert_eq!(requete.raw_http_path(), "/produits");
    }

    #[test]
    fn l_encodage_pourcent_suit_la_rfc_3986() {
        assert_eq!(encoder("Zoé & co"), "Zo%C3%A9%20%26%20co");
    }

    fn reponse(statut: u16, corps: &str) -> Response<Body> {
        let mut reponse = Response::new(Body::Text(corps.to_string()));
        *reponse.status_mut() = statut.try_into().expect("statut valide");
        reponse.headers_mut().insert(
            "content-type",
            "application/json".parse().expect("valeur valide"),
        );
        reponse
    }

    #[test]
    fn verifier_erreur_accepte_le_corps_d_erreur_du_cours() {
        let corps = r#"{"message":"Introuvable.","code":"PRODUIT_INTROUVABLE"}"#;
        let message = verifier_erreur(&reponse(404, corps), 404, "PRODUIT_INTROUVABLE", "cas");
        assert_eq!(message, "Introuvable.");
    }

    #[test]
    #[should_panic(expected = "rien d'autre")]
    fn verifier_erreur_refuse_un_champ_en_trop() {
        let corps = r#"{"message":"Introuvable.","code":"PRODUIT_INTROUVABLE","trace":"…"}"#;
        verifier_erreur(&reponse(404, corps), 404, "PRODUIT_INTROUVABLE", "cas");
    }

    #[test]
    #[should_panic(expected = "attendu le statut 404, obtenu 500")]
    fn verifier_json_refuse_un_autre_statut() {
        verifier_json(&reponse(500, "{}"), 404, "cas");
    }
}
