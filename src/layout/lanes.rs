//! The lanes band: one row per lane, one cell per phase, and the cards in the cells as sticky
//! notes (shadow, tinted note with a solid or dashed border, text, emotion and validation
//! badges along the bottom with the vote dots between them ([`votes`]), the impact star at the
//! top right), and on a service blueprint its lines and fail and wait points ([`blueprint`]).
//!
//! Invariant: a card is drawn at exactly the height [`card_height`] planned for it (the
//! tallest card of its row), so a cell never overflows the lane the Plan made for it.

use std::collections::HashMap;

use super::blueprint;
use super::builder::{rec, Align, Builder, TextStyle};
use super::marks::{row_label, star, QUESTION};
use super::palette::{
    card_colours, emotion_colour, BAD, BAND_A, BAND_B, GOOD, HINT, INK, INK_FAINT, INK_SOFT, PAPER,
    RULE, SHADOW,
};
use super::plan::{card_height, card_text_w, Plan, CARD_PAD, CARD_PT, CELL_PAD, GAP};
use super::votes;
use super::Ctx;
use crate::model::{Card, Journey, Validation};
use crate::scene::{Key, RecordKind, Region, TextRole};

/// A lane's hint under its title (filled map).
const LANE_HINT: TextStyle = TextStyle {
    pt: 8.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Hint,
    align: Align::Left,
    max_lines: 4,
};
/// The note colour's name beside its swatch in a lane's legend.
const LEGEND_COLOUR: TextStyle = TextStyle {
    pt: 9.0,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};
/// A lane's hint in each empty cell of a blank canvas.
const CELL_HINT: TextStyle = TextStyle {
    pt: 12.0,
    bold: false,
    colour: HINT,
    role: TextRole::Hint,
    align: Align::Left,
    max_lines: 2,
};
/// Card text: never cut, the card grows instead.
const CARD: TextStyle = TextStyle {
    pt: CARD_PT,
    bold: false,
    colour: INK,
    role: TextRole::Card,
    align: Align::Left,
    max_lines: usize::MAX,
};
/// The emotion value (“+2”) on its coloured badge.
const EMOTION_BADGE: TextStyle = TextStyle {
    pt: 7.5,
    bold: true,
    colour: PAPER,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};

/// The lanes from `y` down: a label block and a tinted band per lane, a cell per phase with
/// its cards (or, on a blank canvas, the lane's hint); returns the y below the last lane.
pub(super) fn draw(
    b: &mut Builder,
    cx: &Ctx,
    j: &Journey,
    plan: &Plan,
    (xs, grid_right): (&[f32], f32),
    mut y: f32,
    legend: bool,
) -> f32 {
    let x0 = plan.label_w;
    let phase_ix = j.phase_index();
    let mut by_cell: HashMap<(&str, usize), Vec<&Card>> = HashMap::new();
    for c in &j.cards {
        if let Some(&pi) = phase_ix.get(c.phase_id.as_str()) {
            by_cell.entry((c.lane_id.as_str(), pi)).or_default().push(c);
        }
    }
    let mut tops = Vec::with_capacity(j.lanes.len());
    for (li, lane) in j.lanes.iter().enumerate() {
        tops.push(y);
        b.begin(Key::lane(&lane.id), 0.0, y);
        b.lane_top(Some(y));
        let lh = plan.lane_h[li];
        let band = if li % 2 == 0 { BAND_A } else { BAND_B };
        b.rect(x0, y, grid_right - x0, lh, 0.0, Some(band), None, None);
        let lt = rec(RecordKind::Lane, &lane.id);
        let th = row_label(b, plan, y, lh, &lane.title, 4, lt.clone());
        if legend {
            lane_legend(b, cx, lane, plan, y + 4.0 + th, lt.clone());
        } else if !plan.blank && !lane.hint.is_empty() {
            b.text(
                3.0,
                y + 4.0 + th,
                plan.label_w - 7.0,
                &lane.hint,
                LANE_HINT,
                lt.clone(),
            );
        }
        let r = b.r(0.0, y, plan.label_w, lh);
        b.region(Region::LaneHeader {
            rect: r,
            lane_id: lane.id.clone(),
        });
        for (pi, p) in j.phases.iter().enumerate() {
            let (cxp, cw) = (xs[pi], plan.col_w[pi]);
            b.begin(Key::cell(&lane.id, &p.id), cxp, y);
            if pi > 0 {
                b.line(
                    &[(cxp, y + 2.0), (cxp, y + lh - 2.0)],
                    b.stroke(RULE, 0.35, &[0.4, 1.6]),
                );
            }
            let r = b.r(cxp, y, cw, lh);
            b.region(Region::Cell {
                rect: r,
                phase_id: p.id.clone(),
                lane_id: lane.id.clone(),
            });
            if plan.blank {
                b.text(cxp + 5.0, y + 4.0, cw - 10.0, &lane.hint, CELL_HINT, None);
            } else if let Some(cards) = by_cell.get(&(lane.id.as_str(), pi)) {
                draw_cards(b, cx, cards, cxp, y, plan);
            }
            b.end();
        }
        b.end();
        y += lh;
    }
    b.lane_top(None);
    // After the lanes in paint order, so a group of its own (a group's items come before its
    // children).
    b.begin(Key::band("lane-lines"), 0.0, 0.0);
    if !j.lanes.is_empty() {
        b.line(&[(x0, y), (grid_right, y)], b.stroke(RULE, 0.35, &[]));
    }
    blueprint::lines(b, cx, j, &tops, x0, grid_right);
    b.end();
    y
}

