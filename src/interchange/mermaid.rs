//! Mermaid `journey` diagrams in and out, so a journey sketched in Markdown (GitHub, GitLab,
//! Notion and most wikis draw Mermaid) becomes a map, and a map can be pasted back into one.
//!
//! ```text
//! journey
//!     title Buying an e-bike
//!     section Orientation
//!       Read reviews: 4: Sanne
//!       Visit the shop: 2: Sanne, Tom
//! ```
//!
//! The mapping:
//! - `title` is the journey's title; each `section` is a phase, in order.
//! - Each task is a card in an actions lane ("Acties (ik-vorm)" / "Actions (first person)"),
//!   with an emotion. Mermaid scores a task 1 (bad) … 5 (good); the emotion is the score
//!   minus 3, so **1 → −2, 2 → −1, 3 → 0, 4 → +1, 5 → +2**, and the export adds the 3 back.
//! - A task's actors are personas of the journey: every distinct actor becomes one (a persona
//!   of that name already in the document is reused). Which actor did which task is not kept
//!   (cards have no actors), so the export names all of the journey's personas on every task.
//! - The export writes every phase as a section (also those without tasks) and every card with
//!   an emotion as a task, in the order of the emotion curve (phase, lane, card order); cards
//!   without an emotion have no score and are left out.
//! - Mermaid's grammar does not allow `:`, `;` or `#` in a section or task name (nor `,` in an
//!   actor's), and a name is one line: the export writes `∶` (U+2236), `,` (a space in an
//!   actor's name), `＃` and a space instead; a task whose name would read as a keyword or
//!   comment (`Title…`, `section…`, `%%…`) gets a zero-width space after its first letter.
//!   Export → import → export therefore gives the same text (the fuzz target `text_imports`
//!   checks it).
//!
//! - Each section is a phase, in order, named as the export writes it (white space folded);
//!   two sections of one name are two phases, as Mermaid draws them.
//! - Actors are told apart by the name the export writes for them (`clean`): two actors that
//!   would export as one name are one persona, an existing persona whose name exports as the
//!   actor's is reused, and the export names each actor once. Otherwise "Me: x" and "Me∶ x",
//!   or "A  B" and "A B", would be two personas exported as one name twice, and read back as
//!   one.
//!
//! The text is cleaned by the text rule first ([`crate::model::text`]): a CR LF and a lone CR
//! end a line (as in the CSV import), other control characters but the tab are removed, so a
//! line's words are read as the store will keep them. Lines and columns in errors count in
//! the cleaned text.
//!
//! The parser reads what Mermaid's own grammar reads, line by line: `%%` comment lines, blank
//! lines, a front matter block and `accTitle` / `accDescr` lines are skipped. Anything else
//! that does not fit is an error with its line (1-based) and, inside a line, its column.

use crate::analysis::emotion::curve;
use crate::model::{ids::new_id, LaneKind, Lang, Persona, Workspace};
use crate::store::{Document, StoreError};

use super::fill::{commit, Fill};

/// Where a Mermaid text does not fit, and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}{}: {message}", .column.map(|c| format!(", column {c}")).unwrap_or_default())]
pub struct MermaidError {
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
}

