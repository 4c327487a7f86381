//! The links between cards, drawn over the map as arrows: a **jump forward** (to a card later
//! in the journey) is a solid curve, from the right edge of its card to the left edge of the
//! other, or bowing under the notes when both sit in one row; a **loop back** (to an earlier
//! card) is a dashed arc in a warmer colour over the top of both cards, so the two read apart
//! at a glance and in black and white. The label sits
//! on a small white plate at the curve's midpoint.
//!
//! Drawn from the sticky notes the lanes band laid out, so the arrows meet the notes wherever
//! the arrangement put them; a link whose cards are not drawn (the blank canvas) is skipped.
//! Every item carries the link as its target, so the screen can select it.

use std::collections::HashMap;

use super::builder::{r2, rec, Builder, TextStyle};
use super::palette::{LINK_BACK, LINK_FORWARD, PAPER};
use crate::model::Journey;
use crate::scene::{Item, Key, RecordKind, Seg, TextRole};

const LINE_W: f32 = 0.55;
const HEAD_L: f32 = 3.2;
const HEAD_W: f32 = 2.6;
const LABEL: TextStyle = TextStyle {
    pt: 9.0,
    bold: false,
    colour: LINK_FORWARD,
    role: TextRole::Label,
    align: super::builder::Align::Centre,
    max_lines: 2,
};

/// Natural-unit points (x, y).
type P = (f32, f32);

