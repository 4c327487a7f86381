//! JSON interchange: every template in both languages (and the filled sample with a persona
//! photo) survives export → import into a fresh document → export byte for byte; bad input is
//! refused with the JSON path of the offending value; the schema in docs/ is current.

use klantreis::interchange::{self, InterchangeError};
use klantreis::*;

/// A 1×1 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
    0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF, 0xC0, 0xF0,
    0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45,
    0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];

fn roundtrip(mut doc: Document, journey_id: &str, dir: &std::path::Path, name: &str) {
    let first = interchange::export(&doc, journey_id, true).expect("export");
    let path_b = dir.join(format!("{name}-b.klantreis"));
    let mut b = Document::create(&path_b).expect("create b");
    let id = interchange::import(&mut b, &first).expect("import");
    assert_eq!(id, journey_id, "{name}: ids are kept in a fresh document");
    let second = interchange::export(&b, &id, true).expect("export again");
    assert_eq!(first, second, "{name}: export → import → export differs");
    // Importing again into the same document makes a copy with new ids, not an overwrite.
    let copy = interchange::import(&mut b, &first).expect("second import");
    assert_ne!(copy, id);
    let entry = b
        .undo_entry()
        .expect("history")
        .expect("the import is undoable");
    assert_eq!(
        entry.origin,
        store::Origin::Import,
        "{name}: an import is recorded as one"
    );
    assert_eq!(b.workspace().journeys.len(), 2);
    doc.integrity_check().expect("integrity");
    let _ = doc.apply(&Edit::DeleteJourney {
        id: journey_id.to_string(),
    });
}

#[test]
fn every_template_roundtrips_in_both_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    for id in templates::ids() {
        for lang in [Lang::Nl, Lang::En] {
            let name = format!("{id}-{}", lang.code());
            let mut doc =
                Document::create(dir.path().join(format!("{name}.klantreis"))).expect("create");
            let j = templates::build(id, lang, None).expect("template");
            let jid = j.meta.id.clone();
            doc.apply(&Edit::CreateJourney {
                journey: j,
                personas: vec![],
            })
            .expect("create journey");
            roundtrip(doc, &jid, dir.path(), &name);
        }
    }
}

#[test]
fn sample_with_persona_photo_roundtrips() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("s.klantreis")).expect("create");
    let (j, mut p) = templates::sample(Lang::Nl);
    p.photo = Some(doc.add_image("image/png", PNG).expect("image"));
    let jid = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("create journey");
    let text = interchange::export(&doc, &jid, true).expect("export");
    assert!(text.contains("\"images\""), "the photo is embedded");
    assert!(
        text.contains("één") || text.contains("Geïrriteerd"),
        "UTF-8 kept as is"
    );
    roundtrip(doc, &jid, dir.path(), "sample");
}

fn err_path(text: &str) -> String {
    match interchange::parse(text) {
        Err(InterchangeError::Invalid { path, .. }) => path,
        other => panic!("expected a validation error, got {other:?}"),
    }
}

fn sample_json() -> serde_json::Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("x.klantreis")).expect("create");
    let (j, p) = templates::sample(Lang::En);
    let jid = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("create");
    serde_json::from_str(&interchange::export(&doc, &jid, true).expect("export")).expect("json")
}

