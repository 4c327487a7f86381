//! CSV export of a journey's cards (one row per card) and of its customer safari list, for
//! spreadsheets (LibreOffice Calc, Excel) and anything else that reads CSV.
//!
//! Invariants:
//! - UTF-8 with a byte order mark (BOM). Excel reads a CSV without one in the machine's ANSI
//!   code page, so "Geïrriteerd" and "€ 2.000" come out garbled; with the BOM it reads UTF-8.
//!   LibreOffice and the common CSV readers (Python's `utf-8-sig`, the `csv` crate) skip it.
//! - Quoting per RFC 4180: a field is quoted when it holds the delimiter, a double quote, CR or
//!   LF, and a double quote inside is doubled; records end in CRLF; the first record is the
//!   header, in the journey's language.
//! - The delimiter is a comma (RFC 4180). Excel in a Dutch locale expects a semicolon (its
//!   decimal separator is the comma), so [`Delimiter::Semicolon`] is there for it.
//! - A text that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//!   or a CR) gets a leading apostrophe, so opening an exported file never runs anything; the
//!   apostrophe is the one change made to a card's text.
//! - Rows are in map order: phase, then lane, then card order.

use crate::analysis::evidence::{safari, SafariPriority};
use crate::model::{EvidenceSource, Journey, Lang, Validation};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delimiter {
    #[default]
    Comma,
    Semicolon,
}

impl Delimiter {
    pub fn parse(s: &str) -> Option<Delimiter> {
        match s.to_ascii_lowercase().as_str() {
            "comma" | "," => Some(Delimiter::Comma),
            "semicolon" | ";" => Some(Delimiter::Semicolon),
            _ => None,
        }
    }

    fn char(self) -> char {
        match self {
            Delimiter::Comma => ',',
            Delimiter::Semicolon => ';',
        }
    }
}

/// The byte order mark every file starts with (see the module docs for why).
pub const BOM: &str = "\u{FEFF}";

struct Writer {
    out: String,
    delim: char,
}

impl Writer {
    fn new(delim: Delimiter) -> Writer {
        Writer {
            out: BOM.to_string(),
            delim: delim.char(),
        }
    }

    fn record<S: AsRef<str>>(&mut self, fields: &[S]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.out.push(self.delim);
            }
            let f = f.as_ref();
            if f.contains([self.delim, '"', '\r', '\n']) {
                self.out.push('"');
                self.out.push_str(&f.replace('"', "\"\""));
                self.out.push('"');
            } else {
                self.out.push_str(f);
            }
        }
        self.out.push_str("\r\n");
    }
}

/// A free text made safe to open in a spreadsheet (see the module docs).
pub fn defuse(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

pub fn validation_word(v: Validation, lang: Lang) -> &'static str {
    match v {
        Validation::Assumption => lang.pick("aanname", "assumption"),
        Validation::Validated => lang.pick("gevalideerd", "validated"),
        Validation::Refuted => lang.pick("weerlegd", "refuted"),
    }
}

pub fn source_word(s: EvidenceSource) -> &'static str {
    match s {
        EvidenceSource::Interview => "interview",
        EvidenceSource::Experiment => "experiment",
        EvidenceSource::Feedback => "feedback",
        EvidenceSource::Data => "data",
    }
}

fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b {
        lang.pick("ja", "yes")
    } else {
        lang.pick("nee", "no")
    }
}

/// The column headers of [`cards_csv`].
pub fn card_headers(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Nl => [
            "id",
            "fase",
            "laan",
            "tekst",
            "emotie",
            "impactmoment",
            "validatie",
            "bewijs",
            "waarde",
            "moeite",
            "bedrijf betrokken",
            "stemmen",
        ],
        Lang::En => [
            "id",
            "phase",
            "lane",
            "text",
            "emotion",
            "impact moment",
            "validation",
            "evidence",
            "value",
            "effort",
            "company involved",
            "votes",
        ],
    }
}

/// Card indices of `j` in map order: phase, then lane, then card order.
fn map_order(j: &Journey) -> Vec<usize> {
    let phase = |id: &str| j.phases.iter().position(|p| p.id == id);
    let lane = |id: &str| j.lanes.iter().position(|l| l.id == id);
    let mut ix: Vec<(Option<usize>, Option<usize>, usize)> = j
        .cards
        .iter()
        .enumerate()
        .map(|(i, c)| (phase(&c.phase_id), lane(&c.lane_id), i))
        .collect();
    ix.sort();
    ix.into_iter().map(|x| x.2).collect()
}

/// One row per card (see [`card_headers`]). Evidence is written as `source: note` items
/// joined by "; "; an emotion as a plain number (ASCII minus, so spreadsheets read a number).
pub fn cards_csv(j: &Journey, delim: Delimiter) -> String {
    let lang = j.meta.language;
    let mut w = Writer::new(delim);
    w.record(&card_headers(lang));
    let opt = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_default();
    for i in map_order(j) {
        let c = &j.cards[i];
        let evidence = c
            .evidence
            .iter()
            .map(|e| {
                if e.note.is_empty() {
                    source_word(e.source).to_string()
                } else {
                    format!("{}: {}", source_word(e.source), e.note)
                }
            })
            .collect::<Vec<_>>()
            .join("; ");
        w.record(&[
            c.id.clone(),
            defuse(j.phase(&c.phase_id).map(|p| p.name.as_str()).unwrap_or("")),
            defuse(j.lane(&c.lane_id).map(|l| l.title.as_str()).unwrap_or("")),
            defuse(&c.text),
            c.emotion.map(|e| e.to_string()).unwrap_or_default(),
            yes_no(c.impact, lang).into(),
            validation_word(c.validation, lang).into(),
            defuse(&evidence),
            opt(c.value),
            opt(c.effort),
            yes_no(c.company_involved, lang).into(),
            c.votes.to_string(),
        ]);
    }
    w.out
}

/// The column headers of [`safari_csv`].
pub fn safari_headers(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Nl => [
            "gedaan",
            "fase",
            "laan",
            "aanname",
            "waarom eerst",
            "toets met",
            "notities",
            "id",
        ],
        Lang::En => [
            "done",
            "phase",
            "lane",
            "assumption",
            "why first",
            "check with",
            "notes",
            "id",
        ],
    }
}

/// The customer safari list: one row per assumption, impact moments and pain points first,
/// with empty "done" and "notes" columns to fill in while interviewing.
pub fn safari_csv(j: &Journey, delim: Delimiter) -> String {
    let lang = j.meta.language;
    let mut w = Writer::new(delim);
    w.record(&safari_headers(lang));
    for s in safari(j) {
        let why = match s.priority {
            SafariPriority::ImpactMoment => lang.pick("impactmoment", "impact moment"),
            SafariPriority::PainPoint => lang.pick("pijnpunt", "pain point"),
            SafariPriority::Other => "",
        };
        w.record(&[
            String::new(),
            defuse(&s.phase),
            defuse(&s.lane),
            defuse(&s.text),
            why.into(),
            source_word(s.settle_with).into(),
            String::new(),
            s.card_id,
        ]);
    }
    w.out
}
