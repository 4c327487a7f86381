//! Marks several bands draw alike: the impact star (cards, the emotion curve, the legend), the
//! grey row label (lanes, the emotion band, the data row) and the "?" of an assumption.

use super::builder::{Align, Builder, TextStyle};
use super::palette::{AMBER, INK, INK_FAINT, LABEL_BG, PAPER};
use super::plan::Plan;
use crate::scene::{RecordRef, TextRole};

/// The "?" in the ring of an assumption (on a card and in the legend).
pub(super) const QUESTION: TextStyle = TextStyle {
    pt: 7.0,
    bold: true,
    colour: INK_FAINT,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};

/// A row's bold title in its label block.
const ROW_LABEL: TextStyle = TextStyle {
    pt: 11.0,
    bold: true,
    colour: INK,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};

/// An impact-moment badge: a white star on an amber disc.
pub(super) fn star(b: &mut Builder, x: f32, y: f32, r: f32, target: Option<RecordRef>) {
    b.circle(
        x,
        y,
        r,
        Some(AMBER),
        b.stroke(PAPER, 0.35, &[]),
        target.clone(),
    );
    let pts: Vec<(f32, f32)> = (0..10)
        .map(|i| {
            let a = -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::PI / 5.0;
            let rr = if i % 2 == 0 { r * 0.68 } else { r * 0.28 };
            (x + rr * a.cos(), y + rr * a.sin())
        })
        .collect();
    b.polygon(&pts, PAPER, target);
}

/// The grey label block at the left of a row (a lane, the emotion curve, the data row) with its
/// bold title; returns the title's height so a hint can follow it.
pub(super) fn row_label(
    b: &mut Builder,
    plan: &Plan,
    y: f32,
    h: f32,
    title: &str,
    max_lines: usize,
    target: Option<RecordRef>,
) -> f32 {
    b.rect(
        0.0,
        y + 0.6,
        plan.label_w - 2.0,
        h - 1.2,
        2.0,
        Some(LABEL_BG),
        None,
        target.clone(),
    );
    b.text(
        3.0,
        y + 3.0,
        plan.label_w - 7.0,
        title,
        ROW_LABEL.lines(max_lines),
        target,
    )
}
