//! CSV import of cards: one card per row, its phase and lane given by name, in the columns
//! [`super::csv::cards_csv`] writes, so a file exported and edited in a spreadsheet comes back.
//!
//! Invariants:
//! - The first record is the header; its column names are those of the export in Dutch or
//!   English (any order, case aside). `phase`/`fase`, `lane`/`laan` and `text`/`tekst` are
//!   required; the `id` column is accepted and ignored (imported cards get new ids, so a file
//!   can be imported twice). A column the export does not write is an error, not skipped, so a
//!   misspelt header is not silently lost.
//! - The delimiter is read from the header line: a semicolon when it holds more semicolons
//!   than commas (Excel in a Dutch locale), else a comma. A leading byte order mark is skipped.
//!   Quoting per RFC 4180; records end in CRLF, LF or CR. The text rule
//!   ([`crate::model::text`]) is applied to the whole file first: control characters other
//!   than tab and line breaks are removed, and a line break inside a name becomes a space.
//! - Everything is read and checked before the document changes. The first thing that does not
//!   fit stops the import with its row (the spreadsheet's row number: the header is row 1, a
//!   quoted line break does not start a new row) and column (1-based, with its header name).
//! - A row whose fields are all empty is skipped; a row with fewer fields than the header has
//!   its missing trailing fields read as empty (spreadsheets drop them); more is an error.
//! - The apostrophe the export puts before formula-like text is taken off again.
//! - Phases and lanes the journey does not have are created ([`super::fill`]); the whole import
//!   is one undoable step. Without a target journey a new one is made, titled by the caller, in
//!   the language of the header.

use crate::model::{Evidence, EvidenceSource, Journey, Lang, Validation};
use crate::store::{Document, StoreError};

use super::fill::{commit, Fill};

/// Where in the file something does not fit, and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("row {row}{}: {message}", column_text(*.column, .header))]
pub struct CsvError {
    /// 1-based; the header is row 1.
    pub row: usize,
    /// 1-based column, when the problem is in one.
    pub column: Option<usize>,
    /// The column's header, when it has one.
    pub header: Option<String>,
    pub message: String,
}

