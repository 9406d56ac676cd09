//! La page « Mesures » du livre, écrite à partir de `mesures.json` seul : mêmes données,
//! mêmes octets. `cargo xtask test` la réécrit et la compare à la page commise.

use crate::evenements::Route;
use crate::format::{
    INSECABLE, microsecondes, millisecondes, nombre, pourcentage, secondes, significatif, taille,
};
use crate::resultats::{
    Boucle, Charge, DemarrageAFroid, Demarrages, EnMemoire, Invocation, Resultats,
};
use crate::statistiques::{centile, mediane};
use std::fmt::Write;

/// Le nom du fichier de la page, dans son dossier.
pub const FICHIER: &str = "README.md";

/// Les figures de lambda-perf (maxday/lambda-perf, « hello world », 128 Mio, moyennes des
/// `Init Duration` du 22 août 2026), celles de la page 1.4 : runtime, arm64, x86_64, mémoire.
const LAMBDA_PERF: [(&str, f64, f64, u32); 2] = [
    ("Rust (`provided.al2023`)", 13.9, 15.5, 15),
    ("Python 3.12", 72.8, 85.2, 36),
];

/// La page entière. `~` y marque une espace insécable ; la typographie française est
/// appliquée à la fin (espace insécable avant `:` `;` `?` `!` et dans les guillemets).
pub fn rendre(r: &Resultats) -> String {
    let mut page = String::new();
    entete(&mut page, r);
    machine(&mut page, r);
    en_memoire(&mut page, &r.en_memoire);
    demarrage(&mut page, r.demarrage_a_froid.as_ref());
    tailles(&mut page, r);
    charge(&mut page, r.charge.as_ref());
    boucle(&mut page, r.boucle.as_ref());
    commande(&mut page, r);
    sources(&mut page);
    typographie(&page.replace('~', &INSECABLE.to_string()))
}

/// L'espace ordinaire devant `:` `;` `?` `!` et à l'intérieur des guillemets devient
/// insécable.
fn typographie(texte: &str) -> String {
    let mut resultat = texte.to_string();
    for signe in [":", ";", "?", "!", "»"] {
        resultat = resultat.replace(&format!(" {signe}"), &format!("{INSECABLE}{signe}"));
    }
    resultat.replace("« ", &format!("«{INSECABLE}"))
}

fn entete(p: &mut String, r: &Resultats) {
    p.push_str("# Annexe — Mesures\n\n> **Durée** — 15 min.\n\n");
    p.push_str(
        "Le cours affirme que Rust convient à Lambda. Cette page le vérifie avec ses propres \
         chiffres, mesurés côte à côte avec la même API écrite en Python. Elle est écrite par \
         `cargo xtask bench`, à partir des données brutes de [`mesures.json`](mesures.json), posé \
         à côté d'elle ; ses figures aussi. Aucun chiffre n'y est écrit à la main : relancez la \
         commande sur votre machine, et la page devient la vôtre.\n\n",
    );
    if r.rapide {
        p.push_str(
            "> **Attention** — ces chiffres viennent d'une exécution `--rapide` (moins \
             d'échantillons, moins de démarrages) : ils servent à vérifier la commande, pas à \
             conclure.\n\n",
        );
    }
    p.push_str(
        "## Ce que ces chiffres montrent, et ce qu'ils ne montrent pas\n\n\
         Ils comparent deux façons d'écrire la même API, sur une même machine, avec les mêmes \
         événements. Ils montrent des écarts et des ordres de grandeur.\n\n\
         Ils ne disent pas ce que coûtera votre fonction dans AWS. Un ordinateur n'est pas Lambda : \
         pas de microVM à créer, pas de paquet à télécharger, pas de réseau entre API Gateway et la \
         fonction, et tout le processeur au lieu d'une part. Lambda alloue le processeur en \
         proportion de la mémoire : 1~769~Mio donnent l'équivalent d'un vCPU, 128~Mio environ 7~% \
         d'un vCPU. Pour les chiffres de Lambda lui-même, la page [1.4](../ch01-serverless/limites.md) \
         cite lambda-perf, que les tableaux ci-dessous rappellent.\n\n",
    );
    p.push_str(
        "```mermaid\nsequenceDiagram\n    participant M as Chronomètre\n    \
         participant R as API Runtime\n    participant F as Fonction\n    \
         participant D as dynalite\n    M->>F: lance (top départ)\n    \
         Note over F: init : client DynamoDB\n    \
         F->>R: GET …/next\n    R-->>F: GET /produits/{id}\n    \
         F->>D: GetItem\n    D-->>F: aucun produit\n    F->>R: POST …/response (404)\n    \
         R-->>M: réponse (top arrivée)\n```\n\n\
         <p>Le démarrage à froid mesuré par la section 2 : du lancement du processus à sa première \
         réponse. Les autres mesures se passent de ce trajet (section 1) ou y ajoutent la \
         passerelle locale (section 4).</p>\n\n",
    );
    let _ = r;
}

