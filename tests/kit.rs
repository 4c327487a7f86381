//! The workshop's print kit (`klantreis pdf --kit`): the blank canvas with a legend per lane,
//! persona sheets on A4 or A3 (checked with pdfinfo and pdftotext), and the 50 mm scale bar on
//! every tiled sheet.

use std::path::Path;
use std::process::Command;

use klantreis::export::tile;
use klantreis::layout::{layout, Item, LayoutOptions, Mode, Seg};
use klantreis::{templates, B2bRole, Document, Edit, Lang, Persona};

fn run(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args(args)
        .output()
        .expect("run klantreis");
    assert!(
        out.status.success(),
        "klantreis {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pdftotext(pdf: &Path, page: Option<usize>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (width, height) in points of every page, from pdfinfo.
fn page_sizes(pdf: &Path) -> Vec<(f32, f32)> {
    let out = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(pdf)
        .output()
        .expect("pdfinfo");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size: "))
        .map(|l| {
            let v: Vec<f32> = l
                .split_whitespace()
                .filter_map(|w| w.parse::<f32>().ok())
                .collect();
            // "Page    2 size:  595.276 x 841.89 pts (A4)": the numbers are page, w, h.
            (v[1], v[2])
        })
        .collect()
}

const A4: (f32, f32) = (595.3, 841.9);
const A3: (f32, f32) = (841.9, 1190.6);

fn close(a: (f32, f32), b: (f32, f32)) -> bool {
    (a.0 - b.0).abs() < 1.0 && (a.1 - b.1).abs() < 1.0
}

/// A document with the sample journey (one persona) and a B2B journey with two stakeholders
/// (one with a role) and a third journey with none.
fn doc(dir: &Path) -> (String, [String; 3]) {
    let path = dir.join("kit.klantreis");
    let mut d = Document::create(&path).expect("create");
    let (sample, p) = templates::sample(Lang::Nl);
    let mut b2b = templates::build("b2b", Lang::En, Some("Buying software")).expect("b2b");
    let ceo = Persona {
        id: "persona_ceo".into(),
        name: "Marit Jansen".into(),
        segment: "SME, 50–200 staff".into(),
        customer_type: "new customer".into(),
        b2b_role: Some(B2bRole::DecisionMaker),
        goals: vec!["Fewer tools to pay for".into()],
        frustrations: vec!["Long procurement rounds".into()],
        ..Default::default()
    };
    let it = Persona {
        id: "persona_it".into(),
        name: "Joost".into(),
        b2b_role: Some(B2bRole::Gatekeeper),
        ..Default::default()
    };
    b2b.meta.persona_ids = vec![ceo.id.clone(), it.id.clone()];
    let empty = templates::build("service-blueprint", Lang::En, None).expect("bp");
    let ids = [
        sample.meta.id.clone(),
        b2b.meta.id.clone(),
        empty.meta.id.clone(),
    ];
    d.apply(&Edit::CreateJourney {
        journey: sample,
        personas: vec![p],
    })
    .expect("sample");
    d.apply(&Edit::CreateJourney {
        journey: b2b,
        personas: vec![ceo, it],
    })
    .expect("b2b");
    d.apply(&Edit::CreateJourney {
        journey: empty,
        personas: vec![],
    })
    .expect("empty");
    d.close().expect("close");
    (path.to_str().expect("utf-8").to_string(), ids)
}

#[test]
fn the_kit_is_the_canvas_then_a_persona_sheet_per_persona_on_a4() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (d, [_, b2b, _]) = doc(dir.path());
    let out = dir.path().join("kit.pdf");
    let o = out.to_str().expect("utf-8");
    run(&[
        "pdf",
        &d,
        "--journey",
        &b2b,
        "--kit",
        "--paper",
        "a1",
        "-o",
        o,
    ]);
    let sizes = page_sizes(&out);
    // The parking-lot sheet made the kit one page longer (issue 31): 3 pages became 4.
    assert_eq!(
        sizes.len(),
        4,
        "canvas, two persona sheets and the parking lot: {sizes:?}"
    );
    assert!(
        close(sizes[0], (2383.9, 1683.8)),
        "A1 landscape canvas: {:?}",
        sizes[0]
    );
    assert!(
        sizes[1..].iter().all(|s| close(*s, A4)),
        "A4 portrait: {sizes:?}"
    );

    // The canvas: blank (no cards), with each lane's note colour and guiding question.
    let canvas = pdftotext(&out, Some(1));
    assert!(canvas.contains("grey notes"), "{canvas}");
    assert!(canvas.contains("blue notes"), "{canvas}");
    assert!(
        canvas.contains("What happens behind the scenes?"),
        "{canvas}"
    );

    let first = pdftotext(&out, Some(2));
    for want in [
        "PERSONA",
        "Marit Jansen",
        "SME, 50–200 staff · new customer",
        "ROLE (B2B)",
        "decision maker",
        "Goals",
        "Fewer tools to pay for",
        "Frustrations",
        "Long procurement rounds",
    ] {
        assert!(
            first.contains(want),
            "{want:?} on the persona sheet:\n{first}"
        );
    }
    let second = pdftotext(&out, Some(3));
    assert!(
        second.contains("Joost") && second.contains("gatekeeper"),
        "{second}"
    );
    assert!(second.contains('J'), "initials stand in for the photo");
}

#[test]
fn tiled_on_a3_the_persona_sheets_are_a3_and_every_sheet_has_a_scale_bar() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (d, [sample, _, empty]) = doc(dir.path());
    let out = dir.path().join("kit3.pdf");
    let o = out.to_str().expect("utf-8");
    run(&[
        "pdf",
        &d,
        "--journey",
        &sample,
        "--kit",
        "--tile",
        "a3",
        "-o",
        o,
    ]);
    let sizes = page_sizes(&out);
    let last = *sizes.last().expect("pages");
    assert!(
        close(last, A3),
        "the parking-lot sheet is A3 portrait: {last:?}"
    );
    // The assembly overview first, then the sheets, then the persona sheet and the
    // parking-lot sheet (one more page than before it: - 3, was - 2).
    let tiles = sizes.len() - 3;
    assert!(tiles >= 4, "{sizes:?}");
    for page in 2..=tiles + 1 {
        let text = pdftotext(&out, Some(page));
        assert!(
            text.contains("50 mm — deze balk is 50 mm"),
            "scale bar text on sheet {page}:\n{text}"
        );
    }
    assert!(close(sizes[sizes.len() - 2], A3), "{sizes:?}");
    let sheet = pdftotext(&out, Some(sizes.len() - 1));
    assert!(
        sheet.contains("Anouk de Vries") && sheet.contains("Doelen"),
        "{sheet}"
    );

    // A journey without personas gets one empty sheet to fill in, with the roles to tick.
    let out = dir.path().join("empty.pdf");
    let o = out.to_str().expect("utf-8");
    run(&[
        "pdf",
        &d,
        "--journey",
        &empty,
        "--kit",
        "--paper",
        "a3",
        "-o",
        o,
    ]);
    let sizes = page_sizes(&out);
    assert_eq!(
        sizes.len(),
        3,
        "the canvas, the persona sheet, the parking lot (was 2)"
    );
    assert!(close(sizes[1], A4) && close(sizes[2], A4));
    let sheet = pdftotext(&out, Some(2));
    for want in [
        "NAME",
        "SEGMENT AND CUSTOMER TYPE",
        "photo or drawing",
        "decision maker",
        "initiator",
        "Goals",
        "Frustrations",
    ] {
        assert!(
            sheet.contains(want),
            "{want:?} on the empty sheet:\n{sheet}"
        );
    }
}

