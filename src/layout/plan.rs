//! Planning: how big everything is before anything is drawn.
//!
//! The natural sizes (millimetres at scale 1), the [`Plan`] of a page (scale, band heights,
//! column widths, cards per row) and the two ways of making one: [`plan_filled`] for a map
//! with its cards, [`plan_blank`] for a workshop canvas. Pure arithmetic on the journey and the
//! font metrics; the bands read the Plan and never re-decide a size.

use super::builder::r2;
use super::Ctx;
use crate::model::{Card, Journey, LaneKind, Persona};
use crate::scene::{Pt, Rect};

// ---- natural sizes (mm at scale 1) --------------------------------------------------------

pub(super) const CARD_W: f32 = 44.0;
pub(super) const CARD_PAD: f32 = 3.0;
pub(super) const CARD_PT: f32 = 10.0;
pub(super) const CARD_MIN_H: f32 = 24.0;
pub(super) const BADGE_ROW: f32 = 5.0;
pub(super) const GAP: f32 = 3.0;
pub(super) const CELL_PAD: f32 = 4.0;
pub(super) const LABEL_W: f32 = 48.0;
pub(super) const HEAD_H: f32 = 17.0;
pub(super) const EMO_H: f32 = 46.0;
pub(super) const LANE_MIN: f32 = 30.0;
pub(super) const DATA_H: f32 = 24.0;
pub(super) const FOOT_H: f32 = 11.0;
pub(super) const SECTION_GAP: f32 = 4.0;
pub(super) const LINE: f32 = 1.28;
/// A workshop sticky note plus room to place it.
pub(super) const STICKY: f32 = 76.0;

pub(super) fn pt_mm(pt: f32) -> f32 {
    Pt(pt).to_mm().0
}

/// Lays out `journey` on a page. `personas` are those of the document; the journey's own
/// Sizes, in natural millimetres, of every band and column.
pub(super) struct Plan {
    pub(super) scale: f32,
    pub(super) width: f32,
    pub(super) height: f32,
    pub(super) title_h: f32,
    pub(super) emo_h: f32,
    pub(super) data_h: f32,
    /// The review band (0 without answers to the review questions).
    pub(super) review_h: f32,
    pub(super) label_w: f32,
    pub(super) col_w: Vec<f32>,
    pub(super) lane_h: Vec<f32>,
    /// Cards side by side in a cell (filled map).
    pub(super) per_row: usize,
    pub(super) card_w: f32,
    pub(super) blank: bool,
    pub(super) small_cell: Option<Rect>,
}

/// Whether the filled map has the emotion band: when a card has an emotion, and while the
/// journey has a feelings lane (as the blank canvas does), so the band is there before the
/// first emotion is given and the map does not move under the pointer when it is.
pub(super) fn has_emotion_band(j: &Journey) -> bool {
    j.cards.iter().any(|c| c.emotion.is_some())
        || j.lanes.iter().any(|l| l.kind == LaneKind::Feelings)
}

pub(super) fn has_data(j: &Journey) -> bool {
    j.phases.iter().any(|p| {
        p.data.as_ref().is_some_and(|d| {
            d.customers.is_some() || d.drop_off_pct.is_some() || d.throughput.is_some()
        })
    })
}

/// Width of a card's text: the card minus its padding, and minus room for the impact star
/// in the top right corner.
pub(super) fn card_text_w(card_w: f32, impact: bool) -> f32 {
    card_w - 2.0 * CARD_PAD - if impact { 3.0 } else { 0.0 }
}

/// Natural height of a card `card_w` wide showing its text.
pub(super) fn card_height(cx: &Ctx, c: &Card, card_w: f32) -> f32 {
    let size = pt_mm(CARD_PT);
    let lines = cx.line_count(&c.text, false, card_text_w(card_w, c.impact) / size);
    (2.0 * CARD_PAD + lines as f32 * size * LINE + BADGE_ROW).max(CARD_MIN_H)
}

/// Heights of the rows of a cell holding cards of `heights`, `k` per row.
pub(super) fn cell_height(heights: &[f32], k: usize) -> f32 {
    if heights.is_empty() {
        return 0.0;
    }
    let rows: f32 = heights
        .chunks(k.max(1))
        .map(|r| r.iter().copied().fold(0.0, f32::max))
        .sum();
    rows + GAP * (heights.len().div_ceil(k.max(1)) as f32 - 1.0) + 2.0 * CELL_PAD
}

