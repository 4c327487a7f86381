//! The emotion band: the curve of how the customer feels through the journey, drawn from the
//! emotion of the cards: a scale from −2 to +2, one point per emotion card (spread across its
//! phase's column in lane order), a monotone curve through them that never overshoots the
//! scale, tinted green above neutral and red below, and the peak and the end named.
//!
//! With two or more feelings lanes that hold emotions (one per persona or stakeholder), each
//! lane's cards form a curve of their own, in its own colour and line style, untinted, with a
//! legend naming the lane's persona (or the lane); emotions in other lanes join the first.

use super::builder::{rec, Align, Builder, TextStyle};
use super::marks::{row_label, star};
use super::palette::{
    emotion_colour, BAD, BAD_SOFT, CURVES, GOOD, GOOD_SOFT, INK_SOFT, NEUTRAL, PAPER, RULE,
};
use super::plan::Plan;
use super::Ctx;
use crate::model::{Card, Journey, LaneKind, Persona};
use crate::scene::{Key, RecordKind, Region, TextRole};

/// A value of the scale (“+1”); bold at neutral, in the value's colour.
const SCALE: TextStyle = TextStyle {
    pt: 9.0,
    bold: false,
    colour: NEUTRAL,
    role: TextRole::Label,
    align: Align::Right,
    max_lines: 1,
};
/// The “peak” and “end” labels, in the colour of their point.
const PEAK_END: TextStyle = TextStyle {
    pt: 8.0,
    bold: true,
    colour: NEUTRAL,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};
/// A curve's name in the legend of several curves.
const LEGEND: TextStyle = TextStyle {
    pt: 8.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};

/// One curve: its name in the legend (empty for the journey's only curve) and its emotion
/// cards in the order the curve passes them.
struct Curve<'j> {
    name: String,
    cards: Vec<&'j Card>,
}

/// The curves of `j`: one per feelings lane holding emotions when there are two or more such
/// lanes, else one through every emotion card. Cards in phase order, then lane, then card order.
fn curves<'j>(j: &'j Journey, personas: &[&Persona]) -> Vec<Curve<'j>> {
    let lane_ix = j.lane_index();
    let phase_ix: std::collections::HashMap<&str, usize> = j
        .phases
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), i))
        .collect();
    let mut cards: Vec<&Card> = j
        .cards
        .iter()
        .filter(|c| c.emotion.is_some() && phase_ix.contains_key(c.phase_id.as_str()))
        .collect();
    // Stable: cards keep their order within a cell.
    cards.sort_by_key(|c| {
        (
            phase_ix.get(c.phase_id.as_str()).copied(),
            lane_ix
                .get(c.lane_id.as_str())
                .copied()
                .unwrap_or(usize::MAX),
        )
    });
    let feelings: Vec<_> = j
        .lanes
        .iter()
        .filter(|l| l.kind == LaneKind::Feelings && cards.iter().any(|c| c.lane_id == l.id))
        .collect();
    if feelings.len() < 2 {
        return vec![Curve {
            name: String::new(),
            cards,
        }];
    }
    let mut out: Vec<Curve> = feelings
        .iter()
        .map(|l| Curve {
            name: l
                .persona_id
                .as_deref()
                .and_then(|id| personas.iter().find(|p| p.id == id))
                .map(|p| p.name.clone())
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| l.title.clone()),
            cards: Vec::new(),
        })
        .collect();
    // Two lanes of one persona: their titles tell them apart.
    let names: Vec<String> = out.iter().map(|c| c.name.clone()).collect();
    for (curve, lane) in out.iter_mut().zip(&feelings) {
        if names.iter().filter(|n| **n == curve.name).count() > 1 {
            curve.name = lane.title.clone();
        }
    }
    for c in cards {
        let i = feelings.iter().position(|l| l.id == c.lane_id).unwrap_or(0);
        out[i].cards.push(c);
    }
    out
}

