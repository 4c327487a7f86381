//! The palette: calm greys and soft sticky-note tints, the colours of cards and of emotions.
//!
//! Every colour the layout uses is named here (as `#rrggbb`, the Scene's form), so a band
//! never writes a colour literal of its own. It sits beside the Scene, below the layout, because
//! the PowerPoint writer (`export/pptx.rs`) and the scan reader (`scan/notes.rs`) need the note
//! tints too and must not reach into the layout for them.

use crate::model::CardColour;

pub(crate) const INK: &str = "#1f2933";
pub(crate) const INK_SOFT: &str = "#52606d";
pub(crate) const INK_FAINT: &str = "#9aa5b1";
pub(crate) const HINT: &str = "#b3bcc6";
pub(crate) const PAPER: &str = "#ffffff";
pub(crate) const BAND_A: &str = "#f7f8fa";
pub(crate) const BAND_B: &str = "#eef1f5";
pub(crate) const LABEL_BG: &str = "#e4e8ee";
pub(crate) const RULE: &str = "#cbd2d9";
pub(crate) const HEADER: &str = "#2d3a4a";
pub(crate) const HEADER_SOFT: &str = "#c7d0db";
pub(crate) const SHADOW: &str = "#dde1e6";
pub(crate) const GOOD: &str = "#2f9e6b";
pub(crate) const GOOD_SOFT: &str = "#dcf1e6";
pub(crate) const BAD: &str = "#d64550";
pub(crate) const BAD_SOFT: &str = "#f9e0e2";
pub(crate) const NEUTRAL: &str = "#8a96a3";
pub(crate) const AMBER: &str = "#f0a020";
/// A wait point's ring and letter: amber, dark enough to read on white.
pub(crate) const WAIT: &str = "#b7791f";
/// A vote's dot sticker on a card: a deep indigo no note tint or badge uses, dark enough
/// against every note colour (and in grey print) that the dots read as dots.
pub(crate) const VOTE: &str = "#33449e";
/// The four quadrants of the value × effort matrix: the sticky-note tints, paler, so the
/// notes placed on them stand out.
pub(crate) const QUICK_WIN: &str = "#e9f6ed";
pub(crate) const BIG_BET: &str = "#e7f1fb";
pub(crate) const FILL_IN: &str = "#fdf8df";
pub(crate) const MONEY_PIT: &str = "#fcecf0";

/// Fill and border of a sticky note.
pub fn card_colours(c: CardColour) -> (&'static str, &'static str) {
    match c {
        CardColour::Yellow => ("#fff3b0", "#e6cf5c"),
        CardColour::Orange => ("#ffddb5", "#eaa860"),
        CardColour::Pink => ("#ffd1dc", "#e58fa5"),
        CardColour::Purple => ("#e5dbfa", "#a892dc"),
        CardColour::Blue => ("#d3e8fb", "#7fb0e0"),
        CardColour::Green => ("#d5f0dc", "#7cc495"),
        CardColour::Grey => ("#e9ecef", "#aab3bd"),
    }
}

/// Colour of an emotion value: green above neutral, red below.
pub fn emotion_colour(e: f32) -> &'static str {
    if e > 0.0 {
        GOOD
    } else if e < 0.0 {
        BAD
    } else {
        NEUTRAL
    }
}

/// The curves of several feelings lanes (one per persona), each with its dash pattern (mm):
/// told apart by colour and, printed in black and white, by line style.
pub(crate) const CURVES: [(&str, &[f32]); 4] = [
    (HEADER, &[]),
    ("#2f6fb0", &[2.4, 1.2]),
    ("#8a4fb0", &[0.7, 0.9]),
    ("#1f8a80", &[3.0, 1.0, 0.7, 1.0]),
];

/// Arrows between cards: a jump forward (solid) and a loop back (dashed, warmer), calm enough
/// not to compete with the notes.
pub(crate) const LINK_FORWARD: &str = "#4f6d8f";
pub(crate) const LINK_BACK: &str = "#a0613a";

/// Journey A of a comparison (solid line) and journey B (dashed line).
pub(crate) const COMPARE_A: &str = "#2d3a4a";
pub(crate) const COMPARE_B: &str = "#d9822b";
