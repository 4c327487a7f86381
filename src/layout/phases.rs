//! The phase band: a dark header per phase column with its number, name and duration; and the
//! columns' x positions, which every band below lines up with.

use super::builder::{rec, Align, Builder, TextStyle};
use super::palette::{HEADER, HEADER_SOFT, PAPER};
use super::plan::{pt_mm, Plan, HEAD_H};
use crate::model::Journey;
use crate::scene::{Key, RecordKind, Region, TextRole};

/// Number and name (“1  Orientation”) at 13 pt, smaller in a narrow column.
const NAME: TextStyle = TextStyle {
    pt: 13.0,
    bold: true,
    colour: PAPER,
    role: TextRole::Heading,
    align: Align::Left,
    max_lines: 1,
};
/// How long the phase takes.
const DURATION: TextStyle = TextStyle {
    pt: 9.0,
    bold: false,
    colour: HEADER_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};

/// Left edge of every phase column, and the right edge of the last one.
pub(super) fn columns(plan: &Plan) -> (Vec<f32>, f32) {
    let x0 = plan.label_w;
    let mut xs = Vec::with_capacity(plan.col_w.len());
    let mut x = x0;
    for cw in &plan.col_w {
        xs.push(x);
        x += cw;
    }
    (xs, x)
}

/// The phase headers along `top`, one per column.
pub(super) fn draw(b: &mut Builder, j: &Journey, plan: &Plan, xs: &[f32], top: f32) {
    for (i, p) in j.phases.iter().enumerate() {
        let (px, cw) = (xs[i], plan.col_w[i]);
        let t = rec(RecordKind::Phase, &p.id);
        b.begin(Key::phase(&p.id), px, top);
        b.rect(
            px + 1.0,
            top,
            cw - 2.0,
            HEAD_H - 2.0,
            2.0,
            Some(HEADER),
            None,
            t.clone(),
        );
        let name = format!("{}  {}", i + 1, p.name);
        let dur = p.duration.as_deref().unwrap_or("");
        let name_y = if dur.is_empty() { top + 3.6 } else { top + 1.8 };
        // A long name in a narrow column gets smaller (down to 9 pt) before it is cut short.
        let name_pt = (13.0 * (cw - 8.0) / (b.width_em(&name, true) * pt_mm(13.0)).max(1e-3))
            .clamp(9.0, 13.0);
        b.text(
            px + 4.0,
            name_y + (13.0 - name_pt) * 0.12,
            cw - 8.0,
            &name,
            NAME.pt(name_pt),
            t.clone(),
        );
        if !dur.is_empty() {
            b.text(px + 4.0, top + 8.6, cw - 8.0, dur, DURATION, t.clone());
        }
        let r = b.r(px, top, cw, HEAD_H);
        b.region(Region::PhaseHeader {
            rect: r,
            phase_id: p.id.clone(),
        });
        b.end();
    }
}
