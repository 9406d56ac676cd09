//! Fourni : les prix publics d'AWS et les types du modèle de coût (page « 1.7 Combien coûte une API serverless ? » du chapitre 01).
//!
//! **Pourquoi des micro-dollars entiers ?** Un prix comme 0,0000166667 $ par Go-seconde n'a pas
//! d'écriture exacte en `f64` ; additionner des millions de requêtes en virgule flottante
//! accumule des erreurs, et le seuil de rentabilité (un nombre entier de requêtes) peut alors
//! changer d'une unité selon l'ordre des calculs. Ici, chaque prix est un entier de
//! micro-dollars (1 $ = 1 000 000 µ$) *par million d'unités* : 0,20 $ par million de requêtes
//! s'écrit `MicroDollars(200_000)`, 0,0000166667 $ par Go-seconde s'écrit
//! `MicroDollars(16_666_700)` par million de Go-secondes. Les calculs se font en `u128`,
//! sans perte, et on arrondit une seule fois par poste, au micro-dollar le plus proche
//! ([`division_arrondie`]). AWS facture au centime : cet arrondi ne change aucune facture.
//!
//! **Périmètre du modèle.** Région us-east-1 (Virginie du Nord), premier palier de prix de
//! chaque service (Lambda : 6 milliards de Go-secondes par mois en x86_64, 7,5 milliards en
//! arm64 ; API Gateway : 333 millions de requêtes par mois en REST, 300 millions en HTTP).
//! L'offre gratuite n'est **pas** comptée (Lambda : 1 million de requêtes et 400 000
//! Go-secondes par mois, sans limite de durée ; API Gateway : 1 million d'appels par mois
//! pendant 12 mois pour les comptes ouverts avant le 15 juillet 2025, des crédits ensuite).
//! Ni le transfert de données, ni les journaux CloudWatch, ni DynamoDB.

use std::fmt;
use std::ops::Add;

// ANCHOR: prix
/// Lambda, requêtes : 0,20 $ par million, x86_64 comme arm64 (us-east-1).
///
/// Source : <https://aws.amazon.com/lambda/pricing/>. Cette page construit ses tableaux par
/// JavaScript : le chiffre n'a pas pu y être lu directement ; il vient de copies publiques
/// concordantes (extrait de l'API AWS Price List d'octobre 2025, notes de cours). Vérifiez-le
/// dans un navigateur, pour votre Région.
pub const LAMBDA_PAR_MILLION_DE_REQUETES: MicroDollars = MicroDollars(200_000);

/// Lambda x86_64, durée : 0,0000166667 $ par Go-seconde, soit 16,6667 $ par million de
/// Go-secondes (us-east-1, premier palier : 6 milliards de Go-secondes par mois).
///
/// Source : <https://aws.amazon.com/lambda/pricing/>, via des copies publiques concordantes (voir [`LAMBDA_PAR_MILLION_DE_REQUETES`]) ; paliers :
/// <https://aws.amazon.com/blogs/compute/introducing-tiered-pricing-for-aws-lambda/>.
pub const LAMBDA_PAR_MILLION_DE_GO_SECONDES_X86_64: MicroDollars = MicroDollars(16_666_700);

/// Lambda arm64 (Graviton2), durée : 0,0000133334 $ par Go-seconde, soit 13,3334 $ par million
/// de Go-secondes (us-east-1, premier palier : 7,5 milliards de Go-secondes par mois).
/// Environ 20 % de moins qu'en x86_64.
///
/// Source : <https://aws.amazon.com/lambda/pricing/>, via des copies publiques concordantes (voir [`LAMBDA_PAR_MILLION_DE_REQUETES`]).
pub const LAMBDA_PAR_MILLION_DE_GO_SECONDES_ARM64: MicroDollars = MicroDollars(13_333_400);

/// API Gateway, API REST : 3,50 $ par million de requêtes (us-east-1, 333 premiers millions
/// de requêtes du mois).
///
/// Source : livre blanc AWS « Best Practices for Designing Amazon API Gateway Private APIs and
/// Private Integration », section *Cost optimization*, table 4,
/// <https://docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html> ;
/// tarif courant : <https://aws.amazon.com/api-gateway/pricing/>.
pub const API_REST_PAR_MILLION_DE_REQUETES: MicroDollars = MicroDollars(3_500_000);

/// API Gateway, API HTTP : 1,00 $ par million de requêtes (us-east-1, 300 premiers millions
/// de requêtes du mois ; une requête est comptée par tranche de 512 Kio).
///
/// Source : même table 4 du livre blanc AWS que [`API_REST_PAR_MILLION_DE_REQUETES`].
pub const API_HTTP_PAR_MILLION_DE_REQUETES: MicroDollars = MicroDollars(1_000_000);
// ANCHOR_END: prix

/// Un million : les prix ci-dessus sont donnés par million d'unités.
pub const UN_MILLION: u128 = 1_000_000;
/// Lambda compte la mémoire en Go de 1 024 Mio : 128 Mio = 0,125 Go (d'où la « Go-seconde »
/// de la grille des prix d'AWS).
pub const MO_PAR_GO: u128 = 1_024;
/// La durée facturée est un nombre entier de millisecondes (arrondi au-dessus par Lambda).
pub const MS_PAR_SECONDE: u128 = 1_000;

/// Un montant en micro-dollars : `MicroDollars(1_500_000)` vaut 1,50 $.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MicroDollars(pub u64);

impl MicroDollars {
    /// Un montant en dollars entiers : `MicroDollars::dollars(15)` vaut 15 $.
    pub const fn dollars(dollars: u64) -> Self {
        MicroDollars(dollars * 1_000_000)
    }
}

impl Add for MicroDollars {
    type Output = MicroDollars;

    fn add(self, autre: MicroDollars) -> MicroDollars {
        MicroDollars(self.0.saturating_add(autre.0))
    }
}

/// Affiche `12,333335 $` (virgule décimale, espace insécable avant le symbole).
impl fmt::Display for MicroDollars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{:06}\u{a0}$", self.0 / 1_000_000, self.0 % 1_000_000)
    }
}

/// L'architecture d'une fonction Lambda (propriété `Architectures` du modèle SAM).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Architecture {
    X86_64,
    Arm64,
}

/// Le type d'API Gateway placé devant la fonction (chapitre 02).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeApi {
    Rest,
    Http,
}

/// Ce que coûte une invocation : la mémoire configurée, la durée facturée et l'architecture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fonction {
    /// Mémoire configurée (`MemorySize`), de 128 à 10 240 Mio.
    pub memoire_mo: u32,
    /// Durée facturée moyenne d'une invocation, en millisecondes.
    pub duree_ms: u32,
    pub architecture: Architecture,
}

/// `numerateur / denominateur`, arrondi à l'entier le plus proche (la moitié vers le haut),
/// borné à `u64::MAX`. Le dénominateur ne doit pas être nul.
pub fn division_arrondie(numerateur: u128, denominateur: u128) -> u64 {
    let quotient = (numerateur + denominateur / 2) / denominateur;
    u64::try_from(quotient).unwrap_or(u64::MAX)
}
