//! The grid of the comparison page: a label column, then one column per row of the
//! comparison (a pair of phases, or a phase on one side only), and the bands top to bottom:
//! phase names, both emotion curves in one chart, lowest and mean emotion with the difference,
//! cards only in A, only in B, pain points and impact moments on one side only, and the funnel
//! where any pair has data on both sides.

use super::super::builder::{Align, Builder, TextStyle};
use super::super::palette::{
    emotion_colour, BAND_A, BAND_B, COMPARE_A, COMPARE_B, GOOD, HEADER, INK, INK_FAINT, INK_SOFT,
    PAPER, RULE,
};
use super::super::plan::{pt_mm, LINE};
use crate::analysis::compare::{CardRef, Comparison, EmotionSide, PhaseComparison};
use crate::analysis::format::num;
use crate::model::Lang;
use crate::scene::{Stroke, TextRole};

const LABEL_W: f32 = 34.0;

const PHASE: TextStyle = TextStyle {
    pt: 9.0,
    bold: true,
    colour: PAPER,
    role: TextRole::Heading,
    align: Align::Centre,
    max_lines: 1,
};
const LABEL: TextStyle = TextStyle {
    pt: 7.5,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 2,
};
const ITEM: TextStyle = TextStyle {
    pt: 6.5,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 2,
};
const FIGURE: TextStyle = TextStyle {
    pt: 7.5,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 1,
};
const SCALE: TextStyle = TextStyle {
    pt: 6.5,
    bold: false,
    colour: INK_FAINT,
    role: TextRole::Label,
    align: Align::Right,
    max_lines: 1,
};

/// The strokes of journey A (solid) and B (dashed) in the chart and the legend.
pub(super) fn strokes(b: &Builder) -> (Option<Stroke>, Option<Stroke>) {
    (
        b.stroke(COMPARE_A, 0.6, &[]),
        b.stroke(COMPARE_B, 0.6, &[1.6, 0.9]),
    )
}

fn phase_name(r: &PhaseComparison) -> (String, Option<String>) {
    let name = |p: &Option<crate::analysis::compare::PhaseRef>| {
        p.as_ref().map_or("—".to_string(), |p| p.name.clone())
    };
    match (&r.phase_a, &r.phase_b) {
        (Some(a), Some(b)) if crate::analysis::compare::same_name(&a.name, &b.name) => {
            (a.name.clone(), None)
        }
        _ => (name(&r.phase_a), Some(format!("↔ {}", name(&r.phase_b)))),
    }
}

