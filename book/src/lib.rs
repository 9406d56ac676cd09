//! Le livre du cours « Module 4 — API et développement d'applications serverless ».
//!
//! Cette crate ne contient pas de code : son script de compilation (`build.rs`) extrait les
//! blocs Rust des chapitres (`../chapters/*.md`) et `tests/extraits.rs` les compile et les
//! exécute, un test par bloc. Lancez `cargo test -p livre`.
