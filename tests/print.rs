//! Printing end to end: the `klantreis pdf` / `svg` commands on real documents, checked by
//! tools no one here wrote (poppler's pdfinfo, pdffonts, pdftotext, pdftoppm, and qpdf).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use klantreis::{templates, Document, Edit, Journey, Lang, Persona};

use common::*;

/// Texts with the characters a PDF pipeline likes to lose.
const TRICKY: [&str; 4] = [
    "Zoë’s “beste” smørrebrød",
    "Café-eigenaar Ærøskøbing: ‘prima’",
    "Naïeve coördinatie — 12 % ≥ 3½",
    "<b>Fish & chips</b> \"quoted\"",
];

/// A document holding the filled sample journey plus cards with [`TRICKY`] texts.
fn sample_doc(dir: &Path) -> (PathBuf, Journey, Persona) {
    let (mut j, p) = templates::sample(Lang::Nl);
    for (i, t) in TRICKY.iter().enumerate() {
        let mut c = j.cards[i].clone();
        c.id = format!("card_tricky_{i}");
        c.order = format!("z{i}1");
        c.text = t.to_string();
        j.cards.push(c);
    }
    j.sort();
    let path = dir.join("map.klantreis");
    let mut doc = Document::create(&path).expect("create");
    doc.apply(&Edit::CreateJourney {
        journey: j.clone(),
        personas: vec![p.clone()],
    })
    .expect("create journey");
    doc.close().expect("close");
    (path, j, p)
}

fn pdf(doc: &Path, journey: &str, out: &Path, extra: &[&str]) -> Output {
    run(Command::new(bin())
        .arg("pdf")
        .arg(doc)
        .args(["--journey", journey])
        .args(extra)
        .arg("-o")
        .arg(out))
}

fn assert_fonts_embedded_and_subset(pdf: &Path) -> Vec<String> {
    let fonts = stdout(Command::new("pdffonts").arg(pdf));
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts in {}: {fonts}", pdf.display());
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type... encoding emb sub uni object gen: emb/sub/uni are the 5th-3rd from the end.
        let n = cols.len();
        assert!(n >= 7, "odd pdffonts row {row}");
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
        assert_eq!(cols[n - 4], "yes", "font not subset: {row}");
        assert_eq!(
            cols[n - 3],
            "yes",
            "font without ToUnicode (text not extractable): {row}"
        );
    }
    rows.iter()
        .map(|r| r.split_whitespace().next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a0_landscape_map_is_exact_size_with_embedded_subset_fonts_and_every_card_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (doc, j, _) = sample_doc(dir.path());
    let out = dir.path().join("map.pdf");
    pdf(&doc, &j.meta.id, &out, &[]);
    assert_eq!(page_sizes(&out), vec!["3370.39 x 2383.94 pts (A0)"]);
    let fonts = assert_fonts_embedded_and_subset(&out);
    assert!(
        fonts.iter().any(|f| f.ends_with("+NotoSans-Regular")),
        "{fonts:?}"
    );
    qpdf_check(&out);
    let text = squash(&stdout(
        Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(&out)
            .arg("-"),
    ));
    for c in &j.cards {
        assert!(
            text.contains(&squash(&c.text)),
            "card text {:?} not in the PDF text:\n{text}",
            c.text
        );
    }
    for p in &j.phases {
        assert!(text.contains(&p.name), "phase {:?} missing", p.name);
    }
    assert!(text.contains(&j.meta.title), "title missing");
    assert!(
        text.contains("versie"),
        "the stamp (title, version, date) is missing: {text}"
    );
}

#[test]
fn portrait_and_other_papers_have_their_exact_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (doc, j, _) = sample_doc(dir.path());
    for (paper, orient, size) in [
        ("a0", "portrait", "2383.94 x 3370.39 pts (A0)"),
        ("a3", "landscape", "1190.55 x 841.89 pts (A3)"),
        ("a4", "portrait", "595.276 x 841.89 pts (A4)"),
        ("letter", "landscape", "792 x 612 pts (letter)"),
    ] {
        let out = dir.path().join(format!("{paper}-{orient}.pdf"));
        let o = pdf(
            &doc,
            &j.meta.id,
            &out,
            &["--paper", paper, "--orientation", orient],
        );
        assert_eq!(page_sizes(&out), vec![size.to_string()], "{paper} {orient}");
        if paper == "a4" {
            // Too small on A4: a warning with a suggested paper, on which the text is legible.
            let err = String::from_utf8_lossy(&o.stderr).into_owned();
            assert!(
                err.contains("under the legible 9 pt"),
                "A4 must warn about small text: {err}"
            );
            let suggested = err
                .split("choose ")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .unwrap_or_else(|| panic!("no suggestion in {err}"))
                .to_ascii_lowercase();
            let out2 = dir.path().join("suggested.pdf");
            let o2 = pdf(
                &doc,
                &j.meta.id,
                &out2,
                &["--paper", &suggested, "--orientation", orient],
            );
            let err2 = String::from_utf8_lossy(&o2.stderr);
            assert!(
                !err2.contains("legible"),
                "the suggested {suggested} is still too small: {err2}"
            );
        }
    }
}

