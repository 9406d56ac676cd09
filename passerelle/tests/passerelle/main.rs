//! Les tests de la passerelle locale, sur de vrais échanges HTTP avec 127.0.0.1 : la passerelle
//! lit `template.yaml` (ou une variante), lance les vrais binaires des fonctions derrière son
//! API Runtime, et chaque test vérifie ce qu'API Gateway répondrait (fiche de référence du
//! projet). Les binaires `api-produits` et `autorisateur` sont construits par le premier test
//! qui en a besoin (`cargo build -p api-produits --bins`), ou pris dans `PASSERELLE_BINAIRES`.

mod autorisation;
mod commun;
mod integration;
mod limitation;
mod navigateur;
mod routes;
