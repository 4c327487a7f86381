//! The fuzz targets' checks on their seeds, in the normal test build: what `make test` runs
//! instead of building the libFuzzer binaries (a second, instrumented build of the whole core
//! that cost CI about 12 CPU-minutes; `make fuzz` still builds and runs them).
//!
//! Each target's check is the very function its fuzz binary calls (`klantreis_fuzz::<target>`,
//! in `fuzz/src/`). Its inputs here: every file in `fuzz/seeds/<target>/` and in
//! `fuzz/corpus/<target>/` when there is one; the seeds `scripts/fuzz.sh` makes (every template
//! and the sample as a document and as an interchange file, a photo as PNG and JPEG), made here
//! in-process; each of those once more in a few fixed mutations (cut short, a byte changed, a
//! stretch repeated), so CI still tries inputs nobody wrote. With `FUZZ_CORPUS=DIR` it also
//! replays `DIR/<target>/` (`make fuzz-replay` points it at the corpus `make fuzz` grew). A
//! panic in a check fails the test with the target and the input's origin.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use klantreis::interchange::json;
use klantreis::{templates, Document, Edit, Lang};

/// One input and where it came from, for the failure message.
struct Input {
    origin: String,
    data: Vec<u8>,
}

fn files_in(dir: &Path) -> Vec<Input> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| Input {
            data: std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
            origin: p.display().to_string(),
        })
        .collect()
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every template in both languages and the sample, each as a closed document's bytes and
/// as its interchange export: what `scripts/fuzz.sh` makes with the command-line tool.
fn generated_documents() -> (Vec<Input>, Vec<Input>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut docs, mut jsons) = (Vec::new(), Vec::new());
    for lang in [Lang::Nl, Lang::En] {
        let mut made = templates::ids()
            .into_iter()
            .map(|id| {
                let j = templates::build(id, lang, None).expect("template");
                (id.to_string(), j, vec![])
            })
            .collect::<Vec<_>>();
        let (j, p) = templates::sample(lang);
        made.push(("sample".to_string(), j, vec![p]));
        for (name, journey, personas) in made {
            let origin = format!("{name}-{lang:?}");
            let path = dir.path().join(format!("{origin}.klantreis"));
            let mut doc = Document::create(&path).expect("create");
            let id = journey.meta.id.clone();
            doc.apply(&Edit::CreateJourney { journey, personas })
                .expect("journey");
            let text = json::export(&doc, &id, true).expect("export");
            doc.close().expect("close");
            jsons.push(Input {
                origin: format!("generated {origin}.json"),
                data: text.into_bytes(),
            });
            docs.push(Input {
                origin: format!("generated {origin}.klantreis"),
                data: std::fs::read(&path).expect("read document"),
            });
        }
    }
    (docs, jsons)
}

/// A small photo-like picture as PNG and as JPEG (the script renders the sample's PDF).
fn generated_images() -> Vec<Input> {
    let img = image::RgbImage::from_fn(24, 16, |x, y| {
        image::Rgb([(x * 10) as u8, (y * 15) as u8, 128])
    });
    [image::ImageFormat::Png, image::ImageFormat::Jpeg]
        .into_iter()
        .map(|format| {
            let mut out = std::io::Cursor::new(Vec::new());
            img.write_to(&mut out, format).expect("encode");
            Input {
                origin: format!("generated {format:?}"),
                data: out.into_inner(),
            }
        })
        .collect()
}

/// `count` fixed variants of `input` (the same ones every run): cut short, one byte changed,
/// a stretch repeated, in turn, at places spread by a small xorshift generator seeded from
/// the input itself.
fn mutations(input: &Input, count: usize) -> Vec<Input> {
    let data = &input.data;
    if data.is_empty() {
        return Vec::new();
    }
    let mut state = data.iter().fold(0x9e37_79b9_7f4a_7c15_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    }) | 1;
    let mut next = |below: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % below as u64) as usize
    };
    (0..count)
        .map(|i| {
            let at = next(data.len());
            let mut out = data.clone();
            let how = match i % 3 {
                0 => {
                    out.truncate(at);
                    "cut"
                }
                1 => {
                    out[at] = out[at].wrapping_add(1 + next(255) as u8);
                    "byte"
                }
                _ => {
                    let len = 1 + next(64.min(data.len() - at));
                    let stretch = data[at..at + len].to_vec();
                    out.splice(at..at, stretch);
                    "repeat"
                }
            };
            Input {
                origin: format!("{} ({how} at {at})", input.origin),
                data: out,
            }
        })
        .collect()
}

/// Runs every input through `target`'s check and fails naming each input that panicked.
/// `generated` are the inputs made here; `variants` how many mutations of each seed to add.
fn replay(target: &str, generated: Vec<Input>, variants: usize) {
    let mut inputs = files_in(&root().join("fuzz/seeds").join(target));
    assert!(
        !inputs.is_empty(),
        "fuzz/seeds/{target}/ has no seeds: every target keeps at least one"
    );
    inputs.extend(files_in(&root().join("fuzz/corpus").join(target)));
    inputs.extend(generated);
    let mutated: Vec<Input> = inputs.iter().flat_map(|i| mutations(i, variants)).collect();
    inputs.extend(mutated);
    if let Some(dir) = std::env::var_os("FUZZ_CORPUS") {
        let corpus = files_in(&Path::new(&dir).join(target));
        eprintln!(
            "{target}: {} inputs from {}",
            corpus.len(),
            dir.to_string_lossy()
        );
        inputs.extend(corpus);
    }
    eprintln!("{target}: replaying {} inputs", inputs.len());
    let mut failed = Vec::new();
    for input in &inputs {
        let data = input.data.as_slice();
        match catch_unwind(AssertUnwindSafe(|| klantreis_fuzz::check(target, data))) {
            Ok(known) => assert!(known, "{target} is not a fuzz target"),
            Err(_) => failed.push(input.origin.clone()),
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} of {} inputs failed the check (each panic is printed above): {failed:#?}",
        failed.len(),
        inputs.len()
    );
}

#[test]
fn every_target_is_replayed_here() {
    // A new fuzz target needs its test below, or CI would not run it at all.
    let mut here = [
        "interchange",
        "open_bytes",
        "hostile_rows",
        "image",
        "text_imports",
    ];
    let mut targets = klantreis_fuzz::TARGETS;
    here.sort_unstable();
    targets.sort_unstable();
    assert_eq!(here, targets);
}

#[test]
fn interchange() {
    let (_, jsons) = generated_documents();
    replay("interchange", jsons, 6);
}

#[test]
fn open_bytes() {
    let (docs, _) = generated_documents();
    replay("open_bytes", docs, 3);
}

#[test]
fn hostile_rows() {
    replay("hostile_rows", Vec::new(), 6);
}

#[test]
fn image() {
    replay("image", generated_images(), 12);
}

#[test]
fn text_imports() {
    replay("text_imports", Vec::new(), 12);
}
