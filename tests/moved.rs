//! The document's file moved or deleted while it is open: writes are refused with a clear
//! error (SQLite would go on writing to a file nobody can find), nothing saved before is lost,
//! and "save as" still rescues the open document.

use klantreis::*;

fn sample(path: &std::path::Path) -> (Document, String) {
    let mut doc = Document::create(path).expect("create");
    let (j, p) = templates::sample(Lang::En);
    let id = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    (doc, id)
}

fn rename(id: &str, title: &str) -> Edit {
    Edit::UpdateJourney {
        id: id.to_string(),
        patch: edit::JourneyPatch {
            title: Some(title.into()),
            ..Default::default()
        },
    }
}

#[test]
fn a_moved_document_refuses_writes_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("open.klantreis");
    let moved = dir.path().join("moved.klantreis");
    let (mut doc, id) = sample(&path);
    doc.apply(&rename(&id, "Saved before the move"))
        .expect("edit");
    assert!(!doc.is_gone());

    std::fs::rename(&path, &moved).expect("move");
    assert!(doc.is_gone());
    let err = doc
        .apply(&rename(&id, "After the move"))
        .expect_err("refused");
    assert!(matches!(err, StoreError::Gone { .. }), "{err:?}");
    assert!(
        err.to_string().contains("was moved or deleted") && err.to_string().contains("not saved"),
        "{err}"
    );
    assert_eq!(
        session::ApiError::from(err).code,
        session::ErrorCode::NotFound
    );
    assert!(matches!(doc.undo(), Err(StoreError::Gone { .. })));
    assert!(matches!(
        doc.add_image("image/png", b"x"),
        Err(StoreError::Gone { .. })
    ));
    assert_eq!(
        doc.workspace().journey(&id).expect("journey").meta.title,
        "Saved before the move",
        "the refused edit changed nothing in memory either"
    );

    // The moved file is whole once checkpointed (the app does so when it notices).
    doc.checkpoint().expect("checkpoint");
    let copy = Document::open(&moved).expect("the moved file opens");
    assert_eq!(
        copy.workspace().journey(&id).expect("journey").meta.title,
        "Saved before the move"
    );
    copy.close().expect("close");

    // Save as still works from the open document.
    let rescued = dir.path().join("rescued.klantreis");
    doc.save_as(&rescued).expect("save as");
    let back = Document::open(&rescued).expect("open the copy");
    assert_eq!(back.workspace(), doc.workspace());
    assert!(!path.exists(), "nothing was made at the old place");
}

#[test]
fn a_deleted_or_replaced_document_is_gone_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("open.klantreis");
    let (mut doc, id) = sample(&path);
    std::fs::remove_file(&path).expect("delete");
    assert!(doc.is_gone());
    assert!(matches!(
        doc.apply(&rename(&id, "x")),
        Err(StoreError::Gone { .. })
    ));
    // Another file at the same path is not the document either.
    std::fs::write(&path, b"someone else's file").expect("write");
    assert!(doc.is_gone());
    assert!(matches!(
        doc.apply(&rename(&id, "x")),
        Err(StoreError::Gone { .. })
    ));
    assert_eq!(std::fs::read(&path).expect("read"), b"someone else's file");
}
