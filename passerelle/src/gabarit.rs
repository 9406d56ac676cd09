//! La lecture de `template.yaml`, le fichier même que `sam deploy` déploie : l'API REST
//! (`AWS::Serverless::Api`), ses routes (les événements `Api` des fonctions), `Auth`, `Cors`,
//! `MethodSettings`, le plan d'utilisation, `GatewayResponses`, le format du journal d'accès,
//! et les fonctions (binaire, délai, mémoire, variables d'environnement).
//!
//! Les balises de CloudFormation (`!Ref`, `!Sub`, `!GetAtt`) et leurs formes longues
//! (`Ref:`, `Fn::Sub:`, `Fn::GetAtt:`) sont résolues : un paramètre donne sa valeur (celle de
//! `--parametre`, sinon son `Default`), une ressource n'a pas de valeur locale.

use serde_yaml_ng::Value;
use std::collections::BTreeMap;

/// La Région et le compte fictifs des ARN locaux (la Région de `samconfig.toml`).
pub const REGION_LOCALE: &str = "eu-west-3";
pub const COMPTE_LOCAL: &str = "123456789012";
/// Le nom de pile de `samconfig.toml`, pour `${AWS::StackName}`.
pub const PILE_LOCALE: &str = "api-produits";

/// Ce que la passerelle lit du gabarit.
#[derive(Clone, Debug)]
pub struct Gabarit {
    /// L'identifiant logique de l'API (`ProduitsApi`).
    pub api: String,
    /// `StageName`.
    pub etape: String,
    /// `TracingEnabled` : un identifiant de trace X-Ray par requête (sans segments).
    pub tracage: bool,
    pub routes: Vec<Route>,
    pub autorisateurs: BTreeMap<String, Autorisateur>,
    /// `Auth.DefaultAuthorizer`.
    pub autorisateur_par_defaut: Option<String>,
    /// `Auth.ApiKeyRequired` au niveau de l'API.
    pub cle_requise_par_defaut: bool,
    /// `Auth.AddDefaultAuthorizerToCorsPreflight` (vrai par défaut, comme SAM).
    pub autorisateur_sur_preliminaire: bool,
    /// `Auth.AddApiKeyRequiredToCorsPreflight` (vrai par défaut, comme SAM).
    pub cle_sur_preliminaire: bool,
    pub cors: Option<Cors>,
    /// `MethodSettings` : la limite `"/*"` `"*"`, et celles d'une méthode (`"/produits/GET"`).
    pub limite_etape: Option<(f64, u32)>,
    pub limites_methodes: BTreeMap<String, (f64, u32)>,
    pub plan: Option<Plan>,
    pub reponses_passerelle: BTreeMap<String, ReponsePersonnalisee>,
    /// `AccessLogSetting.Format`.
    pub format_journal: Option<String>,
    pub fonctions: BTreeMap<String, Fonction>,
    /// Les tables DynamoDB du gabarit (identifiants logiques).
    pub tables: Vec<String>,
    /// Ce que la passerelle lit mais n'émule pas, une ligne par réglage.
    pub non_emules: Vec<String>,
}

/// Une méthode d'une ressource, et la fonction qui la sert.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// En majuscules : `GET`, `POST`…
    pub methode: String,
    /// La ressource d'API Gateway : `/produits/{id}`.
    pub ressource: String,
    /// L'identifiant logique de la fonction (`ProduitsFunction`).
    pub fonction: String,
    /// Le mécanisme d'autorisation, après `Authorizer: NONE` et `DefaultAuthorizer`.
    pub autorisateur: Option<String>,
    pub cle_requise: bool,
    /// `TimeoutInMillis` de l'événement (29 000 ms par défaut).
    pub delai_integration_ms: u64,
}

