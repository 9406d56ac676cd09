//! Trouver la ressource et la méthode d'une requête, comme API Gateway : segment par
//! segment, un segment fixe avant une variable (`{id}`), une variable gourmande (`{proxy+}`)
//! en dernier recours. Sans ressource ou sans méthode : 403 `Missing Authentication Token`.

use crate::gabarit::Route;
use std::collections::BTreeMap;

/// Une route trouvée, et les valeurs de ses variables de chemin.
#[derive(Clone, Debug)]
pub struct Correspondance<'a> {
    pub route: &'a Route,
    pub parametres: BTreeMap<String, String>,
}

/// Les variables de `modele` si `chemin` lui correspond, et un rang : plus il est petit, plus
/// le modèle est précis (les segments fixes d'abord).
fn correspondre(modele: &str, chemin: &str) -> Option<(Vec<u8>, BTreeMap<String, String>)> {
    let modele: Vec<&str> = modele.split('/').filter(|s| !s.is_empty()).collect();
    let segments: Vec<&str> = chemin.split('/').filter(|s| !s.is_empty()).collect();
    let mut parametres = BTreeMap::new();
    let mut rang = Vec::new();
    for (i, morceau) in modele.iter().enumerate() {
        if let Some(nom) = morceau.strip_prefix('{').and_then(|m| m.strip_suffix("+}")) {
            if i >= segments.len() || i != modele.len() - 1 {
                return None;
            }
            parametres.insert(nom.to_string(), segments[i..].join("/"));
            rang.push(2);
            return Some((rang, parametres));
        }
        let segment = segments.get(i)?;
        if let Some(nom) = morceau.strip_prefix('{').and_then(|m| m.strip_suffix('}')) {
            parametres.insert(nom.to_string(), decoder(segment));
            rang.push(1);
        } else if morceau == segment {
            rang.push(0);
        } else {
            return None;
        }
    }
    (modele.len() == segments.len()).then_some((rang, parametres))
}

/// `%20` et consorts, décodés comme API Gateway le fait pour `pathParameters`.
pub fn decoder(segment: &str) -> String {
    let octets = segment.as_bytes();
    let mut sortie = Vec::with_capacity(octets.len());
    let mut i = 0;
    while i < octets.len() {
        let hexa = octets
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        if octets[i] == b'%'
            && let Some(octet) = hexa
        {
            sortie.push(octet);
            i += 3;
            continue;
        }
        sortie.push(octets[i]);
        i += 1;
    }
    String::from_utf8_lossy(&sortie).into_owned()
}

/// Les ressources connues qui correspondent à `chemin`, la plus précise d'abord.
pub fn ressources_pour<'a>(
    routes: &'a [Route],
    chemin: &str,
) -> Vec<(&'a str, BTreeMap<String, String>)> {
    let mut trouvees: Vec<(Vec<u8>, &str, BTreeMap<String, String>)> = Vec::new();
    for route in routes {
        if trouvees.iter().any(|(_, r, _)| *r == route.ressource) {
            continue;
        }
        if let Some((rang, parametres)) = correspondre(&route.ressource, chemin) {
            trouvees.push((rang, &route.ressource, parametres));
        }
    }
    trouvees.sort_by(|a, b| a.0.cmp(&b.0));
    trouvees.into_iter().map(|(_, r, p)| (r, p)).collect()
}

/// La route de `methode` sur la ressource la plus précise qui correspond à `chemin`.
pub fn trouver<'a>(routes: &'a [Route], methode: &str, chemin: &str) -> Option<Correspondance<'a>> {
    let (ressource, parametres) = ressources_pour(routes, chemin).into_iter().next()?;
    let route = routes
        .iter()
        .find(|r| r.ressource == ressource && (r.methode == methode || r.methode == "ANY"))?;
    Some(Correspondance { route, parametres })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(methode: &str, ressource: &str) -> Route {
        Route {
            methode: methode.into(),
            ressource: ressource.into(),
            fonction: "F".into(),
            autorisateur: None,
            cle_requise: false,
            delai_integration_ms: 29_000,
        }
    }

    #[test]
    fn le_segment_fixe_passe_avant_la_variable_et_la_methode_compte() {
        let routes = [
            route("GET", "/produits/{id}"),
            route("GET", "/produits/promo"),
            route("GET", "/produits"),
        ];
        let c = trouver(&routes, "GET", "/produits/promo").expect("route fixe");
        assert_eq!(c.route.ressource, "/produits/promo");
        let c = trouver(&routes, "GET", "/produits/a%20b").expect("route variable");
        assert_eq!(c.parametres["id"], "a b");
        assert!(trouver(&routes, "DELETE", "/produits/42").is_none());
        assert!(trouver(&routes, "GET", "/inconnu").is_none());
        assert!(trouver(&routes, "GET", "/produits/1/2").is_none());
    }
}
