//! L'événement d'une API REST en intégration proxy : le format de charge utile 1.0 (fiche de
//! référence, §1a), avec l'étape, l'identifiant de requête, le contexte de l'autorisateur et
//! l'identité (clé d'API, adresse du client).

use serde_json::{Map, Value, json};
use solution_05_limitation_debit::Instant;
use solution_07_securisation::evaluation::Autorisation;
use std::collections::BTreeMap;

/// Ce que la passerelle sait de la requête quand elle appelle la fonction.
pub struct Entree<'a> {
    pub methode: &'a str,
    /// Le chemin sans l'étape : `/produits/42`.
    pub chemin: &'a str,
    /// La ressource : `/produits/{id}`.
    pub ressource: &'a str,
    pub etape: &'a str,
    pub api_id: &'a str,
    pub entetes: &'a hyper::HeaderMap,
    pub requete: &'a BTreeMap<String, Vec<String>>,
    pub parametres_chemin: &'a BTreeMap<String, String>,
    pub corps: &'a [u8],
    pub request_id: &'a str,
    pub ip: &'a str,
    pub instant: Instant,
    /// `principalId` et contexte, si un autorisateur a autorisé la requête.
    pub autorisation: Option<&'a Autorisation>,
    /// La latence de l'autorisateur, en millisecondes (`integrationLatency` de son contexte).
    pub latence_autorisateur_ms: u64,
    /// La clé d'API et son identifiant, si la méthode l'exige.
    pub cle: Option<(&'a str, &'a str)>,
}

/// `04/Mar/2020:19:15:17 +0000`, le format de `requestTime`.
pub fn heure_de_requete(instant: Instant) -> String {
    instant.format("%d/%b/%Y:%H:%M:%S +0000").to_string()
}

/// L'événement REST 1.0, en JSON.
pub fn construire(entree: &Entree) -> Value {
    let mut simples = Map::new();
    let mut multiples: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (nom, valeur) in entree.entetes {
        let texte = String::from_utf8_lossy(valeur.as_bytes()).into_owned();
        simples.insert(nom.as_str().to_string(), Value::from(texte.clone()));
        multiples
            .entry(nom.as_str().to_string())
            .or_default()
            .push(Value::from(texte));
    }
    let (requete_simple, requete_multiple) = if entree.requete.is_empty() {
        (Value::Null, Value::Null)
    } else {
        let simple: Map<String, Value> = entree
            .requete
            .iter()
            .map(|(k, v)| {
                (
                    k.clone(),
                    Value::from(v.last().cloned().unwrap_or_default()),
                )
            })
            .collect();
        let multiple: Map<String, Value> = entree
            .requete
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.clone())))
            .collect();
        (Value::Object(simple), Value::Object(multiple))
    };
    let parametres_chemin = if entree.parametres_chemin.is_empty() {
        Value::Null
    } else {
        Value::Object(
            entree
                .parametres_chemin
                .iter()
                .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
                .collect(),
        )
    };
    let (corps, base64) = match entree.corps {
        [] => (Value::Null, false),
        octets => match std::str::from_utf8(octets) {
            Ok(texte) => (Value::from(texte), false),
            Err(_) => {
                use base64::Engine;
                (
                    Value::from(base64::engine::general_purpose::STANDARD.encode(octets)),
                    true,
                )
            }
        },
    };
    let agent = entree
        .entetes
        .get(hyper::header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let mut identite = json!({
        "accessKey": null, "accountId": null, "caller": null,
        "cognitoAuthenticationProvider": null, "cognitoAuthenticationType": null,
        "cognitoIdentityId": null, "cognitoIdentityPoolId": null, "principalOrgId": null,
        "sourceIp": entree.ip, "user": null, "userAgent": agent, "userArn": null,
    });
    if let Some((cle, id)) = entree.cle {
        identite["apiKey"] = Value::from(cle);
        identite["apiKeyId"] = Value::from(id);
    }
    let domaine = format!(
        "{}.execute-api.{}.amazonaws.com",
        entree.api_id,
        crate::gabarit::REGION_LOCALE
    );
    let mut contexte = json!({
        "accountId": crate::gabarit::COMPTE_LOCAL,
        "apiId": entree.api_id,
        "domainName": domaine,
        "domainPrefix": entree.api_id,
        "extendedRequestId": entree.request_id,
        "httpMethod": entree.methode,
        "identity": identite,
        "path": format!("/{}{}", entree.etape, entree.chemin),
        "protocol": "HTTP/1.1",
        "requestId": entree.request_id,
        "requestTime": heure_de_requete(entree.instant),
        "requestTimeEpoch": entree.instant.timestamp_millis(),
        "resourceId": identifiant_de_ressource(entree.ressource),
        "resourcePath": entree.ressource,
        "stage": entree.etape,
    });
    if let Some(autorisation) = entree.autorisation {
        // Les valeurs du contexte arrivent en chaînes ; `principalId` et la latence s'y ajoutent.
        let mut champs = Map::new();
        for (cle, valeur) in &autorisation.contexte {
            let texte = match valeur {
                Value::String(s) => s.clone(),
                autre => autre.to_string(),
            };
            champs.insert(cle.clone(), Value::from(texte));
        }
        champs.insert(
            "principalId".into(),
            Value::from(autorisation.principal_id.as_str()),
        );
        champs.insert(
            "integrationLatency".into(),
            Value::from(entree.latence_autorisateur_ms),
        );
        contexte["authorizer"] = Value::Object(champs);
    }
    json!({
        "resource": entree.ressource,
        "path": entree.chemin,
        "httpMethod": entree.methode,
        "headers": if simples.is_empty() { Value::Null } else { Value::Object(simples) },
        "multiValueHeaders": if multiples.is_empty() { Value::Null } else { json!(multiples) },
        "queryStringParameters": requete_simple,
        "multiValueQueryStringParameters": requete_multiple,
        "pathParameters": parametres_chemin,
        "stageVariables": null,
        "requestContext": contexte,
        "body": corps,
        "isBase64Encoded": base64,
    })
}

/// Un identifiant stable de ressource, de six caractères comme ceux d'API Gateway.
pub fn identifiant_de_ressource(ressource: &str) -> String {
    let mut empreinte: u64 = 0xcbf2_9ce4_8422_2325;
    for octet in ressource.bytes() {
        empreinte ^= u64::from(octet);
        empreinte = empreinte.wrapping_mul(0x0100_0000_01b3);
    }
    let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789";
    (0..6)
        .map(|i| alphabet[((empreinte >> (i * 6)) % 36) as usize] as char)
        .collect()
}

/// La chaîne de requête, décodée : `a=1&a=2&b` donne `{a: [1, 2], b: [""]}`.
pub fn lire_chaine_de_requete(brute: Option<&str>) -> BTreeMap<String, Vec<String>> {
    let mut parametres: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for paire in brute
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
    {
        let (nom, valeur) = paire.split_once('=').unwrap_or((paire, ""));
        parametres
            .entry(crate::routes::decoder(nom))
            .or_default()
            .push(crate::routes::decoder(valeur));
    }
    parametres
}
