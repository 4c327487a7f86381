//! What to fix first: the analysis's ranked list, one numbered line each, with the kind of
//! problem as a small tag and the line's own reason in full.

use super::super::builder::{Align, TextStyle};
use super::super::palette::{card_colours, INK};
use super::flow::{Flow, BODY, SMALL};
use crate::analysis::fix_first::FixKind;
use crate::analysis::Insights;
use crate::model::{CardColour, Lang};
use crate::scene::TextRole;

/// The rank in its disc.
const RANK: TextStyle = TextStyle {
    pt: 8.5,
    bold: true,
    colour: INK,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};

/// The tag and the note colour of a kind of line.
fn kind(k: FixKind, lang: Lang) -> (&'static str, CardColour) {
    match k {
        FixKind::Emotion => (lang.pick("emotie", "emotion"), CardColour::Pink),
        FixKind::Funnel => (lang.pick("uitval", "drop-off"), CardColour::Orange),
        FixKind::UnvalidatedImpact => (
            lang.pick("impactmoment niet getoetst", "impact moment not checked"),
            CardColour::Yellow,
        ),
        FixKind::QuickWin => ("quick win", CardColour::Green),
        FixKind::Voted => (lang.pick("stemmen", "votes"), CardColour::Blue),
    }
}

pub(super) fn draw(f: &mut Flow, ins: &Insights) {
    let lang = f.cx.lang;
    f.heading(lang.pick("Pak eerst aan", "Fix first"), 12.0);
    if ins.fix_first.is_empty() {
        f.para(
            lang.pick("Niets dringends gevonden: geen dieptepunt onder neutraal, geen steile daling, geen fase die veel klanten verliest en geen ongetoetst impactmoment.",
                "Nothing urgent found: no trough below neutral, no steep fall, no phase losing many customers and no unchecked impact moment.",
            ),
            SMALL,
        );
        return;
    }
    let indent = 10.0;
    let tw = f.w - indent;
    for (i, item) in ins.fix_first.iter().enumerate() {
        let (tag, colour) = kind(item.kind, lang);
        let h = f.measure(tag, SMALL, tw) + 0.6 + f.measure(&item.why, BODY, tw);
        f.need(h.max(7.0) + 2.5);
        let (fill, border) = card_colours(colour);
        let y = f.y;
        let stroke = f.b.stroke(border, 0.3, &[]);
        f.b.rect(f.x, y + 0.3, 6.5, 6.5, 1.0, Some(fill), stroke, None);
        f.b.text(f.x, y + 1.6, 6.5, &(i + 1).to_string(), RANK, None);
        let mut ty = y;
        ty += f.b.text(f.x + indent, ty, tw, tag, SMALL.bold(true), None) + 0.6;
        ty += f.b.text(f.x + indent, ty, tw, &item.why, BODY, None);
        f.y = (ty).max(y + 7.0) + 2.5;
    }
}