#[test]
fn the_scale_bar_is_50_mm_long_with_a_tick_every_10_mm() {
    let g = tile::grid(
        1189.0,
        841.0,
        &tile::TileOptions {
            sheet: klantreis::layout::Paper::A4,
            ..Default::default()
        },
    )
    .expect("grid");
    let items = tile::tile_overlay(&g, 1, 1, 7, 25, "T", Lang::En, (1189.0, 841.0), &|s, _| {
        s.len() as f32 * 0.5
    });
    let horizontal: Vec<f32> = items
        .iter()
        .filter_map(|i| match i {
            Item::Path { segs, .. } if segs.len() == 2 => match (&segs[0], &segs[1]) {
                (Seg::Move { to: a }, Seg::Line { to: b }) if a.y == b.y && a.y.0 < g.margin => {
                    Some(b.x.0 - a.x.0)
                }
                _ => None,
            },
            _ => None,
        })
        .collect();
    assert!(
        horizontal
            .iter()
            .any(|l| (l - tile::SCALE_BAR_MM).abs() < 1e-3),
        "a 50 mm bar in the top margin: {horizontal:?}"
    );
    let ticks = items
        .iter()
        .filter(|i| match i {
            Item::Path { segs, .. } if segs.len() == 2 => match (&segs[0], &segs[1]) {
                (Seg::Move { to: a }, Seg::Line { to: b }) => {
                    // Vertical, in the top margin, along the bar (not a crop mark).
                    a.x == b.x
                        && a.y.0 < g.margin
                        && b.y.0 < g.margin
                        && (g.margin + 9.0..g.margin + 61.0).contains(&a.x.0)
                }
                _ => false,
            },
            _ => false,
        })
        .count();
    assert_eq!(ticks, 6, "ticks at 0, 10, … 50 mm");
}

