//! CSV import: what `klantreis csv` writes comes back as the same cards; unknown phases and
//! lanes are created; the import is one undo step; every kind of row that does not fit is
//! refused with its row and column and leaves the document as it was; `klantreis import-csv`.

mod common;

use std::process::Command;

use klantreis::interchange::csv::{cards_csv, Delimiter};
use klantreis::interchange::csv_import::{import_csv, parse, CsvError, Target};
use klantreis::{templates, Card, Document, Evidence, EvidenceSource, Journey, LaneKind, Lang};

use common::*;

/// The sample journey with cards that test quoting and every column.
fn journey(lang: Lang) -> Journey {
    let (mut j, _) = templates::sample(lang);
    let phase = j.phases[2].id.clone();
    let lane = j
        .lanes
        .iter()
        .find(|l| l.kind == LaneKind::Opportunities)
        .map(|l| l.id.clone())
        .expect("lane");
    for (i, text) in [
        "Prijs, levertijd; en \"garantie\"",
        "Twee regels\nonder elkaar",
        "=SUM(A1) is no formula here",
        "-2 graden buiten",
        "  spaties rondom  ",
    ]
    .iter()
    .enumerate()
    {
        let mut c = Card::new(
            format!("x{i}"),
            phase.clone(),
            lane.clone(),
            format!("z{}", i + 1),
            text.to_string(),
        );
        c.value = Some(1 + i as u8);
        c.effort = (i % 2 == 0).then_some(5 - i as u8);
        c.impact = i == 1;
        c.company_involved = i != 2;
        c.emotion = Some(i as i8 - 2);
        c.votes = [4, 0, 1, 12, 0][i];
        if i == 0 {
            c.evidence = vec![
                Evidence {
                    source: EvidenceSource::Interview,
                    note: "5 van 8: \"duidelijk\"".into(),
                },
                Evidence {
                    source: EvidenceSource::Data,
                    note: String::new(),
                },
            ];
        }
        j.cards.push(c);
    }
    j.sort();
    j
}

/// A card as the CSV carries it: everything but ids, order keys and colour, with its phase
/// and lane by name.
fn row(j: &Journey, c: &Card) -> String {
    format!(
        "{}|{}|{:?}|{:?}|{}|{:?}|{:?}|{:?}|{:?}|{}|{}",
        j.phase(&c.phase_id).expect("phase").name,
        j.lane(&c.lane_id).expect("lane").title,
        c.text,
        c.emotion,
        c.impact,
        c.validation,
        c.evidence,
        c.value,
        c.effort,
        c.company_involved,
        c.votes
    )
}

/// The cards of `j` in map order (phase, lane, card order), as [`row`]s.
fn rows(j: &Journey) -> Vec<String> {
    let mut out = Vec::new();
    for p in &j.phases {
        for l in &j.lanes {
            for c in j.cell_cards(&p.id, &l.id) {
                out.push(row(j, c));
            }
        }
    }
    out
}

#[test]
fn exported_cards_come_back_as_a_new_journey() {
    for lang in [Lang::Nl, Lang::En] {
        for delim in [Delimiter::Comma, Delimiter::Semicolon] {
            let j = journey(lang);
            let text = cards_csv(&j, delim);
            let (_dir, mut doc) = temp_doc();
            let id =
                import_csv(&mut doc, &text, Target::New { title: "Uit Excel" }).expect("import");
            let got = doc.workspace().journey(&id).expect("journey").clone();
            assert_eq!(got.meta.title, "Uit Excel");
            assert_eq!(got.meta.language, lang, "language from the header");
            assert_eq!(rows(&got), rows(&j), "{lang:?} {delim:?}");
            // Lanes with a standard title get their kind back, and with it the curve.
            let kinds: Vec<LaneKind> = got.lanes.iter().map(|l| l.kind).collect();
            assert!(kinds.contains(&LaneKind::Feelings), "{kinds:?}");
            assert!(kinds.contains(&LaneKind::Opportunities), "{kinds:?}");
            // Exported again, the same file (but for the new ids in the first column).
            let strip = |s: &str| -> Vec<String> {
                let j2 = klantreis::interchange::csv_import::parse(s).expect("parse");
                j2.cards
                    .iter()
                    .map(|c| format!("{}|{}|{:?}", c.phase, c.lane, c.text))
                    .collect()
            };
            assert_eq!(strip(&cards_csv(&got, delim)), strip(&text));
        }
    }
}

