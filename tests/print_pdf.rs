//! The PDF writer's own output, checked by tools no one here wrote: text sits where the Scene
//! put it (pdftotext -bbox), glyph strings survive every byte value, and the content streams
//! stay compact (qpdf). The `klantreis pdf` / `svg` commands end to end: `tests/print.rs`.

mod common;

use std::process::Command;

use klantreis::{templates, Lang};

use common::*;

#[test]
fn text_in_the_pdf_sits_where_the_scene_put_it() {
    use klantreis::layout::{self, Item, LayoutOptions, TextRole};
    let dir = tempfile::tempdir().expect("tempdir");
    let (j, p) = templates::sample(Lang::Nl);
    let scene = layout::layout(&j, &[p], &LayoutOptions::default());
    let meta = klantreis::export::pdf::PdfMeta {
        title: j.meta.title.clone(),
        lang: Lang::Nl,
        print_shop: None,
    };
    let pdf = klantreis::export::pdf::to_pdf(&scene, &meta, None).expect("pdf");
    let path = dir.path().join("bbox.pdf");
    std::fs::write(&path, &pdf.bytes).expect("write");
    let html = stdout(Command::new("pdftotext").arg("-bbox").arg(&path).arg("-"));
    // (xMin, xMax, yMin, yMax, word) of every word poppler found.
    let words: Vec<(f32, f32, f32, f32, String)> = html
        .lines()
        .filter_map(|l| {
            let attr = |k: &str| -> Option<f32> {
                l.split(&format!("{k}=\""))
                    .nth(1)?
                    .split('"')
                    .next()?
                    .parse()
                    .ok()
            };
            let w = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some((
                attr("xMin")?,
                attr("xMax")?,
                attr("yMin")?,
                attr("yMax")?,
                w,
            ))
        })
        .collect();
    let k = 72.0 / 25.4;
    let mut checked = 0;
    for it in &scene.items {
        let Item::Text {
            lines,
            role: TextRole::Card,
            ..
        } = it
        else {
            continue;
        };
        for l in lines {
            let (first, last) = match (
                l.text.split_whitespace().next(),
                l.text.split_whitespace().last(),
            ) {
                (Some(f), Some(z)) => (f, z),
                _ => continue,
            };
            let (x0, x1, base) = (l.x.0 * k, (l.x.0 + l.width.0) * k, l.baseline.0 * k);
            // On the line: the baseline lies between the word box's top and bottom.
            let on_line = |w: &(f32, f32, f32, f32, String)| w.2 < base && base < w.3;
            let starts = words
                .iter()
                .any(|w| w.4 == first && (w.0 - x0).abs() < 0.3 && on_line(w));
            let ends = words
                .iter()
                .any(|w| w.4 == last && (w.1 - x1).abs() < 0.5 && on_line(w));
            assert!(
                starts,
                "line {:?}: no word {first:?} starting at {x0:.1} pt",
                l.text
            );
            assert!(ends, "line {:?}: no word {last:?} ending at {x1:.1} pt (measured width differs from the embedded font's)", l.text);
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} lines checked");
}

/// Every printable ASCII character and more: a subset font then has glyph ids whose bytes are
/// `(` (40), `)` (41), `\` (92) and CR (13), which a binary PDF string must escape.
fn many_chars() -> String {
    let mut s: String = (0x21u8..0x7f).map(char::from).collect();
    s.push_str(" àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿ ĀāĂăĄąĆćČčĎďĒēĘęĚěĞğĪīŁłŃńŇňŌōŐőŒœŘřŚśŠšŤťŪūŮůŰűŽž");
    s
}

#[test]
fn binary_glyph_strings_survive_every_byte_value_and_the_content_is_compact() {
    use klantreis::layout::{self, Item, LayoutOptions};
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut j, p) = templates::sample(Lang::Nl);
    let text = many_chars();
    // Short pieces, so no line breaks fall inside what we look for.
    let pieces: Vec<String> = text
        .split(' ')
        .flat_map(|w| {
            w.chars()
                .collect::<Vec<_>>()
                .chunks(12)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect();
    for (i, piece) in pieces.iter().enumerate() {
        let mut c = j.cards[i % j.cards.len()].clone();
        c.id = format!("card_bytes_{i}");
        c.order = format!("y{i:02}1");
        c.text = piece.clone();
        j.cards.push(c);
    }
    j.sort();
    let scene = layout::layout(&j, &[p], &LayoutOptions::default());
    let meta = klantreis::export::pdf::PdfMeta {
        title: j.meta.title.clone(),
        lang: Lang::Nl,
        print_shop: None,
    };
    let pdf = klantreis::export::pdf::to_pdf(&scene, &meta, None).expect("pdf");
    let path = dir.path().join("bytes.pdf");
    std::fs::write(&path, &pdf.bytes).expect("write");
    qpdf_check(&path);
    let text = squash(&stdout(
        Command::new("pdftotext")
            .args(["-raw", "-enc", "UTF-8"])
            .arg(&path)
            .arg("-"),
    ));
    for piece in &pieces {
        assert!(
            text.contains(piece.as_str()),
            "{piece:?} not in the PDF text:\n{text}"
        );
    }

    // The content stream: one text object per text block, lines placed relative to the line
    // before, binary glyph strings, and no state written twice in a row.
    // Uncompressed as written (`--qdf` would normalise the strings to hex).
    let qdf = dir.path().join("bytes.plain.pdf");
    run(Command::new("qpdf")
        .args(["--stream-data=uncompress", "--object-streams=disable"])
        .arg(&path)
        .arg(&qdf));
    let raw = std::fs::read(&qdf).expect("read qdf");
    let content = String::from_utf8_lossy(&raw);
    let blocks = scene
        .items
        .iter()
        .filter(
            |it| matches!(it, Item::Text { lines, .. } if lines.iter().any(|l| !l.text.is_empty())),
        )
        .count();
    // `BT` at the start of a line: glyph bytes may spell anything inside a string.
    let bts = content.lines().filter(|l| *l == "BT").count();
    assert_eq!(bts, blocks, "one text object per text block");
    assert!(
        !content.contains(" Tm\n"),
        "lines are placed with Td, not Tm"
    );
    assert!(
        !content.contains("> Tj\n"),
        "glyph strings are binary, not hex"
    );
    for esc in [r"\(", r"\)", r"\\", r"\r"] {
        assert!(
            content.contains(esc),
            "no glyph byte needed {esc}: the test lost its teeth"
        );
    }
    let mut last_fill = "";
    for l in content.lines().filter(|l| l.ends_with(" rg")) {
        assert_ne!(l, last_fill, "fill colour written twice in a row");
        last_fill = l;
    }
    let multi_line = scene
        .items
        .iter()
        .filter(|it| matches!(it, Item::Text { lines, .. } if lines.len() > 1))
        .count();
    assert!(
        multi_line > 0 && content.lines().any(|l| l.ends_with(") '")),
        "following lines move by the leading (')"
    );
}

#[test]
fn a_map_of_two_thousand_cards_stays_compact() {
    use klantreis::layout::{self, LayoutOptions};
    let (mut j, p) = templates::sample(Lang::Nl);
    let words = [
        "zoek",
        "vergelijk",
        "bel",
        "mail",
        "bestel",
        "betaal",
        "wacht",
        "twijfel",
        "levering",
        "klantenservice",
        "website",
        "winkel",
    ];
    let base = j.cards.clone();
    for i in 0..2000 {
        let mut c = base[i % base.len()].clone();
        c.id = format!("card_big_{i}");
        c.order = format!("x{i:05}1");
        c.text = (0..4 + i % 9)
            .map(|k| words[(i * 7 + k * 3) % words.len()])
            .collect::<Vec<_>>()
            .join(" ");
        j.cards.push(c);
    }
    j.sort();
    let scene = layout::layout(&j, &[p], &LayoutOptions::default());
    let meta = klantreis::export::pdf::PdfMeta {
        title: j.meta.title.clone(),
        lang: Lang::Nl,
        print_shop: None,
    };
    let pdf = klantreis::export::pdf::to_pdf(&scene, &meta, None).expect("pdf");
    // Fonts take some 60 KB; each card (shadow, note, text, badges) about 45 bytes. With
    // absolute positions per line and hex glyph strings it was some 250 bytes a card.
    let per_card = pdf.bytes.len().saturating_sub(60_000) / j.cards.len();
    assert!(
        per_card < 120,
        "{} bytes for {} cards: {per_card} a card",
        pdf.bytes.len(),
        j.cards.len()
    );
}