/// Draws the grid into `(x, y, w, h)` (natural mm).
pub(super) fn draw(
    b: &mut Builder,
    c: &Comparison,
    lang: Lang,
    (x, y, w, h): (f32, f32, f32, f32),
) {
    let n = c.phases.len().max(1);
    let cw = (w - LABEL_W) / n as f32;
    let col = |i: usize| x + LABEL_W + i as f32 * cw;
    let has_funnel = c.phases.iter().any(|r| r.funnel.is_some());
    let head_h = 11.0;
    let chart_h = (h * 0.42).clamp(40.0, 160.0);
    let fig_h = 12.0;
    let funnel_h = if has_funnel { 11.0 } else { 0.0 };
    let list_h = ((h - head_h - chart_h - fig_h - funnel_h) / 4.0).max(8.0);

    // Phase headers.
    for (i, r) in c.phases.iter().enumerate() {
        b.rect(
            col(i) + 0.5,
            y,
            cw - 1.0,
            head_h,
            1.5,
            Some(HEADER),
            None,
            None,
        );
        let (top, below) = phase_name(r);
        let yy = y + if below.is_some() { 1.2 } else { 3.2 };
        b.text(col(i) + 1.5, yy, cw - 3.0, &top, PHASE, None);
        if let Some(bn) = below {
            b.text(
                col(i) + 1.5,
                yy + 4.6,
                cw - 3.0,
                &bn,
                PHASE.pt(7.0).bold(false),
                None,
            );
        }
    }
    let mut yy = y + head_h + 1.0;

    // The bands, alternately tinted, each with its label.
    let bands: [(&str, f32); 7] = [
        (lang.pick("Emotie", "Emotion"), chart_h),
        (lang.pick("Laagste / gemiddeld", "Lowest / mean"), fig_h),
        (lang.pick("Alleen in A", "Only in A"), list_h),
        (lang.pick("Alleen in B", "Only in B"), list_h),
        (
            lang.pick("Pijnpunten aan één kant", "Pain points on one side"),
            list_h,
        ),
        (
            lang.pick("Impactmomenten aan één kant", "Impact moments on one side"),
            list_h,
        ),
        (
            lang.pick("Klanten / uitval", "Customers / drop-off"),
            funnel_h,
        ),
    ];
    for (k, (label, bh)) in bands.iter().enumerate() {
        if *bh <= 0.0 {
            continue;
        }
        let tint = if k % 2 == 0 { BAND_A } else { BAND_B };
        b.rect(x, yy, w, *bh, 0.0, Some(tint), None, None);
        b.text(x + 2.0, yy + 2.0, LABEL_W - 4.0, label, LABEL, None);
        match k {
            0 => chart(b, c, (col(0), yy, cw, *bh)),
            1 => {
                for (i, r) in c.phases.iter().enumerate() {
                    figures(b, r, (col(i) + 2.0, yy + 1.5, cw - 4.0));
                }
            }
            2..=5 => {
                for (i, r) in c.phases.iter().enumerate() {
                    let cell = (col(i) + 2.0, yy + 1.5, cw - 4.0, *bh - 2.5);
                    match k {
                        2 => list(b, &r.only_a, COMPARE_A, cell, lang),
                        3 => list(b, &r.only_b, COMPARE_B, cell, lang),
                        4 => sides(b, &r.pain_only_a, &r.pain_only_b, cell, lang),
                        _ => sides(b, &r.impact_only_a, &r.impact_only_b, cell, lang),
                    }
                }
            }
            _ => {
                for (i, r) in c.phases.iter().enumerate() {
                    if let Some(f) = &r.funnel {
                        let fig = |p: &crate::analysis::funnel::PhaseFunnel| {
                            format!(
                                "{} · {} %",
                                p.customers_in.map_or("–".into(), |n| n.to_string()),
                                p.drop_off_pct.map_or("–".into(), |d| num(d, 1, lang))
                            )
                        };
                        let text = format!("{} → {}", fig(&f.a), fig(&f.b));
                        b.text(col(i) + 2.0, yy + 2.5, cw - 4.0, &text, FIGURE, None);
                    }
                }
            }
        }
        yy += bh;
    }
    // Column separators over the bands.
    for i in 1..n {
        b.line(
            &[(col(i), y + head_h + 1.0), (col(i), yy)],
            b.stroke(RULE, 0.25, &[0.6, 0.8]),
        );
    }
}

/// Both curves in one chart: each side's moments spread over its phase's column, joined
/// across columns, A solid and B dashed; the neutral line and the −2 … +2 scale.
fn chart(b: &mut Builder, c: &Comparison, (x0, y, cw, h): (f32, f32, f32, f32)) {
    let pad = 4.0;
    let mid = y + h / 2.0;
    let unit = (h / 2.0 - pad) / 2.0;
    let ey = |e: f32| mid - e * unit;
    let right = x0 + cw * c.phases.len() as f32;
    for v in -2..=2 {
        let yy = ey(v as f32);
        let stroke = if v == 0 {
            b.stroke(INK_FAINT, 0.35, &[])
        } else {
            b.stroke(RULE, 0.2, &[0.5, 0.7])
        };
        b.line(&[(x0, yy), (right, yy)], stroke);
        let label = if v > 0 {
            format!("+{v}")
        } else {
            format!("{v}").replace('-', "−")
        };
        b.text(x0 - 7.0, yy - 1.4, 5.5, &label, SCALE, None);
    }
    let (sa, sb) = strokes(b);
    // B first, so A's line and dots lie on top where the two agree; B's rings are larger
    // than A's dots, so both stay visible.
    for (side, stroke, colour) in [(1, sb, COMPARE_B), (0, sa, COMPARE_A)] {
        let mut pts: Vec<(f32, f32, i8)> = Vec::new();
        for (i, r) in c.phases.iter().enumerate() {
            let e: &EmotionSide = if side == 0 {
                &r.emotion_a
            } else {
                &r.emotion_b
            };
            let k = e.points.len() as f32;
            for (j, &v) in e.points.iter().enumerate() {
                let px = x0 + i as f32 * cw + cw * (j as f32 + 1.0) / (k + 1.0);
                pts.push((px, ey(v as f32), v));
            }
        }
        let line: Vec<(f32, f32)> = pts.iter().map(|p| (p.0, p.1)).collect();
        if line.len() > 1 {
            b.line(&line, stroke);
        }
        for (px, py, v) in pts {
            // A's dots are filled in the emotion's colour; B's are larger rings, so a B point
            // under an A point still shows around it.
            let (fill, r) = if side == 0 {
                (Some(emotion_colour(v as f32)), 1.0)
            } else {
                (Some(PAPER), 1.8)
            };
            b.circle(px, py, r, fill, b.stroke(colour, 0.4, &[]), None);
        }
    }
}