#[derive(Debug, thiserror::Error)]
pub enum MermaidImportError {
    #[error(transparent)]
    Mermaid(#[from] MermaidError),
    #[error("no journey with id {0:?}")]
    NoJourney(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    pub name: String,
    /// 1 … 5.
    pub score: u8,
    pub actors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    pub tasks: Vec<Task>,
}

/// A parsed `journey` diagram.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MermaidJourney {
    pub title: Option<String>,
    pub sections: Vec<Section>,
}

/// A Mermaid score (1 … 5) as an emotion (−2 … +2).
pub fn emotion_of_score(score: u8) -> i8 {
    score as i8 - 3
}

/// An emotion (−2 … +2) as a Mermaid score (1 … 5).
pub fn score_of_emotion(emotion: i8) -> u8 {
    (emotion.clamp(crate::model::EMOTION_MIN, crate::model::EMOTION_MAX) + 3) as u8
}

/// Reads a Mermaid `journey` diagram (see the module docs), changing nothing.
pub fn parse(text: &str) -> Result<MermaidJourney, MermaidError> {
    let err = |line: usize, column: Option<usize>, message: String| MermaidError {
        line,
        column,
        message,
    };
    let text = &*crate::model::text::multi_line(text);
    let mut out = MermaidJourney::default();
    let mut seen_header = false;
    let mut in_front_matter = false;
    let mut in_acc_descr = false;
    for (i, raw) in text
        .strip_prefix('\u{FEFF}')
        .unwrap_or(text)
        .lines()
        .enumerate()
    {
        let line = i + 1;
        let t = raw.trim();
        // Column (1-based, in characters) of byte offset `b` of `t` within the raw line.
        let indent = raw.len() - raw.trim_start().len();
        let col = |b: usize| raw[..indent + b].chars().count() + 1;
        if in_front_matter {
            in_front_matter = t != "---";
            continue;
        }
        if in_acc_descr {
            in_acc_descr = !t.ends_with('}');
            continue;
        }
        if t.is_empty() || t.starts_with("%%") {
            continue;
        }
        if !seen_header {
            if t == "---" && line == 1 {
                in_front_matter = true;
                continue;
            }
            if !t.eq_ignore_ascii_case("journey") {
                return Err(err(
                    line,
                    None,
                    format!("a Mermaid journey starts with `journey`; found {t:?}"),
                ));
            }
            seen_header = true;
            continue;
        }
        if let Some(rest) = accessibility(t) {
            // `accDescr { … }` may span lines.
            in_acc_descr = rest.starts_with('{') && !rest.ends_with('}');
            continue;
        }
        if let Some(rest) = keyword(t, "title") {
            if rest.is_empty() {
                return Err(err(line, None, "`title` without a title".into()));
            }
            out.title = Some(rest.to_string());
            continue;
        }
        if let Some(rest) = keyword(t, "section") {
            if rest.is_empty() {
                return Err(err(line, None, "`section` without a name".into()));
            }
            if let Some(p) = rest.find([':', '#', ';']) {
                return Err(err(
                    line,
                    Some(col(t.len() - rest.len() + p)),
                    "a section name cannot hold `:`, `;` or `#`".into(),
                ));
            }
            out.sections.push(Section {
                name: rest.to_string(),
                tasks: Vec::new(),
            });
            continue;
        }
        // A task: `name: score` or `name: score: actor, actor`.
        let Some(c1) = t.find(':') else {
            return Err(err(
                line,
                None,
                format!(
                    "{t:?} is not a task, `title` or `section`; a task is written \
                     `Task name: score: actor, actor` with a score from 1 to 5"
                ),
            ));
        };
        let name = t[..c1].trim();
        if name.is_empty() {
            return Err(err(line, Some(col(0)), "a task needs a name".into()));
        }
        let Some(section) = out.sections.last_mut() else {
            return Err(err(
                line,
                Some(col(0)),
                "a task before the first section; start a section first (`section Name`)".into(),
            ));
        };
        let rest = &t[c1 + 1..];
        let (score_text, actors) = match rest.find(':') {
            Some(c2) => (&rest[..c2], Some(&rest[c2 + 1..])),
            None => (rest, None),
        };
        let score_at = c1 + 1 + (score_text.len() - score_text.trim_start().len());
        let score = match score_text.trim().parse::<u8>() {
            Ok(s) if (1..=5).contains(&s) => s,
            _ => {
                return Err(err(
                    line,
                    Some(col(score_at)),
                    format!(
                        "the score must be a whole number from 1 to 5; found {:?}",
                        score_text.trim()
                    ),
                ))
            }
        };
        let actors = actors
            .map(|a| {
                a.split(',')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        section.tasks.push(Task {
            name: name.to_string(),
            score,
            actors,
        });
    }
    if !seen_header {
        return Err(err(
            text.lines().count().max(1),
            None,
            "no `journey` line: this is not a Mermaid journey diagram".into(),
        ));
    }
    Ok(out)
}

/// `t` without its first `n` bytes when they are `word` in any case (Mermaid's keywords are
/// case-insensitive).
fn strip_word<'a>(t: &'a str, word: &str) -> Option<&'a str> {
    let head = t.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| &t[word.len()..])
}

/// `rest` when `t` is `word` alone or `word` followed by white space and `rest`.
fn keyword<'a>(t: &'a str, word: &str) -> Option<&'a str> {
    let rest = strip_word(t, word)?;
    if rest.is_empty() {
        return Some("");
    }
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}

/// What follows `accTitle:`, `accDescr:` or `accDescr {` (the accessibility lines Mermaid
/// reads and the map has no place for).
fn accessibility(t: &str) -> Option<&str> {
    let rest = strip_word(t, "accTitle").or_else(|| strip_word(t, "accDescr"))?;
    let rest = rest.trim_start();
    (rest.starts_with(':') || rest.starts_with('{')).then_some(rest)
}

