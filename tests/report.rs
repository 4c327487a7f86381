//! The insights report on paper, end to end: `klantreis report` and `klantreis pdf --report`
//! on real documents, checked with poppler (pdfinfo, pdftotext) and qpdf.
//!
//! Set `KLANTREIS_LOOK=DIR` to keep the PDFs in DIR, to render and look at them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use klantreis::{templates, Card, Document, Edit, Journey, Lang, PhaseData};

use common::*;

/// Text of the PDF with every run of whitespace made one space (pdftotext breaks lines where
/// the layout wrapped them).
fn text(pdf: &Path) -> String {
    let t = stdout(Command::new("pdftotext").arg(pdf).arg("-"));
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn keep(pdf: &Path) {
    if let Ok(dir) = std::env::var("KLANTREIS_LOOK") {
        let name = pdf.file_name().expect("file name");
        std::fs::copy(pdf, Path::new(&dir).join(name)).expect("copy for looking");
    }
}

fn save(dir: &Path, j: &Journey, personas: Vec<klantreis::Persona>) -> PathBuf {
    let path = dir.join(format!("{}.klantreis", j.meta.id));
    let mut doc = Document::create(&path).expect("create");
    doc.apply(&Edit::CreateJourney {
        journey: j.clone(),
        personas,
    })
    .expect("create journey");
    doc.close().expect("close");
    path
}

/// The sample with funnel data on its phases (one phase inconsistent: more customers than the
/// previous phase kept) and scores on its opportunities.
fn rich_sample(lang: Lang) -> (Journey, klantreis::Persona) {
    let (mut j, p) = templates::sample(lang);
    let data = [
        (Some(10_000), Some(40.0), "2 weken"),
        (Some(6_000), Some(50.0), "1 week"),
        (Some(3_500), Some(20.0), "3 dagen"),
        (Some(2_400), Some(10.0), "4 uur"),
        (Some(2_000), None, "een poosje"),
    ];
    for (ph, (c, d, tp)) in j.phases.iter_mut().zip(data) {
        ph.data = Some(PhaseData {
            customers: c,
            drop_off_pct: d,
            throughput: Some(tp.into()),
        });
    }
    let opp_lanes: Vec<String> = j
        .lanes
        .iter()
        .filter(|l| l.kind == klantreis::LaneKind::Opportunities)
        .map(|l| l.id.clone())
        .collect();
    // One quick win, one big bet, one fill-in, in that order.
    for (k, c) in j
        .cards
        .iter_mut()
        .filter(|c| opp_lanes.contains(&c.lane_id))
        .enumerate()
    {
        c.value = Some([5, 4, 2][k % 3]);
        c.effort = Some([1, 5, 2][k % 3]);
    }
    (j, p)
}

fn report(doc: &Path, journey: &str, out: &Path, paper: &str) {
    run(Command::new(bin())
        .arg("report")
        .arg(doc)
        .args(["--journey", journey, "--paper", paper])
        .arg("-o")
        .arg(out));
    keep(out);
}

#[test]
fn report_of_the_sample_has_the_peak_the_fix_first_lines_and_the_safari_on_a4() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (j, p) = rich_sample(Lang::Nl);
    let doc = save(dir.path(), &j, vec![p]);
    let out = dir.path().join("report-nl-a4.pdf");
    report(&doc, &j.meta.id, &out, "a4");
    qpdf_check(&out);
    let sizes = page_sizes(&out);
    assert!(!sizes.is_empty());
    for s in &sizes {
        assert!(s.starts_with("595.276 x 841.89"), "A4 portrait page: {s}");
    }
    let ins = klantreis::analysis::insights(&j);
    let t = text(&out);
    let peak = ins
        .emotion
        .overall
        .peak
        .as_ref()
        .expect("sample has a peak");
    assert!(
        t.contains(&squash(&peak.text)),
        "peak card text {:?}",
        peak.text
    );
    assert!(t.contains("HOOGTEPUNT") && t.contains("DIEPTEPUNT") && t.contains("EINDE"));
    assert!(t.contains("Piek-eindscore"), "peak-end score");
    assert!(!ins.fix_first.is_empty(), "the sample has things to fix");
    for f in &ins.fix_first {
        assert!(t.contains(&squash(&f.why)), "fix-first line {:?}", f.why);
    }
    assert!(!ins.safari.is_empty());
    for s in &ins.safari {
        assert!(t.contains(&squash(&s.text)), "safari item {:?}", s.text);
    }
    // The funnel names its figures and the data warnings (never hidden).
    assert!(
        t.contains("Trechter") && t.contains("10.000"),
        "funnel: {t}"
    );
    assert!(
        !ins.warnings.is_empty(),
        "the rich sample has a data warning"
    );
    for w in &ins.warnings {
        assert!(t.contains(&squash(&w.message)), "warning {:?}", w.message);
    }
    // Evidence per phase and the matrix with its quadrants and every opportunity.
    assert!(t.contains("Onderbouwing per fase") && t.contains("gevalideerd"));
    for q in ["Quick wins", "Grote klussen", "Opvullers", "Geldputten"] {
        assert!(t.contains(q), "quadrant {q}");
    }
    for o in ins
        .opportunities
        .quick_wins
        .iter()
        .chain(&ins.opportunities.money_pits)
    {
        assert!(t.contains(&squash(&o.text)), "opportunity {:?}", o.text);
    }
    let n = pages(&out);
    assert!(t.contains(&format!("pagina {n} van {n}")), "page numbers");
}

