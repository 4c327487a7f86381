//! The footer band: the legend (impact, validated, assumption, refuted, company not involved;
//! filled map only) and the stamp (title, version, last change, date of printing) at the right,
//! under the legend when the page is too narrow for both on one line.

use super::builder::{rec, Align, Builder, TextStyle};
use super::marks::{star, QUESTION};
use super::palette::{BAD, BAND_B, GOOD, INK_FAINT, INK_SOFT, PAPER};
use super::plan::{pt_mm, Plan};
use super::{Ctx, LayoutOptions};
use crate::model::Journey;
use crate::scene::{RecordKind, TextRole};

/// A legend entry.
const LEGEND: TextStyle = TextStyle {
    pt: 8.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};
/// “Klantreis” at the left.
const BRAND: TextStyle = TextStyle {
    pt: 9.0,
    bold: true,
    colour: INK_FAINT,
    role: TextRole::Stamp,
    align: Align::Left,
    max_lines: 1,
};
/// Title, version and dates at the right.
const STAMP: TextStyle = TextStyle {
    pt: 9.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Stamp,
    align: Align::Right,
    max_lines: 1,
};

pub(super) fn draw(
    b: &mut Builder,
    cx: &Ctx,
    j: &Journey,
    plan: &Plan,
    y: f32,
    opts: &LayoutOptions,
) {
    let w = plan.width;
    let mut legend_end = plan.label_w;
    // Legend (filled map only: a blank canvas has nothing to explain yet).
    if !plan.blank {
        let mut x = plan.label_w;
        let ly = y + 3.0;
        star(b, x + 2.0, ly, 2.0, None);
        b.text(x + 5.0, ly - 1.9, 60.0, cx.w.impact, LEGEND, None);
        x += 5.0 + b.width_em(cx.w.impact, false) * pt_mm(8.0) + 6.0;
        for (fill, label, kind) in [
            (Some(GOOD), cx.w.validated, 0),
            (None, cx.w.assumption, 1),
            (Some(BAD), cx.w.refuted, 2),
        ] {
            b.circle(
                x + 2.0,
                ly,
                2.0,
                fill,
                if fill.is_none() {
                    b.stroke(INK_FAINT, 0.25, &[])
                } else {
                    None
                },
                None,
            );
            match kind {
                0 => b.line(
                    &[
                        (x + 1.05, ly + 0.05),
                        (x + 1.75, ly + 0.8),
                        (x + 3.0, ly - 0.75),
                    ],
                    b.stroke(PAPER, 0.45, &[]),
                ),
                1 => {
                    b.text(x, ly - 1.45, 4.0, "?", QUESTION, None);
                }
                _ => {
                    b.line(
                        &[(x + 1.2, ly - 0.8), (x + 2.8, ly + 0.8)],
                        b.stroke(PAPER, 0.45, &[]),
                    );
                    b.line(
                        &[(x + 1.2, ly + 0.8), (x + 2.8, ly - 0.8)],
                        b.stroke(PAPER, 0.45, &[]),
                    );
                }
            }
            b.text(x + 5.0, ly - 1.9, 60.0, label, LEGEND, None);
            x += 5.0 + b.width_em(label, false) * pt_mm(8.0) + 6.0;
        }
        b.rect(
            x,
            ly - 2.0,
            6.0,
            4.0,
            0.8,
            Some(BAND_B),
            b.stroke(INK_FAINT, 0.35, &[1.2, 0.8]),
            None,
        );
        legend_end = x + 8.0 + b.width_em(cx.w.not_involved, false) * pt_mm(8.0);
        b.text(x + 8.0, ly - 1.9, 60.0, cx.w.not_involved, LEGEND, None);
        // A service blueprint's fail and wait points, when the map has any.
        let mut words = |b: &mut Builder, x: f32, text: &str| {
            b.text(x, ly - 1.9, 60.0, text, LEGEND, None);
            b.width_em(text, false) * pt_mm(8.0)
        };
        legend_end = super::blueprint::legend(b, j, cx.lang, legend_end + 6.0, ly, &mut words)
            .max(legend_end);
    }
    b.text(0.0, y + 1.1, plan.label_w, "Klantreis", BRAND, None);
    let mut stamp = format!("{}  ·  {} {}", j.meta.title, cx.w.version, j.meta.version);
    if j.meta.updated.len() >= 10 {
        stamp.push_str(&format!("  ·  {} {}", cx.w.updated, &j.meta.updated[..10]));
    }
    if let Some(d) = &opts.printed {
        stamp.push_str(&format!("  ·  {} {d}", cx.w.printed));
    }
    // On a narrow page the stamp goes under the legend rather than over it.
    let stamp_w = b.width_em(&stamp, false) * pt_mm(9.0);
    let stamp_y = if legend_end + 8.0 + stamp_w > w {
        y + 6.0
    } else {
        y + 1.1
    };
    b.text(
        0.0,
        stamp_y,
        w,
        &stamp,
        STAMP,
        rec(RecordKind::Journey, &j.meta.id),
    );
}
