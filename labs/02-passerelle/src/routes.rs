//! Les types du routage (fourni : ne modifiez pas ce fichier).
//!
//! Une route se décrit comme la clé de route (*route key*) d'une API HTTP : une méthode et un
//! modèle de chemin, `GET /produits/{id}`, ou la route `$default`. Vous écrivez l'analyse de la
//! clé, la correspondance d'un chemin et le choix de la route la plus précise dans `lib.rs`
//! (chapitre 02, page « Routes et ressources : qui passe en premier ? »).

use crate::requete::Requete;
use aws_lambda_events::http::Method;
use std::collections::BTreeMap;

/// Un segment du modèle de chemin d'une route.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Un segment écrit tel quel : `produits`.
    Fixe(String),
    /// Une variable de chemin qui prend exactement un segment : `{id}` donne `Variable("id")`.
    Variable(String),
    /// Une variable de chemin gourmande (*greedy path variable*) qui prend un ou plusieurs segments, toujours en
    /// dernier : `{proxy+}` donne `Glouton("proxy")`.
    Glouton(String),
}

/// Une route analysée.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// La clé telle qu'écrite, sans espaces autour : `GET /produits/{id}`.
    pub cle: String,
    /// La méthode ; `None` pour `ANY`, qui accepte toutes les méthodes.
    pub methode: Option<Method>,
    /// Les segments du modèle ; vide pour la racine `/` et pour `$default`.
    pub segments: Vec<Segment>,
    /// `true` pour la route `$default`, qui reçoit ce qu'aucune autre route ne prend.
    pub par_defaut: bool,
}

/// La route choisie pour une requête, et les paramètres de chemin qu'elle en extrait.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Correspondance {
    /// La clé de la route choisie : `GET /produits/{id}`.
    pub route: String,
    /// Les paramètres de chemin : `{"id": "42"}`, ou `{"proxy": "a/b/c"}` pour `{proxy+}`.
    pub parametres: BTreeMap<String, String>,
}

/// Pourquoi une clé de route est refusée. Chaque variante porte la clé fautive.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ErreurRoute {
    /// Pas de méthode et de chemin séparés par une espace (`/produits`, `GET`).
    #[error("« {0} » : une clé de route s'écrit « MÉTHODE /chemin » ou « $default »")]
    FormeInvalide(String),
    /// Une méthode qui n'est pas GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS ou ANY.
    #[error("« {0} » : méthode inconnue (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS ou ANY)")]
    MethodeInconnue(String),
    /// Le chemin ne commence pas par `/`.
    #[error("« {0} » : le chemin doit commencer par « / »")]
    SansBarreInitiale(String),
    /// Un segment vide : `//` au milieu, ou une barre finale (`/produits/`).
    #[error("« {0} » : segment vide (double barre ou barre finale)")]
    SegmentVide(String),
    /// Une accolade mal placée (`{id`, `pro{id}`) ou un nom de variable vide (`{}`, `{+}`).
    #[error("« {0} » : variable de chemin mal écrite (attendu « {{nom}} » ou « {{nom+}} »)")]
    VariableMalEcrite(String),
    /// Une variable de chemin gourmande `{nom+}` ailleurs qu'en dernier segment.
    #[error("« {0} » : la variable de chemin gourmande doit être le dernier segment")]
    GloutonPasEnDernier(String),
    /// Deux variables de même nom : `/{id}/avis/{id}`.
    #[error("« {0} » : deux variables de chemin portent le même nom")]
    VariableEnDouble(String),
    /// La même clé de route déclarée deux fois dans un routeur.
    #[error("« {0} » : route déclarée deux fois")]
    RouteEnDouble(String),
}

/// Un ensemble de routes, comme celles d'une API.
#[derive(Clone, Debug)]
pub struct Routeur {
    routes: Vec<Route>,
}

impl Routeur {
    /// Analyse chaque clé avec `Route::analyser` et refuse les doublons.
    pub fn nouveau<'a>(cles: impl IntoIterator<Item = &'a str>) -> Result<Self, ErreurRoute> {
        let mut routes: Vec<Route> = Vec::new();
        for cle in cles {
            let route = Route::analyser(cle)?;
            if routes.iter().any(|deja| deja.cle == route.cle) {
                return Err(ErreurRoute::RouteEnDouble(route.cle));
            }
            routes.push(route);
        }
        Ok(Self { routes })
    }

    /// Les routes, dans l'ordre de déclaration (qui ne décide **pas** de la priorité).
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// La route d'une requête déjà normalisée : sa méthode et son chemin sans l'étape.
    pub fn router(&self, requete: &Requete) -> Option<Correspondance> {
        self.trouver(&requete.methode, &requete.chemin)
    }
}
