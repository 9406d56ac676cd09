//! Un test par bloc Rust des chapitres. Un échec nomme le chapitre, la section et la ligne
//! du bloc dans sa version développée (`{{#include}}` remplacés), écrite dans `OUT_DIR/chapitres/`.

include!(concat!(env!("OUT_DIR"), "/skeptic-tests.rs"));
include!(concat!(env!("OUT_DIR"), "/echecs-de-compilation.rs"));