#[test]
fn errors_name_the_json_path() {
    let good = sample_json();

    let mut v = good.clone();
    v["journey"]["cards"][3]["emotion"] = serde_json::json!(5);
    assert_eq!(err_path(&v.to_string()), "$.journey.cards[3].emotion");

    let mut v = good.clone();
    v["journey"]["cards"][2]["emotion"] = serde_json::json!("happy");
    assert_eq!(err_path(&v.to_string()), "$.journey.cards[2].emotion");

    let mut v = good.clone();
    v["journey"]["cards"][1]["phase_id"] = serde_json::json!("phase_missing");
    assert_eq!(err_path(&v.to_string()), "$.journey.cards[1].phase_id");

    let mut v = good.clone();
    v["journey"]["lanes"][0]["kind"] = serde_json::json!("dreams");
    assert_eq!(err_path(&v.to_string()), "$.journey.lanes[0].kind");

    let mut v = good.clone();
    v["journey"]["persona_ids"] = serde_json::json!(["persona_nobody"]);
    assert_eq!(err_path(&v.to_string()), "$.journey.persona_ids[0]");

    let mut v = good.clone();
    v["format"] = serde_json::json!("klantreis/2");
    assert_eq!(err_path(&v.to_string()), "$.format");

    let mut v = good.clone();
    v.as_object_mut().expect("object").remove("format");
    assert_eq!(err_path(&v.to_string()), "$.format");

    assert_eq!(err_path("{not json"), "$");
}

#[test]
fn failed_import_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("f.klantreis")).expect("create");
    let mut v = sample_json();
    v["journey"]["cards"][0]["emotion"] = serde_json::json!(7);
    let err = interchange::import(&mut doc, &v.to_string()).expect_err("refused");
    assert!(
        err.to_string().contains("$.journey.cards[0].emotion"),
        "{err}"
    );
    assert!(doc.workspace().journeys.is_empty());
    assert_eq!(doc.history_len().expect("history"), 0);
}

#[test]
fn schema_in_docs_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/klantreis-1.schema.json");
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == interchange::schema_json(),
        "docs/klantreis-1.schema.json is stale: run `cargo run -- schema > docs/klantreis-1.schema.json`"
    );
}

/// A file whose figures cannot be right (a drop-off of 120 %, more customers entering a phase
/// than the one before kept) is imported whole: the figures are kept as written and flagged by
/// phase name, in the insights and on the command line's standard error.
#[test]
fn bad_figures_are_imported_and_flagged_by_phase() {
    let mut v = sample_json();
    let phases = v["journey"]["phases"].as_array_mut().expect("phases");
    let names: Vec<String> = phases
        .iter()
        .map(|p| p["name"].as_str().expect("name").to_string())
        .collect();
    phases[0]["data"] = serde_json::json!({"customers": 1000, "drop_off_pct": 20.0});
    phases[1]["data"] = serde_json::json!({"customers": 1500, "drop_off_pct": 120.0});
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("bad-figures.json");
    std::fs::write(&input, v.to_string()).expect("write");
    let path = dir.path().join("f.klantreis");

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args([
            "import",
            path.to_str().expect("utf-8"),
            input.to_str().expect("utf-8"),
        ])
        .output()
        .expect("run klantreis");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "one warning per bad figure: {stderr}");
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "klantreis: warning: {}: drop-off is 120 %",
            names[1]
        ))),
        "{stderr}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "klantreis: warning: {}: 1500 customers enter",
            names[1]
        ))),
        "{stderr}"
    );

    let doc = Document::open(&path).expect("open");
    let j = doc
        .workspace()
        .journey(id.trim())
        .expect("the journey was kept");
    assert_eq!(
        j.cards.len(),
        v["journey"]["cards"].as_array().expect("cards").len()
    );
    let d = j.phases[1].data.as_ref().expect("figures kept");
    assert_eq!(
        (d.customers, d.drop_off_pct),
        (Some(1500), Some(120.0)),
        "kept as written"
    );
    let ins = analysis::insights(j);
    let flagged: Vec<(&str, Option<&str>)> = ins
        .warnings
        .iter()
        .map(|w| (w.message.as_str(), w.phase_id.as_deref()))
        .filter(|(m, _)| m.starts_with(&names[1]))
        .collect();
    assert_eq!(flagged.len(), 2, "{:?}", ins.warnings);
    assert!(flagged
        .iter()
        .all(|(_, p)| *p == Some(j.phases[1].id.as_str())));
    // The funnel leaves the impossible drop-off out of its sums.
    assert_eq!(ins.funnel.phases[1].lost, None);
}
