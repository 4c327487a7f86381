//! The print-shop PDF (`klantreis pdf --print-shop`) read back by tools no one here wrote
//! (lopdf for the structure, Ghostscript, pdftotext, pdftoppm), and the preflight
//! (`klantreis preflight`) on our files and on hand-made files with one fault each.

mod common;

use std::path::Path;
use std::process::Command;

use klantreis::export::pdf::{self, PdfMeta, PrintShop};
use klantreis::layout::{self, LayoutOptions};
use klantreis::preflight;
use klantreis::{templates, LaneKind, Lang};
use lopdf::{Document, Object};

use common::*;

const K: f32 = 72.0 / 25.4;

fn meta(title: &str, shop: Option<PrintShop>) -> PdfMeta {
    PdfMeta {
        title: title.into(),
        lang: Lang::Nl,
        print_shop: shop,
    }
}

fn sample_scene() -> klantreis::layout::Scene {
    let (j, p) = templates::sample(Lang::Nl);
    layout::layout(&j, &[p], &LayoutOptions::default())
}

/// A journey of `n` cards over 8 phases and 4 lanes.
fn big_scene(n: usize) -> klantreis::layout::Scene {
    let kinds = [
        LaneKind::Actions,
        LaneKind::Touchpoints,
        LaneKind::Thoughts,
        LaneKind::Opportunities,
    ];
    let mut j = journeys::journey(8, &kinds, Lang::Nl);
    for i in 0..n {
        journeys::card(
            &mut j,
            i % 8,
            (i / 8) % 4,
            &format!("Kaart {i}: één vraag"),
            None,
        );
    }
    layout::layout(&j, &[], &LayoutOptions::default())
}

fn floats(o: &Object) -> Vec<f32> {
    o.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_float().ok()).collect())
        .unwrap_or_default()
}

/// Every content stream of the file: the pages' and the form XObjects'.
fn content_streams(doc: &Document) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = doc
        .get_pages()
        .values()
        .map(|p| doc.get_page_content(*p))
        .collect();
    for o in doc.objects.values() {
        if let Ok(s) = o.as_stream() {
            if s.dict.get(b"Subtype").and_then(|n| n.as_name()).ok() == Some(b"Form") {
                out.push(
                    s.decompressed_content()
                        .unwrap_or_else(|_| s.content.clone()),
                );
            }
        }
    }
    out
}