pub(super) fn draw(b: &mut Builder, j: &Journey) {
    if j.meta.links.is_empty() {
        return;
    }
    // Each card's note in natural millimetres, from where the lanes put it on the page.
    let (ox, oy, sc) = (b.ox, b.oy, b.s);
    let notes: HashMap<String, (f32, f32, f32, f32)> = b
        .notes
        .iter()
        .map(|(id, rect)| {
            (
                id.clone(),
                (
                    (rect.x.0 - ox) / sc,
                    (rect.y.0 - oy) / sc,
                    rect.w.0 / sc,
                    rect.h.0 / sc,
                ),
            )
        })
        .collect();
    let phase = j.phase_index();
    for l in &j.meta.links {
        let (Some(ra), Some(rb)) = (notes.get(l.from.as_str()), notes.get(l.to.as_str())) else {
            continue;
        };
        let (Some(ca), Some(cb)) = (j.card(&l.from), j.card(&l.to)) else {
            continue;
        };
        let (ax, ay, aw, ah) = *ra;
        let (bx, by, bw, bh) = *rb;
        let pa = phase.get(ca.phase_id.as_str()).copied().unwrap_or(0);
        let pb = phase.get(cb.phase_id.as_str()).copied().unwrap_or(0);
        // Later phase, or the same phase and further along (right, then down): forward.
        let forward = pb > pa || (pb == pa && (bx > ax + 0.5 || (bx > ax - 0.5 && by > ay)));
        // Notes in one row: the arrow bows under them (forward) or over them (back), so it
        // never runs through the notes between.
        let same_row = (ay + ah / 2.0 - by - bh / 2.0).abs() < ah.min(bh) / 2.0;
        let bow = |dx: f32| (6.0 + dx.abs() * 0.04).min(16.0);
        let (p0, c1, c2, p3, colour, dash): (P, P, P, P, _, &[f32]) =
            if forward && same_row && bx > ax + aw {
                let p0 = (ax + aw / 2.0, ay + ah);
                let p3 = (bx + bw / 2.0, by + bh + HEAD_L * 0.4);
                let low = p0.1.max(p3.1) + bow(p3.0 - p0.0);
                (p0, (p0.0, low), (p3.0, low), p3, LINK_FORWARD, &[])
            } else if forward && bx > ax + aw {
                // Another row, further on: an S from the right edge to the left edge.
                let p0 = (ax + aw, ay + ah / 2.0);
                let p3 = (bx - HEAD_L * 0.4, by + bh / 2.0);
                let d = ((p3.0 - p0.0) * 0.45).max(8.0);
                (
                    p0,
                    (p0.0 + d, p0.1),
                    (p3.0 - d, p3.1),
                    p3,
                    LINK_FORWARD,
                    &[],
                )
            } else if forward {
                // Same column: from the bottom of one note down to the top of the next.
                let (p0, p3) = if by >= ay {
                    ((ax + aw / 2.0, ay + ah), (bx + bw / 2.0, by - HEAD_L * 0.4))
                } else {
                    ((ax + aw / 2.0, ay), (bx + bw / 2.0, by + bh + HEAD_L * 0.4))
                };
                let d = ((p3.1 - p0.1) * 0.45).abs().max(6.0) * (p3.1 - p0.1).signum();
                let side = 10.0;
                (
                    p0,
                    (p0.0 + side, p0.1 + d),
                    (p3.0 + side, p3.1 - d),
                    p3,
                    LINK_FORWARD,
                    &[],
                )
            } else {
                // Back: a dashed arc over the top of both notes, kept low so it stays in the lanes.
                let p0 = (ax + aw / 2.0, ay);
                let p3 = (bx + bw / 2.0, by - HEAD_L * 0.4);
                let top = ay.min(by) - bow(p0.0 - p3.0);
                (p0, (p0.0, top), (p3.0, top), p3, LINK_BACK, &[2.2, 1.4])
            };
        let target = rec(RecordKind::Link, &l.id);
        // The link's group sits at the top left of its curve's start.
        b.begin(Key::link(&l.id), p0.0.min(p3.0), p0.1.min(p3.1));
        let stroke = b.stroke(colour, LINE_W, dash);
        let segs = vec![
            Seg::Move {
                to: b.p(p0.0, p0.1),
            },
            Seg::Cubic {
                c1: b.p(c1.0, c1.1),
                c2: b.p(c2.0, c2.1),
                to: b.p(p3.0, p3.1),
            },
        ];
        b.push(Item::Path {
            segs,
            fill: None,
            stroke,
            target: target.clone(),
        });
        // The head points along the curve's last tangent.
        let (tx, ty) = (p3.0 - c2.0, p3.1 - c2.1);
        let n = (tx * tx + ty * ty).sqrt().max(0.001);
        let (ux, uy) = (tx / n, ty / n);
        let tip = (p3.0 + ux * HEAD_L * 0.4, p3.1 + uy * HEAD_L * 0.4);
        let base = (tip.0 - ux * HEAD_L, tip.1 - uy * HEAD_L);
        let half = HEAD_W / 2.0;
        b.polygon(
            &[
                tip,
                (base.0 - uy * half, base.1 + ux * half),
                (base.0 + uy * half, base.1 - ux * half),
            ],
            colour,
            target.clone(),
        );
        let label = l.label.trim();
        if !label.is_empty() {
            let mid = cubic_mid(p0, c1, c2, p3);
            let max_w = 34.0;
            let style = LABEL.colour(colour);
            let size = super::plan::pt_mm(style.pt);
            let one_line = b.width_em(label, false) * size;
            let w = one_line.min(max_w) + 3.0;
            let rows = if one_line > max_w { 2.0 } else { 1.0 };
            let h = rows * size * super::plan::LINE + 1.4;
            b.rect(
                mid.0 - w / 2.0,
                mid.1 - h / 2.0,
                w,
                h,
                h.min(3.0) / 2.0,
                Some(PAPER),
                b.stroke(colour, 0.25, &[]),
                target.clone(),
            );
            b.text(
                mid.0 - w / 2.0,
                mid.1 - h / 2.0 + 0.7,
                w,
                label,
                style,
                target,
            );
        }
        b.end();
    }
}

fn cubic_mid(p0: P, c1: P, c2: P, p3: P) -> P {
    // B(0.5) = (p0 + 3 c1 + 3 c2 + p3) / 8
    (
        r2((p0.0 + 3.0 * c1.0 + 3.0 * c2.0 + p3.0) / 8.0),
        r2((p0.1 + 3.0 * c1.1 + 3.0 * c2.1 + p3.1) / 8.0),
    )
}
