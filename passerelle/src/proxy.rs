//! La réponse d'une fonction en intégration proxy, vérifiée comme API Gateway la vérifie
//! (fiche de référence, §1b) : un objet JSON aux seules clés `statusCode`, `headers`,
//! `multiValueHeaders`, `body`, `isBase64Encoded`. Toute autre forme donne le 502
//! `{"message": "Internal server error"}`.

use serde_json::{Map, Value};

/// Une réponse proxy acceptée.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReponseProxy {
    pub statut: u16,
    /// Les en-têtes, dans l'ordre : ceux de `multiValueHeaders` puis ceux de `headers`, un nom
    /// présent dans les deux recevant les valeurs jointes par `, `.
    pub entetes: Vec<(String, String)>,
    pub corps: Vec<u8>,
}

/// Pourquoi la réponse est mal formée (pour la ligne de pipeline ; le client n'en sait rien).
pub type Malformee = String;

const CLES: [&str; 5] = [
    "statusCode",
    "headers",
    "multiValueHeaders",
    "body",
    "isBase64Encoded",
];

/// Vérifie et lit le document renvoyé par la fonction.
pub fn lire(document: &[u8]) -> Result<ReponseProxy, Malformee> {
    let valeur: Value =
        serde_json::from_slice(document).map_err(|_| "la réponse n'est pas du JSON".to_string())?;
    let Value::Object(objet) = valeur else {
        return Err("la réponse n'est pas un objet JSON".into());
    };
    if let Some(cle) = objet.keys().find(|cle| !CLES.contains(&cle.as_str())) {
        return Err(format!("clé inattendue {cle:?}"));
    }
    let statut = match objet.get("statusCode") {
        None | Some(Value::Null) => 200,
        Some(Value::Number(n)) => n
            .as_u64()
            .ok_or_else(|| format!("statusCode {n} n'est pas un entier"))?,
        Some(Value::String(s)) => s
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("statusCode {s:?} n'est pas un nombre"))?,
        Some(autre) => return Err(format!("statusCode {autre} n'est pas un nombre")),
    };
    if !(100..=599).contains(&statut) {
        return Err(format!("statusCode {statut} hors de 100..599"));
    }
    let mut entetes: Vec<(String, String)> = Vec::new();
    match objet.get("multiValueHeaders") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => {
            for (nom, valeurs) in m {
                let Value::Array(valeurs) = valeurs else {
                    return Err(format!("multiValueHeaders.{nom} n'est pas une liste"));
                };
                let textes = valeurs
                    .iter()
                    .map(scalaire)
                    .collect::<Option<Vec<_>>>()
                    .ok_or_else(|| format!("multiValueHeaders.{nom} : valeur non scalaire"))?;
                entetes.push((nom.clone(), textes.join(", ")));
            }
        }
        Some(_) => return Err("multiValueHeaders n'est pas un objet".into()),
    }
    match objet.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(m)) => ajouter_simples(&mut entetes, m)?,
        Some(_) => return Err("headers n'est pas un objet".into()),
    }
    let corps = match objet.get("body") {
        None | Some(Value::Null) => Vec::new(),
        // Sans types binaires déclarés, API Gateway renvoie le texte base64 tel quel.
        Some(Value::String(s)) => s.clone().into_bytes(),
        Some(_) => return Err("body n'est pas une chaîne".into()),
    };
    match objet.get("isBase64Encoded") {
        None | Some(Value::Null) | Some(Value::Bool(_)) => {}
        Some(_) => return Err("isBase64Encoded n'est pas un booléen".into()),
    }
    if !entetes
        .iter()
        .any(|(nom, _)| nom.eq_ignore_ascii_case("content-type"))
    {
        entetes.push(("Content-Type".into(), "application/json".into()));
    }
    Ok(ReponseProxy {
        statut: statut as u16,
        entetes,
        corps,
    })
}

fn ajouter_simples(
    entetes: &mut Vec<(String, String)>,
    simples: &Map<String, Value>,
) -> Result<(), Malformee> {
    for (nom, valeur) in simples {
        let Some(texte) = scalaire(valeur) else {
            return Err(format!("headers.{nom} n'est pas une valeur simple"));
        };
        match entetes
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(nom))
        {
            Some((_, deja)) => {
                deja.push_str(", ");
                deja.push_str(&texte);
            }
            None => entetes.push((nom.clone(), texte)),
        }
    }
    Ok(())
}

/// Une chaîne, un nombre ou un booléen, en texte (`true` devient `"true"`).
fn scalaire(valeur: &Value) -> Option<String> {
    match valeur {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::lire;

    #[test]
    fn suit_les_cas_enregistres_chez_aws() {
        let ok = |doc: &str| lire(doc.as_bytes()).unwrap_or_else(|e| panic!("{doc} : {e}"));
        assert_eq!(ok(r#"{"statusCode":200}"#).statut, 200);
        assert_eq!(ok(r#"{"headers":{"test-header":"value"}}"#).statut, 200);
        assert_eq!(ok(r#"{"statusCode":"201"}"#).statut, 201);
        let r = ok(r#"{"headers":{"header-bool":true}}"#);
        assert!(r.entetes.contains(&("header-bool".into(), "true".into())));
        assert_eq!(ok(r#"{"headers":null}"#).statut, 200);
        let r = ok(
            r#"{"multiValueHeaders":{"test-multi":["value-multi"]},"headers":{"test-multi":"value-solo"}}"#,
        );
        assert!(
            r.entetes
                .contains(&("test-multi".into(), "value-multi, value-solo".into()))
        );
        for mal in [
            r#"{"statusCode":"test"}"#,
            r#"{"statusCode":200,"wrongValue":"value"}"#,
            r#""justAString""#,
            r#"{"multiValueHeaders":{"x":"value1"}}"#,
            r#"{"statusCode":200,"body":{"objet":1}}"#,
        ] {
            assert!(lire(mal.as_bytes()).is_err(), "attendu 502 pour {mal}");
        }
    }
}