fn side_figure(e: &EmotionSide) -> String {
    match (e.lowest, e.mean) {
        (Some(l), Some(m)) => format!(
            "{} / {}",
            num(l as f64, 1, Lang::En).replace('-', "−"),
            num(m, 1, Lang::En).replace('-', "−")
        ),
        _ => "–".into(),
    }
}

/// "A −1 / 0", "B 0 / 1", and the difference in green or red.
fn figures(b: &mut Builder, r: &PhaseComparison, (x, y, w): (f32, f32, f32)) {
    let third = w / 3.0;
    b.text(
        x,
        y,
        third,
        &format!("A {}", side_figure(&r.emotion_a)),
        FIGURE.colour(COMPARE_A),
        None,
    );
    b.text(
        x + third,
        y,
        third,
        &format!("B {}", side_figure(&r.emotion_b)),
        FIGURE.colour(COMPARE_B),
        None,
    );
    if let (Some(l), Some(m)) = (r.lowest_diff, r.mean_diff) {
        let sign = |v: f64| {
            let s = num(v, 1, Lang::En).replace('-', "−");
            if v > 0.0 {
                format!("+{s}")
            } else {
                s
            }
        };
        let gain = l as f64 + m;
        let colour = if gain > 0.0 {
            GOOD
        } else {
            emotion_colour(gain as f32)
        };
        let text = format!("Δ {} / {}", sign(l as f64), sign(m));
        b.text(
            x + 2.0 * third,
            y,
            third,
            &text,
            FIGURE.colour(colour).bold(true),
            None,
        );
    }
}

/// Cards as bullets, as many as fit, then "… n more".
fn list(
    b: &mut Builder,
    cards: &[CardRef],
    colour: &'static str,
    (x, y, w, h): (f32, f32, f32, f32),
    lang: Lang,
) {
    let line_h = pt_mm(ITEM.pt) * LINE;
    let mut yy = y;
    for (i, c) in cards.iter().enumerate() {
        let left = cards.len() - i;
        if yy + 2.0 * line_h > y + h && left > 1 {
            let more = format!("… {left} {}", lang.pick("meer", "more"));
            b.text(x, yy, w, &more, ITEM.colour(INK_SOFT), None);
            return;
        }
        let lines = if yy + 2.0 * line_h <= y + h { 2 } else { 1 };
        b.circle(x + 0.8, yy + line_h * 0.45, 0.55, Some(colour), None, None);
        yy += b.text(x + 2.4, yy, w - 2.4, &c.text, ITEM.lines(lines), None);
    }
}

/// One side's list under "A", the other's under "B", in each side's colour.
fn sides(
    b: &mut Builder,
    a: &[CardRef],
    bb: &[CardRef],
    (x, y, w, h): (f32, f32, f32, f32),
    lang: Lang,
) {
    match (a.is_empty(), bb.is_empty()) {
        (true, true) => {}
        (false, true) => list(b, a, COMPARE_A, (x, y, w, h), lang),
        (true, false) => list(b, bb, COMPARE_B, (x, y, w, h), lang),
        (false, false) => {
            list(b, a, COMPARE_A, (x, y, w, h / 2.0), lang);
            list(b, bb, COMPARE_B, (x, y + h / 2.0, w, h / 2.0), lang);
        }
    }
}