/// The structure a PDF/X-4 print-shop file must have, read back with lopdf.
fn assert_pdfx4(bytes: &[u8], bleed_mm: f32) {
    let doc = Document::load_mem(bytes).expect("lopdf reads it");
    assert_eq!(doc.version, "1.6");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|o| doc.dereference(o))
        .and_then(|(_, o)| o.as_dict())
        .expect("info");
    assert_eq!(
        info.get(b"GTS_PDFXVersion")
            .and_then(|v| v.as_str())
            .expect("version"),
        b"PDF/X-4"
    );
    assert_eq!(
        info.get(b"Trapped")
            .and_then(|v| v.as_name())
            .expect("trapped"),
        b"False"
    );
    let id = doc
        .trailer
        .get(b"ID")
        .and_then(|o| o.as_array())
        .expect("ID");
    assert_eq!(id.len(), 2);
    let cat = doc.catalog().expect("catalog");
    let intents = cat
        .get(b"OutputIntents")
        .and_then(|o| o.as_array())
        .expect("intents");
    let oi = doc
        .dereference(&intents[0])
        .and_then(|(_, o)| o.as_dict())
        .expect("intent");
    assert_eq!(
        oi.get(b"S").and_then(|s| s.as_name()).expect("S"),
        b"GTS_PDFX"
    );
    assert_eq!(
        oi.get(b"OutputConditionIdentifier")
            .and_then(|s| s.as_str())
            .expect("id"),
        b"FOGRA39"
    );
    let prof = doc
        .dereference(oi.get(b"DestOutputProfile").expect("profile"))
        .and_then(|(_, o)| o.as_stream())
        .expect("profile stream");
    assert_eq!(prof.dict.get(b"N").and_then(|n| n.as_i64()).expect("N"), 4);
    let icc = prof
        .decompressed_content()
        .unwrap_or_else(|_| prof.content.clone());
    assert_eq!(&icc[36..40], b"acsp", "an ICC profile");
    assert_eq!(&icc[16..20], b"CMYK");
    let xmp = doc
        .dereference(cat.get(b"Metadata").expect("metadata"))
        .and_then(|(_, o)| o.as_stream())
        .expect("xmp");
    let xmp = String::from_utf8_lossy(&xmp.content);
    assert!(xmp.contains("<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>"));
    assert!(xmp.contains("<pdf:Trapped>False</pdf:Trapped>"));
    assert!(xmp.contains("<xmpMM:DocumentID>uuid:"));
    let b = bleed_mm * K;
    for page in doc.get_pages().values() {
        let d = doc.get_dictionary(*page).expect("page");
        let media = floats(d.get(b"MediaBox").expect("MediaBox"));
        let bleed = floats(d.get(b"BleedBox").expect("BleedBox"));
        let trim = floats(d.get(b"TrimBox").expect("TrimBox"));
        assert_eq!(media, bleed);
        let want = [media[0] + b, media[1] + b, media[2] - b, media[3] - b];
        for (t, w) in trim.iter().zip(want) {
            assert!((t - w).abs() < 0.01, "trim {trim:?}, want {want:?}");
        }
    }
    let streams = content_streams(&doc);
    assert!(!streams.is_empty());
    for s in &streams {
        let ops = lopdf::content::Content::decode(s).expect("content parses");
        let mut cmyk = 0;
        for op in &ops.operations {
            assert!(
                !matches!(op.operator.as_str(), "rg" | "RG"),
                "an RGB colour operator"
            );
            if matches!(op.operator.as_str(), "cs" | "CS") {
                assert_ne!(op.operands[0].as_name().ok(), Some(b"DeviceRGB".as_slice()));
            }
            cmyk += matches!(op.operator.as_str(), "k" | "K") as usize;
        }
        let _ = cmyk;
    }
    assert!(
        streams.iter().any(|s| s.windows(3).any(|w| w == b" k\n")),
        "colours are written as CMYK"
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

/// Ghostscript reads the whole file and says nothing.
fn assert_ghostscript_quiet(pdf: &Path) {
    let out = run(Command::new("gs")
        .args(["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage"])
        .arg(pdf));
    assert!(out.status.success(), "gs failed");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.trim().is_empty(), "gs said: {said}");
}