fn machine(p: &mut String, r: &Resultats) {
    let m = &r.machine;
    let _ = write!(
        p,
        "## La machine\n\n\
         | | |\n|---|---|\n\
         | date | {} |\n\
         | processeur | {} |\n\
         | cœurs | {} |\n\
         | mémoire | {}~Gio |\n\
         | système | {} |\n\
         | Rust | {} |\n\
         | Python | {} |\n\
         | exécution | {} |\n\n",
        r.date,
        m.processeur,
        m.coeurs,
        nombre(m.memoire_gio, 1),
        m.systeme,
        m.rustc,
        m.python,
        if r.rapide { "`--rapide`" } else { "complète" },
    );
}

fn trouver(liste: &[Invocation], route: Route) -> Option<&Invocation> {
    liste.iter().find(|i| i.route == route.cle())
}

fn en_memoire(p: &mut String, m: &EnMemoire) {
    p.push_str(
        "## 1. Le coût d'une invocation, sans le réseau\n\n\
         Chaque langage reçoit les mêmes octets : trois événements d'API REST (format de charge \
         utile 1.0), écrits par le banc d'essai du cours, avec un magasin en mémoire de 100 \
         produits. Une invocation va des octets de l'événement aux octets de la réponse, comme \
         dans le runtime :\n\n\
         - **Rust** : l'API de production (`api_produits::Api`) sur `MemoireStore`, couches \
           d'observabilité, de CORS et d'erreurs comprises ; l'événement lu en `LambdaRequest` \
           comme le fait `lambda_runtime`, l'adaptateur de `lambda_http::run`, la réponse écrite \
           en JSON. Les lignes de journal et les documents EMF sont écrits, dans un puits plutôt \
           que sur la sortie standard. Mesure : [criterion](https://docs.rs/criterion), médiane.\n\
         - **Python** : un gestionnaire écrit comme celui du module, mais corrigé \
           ([page 3.3](../ch03-integration-proxy/exemple-python.md)) : `json.loads` de \
           l'événement, un dictionnaire pour magasin, la même validation de `POST`, `json.dumps` \
           de la réponse. Il n'écrit ni journal ni métrique. Mesure : `time.perf_counter_ns`, \
           médiane des moyennes de chaque série, après un échauffement.\n\n\
         La colonne « lecture » isole la lecture de l'événement : \
         `lambda_http::request::from_str` en Rust, `json.loads` en Python.\n\n\
         | route | Rust | dont lecture | Python | dont lecture | Python / Rust |\n\
         |---|---|---|---|---|---|\n",
    );
    let mut parts_lecture = Vec::new();
    for route in Route::TOUTES {
        let (Some(rust), Some(python)) = (trouver(&m.rust, route), trouver(&m.python, route))
        else {
            let _ = writeln!(p, "| `{}` | non mesuré | | | | |", route.libelle());
            continue;
        };
        parts_lecture.push((
            route,
            rust.lecture_mediane_ns / rust.mediane_ns,
            rust.evenement_octets,
        ));
        let _ = writeln!(
            p,
            "| `{}` | {} | {} | {} | {} | ×~{} |",
            route.libelle(),
            microsecondes(rust.mediane_ns),
            microsecondes(rust.lecture_mediane_ns),
            microsecondes(python.mediane_ns),
            microsecondes(python.lecture_mediane_ns),
            significatif(python.mediane_ns / rust.mediane_ns),
        );
    }
    p.push_str("\n![Coût d'une invocation en mémoire, Rust et Python](figures/en-memoire.svg)\n\n");
    p.push_str(
        "<p>Médianes, en microsecondes ; la partie claire de chaque barre est la lecture de \
         l'événement.</p>\n\n",
    );
    if let Some((route, part, octets)) = parts_lecture.first() {
        let comparaison = if *part >= 0.5 {
            "pèse plus que tout ce que fait notre code"
        } else {
            "pèse moins que ce que fait notre code"
        };
        let _ = write!(
            p,
            "Où passe le temps ? Pour `{}`, la lecture de l'événement par `lambda_http` fait {} \
             de l'invocation Rust. Le reste est le code du cours : routage, couches, magasin, \
             écriture de la réponse et du journal. La lecture d'un événement de {} {comparaison}.\n\n",
            route.libelle(),
            pourcentage(*part),
            taille(*octets),
        );
    }
    let plus_rapide = Route::TOUTES
        .iter()
        .filter(|&&route| {
            matches!((trouver(&m.rust, route), trouver(&m.python, route)),
                (Some(r), Some(py)) if r.mediane_ns < py.mediane_ns)
        })
        .count();
    if !m.rust.is_empty() && !m.python.is_empty() {
        let _ = write!(
            p,
            "Sur cette machine, Rust est plus rapide que Python sur {plus_rapide} des 3 routes. \
             Le langage n'explique pas tout. Le code Rust mesuré en fait plus : une ligne de \
             journal JSON et un document EMF par requête (chapitre 08), les en-têtes CORS, la \
             validation et ses messages. Et `lambda_http` lit chaque événement deux fois : une \
             fois pour en garder le texte brut, une fois dans le type du premier format qui \
             convient (REST 1.0 d'abord) ; il construit ensuite la requête `http` (en-têtes, URI, \
             paramètres). Le `json.loads` de Python, écrit en C, ne fait qu'une lecture.\n\n"
        );
    }
    let plus_longue = m
        .rust
        .iter()
        .chain(&m.python)
        .map(|i| i.mediane_ns)
        .fold(0.0, f64::max);
    if plus_longue > 0.0 && plus_longue < 1e6 {
        let _ = write!(
            p,
            "Ce que cela veut dire pour la facture : Lambda facture la durée arrondie à la \
             milliseconde supérieure ([page 1.7](../ch01-serverless/cout.md)). La plus longue \
             des invocations médianes mesurées ici prend {} : en Rust comme en Python, chacune \
             serait facturée 1~ms. L'écart entre les langages se voit ailleurs : au démarrage à \
             froid (section 2).\n\n",
            microsecondes(plus_longue)
        );
    }
}

