//! The title band: the journey's title, its goal, scope and state (as-is or to-be), with the
//! personas band at its right.

use super::builder::{rec, Align, Builder, TextStyle};
use super::palette::{INK, INK_SOFT};
use super::personas::draw_personas;
use super::plan::{goal_text, persona_block_width, Plan};
use super::Ctx;
use crate::model::{Journey, JourneyState, Persona};
use crate::scene::{RecordKind, TextRole};

/// The journey's title.
const TITLE: TextStyle = TextStyle {
    pt: 24.0,
    bold: true,
    colour: INK,
    role: TextRole::Title,
    align: Align::Left,
    max_lines: 3,
};
/// The goal (“Goal: …”).
const GOAL: TextStyle = TextStyle {
    pt: 11.0,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 3,
};
/// Scope and state, one line of small print.
const META: TextStyle = TextStyle {
    pt: 10.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 2,
};

pub(super) fn draw(b: &mut Builder, cx: &Ctx, j: &Journey, personas: &[&Persona], plan: &Plan) {
    let w = plan.width;
    let persona_w = persona_block_width(personas);
    let text_w = (w - persona_w - 8.0).max(60.0);
    let jt = rec(RecordKind::Journey, &j.meta.id);
    let mut y = 0.0;
    let th = b.text(0.0, y, text_w, &j.meta.title, TITLE, jt.clone());
    y += th + 1.0;
    if !j.meta.goal.is_empty() {
        y += b.text(0.0, y, text_w, &goal_text(cx, j), GOAL, jt.clone());
    }
    let mut meta = Vec::new();
    if !j.meta.scope.start.is_empty() || !j.meta.scope.end.is_empty() {
        meta.push(format!(
            "{} “{}” {} “{}”",
            cx.w.from, j.meta.scope.start, cx.w.to, j.meta.scope.end
        ));
    }
    meta.push(
        match j.meta.state {
            JourneyState::AsIs => cx.w.as_is,
            JourneyState::ToBe => cx.w.to_be,
        }
        .to_string(),
    );
    b.text(0.0, y + 0.8, text_w, &meta.join("  ·  "), META, jt);
    draw_personas(
        b,
        cx,
        personas,
        w - persona_w,
        0.0,
        persona_w,
        plan.title_h - 2.0,
        plan.blank,
    );
}
