//! The data band: per phase the number of customers, the drop-off and the throughput time,
//! over a funnel chart (a bar per phase for the customers entering it, the part it loses in
//! red at the bar's end, all on one scale, so the loss from phase to phase reads at a
//! glance); on a blank canvas, dotted blanks to fill in.

use super::builder::{rec, Align, Builder, TextStyle};
use super::marks::row_label;
use super::palette::{BAD, GOOD_SOFT, HINT, INK, INK_SOFT, PAPER, RULE};
use super::plan::{pt_mm, Plan, LINE};
use super::Ctx;
use crate::analysis::funnel::funnel;
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
    // The funnel's figures (the customers entering a phase follow from the one before when
    // not filled in), on one scale: the largest number of customers is a full column.
    let fu = if plan.blank { None } else { Some(funnel(j).0) };
    let widest = fu
        .iter()
        .flat_map(|f| f.phases.iter())
        .filter_map(|p| p.customers_in)
        .max()
        .unwrap_or(0);
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
            b.text(x, ty, w, &label, DROP_OFF, t.clone());
            ty += pt_mm(9.5) * LINE;
        }
        if let Some(f) = fu
            .as_ref()
            .and_then(|f| f.phases.iter().find(|f| f.phase_id == p.id))
        {
            funnel_bar(b, f, widest, x, y + h - FUNNEL_H - 2.0, w);
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

/// The funnel bar's height.
const FUNNEL_H: f32 = 3.0;

/// One phase's funnel bar at the bottom of its cell: the customers entering it as a share of
/// the widest phase, the part lost in it in red at the end. Nothing without a number entering.
fn funnel_bar(
    b: &mut Builder,
    f: &crate::analysis::funnel::PhaseFunnel,
    widest: u64,
    x: f32,
    y: f32,
    w: f32,
) {
    let Some(n) = f.customers_in.filter(|_| widest > 0) else {
        return;
    };
    let full = w * (n as f32 / widest as f32).clamp(0.0, 1.0);
    if full < 0.5 {
        return;
    }
    b.rect(x, y, full, FUNNEL_H, 0.8, Some(GOOD_SOFT), None, None);
    let lost = match (f.lost, f.drop_off_pct) {
        (Some(l), _) if n > 0 => l as f32 / n as f32,
        (_, Some(pct)) => pct as f32 / 100.0,
        _ => 0.0,
    };
    let lw = full * lost.clamp(0.0, 1.0);
    if lw > 0.0 {
        b.rect(x + full - lw, y, lw, FUNNEL_H, 0.8, Some(BAD), None, None);
    }
}