#[test]
fn into_a_journey_known_names_are_reused_and_unknown_ones_made_as_one_undo_step() {
    let (_dir, mut doc) = temp_doc();
    let j = templates::build("five-stages", Lang::En, None).expect("template");
    let id = j.meta.id.clone();
    doc.apply(&klantreis::Edit::CreateJourney {
        journey: j.clone(),
        personas: vec![],
    })
    .expect("create");
    let before = doc.workspace().journey(&id).expect("j").clone();
    let history = doc.history_len().expect("history");
    let csv = "phase,lane,text,emotion\r\n\
               awareness, touchpoints ,Sees an ad,1\r\n\
               Awareness,Backstage,Ad campaign runs,\r\n\
               Aftercare,Touchpoints,Repair shop,-1\r\n\
               ,,,\r\n\
               Aftercare,Warranty desk,Claims a repair,\r\n";
    let got_id = import_csv(&mut doc, csv, Target::Journey(&id)).expect("import");
    assert_eq!(got_id, id);
    let after = doc.workspace().journey(&id).expect("j").clone();
    assert_eq!(after.cards.len(), 4, "the empty row is skipped");
    assert_eq!(
        after.phases.len(),
        before.phases.len() + 1,
        "Aftercare made"
    );
    assert_eq!(
        after.phases.last().map(|p| p.name.as_str()),
        Some("Aftercare")
    );
    let titles: Vec<&str> = after.lanes.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(
        &titles[before.lanes.len()..],
        ["Backstage", "Warranty desk"],
        "new lanes at the end, in order of appearance"
    );
    let backstage = after
        .lanes
        .iter()
        .find(|l| l.title == "Backstage")
        .expect("l");
    assert_eq!(
        backstage.kind,
        LaneKind::Backstage,
        "kind read from the title"
    );
    assert_eq!(backstage.hint, "What happens behind the scenes?");
    let desk = after
        .lanes
        .iter()
        .find(|l| l.title == "Warranty desk")
        .expect("l");
    assert_eq!(desk.kind, LaneKind::Custom);
    let ad = after
        .cards
        .iter()
        .find(|c| c.text == "Sees an ad")
        .expect("card");
    assert_eq!(
        after.phase(&ad.phase_id).map(|p| p.name.as_str()),
        Some("Awareness"),
        "phase found by name, case and spaces aside"
    );
    assert_eq!(ad.emotion, Some(1));
    assert_eq!(after.meta.version, before.meta.version + 1);
    assert_eq!(
        doc.history_len().expect("history"),
        history + 1,
        "one undo step"
    );

    doc.undo().expect("undo").expect("something undone");
    assert_eq!(
        doc.workspace().journey(&id),
        Some(&before),
        "undo takes it all back"
    );
    doc.redo().expect("redo").expect("something redone");
    assert_eq!(doc.workspace().journey(&id), Some(&after));
}

#[test]
fn every_misfit_is_named_by_row_and_column_and_changes_nothing() {
    let cases: &[(&str, &str)] = &[
        ("", "row 1: the file is empty; the first row must name the columns (phase, lane, text, …)"),
        (
            "phase,lane,txt\n",
            "row 1, column 3 (txt): unknown column \"txt\"; the columns are those of `klantreis csv`: id, phase, lane, text, emotion, impact moment, validation, evidence, value, effort, company involved, votes",
        ),
        ("phase,lane,text,Phase\n", "row 1, column 4 (Phase): column \"Phase\" appears twice"),
        ("fase,tekst\n", "row 1: no column \"lane\" (or \"laan\"); every card needs one"),
        ("phase,lane,text\nA,B,C,D\n", "row 2, column 4: 4 fields, but the header names 3 columns"),
        ("phase,lane,text\nA,B,C\n,B,C\n", "row 3, column 1 (phase): empty; every card needs a phase"),
        ("lane,phase,text\n  ,B,C\n", "row 2, column 1 (lane): empty; every card needs a lane"),
        (
            "phase,lane,text\nA,B,\"open\nstill open\n",
            "row 2, column 3: a quoted field is never closed",
        ),
        (
            "phase,lane,text\nA,B,\"x\"y\n",
            "row 2, column 3: text after the closing quote (a quote inside a quoted field is written twice: \"\")",
        ),
        (
            "phase,lane,text\nA,B,say \"hi\"\n",
            "row 2, column 3: a double quote inside a field that does not start with one (quote the whole field and write the quote twice)",
        ),
        (
            "phase,lane,text,emotion\nA,B,\"two\nlines\",3\n",
            "row 2, column 4 (emotion): the emotion must be a whole number from -2 to 2, or empty; got \"3\"",
        ),
        (
            "phase,lane,text,emotion\nA,B,C,happy\n",
            "row 2, column 4 (emotion): the emotion must be a whole number from -2 to 2, or empty; got \"happy\"",
        ),
        (
            "fase;laan;tekst;impactmoment\nA;B;C;misschien\n",
            "row 2, column 4 (impactmoment): \"misschien\" is not yes or no (ja/nee, yes/no, or empty)",
        ),
        (
            "phase,lane,text,company involved\nA,B,C,maybe\n",
            "row 2, column 4 (company involved): \"maybe\" is not yes or no (ja/nee, yes/no, or empty)",
        ),
        (
            "phase,lane,text,validation\nA,B,C,probably\n",
            "row 2, column 4 (validation): unknown validation \"probably\" (use assumption, validated or refuted; aanname, gevalideerd or weerlegd)",
        ),
        (
            "phase,lane,text,evidence\nA,B,C,interview: ok; survey: 12\n",
            "row 2, column 4 (evidence): unknown evidence source \"survey\" (use interview, experiment, feedback or data, optionally followed by \": note\")",
        ),
        (
            "phase,lane,text,value\nA,B,C,6\n",
            "row 2, column 4 (value): value must be a whole number from 1 to 5, or empty; got \"6\"",
        ),
        (
            "phase,lane,text,effort\nA,B,C,0.5\n",
            "row 2, column 4 (effort): effort must be a whole number from 1 to 5, or empty; got \"0.5\"",
        ),
        (
            "phase,lane,text,votes\nA,B,C,-1\n",
            "row 2, column 4 (votes): votes \"-1\" is not a whole number of 0 or more",
        ),
    ];
    let (_dir, mut doc) = temp_doc();
    let j = templates::build("five-stages", Lang::En, None).expect("template");
    let id = j.meta.id.clone();
    doc.apply(&klantreis::Edit::CreateJourney {
        journey: j,
        personas: vec![],
    })
    .expect("create");
    let before = doc.workspace().clone();
    for (text, want) in cases {
        let err: CsvError = parse(text).expect_err(text);
        assert_eq!(err.to_string(), *want, "for {text:?}");
        let err = import_csv(&mut doc, text, Target::Journey(&id)).expect_err(text);
        assert_eq!(err.to_string(), *want);
        assert_eq!(doc.workspace(), &before, "{text:?} changed the document");
    }
    assert_eq!(
        import_csv(
            &mut doc,
            "phase,lane,text\nA,B,C\n",
            Target::Journey("journey_nope")
        )
        .expect_err("no such journey")
        .to_string(),
        "no journey with id \"journey_nope\""
    );
}

