//! Evidence per phase: a table of the cards in each phase that are assumptions, validated or
//! refuted, and the share validated as a small bar, with the journey's total as the last row.

use super::super::builder::{Align, TextStyle};
use super::super::palette::{BAND_A, GOOD, GOOD_SOFT, INK, INK_SOFT, RULE};
use super::flow::{Flow, BODY, SMALL};
use crate::analysis::evidence::Counts;
use crate::analysis::Insights;
use crate::model::Journey;
use crate::scene::words::pct;
use crate::scene::TextRole;

/// A number in a column.
const CELL: TextStyle = TextStyle {
    pt: 8.5,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Right,
    max_lines: 1,
};

/// Widths of the number columns (cards, assumptions, validated, refuted) and the share bar.
const NUM_W: f32 = 20.0;
const SHARE_W: f32 = 38.0;

pub(super) fn draw(f: &mut Flow, j: &Journey, ins: &Insights) {
    let lang = f.cx.lang;
    f.heading(
        lang.pick("Onderbouwing per fase", "Evidence per phase"),
        20.0,
    );
    f.para(
        lang.pick("Hoeveel van de kaarten is getoetst bij klanten, en hoeveel is nog een aanname.",
            "How much of the map has been checked with customers, and how much is still an assumption.",
        ),
        SMALL,
    );
    let name_w = f.w - 4.0 * NUM_W - SHARE_W;
    let head = [
        lang.pick("kaarten", "cards"),
        lang.pick("aannames", "assumptions"),
        lang.pick("gevalideerd", "validated"),
        lang.pick("weerlegd", "refuted"),
    ];
    let head_h = 5.5;
    f.need(head_h + 8.0);
    let y = f.y;
    f.b.text(
        f.x,
        y,
        name_w,
        lang.pick("Fase", "Phase"),
        SMALL.bold(true),
        None,
    );
    for (i, h) in head.iter().enumerate() {
        let x = f.x + name_w + i as f32 * NUM_W;
        f.b.text(
            x,
            y,
            NUM_W - 1.5,
            h,
            SMALL.bold(true).lines(1).align_right(),
            None,
        );
    }
    f.b.text(
        f.x + name_w + 4.0 * NUM_W + 2.0,
        y,
        SHARE_W - 2.0,
        lang.pick("aandeel gevalideerd", "share validated"),
        SMALL.bold(true).lines(1),
        None,
    );
    f.y += head_h;
    let rule = f.b.stroke(RULE, 0.3, &[]);
    f.b.line(&[(f.x, f.y - 1.0), (f.x + f.w, f.y - 1.0)], rule);
    let mut rows: Vec<(String, &Counts, bool)> = ins
        .evidence
        .phases
        .iter()
        .map(|p| {
            let name = j
                .phase(&p.phase_id)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            (name, &p.counts, false)
        })
        .collect();
    rows.push((
        lang.pick("Totaal", "Total").to_string(),
        &ins.evidence.total,
        true,
    ));
    for (i, (name, c, total)) in rows.into_iter().enumerate() {
        let style = BODY.pt(8.5).bold(total);
        let h = f.measure(&name, style, name_w - 3.0).max(4.0) + 2.4;
        f.need(h);
        let y = f.y;
        if i % 2 == 0 && !total {
            f.b.rect(f.x, y - 0.6, f.w, h, 0.6, Some(BAND_A), None, None);
        }
        if total {
            let s = f.b.stroke(INK_SOFT, 0.3, &[]);
            f.b.line(&[(f.x, y - 0.6), (f.x + f.w, y - 0.6)], s);
        }
        f.b.text(f.x + 1.5, y + 0.6, name_w - 3.0, &name, style, None);
        for (k, v) in [c.cards, c.assumptions, c.validated, c.refuted]
            .iter()
            .enumerate()
        {
            let x = f.x + name_w + k as f32 * NUM_W;
            f.b.text(
                x,
                y + 0.6,
                NUM_W - 1.5,
                &v.to_string(),
                CELL.bold(total),
                None,
            );
        }
        let bx = f.x + name_w + 4.0 * NUM_W + 2.0;
        let bar_w = SHARE_W - 16.0;
        f.b.rect(bx, y + 1.1, bar_w, 2.6, 1.3, Some(GOOD_SOFT), None, None);
        if let Some(s) = c.validated_share {
            if s > 0.0 {
                let w = (bar_w * s as f32).max(2.6);
                f.b.rect(bx, y + 1.1, w, 2.6, 1.3, Some(GOOD), None, None);
            }
            f.b.text(
                bx + bar_w + 1.5,
                y + 0.6,
                13.0,
                &pct(s * 100.0, lang),
                CELL.bold(total).align_left(),
                None,
            );
        } else {
            f.b.text(
                bx + bar_w + 1.5,
                y + 0.6,
                13.0,
                "–",
                CELL.align_left(),
                None,
            );
        }
        f.y += h;
    }
    f.y += 1.0;
}