/// Un mécanisme d'autorisation Lambda TOKEN.
#[derive(Clone, Debug)]
pub struct Autorisateur {
    /// La fonction de `FunctionArn: !GetAtt X.Arn`.
    pub fonction: String,
    /// `Identity.Header` (`Authorization` par défaut).
    pub entete: String,
    /// `Identity.ValidationExpression`.
    pub validation: Option<String>,
    /// `Identity.ReauthorizeEvery`, en secondes (300 par défaut).
    pub ttl_secondes: u64,
}

/// La propriété `Cors` : des expressions de chaîne d'API Gateway (`"'GET,POST'"`).
#[derive(Clone, Debug)]
pub struct Cors {
    pub allow_origin: String,
    pub allow_methods: Option<String>,
    pub allow_headers: Option<String>,
    pub max_age: Option<String>,
    pub allow_credentials: bool,
}

/// `Auth.UsagePlan`.
#[derive(Clone, Debug)]
pub struct Plan {
    pub limite: Option<(f64, u32)>,
    /// Limite, période (`DAY`…), décalage.
    pub quota: Option<(u64, String, u32)>,
}

/// Une entrée de `GatewayResponses`.
#[derive(Clone, Debug, Default)]
pub struct ReponsePersonnalisee {
    pub statut: Option<u16>,
    /// Nom de l'en-tête, expression (`"'https://…'"`).
    pub entetes: Vec<(String, String)>,
    /// Type de contenu, modèle (`{"message":$context.error.messageString}`).
    pub modeles: BTreeMap<String, String>,
}

/// Une fonction `AWS::Serverless::Function`.
#[derive(Clone, Debug)]
pub struct Fonction {
    /// Le binaire (`BuildProperties.Binary`), sinon l'identifiant logique.
    pub binaire: String,
    pub memoire_mo: u64,
    pub delai_secondes: u64,
    /// Les variables résolues ; `None` pour une valeur sans équivalent local (`!Ref` d'une table).
    pub environnement: BTreeMap<String, Option<String>>,
}

/// Les valeurs locales des paramètres et des ressources.
#[derive(Clone, Debug, Default)]
pub struct Parametres {
    pub valeurs: BTreeMap<String, String>,
    /// `!Ref` d'une ressource qui a un équivalent local (une table dynalite).
    pub ressources: BTreeMap<String, String>,
}

/// Lit `texte` avec ces surcharges de paramètres (`Nom=valeur`, qui l'emportent sur les
/// `Default`).
pub fn lire(texte: &str, surcharges: &[(String, String)]) -> Result<Gabarit, String> {
    lire_avec(texte, &[], surcharges, &[])
}

