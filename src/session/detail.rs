//! What a front end shows of the document: the journey view's detail (the journey with the
//! personas it links and the ones it could link), the document's state for the window title
//! and the undo menu, and the names of files made from it (export files).
//! Pure functions over the model and the store's history; nothing here changes the document.

use std::path::Path;

use serde::Serialize;

use crate::model::{Journey, Persona, Workspace};
use crate::print::{Format, PrintRequest};
use crate::store::{Document, ReadOnly, StoreError};

/// A journey with the personas it links, for the journey view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JourneyDetail {
    pub journey: Journey,
    /// The linked personas, in the journey's order; unknown ids are left out.
    pub personas: Vec<Persona>,
    /// The document's other personas, which the journey can link (one persona often appears
    /// in the journeys of several segments), by name.
    pub others: Vec<Persona>,
}

impl JourneyDetail {
    /// Journey `id` of `ws` with its personas; `None` when there is no such journey.
    pub fn of(ws: &Workspace, id: &str) -> Option<JourneyDetail> {
        let journey = ws.journey(id)?.clone();
        let personas = journey
            .meta
            .persona_ids
            .iter()
            .filter_map(|p| ws.persona(p).cloned())
            .collect();
        let mut others: Vec<Persona> = ws
            .personas
            .iter()
            .filter(|p| !journey.meta.persona_ids.contains(&p.id))
            .cloned()
            .collect();
        others.sort_by_key(|p| p.name.to_lowercase());
        Some(JourneyDetail {
            journey,
            personas,
            others,
        })
    }
}

/// The document as the UI and the window title show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocState {
    pub path: String,
    /// File name without the extension.
    pub name: String,
    /// Label of the edit Undo would undo (`Edit::label`), if any.
    pub undo: Option<String>,
    pub redo: Option<String>,
    /// The file was moved or deleted while open: edits are refused (nothing would be saved
    /// where anyone finds it), and the UI says so until the document is saved elsewhere.
    pub gone: bool,
    /// Why the document is open read-only (edits are refused), if it is.
    pub read_only: Option<ReadOnly>,
}

impl DocState {
    pub fn of(doc: &Document) -> Result<DocState, StoreError> {
        Ok(DocState {
            path: doc.path().display().to_string(),
            name: doc_name(doc.path()),
            undo: doc.undo_entry()?.map(|e| e.label),
            redo: doc.redo_entry()?.map(|e| e.label),
            gone: doc.is_gone(),
            read_only: doc.read_only(),
        })
    }
}

/// A document's name as menus and titles show it: the file name without the extension.
pub fn doc_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The file name an export of the journey titled `title` is offered under: the title as the
/// user wrote it, with only the characters some desktop refuses in a name replaced by what
/// reads the same ("Fietsenwinkel: een e-bike kopen" gives "Fietsenwinkel – een e-bike
/// kopen.pdf", not "Fietsenwinkel_ een…"), then what kind of print it is and the extension.
pub fn export_file_name(title: &str, req: &PrintRequest) -> String {
    let mut clean = String::with_capacity(title.len());
    let mut chars = title.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // "A: b" reads as "A – b"; a colon inside a word ("10:30") as a hyphen.
            ':' if chars.peek().is_none_or(|n| n.is_whitespace()) => clean.push_str(" –"),
            ':' => clean.push('-'),
            '/' | '\\' | '|' => clean.push('-'),
            '"' => clean.push('\''),
            '<' => clean.push('('),
            '>' => clean.push(')'),
            '*' | '?' => {}
            c if c.is_control() => clean.push(' '),
            c => clean.push(c),
        }
    }
    // One space where the replacements made two; no dots or spaces at the end (Windows drops
    // them, and a name ending in "." before ".pdf" reads oddly).
    let words: Vec<&str> = clean.split_whitespace().collect();
    let joined = words.join(" ");
    let base = joined.trim_end_matches(['.', ' ']).trim_start_matches('-');
    let base = if base.is_empty() { "klantreis" } else { base };
    let kind = match (req.blank, req.tile) {
        _ if req.kit => "-kit",
        (true, _) => "-blank",
        (false, Some(_)) => "-poster",
        _ => "",
    };
    let ext = match req.format {
        Format::Pdf => "pdf",
        Format::Svg => "svg",
    };
    format!("{base}{kind}.{ext}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Paper;
    use crate::model::Lang;
    use crate::templates;

    #[test]
    fn detail_splits_linked_and_other_personas() {
        let (j, p) = templates::sample(Lang::En);
        let mut other = p.clone();
        other.id = "persona_other".into();
        other.name = "aaron".into();
        let ws = Workspace {
            personas: vec![p.clone(), other.clone()],
            journeys: vec![j.clone()],
        };
        let d = JourneyDetail::of(&ws, &j.meta.id).expect("the journey");
        assert_eq!(d.personas, vec![p]);
        assert_eq!(d.others, vec![other]);
        assert!(JourneyDetail::of(&ws, "journey_nope").is_none());
    }

    #[test]
    fn export_names_are_safe_and_say_what_they_hold() {
        let req = PrintRequest::default();
        assert_eq!(
            export_file_name("Fietsenwinkel: een e-bike kopen", &req),
            "Fietsenwinkel – een e-bike kopen.pdf"
        );
        assert_eq!(
            export_file_name("Fiets/plezier: v2", &req),
            "Fiets-plezier – v2.pdf"
        );
        assert_eq!(
            export_file_name("Waarom haken \"klanten\" af?", &req),
            "Waarom haken 'klanten' af.pdf"
        );
        assert_eq!(
            export_file_name("Café à la carte.", &req),
            "Café à la carte.pdf"
        );
        assert_eq!(export_file_name("Open 10:30", &req), "Open 10-30.pdf");
        assert_eq!(export_file_name("  ", &req), "klantreis.pdf");
        let blank = PrintRequest {
            blank: true,
            format: Format::Svg,
            ..Default::default()
        };
        assert_eq!(export_file_name("Map", &blank), "Map-blank.svg");
        let poster = PrintRequest {
            tile: Some(Paper::A4),
            ..Default::default()
        };
        assert_eq!(export_file_name("Map", &poster), "Map-poster.pdf");
    }
}