#[test]
fn tiled_a0_poster_on_a4_has_overview_plus_25_sheets_drawing_the_map_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (doc, j, _) = sample_doc(dir.path());
    let out = dir.path().join("poster.pdf");
    pdf(&doc, &j.meta.id, &out, &["--tile", "a4"]);
    assert_eq!(pages(&out), 26, "1 overview + 5 × 5 landscape A4 sheets");
    let sizes = page_sizes(&out);
    assert_eq!(sizes.len(), 26);
    assert!(
        sizes.iter().all(|s| s == "841.89 x 595.276 pts (A4)"),
        "{sizes:?}"
    );
    assert_fonts_embedded_and_subset(&out);
    qpdf_check(&out);
    // The map is one Form XObject that every page draws.
    let qdf = dir.path().join("poster.qdf");
    run(Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable"])
        .arg(&out)
        .arg(&qdf));
    let raw = String::from_utf8_lossy(&std::fs::read(&qdf).expect("read qdf")).into_owned();
    assert_eq!(
        raw.matches("/Subtype /Form").count(),
        1,
        "exactly one form XObject"
    );
    assert_eq!(
        raw.matches("/KRMap Do").count(),
        26,
        "every page draws the map"
    );
    // Labels in the journey's language, with page n of N.
    let p8 = stdout(
        Command::new("pdftotext")
            .args(["-f", "8", "-l", "8", "-enc", "UTF-8"])
            .arg(&out)
            .arg("-"),
    );
    assert!(
        squash(&p8).contains("rij 2 / kolom 2 — pagina 8 van 26"),
        "label on page 8: {p8}"
    );
    let p1 = stdout(
        Command::new("pdftotext")
            .args(["-f", "1", "-l", "1", "-enc", "UTF-8"])
            .arg(&out)
            .arg("-"),
    );
    assert!(p1.contains("Opbouwoverzicht"), "overview first: {p1}");

    // A3 sheets and a larger overlap need fewer sheets; the overlap changes the count.
    let a3 = dir.path().join("poster-a3.pdf");
    pdf(&doc, &j.meta.id, &a3, &["--tile", "a3", "--overlap", "15"]);
    let n = pages(&a3);
    // Portrait A3 (281 × 404 mm printable, 266 × 389 mm steps) needs 5 × 3 sheets;
    // landscape would need 4 × 4.
    assert_eq!(n, 1 + 3 * 5, "A0 on portrait A3 sheets");
    assert!(page_sizes(&a3).iter().all(|s| s.contains("(A3)")));
}

#[test]
fn missing_glyphs_use_the_fallback_font_or_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut j, p) = templates::sample(Lang::En);
    j.cards[0].text = "Happy ☺ customer".into();
    // U+E000 is private use: no font has it.
    j.cards[1].text = "Odd \u{E000} glyph".into();
    let path = dir.path().join("g.klantreis");
    let mut doc = Document::create(&path).expect("create");
    doc.apply(&Edit::CreateJourney {
        journey: j.clone(),
        personas: vec![p],
    })
    .expect("apply");
    doc.close().expect("close");
    let out = dir.path().join("g.pdf");
    let o = pdf(&path, &j.meta.id, &out, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("U+E000"), "missing glyph not reported: {err}");
    assert!(
        !err.contains("U+263A"),
        "☺ has a fallback and must not be reported: {err}"
    );
    let fonts = assert_fonts_embedded_and_subset(&out);
    assert!(
        fonts.iter().any(|f| f.ends_with("+Symbola")),
        "fallback font not used: {fonts:?}"
    );
    let text = stdout(
        Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(&out)
            .arg("-"),
    );
    assert!(
        text.contains("Happy ☺ customer"),
        "fallback text not extractable: {text}"
    );
}