/// Comme [`lire`], avec d'abord des valeurs locales (`locaux`, appliquées aux seuls paramètres
/// déclarés, sans `AllowedPattern`), et les valeurs locales de ressources.
pub fn lire_avec(
    texte: &str,
    locaux: &[(String, String)],
    surcharges: &[(String, String)],
    ressources: &[(String, String)],
) -> Result<Gabarit, String> {
    let racine: Value =
        serde_yaml_ng::from_str(texte).map_err(|e| format!("template.yaml illisible : {e}"))?;
    let mut parametres = lire_parametres(&racine, locaux, surcharges)?;
    parametres.ressources = ressources.iter().cloned().collect();
    let ressources = racine
        .get("Resources")
        .and_then(Value::as_mapping)
        .ok_or("template.yaml n'a pas de section Resources")?;
    let resolveur = Resolveur {
        parametres: &parametres,
    };
    let mut non_emules = Vec::new();

    // L'API REST.
    let apis: Vec<(&str, &Value)> = ressources
        .iter()
        .filter(|(_, r)| type_de(r) == Some("AWS::Serverless::Api"))
        .filter_map(|(nom, r)| Some((nom.as_str()?, r)))
        .collect();
    let (api, ressource_api) = match apis.as_slice() {
        [seule] => *seule,
        [] => return Err("template.yaml ne déclare aucune AWS::Serverless::Api".into()),
        _ => return Err("la passerelle sert une seule AWS::Serverless::Api par gabarit".into()),
    };
    let proprietes = ressource_api.get("Properties").cloned().unwrap_or_default();
    let texte_de = |v: Option<&Value>| v.and_then(|v| resolveur.chaine(v));
    let etape = texte_de(proprietes.get("StageName")).ok_or("l'API n'a pas de StageName")?;
    let tracage = proprietes.get("TracingEnabled").and_then(Value::as_bool) == Some(true);
    if tracage {
        non_emules.push(
            "TracingEnabled : un identifiant de trace X-Ray par requête, mais aucun segment \
             envoyé à X-Ray"
                .into(),
        );
    }
    for (propriete, pourquoi) in [
        ("Name", "le nom de l'API dans la console"),
        ("EndpointConfiguration", "le type de point de terminaison"),
        ("Domain", "les noms de domaine personnalisés"),
        ("CacheClusterEnabled", "le cache d'étape"),
        ("Variables", "les variables d'étape"),
        ("BinaryMediaTypes", "les types binaires"),
        ("MinimumCompressionSize", "la compression"),
        ("DefinitionBody", "une définition OpenAPI"),
        ("DefinitionUri", "une définition OpenAPI"),
    ] {
        if proprietes.get(propriete).is_some() {
            non_emules.push(format!("{api}.{propriete} : {pourquoi}"));
        }
    }

    // Auth.
    let auth = proprietes.get("Auth").cloned().unwrap_or_default();
    let autorisateur_par_defaut = texte_de(auth.get("DefaultAuthorizer"));
    if autorisateur_par_defaut.as_deref() == Some("AWS_IAM") {
        return Err("DefaultAuthorizer: AWS_IAM n'est pas émulé (signature SigV4)".into());
    }
    let booleen = |v: Option<&Value>, defaut: bool| v.and_then(Value::as_bool).unwrap_or(defaut);
    let cle_requise_par_defaut = booleen(auth.get("ApiKeyRequired"), false);
    let autorisateur_sur_preliminaire =
        booleen(auth.get("AddDefaultAuthorizerToCorsPreflight"), true);
    let cle_sur_preliminaire = booleen(auth.get("AddApiKeyRequiredToCorsPreflight"), true);
    if auth.get("ResourcePolicy").is_some() {
        non_emules.push(format!(
            "{api}.Auth.ResourcePolicy : la politique de ressource"
        ));
    }
    let mut autorisateurs = BTreeMap::new();
    if let Some(liste) = auth.get("Authorizers").and_then(Value::as_mapping) {
        for (nom, definition) in liste {
            let nom = nom.as_str().unwrap_or_default().to_string();
            let type_charge = texte_de(definition.get("FunctionPayloadType"))
                .unwrap_or_else(|| "TOKEN".to_string());
            if type_charge != "TOKEN" {
                return Err(format!(
                    "l'autorisateur {nom} est de type {type_charge} : seul TOKEN est émulé"
                ));
            }
            let fonction = definition
                .get("FunctionArn")
                .and_then(|v| resolveur.ressource_de_getatt(v))
                .ok_or_else(|| {
                    format!("l'autorisateur {nom} : FunctionArn doit être !GetAtt <Fonction>.Arn")
                })?;
            let identite = definition.get("Identity").cloned().unwrap_or_default();
            let ttl_secondes = identite
                .get("ReauthorizeEvery")
                .and_then(Value::as_u64)
                .unwrap_or(300);
            if ttl_secondes > 3600 {
                return Err(format!(
                    "l'autorisateur {nom} : ReauthorizeEvery va de 0 à 3600 s (reçu {ttl_secondes})"
                ));
            }
            autorisateurs.insert(
                nom,
                Autorisateur {
                    fonction,
                    entete: texte_de(identite.get("Header"))
                        .unwrap_or_else(|| "Authorization".to_string()),
                    validation: texte_de(identite.get("ValidationExpression")),
                    ttl_secondes,
                },
            );
        }
    }
    let plan = match auth.get("UsagePlan") {
        None => None,
        Some(plan) => {
            let creation = texte_de(plan.get("CreateUsagePlan")).unwrap_or_default();
            match creation.as_str() {
                "NONE" => None,
                "PER_API" | "SHARED" => Some(Plan {
                    limite: plan.get("Throttle").map(|t| {
                        (
                            t.get("RateLimit").and_then(Value::as_f64).unwrap_or(0.0),
                            t.get("BurstLimit").and_then(Value::as_u64).unwrap_or(0) as u32,
                        )
                    }),
                    quota: match plan.get("Quota") {
                        None => None,
                        Some(q) => Some((
                            q.get("Limit")
                                .and_then(Value::as_u64)
                                .ok_or("Quota sans Limit")?,
                            texte_de(q.get("Period")).ok_or("Quota sans Period")?,
                            q.get("Offset").and_then(Value::as_u64).unwrap_or(0) as u32,
                        )),
                    },
                }),
                autre => {
                    return Err(format!(
                        "CreateUsagePlan accepte PER_API, SHARED ou NONE (reçu {autre:?})"
                    ));
                }
            }
        }
    };

    // Cors (forme courte : l'origine seule).
    let cors = match proprietes.get("Cors") {
        None => None,
        Some(valeur) if resolveur.chaine(valeur).is_some() => Some(Cors {
            allow_origin: resolveur.chaine(valeur).unwrap_or_default(),
            allow_methods: None,
            allow_headers: None,
            max_age: None,
            allow_credentials: false,
        }),
        Some(valeur) => Some(Cors {
            allow_origin: texte_de(valeur.get("AllowOrigin")).ok_or("Cors sans AllowOrigin")?,
            allow_methods: texte_de(valeur.get("AllowMethods")),
            allow_headers: texte_de(valeur.get("AllowHeaders")),
            max_age: texte_de(valeur.get("MaxAge")),
            allow_credentials: booleen(valeur.get("AllowCredentials"), false),
        }),
    };

    // MethodSettings.
    let mut limite_etape = None;
    let mut limites_methodes = BTreeMap::new();
    for reglage in proprietes
        .get("MethodSettings")
        .and_then(Value::as_sequence)
        .into_iter()
        .flatten()
    {
        let chemin = texte_de(reglage.get("ResourcePath")).unwrap_or_else(|| "/*".into());
        let methode = texte_de(reglage.get("HttpMethod")).unwrap_or_else(|| "*".into());
        let debit = reglage.get("ThrottlingRateLimit").and_then(Value::as_f64);
        let rafale = reglage.get("ThrottlingBurstLimit").and_then(Value::as_u64);
        if let (Some(debit), Some(rafale)) = (debit, rafale) {
            if chemin == "/*" && methode == "*" {
                limite_etape = Some((debit, rafale as u32));
            } else {
                // `ResourcePath` s'écrit avec `~1` pour `/` dans MethodSettings.
                let ressource = chemin.replace("~1", "/");
                limites_methodes.insert(
                    format!("{ressource}/{}", methode.to_ascii_uppercase()),
                    (debit, rafale as u32),
                );
            }
        }
        for (propriete, pourquoi) in [
            ("LoggingLevel", "les journaux d'exécution"),
            ("DataTraceEnabled", "les journaux d'exécution complets"),
            ("MetricsEnabled", "les métriques détaillées de CloudWatch"),
            ("CachingEnabled", "le cache d'étape"),
        ] {
            if let Some(valeur) = reglage.get(propriete) {
                let texte = serde_yaml_ng::to_string(valeur).unwrap_or_default();
                non_emules.push(format!(
                    "{api}.MethodSettings.{propriete} = {} : {pourquoi}",
                    texte.trim()
                ));
            }
        }
    }

    // GatewayResponses.
    let mut reponses_passerelle = BTreeMap::new();
    if let Some(liste) = proprietes
        .get("GatewayResponses")
        .and_then(Value::as_mapping)
    {
        for (type_reponse, definition) in liste {
            let mut reponse = ReponsePersonnalisee {
                statut: definition
                    .get("StatusCode")
                    .and_then(|v| resolveur.chaine(v))
                    .and_then(|s| s.parse().ok()),
                ..Default::default()
            };
            if let Some(entetes) = definition
                .get("ResponseParameters")
                .and_then(|p| p.get("Headers"))
                .and_then(Value::as_mapping)
            {
                for (nom, valeur) in entetes {
                    if let (Some(nom), Some(valeur)) = (nom.as_str(), resolveur.chaine(valeur)) {
                        reponse.entetes.push((nom.to_string(), valeur));
                    }
                }
            }
            if let Some(modeles) = definition
                .get("ResponseTemplates")
                .and_then(Value::as_mapping)
            {
                for (type_contenu, modele) in modeles {
                    if let (Some(t), Some(m)) = (type_contenu.as_str(), resolveur.chaine(modele)) {
                        reponse.modeles.insert(t.to_string(), m);
                    }
                }
            }
            reponses_passerelle.insert(
                type_reponse.as_str().unwrap_or_default().to_string(),
                reponse,
            );
        }
    }

    let journal = proprietes
        .get("AccessLogSetting")
        .cloned()
        .unwrap_or_default();
    let format_journal = texte_de(journal.get("Format"));
    if journal.get("DestinationArn").is_some() {
        non_emules.push(format!(
            "{api}.AccessLogSetting.DestinationArn : le journal d'accès s'affiche ici, pas dans \
             CloudWatch Logs"
        ));
    }

    // Les fonctions, et leurs événements Api.
    let mut fonctions = BTreeMap::new();
    let mut routes = Vec::new();
    let mut tables = Vec::new();
    for (nom, ressource) in ressources {
        let Some(nom) = nom.as_str() else { continue };
        match type_de(ressource) {
            Some("AWS::Serverless::Function") => {}
            Some("AWS::Serverless::Api") => continue,
            Some("AWS::DynamoDB::Table") => {
                tables.push(nom.to_string());
                non_emules.push(format!(
                    "{nom} (AWS::DynamoDB::Table) : magasin en mémoire, ou dynalite avec --dynamodb"
                ));
                continue;
            }
            Some(autre) => {
                non_emules.push(format!("{nom} ({autre}) : ressource non créée en local"));
                continue;
            }
            None => continue,
        }
        let proprietes = ressource.get("Properties").cloned().unwrap_or_default();
        let binaire = ressource
            .get("Metadata")
            .and_then(|m| m.get("BuildProperties"))
            .and_then(|b| b.get("Binary"))
            .and_then(|b| resolveur.chaine(b))
            .unwrap_or_else(|| nom.to_string());
        let mut environnement = BTreeMap::new();
        if let Some(variables) = proprietes
            .get("Environment")
            .and_then(|e| e.get("Variables"))
            .and_then(Value::as_mapping)
        {
            for (cle, valeur) in variables {
                if let Some(cle) = cle.as_str() {
                    environnement.insert(cle.to_string(), resolveur.chaine(valeur));
                }
            }
        }
        for (propriete, pourquoi) in [
            (
                "Architectures",
                "la fonction tourne sur l'architecture de cette machine",
            ),
            (
                "Runtime",
                "le binaire tourne sur ce système, pas sur provided.al2023",
            ),
            ("Policies", "les droits IAM ne sont pas vérifiés"),
            ("Tracing", "aucun segment X-Ray"),
            (
                "ReservedConcurrentExecutions",
                "un seul environnement d'exécution par fonction",
            ),
        ] {
            if proprietes.get(propriete).is_some() {
                non_emules.push(format!("{nom}.{propriete} : {pourquoi}"));
            }
        }
        fonctions.insert(
            nom.to_string(),
            Fonction {
                binaire,
                memoire_mo: proprietes
                    .get("MemorySize")
                    .and_then(Value::as_u64)
                    .unwrap_or(128),
                delai_secondes: proprietes
                    .get("Timeout")
                    .and_then(Value::as_u64)
                    .unwrap_or(3),
                environnement,
            },
        );
        for (_, evenement) in proprietes
            .get("Events")
            .and_then(Value::as_mapping)
            .into_iter()
            .flatten()
        {
            if texte_de(evenement.get("Type")).as_deref() != Some("Api") {
                continue;
            }
            let p = evenement.get("Properties").cloned().unwrap_or_default();
            if let Some(id) = p.get("RestApiId")
                && resolveur.ressource_de_ref(id).as_deref() != Some(api)
            {
                continue;
            }
            let auth = p.get("Auth").cloned().unwrap_or_default();
            let autorisateur = match texte_de(auth.get("Authorizer")) {
                Some(nom) if nom == "NONE" => None,
                Some(nom) => Some(nom),
                None => autorisateur_par_defaut.clone(),
            };
            if let Some(nom) = &autorisateur
                && !autorisateurs.contains_key(nom)
            {
                return Err(format!("l'autorisateur {nom} n'est pas déclaré dans Auth"));
            }
            routes.push(Route {
                methode: texte_de(p.get("Method"))
                    .ok_or("un événement Api sans Method")?
                    .to_ascii_uppercase(),
                ressource: texte_de(p.get("Path")).ok_or("un événement Api sans Path")?,
                fonction: nom.to_string(),
                autorisateur,
                cle_requise: booleen(auth.get("ApiKeyRequired"), cle_requise_par_defaut),
                delai_integration_ms: p
                    .get("TimeoutInMillis")
                    .and_then(Value::as_u64)
                    .unwrap_or(29_000),
            });
        }
    }
    for autorisateur in autorisateurs.values() {
        if !fonctions.contains_key(&autorisateur.fonction) {
            return Err(format!(
                "la fonction {} de l'autorisateur n'est pas dans le gabarit",
                autorisateur.fonction
            ));
        }
    }
    if racine.get("Outputs").is_some() {
        non_emules.push("Outputs : seule l'adresse locale est affichée".into());
    }
    Ok(Gabarit {
        api: api.to_string(),
        etape,
        tracage,
        routes,
        autorisateurs,
        autorisateur_par_defaut,
        cle_requise_par_defaut,
        autorisateur_sur_preliminaire,
        cle_sur_preliminaire,
        cors,
        limite_etape,
        limites_methodes,
        plan,
        reponses_passerelle,
        format_journal,
        fonctions,
        tables,
        non_emules,
    })
}