fn demarrage(p: &mut String, d: Option<&DemarrageAFroid>) {
    p.push_str("## 2. Le démarrage à froid\n\n");
    let Some(d) = d else {
        p.push_str("Non mesuré lors de cette exécution.\n\n");
        return;
    };
    let _ = write!(
        p,
        "Chaque démarrage lance un processus neuf, branché sur une API Runtime de Lambda locale \
         (`AWS_LAMBDA_RUNTIME_API`), qui lui remet un seul événement. Le chronomètre part au \
         lancement du processus et s'arrête quand la réponse arrive. La fonction construit son \
         client DynamoDB pendant l'initialisation, comme en production ; {}. Le pic de mémoire \
         est le `VmHWM` du processus, lu avant de l'arrêter.\n\n\
         | runtime | démarrages | médiane | 90ᵉ centile | mémoire max. (médiane) |\n\
         |---|---|---|---|---|\n",
        d.premiere_requete
    );
    for (nom, demarrages) in [("Rust", &d.rust), ("Python", &d.python)] {
        ligne_de_demarrage(p, nom, demarrages);
    }
    p.push_str("\n![Démarrages à froid, Rust et Python](figures/demarrage.svg)\n\n");
    p.push_str(
        "<p>Chaque point est un démarrage ; le trait, la médiane. Échelle en millisecondes.</p>\n\n",
    );
    let _ = write!(
        p,
        "Programmes lancés :\n\n- Rust : {}\n- Python : {}\n\n",
        d.rust.programme, d.python.programme
    );
    if let (Some(rust), Some(python)) = (mediane(&d.rust.durees_ms), mediane(&d.python.durees_ms)) {
        let _ = write!(
            p,
            "Ici, le démarrage médian de Python dure {} fois celui de Rust. ",
            significatif(python / rust)
        );
    }
    p.push_str(
        "Dans Lambda, lambda-perf mesure l'`Init Duration` d'une fonction « hello world » de \
         128~Mio (moyennes du 22~août~2026) :\n\n\
         | runtime | initialisation arm64 | initialisation x86_64 | mémoire utilisée |\n\
         |---|---|---|---|\n",
    );
    for (runtime, arm, x86, memoire) in LAMBDA_PERF {
        let _ = writeln!(
            p,
            "| {runtime} | {} | {} | {memoire}~Mio |",
            millisecondes(arm),
            millisecondes(x86)
        );
    }
    p.push_str(
        "\nLes deux mesures ne comptent pas la même chose. L'`Init Duration` de Lambda s'arrête \
         avant la première invocation, et ne compte ni la création de la microVM ni le \
         téléchargement du paquet. La nôtre compte la première invocation, mais rien de ce que \
         fait Lambda autour. Comparez les rapports entre langages, pas les millisecondes.\n\n",
    );
}