pub(super) fn draw(
    b: &mut Builder,
    cx: &Ctx,
    j: &Journey,
    personas: &[&Persona],
    plan: &Plan,
    xs: &[f32],
    y: f32,
) {
    let h = plan.emo_h;
    let x0 = plan.label_w;
    let right = xs.last().copied().unwrap_or(x0) + plan.col_w.last().copied().unwrap_or(0.0);
    // Room above +2 and below −2 for the peak and end labels.
    let pad = 9.0;
    let y_of = |e: f32| y + pad + (2.0 - e) / 4.0 * (h - 2.0 * pad);
    b.rect(x0, y, right - x0, h, 0.0, Some(PAPER), None, None);
    row_label(b, plan, y, h, cx.w.emotion, 2, None);
    // Scale: a faint rule per step, the neutral line stronger.
    for e in [-2i8, -1, 0, 1, 2] {
        let ly = y_of(e as f32);
        let label = match e {
            2 => "+2",
            1 => "+1",
            0 => "0",
            -1 => "–1",
            _ => "–2",
        };
        b.text(
            plan.label_w - 15.0,
            ly - 2.1,
            10.0,
            label,
            SCALE.bold(e == 0).colour(emotion_colour(e as f32)),
            None,
        );
        let stroke = if e == 0 {
            b.stroke(NEUTRAL, 0.35, &[])
        } else {
            b.stroke(RULE, 0.25, &[0.5, 1.5])
        };
        b.line(&[(x0 + 2.0, ly), (right - 2.0, ly)], stroke);
    }
    for (i, p) in j.phases.iter().enumerate() {
        if i > 0 {
            b.line(
                &[(xs[i], y + 2.0), (xs[i], y + h - 2.0)],
                b.stroke(RULE, 0.35, &[0.4, 1.6]),
            );
        }
        let r = b.r(xs[i], y, plan.col_w[i], h);
        b.region(Region::Emotion {
            rect: r,
            phase_id: p.id.clone(),
            // Page positions (through the offset), where the +2 and −2 rules are drawn.
            top: b.p(0.0, y_of(2.0)).y,
            bottom: b.p(0.0, y_of(-2.0)).y,
        });
    }
    if plan.blank {
        return;
    }
    let curves = curves(j, personas);
    if let [one] = curves.as_slice() {
        let pts = points(j, plan, xs, &y_of, &one.cards);
        draw_curve(b, cx, &pts, y_of(0.0));
        return;
    }
    for (i, curve) in curves.iter().enumerate() {
        let pts = points(j, plan, xs, &y_of, &curve.cards);
        let (colour, dash) = CURVES[i % CURVES.len()];
        let line = sample_monotone(&pts.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), 14);
        b.line(&line, b.stroke(colour, 0.9, dash));
        for (px, py, e, c) in &pts {
            let t = rec(RecordKind::Card, &c.id);
            b.circle(
                *px,
                *py,
                if c.impact { 2.6 } else { 1.9 },
                Some(emotion_colour(*e)),
                b.stroke(colour, 0.6, &[]),
                t.clone(),
            );
            if c.impact {
                star(b, *px + 3.2, *py - 3.2, 2.2, t);
            }
        }
    }
    legend(b, &curves, right, y);
}

/// The legend of several curves, right-aligned at the top of the band: a stretch of each
/// curve's line and its name.
fn legend(b: &mut Builder, curves: &[Curve], right: f32, y: f32) {
    let em = LEGEND.pt * 0.3528;
    let sample = 7.0;
    let mut x = right - 3.0;
    for (i, curve) in curves.iter().enumerate().rev() {
        let (colour, dash) = CURVES[i % CURVES.len()];
        let w = (b.width_em(&curve.name, false) * em).min(60.0);
        x -= w;
        b.text(x, y + 1.6, w + 1.0, &curve.name, LEGEND, None);
        x -= sample + 1.5;
        b.line(
            &[(x, y + 3.2), (x + sample, y + 3.2)],
            b.stroke(colour, 0.9, dash),
        );
        x -= 5.0;
    }
}

/// Points of `cards` (in curve order): the emotion cards of a phase spread across its column.
fn points<'j>(
    j: &Journey,
    plan: &Plan,
    xs: &[f32],
    y_of: &dyn Fn(f32) -> f32,
    cards: &[&'j Card],
) -> Vec<(f32, f32, f32, &'j Card)> {
    let mut pts = Vec::with_capacity(cards.len());
    for (pi, p) in j.phases.iter().enumerate() {
        let cs: Vec<&&Card> = cards.iter().filter(|c| c.phase_id == p.id).collect();
        let n = cs.len() as f32;
        for (i, c) in cs.into_iter().enumerate() {
            let e = c.emotion.unwrap_or(0) as f32;
            let px = xs[pi] + (i as f32 + 0.5) / n * plan.col_w[pi];
            pts.push((px, y_of(e), e, *c));
        }
    }
    pts
}