#[test]
fn the_legend_is_only_on_the_kits_canvas() {
    let (j, p) = templates::sample(Lang::En);
    let text = |opts: &LayoutOptions| -> String {
        layout(&j, std::slice::from_ref(&p), opts)
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { lines, .. } => Some(
                    lines
                        .iter()
                        .map(|l| l.text.clone())
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let blank = LayoutOptions {
        mode: Mode::Blank,
        ..Default::default()
    };
    let kit = LayoutOptions {
        legend: true,
        ..blank.clone()
    };
    let filled = LayoutOptions {
        legend: true,
        ..Default::default()
    };
    assert!(!text(&blank).contains("yellow notes"));
    assert!(text(&kit).contains("yellow notes"));
    assert!(text(&kit).contains("orange notes"), "the feelings lane");
    assert!(
        !text(&filled).contains("yellow notes"),
        "no legend on a filled map"
    );
}

#[test]
fn the_kit_is_documented_in_help() {
    let out = Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args(["pdf", "--help"])
        .output()
        .expect("run");
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--kit"), "{help}");
    assert!(help.contains("persona sheet"), "{help}");
}

#[test]
fn the_print_dialogs_preview_counts_the_persona_sheets() {
    let (j, p) = templates::sample(Lang::Nl);
    let ws = klantreis::Workspace {
        personas: vec![p],
        journeys: vec![j.clone()],
    };
    let req = klantreis::print::PrintRequest {
        kit: true,
        ..Default::default()
    };
    let pv = klantreis::print::preview(&ws, &j.meta.id, &req).expect("preview");
    assert_eq!(
        pv.pages, 3,
        "the canvas, one persona sheet and the parking lot (was 2)"
    );
    let legend = pv.scene.items.iter().any(|i| match i {
        Item::Text { lines, .. } => lines.iter().any(|l| l.text == "gele notes"),
        _ => false,
    });
    assert!(
        legend,
        "the preview shows the kit's canvas, with its legend"
    );
    // The request as the app sends it without the field (older front ends): no kit.
    let old: klantreis::print::PrintRequest = serde_json::from_str(
        r#"{"paper":"a0","orientation":"landscape","blank":false,"tile":null,"overlap_mm":10,"format":"pdf"}"#,
    )
    .expect("parse");
    assert!(!old.kit);
}

#[test]
fn the_kits_parking_lot_sheet_has_ruled_lists_prefilled_from_the_journey() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("lot.klantreis");
    let mut d = Document::create(&path).expect("create");
    let (mut j, p) = templates::sample(Lang::Nl);
    let lot = &mut j.meta.parking_lot;
    lot.questions.push(klantreis::OpenQuestion {
        id: "q1".into(),
        text: "Wie belt de klant terug?".into(),
        answer: "De winkel, binnen een dag".into(),
    });
    lot.decisions.push(klantreis::Decision {
        id: "d1".into(),
        text: "Proefrit ook op zaterdag".into(),
    });
    lot.actions.push(klantreis::Action {
        id: "a1".into(),
        text: "Levertijden navragen bij de importeur".into(),
        owner: "Sanne".into(),
        due: "2026-12-15".into(),
        done: true,
        question_id: None,
    });
    let id = j.meta.id.clone();
    d.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![p],
    })
    .expect("journey");
    d.close().expect("close");
    let out = dir.path().join("kit.pdf");
    let (f, o) = (path.to_str().expect("utf-8"), out.to_str().expect("utf-8"));
    run(&[
        "pdf",
        f,
        "--journey",
        &id,
        "--kit",
        "--paper",
        "a2",
        "-o",
        o,
    ]);
    let sizes = page_sizes(&out);
    assert_eq!(
        sizes.len(),
        3,
        "canvas, persona sheet, parking lot: {sizes:?}"
    );
    assert!(close(sizes[2], A4), "{sizes:?}");
    let sheet = pdftotext(&out, Some(3));
    for want in [
        "PARKEERPLAATS",
        "Open vragen",
        "Wie belt de klant terug?",
        "Antwoord: De winkel, binnen een dag",
        "Besluiten",
        "Proefrit ook op zaterdag",
        "Acties",
        "Wat",
        "Wie",
        "Wanneer",
        "Klaar",
        "Levertijden navragen bij de importeur",
        "Sanne",
        "2026-12-15",
    ] {
        assert!(
            sheet.contains(want),
            "{want:?} on the parking lot:\n{sheet}"
        );
    }
    assert!(
        !pdftotext(&out, Some(2)).contains("PARKEERPLAATS"),
        "the parking lot has its own page"
    );
}