fn ligne_de_demarrage(p: &mut String, nom: &str, d: &Demarrages) {
    let memoires: Vec<f64> = d.memoire_max_kio.iter().map(|&k| k as f64).collect();
    let (Some(med), Some(p90), Some(mem)) = (
        mediane(&d.durees_ms),
        centile(&d.durees_ms, 90.0),
        mediane(&memoires),
    ) else {
        let _ = writeln!(p, "| {nom} | 0 | | | |");
        return;
    };
    let _ = writeln!(
        p,
        "| {nom} | {} | {} | {} | {} |",
        d.durees_ms.len(),
        millisecondes(med),
        millisecondes(p90),
        taille((mem * 1024.0) as u64),
    );
}

fn tailles(p: &mut String, r: &Resultats) {
    p.push_str(
        "## 3. La taille des paquets\n\n\
         Les deux fonctions de `template.yaml`, compilées pour arm64 en mode `release` par \
         cargo-lambda (profil du `Cargo.toml` racine : `opt-level = \"s\"`, LTO, `strip`, \
         `panic = \"unwind\"` ; cargo-lambda y ajoute `-C target-cpu=neoverse-n1`), puis \
         compressées en zip comme pour un déploiement.\n\n",
    );
    if r.tailles.is_empty() {
        p.push_str("Non mesuré lors de cette exécution.\n\n");
        return;
    }
    let _ = write!(p, "Mesurés ici : {}.\n\n", r.tailles_origine);
    p.push_str("| fonction | `bootstrap` | zip |\n|---|---|---|\n");
    for t in &r.tailles {
        let _ = writeln!(
            p,
            "| `{}` | {} | {} |",
            t.fonction,
            taille(t.binaire_octets),
            taille(t.zip_octets)
        );
    }
    p.push_str(
        "\nChaque zip ne contient que `bootstrap` : en Rust, le runtime, le client HTTP et le SDK \
         AWS sont dans le binaire.\n\n",
    );
}