/// A lane's legend on the kit's blank canvas, under its title: the sticky-note colour to use
/// (a swatch and its name) and the lane's guiding question.
fn lane_legend(
    b: &mut Builder,
    cx: &Ctx,
    lane: &crate::model::Lane,
    plan: &Plan,
    y: f32,
    t: Option<crate::scene::RecordRef>,
) {
    let colour = lane.kind.default_colour();
    let (fill, border) = card_colours(colour);
    let s = 6.0;
    b.rect(
        3.0,
        y,
        s,
        s,
        0.8,
        Some(fill),
        b.stroke(border, 0.3, &[]),
        t.clone(),
    );
    let name = colour_name(colour, cx.lang);
    b.text(
        3.0 + s + 2.0,
        y + 0.6,
        plan.label_w - s - 12.0,
        name,
        LEGEND_COLOUR,
        t.clone(),
    );
    if !lane.hint.is_empty() {
        b.text(
            3.0,
            y + s + 2.5,
            plan.label_w - 7.0,
            &lane.hint,
            LANE_HINT.lines(5),
            t,
        );
    }
}

/// "yellow notes", in the language of the labels.
fn colour_name(c: crate::model::CardColour, lang: crate::model::Lang) -> &'static str {
    use crate::model::CardColour::*;
    let nl = lang == crate::model::Lang::Nl;
    match c {
        Yellow => {
            if nl {
                "gele notes"
            } else {
                "yellow notes"
            }
        }
        Orange => {
            if nl {
                "oranje notes"
            } else {
                "orange notes"
            }
        }
        Pink => {
            if nl {
                "roze notes"
            } else {
                "pink notes"
            }
        }
        Purple => {
            if nl {
                "paarse notes"
            } else {
                "purple notes"
            }
        }
        Blue => {
            if nl {
                "blauwe notes"
            } else {
                "blue notes"
            }
        }
        Green => {
            if nl {
                "groene notes"
            } else {
                "green notes"
            }
        }
        Grey => {
            if nl {
                "grijze notes"
            } else {
                "grey notes"
            }
        }
    }
}