fn column_text(column: Option<usize>, header: &Option<String>) -> String {
    match (column, header) {
        (Some(c), Some(h)) => format!(", column {c} ({h})"),
        (Some(c), None) => format!(", column {c}"),
        _ => String::new(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CsvImportError {
    #[error(transparent)]
    Csv(#[from] CsvError),
    #[error("no journey with id {0:?}")]
    NoJourney(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Which journey the cards go to.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A new journey with this title.
    New { title: &'a str },
    /// The journey with this id.
    Journey(&'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Id,
    Phase,
    Lane,
    Text,
    Emotion,
    Impact,
    Validation,
    Evidence,
    Value,
    Effort,
    Company,
    Votes,
}

const FIELDS: [Field; 12] = [
    Field::Id,
    Field::Phase,
    Field::Lane,
    Field::Text,
    Field::Emotion,
    Field::Impact,
    Field::Validation,
    Field::Evidence,
    Field::Value,
    Field::Effort,
    Field::Company,
    Field::Votes,
];

/// The field a header names, in either language (the export's [`super::csv::card_headers`]).
fn field_of(header: &str) -> Option<Field> {
    let h = header.trim().to_lowercase();
    let nl = super::csv::card_headers(Lang::Nl);
    let en = super::csv::card_headers(Lang::En);
    (0..FIELDS.len())
        .find(|&i| nl[i] == h || en[i] == h)
        .map(|i| FIELDS[i])
}

/// One card as read from a row, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvCard {
    /// The row it came from (1-based, header = 1).
    pub row: usize,
    pub phase: String,
    pub lane: String,
    pub text: String,
    pub emotion: Option<i8>,
    pub impact: bool,
    pub validation: Validation,
    pub evidence: Vec<Evidence>,
    pub value: Option<u8>,
    pub effort: Option<u8>,
    pub company_involved: bool,
    pub votes: u32,
}

/// The cards of a CSV file and the language of its header.
#[derive(Debug, Clone, PartialEq)]
pub struct CsvCards {
    pub lang: Lang,
    pub cards: Vec<CsvCard>,
}

/// A record: its row and its fields.
type Record = (usize, Vec<String>);

/// Splits `text` into records (see the module docs for the rules).
fn records(text: &str) -> Result<Vec<Record>, CsvError> {
    let text = text.strip_prefix(super::csv::BOM).unwrap_or(text);
    let delim = delimiter(text);
    let err = |row: usize, column: usize, message: &str| CsvError {
        row,
        column: Some(column),
        header: None,
        message: message.to_string(),
    };
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut row = 1;
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    // Whether the current record has started (so a final line break adds no empty record).
    let mut started = false;
    loop {
        let column = fields.len() + 1;
        if chars.peek() == Some(&'"') && field.is_empty() {
            chars.next();
            started = true;
            loop {
                match chars.next() {
                    None => return Err(err(row, column, "a quoted field is never closed")),
                    Some('"') if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    Some('"') => break,
                    Some(c) => field.push(c),
                }
            }
            match chars.peek() {
                None | Some('\r') | Some('\n') => {}
                Some(&c) if c == delim => {}
                Some(_) => {
                    return Err(err(
                        row,
                        column,
                        "text after the closing quote (a quote inside a quoted field is written twice: \"\")",
                    ))
                }
            }
            continue;
        }
        match chars.next() {
            None => {
                if started {
                    fields.push(std::mem::take(&mut field));
                    out.push((row, std::mem::take(&mut fields)));
                }
                return Ok(out);
            }
            Some(c) if c == delim => {
                started = true;
                fields.push(std::mem::take(&mut field));
            }
            Some(c @ ('\r' | '\n')) => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                fields.push(std::mem::take(&mut field));
                out.push((row, std::mem::take(&mut fields)));
                started = false;
                row += 1;
            }
            Some('"') => {
                return Err(err(
                    row,
                    column,
                    "a double quote inside a field that does not start with one (quote the whole field and write the quote twice)",
                ))
            }
            Some(c) => {
                started = true;
                field.push(c);
            }
        }
    }
}

/// The delimiter the header line uses (see the module docs).
fn delimiter(text: &str) -> char {
    let line = text.lines().next().unwrap_or("");
    let count = |d: char| line.chars().filter(|&c| c == d).count();
    if count(';') > count(',') {
        ';'
    } else {
        ','
    }
}

/// Takes off the apostrophe [`super::csv::defuse`] puts before formula-like text.
fn undefuse(s: &str) -> String {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest.to_string(),
        _ => s.to_string(),
    }
}

fn yes_no(s: &str) -> Option<Option<bool>> {
    match s.trim().to_lowercase().as_str() {
        "" => Some(None),
        "ja" | "j" | "yes" | "y" | "true" | "waar" | "1" | "x" => Some(Some(true)),
        "nee" | "n" | "no" | "false" | "onwaar" | "0" => Some(Some(false)),
        _ => None,
    }
}

fn validation(s: &str) -> Option<Validation> {
    let s = s.trim().to_lowercase();
    if s.is_empty() {
        return Some(Validation::Assumption);
    }
    [
        Validation::Assumption,
        Validation::Validated,
        Validation::Refuted,
    ]
    .into_iter()
    .find(|&v| {
        super::csv::validation_word(v, Lang::Nl) == s
            || super::csv::validation_word(v, Lang::En) == s
    })
}

fn source(s: &str) -> Option<EvidenceSource> {
    let s = s.trim().to_lowercase();
    [
        EvidenceSource::Interview,
        EvidenceSource::Experiment,
        EvidenceSource::Feedback,
        EvidenceSource::Data,
    ]
    .into_iter()
    .find(|&e| super::csv::source_word(e) == s)
}

/// Evidence as the export writes it: `source: note` items joined by "; ".
fn evidence(s: &str) -> Result<Vec<Evidence>, String> {
    let mut out = Vec::new();
    for item in s.split(';').map(str::trim).filter(|i| !i.is_empty()) {
        let (src, note) = item.split_once(':').unwrap_or((item, ""));
        let source = source(src).ok_or_else(|| {
            format!(
                "unknown evidence source {:?} (use interview, experiment, feedback or data, \
                 optionally followed by \": note\")",
                src.trim()
            )
        })?;
        out.push(Evidence {
            source,
            note: note.trim().to_string(),
        });
    }
    Ok(out)
}

fn emotion(s: &str) -> Result<Option<i8>, String> {
    let t = s.trim().replace('\u{2212}', "-");
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i8>() {
        Ok(e) if (crate::model::EMOTION_MIN..=crate::model::EMOTION_MAX).contains(&e) => {
            Ok(Some(e))
        }
        _ => Err(format!(
            "the emotion must be a whole number from -2 to 2, or empty; got {:?}",
            s.trim()
        )),
    }
}

fn score(s: &str) -> Result<Option<u8>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u8>() {
        Ok(v) if (crate::model::SCORE_MIN..=crate::model::SCORE_MAX).contains(&v) => Ok(Some(v)),
        _ => Err(format!(
            "must be a whole number from 1 to 5, or empty; got {t:?}"
        )),
    }
}

/// Reads and checks the cards of a CSV file, changing nothing.
/// A count of votes: empty is none, otherwise a whole number from 0.
fn votes(s: &str) -> Result<u32, String> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(0);
    }
    s.parse::<u32>()
        .map_err(|_| format!("votes {s:?} is not a whole number of 0 or more"))
}

pub fn parse(text: &str) -> Result<CsvCards, CsvError> {
    // The text rule first (`model::text`): a record ends in a line break as before (a CR LF or
    // a lone CR is one), a quoted line break is a `\n`, and stray control characters go, so
    // every cell is read as the store will keep it.
    let recs = records(&crate::model::text::multi_line(text))?;
    let Some((_, header)) = recs.first() else {
        return Err(CsvError {
            row: 1,
            column: None,
            header: None,
            message:
                "the file is empty; the first row must name the columns (phase, lane, text, …)"
                    .into(),
        });
    };
    let mut columns: Vec<Field> = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let bad = |message: String| CsvError {
            row: 1,
            column: Some(i + 1),
            header: Some(h.clone()),
            message,
        };
        let f = field_of(h).ok_or_else(|| {
            bad(format!(
                "unknown column {:?}; the columns are those of `klantreis csv`: {}",
                h.trim(),
                super::csv::card_headers(Lang::En).join(", ")
            ))
        })?;
        if columns.contains(&f) {
            return Err(bad(format!("column {:?} appears twice", h.trim())));
        }
        columns.push(f);
    }
    for (need, nl, en) in [
        (Field::Phase, "fase", "phase"),
        (Field::Lane, "laan", "lane"),
        (Field::Text, "tekst", "text"),
    ] {
        if !columns.contains(&need) {
            return Err(CsvError {
                row: 1,
                column: None,
                header: None,
                message: format!("no column {en:?} (or {nl:?}); every card needs one"),
            });
        }
    }
    let dutch = header
        .iter()
        .any(|h| matches!(h.trim().to_lowercase().as_str(), "fase" | "laan" | "tekst"));
    let lang = if dutch { Lang::Nl } else { Lang::En };

    let mut cards = Vec::new();
    for (row, fields) in recs.iter().skip(1) {
        let row = *row;
        if fields.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if fields.len() > columns.len() {
            return Err(CsvError {
                row,
                column: Some(columns.len() + 1),
                header: None,
                message: format!(
                    "{} fields, but the header names {} columns",
                    fields.len(),
                    columns.len()
                ),
            });
        }
        let mut card = CsvCard {
            row,
            phase: String::new(),
            lane: String::new(),
            text: String::new(),
            emotion: None,
            impact: false,
            validation: Validation::Assumption,
            evidence: Vec::new(),
            value: None,
            effort: None,
            company_involved: true,
            votes: 0,
        };
        for (i, &f) in columns.iter().enumerate() {
            let v = fields.get(i).map(String::as_str).unwrap_or("");
            let bad = |message: String| CsvError {
                row,
                column: Some(i + 1),
                header: Some(header[i].trim().to_string()),
                message,
            };
            let yn = |v: &str| {
                yes_no(v).ok_or_else(|| {
                    bad(format!(
                        "{:?} is not yes or no (ja/nee, yes/no, or empty)",
                        v.trim()
                    ))
                })
            };
            match f {
                Field::Id => {}
                Field::Phase | Field::Lane => {
                    let name = undefuse(v.trim());
                    if name.is_empty() {
                        return Err(bad(format!(
                            "empty; every card needs a {}",
                            if f == Field::Phase { "phase" } else { "lane" }
                        )));
                    }
                    if f == Field::Phase {
                        card.phase = name;
                    } else {
                        card.lane = name;
                    }
                }
                Field::Text => card.text = undefuse(v),
                Field::Emotion => card.emotion = emotion(v).map_err(bad)?,
                Field::Impact => card.impact = yn(v)?.unwrap_or(false),
                Field::Company => card.company_involved = yn(v)?.unwrap_or(true),
                Field::Validation => {
                    card.validation = validation(v).ok_or_else(|| {
                        bad(format!(
                            "unknown validation {:?} (use assumption, validated or refuted; \
                             aanname, gevalideerd or weerlegd)",
                            v.trim()
                        ))
                    })?
                }
                Field::Evidence => card.evidence = evidence(&undefuse(v)).map_err(bad)?,
                Field::Value => card.value = score(v).map_err(|m| bad(format!("value {m}")))?,
                Field::Effort => card.effort = score(v).map_err(|m| bad(format!("effort {m}")))?,
                Field::Votes => card.votes = votes(v).map_err(bad)?,
            }
        }
        cards.push(card);
    }
    Ok(CsvCards { lang, cards })
}

