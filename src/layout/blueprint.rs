//! Service blueprint marks: the three labelled lines between the lanes of a blueprint, and
//! the fail and wait points on its cards.
//!
//! The lines, top to bottom: the **line of interaction** (the customer's own lanes above, the
//! frontstage below), the **line of visibility** (what the customer sees above, backstage
//! below) and the **line of internal interaction** (backstage above, support processes below).
//!
//! Invariants:
//! - Lines are drawn only on a journey with a blueprint lane (physical evidence, frontstage or
//!   support processes, [`LaneKind::is_blueprint`]); a journey with only a backstage lane looks
//!   as it always did.
//! - A line lies on the boundary between two neighbouring lanes where the lower one is deeper
//!   in the service (customer → frontstage → backstage → support) and is named after the
//!   deeper side; the physical evidence lane takes no part. Each line's label sits at the right
//!   end of the grid, on a paper-coloured pill inside the cells' padding, so it never covers a
//!   card or a blank cell's hint.

use super::builder::{Align, Builder, TextStyle};
use super::palette::{BAD, INK_SOFT, PAPER, WAIT};
use super::Ctx;
use crate::model::{Card, Journey, LaneKind, Lang};
use crate::scene::{RecordRef, TextRole};

const LINE_LABEL: TextStyle = TextStyle {
    pt: 7.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};

/// The letter in a fail or wait point's ring.
const MARK_LETTER: TextStyle = TextStyle {
    pt: 6.5,
    bold: true,
    colour: BAD,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};

/// How deep in the service a lane sits: 0 the customer, 1 frontstage, 2 backstage, 3 support;
/// `None` for physical evidence.
fn depth(k: LaneKind) -> Option<u8> {
    match k {
        LaneKind::PhysicalEvidence => None,
        LaneKind::Frontstage => Some(1),
        LaneKind::Backstage => Some(2),
        LaneKind::SupportProcesses => Some(3),
        _ => Some(0),
    }
}

/// The name of the line above a lane of `depth`, and its dash pattern (natural mm).
fn line_of(depth: u8, lang: Lang) -> (&'static str, &'static [f32]) {
    match depth {
        1 => (lang.pick("interactielijn", "line of interaction"), &[]),
        2 => (
            lang.pick("zichtbaarheidslijn", "line of visibility"),
            &[3.0, 1.6],
        ),
        _ => (
            lang.pick(
                "lijn van interne interactie",
                "line of internal interaction",
            ),
            &[0.6, 1.2],
        ),
    }
}

/// Draws the blueprint lines of `j` (if it is a blueprint) between lanes whose tops are
/// `tops` (natural mm), across the grid from `x0` to `right`.
pub(super) fn lines(b: &mut Builder, cx: &Ctx, j: &Journey, tops: &[f32], x0: f32, right: f32) {
    if !j.lanes.iter().any(|l| l.kind.is_blueprint()) {
        return;
    }
    for (i, pair) in j.lanes.windows(2).enumerate() {
        let (Some(above), Some(below)) = (depth(pair[0].kind), depth(pair[1].kind)) else {
            continue;
        };
        if below <= above {
            continue;
        }
        let y = tops[i + 1];
        let (label, dash) = line_of(below, cx.lang);
        b.line(&[(x0, y), (right, y)], b.stroke(INK_SOFT, 0.5, dash));
        let w = b.width_em(label, false) * LINE_LABEL.pt * 0.3528 + 3.0;
        let h = 3.6;
        let lx = right - w - 3.0;
        b.rect(
            lx,
            y - h / 2.0,
            w,
            h,
            h / 2.0,
            Some(PAPER),
            b.stroke(INK_SOFT, 0.3, dash),
            None,
        );
        b.text(lx + 1.5, y - 1.35, w - 2.0, label, LINE_LABEL, None);
    }
}

/// A fail or wait point's ring radius (natural mm).
const MARK_R: f32 = 2.0;

/// One fail or wait point: a ring with its letter centred on (`x`, `y`).
fn mark(
    b: &mut Builder,
    x: f32,
    y: f32,
    letter: &str,
    colour: &'static str,
    t: &Option<RecordRef>,
) {
    let r = MARK_R;
    b.circle(x, y, r, Some(PAPER), b.stroke(colour, 0.35, &[]), t.clone());
    b.text(
        x - r,
        y - 1.3,
        2.0 * r,
        letter,
        MARK_LETTER.colour(colour),
        t.clone(),
    );
}

/// The fail and wait points of card `c` as small rings with a letter ("F", "W": the same in
/// Dutch and English), right to left from `x` on the card's badge row at `y`.
/// Returns the left edge of the leftmost mark drawn (None without marks), where the vote dots
/// must stop.
pub(super) fn card_marks(
    b: &mut Builder,
    c: &Card,
    x: f32,
    y: f32,
    t: &Option<RecordRef>,
) -> Option<f32> {
    let mut x = x;
    let mut left = None;
    for (on, letter, colour) in [(c.fail_point, "F", BAD), (c.wait_point, "W", WAIT)] {
        if on {
            mark(b, x, y, letter, colour, t);
            left = Some(x - MARK_R);
            x -= 2.0 * MARK_R + 1.2;
        }
    }
    left
}

/// The legend entries for the fail and wait points the journey uses (none when it uses
/// none), from `x` on the legend's line at `y`; `label` draws an entry's words and returns
/// their width. Returns the x after the last entry.
pub(super) fn legend(
    b: &mut Builder,
    j: &Journey,
    lang: Lang,
    x: f32,
    y: f32,
    label: &mut dyn FnMut(&mut Builder, f32, &str) -> f32,
) -> f32 {
    let mut x = x;
    let entries = [
        (
            j.cards.iter().any(|c| c.fail_point),
            "F",
            BAD,
            lang.pick("faalpunt", "fail point"),
        ),
        (
            j.cards.iter().any(|c| c.wait_point),
            "W",
            WAIT,
            lang.pick("wachtpunt", "wait point"),
        ),
    ];
    for (used, letter, colour, words) in entries {
        if used {
            mark(b, x + 2.0, y, letter, colour, &None);
            x += 5.0 + label(b, x + 5.0, words) + 6.0;
        }
    }
    x
}
