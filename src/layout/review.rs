//! The review band, under the lanes (and the data band): the team's answers to the method's
//! review questions, one row per question that has an answer. The answer for the whole journey
//! runs across the row; the answers per phase sit in their phase's column under it.
//!
//! Only present when there is an answer ([`has_review`]), so maps without one lay out exactly
//! as before. [`height`] is what the plan reserves; [`draw`] fills it with the same sizes.

use super::builder::{rec, Align, Builder, TextStyle};
use super::marks::row_label;
use super::palette::{INK, INK_SOFT, PAPER, RULE};
use super::plan::{pt_mm, Plan, LINE};
use super::Ctx;
use crate::model::{Journey, Lang, ReviewQuestion};
use crate::scene::{RecordKind, TextRole};

/// An answer for the whole journey.
const JOURNEY_ANSWER: TextStyle = TextStyle {
    pt: 10.0,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 4,
};
/// An answer for one phase.
const PHASE_ANSWER: TextStyle = TextStyle {
    pt: 9.5,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 6,
};
const PAD: f32 = 3.0;
const MIN_ROW: f32 = 16.0;
/// The row label holds the question (up to four lines).
const LABEL_LINES: usize = 4;

/// True when the journey or one of its phases has an answer.
pub(super) fn has_review(j: &Journey) -> bool {
    !j.meta.review.is_empty() || j.phases.iter().any(|p| !p.review.is_empty())
}

/// The question as printed.
pub(super) fn question(lang: Lang, q: ReviewQuestion) -> &'static str {
    match (lang, q) {
        (Lang::Nl, ReviewQuestion::Surprises) => "Wat verrast ons?",
        (Lang::Nl, ReviewQuestion::Missing) => "Welke cruciale zaken ontbreken?",
        (Lang::Nl, ReviewQuestion::Improve) => "Waar kan de reis het meest verbeteren?",
        (Lang::Nl, ReviewQuestion::Competitors) => {
            "Hoe verhoudt de reis zich tot onze concurrenten?"
        }
        (Lang::En, ReviewQuestion::Surprises) => "What surprises us?",
        (Lang::En, ReviewQuestion::Missing) => "What crucial things are missing?",
        (Lang::En, ReviewQuestion::Improve) => "Where can the journey improve most?",
        (Lang::En, ReviewQuestion::Competitors) => "How does it compare with our competitors?",
    }
}

/// The questions with an answer somewhere, in the method's order.
fn answered(j: &Journey) -> Vec<ReviewQuestion> {
    ReviewQuestion::ALL
        .into_iter()
        .filter(|&q| {
            !j.meta.review.answer(q).trim().is_empty()
                || j.phases
                    .iter()
                    .any(|p| !p.review.answer(q).trim().is_empty())
        })
        .collect()
}

/// Lines of `text` in `style` within `w` (natural mm), capped as the style cuts them.
fn lines(cx: &Ctx, text: &str, style: TextStyle, w: f32) -> f32 {
    let t = text.trim();
    if t.is_empty() {
        return 0.0;
    }
    let n = cx.line_count(t, style.bold, w / pt_mm(style.pt));
    n.min(style.max_lines) as f32 * pt_mm(style.pt) * LINE
}

/// Heights of the rows, one per answered question, for columns `col_w` and the map `right`.
fn rows(cx: &Ctx, j: &Journey, label_w: f32, col_w: &[f32], right: f32) -> Vec<f32> {
    answered(j)
        .into_iter()
        .map(|q| {
            let across = lines(
                cx,
                j.meta.review.answer(q),
                JOURNEY_ANSWER,
                right - label_w - 8.0,
            );
            let per_phase = j
                .phases
                .iter()
                .zip(col_w)
                .map(|(p, w)| lines(cx, p.review.answer(q), PHASE_ANSWER, w - 8.0))
                .fold(0.0, f32::max);
            let gap = if across > 0.0 && per_phase > 0.0 {
                2.0
            } else {
                0.0
            };
            // The question in the row label (as `marks::row_label` sets it: 11 pt bold, its
            // first line's top 3 mm down).
            let label = cx
                .line_count(question(cx.lang, q), true, (label_w - 7.0) / pt_mm(11.0))
                .min(LABEL_LINES) as f32
                * pt_mm(11.0)
                * LINE;
            (across + gap + per_phase + 2.0 * PAD)
                .max(label + 3.0 + PAD)
                .max(MIN_ROW)
        })
        .collect()
}

/// The band's height (0 without answers) for equal columns `col` wide.
pub(super) fn height(cx: &Ctx, j: &Journey, label_w: f32, col: f32) -> f32 {
    if !has_review(j) {
        return 0.0;
    }
    let cols = vec![col; j.phases.len()];
    let right = label_w + col * j.phases.len() as f32;
    rows(cx, j, label_w, &cols, right).iter().sum::<f32>() + super::plan::SECTION_GAP
}

pub(super) fn draw(b: &mut Builder, cx: &Ctx, j: &Journey, plan: &Plan, xs: &[f32], y: f32) {
    let right =
        xs.last().copied().unwrap_or(plan.label_w) + plan.col_w.last().copied().unwrap_or(0.0);
    let heights = rows(cx, j, plan.label_w, &plan.col_w, right);
    let mut y = y + super::plan::SECTION_GAP;
    let jt = rec(RecordKind::Journey, &j.meta.id);
    for (q, h) in answered(j).into_iter().zip(heights) {
        b.rect(
            plan.label_w,
            y,
            right - plan.label_w,
            h,
            0.0,
            Some(PAPER),
            b.stroke(RULE, 0.3, &[]),
            None,
        );
        row_label(b, plan, y, h, question(cx.lang, q), LABEL_LINES, None);
        let mut ty = y + PAD;
        let across = j.meta.review.answer(q).trim();
        if !across.is_empty() {
            ty += b.text(
                plan.label_w + 4.0,
                ty,
                right - plan.label_w - 8.0,
                across,
                JOURNEY_ANSWER,
                jt.clone(),
            ) + 2.0;
        }
        for (i, p) in j.phases.iter().enumerate() {
            if i > 0 {
                b.line(
                    &[(xs[i], ty), (xs[i], y + h - 2.0)],
                    b.stroke(RULE, 0.35, &[0.4, 1.6]),
                );
            }
            let a = p.review.answer(q).trim();
            if !a.is_empty() {
                b.text(
                    xs[i] + 4.0,
                    ty,
                    plan.col_w[i] - 8.0,
                    a,
                    PHASE_ANSWER,
                    rec(RecordKind::Phase, &p.id),
                );
            }
        }
        y += h;
    }
}