/// Adds the cards to `fill` (creating the phases and lanes they name).
pub fn fill(fill: &mut Fill, cards: &[CsvCard]) {
    for c in cards {
        let p = fill.phase(&c.phase);
        let l = fill.lane(&c.lane, None);
        let card = fill.card(&p, &l, &c.text);
        card.emotion = c.emotion;
        card.impact = c.impact;
        card.validation = c.validation;
        card.evidence = c.evidence.clone();
        card.value = c.value;
        card.effort = c.effort;
        card.company_involved = c.company_involved;
        card.votes = c.votes;
    }
}

/// Imports the cards of CSV `text` into `target` as one undoable step; returns the journey's
/// id. Nothing changes when anything in the file does not fit.
pub fn import_csv(
    doc: &mut Document,
    text: &str,
    target: Target<'_>,
) -> Result<String, CsvImportError> {
    let parsed = parse(text)?;
    let before: Option<Journey> = match target {
        Target::New { .. } => None,
        Target::Journey(id) => Some(
            doc.workspace()
                .journey(id)
                .cloned()
                .ok_or_else(|| CsvImportError::NoJourney(id.to_string()))?,
        ),
    };
    let mut f = match (&before, target) {
        (Some(j), _) => Fill::existing(j),
        (None, Target::New { title }) => Fill::new_journey(title, parsed.lang),
        (None, Target::Journey(id)) => return Err(CsvImportError::NoJourney(id.to_string())),
    };
    fill(&mut f, &parsed.cards);
    Ok(commit(doc, before.as_ref(), f, Vec::new())?)
}
