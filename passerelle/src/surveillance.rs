//! `--watch` : quels événements du système de fichiers relancent la construction.
//!
//! Seule une écriture compte. Une lecture ne doit rien déclencher : `cargo build` ouvre et lit
//! les sources qu'il surveille, et une lecture prise pour une modification relancerait la
//! construction sans fin.

use notify::EventKind;
use notify::event::ModifyKind;

/// Un fichier `.rs` ou `.toml` hors de `target/`, créé, modifié (contenu ou nom) ou supprimé.
pub fn est_un_enregistrement(evenement: &notify::Event) -> bool {
    let ecriture = matches!(
        evenement.kind,
        EventKind::Create(_)
            | EventKind::Remove(_)
            | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Name(_) | ModifyKind::Any)
    );
    ecriture
        && evenement.paths.iter().any(|chemin| {
            chemin.extension().is_some_and(|e| e == "rs" || e == "toml")
                && !chemin.components().any(|c| c.as_os_str() == "target")
        })
}

#[cfg(test)]
mod tests {
    use super::est_un_enregistrement;
    use notify::EventKind;
    use notify::event::{AccessKind, AccessMode, DataChange, MetadataKind, ModifyKind};

    fn evenement(kind: EventKind, chemin: &str) -> notify::Event {
        notify::Event::new(kind).add_path(chemin.into())
    }

    #[test]
    fn une_ecriture_d_un_fichier_rust_ou_toml_relance_la_construction() {
        let ecrit = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(est_un_enregistrement(&evenement(
            ecrit,
            "solutions/api-produits/src/lib.rs"
        )));
        assert!(est_un_enregistrement(&evenement(
            ecrit,
            "solutions/api-produits/Cargo.toml"
        )));
    }

    #[test]
    fn une_lecture_par_cargo_ne_relance_rien() {
        for lu in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
        ] {
            assert!(
                !est_un_enregistrement(&evenement(lu, "solutions/api-produits/src/lib.rs")),
                "attendu : pas de reconstruction sur {lu:?}"
            );
        }
    }

    #[test]
    fn ni_target_ni_les_fichiers_temporaires_ne_comptent() {
        let ecrit = EventKind::Modify(ModifyKind::Data(DataChange::Content));
        assert!(!est_un_enregistrement(&evenement(
            ecrit,
            "labs/target/debug/build/x/out/a.rs"
        )));
        assert!(!est_un_enregistrement(&evenement(
            ecrit,
            "solutions/api-produits/src/.lib.rs.swp"
        )));
    }
}