pub(super) fn title_height(cx: &Ctx, j: &Journey, personas: &[&Persona], width: f32) -> f32 {
    let persona_w = persona_block_width(personas);
    let text_w = (width - persona_w - 8.0).max(60.0);
    let title_lines = cx.wrap(&j.meta.title, true, text_w / pt_mm(24.0)).len() as f32;
    let goal_lines = if j.meta.goal.is_empty() {
        0.0
    } else {
        cx.wrap(&goal_text(cx, j), false, text_w / pt_mm(11.0))
            .len() as f32
    };
    let text_h =
        title_lines * pt_mm(24.0) * 1.15 + goal_lines * pt_mm(11.0) * LINE + pt_mm(10.0) * 2.6;
    text_h.max(persona_block_height(personas)).max(30.0) + 2.0
}

pub(super) fn goal_text(cx: &Ctx, j: &Journey) -> String {
    format!("{}: {}", cx.w.goal, j.meta.goal)
}

pub(super) fn persona_block_width(personas: &[&Persona]) -> f32 {
    if personas.is_empty() {
        110.0
    } else {
        personas.len().min(3) as f32 * 112.0
    }
}

pub(super) fn persona_block_height(_personas: &[&Persona]) -> f32 {
    34.0
}

pub(super) fn plan_filled(cx: &Ctx, j: &Journey, personas: &[&Persona], aw: f32, ah: f32) -> Plan {
    let np = j.phases.len().max(1);
    let phase_ix = j.phase_index();
    let lane_ix = j.lane_index();
    // Card heights per cell, at the natural card width.
    let mut cells: Vec<Vec<Vec<f32>>> = vec![vec![Vec::new(); np]; j.lanes.len()];
    for c in &j.cards {
        if let (Some(&pi), Some(&li)) = (
            phase_ix.get(c.phase_id.as_str()),
            lane_ix.get(c.lane_id.as_str()),
        ) {
            cells[li][pi].push(card_height(cx, c, CARD_W));
        }
    }
    let emo_h = if has_emotion_band(j) { EMO_H } else { 0.0 };
    let data_h = if has_data(j) { DATA_H } else { 0.0 };
    let mut best: Option<(f32, usize, f32, f32, Vec<f32>)> = None;
    for k in 1..=8usize {
        let col = 2.0 * CELL_PAD + k as f32 * CARD_W + (k as f32 - 1.0) * GAP;
        let width = LABEL_W + np as f32 * col;
        let lane_h: Vec<f32> = cells
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| cell_height(c, k))
                    .fold(LANE_MIN, f32::max)
            })
            .collect();
        let title_h = title_height(cx, j, personas, width);
        let height = title_h
            + SECTION_GAP
            + HEAD_H
            + emo_h
            + lane_h.iter().sum::<f32>()
            + data_h
            + super::review::height(cx, j, LABEL_W, col)
            + SECTION_GAP
            + FOOT_H;
        let s = (aw / width).min(ah / height);
        // Ties go to fewer cards per row: narrower cells read more like the wall.
        if best.as_ref().is_none_or(|b| s > b.0 * 1.0001) {
            best = Some((s, k, width, height, lane_h));
        }
        if k >= cells
            .iter()
            .flatten()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(1)
        {
            break;
        }
    }
    let (s_fit, k, width, height, mut lane_h) =
        best.unwrap_or((1.0, 1, aw, ah, vec![LANE_MIN; j.lanes.len()]));
    let s = stepped(s_fit);
    // Hand the spare room to columns (cards grow a little) or rows, so the page is filled.
    let nat_w = aw / s;
    let nat_h = ah / s;
    let col0 = 2.0 * CELL_PAD + k as f32 * CARD_W + (k as f32 - 1.0) * GAP;
    let col = col0 + (nat_w - width).max(0.0) / np as f32;
    let extra_h = (nat_h - height).max(0.0);
    if !lane_h.is_empty() {
        let add = extra_h / lane_h.len() as f32;
        for h in &mut lane_h {
            *h += add;
        }
    }
    // Cards take the room a wider column gives, up to a point: a very wide sticky note
    // reads like a banner.
    let card_w = ((col - 2.0 * CELL_PAD - (k as f32 - 1.0) * GAP) / k as f32).min(CARD_W * 1.8);
    let title_h = title_height(cx, j, personas, nat_w);
    let review_h = super::review::height(cx, j, LABEL_W, col);
    let used = title_h
        + SECTION_GAP
        + HEAD_H
        + emo_h
        + lane_h.iter().sum::<f32>()
        + data_h
        + review_h
        + SECTION_GAP
        + FOOT_H;
    Plan {
        scale: s,
        width: nat_w,
        height: used.max(nat_h),
        title_h,
        emo_h,
        data_h,
        review_h,
        label_w: LABEL_W,
        col_w: vec![col; j.phases.len()],
        lane_h,
        per_row: k,
        card_w,
        blank: false,
        small_cell: None,
    }
}

/// Steps of the page-fit scale per doubling: 16, so one step is 4.4 %.
const SCALE_STEPS: f64 = 16.0;

