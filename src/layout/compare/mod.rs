//! The comparison of two journeys on paper (A0/A1 landscape, A3): a title with whose journeys
//! they are, one column per pair of phases with both emotion curves in one chart, the lowest
//! and mean emotion of each side and their difference, the cards, pain points and impact
//! moments on one side only, the funnel side by side where both have data; at the bottom what
//! got better and what got worse; the stamp with both versions and the date of printing.
//!
//! Pure like the rest of the layout: it draws an [`analysis::compare::Comparison`] made by
//! the caller and reads no store or clock. The page is laid out at A3 size in natural
//! millimetres and scaled to the paper (the A series keeps its proportions), so A0 prints the
//! same page four times larger. Journey A is drawn solid and dark, B dashed and amber,
//! everywhere (chart, figures, legend).
//!
//! [`analysis::compare::Comparison`]: crate::analysis::compare::Comparison

mod rows;

use super::builder::{Align, Builder, TextStyle};
use super::palette::{BAD, BAD_SOFT, GOOD, GOOD_SOFT, INK, INK_FAINT, INK_SOFT, RULE};
use super::{Fonts, LayoutOptions};
use crate::analysis::compare::{Change, Comparison};
use crate::model::{Journey, JourneyState, Lang, Owner};
use crate::scene::{Mm, Pt, Rect, Scene, TextRole};

/// Natural page width (A3 landscape); everything below is in natural millimetres.
const NATURAL_W: f32 = 420.0;
const MARGIN: f32 = 10.0;

const TITLE: TextStyle = TextStyle {
    pt: 18.0,
    bold: true,
    colour: INK,
    role: TextRole::Title,
    align: Align::Left,
    max_lines: 1,
};
const SUBTITLE: TextStyle = TextStyle {
    pt: 8.5,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 1,
};
const SUMMARY_HEAD: TextStyle = TextStyle {
    pt: 9.0,
    bold: true,
    colour: INK,
    role: TextRole::Heading,
    align: Align::Left,
    max_lines: 1,
};
const SUMMARY: TextStyle = TextStyle {
    pt: 7.5,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 1,
};
const STAMP: TextStyle = TextStyle {
    pt: 7.0,
    bold: false,
    colour: INK_FAINT,
    role: TextRole::Stamp,
    align: Align::Right,
    max_lines: 1,
};

/// "as-is · ours", "to-be · Fietsenwinkel Zuid".
fn whose(j: &Journey, lang: Lang) -> String {
    let state = match j.meta.state {
        JourneyState::AsIs => lang.pick("huidig", "as-is"),
        JourneyState::ToBe => lang.pick("gewenst", "to-be"),
    };
    let owner = match &j.meta.owner {
        Owner::Ours => lang.pick("eigen", "ours").to_string(),
        Owner::Competitor { name } => format!("{}: {name}", lang.pick("concurrent", "competitor")),
    };
    format!("{state} · {owner}")
}

/// Lays out the comparison `c` of journeys `a` and `b` on the paper of `opts`.
pub fn layout_compare(a: &Journey, b: &Journey, c: &Comparison, opts: &LayoutOptions) -> Scene {
    let fonts = Fonts::load().ok();
    let lang = opts.lang.unwrap_or(c.language);
    let (pw, ph) = opts.paper.oriented(opts.orientation);
    let s = pw / NATURAL_W;
    let nat_h = ph / s;
    let mut bld = Builder::new(s, 0.0, 0.0, fonts.as_ref(), 0);
    let b_ = &mut bld;
    let w = NATURAL_W - 2.0 * MARGIN;
    let mut y = MARGIN;
    let title = format!(
        "{}: {} ↔ {}",
        lang.pick("Vergelijking", "Comparison"),
        c.title_a,
        c.title_b
    );
    y += b_.text(MARGIN, y, w, &title, TITLE, None) + 1.0;
    let (sa, sb) = rows::strokes(b_);
    for (label, title, j, stroke) in [("A", &c.title_a, a, sa), ("B", &c.title_b, b, sb)] {
        b_.line(&[(MARGIN, y + 1.8), (MARGIN + 8.0, y + 1.8)], stroke);
        let line = format!("{label}  {title} ({})", whose(j, lang));
        y += b_.text(MARGIN + 10.0, y, w - 10.0, &line, SUBTITLE, None) + 0.6;
    }
    y += 3.0;

    let summary_h = 40.0;
    let foot_h = 7.0;
    let grid_h = (nat_h - MARGIN - y - summary_h - foot_h - 4.0).max(60.0);
    rows::draw(b_, c, lang, (MARGIN, y, w, grid_h));
    y += grid_h + 3.0;

    let half = (w - 4.0) / 2.0;
    summary(
        b_,
        (MARGIN, y, half, summary_h),
        lang.pick("Beter in B", "Better in B"),
        &c.better,
        GOOD,
        GOOD_SOFT,
        lang,
    );
    summary(
        b_,
        (MARGIN + half + 4.0, y, half, summary_h),
        lang.pick("Slechter in B", "Worse in B"),
        &c.worse,
        BAD,
        BAD_SOFT,
        lang,
    );
    y += summary_h + 2.0;
    let stamp = format!(
        "Klantreis · A: {} v{} · B: {} v{}{}",
        c.title_a,
        a.meta.version,
        c.title_b,
        b.meta.version,
        opts.printed
            .as_deref()
            .map(|d| format!(" · {} {d}", lang.pick("geprint", "printed")))
            .unwrap_or_default()
    );
    b_.text(MARGIN, y, w, &stamp, STAMP, None);

    let min = bld.min_other_pt;
    Scene {
        width: Mm(pw),
        height: Mm(ph),
        content: Rect::new(MARGIN * s, MARGIN * s, w * s, (nat_h - 2.0 * MARGIN) * s),
        scale: s,
        items: bld.items,
        regions: bld.regions,
        groups: Vec::new(),
        min_text_pt: Pt(if min.is_finite() { min } else { 0.0 }),
        warnings: Vec::new(),
    }
}

/// One summary box: a tinted panel with a heading and one line per change.
#[allow(clippy::too_many_arguments)]
fn summary(
    b: &mut Builder,
    (x, y, w, h): (f32, f32, f32, f32),
    head: &str,
    list: &[Change],
    colour: &'static str,
    tint: &'static str,
    lang: Lang,
) {
    b.rect(x, y, w, h, 2.0, Some(tint), b.stroke(RULE, 0.2, &[]), None);
    b.text(
        x + 3.0,
        y + 2.5,
        w - 6.0,
        head,
        SUMMARY_HEAD.colour(colour),
        None,
    );
    let line_h = super::plan::pt_mm(SUMMARY.pt) * super::plan::LINE;
    let fit = ((h - 10.0) / line_h).floor().max(1.0) as usize;
    let mut yy = y + 9.0;
    if list.is_empty() {
        b.text(x + 3.0, yy, w - 6.0, "–", SUMMARY.colour(INK_SOFT), None);
    }
    for (i, ch) in list.iter().enumerate() {
        if i + 1 == fit && list.len() > fit {
            let more = format!("… {} {}", list.len() - i, lang.pick("meer", "more"));
            b.text(x + 3.0, yy, w - 6.0, &more, SUMMARY.colour(INK_SOFT), None);
            break;
        }
        yy += b.text(
            x + 3.0,
            yy,
            w - 6.0,
            &format!("• {}", ch.message),
            SUMMARY,
            None,
        );
    }
}

#[cfg(test)]
mod tests;