fn charge(p: &mut String, c: Option<&Charge>) {
    p.push_str("## 4. La passerelle locale sous charge\n\n");
    let Some(c) = c else {
        p.push_str("Non mesuré lors de cette exécution.\n\n");
        return;
    };
    let s = &c.sans_limitation;
    let _ = write!(
        p,
        "La passerelle du cours (`cargo xtask api`) sert `GET /produits/{{id}}` sur 127.0.0.1, \
         devant le binaire `release` de l'API, par l'API Runtime. Tout le trajet de la page \
         [3.1](../ch03-integration-proxy/trajet.md) y passe : route, limitation, événement, \
         fonction, vérification de la réponse, journal d'accès.\n\n\
         **Limitation levée**, autant de requêtes que possible pendant {} avec {} \
         connexions ({}) :\n\n\
         | requêtes | requêtes par seconde | p50 | p99 | autres statuts que 200 |\n\
         |---|---|---|---|---|\n\
         | {} | {} | {} | {} | {} |\n\n",
        secondes(s.duree_s),
        s.connexions,
        c.outil,
        nombre(s.requetes as f64, 0),
        nombre(s.requetes_par_s, 0),
        millisecondes(s.p50_ms),
        millisecondes(s.p99_ms),
        s.autres_statuts,
    );
    let l = &c.limitee;
    let t = &l.avec_nouvelles_tentatives;
    let _ = write!(
        p,
        "**Au double de la limite de l'étape.** `template.yaml` limite l'étape à {}~requêtes par \
         seconde, rafale {} (`MethodSettings`). Offrir {}~requêtes par seconde pendant {} \
         ({} requêtes), à intervalles réguliers, donne :\n\n\
         | | requêtes | part |\n|---|---|---|\n\
         | refusées (429) | {} | {} |\n\
         | refus attendus d'un seau exact | {} | {} |\n\n\
         Le seau à jetons du [chapitre 05](../ch05-limitation-debit/seau.md) laisse passer la \
         rafale, puis le débit : sur {}, au plus {}~+~{}~×~{} requêtes.\n\n\
         Le même débit, envoyé par un client qui réessaie avec la politique du chapitre 05 \
         (`PolitiqueDeNouvelleTentative::default()` : 3~tentatives, gigue totale sur 1~s puis \
         2~s) : {} requêtes servies sur {}, {} abandonnées après la dernière tentative, {} \
         tentatives envoyées en tout.\n\n",
        nombre(l.debit_limite, 0),
        l.rafale,
        nombre(l.offert_par_s, 0),
        secondes(l.duree_s),
        nombre(l.envoyees as f64, 0),
        nombre(l.refusees_429 as f64, 0),
        pourcentage(part(l.refusees_429, l.envoyees)),
        nombre(l.refusees_attendues as f64, 0),
        pourcentage(part(l.refusees_attendues, l.envoyees)),
        secondes(l.duree_s),
        l.rafale,
        nombre(l.debit_limite, 0),
        nombre(l.duree_s, 0),
        nombre(t.servies as f64, 0),
        nombre(t.requetes as f64, 0),
        nombre(t.abandonnees as f64, 0),
        nombre(t.tentatives as f64, 0),
    );
}

fn part(n: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        n as f64 / total as f64
    }
}

