//! What every fuzz target does with a document that opened: the paths a user's next steps
//! take (overview, layout on screen and paper, SVG export, interchange export and re-import,
//! edits, undo and redo). A panic anywhere here is a crash the fuzzer reports; an `Err` is a
//! clear message to the user and fine.
//!
//! Each target's check is a module here (`interchange`, `open_bytes`, …); the files in
//! `fuzz_targets/` only hand libFuzzer's input to it. The main workspace's replay test
//! (`tests/fuzz_replay.rs`, in `make test`) runs the same checks on every seed and corpus
//! file through `check`, without libFuzzer (this crate's `libfuzzer` feature off), so CI
//! needs no second, instrumented build of the core.
//!
//! Scratch files live in one directory per process (in `/dev/shm` when there is one, so the
//! file system is not the bottleneck) and are removed after each input. A new document is a
//! copy of one empty document made once per process ([`empty_document`]).

pub mod hostile_rows;
pub mod image;
pub mod interchange;
pub mod open_bytes;
pub mod text_imports;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use klantreis::export::svg;
use klantreis::interchange::json;
use klantreis::layout::{self, LayoutOptions, Mode, Paper};
use klantreis::{overview, Document, Edit};

/// Every target, by the name of its binary, its seed folder and its corpus folder.
pub const TARGETS: [&str; 5] = [
    "interchange",
    "open_bytes",
    "hostile_rows",
    "image",
    "text_imports",
];

/// Runs one input through `target`'s check as its fuzz binary would; false for a name that is
/// not a target.
pub fn check(target: &str, data: &[u8]) -> bool {
    match target {
        "interchange" => interchange::check(data),
        "open_bytes" => open_bytes::check(data),
        "hostile_rows" => hostile_rows::check_bytes(data),
        "image" => image::check(data),
        "text_imports" => text_imports::check(data),
        _ => return false,
    }
    true
}

/// A fresh path for a scratch document (the file does not exist yet).
pub fn scratch_path() -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let base = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("klantreis-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir.join(format!("{}.klantreis", N.fetch_add(1, Ordering::Relaxed)))
}

/// A new, empty document at `path` (a [`scratch_path`]): a copy of one made by
/// `Document::create` once per process. Creating the schema for every input was a fifth of a
/// run of `text_imports` (`perf`); `Document::create` itself is tested in `tests/`.
pub fn empty_document(path: &std::path::Path) -> Result<Document, klantreis::StoreError> {
    static EMPTY: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = EMPTY.get_or_init(|| {
        let p = scratch_path();
        let doc = Document::create(&p).expect("create the empty document");
        doc.close().expect("close the empty document");
        let bytes = std::fs::read(&p).expect("read the empty document");
        remove(&p);
        bytes
    });
    std::fs::write(path, bytes)?;
    Document::open(path)
}

/// Removes a scratch document and its SQLite side files.
pub fn remove(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Walks everything a user could do next with `doc`. `deep` adds edits and undo/redo.
/// `roundtrip` asserts that each journey's export parses back: true for documents made by an
/// import (valid by construction); a hostile file may hold journeys no import would accept,
/// and exporting them as they are is the honest thing to do.
pub fn exercise(doc: &mut Document, deep: bool, roundtrip: bool) {
    let ws = doc.workspace().clone();
    let _ = overview::journeys(&ws);
    for j in &ws.journeys {
        let _ = j.validate();
        for (paper, mode) in [(Paper::A0, Mode::Filled), (Paper::A4, Mode::Blank)] {
            let opts = LayoutOptions {
                paper,
                mode,
                ..Default::default()
            };
            let scene = layout::layout(j, &ws.personas, &opts);
            let resolve = |img: &str| doc.image(img).ok().flatten().map(|i| (i.mime, i.data));
            let _ = svg::to_svg(&scene, Some(&resolve));
        }
        if let Ok(text) = json::export(doc, &j.meta.id, true) {
            // What we write we must read back.
            if let Err(e) = json::parse(&text) {
                assert!(
                    !roundtrip,
                    "export of {:?} does not parse back: {e}",
                    j.meta.id
                );
            }
        }
    }
    if !deep {
        return;
    }
    for j in &ws.journeys {
        let first_card = j.cards.first().map(|c| c.id.clone());
        let (Some(phase), Some(lane)) = (j.phases.first(), j.lanes.last()) else {
            continue;
        };
        let edits = [
            Edit::AddCard {
                journey_id: j.meta.id.clone(),
                phase_id: phase.id.clone(),
                lane_id: lane.id.clone(),
                text: "fuzz".into(),
                colour: None,
                before: first_card.clone(),
                id: None,
            },
            Edit::MoveCards {
                ids: j.cards.iter().rev().take(3).map(|c| c.id.clone()).collect(),
                phase_id: phase.id.clone(),
                lane_id: lane.id.clone(),
                before: first_card.clone(),
            },
            Edit::DuplicateCards {
                ids: j.cards.iter().take(2).map(|c| c.id.clone()).collect(),
            },
            Edit::MovePhase {
                id: phase.id.clone(),
                before: None,
            },
            Edit::DuplicateJourney {
                id: j.meta.id.clone(),
                title: "copy".into(),
                new_id: None,
            },
            Edit::DeletePhase {
                id: phase.id.clone(),
            },
        ];
        for e in &edits {
            let _ = doc.apply(e);
        }
    }
    for _ in 0..3 {
        let _ = doc.undo();
    }
    let _ = doc.redo();
    let _ = doc.integrity_check();
}