fn type_de(ressource: &Value) -> Option<&str> {
    ressource.get("Type").and_then(Value::as_str)
}

/// Les paramètres : `Default`, puis les surcharges ; une surcharge inconnue ou qui ne suit pas
/// `AllowedPattern` est refusée, comme `sam deploy --parameter-overrides`.
fn lire_parametres(
    racine: &Value,
    locaux: &[(String, String)],
    surcharges: &[(String, String)],
) -> Result<Parametres, String> {
    let mut parametres = Parametres::default();
    let declares = racine.get("Parameters").and_then(Value::as_mapping);
    for (nom, definition) in declares.into_iter().flatten() {
        if let (Some(nom), Some(defaut)) = (nom.as_str(), definition.get("Default")) {
            let valeur = match defaut {
                Value::String(s) => s.clone(),
                autre => serde_yaml_ng::to_string(autre)
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
            };
            parametres.valeurs.insert(nom.to_string(), valeur);
        }
    }
    for (nom, valeur) in locaux {
        if let Some(deja) = parametres.valeurs.get_mut(nom) {
            *deja = valeur.clone();
        }
    }
    for (nom, valeur) in surcharges {
        let definition = declares
            .and_then(|d| d.get(nom.as_str()))
            .ok_or_else(|| format!("le paramètre {nom} n'existe pas dans template.yaml"))?;
        if let Some(motif) = definition.get("AllowedPattern").and_then(Value::as_str) {
            let expression = regex_lite::Regex::new(&format!("^(?:{motif})$"))
                .map_err(|e| format!("AllowedPattern de {nom} illisible : {e}"))?;
            if !expression.is_match(valeur) {
                return Err(format!(
                    "le paramètre {nom}={valeur} ne suit pas son AllowedPattern {motif}"
                ));
            }
        }
        parametres.valeurs.insert(nom.clone(), valeur.clone());
    }
    Ok(parametres)
}