/// The print-shop PDF of the sample, through the command line: a PDF/X-4 in CMYK with 3 mm
/// bleed that Ghostscript renders quietly, whose Dutch text still extracts, whose fonts are
/// embedded, whose colours look like the plain PDF's, and which the preflight passes.
#[test]
fn the_samples_print_shop_pdf_is_a_pdfx4_that_passes_the_preflight() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("map.klantreis");
    let (j, p) = templates::sample(Lang::Nl);
    let journey = j.meta.id.clone();
    let mut doc = klantreis::Document::create(&file).expect("create");
    doc.apply(&klantreis::Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("sample");
    doc.close().expect("close");
    let shop = dir.path().join("shop.pdf");
    let plain = dir.path().join("plain.pdf");
    let f = file.to_str().expect("utf-8");
    ok(&[
        "pdf",
        f,
        "--journey",
        &journey,
        "--print-shop",
        "-o",
        shop.to_str().expect("p"),
    ]);
    ok(&[
        "pdf",
        f,
        "--journey",
        &journey,
        "-o",
        plain.to_str().expect("p"),
    ]);
    let bytes = std::fs::read(&shop).expect("read");
    assert_pdfx4(&bytes, 3.0);
    qpdf_check(&shop);
    assert_ghostscript_quiet(&shop);
    let text = stdout(Command::new("pdftotext").arg(&shop).arg("-"));
    assert!(text.contains("Bekendheid"), "{text}");
    assert!(
        text.contains("“Ziet een collega op een e-bike”"),
        "Dutch quotes extract: {text}"
    );
    let fonts = stdout(Command::new("pdffonts").arg(&shop));
    for row in fonts.lines().skip(2) {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "embedded: {row}");
    }

    // Colours: both rendered at 25.4 dpi (a pixel a millimetre), the print-shop page cut at
    // its trim; poppler turns CMYK back to RGB its own way, so the bound is loose but real:
    // the mean difference per channel stays under 6 of 255 (a page of wrong colours, or one
    // shifted by a millimetre, is well over it).
    let render = |pdf: &Path, crop: &[&str], out: &str| {
        let prefix = dir.path().join(out);
        run(Command::new("pdftoppm")
            .args(["-r", "25.4", "-singlefile"])
            .args(crop)
            .arg(pdf)
            .arg(&prefix));
        std::fs::read(prefix.with_extension("ppm")).expect("ppm")
    };
    let a = render(&plain, &[], "plain");
    // The plain A0 renders as 1190 × 842 pixels (poppler rounds up).
    let b = render(
        &shop,
        &["-x", "3", "-y", "3", "-W", "1190", "-H", "842"],
        "shop",
    );
    let (pa, pb) = (ppm_pixels(&a), ppm_pixels(&b));
    assert_eq!(pa.len(), pb.len(), "same size once trimmed");
    let diff: u64 = pa
        .iter()
        .zip(pb.iter())
        .map(|(x, y)| x.abs_diff(*y) as u64)
        .sum();
    let mean = diff as f64 / pa.len() as f64;
    eprintln!("mean channel difference plain vs print shop: {mean:.2} of 255");
    assert!(mean < 6.0, "mean channel difference {mean:.2}");

    let out = klantreis(&["preflight", shop.to_str().expect("p"), "--lang", "en"]);
    assert!(
        out.status.success(),
        "preflight refused our own print-shop PDF: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The pixel bytes of a binary PPM (P6) as pdftoppm writes it.
fn ppm_pixels(ppm: &[u8]) -> &[u8] {
    // "P6\n<w> <h>\n255\n": the pixels start after the third newline.
    let mut nl = 0;
    for (i, b) in ppm.iter().enumerate() {
        if *b == b'\n' {
            nl += 1;
            if nl == 3 {
                return &ppm[i + 1..];
            }
        }
    }
    &[]
}

#[test]
fn a_thousand_cards_and_a_tiled_poster_make_pdfx4_files_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let scene = big_scene(1000);
    let shop = Some(PrintShop {
        bleed_mm: 5.0,
        x1a: false,
    });
    let one = pdf::to_pdf(&scene, &meta("Duizend kaarten", shop), None).expect("pdf");
    assert_pdfx4(&one.bytes, 5.0);
    assert_ghostscript_quiet(&write(dir.path(), "big.pdf", &one.bytes));

    let sample = sample_scene();
    let opts = klantreis::export::tile::TileOptions::default();
    let shop3 = Some(PrintShop::default());
    let tiled =
        pdf::to_tiled_pdf(&sample, &meta("Poster", shop3), None, &opts, &[]).expect("tiled");
    assert_pdfx4(&tiled.bytes, 3.0);
    let path = write(dir.path(), "tiled.pdf", &tiled.bytes);
    assert_ghostscript_quiet(&path);
    // Each sheet is a trimmed A4 in CMYK with its bleed; what the preflight still reports is
    // the home printer's furniture: the overview's thumbnail of the map (text under 6 pt on
    // page 1) and the sheet labels in the 8 mm glue margin (within 5 mm of the edge).
    let report = preflight::check(&tiled.bytes, Lang::En).expect("reads");
    for f in &report.findings {
        let ok = (f.code == "small_text" && f.page == Some(1)) || f.code == "text_near_trim";
        assert!(ok, "{f:#?}");
    }
}

#[test]
fn pdfx1a_on_request() {
    let scene = sample_scene();
    let shop = Some(PrintShop {
        bleed_mm: 3.0,
        x1a: true,
    });
    let out = pdf::to_pdf(&scene, &meta("X-1a", shop), None).expect("pdf");
    let doc = Document::load_mem(&out.bytes).expect("reads");
    assert_eq!(doc.version, "1.4");
    let report = preflight::check(&out.bytes, Lang::En).expect("reads");
    assert_eq!(report.pdfx.as_deref(), Some("PDF/X-1a:2003"));
    assert!(report.passes(), "{:#?}", report.findings);
}

fn codes(r: &preflight::Report) -> Vec<&str> {
    let mut c: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
    c.dedup();
    c
}

