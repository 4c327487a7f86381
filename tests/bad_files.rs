//! Opening bad files: each gives a clear error naming the problem, and the file stays
//! byte-identical (nothing is written before the checks pass).

use std::path::Path;

use klantreis::store::{check_file, StoreError};
use klantreis::*;

fn valid_document(path: &Path) {
    let mut doc = Document::create(path).expect("create");
    let (j, p) = templates::sample(Lang::Nl);
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    doc.close().expect("close");
}

/// Opens `path`, expects an error, and checks the bytes did not change.
fn open_fails(path: &Path) -> StoreError {
    let before = std::fs::read(path).expect("read before");
    let err = Document::open(path).expect_err("opening a bad file must fail");
    let after = std::fs::read(path).expect("read after");
    assert!(
        before == after,
        "{}: file changed by a failed open",
        path.display()
    );
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "the message names the file: {err}"
    );
    err
}

#[test]
fn random_bytes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("random.klantreis");
    let mut state: u32 = 12345;
    let bytes: Vec<u8> = (0..50_000)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (state >> 16) as u8
        })
        .collect();
    std::fs::write(&path, bytes).expect("write");
    let err = open_fails(&path);
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err}");
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
}

#[test]
fn zero_filled_and_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("zeros.klantreis");
    std::fs::write(&path, vec![0u8; 65536]).expect("write");
    let err = open_fails(&path);
    assert!(matches!(err, StoreError::NotSqlite { .. }), "{err}");

    let empty = dir.path().join("empty.klantreis");
    std::fs::write(&empty, b"").expect("write");
    let err = open_fails(&empty);
    assert!(matches!(err, StoreError::Empty { .. }), "{err}");
}

#[test]
fn truncated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.klantreis");
    valid_document(&path);
    let bytes = std::fs::read(&path).expect("read");
    assert!(
        bytes.len() >= 4 * 4096,
        "sample document spans several pages"
    );
    for cut in [bytes.len() / 2, bytes.len() - 4096, 4096 + 100, 1000] {
        std::fs::write(&path, &bytes[..cut]).expect("write");
        let err = open_fails(&path);
        assert!(
            matches!(err, StoreError::Corrupt { .. }),
            "cut at {cut}: expected a corrupt-file error, got {err}"
        );
        assert!(err.to_string().contains("damaged"), "{err}");
    }
}

#[test]
fn damaged_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("d.klantreis");
    valid_document(&path);
    let mut bytes = std::fs::read(&path).expect("read");
    // Overwrite the second page (a b-tree page) with garbage; the header stays valid.
    for b in &mut bytes[4096..8192] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("write");
    let err = open_fails(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

#[test]
fn another_sqlite_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.db");
    {
        let conn = make_foreign_sqlite(&path);
        drop(conn);
    }
    let err = open_fails(&path);
    assert!(matches!(err, StoreError::WrongApplication { .. }), "{err}");
    assert!(err.to_string().contains("another program"), "{err}");
}

#[test]
fn newer_file_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.klantreis");
    valid_document(&path);
    // A future Klantreis would bump user_version (header offset 60, big-endian).
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[60..64].copy_from_slice(&99u32.to_be_bytes());
    std::fs::write(&path, &bytes).expect("write");
    let err = open_fails(&path);
    match &err {
        StoreError::TooNew {
            found, supported, ..
        } => assert_eq!((*found, *supported), (99, klantreis::store::SCHEMA_VERSION)),
        other => panic!("expected TooNew, got {other}"),
    }
    assert!(err.to_string().contains("newer Klantreis"), "{err}");
}

/// A schema version below zero: damage, refused as such and left byte-identical. Before, the
/// open "migrated" it (a write) and then failed to load it, changing a file it refused.
#[test]
fn negative_file_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("negative.klantreis");
    valid_document(&path);
    let mut bytes = std::fs::read(&path).expect("read");
    bytes[60..64].copy_from_slice(&(-16_777_217i32).to_be_bytes());
    std::fs::write(&path, &bytes).expect("write");
    let err = open_fails(&path);
    assert!(matches!(err, StoreError::Corrupt { .. }), "{err}");
}

/// The input the open_bytes fuzzer found (a negative schema version among other damage).
#[test]
fn fuzz_open_bytes_negative_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("found.klantreis");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/fuzz-open_bytes-negative-version.klantreis"
        ),
        &path,
    )
    .expect("copy");
    open_fails(&path);
}

#[test]
fn missing_file_and_valid_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("nope.klantreis");
    assert!(matches!(
        Document::open(&missing),
        Err(StoreError::NotFound { .. })
    ));
    assert!(!missing.exists(), "open does not create files");
    let good = dir.path().join("good.klantreis");
    valid_document(&good);
    check_file(&good).expect("a valid document passes the checks");
}

/// A plain SQLite database as another program would make it.
fn make_foreign_sqlite(path: &Path) -> std::process::Output {
    std::process::Command::new("sqlite3")
        .arg(path)
        .arg("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('hoi');")
        .output()
        .expect("sqlite3 runs (installed by scripts/setup.sh)")
}