/// The page-fit scale `s` rounded down to a step (2^(n/16) for a whole n).
///
/// Why: at the exact fit, a card that starts a new row in the fullest cell of a lane makes
/// the map taller, so every note and every line of text on the page shrinks a little and
/// moves. On a 5,000-card map that is a whole new Scene for the canvas (7.7 MB, half a
/// second) and on any map a jump of everything the user is looking at. On a step, the same
/// row only takes some of the spare room the lanes were given: the lanes below it shift and
/// nothing else changes (the canvas gets moves, see docs/architecture.md). The price is
/// notes and text at most 4.4 % (on average about 2 %) smaller than the largest that fits;
/// the page is filled all the same.
pub(super) fn stepped(s: f32) -> f32 {
    if !(s.is_finite() && s > 0.0) {
        return s;
    }
    // The small nudge keeps a scale that lies on a step (up to f32's rounding) on it.
    let n = ((s as f64).log2() * SCALE_STEPS + 1e-4).floor();
    ((n / SCALE_STEPS).exp2() as f32).min(s)
}

pub(super) fn plan_blank(
    cx: &Ctx,
    j: &Journey,
    personas: &[&Persona],
    long: f32,
    aw: f32,
    ah: f32,
) -> Plan {
    // A wall canvas is read from a few steps away: on A0 the chrome is twice its natural
    // size, and it shrinks with the paper more slowly than the paper does. The cells come
    // first, though: when they would not hold a sticky note, the chrome gives up size (down
    // to natural size) before the cells do.
    let preferred = (2.0 * (long / 1189.0).sqrt()).clamp(0.8, 2.0);
    let np = j.phases.len().max(1);
    let lanes = j.lanes.len().max(1);
    let emo_h = if j.lanes.iter().any(|l| l.kind == LaneKind::Feelings) {
        EMO_H * 1.2
    } else {
        0.0
    };
    let data_h = if j.phases.iter().any(|p| p.data.is_some()) {
        DATA_H
    } else {
        0.0
    };
    let geometry = |s: f32| {
        let (nat_w, nat_h) = (aw / s, ah / s);
        let title_h = title_height(cx, j, personas, nat_w);
        let fixed = title_h + SECTION_GAP + HEAD_H + emo_h + data_h + SECTION_GAP + FOOT_H;
        let lane = ((nat_h - fixed) / lanes as f32).max(10.0);
        let col = (nat_w - LABEL_W) / np as f32;
        (nat_w, nat_h, title_h, lane, col)
    };
    let fits = |s: f32| {
        let (_, _, _, lane, col) = geometry(s);
        col * s >= STICKY + 4.0 && lane * s >= STICKY + 4.0
    };
    let mut s = preferred;
    while !fits(s) && s > preferred.min(1.0) + 1e-3 {
        s = (s - 0.1).max(preferred.min(1.0));
    }
    let (nat_w, nat_h, title_h, lane, col) = geometry(s);
    let cell = Rect::new(0.0, 0.0, r2(col * s), r2(lane * s));
    let small = (!fits(s)).then_some(cell);
    Plan {
        scale: s,
        width: nat_w,
        height: nat_h,
        title_h,
        emo_h,
        data_h,
        // The wall canvas is for filling in; the review is printed on the filled map.
        review_h: 0.0,
        label_w: LABEL_W,
        col_w: vec![col; j.phases.len()],
        lane_h: vec![lane; j.lanes.len()],
        per_row: 1,
        card_w: CARD_W,
        blank: true,
        small_cell: small,
    }
}

#[cfg(test)]
mod tests {
    use super::stepped;

    #[test]
    fn the_scale_steps_down_by_less_than_one_sixteenth_of_a_doubling() {
        let step = (1.0f64 / 16.0).exp2() as f32;
        let mut last = 0.0;
        let mut kept = Vec::new();
        for k in 1..40_000 {
            let s = k as f32 * 0.0001;
            let q = stepped(s);
            assert!(q <= s, "never larger than the fit: {s} → {q}");
            assert!(q * step > s * 0.9999, "less than a step below: {s} → {q}");
            assert!(
                q >= last,
                "a larger fit never gets a smaller scale: {s} → {q}"
            );
            last = q;
            if (0.5..1.0).contains(&s) && kept.last() != Some(&q) {
                kept.push(q);
            }
        }
        // Between 0.5 and 1, sixteen scales (and, in theory, a fit a hair below a step).
        assert!((16..=18).contains(&kept.len()), "{kept:?}");
        assert_eq!(stepped(1.0), 1.0);
        assert_eq!(stepped(2.0), 2.0);
        assert_eq!(stepped(step * 1.0001), step);
    }
}