/// The journey's only curve: tinted above and below neutral, the peak and the end named.
fn draw_curve(b: &mut Builder, cx: &Ctx, pts: &[(f32, f32, f32, &Card)], neutral: f32) {
    let curve = sample_monotone(&pts.iter().map(|p| (p.0, p.1)).collect::<Vec<_>>(), 14);
    for (above, run) in split_at_level(&curve, neutral) {
        let (fill, stroke) = if above {
            (GOOD_SOFT, GOOD)
        } else {
            (BAD_SOFT, BAD)
        };
        if let (Some(first), Some(last)) = (run.first(), run.last()) {
            let mut area = Vec::with_capacity(run.len() + 2);
            area.push((first.0, neutral));
            area.extend(run.iter().copied());
            area.push((last.0, neutral));
            b.polygon(&area, fill, None);
        }
        let _ = stroke;
    }
    for (above, run) in split_at_level(&curve, neutral) {
        let stroke = if above { GOOD } else { BAD };
        b.line(&run, b.stroke(stroke, 0.9, &[]));
    }
    // Each phase's points in a group of their own (`emotion:<phase id>`, after the curve and in
    // phase order, so the paint order is as before): a card moved to another phase re-spreads
    // the points of the two phases it left and joined, and only those go to the screen again.
    let mut open: Option<&str> = None;
    for (px, py, e, c) in pts {
        if open != Some(c.phase_id.as_str()) {
            if open.is_some() {
                b.end();
            }
            b.begin(Key(format!("emotion:{}", c.phase_id)), 0.0, 0.0);
            open = Some(c.phase_id.as_str());
        }
        let t = rec(RecordKind::Card, &c.id);
        b.circle(
            *px,
            *py,
            if c.impact { 2.6 } else { 1.9 },
            Some(emotion_colour(*e)),
            b.stroke(PAPER, 0.6, &[]),
            t.clone(),
        );
        if c.impact {
            star(b, *px + 3.2, *py - 3.2, 2.2, t);
        }
    }
    if open.is_some() {
        b.end();
    }
    // The peak and end labels come after every point, as before.
    b.begin(Key::band("emotion-labels"), 0.0, 0.0);
    draw_labels(b, cx, pts);
    b.end();
}

/// The peak and the end named on the curve.
fn draw_labels(b: &mut Builder, cx: &Ctx, pts: &[(f32, f32, f32, &Card)]) {
    // Peak-end rule: the most intense moment and the end weigh most in how a journey is
    // remembered, so both are named on the curve. `analysis` decides which moment is the peak
    // (ties: the earliest), so the map, the insights and the CLI name the same card.
    let emotions: Vec<i8> = pts.iter().map(|p| p.3.emotion.unwrap_or(0)).collect();
    let peak = crate::analysis::emotion::most_intense(&emotions);
    let last = pts.len().checked_sub(1);
    for (i, word) in [(peak, cx.w.peak), (last, cx.w.end)] {
        let Some(i) = i else { continue };
        if word == cx.w.end && Some(i) == peak {
            // One label for both when the end is the peak.
            continue;
        }
        let (px, py, e, c) = pts[i];
        let label = if Some(i) == last && Some(i) == peak {
            format!("{} · {}", cx.w.peak, cx.w.end)
        } else {
            word.to_string()
        };
        // Above a high point, below a low one, so the label never crosses the curve's body.
        let ly = if e >= 0.0 { py - 8.0 } else { py + 3.4 };
        // Clear of the impact star, which sits to the upper right of its point.
        let lx = if c.impact && e >= 0.0 { px - 4.5 } else { px };
        b.text(
            lx - 15.0,
            ly,
            30.0,
            &label,
            PEAK_END.colour(emotion_colour(e)),
            None,
        );
    }
}

/// How far (mm) the drawn polyline may stray from the true curve: far below what paper or a
/// zoomed-in screen shows. Segments are sampled only as finely as that needs, so a dense
/// curve (a point every millimetre on a 1,000-card map, where a fixed 14 samples per segment
/// made the curve most of the Scene and of every edit's patch) costs one or two samples per
/// point, and a long, bending segment still gets up to `per_seg`.
const CURVE_TOLERANCE: f32 = 0.02;

/// How many straight pieces segment `(x0, y0)–(x0 + hx, y1)` with end slopes `m0`, `m1` needs
/// to stay within [`CURVE_TOLERANCE`]: the cubic strays from its chord by at most ¾ of its
/// control points' distance from it, and a piece of 1/k of it by about 1/k² of that. The UI's
/// live curve (`ui/src/engine/canvas/emotion.ts`, `pieces`) counts the same way.
fn pieces(hx: f32, y0: f32, y1: f32, m0: f32, m1: f32, max: usize) -> usize {
    let dy = y1 - y0;
    // The control points' vertical distance from the chord, turned into the distance across
    // it (a steep segment strays far less than its vertical offset says).
    let off = (m0 * hx - dy).abs().max((dy - m1 * hx).abs()) / 3.0;
    let across = off * hx.abs() / hx.hypot(dy).max(1e-6);
    let stray = 0.75 * across;
    // `as` saturates: a NaN or huge value becomes 0 or usize::MAX, and clamp bounds both.
    ((stray / CURVE_TOLERANCE).sqrt().ceil() as usize).clamp(1, max.max(1))
}

