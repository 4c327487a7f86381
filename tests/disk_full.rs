//! A write that cannot reach the disk (here: the file-size limit `ulimit -f`, which fails writes
//! the way a full disk does) gives a clear error and loses nothing: the document still opens,
//! passes `integrity_check` and holds everything it held before.

use std::process::Command;

use klantreis::*;

#[test]
fn a_failed_write_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc_path = dir.path().join("full.klantreis");
    let (j, p) = templates::sample(Lang::Nl);
    let jid = j.meta.id.clone();
    {
        let mut doc = Document::create(&doc_path).expect("create");
        doc.apply(&Edit::CreateJourney {
            journey: j,
            personas: vec![p],
        })
        .expect("sample");
        doc.close().expect("close");
    }
    let before = Document::open(&doc_path).expect("open").workspace().clone();

    // A journey far larger than the write limit below.
    let mut big = templates::build("five-stages", Lang::Nl, Some("Groot")).expect("template");
    let keys = order::spread(4000);
    for (i, key) in keys.into_iter().enumerate() {
        big.cards.push(Card::new(
            format!("card_big_{i}"),
            big.phases[i % 5].id.clone(),
            big.lanes[i % 6].id.clone(),
            key,
            "ik wacht op de bezorger ".repeat(10),
        ));
    }
    let file = interchange::InterchangeFile {
        snapshots: vec![],
        format: interchange::FORMAT.into(),
        journey: big,
        personas: vec![],
        images: vec![],
    };
    let json_path = dir.path().join("big.json");
    std::fs::write(&json_path, serde_json::to_string(&file).expect("json")).expect("write");

    let size = std::fs::metadata(&doc_path).expect("meta").len();
    // dash's `ulimit -f` counts 512-byte blocks; leave room for a few pages only. SIGXFSZ is
    // ignored so the write fails with an error instead of killing the process.
    let blocks = size / 512 + 16;
    let script = format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" import \"$1\" \"$2\"",);
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_klantreis"))
        .arg(&doc_path)
        .arg(&json_path)
        .output()
        .expect("run");
    assert!(
        !out.status.success(),
        "the import must fail under the limit"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nothing else was lost") && err.lines().count() == 1,
        "clear one-line error, got {err:?}"
    );

    let doc = Document::open(&doc_path).expect("document still opens");
    doc.integrity_check().expect("integrity_check");
    assert_eq!(
        doc.workspace(),
        &before,
        "nothing lost, nothing half-written"
    );
    assert!(doc.workspace().journey(&jid).is_some());
}
