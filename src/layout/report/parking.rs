//! The parking-lot sheet of the print kit: a portrait page (A4, or A3 enlarged by √2 like the
//! report) to hang beside the canvas, with ruled lines for the open questions and the
//! decisions, and an action table (what, who, when, done) to write in during the session.
//! What the journey's parking lot already holds is printed first in each list, so the sheet
//! picks up where the last session stopped.
//!
//! Invariants: an empty or short parking lot fits one sheet; every list keeps its empty lines
//! to write on, however much is prefilled; it goes through the report's [`Flow`], so a long
//! parking lot moves on to a next page rather than running off the sheet.

use super::super::builder::{Align, TextStyle};
use super::super::palette::{INK, INK_SOFT, RULE};
use super::super::plan::pt_mm;
use super::super::{words, Ctx};
use super::flow::{Flow, BODY, SMALL};
use super::paper_scale;
use crate::model::{Action, Journey, Lang};
use crate::scene::fonts::Fonts;
use crate::scene::{Paper, Scene, TextRole};

/// A column's name over the action table.
const COLUMN: TextStyle = TextStyle {
    pt: 8.0,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};
/// The tick in a done action's box.
const TICK: TextStyle = TextStyle {
    pt: 9.0,
    bold: true,
    colour: INK,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};

/// Room between two ruled lines: a handwritten line with a marker.
const LINE_GAP: f32 = 8.0;
/// Empty lines under the open questions, the decisions, and empty rows in the action table.
const QUESTION_LINES: usize = 6;
const DECISION_LINES: usize = 4;
const ACTION_ROWS: usize = 6;

/// The parking-lot sheet(s) of journey `j` on `paper` (A3, else A4); `printed` is the date
/// for the footer.
pub fn parking_lot_sheet(j: &Journey, paper: Paper, printed: Option<&str>) -> Vec<Scene> {
    let fonts = Fonts::load().ok();
    let lang = j.meta.language;
    let cx = Ctx {
        fonts: fonts.as_ref(),
        lang,
        w: words(lang),
    };
    let (scale, size) = paper_scale(paper);
    let label = lang.pick("Parkeerplaats", "Parking lot");
    let mut f = Flow::new(&cx, scale, &j.meta.title).labelled(label);
    let kicker = lang.pick("PARKEERPLAATS", "PARKING LOT");
    let hint = lang.pick(
        "Wat tijdens de sessie opkomt en niet meteen past: schrijf het hier op en loop het langs \
         in de laatste stap.",
        "What comes up during the session and does not fit yet: write it here and go through it \
         in the last step.",
    );
    super::header(&mut f, kicker, &j.meta.title, &[hint.to_string()]);
    questions(&mut f, j, lang);
    decisions(&mut f, j, lang);
    actions(&mut f, &j.meta.parking_lot.actions, lang);
    let opts = super::ReportOptions {
        paper,
        lang: Some(lang),
        printed: printed.map(str::to_string),
    };
    f.finish(&opts, size).pages
}

/// `n` empty ruled lines across the column, moving to a new page when they do not fit.
fn ruled(f: &mut Flow, n: usize) {
    for _ in 0..n {
        f.need(LINE_GAP);
        f.y += LINE_GAP;
        let stroke = f.b.stroke(RULE, 0.3, &[]);
        f.b.line(&[(f.x, f.y), (f.x + f.w, f.y)], stroke);
    }
}

fn questions(f: &mut Flow, j: &Journey, lang: Lang) {
    f.heading(lang.pick("Open vragen", "Open questions"), LINE_GAP * 2.0);
    f.para(
        lang.pick(
            "Wat moet nog worden uitgezocht? Schrijf het antwoord erbij, of maak er een actie van.",
            "What still needs finding out? Write down the answer, or make it an action.",
        ),
        SMALL,
    );
    for q in &j.meta.parking_lot.questions {
        f.para(&format!("•  {}", q.text), BODY);
        if !q.answer.trim().is_empty() {
            let answer = format!("{} {}", lang.pick("Antwoord:", "Answer:"), q.answer.trim());
            f.para(&answer, SMALL);
        }
    }
    ruled(f, QUESTION_LINES);
}

