//! Fuzz target: arbitrary text as a CSV file of cards and as a Mermaid `journey` diagram.
//! Parsing must return the cards or an error with its row and column (line); what parses must
//! import into a fresh document as one undoable step, and the journey must lay out and export.
//! A Mermaid export must parse back, every section must be a phase of its own, and export →
//! import → export must give the same text.

use crate::{empty_document, exercise, remove, scratch_path};
use klantreis::interchange::csv_import::{self, Target};
use klantreis::interchange::mermaid;
use klantreis::Lang;

pub fn check(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let csv_ok = csv_import::parse(text).is_ok();
    let mermaid_ok = mermaid::parse(text).is_ok();
    if !csv_ok && !mermaid_ok {
        return;
    }
    let path = scratch_path();
    if let Ok(mut doc) = empty_document(&path) {
        if csv_ok {
            let id = csv_import::import_csv(&mut doc, text, Target::New { title: "csv" })
                .expect("a CSV that parses imports");
            // Into the journey it made: the same names are found again, nothing new is made.
            let before = doc
                .workspace()
                .journey(&id)
                .map(|j| (j.phases.len(), j.lanes.len()));
            csv_import::import_csv(&mut doc, text, Target::Journey(&id)).expect("again");
            let after = doc
                .workspace()
                .journey(&id)
                .map(|j| (j.phases.len(), j.lanes.len()));
            assert_eq!(before, after, "a second import made phases or lanes");
        }
        if mermaid_ok {
            let id = mermaid::import_mermaid(&mut doc, text, Lang::En, "mermaid")
                .expect("a diagram that parses imports");
            let sections = mermaid::parse(text).map(|m| m.sections.len()).ok();
            let phases = doc.workspace().journey(&id).map(|j| j.phases.len());
            assert_eq!(phases, sections, "every section is a phase of its own");
            let first = mermaid::export_mermaid(doc.workspace(), &id).expect("export");
            mermaid::parse(&first).expect("the export parses");
            let id2 = mermaid::import_mermaid(&mut doc, &first, Lang::Nl, "x").expect("import");
            let second = mermaid::export_mermaid(doc.workspace(), &id2).expect("export");
            assert_eq!(first, second, "export → import → export differs");
        }
        exercise(&mut doc, false, true);
        let _ = doc.close();
    }
    remove(&path);
}