fn boucle(p: &mut String, b: Option<&Boucle>) {
    p.push_str("## 5. La boucle de l'étudiant\n\n");
    let Some(b) = b else {
        p.push_str("Non mesuré lors de cette exécution.\n\n");
        return;
    };
    let _ = write!(
        p,
        "Ce que vous attendez entre un enregistrement et le verdict des tests.\n\n\
         - Le premier `cargo test -p lab-03-integration-proxy` une fois les tests de chaque \
           atelier construits, atelier par atelier (`cargo test -p lab-NN-… --no-run`, l'état \
           où `cargo xtask test` laisse le dépôt) : {}, {} crate{} compilée{}.\n\
         - Puis, pour chaque atelier, `touch src/lib.rs` et `cargo test -p lab-NN-…` : \
           compilation de l'atelier et exécution de ses tests (l'énoncé, dont des tests \
           échouent), {}.\n\n\
         La dernière colonne compte les crates que cargo a compilées à chaque essai : \
         l'atelier seul (1), ou davantage quand cargo doit recompiler des \
         dépendances pour ce paquet.\n\n\
         | atelier | médiane | essais (s) | crates compilées |\n|---|---|---|---|\n",
        secondes(b.premier_test_s),
        b.premier_test_crates,
        if b.premier_test_crates > 1 { "s" } else { "" },
        if b.premier_test_crates > 1 { "s" } else { "" },
        match b.ateliers.first().map_or(0, |a| a.durees_s.len()) {
            1 => "un seul essai".to_string(),
            n => format!("médiane de {n} essais"),
        },
    );
    for atelier in &b.ateliers {
        let essais: Vec<String> = atelier.durees_s.iter().map(|&s| significatif(s)).collect();
        let crates: Vec<String> = atelier
            .crates_compilees
            .iter()
            .map(u32::to_string)
            .collect();
        let _ = writeln!(
            p,
            "| `{}` | {} | {} | {} |",
            atelier.paquet,
            mediane(&atelier.durees_s).map_or_else(|| "—".to_string(), secondes),
            essais.join(" ; "),
            if crates.is_empty() {
                "—".to_string()
            } else {
                crates.join(" ; ")
            },
        );
    }
    p.push_str("\n![La boucle de l'étudiant, atelier par atelier](figures/boucle.svg)\n\n");
    p.push_str("<p>Médianes, en secondes, de l'enregistrement au verdict.</p>\n\n");
}

fn commande(p: &mut String, r: &Resultats) {
    p.push_str(
        "## Refaire ces mesures\n\n\
         ```sh\ncargo xtask bench            # la mesure complète, celle de cette page\n\
         cargo xtask bench --rapide   # moins d'échantillons, pour vérifier la commande\n```\n\n\
         La commande installe ce qui lui manque (awslambdaric et boto3 dans `.outils/venv`, le \
         générateur de charge wrk par le paquet Debian quand elle le peut), compile ce qu'elle \
         mesure, puis réécrit cette page, `mesures.json` et les figures. Elle compile par deux \
         voies à la fois : (1) les binaires `release` x86_64 ; (2) les installations, les \
         `bootstrap` arm64 (ceux de `sam build` s'il les a déjà faits), puis les tests de chaque \
         atelier, comme les laisse `cargo xtask test`. Les mesures ne commencent qu'ensuite, \
         quand plus rien ne compile. \
         Fermez les autres programmes : une machine occupée mesure surtout ce qui l'occupe. \
         Cette exécution a pris :\n\n\
         | étape | voie | durée |\n|---|---|---|\n",
    );
    let mut total = 0.0;
    for etape in &r.etapes {
        let voie = match etape.voie {
            Some(voie) => voie.to_string(),
            None => {
                total += etape.duree_s;
                "—".to_string()
            }
        };
        let _ = writeln!(
            p,
            "| {} | {voie} | {} |",
            etape.nom,
            secondes(etape.duree_s)
        );
    }
    let _ = writeln!(
        p,
        "| **total** | | **{}** |\n\n\
         Les voies se recouvrent : le total compte une fois l'étape qui les englobe, sans la \
         compilation de xtask lui-même.\n",
        secondes(total)
    );
}

