//! CSV export: the cards and the safari list read back with a standard CSV reader (the `csv`
//! crate) equal the journey; BOM, RFC 4180 quoting, CRLF, the formula guard, the semicolon
//! variant, and the `klantreis csv` command.

use std::process::Command;

use klantreis::analysis;
use klantreis::interchange::csv::{self as kcsv, Delimiter};
use klantreis::{templates, Card, Evidence, EvidenceSource, Journey, LaneKind, Lang, Validation};

/// The sample journey plus cards whose texts test the quoting: delimiters, quotes, line breaks,
/// non-ASCII text, evidence and scores.
fn tricky(lang: Lang) -> Journey {
    let (mut j, _) = templates::sample(lang);
    let phase = j.phases[1].id.clone();
    let lane = |k: LaneKind| {
        j.lanes
            .iter()
            .find(|l| l.kind == k)
            .map(|l| l.id.clone())
            .expect("lane")
    };
    let (opp, pain) = (lane(LaneKind::Opportunities), lane(LaneKind::PainPoints));
    let texts = [
        ("x1", &opp, "Prijs, levertijd; en \"garantie\""),
        ("x2", &pain, "Twee regels\nonder elkaar\r\nen CRLF"),
        ("x3", &pain, "Geïrriteerd 😤 € 2.000 — “aanhalingstekens”"),
        ("x4", &opp, "  spaties rondom  "),
        ("x5", &opp, ""),
    ];
    for (i, (id, lane, text)) in texts.iter().enumerate() {
        let mut c = Card::new(
            id.to_string(),
            phase.clone(),
            lane.to_string(),
            format!("z{}", i + 1),
            text.to_string(),
        );
        c.value = Some(5 - i as u8);
        c.effort = if i % 2 == 0 { Some(1 + i as u8) } else { None };
        c.impact = i == 1;
        c.company_involved = i != 2;
        c.votes = 3 * i as u32;
        c.validation = [
            Validation::Assumption,
            Validation::Validated,
            Validation::Refuted,
        ][i % 3];
        if i == 0 {
            c.evidence = vec![
                Evidence {
                    source: EvidenceSource::Interview,
                    note: "5 van 8, \"duidelijk\"".into(),
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
    j.validate().expect("valid");
    j
}

fn reader(text: &str, delim: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delim)
        .from_reader(text.as_bytes())
}

#[test]
fn cards_read_back_equal_the_cards() {
    for lang in [Lang::Nl, Lang::En] {
        let j = tricky(lang);
        let text = kcsv::cards_csv(&j, Delimiter::Comma);
        assert!(text.starts_with('\u{FEFF}'), "UTF-8 BOM for Excel");
        let mut r = reader(&text, b',');
        // The csv crate skips the BOM, as LibreOffice and Python's utf-8-sig do.
        let headers: Vec<String> = r
            .headers()
            .expect("header")
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(headers, kcsv::card_headers(lang));
        let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
        assert_eq!(rows.len(), j.cards.len(), "one row per card");
        let (yes, no) = match lang {
            Lang::Nl => ("ja", "nee"),
            Lang::En => ("yes", "no"),
        };
        let mut seen = Vec::new();
        for row in &rows {
            let c = j.card(&row[0]).expect("row names a card");
            seen.push(c.id.clone());
            assert_eq!(&row[1], j.phase(&c.phase_id).expect("phase").name);
            assert_eq!(&row[2], j.lane(&c.lane_id).expect("lane").title);
            assert_eq!(&row[3], c.text, "text of {}", c.id);
            assert_eq!(row[4].parse::<i8>().ok(), c.emotion, "emotion of {}", c.id);
            assert_eq!(&row[5], if c.impact { yes } else { no });
            assert_eq!(&row[6], kcsv::validation_word(c.validation, lang));
            let evidence: Vec<String> = c
                .evidence
                .iter()
                .map(|e| {
                    let s = kcsv::source_word(e.source);
                    if e.note.is_empty() {
                        s.to_string()
                    } else {
                        format!("{s}: {}", e.note)
                    }
                })
                .collect();
            assert_eq!(&row[7], evidence.join("; "));
            assert_eq!(row[8].parse::<u8>().ok(), c.value);
            assert_eq!(row[9].parse::<u8>().ok(), c.effort);
            assert_eq!(&row[10], if c.company_involved { yes } else { no });
            assert_eq!(
                row[11].parse::<u32>().ok(),
                Some(c.votes),
                "votes of {}",
                c.id
            );
        }
        seen.sort();
        let mut all: Vec<String> = j.cards.iter().map(|c| c.id.clone()).collect();
        all.sort();
        assert_eq!(seen, all, "every card exactly once");
        // Rows in map order: phases never go back.
        let phase_ix: Vec<usize> = rows
            .iter()
            .map(|r| j.phases.iter().position(|p| p.name == r[1]).expect("phase"))
            .collect();
        assert!(phase_ix.windows(2).all(|w| w[0] <= w[1]), "{phase_ix:?}");
    }
}

#[test]
fn quoting_follows_rfc_4180() {
    let j = tricky(Lang::Nl);
    let text = kcsv::cards_csv(&j, Delimiter::Comma);
    assert!(
        text.contains(r#","Prijs, levertijd; en ""garantie""","#),
        "{text}"
    );
    assert!(text.contains("\"Twee regels\nonder elkaar\r\nen CRLF\""));
    // No special characters: no quotes.
    assert!(text.contains(",Instagram-advertentie,"));
    // Every record ends in CRLF: count the records outside quoted fields.
    assert!(text.ends_with("\r\n"));
    let lines = text.split("\r\n").count() - 1;
    // One header, one per card, plus the CRLF inside the "Twee regels" card.
    assert_eq!(lines, 1 + j.cards.len() + 1);
}

#[test]
fn semicolons_for_dutch_excel_read_back_too() {
    let j = tricky(Lang::Nl);
    let text = kcsv::cards_csv(&j, Delimiter::Semicolon);
    assert!(text.contains("\u{FEFF}id;fase;laan;tekst;"));
    let rows: Vec<csv::StringRecord> = reader(&text, b';')
        .records()
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(rows.len(), j.cards.len());
    let x1 = rows.iter().find(|r| &r[0] == "x1").expect("x1");
    assert_eq!(&x1[3], "Prijs, levertijd; en \"garantie\"");
}

#[test]
fn a_text_that_looks_like_a_formula_is_defused() {
    let (mut j, _) = templates::sample(Lang::En);
    j.cards[0].text = "=HYPERLINK(\"http://x\")".into();
    j.cards[1].text = "-2 days late".into();
    j.cards[2].text = "@home".into();
    j.cards[3].text = "+31 6".into();
    let mut j2 = j.clone();
    j2.sort();
    let text = kcsv::cards_csv(&j2, Delimiter::Comma);
    let rows: Vec<csv::StringRecord> = reader(&text, b',')
        .records()
        .collect::<Result<_, _>>()
        .expect("rows");
    for c in &j2.cards[..4] {
        let row = rows.iter().find(|r| r[0] == c.id).expect("row");
        assert_eq!(row[3].to_string(), format!("'{}", c.text));
    }
    // Emotions stay numbers (a plain minus): the guard is for free text only.
    let negative = j2.cards.iter().find(|c| c.emotion == Some(-2)).expect("−2");
    let row = rows.iter().find(|r| r[0] == negative.id).expect("row");
    assert_eq!(&row[4], "-2");
}

#[test]
fn safari_list_reads_back_in_its_order() {
    let j = tricky(Lang::En);
    let text = kcsv::safari_csv(&j, Delimiter::Comma);
    assert!(text.starts_with('\u{FEFF}'));
    let mut r = reader(&text, b',');
    let headers: Vec<String> = r.headers().expect("h").iter().map(str::to_string).collect();
    assert_eq!(headers, kcsv::safari_headers(Lang::En));
    let rows: Vec<csv::StringRecord> = r.records().collect::<Result<_, _>>().expect("rows");
    let list = analysis::evidence::safari(&j);
    assert_eq!(rows.len(), list.len());
    for (row, s) in rows.iter().zip(&list) {
        assert_eq!(&row[0], "", "done: to tick by hand");
        assert_eq!(&row[1], s.phase);
        assert_eq!(&row[2], s.lane);
        assert_eq!(&row[3], s.text);
        assert_eq!(&row[5], kcsv::source_word(s.settle_with));
        assert_eq!(&row[7], s.card_id);
    }
    assert_eq!(&rows[0][4], "impact moment");
    assert!(
        rows.iter().all(|r| j
            .card(&r[7])
            .is_some_and(|c| c.validation == Validation::Assumption)),
        "only assumptions"
    );
}

#[test]
fn csv_command_writes_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("m.klantreis");
    let f = file.to_str().expect("utf-8");
    let bin = env!("CARGO_BIN_EXE_klantreis");
    let out = Command::new(bin)
        .args(["sample", f, "--lang", "nl"])
        .output()
        .expect("runs");
    let id = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let csv_path = dir.path().join("out.csv");
    let out = Command::new(bin)
        .args(["csv", f, "--journey", &id, "-o"])
        .arg(&csv_path)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&csv_path).expect("written");
    assert!(bytes.starts_with(b"\xEF\xBB\xBFid,fase,laan,tekst"));
    let rows = reader(std::str::from_utf8(&bytes).expect("utf-8"), b',')
        .records()
        .count();
    assert_eq!(rows, 23, "the sample's cards");

    let out = Command::new(bin)
        .args([
            "csv",
            f,
            "--journey",
            &id,
            "--safari",
            "--delimiter",
            "semicolon",
        ])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.starts_with("\u{FEFF}gedaan;fase;laan;aanname;"),
        "{text}"
    );
    assert_eq!(text.matches("\r\n").count(), 1 + 22);

    let out = Command::new(bin)
        .args(["csv", f, "--journey", &id, "--delimiter", "tab"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
}
