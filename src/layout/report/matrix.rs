//! The value × effort matrix: a 5 × 5 grid (effort from left to right, value from bottom to
//! top) split into its four quadrants (quick wins, big bets, fill-ins, money pits) at the
//! analysis's midpoint, each opportunity card placed in its cell as a small numbered sticky
//! note in the card's own colour, and the numbered list under it with every card's full text.

use std::collections::HashMap;

use super::super::builder::{Align, TextStyle};
use super::super::palette::{
    card_colours, BIG_BET, FILL_IN, INK, INK_SOFT, MONEY_PIT, PAPER, QUICK_WIN, RULE,
};
use super::flow::{Flow, BODY, SMALL};
use crate::analysis::opportunities::{Opportunity, MIDPOINT};
use crate::analysis::Insights;
use crate::model::{CardColour, Journey};
use crate::scene::TextRole;

/// A note's number.
const NUMBER: TextStyle = TextStyle {
    pt: 6.5,
    bold: true,
    colour: INK,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};
/// A quadrant's name in its corner.
const QUADRANT: TextStyle = TextStyle {
    pt: 9.0,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};

const AXIS: f32 = 12.0;
const CELL_H: f32 = 14.0;
const CHIP: f32 = 6.0;

pub(super) fn draw(f: &mut Flow, j: &Journey, ins: &Insights) {
    let lang = f.cx.lang;
    let m = &ins.opportunities;
    let groups: [(&str, &[Opportunity], &str); 5] = [
        ("Quick wins", &m.quick_wins, QUICK_WIN),
        (lang.pick("Grote klussen", "Big bets"), &m.big_bets, BIG_BET),
        (lang.pick("Opvullers", "Fill-ins"), &m.fill_ins, FILL_IN),
        (
            lang.pick("Geldputten", "Money pits"),
            &m.money_pits,
            MONEY_PIT,
        ),
        (
            lang.pick("Nog geen score", "Not scored yet"),
            &m.unscored,
            PAPER,
        ),
    ];
    let total: usize = groups.iter().map(|g| g.1.len()).sum();
    // The heading stays with the whole grid (or with the hint when there is nothing to place).
    f.heading(
        lang.pick("Kansen: waarde × moeite", "Opportunities: value × effort"),
        if total == 0 {
            10.0
        } else {
            5.0 * CELL_H + 20.0
        },
    );
    if total == 0 {
        f.para(
            lang.pick("Nog geen kansen: zet kaarten in een kansenbaan en geef ze een waarde en een moeite van 1 tot 5.",
                "No opportunities yet: put cards in an opportunities lane and give them a value and an effort from 1 to 5.",
            ),
            SMALL,
        );
        return;
    }
    let gw = f.w - AXIS;
    let cw = gw / 5.0;
    let gh = 5.0 * CELL_H;
    f.need(gh + 20.0);
    let (x0, y0) = (f.x + AXIS, f.y + 6.0);
    // Quadrants: the cells above the midpoint are high, those up to it low.
    let mid = MIDPOINT as f32;
    let qx = x0 + cw * mid;
    let qy = y0 + CELL_H * (5.0 - mid);
    let quads = [
        (x0, y0, qx - x0, qy - y0, 0usize),
        (qx, y0, x0 + gw - qx, qy - y0, 1),
        (x0, qy, qx - x0, y0 + gh - qy, 2),
        (qx, qy, x0 + gw - qx, y0 + gh - qy, 3),
    ];
    for (x, y, w, h, g) in quads {
        f.b.rect(x, y, w, h, 0.0, Some(groups[g].2), None, None);
        // The high quadrants are named above the grid, where no note can cover the name; the
        // low ones at their foot, under the one row of notes a cell holds.
        let name = groups[g].0;
        if g < 2 {
            f.b.text(x, y - 5.0, w, name, QUADRANT.align_centre(), None);
        } else {
            f.b.text(x + 2.0, y + h - 5.0, w - 4.0, name, QUADRANT, None);
        }
    }
    for k in 0..=5 {
        let s = f.b.stroke(PAPER, 0.5, &[]);
        let x = x0 + cw * k as f32;
        f.b.line(&[(x, y0), (x, y0 + gh)], s.clone());
        let y = y0 + CELL_H * k as f32;
        f.b.line(&[(x0, y), (x0 + gw, y)], s);
    }
    let st = f.b.stroke(INK_SOFT, 0.5, &[]);
    f.b.line(&[(qx, y0), (qx, y0 + gh)], st.clone());
    f.b.line(&[(x0, qy), (x0 + gw, qy)], st);
    let frame = f.b.stroke(RULE, 0.3, &[]);
    f.b.rect(x0, y0, gw, gh, 0.0, None, frame, None);
    // Axes: 1–5 along both, and their names.
    for k in 1..=5u8 {
        let cx = x0 + cw * (k as f32 - 0.5);
        f.b.text(
            cx - 3.0,
            y0 + gh + 1.0,
            6.0,
            &k.to_string(),
            SMALL.align_centre().lines(1),
            None,
        );
        let cy = y0 + CELL_H * (5.0 - k as f32 + 0.5);
        f.b.text(
            x0 - 5.0,
            cy - 1.6,
            3.5,
            &k.to_string(),
            SMALL.align_right().lines(1),
            None,
        );
    }
    f.b.text(
        x0,
        y0 + gh + 4.5,
        gw,
        lang.pick("moeite →", "effort →"),
        SMALL.bold(true).align_centre(),
        None,
    );
    f.b.text(
        f.x,
        y0 - 5.0,
        40.0,
        lang.pick("↑ waarde", "↑ value"),
        SMALL.bold(true),
        None,
    );
    // Notes: numbered in list order, placed in their cell, several side by side.
    let per_row = ((cw - 2.0) / (CHIP + 1.0)).floor().max(1.0) as usize;
    let rows = ((CELL_H - 2.0) / (CHIP + 1.0)).floor().max(1.0) as usize;
    let room = per_row * rows;
    let mut in_cell = [[0usize; 5]; 5];
    // Looked up once: a 5,000-card journey has hundreds of opportunities.
    let colours: HashMap<&str, CardColour> =
        j.cards.iter().map(|c| (c.id.as_str(), c.colour)).collect();
    let colour_of = |id: &str| colours.get(id).copied().unwrap_or(CardColour::Yellow);
    let cell = |v: u8, e: u8| (e.clamp(1, 5) as usize - 1, 5 - v.clamp(1, 5) as usize);
    let mut totals = [[0usize; 5]; 5];
    for o in groups.iter().flat_map(|g| g.1.iter()) {
        if let (Some(v), Some(e)) = (o.value, o.effort) {
            let (ci, ri) = cell(v, e);
            totals[ri][ci] += 1;
        }
    }
    let mut n = 0usize;
    for (_, list, _) in &groups {
        for o in list.iter() {
            n += 1;
            let (Some(v), Some(e)) = (o.value, o.effort) else {
                continue;
            };
            let (ci, ri) = cell(v, e);
            let k = in_cell[ri][ci];
            in_cell[ri][ci] += 1;
            if k >= room {
                continue;
            }
            let extra = totals[ri][ci].saturating_sub(room);
            let x = x0 + cw * ci as f32 + 1.0 + (k % per_row) as f32 * (CHIP + 1.0);
            let y = y0 + CELL_H * ri as f32 + 1.0 + (k / per_row) as f32 * (CHIP + 1.0);
            let (fill, border) = card_colours(colour_of(&o.card_id));
            let s = f.b.stroke(border, 0.3, &[]);
            f.b.rect(x, y, CHIP, CHIP, 0.5, Some(fill), s, None);
            // The last note of a full cell says how many more sit there (all are in the list).
            let label = if k + 1 == room && extra > 0 {
                format!("+{}", extra + 1)
            } else {
                n.to_string()
            };
            f.b.text(x, y + 1.6, CHIP, &label, NUMBER, None);
        }
    }
    f.y = y0 + gh + 10.0;
    // The list: every opportunity with its number, full text and scores.
    let mut n = 0usize;
    let indent = 9.0;
    let tw = f.w - indent;
    for (name, list, _) in &groups {
        if list.is_empty() {
            continue;
        }
        let first = list
            .first()
            .map(|o| f.measure(&o.text, BODY, tw))
            .unwrap_or(0.0);
        f.need(6.0 + first + 4.0);
        f.y += 1.5;
        f.para(&format!("{name} ({})", list.len()), BODY.bold(true));
        for o in list.iter() {
            n += 1;
            let score = match (o.value, o.effort) {
                (Some(v), Some(e)) => format!(
                    "{} {v} · {} {e}",
                    lang.pick("waarde", "value"),
                    lang.pick("moeite", "effort")
                ),
                (v, e) => format!(
                    "{} {} · {} {}",
                    lang.pick("waarde", "value"),
                    v.map(|v| v.to_string()).unwrap_or_else(|| "–".into()),
                    lang.pick("moeite", "effort"),
                    e.map(|e| e.to_string()).unwrap_or_else(|| "–".into())
                ),
            };
            let phase = j.phase(&o.phase_id).map(|p| p.name.as_str()).unwrap_or("");
            let meta = format!("{phase} · {score}");
            let h = f.measure(&o.text, BODY, tw) + 0.5 + f.measure(&meta, SMALL, tw);
            f.need(h + 2.0);
            let (fill, border) = card_colours(colour_of(&o.card_id));
            let s = f.b.stroke(border, 0.3, &[]);
            f.b.rect(f.x, f.y + 0.2, CHIP, CHIP, 0.5, Some(fill), s, None);
            f.b.text(f.x, f.y + 1.8, CHIP, &n.to_string(), NUMBER, None);
            let mut ty = f.y;
            ty += f.b.text(f.x + indent, ty, tw, &o.text, BODY, None) + 0.5;
            ty += f.b.text(f.x + indent, ty, tw, &meta, SMALL, None);
            f.y = ty.max(f.y + CHIP + 0.4) + 2.0;
        }
    }
}