/// Share of non-white pixels in a greyscale render of page 1 (PGM from pdftoppm).
fn ink(pdf: &Path, dir: &Path, name: &str) -> f64 {
    let prefix = dir.join(name);
    run(Command::new("pdftoppm")
        .args(["-r", "20", "-gray", "-singlefile", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&prefix));
    let pgm = std::fs::read(prefix.with_extension("pgm")).expect("pgm");
    // Header: P5\n<w> <h>\n<max>\n
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 && i < pgm.len() {
        while i < pgm.len() && pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        while i < pgm.len() && !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    let px = &pgm[i + 1..];
    px.iter().filter(|&&v| v < 250).count() as f64 / px.len().max(1) as f64
}

#[test]
fn every_templates_blank_canvas_renders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.klantreis");
    let mut doc = Document::create(&path).expect("create");
    let mut ids = Vec::new();
    for id in templates::ids() {
        let j = templates::build(id, Lang::Nl, None).expect("template");
        ids.push((id, j.meta.id.clone(), j.clone()));
        doc.apply(&Edit::CreateJourney {
            journey: j,
            personas: vec![],
        })
        .expect("apply");
    }
    doc.close().expect("close");
    for (tid, jid, j) in ids {
        let out = dir.path().join(format!("{tid}.pdf"));
        pdf(&path, &jid, &out, &["--blank"]);
        assert_eq!(
            page_sizes(&out),
            vec!["3370.39 x 2383.94 pts (A0)"],
            "{tid}"
        );
        qpdf_check(&out);
        let share = ink(&out, dir.path(), tid);
        assert!(
            share > 0.05 && share < 0.9,
            "{tid}: render looks empty or black ({share:.3})"
        );
        let text = stdout(
            Command::new("pdftotext")
                .args(["-raw", "-enc", "UTF-8"])
                .arg(&out)
                .arg("-"),
        );
        for l in &j.lanes {
            assert!(
                squash(&text).contains(&squash(&l.title)),
                "{tid}: lane {:?} missing",
                l.title
            );
            assert!(
                squash(&text).contains(&squash(&l.hint)),
                "{tid}: hint {:?} missing",
                l.hint
            );
        }
        for c in &j.cards {
            assert!(
                !text.contains(&c.text),
                "{tid}: a blank canvas shows no cards"
            );
        }
    }
}

#[test]
fn svg_export_escapes_user_text_and_has_the_page_size() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (doc, j, _) = sample_doc(dir.path());
    let out = dir.path().join("map.svg");
    run(Command::new(bin())
        .arg("svg")
        .arg(&doc)
        .args(["--journey", &j.meta.id])
        .arg("-o")
        .arg(&out));
    let svg = std::fs::read_to_string(&out).expect("svg");
    assert!(
        svg.starts_with(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1189mm\" height=\"841mm\""
        ),
        "{}",
        &svg[..120]
    );
    assert!(!svg.contains("<b>Fish"), "user markup must be escaped");
    assert!(
        svg.contains("&lt;b&gt;Fish &amp; chips&lt;/b&gt;"),
        "escaped text present"
    );
    assert!(svg.contains("smørrebrød"));
    // Every element that opens is closed: a cheap well-formedness check on our own output.
    assert_eq!(svg.matches("<text").count(), svg.matches("</text>").count());
    assert!(svg.trim_end().ends_with("</svg>"));
}

#[test]
fn bad_arguments_fail_with_a_message_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (doc, j, _) = sample_doc(dir.path());
    let out = dir.path().join("x.pdf");
    for args in [
        vec!["--paper", "a7"],
        vec!["--orientation", "sideways"],
        vec!["--tile", "a5"],
        vec!["--tile", "a4", "--overlap", "90"],
    ] {
        let o = Command::new(bin())
            .arg("pdf")
            .arg(&doc)
            .args(["--journey", &j.meta.id])
            .args(&args)
            .arg("-o")
            .arg(&out)
            .output()
            .expect("run");
        assert!(!o.status.success(), "{args:?} must fail");
        assert!(
            String::from_utf8_lossy(&o.stderr).starts_with("klantreis: "),
            "{args:?}"
        );
        assert!(!out.exists(), "{args:?} wrote a file");
    }
    let o = Command::new(bin())
        .arg("pdf")
        .arg(&doc)
        .args(["--journey", "nope", "-o"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no journey"));
}

#[test]
fn persona_photo_is_drawn_in_pdf_and_svg() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A real PNG, made by a tool no one here wrote: a render of a small PDF.
    let (doc0, j0, _) = sample_doc(dir.path());
    let small = dir.path().join("small.pdf");
    pdf(&doc0, &j0.meta.id, &small, &["--paper", "a4"]);
    run(Command::new("pdftoppm")
        .args(["-png", "-r", "10", "-singlefile"])
        .arg(&small)
        .arg(dir.path().join("photo")));
    let png = std::fs::read(dir.path().join("photo.png")).expect("png");

    let (j, mut p) = templates::sample(Lang::Nl);
    let path = dir.path().join("photo.klantreis");
    let mut doc = Document::create(&path).expect("create");
    let image_id = doc.add_image("image/png", &png).expect("add image");
    p.photo = Some(image_id);
    doc.apply(&Edit::CreateJourney {
        journey: j.clone(),
        personas: vec![p],
    })
    .expect("apply");
    doc.close().expect("close");

    let out = dir.path().join("photo.pdf");
    let o = pdf(&path, &j.meta.id, &out, &[]);
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("image"),
        "image warnings: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    qpdf_check(&out);
    let list = stdout(Command::new("pdfimages").arg("-list").arg(&out));
    assert!(
        list.lines()
            .skip(2)
            .any(|l| l.split_whitespace().nth(2) == Some("image")),
        "no image in the PDF: {list}"
    );

    let svg_out = dir.path().join("photo.svg");
    run(Command::new(bin())
        .arg("svg")
        .arg(&path)
        .args(["--journey", &j.meta.id])
        .arg("-o")
        .arg(&svg_out));
    let svg = std::fs::read_to_string(&svg_out).expect("svg");
    assert!(
        svg.contains("href=\"data:image/png;base64,"),
        "photo not embedded in the SVG"
    );
    assert!(
        svg.contains("clip-path=\"url(#kr-clip-1)\""),
        "photo not clipped round"
    );
}