#[test]
fn report_in_english_on_a3_has_a3_pages_and_english_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (j, p) = rich_sample(Lang::En);
    let doc = save(dir.path(), &j, vec![p]);
    let out = dir.path().join("report-en-a3.pdf");
    report(&doc, &j.meta.id, &out, "a3");
    qpdf_check(&out);
    for s in page_sizes(&out) {
        assert!(s.starts_with("841.89 x 1190.55"), "A3 portrait page: {s}");
    }
    let t = text(&out);
    for w in [
        "INSIGHTS REPORT",
        "Fix first",
        "Funnel",
        "Evidence per phase",
        "Customer safari",
        "Quick wins",
        "Big bets",
        "Money pits",
    ] {
        assert!(t.contains(w), "{w:?} in {t}");
    }
    assert!(!t.contains("Klantsafari"), "no Dutch in an English report");
    // A3 is A4 enlarged: the same number of pages.
    let a4 = dir.path().join("report-en-a4.pdf");
    report(&doc, &j.meta.id, &a4, "a4");
    assert_eq!(pages(&a4), pages(&out));
}

#[test]
fn report_of_an_empty_journey_says_what_is_missing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let j = templates::build("five-stages", Lang::Nl, Some("Leeg")).expect("template");
    assert!(j.cards.is_empty());
    let doc = save(dir.path(), &j, vec![]);
    let out = dir.path().join("report-empty.pdf");
    report(&doc, &j.meta.id, &out, "a4");
    qpdf_check(&out);
    assert_eq!(pages(&out), 1, "an empty journey fits on one page");
    let t = text(&out);
    assert!(t.contains("Leeg"));
    assert!(t.contains("Nog geen kaarten met een emotie"));
    assert!(t.contains("Niets dringends gevonden"));
    assert!(t.contains("Nog geen data per fase"));
    assert!(t.contains("Geen aannames meer"));
    assert!(t.contains("Nog geen kansen"));
}

#[test]
fn a_long_safari_list_runs_over_pages_without_losing_an_item() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut j, p) = templates::sample(Lang::Nl);
    let (phase, lane) = (j.phases[1].id.clone(), j.lanes[0].id.clone());
    let keys = klantreis::order::spread(120);
    for (i, key) in keys.into_iter().enumerate() {
        j.cards.push(Card::new(
            format!("card_long_{i}"),
            phase.clone(),
            lane.clone(),
            format!("zz{key}"),
            format!("Aanname nummer {i}: klanten lezen de voorwaarden voordat ze bestellen"),
        ));
    }
    j.sort();
    let doc = save(dir.path(), &j, vec![p]);
    let out = dir.path().join("report-long.pdf");
    report(&doc, &j.meta.id, &out, "a4");
    qpdf_check(&out);
    let n = pages(&out);
    assert!(n >= 8, "120 more checklist items need many pages, got {n}");
    let t = text(&out);
    for i in 0..120 {
        assert!(
            t.contains(&format!("Aanname nummer {i}: klanten lezen")),
            "item {i} on some page"
        );
    }
    // Each page ends before the footer: the last page's number is printed once per page.
    for k in 1..=n {
        assert!(
            t.contains(&format!("pagina {k} van {n}")),
            "page {k} of {n}"
        );
    }
}

