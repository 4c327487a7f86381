//! Save As and export killed half-way: a child process writes a copy of a document ("Save
//! as", `Document::save_as`) or a PDF export (`print::render` + `print::write_atomic`, what
//! the app's export does) over and over; the parent kills it with SIGKILL at a varied moment,
//! many times. After every kill the original is byte-identical, and the target is either
//! absent, the complete file from before, or a complete new one, never half a file.
//!
//! Runs without the libtest harness, like `tests/crash.rs`: the same binary is the child when
//! `KLANTREIS_KILL_CHILD` says what to write.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use klantreis::print::{self, PrintRequest};
use klantreis::*;

const ROUNDS: usize = 24;

fn child(kind: &str, doc: &Path, dest: &Path) {
    let doc = match Document::open(doc) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("child: {e}");
            std::process::exit(3);
        }
    };
    let id = match doc.workspace().journeys.first() {
        Some(j) => j.meta.id.clone(),
        None => std::process::exit(4),
    };
    let mut out = std::io::stdout().lock();
    loop {
        let result = match kind {
            "save_as" => doc.save_as(dest).map_err(|e| e.to_string()),
            _ => print::render(&doc, &id, &PrintRequest::default(), &mut |_| {})
                .map_err(|e| e.to_string())
                .and_then(|r| print::write_atomic(dest, &r.bytes).map_err(|e| e.to_string())),
        };
        if let Err(e) = result {
            eprintln!("child: {e}");
            std::process::exit(6);
        }
        if writeln!(out, "done").and_then(|_| out.flush()).is_err() {
            std::process::exit(7);
        }
    }
}

/// A noise PNG of `w` × `h` (noise does not compress: the document gets big, so a copy of it
/// takes long enough for kills to land inside it).
fn noise_png(w: u32, h: u32, seed: u32) -> Vec<u8> {
    use image::ImageEncoder;
    let mut x = seed | 1;
    let noise: Vec<u8> = (0..3 * w as usize * h as usize)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::png::PngEncoder::new_with_quality(
        &mut out,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::NoFilter,
    )
    .write_image(&noise, w, h, image::ExtendedColorType::Rgb8)
    .expect("png");
    out.into_inner()
}

/// The complete target, or why it is not.
fn check_target(kind: &str, dest: &Path, original: &Workspace) -> Result<(), String> {
    match kind {
        "save_as" => {
            let copy = Document::open(dest).map_err(|e| format!("the copy does not open: {e}"))?;
            copy.integrity_check()
                .map_err(|e| format!("the copy is damaged: {e}"))?;
            if copy.workspace() != original {
                return Err("the copy holds other journeys than the original".into());
            }
            copy.close().map_err(|e| e.to_string())
        }
        _ => {
            let bytes = std::fs::read(dest).map_err(|e| e.to_string())?;
            if !bytes.starts_with(b"%PDF-") || !bytes.trim_ascii_end().ends_with(b"%%EOF") {
                return Err(format!("half a PDF ({} bytes)", bytes.len()));
            }
            let pdf = lopdf::Document::load_mem(&bytes).map_err(|e| format!("PDF: {e}"))?;
            if pdf.get_pages().len() != 1 {
                return Err("the PDF has no page".into());
            }
            Ok(())
        }
    }
}

fn temp_files(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
                .count()
        })
        .unwrap_or(0)
}

fn main() {
    if let Ok(kind) = std::env::var("KLANTREIS_KILL_CHILD") {
        let doc = PathBuf::from(std::env::var_os("KLANTREIS_KILL_DOC").unwrap_or_default());
        let dest = PathBuf::from(std::env::var_os("KLANTREIS_KILL_DEST").unwrap_or_default());
        child(&kind, &doc, &dest);
        return;
    }
    print!("test save_as_and_export_killed_half_way_leave_the_original_and_no_half_target ... ");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("original.klantreis");
    {
        let mut doc = Document::create(&path).expect("create");
        let (mut j, p) = templates::sample(Lang::En);
        // Two photos of noise (≈ 12 MB each) on the wall: a copy takes a while.
        for seed in 1..=2 {
            let id = doc
                .add_image("image/png", &noise_png(2_000, 2_000, seed))
                .expect("photo");
            j.meta.wall_photos.push(id);
        }
        doc.apply(&Edit::CreateJourney {
            journey: j,
            personas: vec![p],
        })
        .expect("journey");
        doc.close().expect("close");
    }
    let before = std::fs::read(&path).expect("read");
    let original = Document::open(&path).expect("open").workspace().clone();
    let exe = std::env::current_exe().expect("own path");
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("out dir");
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let (mut absent, mut complete, mut finished) = (0, 0, 0);
    for round in 0..ROUNDS {
        let kind = if round % 2 == 0 { "save_as" } else { "pdf" };
        let dest = out.join(if kind == "save_as" {
            "Copy.klantreis"
        } else {
            "Map.pdf"
        });
        let mut child = Command::new(&exe)
            .env("KLANTREIS_KILL_CHILD", kind)
            .env("KLANTREIS_KILL_DOC", &path)
            .env("KLANTREIS_KILL_DEST", &dest)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("stdout");
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wait = Duration::from_millis(30 + seed % 900);
        let reader = std::thread::spawn(move || BufReader::new(stdout).lines().count());
        let start = Instant::now();
        while start.elapsed() < wait {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("round {round}: child exited early with {status}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        finished += reader.join().expect("reader");

        assert_eq!(
            std::fs::read(&path).expect("read"),
            before,
            "round {round} ({kind}): the original changed"
        );
        if dest.exists() {
            if let Err(e) = check_target(kind, &dest, &original) {
                panic!("round {round} ({kind}): {e}");
            }
            complete += 1;
        } else {
            absent += 1;
        }
    }
    // The kills must have landed both before a first copy and after one, or the test proved
    // little.
    assert!(finished > 0, "no copy ever finished before a kill");
    let left = temp_files(&out);
    // The next write to each target sweeps what the killed writers left beside it.
    let doc = Document::open(&path).expect("open");
    doc.save_as(out.join("Copy.klantreis")).expect("save as");
    print::write_atomic(&out.join("Map.pdf"), b"%PDF-1.7 stand-in").expect("write");
    assert_eq!(
        temp_files(&out),
        0,
        "killed writers' temporary files are swept"
    );
    println!(
        "ok ({ROUNDS} kills: target absent {absent}, complete {complete}; {finished} writes \
         finished; {left} temporary files left behind, swept by the next writes)"
    );
}
