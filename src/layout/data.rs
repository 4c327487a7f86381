//! The data band: per phase the number of customers, the drop-off (with a bar) and the
//! throughput time; on a blank canvas, dotted blanks to fill in.

use super::builder::{rec, Align, Builder, TextStyle};
use super::marks::row_label;
use super::palette::{BAD, GOOD_SOFT, HINT, INK, INK_SOFT, PAPER, RULE};
use super::plan::{pt_mm, Plan, LINE};
use super::Ctx;
use crate::model::Journey;
use crate::scene::words::{int as format_int, pct as format_pct};
use crate::scene::{RecordKind, TextRole};

/// The blanks of a workshop canvas.
const BLANKS: TextStyle = TextStyle {
    pt: 10.0,
    bold: false,
    colour: HINT,
    role: TextRole::Hint,
    align: Align::Left,
    max_lines: 2,
};
/// The number of customers.
const CUSTOMERS: TextStyle = TextStyle {
    pt: 11.0,
    bold: true,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 1,
};
/// The drop-off percentage, beside its bar.
const DROP_OFF: TextStyle = TextStyle {
    pt: 9.5,
    bold: false,
    colour: BAD,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 1,
};
/// The throughput time.
const THROUGHPUT: TextStyle = TextStyle {
    pt: 9.5,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 1,
};

pub(super) fn draw(b: &mut Builder, cx: &Ctx, j: &Journey, plan: &Plan, xs: &[f32], y: f32) {
    let h = plan.data_h;
    let right =
        xs.last().copied().unwrap_or(plan.label_w) + plan.col_w.last().copied().unwrap_or(0.0);
    b.rect(
        plan.label_w,
        y,
        right - plan.label_w,
        h,
        0.0,
        Some(PAPER),
        None,
        None,
    );
    row_label(b, plan, y, h, cx.w.data, 2, None);
    for (i, p) in j.phases.iter().enumerate() {
        let (x, w) = (xs[i] + 4.0, plan.col_w[i] - 8.0);
        if i > 0 {
            b.line(
                &[(xs[i], y + 2.0), (xs[i], y + h - 2.0)],
                b.stroke(RULE, 0.35, &[0.4, 1.6]),
            );
        }
        let t = rec(RecordKind::Phase, &p.id);
        let Some(d) = &p.data else { continue };
        if plan.blank {
            let line = format!(
                "{}: ……   {}: …… %   {}: ……",
                cx.w.customers, cx.w.drop_off, cx.w.throughput
            );
            b.text(x, y + 4.0, w, &line, BLANKS, t);
            continue;
        }
        let mut ty = y + 2.5;
        if let Some(n) = d.customers {
            ty += b.text(
                x,
                ty,
                w,
                &format!("{} {}", format_int(n, cx.lang), cx.w.customers),
                CUSTOMERS,
                t.clone(),
            );
        }
        if let Some(pct) = d.drop_off_pct {
            let label = format!("{} {}", cx.w.drop_off, format_pct(pct, cx.lang));
            let lw = b.width_em(&label, false) * pt_mm(9.5) + 2.0;
            b.text(x, ty, w, &label, DROP_OFF, t.clone());
            let (bx, bw) = (x + lw, (w - lw).clamp(0.0, 40.0));
            if bw > 6.0 {
                b.rect(bx, ty + 1.1, bw, 2.2, 1.1, Some(GOOD_SOFT), None, None);
                b.rect(
                    bx,
                    ty + 1.1,
                    bw * (pct as f32 / 100.0).clamp(0.0, 1.0),
                    2.2,
                    1.1,
                    Some(BAD),
                    None,
                    None,
                );
            }
            ty += pt_mm(9.5) * LINE;
        }
        if let Some(tp) = &d.throughput {
            b.text(
                x,
                ty,
                w,
                &format!("{}: {tp}", cx.w.throughput),
                THROUGHPUT,
                t.clone(),
            );
        }
    }
}