#[test]
fn the_parking_lot_sheet_keeps_its_lines_to_write_on_however_full() {
    let (mut j, _) = templates::sample(Lang::En);
    let rules = |j: &klantreis::Journey| -> Vec<usize> {
        klantreis::layout::report::parking::parking_lot_sheet(j, klantreis::layout::Paper::A4, None)
            .iter()
            .map(|page| {
                page.items
                    .iter()
                    .filter(|i| match i {
                        Item::Path { segs, .. } if segs.len() == 2 => match (&segs[0], &segs[1]) {
                            (Seg::Move { to: a }, Seg::Line { to: b }) => {
                                (a.y.0 - b.y.0).abs() < 0.01 && b.x.0 - a.x.0 > 100.0
                            }
                            _ => false,
                        },
                        _ => false,
                    })
                    .count()
            })
            .collect()
    };
    let empty = rules(&j);
    assert_eq!(empty.len(), 1, "an empty parking lot is one sheet");
    // 6 question lines, 4 decision lines, 6 action rows (the footer rule is one more).
    assert!(empty[0] >= 6 + 4 + 6, "{empty:?}");
    for i in 0..40 {
        j.meta.parking_lot.questions.push(klantreis::OpenQuestion {
            id: format!("q{i}"),
            text: format!("Question {i} that the team parked for later"),
            answer: String::new(),
        });
    }
    let full = rules(&j);
    assert!(
        full.len() >= 2,
        "a long parking lot goes on to a next page: {full:?}"
    );
    assert!(
        full.iter().sum::<usize>() >= empty[0],
        "{full:?} vs {empty:?}"
    );
}