fn draw_cards(b: &mut Builder, cx: &Ctx, cards: &[&Card], x: f32, y: f32, plan: &Plan) {
    let k = plan.per_row.max(1);
    let cw = plan.card_w;
    let mut cy = y + CELL_PAD;
    for row in cards.chunks(k) {
        let heights: Vec<f32> = row.iter().map(|c| card_height(cx, c, cw)).collect();
        let rh = heights.iter().copied().fold(0.0, f32::max);
        for (i, c) in row.iter().enumerate() {
            let ccx = x + CELL_PAD + i as f32 * (cw + GAP);
            draw_card(b, c, ccx, cy, cw, rh);
        }
        cy += rh + GAP;
    }
}

fn draw_card(b: &mut Builder, c: &Card, x: f32, y: f32, w: f32, h: f32) {
    let t = rec(RecordKind::Card, &c.id);
    let (fill, border) = card_colours(c.colour);
    b.begin(Key::card(&c.id), x, y);
    // Where the note lands on the page: the links are drawn from it.
    let note = b.page_rect(x, y, w, h);
    b.notes.entry(c.id.clone()).or_insert(note);
    b.rect(x + 0.5, y + 0.8, w, h, 1.4, Some(SHADOW), None, None);
    let dash: &[f32] = if c.company_involved { &[] } else { &[1.6, 1.0] };
    let border_w = if c.company_involved { 0.3 } else { 0.45 };
    b.rect(
        x,
        y,
        w,
        h,
        1.4,
        Some(fill),
        b.stroke(border, border_w, dash),
        t.clone(),
    );
    b.text(
        x + CARD_PAD,
        y + CARD_PAD,
        card_text_w(w, c.impact),
        &c.text,
        CARD,
        t.clone(),
    );
    // Badges along the bottom edge: emotion left, validation right; impact at the top right.
    let by = y + h - 3.2;
    if let Some(e) = c.emotion {
        let label = if e > 0 {
            format!("+{e}")
        } else if e < 0 {
            format!("–{}", -e)
        } else {
            "0".into()
        };
        let col = emotion_colour(e as f32);
        b.rect(x + 2.0, by - 2.0, 7.5, 4.0, 2.0, Some(col), None, t.clone());
        b.text(x + 2.0, by - 1.75, 7.5, &label, EMOTION_BADGE, t.clone());
    }
    let (vx, vy, vr) = (x + w - 3.4, by, 2.0);
    match c.validation {
        Validation::Validated => {
            b.circle(vx, vy, vr, Some(GOOD), None, t.clone());
            b.line(
                &[
                    (vx - 0.95, vy + 0.05),
                    (vx - 0.25, vy + 0.8),
                    (vx + 1.0, vy - 0.75),
                ],
                b.stroke(PAPER, 0.45, &[]),
            );
        }
        Validation::Refuted => {
            b.circle(vx, vy, vr, Some(BAD), None, t.clone());
            b.line(
                &[(vx - 0.8, vy - 0.8), (vx + 0.8, vy + 0.8)],
                b.stroke(PAPER, 0.45, &[]),
            );
            b.line(
                &[(vx - 0.8, vy + 0.8), (vx + 0.8, vy - 0.8)],
                b.stroke(PAPER, 0.45, &[]),
            );
        }
        Validation::Assumption => {
            b.circle(vx, vy, vr, None, b.stroke(INK_FAINT, 0.25, &[]), t.clone());
            b.text(vx - vr, vy - 1.45, 2.0 * vr, "?", QUESTION, t.clone());
        }
    }
    // Blueprint marks left of the validation badge (only on cards that have them).
    let marks = blueprint::card_marks(b, c, vx - 2.0 * vr - 1.4, vy, &t);
    if c.impact {
        star(b, x + w - 2.2, y + 2.2, 3.0, t.clone());
    }
    // The votes between the emotion badge (or the text's margin) and the marks; drawn last,
    // so a card's other items are the same with or without votes.
    if c.votes > 0 {
        let left = if c.emotion.is_some() {
            x + 2.0 + 7.5 + 1.2
        } else {
            x + CARD_PAD
        };
        let right = marks.unwrap_or(vx - vr) - 1.2;
        votes::vote_dots(b, c.votes, left, right, vy, &t);
    }
    b.end();
}