#[test]
fn the_plain_pdf_fails_for_rgb_and_bleed_in_both_languages() {
    let out = pdf::to_pdf(&sample_scene(), &meta("Gewoon", None), None).expect("pdf");
    let en = preflight::check(&out.bytes, Lang::En).expect("reads");
    let c = codes(&en);
    for want in ["no_pdfx", "no_output_intent", "rgb_colour"] {
        assert!(c.contains(&want), "{want} missing from {c:?}");
    }
    assert!(
        c.iter()
            .any(|x| ["no_trim_box", "no_bleed_box", "too_little_bleed"].contains(x)),
        "a bleed finding in {c:?}"
    );
    let nl = preflight::check(&out.bytes, Lang::Nl).expect("reads");
    let rgb = nl
        .findings
        .iter()
        .find(|f| f.code == "rgb_colour")
        .expect("rgb");
    assert!(rgb.message.contains("je scherm"), "{}", rgb.message);
    assert_eq!(rgb.page, Some(1));

    // The command line: exit status 1 and JSON with code, page and where.
    let dir = tempfile::tempdir().expect("tempdir");
    let path = write(dir.path(), "plain.pdf", &out.bytes);
    let run = klantreis(&["preflight", path.to_str().expect("p"), "--json"]);
    assert!(!run.status.success());
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).expect("json");
    let f = &json["findings"];
    assert!(f
        .as_array()
        .is_some_and(|a| a.iter().any(|x| x["code"] == "rgb_colour"
            && x["page"] == 1
            && x["where"].as_str().is_some_and(|w| w.contains("rg")))));
}

/// A small, clean print-shop page (A4, one line of text in the middle) to spoil one way.
fn clean_a4() -> Vec<u8> {
    use klantreis::layout::{Item, Mm, Pt, Rect, TextLine, TextRole};
    let text = Item::Text {
        lines: vec![TextLine {
            text: "Hallo wereld".into(),
            x: Mm(80.0),
            baseline: Mm(150.0),
            width: Mm(40.0),
        }],
        size: Mm(4.0),
        size_pt: Pt(11.3),
        bold: false,
        colour: "#1f2933".into(),
        role: TextRole::Card,
        target: None,
    };
    let scene = klantreis::layout::Scene {
        width: Mm(210.0),
        height: Mm(297.0),
        content: Rect::new(10.0, 10.0, 190.0, 277.0),
        scale: 1.0,
        items: vec![text],
        regions: vec![],
        groups: vec![],
        min_text_pt: Pt(11.3),
        warnings: vec![],
    };
    let out = pdf::to_pdf(&scene, &meta("Schoon", Some(PrintShop::default())), None).expect("pdf");
    let r = preflight::check(&out.bytes, Lang::En).expect("reads");
    assert!(r.passes(), "the clean page: {:#?}", r.findings);
    out.bytes
}

/// `clean_a4` with `change` applied to its only page (raw page space: the trim starts at
/// 3 mm), saved.
fn spoiled(change: impl Fn(&mut Document, lopdf::ObjectId)) -> Vec<u8> {
    let mut doc = Document::load_mem(&clean_a4()).expect("reads");
    let page = *doc.get_pages().get(&1).expect("page 1");
    change(&mut doc, page);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save");
    out
}

/// Appends `ops` to the page's content.
fn add_content(doc: &mut Document, page: lopdf::ObjectId, ops: &str) {
    let id = doc.add_object(lopdf::Stream::new(
        lopdf::Dictionary::new(),
        ops.as_bytes().to_vec(),
    ));
    let d = doc
        .get_object_mut(page)
        .and_then(|o| o.as_dict_mut())
        .expect("page");
    let mut c = d
        .get(b"Contents")
        .and_then(|c| c.as_array())
        .cloned()
        .expect("array");
    c.push(Object::Reference(id));
    d.set("Contents", Object::Array(c));
}

/// The page's resources dictionary, to add to.
fn resources(doc: &mut Document, page: lopdf::ObjectId) -> &mut lopdf::Dictionary {
    let r = doc
        .get_dictionary(page)
        .and_then(|d| d.get(b"Resources"))
        .and_then(|r| r.as_reference())
        .expect("resources ref");
    doc.get_object_mut(r)
        .and_then(|o| o.as_dict_mut())
        .expect("resources")
}

/// The name of the page's (embedded) font.
fn font_name(doc: &Document, page: lopdf::ObjectId) -> String {
    let r = doc
        .get_dictionary(page)
        .and_then(|d| d.get(b"Resources"))
        .and_then(|r| doc.dereference(r))
        .and_then(|(_, r)| r.as_dict())
        .expect("resources");
    let fonts = r
        .get(b"Font")
        .and_then(|f| doc.dereference(f))
        .and_then(|(_, f)| f.as_dict())
        .expect("fonts");
    String::from_utf8_lossy(fonts.iter().next().expect("a font").0).into_owned()
}

fn only(bytes: &[u8]) -> Vec<String> {
    let r = preflight::check(bytes, Lang::En).expect("reads");
    r.findings.iter().map(|f| f.code.clone()).collect()
}