fn decisions(f: &mut Flow, j: &Journey, lang: Lang) {
    f.heading(lang.pick("Besluiten", "Decisions"), LINE_GAP * 2.0);
    for d in &j.meta.parking_lot.decisions {
        f.para(&format!("•  {}", d.text), BODY);
    }
    ruled(f, DECISION_LINES);
}

/// The action table's columns: (left edge from the column's x, width) of what, who, when and
/// the done box.
fn columns(w: f32) -> [(f32, f32); 4] {
    let (done_w, due_w, owner_w) = (12.0, 26.0, 34.0);
    let what_w = w - done_w - due_w - owner_w;
    [
        (0.0, what_w - 3.0),
        (what_w, owner_w - 3.0),
        (what_w + owner_w, due_w - 3.0),
        (what_w + owner_w + due_w, done_w),
    ]
}

fn actions(f: &mut Flow, list: &[Action], lang: Lang) {
    f.heading(lang.pick("Acties", "Actions"), LINE_GAP * 3.0);
    let cols = columns(f.w);
    let names = [
        lang.pick("Wat", "What"),
        lang.pick("Wie", "Who"),
        lang.pick("Wanneer", "When"),
        lang.pick("Klaar", "Done"),
    ];
    let head_h = pt_mm(COLUMN.pt) * 1.4;
    f.need(head_h + LINE_GAP);
    for ((cx, cw), name) in cols.iter().zip(names) {
        f.b.text(f.x + cx, f.y, *cw, name, COLUMN, None);
    }
    f.y += head_h;
    for a in list {
        let h = f.measure(&a.text, BODY, cols[0].1).max(pt_mm(BODY.pt)) + 3.0;
        let row_h = h.max(LINE_GAP);
        f.need(row_h);
        let top = f.y + row_h - pt_mm(BODY.pt) * 1.3 - 1.0;
        let cells = [a.text.as_str(), a.owner.as_str(), a.due.as_str()];
        for (i, ((cx, cw), text)) in cols.iter().zip(cells).enumerate() {
            // The action's words from the row's top; who and when on its last line.
            let ty = if i == 0 { f.y + 2.0 } else { top };
            f.b.text(f.x + cx, ty, *cw, text, BODY, None);
        }
        row_rule(f, row_h, a.done);
    }
    for _ in 0..ACTION_ROWS {
        f.need(LINE_GAP);
        row_rule(f, LINE_GAP, false);
    }
}

/// Ends an action row `h` high: the rule under it and the done box at its right, ticked
/// when the action is done.
fn row_rule(f: &mut Flow, h: f32, done: bool) {
    let (bx, _) = columns(f.w)[3];
    let side = 4.0;
    let (x, y) = (f.x + bx + 2.0, f.y + h - side - 1.5);
    let stroke = f.b.stroke(INK_SOFT, 0.3, &[]);
    f.b.rect(x, y, side, side, 0.6, None, stroke, None);
    if done {
        f.b.text(x - 1.0, y - 0.6, side + 2.0, "✓", TICK, None);
    }
    f.y += h;
    let rule = f.b.stroke(RULE, 0.3, &[]);
    f.b.line(&[(f.x, f.y), (f.x + f.w, f.y)], rule);
}

#[cfg(test)]
mod tests {
    use super::super::{A4_W, MARGIN};
    use super::*;

    #[test]
    fn the_action_columns_fill_the_report_column_in_order() {
        let w = A4_W - 2.0 * MARGIN;
        let cols = columns(w);
        for pair in cols.windows(2) {
            assert!(pair[0].0 + pair[0].1 <= pair[1].0, "{cols:?}");
        }
        let (x, cw) = cols[3];
        assert!((x + cw - w).abs() < 1e-3);
    }
}
