//! Dans un vrai navigateur (Chromium sans écran) : une page d'une autre origine appelle la
//! passerelle et lit un 401 et un 429, parce que les réponses de passerelle du gabarit portent
//! les en-têtes CORS. Le navigateur cacherait ces réponses à la page sans eux (chapitre 06,
//! page 6.7).

use crate::commun::*;
use serde_json::{Value, json};

/// Une page vide servie sur un port libre de 127.0.0.1 : son origine.
fn servir_une_page(runtime: &tokio::runtime::Runtime) -> String {
    let ecouteur = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("un port libre pour la page");
    let origine = format!(
        "http://{}",
        ecouteur.local_addr().expect("adresse de la page")
    );
    runtime.spawn(passerelle::http::servir(ecouteur, |_, _| async {
        let mut reponse = passerelle::http::reponse(200, "<!doctype html><title>Boutique</title>");
        reponse.headers_mut().insert(
            hyper::header::CONTENT_TYPE,
            hyper::header::HeaderValue::from_static("text/html; charset=utf-8"),
        );
        reponse
    }));
    origine
}

/// `fetch(url, options)` dans la page : `{statut, corps}` si la page a pu lire la réponse,
/// `{erreur}` si le navigateur l'a bloquée.
fn fetch(chromium: &mut navigateur::Chromium, url: &str, options: Value) -> Value {
    let script = format!(
        "(async () => {{ try {{ const r = await fetch({url}, {options}); \
           const texte = await r.text(); \
           return {{ statut: r.status, corps: texte }}; \
         }} catch (e) {{ return {{ erreur: String(e) }}; }} }})()",
        url = Value::from(url),
    );
    chromium
        .evaluer(&script)
        .unwrap_or_else(|e| panic!("fetch({url}) dans Chromium : {e}"))
}

#[test]
fn une_page_d_une_autre_origine_lit_le_401_et_le_429_grace_aux_reponses_de_passerelle() {
    let pages = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("le runtime de la page démarre");
    let origine = servir_une_page(&pages);
    // Une seule requête par méthode avant la limitation (horloge arrêtée : pas de recharge).
    let gabarit = remplacer(
        &gabarit_du_depot(),
        "ThrottlingRateLimit: 100\n          ThrottlingBurstLimit: 200",
        "ThrottlingRateLimit: 1\n          ThrottlingBurstLimit: 1",
    );
    let banc = Banc::demarrer(Reglage {
        gabarit,
        parametres: vec![("OrigineBoutique".into(), origine.clone())],
        ..Reglage::default()
    });
    let mut chromium = navigateur::Chromium::lancer(800, 600).unwrap_or_else(|e| {
        panic!(
            "ce test a besoin de Chromium, qui ne démarre pas ou ne répond pas ({e}) : \
             `sudo apt-get install chromium`, ou son chemin dans la variable CHROMIUM"
        )
    });
    chromium
        .ouvrir(&format!("{origine}/"))
        .unwrap_or_else(|e| panic!("la page {origine}/ ne s'ouvre pas : {e}"));

    let produits = format!("{}/produits", banc.url);
    // Content-Type JSON : requête préliminaire (200 de Cors), puis le POST sans jeton : 401.
    let lu = fetch(
        &mut chromium,
        &produits,
        json!({"method": "POST", "headers": {"Content-Type": "application/json"}, "body": "{}"}),
    );
    assert_eq!(
        (lu["statut"].as_u64(), lu["corps"].as_str()),
        (Some(401), Some(r#"{"message":"Unauthorized"}"#)),
        "la page doit lire le 401 d'API Gateway (DEFAULT_4XX porte Access-Control-Allow-Origin), \
         lu : {lu}"
    );
    let lignes = banc.pipeline();
    assert!(
        lignes
            .iter()
            .any(|l| l.starts_with("OPTIONS /produits") && l.ends_with("→ 200")),
        "le navigateur a d'abord envoyé la requête préliminaire : {lignes:#?}"
    );

    let premiere = fetch(&mut chromium, &produits, json!({}));
    assert_eq!(
        premiere["statut"].as_u64(),
        Some(200),
        "le premier GET passe : {premiere}"
    );
    let limitee = fetch(&mut chromium, &produits, json!({}));
    assert_eq!(
        (limitee["statut"].as_u64(), limitee["corps"].as_str()),
        (Some(429), Some(r#"{"message":"Too Many Requests"}"#)),
        "la page doit lire le 429 de la limitation, lu : {limitee}"
    );
    drop(chromium);
    drop(banc);
    pages.shutdown_timeout(std::time::Duration::from_secs(1));
}