#[test]
fn each_single_fault_gets_exactly_its_finding() {
    let b = 3.0 * K;
    // No bleed: the boxes all the trim.
    let no_bleed = spoiled(|doc, page| {
        let d = doc
            .get_object_mut(page)
            .and_then(|o| o.as_dict_mut())
            .expect("page");
        let trim = d.get(b"TrimBox").expect("trim").clone();
        d.set("MediaBox", trim.clone());
        d.set("BleedBox", trim);
    });
    assert_eq!(only(&no_bleed), ["too_little_bleed"]);
    // The measured figure in each language's notation.
    let said = |lang| {
        preflight::check(&no_bleed, lang).expect("reads").findings[0]
            .message
            .clone()
    };
    assert!(
        said(Lang::Nl).contains("De afloop is 0,0 mm"),
        "{}",
        said(Lang::Nl)
    );
    assert!(
        said(Lang::En).contains("The bleed is 0.0 mm"),
        "{}",
        said(Lang::En)
    );

    // An RGB image, 600 px over 50 mm (305 dpi).
    let rgb_image = spoiled(|doc, page| {
        let mut d = lopdf::Dictionary::new();
        d.set("Type", Object::Name(b"XObject".to_vec()));
        d.set("Subtype", Object::Name(b"Image".to_vec()));
        d.set("Width", 600);
        d.set("Height", 600);
        d.set("BitsPerComponent", 8);
        d.set("ColorSpace", Object::Name(b"DeviceRGB".to_vec()));
        let img = doc.add_object(lopdf::Stream::new(d, vec![200u8; 600 * 600 * 3]));
        let mut x = lopdf::Dictionary::new();
        x.set("Photo", Object::Reference(img));
        resources(doc, page).set("XObject", Object::Dictionary(x));
        add_content(
            doc,
            page,
            &format!(
                "q {s} 0 0 {s} {x} {x} cm /Photo Do Q",
                s = 50.0 * K,
                x = b + 30.0 * K
            ),
        );
    });
    assert_eq!(only(&rgb_image), ["rgb_image"]);

    // Text of 4 pt, in the middle.
    let small = spoiled(|doc, page| {
        let f = font_name(doc, page);
        add_content(
            doc,
            page,
            &format!("BT /{f} 4 Tf 250 400 Td <00010002> Tj ET"),
        );
    });
    assert_eq!(only(&small), ["small_text"]);

    // Text 2 mm from the trim's left edge.
    let near = spoiled(|doc, page| {
        let f = font_name(doc, page);
        add_content(
            doc,
            page,
            &format!("BT /{f} 10 Tf {} 400 Td <00010002> Tj ET", b + 2.0 * K),
        );
    });
    assert_eq!(only(&near), ["text_near_trim"]);

    // A font that is not embedded (Helvetica, named only).
    let bare = spoiled(|doc, page| {
        let mut f = lopdf::Dictionary::new();
        f.set("Type", Object::Name(b"Font".to_vec()));
        f.set("Subtype", Object::Name(b"Type1".to_vec()));
        f.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
        let id = doc.add_object(f);
        let r = resources(doc, page);
        let fonts = r.get(b"Font").cloned().expect("fonts");
        let mut fonts = match fonts {
            Object::Dictionary(d) => d,
            _ => lopdf::Dictionary::new(),
        };
        fonts.set("Bare", Object::Reference(id));
        r.set("Font", Object::Dictionary(fonts));
        add_content(doc, page, "BT /Bare 12 Tf 250 400 Td (Hallo) Tj ET");
    });
    assert_eq!(only(&bare), ["font_not_embedded"]);
}

#[test]
fn garbage_and_encrypted_files_get_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let junk = write(dir.path(), "junk.pdf", b"this is no pdf at all");
    let said = fails(&["preflight", junk.to_str().expect("p"), "--lang", "en"]);
    assert!(said.contains("not a PDF"), "{said}");

    let clean = write(dir.path(), "clean.pdf", &clean_a4());
    let locked = dir.path().join("locked.pdf");
    run(Command::new("qpdf")
        .args(["--encrypt", "user", "owner", "256", "--"])
        .arg(&clean)
        .arg(&locked));
    let said = fails(&["preflight", locked.to_str().expect("p"), "--lang", "nl"]);
    assert!(said.contains("beveiligd"), "{said}");
}
