//! # Les mesures du cours (`cargo xtask bench`)
//!
//! Le cours dit que Rust convient à Lambda ; ce crate le mesure, sur la machine de qui le lance,
//! et écrit la page « Mesures » du livre (`chapters/annexe-mesures/`) avec ses données brutes
//! (`mesures.json`) et ses figures SVG. Chaque chiffre de la page vient du JSON ; aucun n'est
//! écrit à la main.
//!
//! - [`evenements`] : les trois requêtes mesurées et le magasin qu'elles trouvent ;
//! - [`invocation`] : une invocation comme la fait le runtime, sans le réseau ;
//! - [`en_memoire`] : le coût en mémoire, mesuré par criterion ;
//! - `python/` : la même API en Python, et ses mesures ;
//! - [`froid`], [`taille`], [`charge`], [`boucle`] : le démarrage à froid, la taille des
//!   paquets, la passerelle sous charge, la boucle de l'étudiant ;
//! - `src/main.rs` : la mesure complète, dans l'ordre, que lance `cargo xtask bench` ;
//! - [`resultats`] : le contenu de `mesures.json` ;
//! - [`page`] et [`graphiques`] : la page et ses figures, tirées du JSON seul.

pub mod boucle;
pub mod charge;
pub mod en_memoire;
pub mod evenements;
pub mod format;
pub mod froid;
pub mod graphiques;
pub mod invocation;
pub mod machine;
pub mod page;
pub mod processus;
pub mod resultats;
pub mod statistiques;
pub mod taille;