fn sources(p: &mut String) {
    p.push_str(
        "## Sources\n\n\
         - [maxday/lambda-perf](https://maxday.github.io/lambda-perf/) : démarrages à froid \
           quotidiens d'une fonction « hello world » par runtime, 128~Mio ; valeurs du \
           22~août~2026 (page [1.4](../ch01-serverless/limites.md)).\n\
         - [Configure Lambda function memory](https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html) : \
           « At 1,769 MB, a function has the equivalent of one vCPU ».\n\
         - [Using the Lambda runtime API for custom runtimes](https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html) : \
           `/runtime/invocation/next` et `/runtime/invocation/{id}/response`, ce que sert l'API \
           Runtime locale.\n\
         - [`lambda_http` 1.3.2, `src/deserializer.rs`](https://docs.rs/crate/lambda_http/1.3.2/source/src/deserializer.rs) : \
           la lecture d'un événement, format par format.\n\
         - [criterion](https://docs.rs/criterion) ; [`time.perf_counter_ns`](https://docs.python.org/3/library/time.html#time.perf_counter_ns) ; \
           [awslambdaric](https://github.com/aws/aws-lambda-python-runtime-interface-client) ; \
           [wrk](https://github.com/wg/wrk).\n\
         - Le code de ces mesures : le crate `mesures/` du dépôt (`src/en_memoire.rs`, `python/`, \
           `src/main.rs`).\n",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resultats::{Etape, Machine};

    fn resultats() -> Resultats {
        let invocation = |route: Route, ns: f64| Invocation {
            route: route.cle().to_string(),
            evenement_octets: 1700,
            mediane_ns: ns,
            lecture_mediane_ns: ns / 2.0,
        };
        Resultats {
            date: "2026-12-01".into(),
            machine: Machine {
                processeur: "Processeur d'essai".into(),
                coeurs: 2,
                memoire_gio: 23.4,
                systeme: "Debian".into(),
                rustc: "rustc 1.95.0".into(),
                python: "Python 3.11.7".into(),
            },
            rapide: false,
            en_memoire: EnMemoire {
                rust: Route::TOUTES
                    .iter()
                    .map(|&r| invocation(r, 8000.0))
                    .collect(),
                python: Route::TOUTES
                    .iter()
                    .map(|&r| invocation(r, 32000.0))
                    .collect(),
            },
            demarrage_a_froid: None,
            tailles: Vec::new(),
            tailles_origine: String::new(),
            charge: None,
            boucle: None,
            etapes: vec![
                Etape {
                    nom: "constructions".into(),
                    duree_s: 100.0,
                    voie: None,
                },
                Etape {
                    nom: "release".into(),
                    duree_s: 90.0,
                    voie: Some(1),
                },
                Etape {
                    nom: "mesure".into(),
                    duree_s: 12.0,
                    voie: None,
                },
            ],
        }
    }

    #[test]
    fn la_page_donne_les_medianes_et_le_rapport_tires_du_json() {
        let page = rendre(&resultats());
        assert!(page.starts_with("# Annexe — Mesures\n\n> **Durée** — "));
        assert!(
            page.contains("| `GET /produits/{id}` | 8,00\u{a0}µs | 4,00\u{a0}µs | 32,0\u{a0}µs | 16,0\u{a0}µs | ×\u{a0}4,00 |"),
            "la ligne de GET /produits/{{id}} doit donner les médianes et le rapport : {page}"
        );
        assert!(page.contains("fait 50,0\u{a0}% de l'invocation Rust"));
        assert!(
            !page.contains('~'),
            "chaque `~` doit devenir une espace insécable"
        );
    }

    #[test]
    fn une_section_non_mesuree_le_dit_au_lieu_d_inventer() {
        let page = rendre(&resultats());
        assert_eq!(
            page.matches("Non mesuré lors de cette exécution.").count(),
            4,
            "démarrage, tailles, charge et boucle ne sont pas mesurés ici"
        );
    }

    #[test]
    fn le_total_des_etapes_compte_une_fois_ce_que_les_voies_font_en_meme_temps() {
        let page = rendre(&resultats());
        assert!(
            page.contains("| release | 1 | 90,0\u{a0}s |"),
            "l'étape de la voie 1 est listée avec sa voie : {page}"
        );
        assert!(
            page.contains("| **total** | | **112\u{a0}s** |"),
            "100 s de constructions et 12 s de mesure, sans les 90 s de la voie 1 : {page}"
        );
    }
}