/// La résolution des fonctions intrinsèques.
struct Resolveur<'a> {
    parametres: &'a Parametres,
}

impl Resolveur<'_> {
    /// La valeur d'une chaîne, d'un nombre, d'un booléen ou d'une fonction intrinsèque ;
    /// `None` si elle n'a pas d'équivalent local.
    fn chaine(&self, valeur: &Value) -> Option<String> {
        match valeur {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Tagged(etiquete) => {
                let balise = etiquete.tag.to_string();
                self.intrinseque(balise.trim_start_matches('!'), &etiquete.value)
            }
            Value::Mapping(m) if m.len() == 1 => {
                let (cle, contenu) = m.iter().next()?;
                let nom = cle.as_str()?;
                let nom = nom.strip_prefix("Fn::").unwrap_or(nom);
                self.intrinseque(nom, contenu)
            }
            _ => None,
        }
    }

    fn intrinseque(&self, nom: &str, contenu: &Value) -> Option<String> {
        match nom {
            "Ref" => {
                let cible = contenu.as_str()?;
                self.pseudo(cible)
                    .or_else(|| self.parametres.valeurs.get(cible).cloned())
                    .or_else(|| self.parametres.ressources.get(cible).cloned())
            }
            "Sub" => {
                let modele = contenu.as_str()?;
                self.substituer(modele)
            }
            _ => None,
        }
    }

    fn pseudo(&self, nom: &str) -> Option<String> {
        match nom {
            "AWS::Region" => Some(REGION_LOCALE.into()),
            "AWS::AccountId" => Some(COMPTE_LOCAL.into()),
            "AWS::StackName" => Some(PILE_LOCALE.into()),
            "AWS::Partition" => Some("aws".into()),
            "AWS::URLSuffix" => Some("amazonaws.com".into()),
            _ => None,
        }
    }

    /// `${Nom}` remplacé par la valeur du paramètre ; `None` si un nom n'a pas de valeur.
    fn substituer(&self, modele: &str) -> Option<String> {
        let mut resultat = String::new();
        let mut reste = modele;
        while let Some(debut) = reste.find("${") {
            resultat.push_str(&reste[..debut]);
            let fin = reste[debut..].find('}')? + debut;
            let nom = &reste[debut + 2..fin];
            let valeur = self
                .pseudo(nom)
                .or_else(|| self.parametres.valeurs.get(nom).cloned())?;
            resultat.push_str(&valeur);
            reste = &reste[fin + 1..];
        }
        resultat.push_str(reste);
        Some(resultat)
    }

    /// `!Ref X` ou `{Ref: X}` : le nom `X`.
    fn ressource_de_ref(&self, valeur: &Value) -> Option<String> {
        match valeur {
            Value::Tagged(e) if e.tag == "!Ref" => e.value.as_str().map(str::to_string),
            Value::Mapping(m) => m.get("Ref").and_then(Value::as_str).map(str::to_string),
            Value::String(s) => Some(s.clone()),
            _ => None,
        }
    }

    /// `!GetAtt X.Arn` (ou `Fn::GetAtt: [X, Arn]`) : la ressource `X`.
    fn ressource_de_getatt(&self, valeur: &Value) -> Option<String> {
        let contenu = match valeur {
            Value::Tagged(e) if e.tag == "!GetAtt" => &e.value,
            Value::Mapping(m) => m.get("Fn::GetAtt")?,
            _ => return None,
        };
        match contenu {
            Value::String(s) => s.split('.').next().map(str::to_string),
            Value::Sequence(liste) => liste.first()?.as_str().map(str::to_string),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gabarit_du_depot() -> Gabarit {
        let texte =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../template.yaml"))
                .expect("template.yaml se lit");
        lire(&texte, &[]).unwrap_or_else(|e| panic!("template.yaml refusé : {e}"))
    }

    #[test]
    fn lit_les_quatre_routes_du_gabarit_du_depot_avec_leur_protection() {
        let g = gabarit_du_depot();
        assert_eq!(g.etape, "prod");
        let vues: Vec<(&str, &str, Option<&str>, bool)> = g
            .routes
            .iter()
            .map(|r| {
                (
                    r.methode.as_str(),
                    r.ressource.as_str(),
                    r.autorisateur.as_deref(),
                    r.cle_requise,
                )
            })
            .collect();
        assert_eq!(
            vues,
            [
                ("GET", "/produits", None, false),
                ("GET", "/produits/{id}", None, false),
                ("POST", "/produits", Some("JetonProduits"), false),
                ("DELETE", "/produits/{id}", Some("JetonProduits"), true),
            ],
            "attendu les routes de template.yaml, dans l'ordre des événements"
        );
        let a = &g.autorisateurs["JetonProduits"];
        assert_eq!(
            (a.fonction.as_str(), a.ttl_secondes),
            ("AutorisateurFunction", 300)
        );
        assert!(
            a.validation
                .as_deref()
                .unwrap_or_default()
                .starts_with("^Bearer ")
        );
        assert!(!g.autorisateur_sur_preliminaire && !g.cle_sur_preliminaire);
    }

    #[test]
    fn resout_les_parametres_par_defaut_ou_surcharges_et_laisse_la_table_sans_valeur() {
        let g = gabarit_du_depot();
        let cors = g.cors.as_ref().expect("Cors est lu");
        assert_eq!(cors.allow_origin, "'https://boutique.exemple.fr'");
        let f = &g.fonctions["ProduitsFunction"];
        assert_eq!(f.binaire, "api-produits");
        assert_eq!(
            f.environnement["TABLE_PRODUITS"], None,
            "!Ref TableProduits n'a pas de valeur locale"
        );
        assert_eq!((f.delai_secondes, f.memoire_mo), (10, 128));

        let texte =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../template.yaml"))
                .expect("template.yaml se lit");
        let surcharge = [(
            "OrigineBoutique".to_string(),
            "http://127.0.0.1:8080".to_string(),
        )];
        let g = lire(&texte, &surcharge).expect("surcharge acceptée");
        assert_eq!(g.cors.unwrap().allow_origin, "'http://127.0.0.1:8080'");
        let faux = [(
            "OrigineBoutique".to_string(),
            "http://127.0.0.1:8080/".to_string(),
        )];
        let erreur = lire(&texte, &faux).expect_err("AllowedPattern refuse la barre finale");
        assert!(erreur.contains("AllowedPattern"), "{erreur}");
    }

    #[test]
    fn lit_limites_plan_reponses_de_passerelle_et_format_du_journal() {
        let g = gabarit_du_depot();
        assert_eq!(g.limite_etape, Some((100.0, 200)));
        let plan = g.plan.expect("UsagePlan est lu");
        assert_eq!(plan.limite, Some((10.0, 20)));
        assert_eq!(plan.quota, Some((1000, "DAY".to_string(), 0)));
        let defaut = &g.reponses_passerelle["DEFAULT_4XX"];
        assert!(defaut.entetes.contains(&(
            "Access-Control-Allow-Origin".into(),
            "'https://boutique.exemple.fr'".into()
        )));
        assert!(g.format_journal.unwrap().contains("$context.requestId"));
        assert!(
            g.non_emules.iter().any(|l| l.starts_with("TracingEnabled")),
            "attendu TracingEnabled dans ce qui n'est pas émulé : {:?}",
            g.non_emules
        );
    }
}
