//! `klantreis pptx`: the blank canvas as a PowerPoint fill-in file, read by a real reader.
//! LibreOffice (installed by scripts/setup.sh) converts it to PDF, and the PDF's text holds
//! the title, every phase, every lane and its hint; the slide is widescreen (16:9).

use std::path::Path;
use std::process::Command;

use klantreis::{templates, Document, Edit, Lang};

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `pptx` converted to PDF by LibreOffice, with a profile of its own so tests running at the
/// same time do not share (and lock) one.
fn to_pdf(pptx: &Path, dir: &Path) -> std::path::PathBuf {
    let profile = format!("file://{}", dir.join("lo-profile").display());
    run(Command::new("soffice")
        .arg(format!("-env:UserInstallation={profile}"))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(pptx));
    let pdf = dir.join(format!(
        "{}.pdf",
        pptx.file_stem().expect("stem").to_string_lossy()
    ));
    assert!(pdf.exists(), "LibreOffice wrote no PDF");
    pdf
}

#[test]
fn libreoffice_reads_the_canvas_with_every_phase_lane_and_hint() {
    for (template, lang) in [("five-stages", Lang::Nl), ("service-blueprint", Lang::En)] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.klantreis");
        let mut doc = Document::create(&path).expect("create");
        let mut j = templates::build(template, lang, Some("Fiets & “plezier” <test>")).expect("t");
        j.phases[0].name = "Oriëntatie: zoeken".into();
        let id = j.meta.id.clone();
        doc.apply(&Edit::CreateJourney {
            journey: j.clone(),
            personas: vec![],
        })
        .expect("create journey");
        doc.close().expect("close");
        let pptx = dir.path().join("canvas.pptx");
        run(Command::new(env!("CARGO_BIN_EXE_klantreis")).args([
            "pptx",
            path.to_str().expect("utf-8"),
            "--journey",
            &id,
            "-o",
            pptx.to_str().expect("utf-8"),
        ]));
        let bytes = std::fs::read(&pptx).expect("read");
        assert_eq!(&bytes[..4], b"PK\x03\x04", "a ZIP package");

        let pdf = to_pdf(&pptx, dir.path());
        let info = run(Command::new("pdfinfo").arg(&pdf));
        assert!(info.contains("Pages:           1"), "{info}");
        assert!(
            info.contains("960") && info.contains("x 540 pts"),
            "a 13.33 × 7.5 in widescreen slide: {info}"
        );
        let text = run(Command::new("pdftotext").arg(&pdf).arg("-"));
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("Fiets & “plezier” <test>"), "title:\n{text}");
        for (i, p) in j.phases.iter().enumerate() {
            let want = format!("{} {}", i + 1, p.name);
            assert!(flat.contains(&want), "phase {want:?} in:\n{text}");
        }
        for l in &j.lanes {
            assert!(flat.contains(&l.title), "lane {:?} in:\n{text}", l.title);
            let hint = l.hint.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(
                flat.matches(hint.as_str()).count() > j.phases.len(),
                "the hint {hint:?} in the label and in every cell:\n{text}"
            );
        }
    }
}

#[test]
fn an_unknown_journey_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("c.klantreis");
    Document::create(&path)
        .expect("create")
        .close()
        .expect("close");
    let out = dir.path().join("x.pptx");
    let o = Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args([
            "pptx",
            path.to_str().expect("p"),
            "--journey",
            "journey_x",
            "-o",
        ])
        .arg(&out)
        .output()
        .expect("run");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no journey with id \"journey_x\""));
    assert!(!out.exists());
}