/// A task name that would read as a keyword or a comment at the start of a line (a card "Title
/// of the form", "section 3 filled in", "%% done") gets a zero-width space after its first
/// character, so it stays a task in Mermaid and here; it looks the same.
fn not_a_keyword(name: String) -> String {
    let keyword = ["title", "section"]
        .iter()
        .any(|w| keyword(&name, w).is_some())
        || accessibility(&name).is_some()
        || name.starts_with("%%");
    if !keyword {
        return name;
    }
    let mut chars = name.chars();
    let first = chars.next().map(String::from).unwrap_or_default();
    format!("{first}\u{200B}{}", chars.as_str())
}

/// Imports a Mermaid journey as a new journey in `lang` (one undoable step); returns its id.
/// `default_title` is used when the diagram has no `title`.
pub fn import_mermaid(
    doc: &mut Document,
    text: &str,
    lang: Lang,
    default_title: &str,
) -> Result<String, MermaidImportError> {
    let m = parse(text)?;
    let mut f = Fill::new_journey(m.title.as_deref().unwrap_or(default_title), lang);
    // Personas: every distinct actor, in the order they first appear, told apart by the name
    // the export writes (see the module docs).
    let mut new_personas: Vec<Persona> = Vec::new();
    let mut ids: Vec<String> = Vec::new();
    for actor in m
        .sections
        .iter()
        .flat_map(|s| &s.tasks)
        .flat_map(|t| &t.actors)
    {
        let written = clean(actor, true);
        let known = doc
            .workspace()
            .personas
            .iter()
            .chain(&new_personas)
            .find(|p| clean(&p.name, true) == written)
            .map(|p| p.id.clone());
        let id = match known {
            Some(id) => id,
            None => {
                let p = Persona {
                    id: new_id("persona"),
                    name: actor.clone(),
                    ..Default::default()
                };
                let id = p.id.clone();
                new_personas.push(p);
                id
            }
        };
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    f.journey.meta.persona_ids = ids;
    let (title, _) = crate::templates::standard_lane(LaneKind::Actions, lang).unwrap_or_default();
    let has_tasks = m.sections.iter().any(|s| !s.tasks.is_empty());
    let lane = has_tasks.then(|| f.lane(title, Some(LaneKind::Actions)));
    for s in &m.sections {
        // Each section is a phase of its own, as Mermaid draws it: a journey made in the app
        // with two phases of one name exports two sections, which must read back as two.
        let p = f.new_phase(&clean(&s.name, false));
        if let Some(lane) = &lane {
            for t in &s.tasks {
                f.card(&p, lane, &t.name).emotion = Some(emotion_of_score(t.score));
            }
        }
    }
    Ok(commit(doc, None, f, new_personas)?)
}

/// A name as Mermaid's grammar allows it (see the module docs); `,` too for actors.
fn clean(s: &str, actor: bool) -> String {
    // The text rule first, for a name stored before there was one.
    let out: String = crate::model::text::single_line(s)
        .chars()
        .map(|c| match c {
            ':' => '\u{2236}',
            // In an actor's name a comma would split it, so both become a space.
            ';' | ',' if actor => ' ',
            ';' => ',',
            '#' => '\u{FF03}',
            '\r' | '\n' | '\t' => ' ',
            c => c,
        })
        .collect();
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Journey `id` of `ws` as a Mermaid `journey` diagram (see the module docs for the mapping).
pub fn export_mermaid(ws: &Workspace, id: &str) -> Result<String, MermaidImportError> {
    let j = ws
        .journey(id)
        .ok_or_else(|| MermaidImportError::NoJourney(id.to_string()))?;
    // Each name once: two personas whose names write the same are one actor to Mermaid.
    let mut actors: Vec<String> = Vec::new();
    for name in j
        .meta
        .persona_ids
        .iter()
        .filter_map(|p| ws.persona(p))
        .map(|p| clean(&p.name, true))
    {
        if !name.is_empty() && !actors.contains(&name) {
            actors.push(name);
        }
    }
    let actors = actors.join(", ");
    let points = curve(j, None);
    let mut out = String::from("journey\n");
    let title = clean(&j.meta.title, false);
    if !title.is_empty() {
        out.push_str(&format!("    title {title}\n"));
    }
    for (pi, phase) in j.phases.iter().enumerate() {
        let name = clean(&phase.name, false);
        out.push_str(&format!(
            "    section {}\n",
            if name.is_empty() { "-" } else { &name }
        ));
        for pt in points.iter().filter(|pt| pt.phase_index == pi) {
            let text = clean(&pt.card.text, false);
            let text = if text.is_empty() {
                "-".into()
            } else {
                not_a_keyword(text)
            };
            out.push_str(&format!("      {text}: {}", score_of_emotion(pt.emotion)));
            if !actors.is_empty() {
                out.push_str(&format!(": {actors}"));
            }
            out.push('\n');
        }
    }
    Ok(out)
}
