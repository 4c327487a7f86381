//! A card's votes as dot stickers on the note: a row of filled dots along the bottom edge,
//! between the emotion badge and the validation badge, drawn in the card's group so the screen,
//! the PDF, the SVG and the tiles all show them (docs/scene.md, "Adding something to the map").
//!
//! Invariants: a card without votes draws nothing here (its items are as before votes
//! existed); the row never leaves the room it is given, so a card with 40 votes shows as many
//! dots as fit (at most [`MAX_DOTS`]) and then "+N", the votes not drawn as dots. The count is
//! then readable as dots plus a number, not by colour or by counting forty dots.

use super::builder::{Align, Builder, TextStyle};
use super::palette::{INK_SOFT, PAPER, VOTE};
use super::plan::pt_mm;
use crate::scene::{RecordRef, TextRole};

/// A dot's radius (natural mm): an 8 mm sticker on a 76 mm wall note, scaled to a 44 mm card
/// and a little larger, so a dot still reads as one on an A3 print.
pub(super) const DOT_R: f32 = 1.0;
/// From one dot's centre to the next: two radii and a gap a printer keeps apart.
pub(super) const DOT_PITCH: f32 = 2.6;
/// More dots than this are no longer counted at a glance: the rest goes in the number.
pub(super) const MAX_DOTS: usize = 10;

/// "+N" after the dots: the votes that did not get a dot of their own.
const MORE: TextStyle = TextStyle {
    pt: 7.0,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};

/// How a row of `votes` dots fits in `room` mm when the "+N" label of `more` votes would be
/// `label_w(more)` mm wide: (dots drawn, votes left for the "+N"). At least one dot is drawn
/// for any vote, so a voted card is always marked even where the row is tight.
pub(super) fn dot_row(votes: u32, room: f32, label_w: impl Fn(u32) -> f32) -> (usize, u32) {
    if votes == 0 {
        return (0, 0);
    }
    let fits = |room: f32| {
        ((room + DOT_PITCH - 2.0 * DOT_R) / DOT_PITCH)
            .floor()
            .max(0.0) as usize
    };
    let all = votes as usize;
    if all <= MAX_DOTS.min(fits(room)) {
        return (all, 0);
    }
    // Leave room for the number: measured with the widest it can be (fewest dots drawn).
    let gap = 0.8;
    let shown = MAX_DOTS
        .min(fits(room - gap - label_w(votes)))
        .min(all - 1)
        .max(1);
    (shown, votes - shown as u32)
}

/// Draws `votes` dots from `left` to at most `right` (natural mm), centred on `y`.
pub(super) fn vote_dots(
    b: &mut Builder,
    votes: u32,
    left: f32,
    right: f32,
    y: f32,
    t: &Option<RecordRef>,
) {
    let size = pt_mm(MORE.pt);
    let label_w = |b: &Builder, n: u32| b.width_em(&format!("+{n}"), true) * size;
    let (shown, more) = dot_row(votes, right - left, |n| label_w(b, n));
    for i in 0..shown {
        let cx = left + DOT_R + i as f32 * DOT_PITCH;
        b.circle(
            cx,
            y,
            DOT_R,
            Some(VOTE),
            b.stroke(PAPER, 0.2, &[]),
            t.clone(),
        );
    }
    if more > 0 {
        let x = left + shown as f32 * DOT_PITCH + 0.8 - (DOT_PITCH - 2.0 * DOT_R);
        let text = format!("+{more}");
        let w = label_w(b, more) + 0.5;
        // The label's cap height centred on the dots' row.
        b.text(x, y - size * 0.62, w, &text, MORE, t.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(n: u32) -> f32 {
        format!("+{n}").len() as f32 * 1.5
    }

    #[test]
    fn few_votes_are_all_dots() {
        assert_eq!(dot_row(0, 30.0, w), (0, 0));
        assert_eq!(dot_row(3, 30.0, w), (3, 0));
        assert_eq!(dot_row(10, 30.0, w), (10, 0));
    }

    #[test]
    fn many_votes_are_bounded_with_the_rest_as_a_number() {
        let (shown, more) = dot_row(40, 40.0, w);
        assert!(shown <= MAX_DOTS);
        assert_eq!(shown as u32 + more, 40);
        assert!(more > 0);
    }

    #[test]
    fn a_tight_row_still_fits_dots_and_number() {
        let room = 12.0;
        let (shown, more) = dot_row(9, room, w);
        assert!(shown >= 1);
        assert_eq!(shown as u32 + more, 9);
        let used = shown as f32 * DOT_PITCH + 0.8 + w(more);
        assert!(used <= room + DOT_PITCH, "{used} in {room}");
        // No room at all: one dot still marks the card.
        assert_eq!(dot_row(5, 0.0, w), (1, 4));
    }
}