#[test]
fn map_print_with_report_adds_the_report_pages_after_the_map() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (j, p) = rich_sample(Lang::Nl);
    let doc = save(dir.path(), &j, vec![p]);
    let only = dir.path().join("only-report.pdf");
    report(&doc, &j.meta.id, &only, "a4");
    let report_pages = pages(&only);

    let map = dir.path().join("map-plus-report.pdf");
    run(Command::new(bin())
        .arg("pdf")
        .arg(&doc)
        .args(["--journey", &j.meta.id, "--paper", "a2", "--report"])
        .arg("-o")
        .arg(&map));
    keep(&map);
    qpdf_check(&map);
    let sizes = page_sizes(&map);
    assert_eq!(sizes.len(), 1 + report_pages, "map page + report pages");
    assert!(
        sizes[0].starts_with("1683.78 x 1190.55"),
        "A2 landscape map: {}",
        sizes[0]
    );
    for s in &sizes[1..] {
        assert!(s.starts_with("595.276 x 841.89"), "A4 report page: {s}");
    }
    let t = text(&map);
    assert!(t.contains("INZICHTENRAPPORT") && t.contains("Pak eerst aan"));

    // Tiled on A3: overview + sheets, then the report on A3, outside the poster's XObject.
    let tiled = dir.path().join("tiled-plus-report.pdf");
    run(Command::new(bin())
        .arg("pdf")
        .arg(&doc)
        .args([
            "--journey",
            &j.meta.id,
            "--paper",
            "a1",
            "--tile",
            "a3",
            "--report",
        ])
        .arg("-o")
        .arg(&tiled));
    qpdf_check(&tiled);
    let plain = dir.path().join("tiled.pdf");
    run(Command::new(bin())
        .arg("pdf")
        .arg(&doc)
        .args(["--journey", &j.meta.id, "--paper", "a1", "--tile", "a3"])
        .arg("-o")
        .arg(&plain));
    let sizes = page_sizes(&tiled);
    assert_eq!(sizes.len(), pages(&plain) + report_pages);
    for s in &sizes[pages(&plain)..] {
        assert!(s.starts_with("841.89 x 1190.55"), "A3 report page: {s}");
    }

    // Without --report nothing changes.
    let bare = dir.path().join("map.pdf");
    run(Command::new(bin())
        .arg("pdf")
        .arg(&doc)
        .args(["--journey", &j.meta.id, "--paper", "a2"])
        .arg("-o")
        .arg(&bare));
    assert_eq!(pages(&bare), 1);
}

#[test]
fn print_preview_counts_the_report_pages() {
    let (j, p) = rich_sample(Lang::En);
    let ws = klantreis::Workspace {
        personas: vec![p],
        journeys: vec![j.clone()],
    };
    let req = klantreis::print::PrintRequest {
        report: true,
        ..Default::default()
    };
    let n = klantreis::print::report(&ws, &j.meta.id, klantreis::layout::Paper::A4)
        .expect("report")
        .len();
    assert!(n >= 2);
    let pv = klantreis::print::preview(&ws, &j.meta.id, &req).expect("preview");
    assert_eq!(pv.pages as usize, 1 + n);
}

#[test]
fn unknown_report_paper_fails_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (j, p) = templates::sample(Lang::Nl);
    let doc = save(dir.path(), &j, vec![p]);
    let out = dir.path().join("r.pdf");
    let o = Command::new(bin())
        .arg("report")
        .arg(&doc)
        .args(["--journey", &j.meta.id, "--paper", "a0", "-o"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("use a4 or a3"));
    assert!(!out.exists());
    let o = Command::new(bin())
        .arg("report")
        .arg(&doc)
        .args(["--journey", "journey_nope", "-o"])
        .arg(&out)
        .output()
        .expect("run");
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("no journey"));
    assert!(!out.exists());
}

#[test]
fn two_feelings_lanes_get_a_curve_each_with_their_own_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut j, p) = templates::sample(Lang::En);
    let feel = j
        .lanes
        .iter()
        .find(|l| l.kind == klantreis::LaneKind::Feelings)
        .cloned()
        .expect("sample has a feelings lane");
    let mut second = feel.clone();
    second.id = "lane_partner".into();
    second.order = format!("{}m", feel.order);
    second.title = "Partner feels".into();
    j.lanes.push(second);
    for (i, ph) in j.phases.clone().iter().enumerate() {
        let mut c = Card::new(
            format!("card_partner_{i}"),
            ph.id.clone(),
            "lane_partner".into(),
            "m".into(),
            format!("Partner moment {i}"),
        );
        c.emotion = Some([-1, -2, 0, 1, 2][i % 5]);
        j.cards.push(c);
    }
    j.sort();
    let ins = klantreis::analysis::insights(&j);
    assert_eq!(ins.emotion.lanes.len(), 2, "two feelings lanes, two curves");
    let doc = save(dir.path(), &j, vec![p]);
    let out = dir.path().join("report-two-lanes.pdf");
    report(&doc, &j.meta.id, &out, "a4");
    qpdf_check(&out);
    let t = text(&out);
    for l in &ins.emotion.lanes {
        assert!(
            t.contains(&format!("{}: peak", l.title)),
            "curve caption of {}",
            l.title
        );
    }
    // The partner's curve ends on +2 (its last phase), and its peak-end is its own.
    assert!(
        t.contains("Partner feels: peak +2, trough −2, end +2"),
        "{t}"
    );
}