#[test]
fn quirks_that_fit_are_read() {
    // A BOM, CR line ends, a missing trailing field, a Unicode minus, a defused formula.
    let text =
        "\u{FEFF}phase;lane;text;emotion;impact moment\rA;B;'=1+1;\u{2212}2\rA;B;\"x;\"\"y\"\"\"";
    let cards = parse(text).expect("parse");
    assert_eq!(cards.lang, Lang::En);
    assert_eq!(cards.cards.len(), 2);
    assert_eq!(cards.cards[0].text, "=1+1");
    assert_eq!(cards.cards[0].emotion, Some(-2));
    assert_eq!(cards.cards[1].text, "x;\"y\"");
    assert_eq!(cards.cards[1].row, 3);
}

fn klantreis(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_klantreis"))
        .args(args)
        .output()
        .expect("run klantreis")
}

#[test]
fn the_commands_create_the_document_and_leave_none_behind_on_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let doc = dir.path().join("new.klantreis");
    let d = doc.to_str().expect("utf-8");
    let csv = dir.path().join("Workshop 3.csv");
    std::fs::write(&csv, cards_csv(&journey(Lang::Nl), Delimiter::Semicolon)).expect("write");

    let out = klantreis(&["import-csv", d, csv.to_str().expect("utf-8")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout)
        .expect("utf-8")
        .trim()
        .to_string();
    let list = String::from_utf8(klantreis(&["list", d]).stdout).expect("utf-8");
    assert!(list.starts_with(&format!("{id}\tWorkshop 3\t")), "{list}");

    // Into that journey again: the cards double, the phases do not.
    let out = klantreis(&[
        "import-csv",
        d,
        csv.to_str().expect("utf-8"),
        "--journey",
        &id,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let o = Document::open(&doc).expect("open");
    let j = o.workspace().journey(&id).expect("j");
    assert_eq!(j.cards.len(), 2 * journey(Lang::Nl).cards.len());
    assert_eq!(j.phases.len(), 5);
    o.close().expect("close");

    // A bad file into a document that does not exist: an error, and no document.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "fase,laan,tekst,emotie\nA,B,C,9\n").expect("write");
    let none = dir.path().join("none.klantreis");
    let out = klantreis(&[
        "import-csv",
        none.to_str().expect("utf-8"),
        bad.to_str().expect("utf-8"),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(err.contains("bad.csv: row 2, column 4 (emotie)"), "{err}");
    assert!(!none.exists(), "no document left behind");

    // `import` of JSON into a document that does not exist yet makes it.
    let json = dir.path().join("j.json");
    let out = klantreis(&[
        "export-json",
        d,
        "--journey",
        &id,
        "-o",
        json.to_str().expect("utf-8"),
    ]);
    assert!(out.status.success());
    let fresh = dir.path().join("fresh.klantreis");
    let out = klantreis(&[
        "import",
        fresh.to_str().expect("utf-8"),
        json.to_str().expect("utf-8"),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(fresh.exists());

    let out = klantreis(&[
        "import-csv",
        d,
        csv.to_str().expect("utf-8"),
        "--journey",
        "journey_x",
    ]);
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("no journey with id \"journey_x\"; see `klantreis list"),
        "{err}"
    );
}