/// Samples a monotone cubic (Fritsch–Carlson) through `pts` (x strictly increasing), so the
/// curve is smooth but never overshoots past the points (no bumps above +2 or below −2);
/// each segment in at most `per_seg` pieces (see [`pieces`]).
fn sample_monotone(pts: &[(f32, f32)], per_seg: usize) -> Vec<(f32, f32)> {
    let n = pts.len();
    if n < 2 {
        return pts.to_vec();
    }
    let d: Vec<f32> = pts
        .windows(2)
        .map(|w| (w[1].1 - w[0].1) / (w[1].0 - w[0].0).max(1e-3))
        .collect();
    let mut m = vec![0.0f32; n];
    m[0] = d[0];
    m[n - 1] = d[n - 2];
    for i in 1..n - 1 {
        m[i] = if d[i - 1] * d[i] <= 0.0 {
            0.0
        } else {
            (d[i - 1] + d[i]) / 2.0
        };
    }
    for i in 0..n - 1 {
        if d[i] == 0.0 {
            m[i] = 0.0;
            m[i + 1] = 0.0;
            continue;
        }
        let (a, bb) = (m[i] / d[i], m[i + 1] / d[i]);
        let s = a * a + bb * bb;
        if s > 9.0 {
            let t = 3.0 / s.sqrt();
            m[i] = t * a * d[i];
            m[i + 1] = t * bb * d[i];
        }
    }
    let mut out = Vec::with_capacity(n + 1);
    for i in 0..n - 1 {
        let (x0, y0) = pts[i];
        let (x1, y1) = pts[i + 1];
        let hx = x1 - x0;
        let k_max = pieces(hx, y0, y1, m[i], m[i + 1], per_seg);
        for k in 0..k_max {
            let t = k as f32 / k_max as f32;
            let (t2, t3) = (t * t, t * t * t);
            let h00 = 2.0 * t3 - 3.0 * t2 + 1.0;
            let h10 = t3 - 2.0 * t2 + t;
            let h01 = -2.0 * t3 + 3.0 * t2;
            let h11 = t3 - t2;
            out.push((
                x0 + t * hx,
                h00 * y0 + h10 * hx * m[i] + h01 * y1 + h11 * hx * m[i + 1],
            ));
        }
    }
    out.push(pts[n - 1]);
    out
}

/// Splits a polyline where it crosses the horizontal line `level`; each run says whether it
/// lies above the line (smaller y). Runs share their crossing point, so they join up.
fn split_at_level(pts: &[(f32, f32)], level: f32) -> Vec<(bool, Vec<(f32, f32)>)> {
    let mut runs: Vec<(bool, Vec<(f32, f32)>)> = Vec::new();
    for w in pts.windows(2) {
        let (a, c) = (w[0], w[1]);
        let (da, dc) = (a.1 - level, c.1 - level);
        if da * dc < 0.0 {
            let t = da / (da - dc);
            let x = (a.0 + t * (c.0 - a.0), level);
            push_pt(&mut runs, da < 0.0, a);
            push_pt(&mut runs, da < 0.0, x);
            push_pt(&mut runs, dc < 0.0, x);
            push_pt(&mut runs, dc < 0.0, c);
        } else {
            // On the line counts as the side of the other end.
            let above = if da != 0.0 { da < 0.0 } else { dc < 0.0 };
            push_pt(&mut runs, above, a);
            push_pt(&mut runs, above, c);
        }
    }
    runs
}

fn push_pt(runs: &mut Vec<(bool, Vec<(f32, f32)>)>, above: bool, p: (f32, f32)) {
    match runs.last_mut() {
        Some((a, run)) if *a == above => {
            if run.last() != Some(&p) {
                run.push(p);
            }
        }
        _ => runs.push((above, vec![p])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monotone_curve_stays_within_its_points() {
        let pts = [
            (0.0, 10.0),
            (10.0, 0.0),
            (20.0, 10.0),
            (30.0, 10.0),
            (40.0, 30.0),
        ];
        let c = sample_monotone(&pts, 10);
        assert!(
            c.iter().all(|p| p.1 >= 0.0 && p.1 <= 30.0),
            "overshoot: {c:?}"
        );
        assert_eq!(c.first(), Some(&(0.0, 10.0)));
        assert_eq!(c.last(), Some(&(40.0, 30.0)));
    }

    #[test]
    fn split_runs_meet_at_the_crossing() {
        let runs = split_at_level(&[(0.0, 0.0), (10.0, 20.0)], 10.0);
        assert_eq!(runs.len(), 2);
        assert!(runs[0].0, "first run is above (smaller y)");
        assert_eq!(runs[0].1.last(), Some(&(5.0, 10.0)));
        assert_eq!(runs[1].1.first(), Some(&(5.0, 10.0)));
    }
}
