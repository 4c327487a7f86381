//! The same wall read again (`docs/scan.md`, "A wall read again"): after a scan, each note
//! found is matched against the journey's cards that came from an earlier photo of it
//! (`from_photo`, with the crop of that photo as their image) in the same cell. A note that
//! is one of them is "already on the map" ([`FoundNote::card_id`]); accepting it sets that
//! card's votes and adds no card. Such cards in the cells the photos showed that no note
//! matched have gone from the wall: they are listed ([`GoneCard`]), never deleted.
//!
//! Two crops of one note come from photos with another angle, other light and perhaps other
//! dots on it, so they are compared on what stays: the writing. Each crop becomes a small
//! "ink" map (how much darker each place is than the note's paper right around it, which
//! light across the note and a shadow's edge change little, and in which a dot sticker,
//! larger than the paper window, leaves only its rim), compared by normalised correlation,
//! allowing the crops to be a few millimetres off each other.
//!
//! The card keeps no place on the sheet: the crop and the cell tell notes apart where it
//! matters (two notes in one cell have other writing), and a place would need a new field
//! in the stored model for what the image already carries.

use serde::{Deserialize, Serialize};

use super::{FoundNote, ScanError};
use crate::model::{CardColour, Journey};
use crate::store::Document;

/// The side, in samples, of the square both crops are brought to before their paper is
/// found: about 1 mm a sample on a 76 mm note, fine enough for a marker's stroke.
const WORK: usize = 80;
/// The part of each side cut off first: the crop's 2 mm rim (the wall or a neighbour beside
/// the note) and the few millimetres two detections of one note differ by.
const TRIM: f32 = 0.07;
/// The paper around a place is the brightest sample within this many samples (about 4 mm):
/// wider than a stroke of writing, narrower than a dot sticker (8–20 mm).
const PAPER_R: usize = 4;
/// The ink maps are compared at half the working side (2 mm a cell).
const GRID: usize = WORK / 2;
/// Shifts (in grid cells, each way) tried between two maps: two crops of one note are cut
/// from two detections of its edges, a few millimetres apart.
const SHIFT: isize = 2;
/// The likeness two crops of one note reach at least. Measured in `tests/scan_again.rs`
/// (hard light, another angle): one note photographed twice scores 0.41–0.98 (the low one
/// under a shadow band's edge and a neighbour stuck over it), two notes of one cell at most
/// 0.31. Each card is matched once, likest first, so a second note in a cell that is like
/// a card already matched does not take it.
pub const SAME_NOTE: f32 = 0.37;
/// Taken off the likeness when the colours differ: a shade read as its neighbour is rare but
/// possible, so another colour does not rule a match out; it asks for more likeness.
const OTHER_COLOUR: f32 = 0.15;

/// A card read from an earlier photo whose note the photos no longer show in its cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoneCard {
    pub card_id: String,
    pub phase_id: String,
    pub lane_id: String,
    pub colour: CardColour,
    pub text: String,
    pub votes: u32,
}

/// A crop's ink map, ready to compare: `GRID × GRID` values.
pub struct Ink(Vec<f32>);

/// The ink map of a note's crop (PNG or JPEG bytes); `None` when they are no image or too
/// small to hold writing.
pub fn ink(bytes: &[u8]) -> Option<Ink> {
    let img = image::load_from_memory(bytes).ok()?.to_rgb8();
    let (w, h) = img.dimensions();
    if w < 16 || h < 16 {
        return None;
    }
    let (tx, ty) = ((w as f32 * TRIM) as u32, (h as f32 * TRIM) as u32);
    // The brightest channel: ink (dark in every channel) stays dark, while a strongly
    // coloured dot sticker is bright in its own channel, close to the paper.
    let v = image::GrayImage::from_fn(w - 2 * tx, h - 2 * ty, |x, y| {
        let p = img.get_pixel(x + tx, y + ty).0;
        image::Luma([p[0].max(p[1]).max(p[2])])
    });
    let small = image::imageops::resize(
        &v,
        WORK as u32,
        WORK as u32,
        image::imageops::FilterType::Triangle,
    );
    let at = |x: usize, y: usize| small.get_pixel(x as u32, y as u32).0[0] as f32;
    // The paper level: a separable maximum over (2 PAPER_R + 1)² samples.
    let mut rows = vec![0f32; WORK * WORK];
    for y in 0..WORK {
        for x in 0..WORK {
            let (a, b) = (x.saturating_sub(PAPER_R), (x + PAPER_R).min(WORK - 1));
            rows[y * WORK + x] = (a..=b).map(|i| at(i, y)).fold(0.0, f32::max);
        }
    }
    let mut fine = vec![0f32; WORK * WORK];
    for y in 0..WORK {
        let (a, b) = (y.saturating_sub(PAPER_R), (y + PAPER_R).min(WORK - 1));
        for x in 0..WORK {
            let paper = (a..=b).map(|j| rows[j * WORK + x]).fold(0.0, f32::max);
            fine[y * WORK + x] = if paper > 1.0 {
                (1.0 - at(x, y) / paper).max(0.0)
            } else {
                0.0
            };
        }
    }
    let mut out = vec![0f32; GRID * GRID];
    for (k, o) in out.iter_mut().enumerate() {
        let (x, y) = (2 * (k % GRID), 2 * (k / GRID));
        *o = (fine[y * WORK + x]
            + fine[y * WORK + x + 1]
            + fine[(y + 1) * WORK + x]
            + fine[(y + 1) * WORK + x + 1])
            / 4.0;
    }
    Some(Ink(out))
}

/// How alike two ink maps are, −1 … 1: the best normalised correlation over small shifts of
/// one against the other (over the part they share).
pub fn likeness(a: &Ink, b: &Ink) -> f32 {
    let g = GRID as isize;
    let mut best = -1f32;
    for dy in -SHIFT..=SHIFT {
        for dx in -SHIFT..=SHIFT {
            let (mut n, mut sa, mut sb, mut saa, mut sbb, mut sab) =
                (0f32, 0f32, 0f32, 0f32, 0f32, 0f32);
            for y in 0.max(-dy)..g.min(g - dy) {
                for x in 0.max(-dx)..g.min(g - dx) {
                    let p = a.0[(y * g + x) as usize];
                    let q = b.0[((y + dy) * g + x + dx) as usize];
                    n += 1.0;
                    sa += p;
                    sb += q;
                    saa += p * p;
                    sbb += q * q;
                    sab += p * q;
                }
            }
            let va = saa - sa * sa / n;
            let vb = sbb - sb * sb / n;
            // A blank note has no writing to compare: it matches nothing.
            if va <= 1e-6 || vb <= 1e-6 {
                continue;
            }
            best = best.max((sab - sa * sb / n) / (va * vb).sqrt());
        }
    }
    best
}

/// Marks each of `notes` that is a card of `journey` already (its `card_id`) and returns
/// the cards of the cells in `seen` that no note is (gone from the wall). Only cards read
/// from a photo, with their crop as image, are matched: a typed card has no note on the
/// wall to be.
pub fn against_map(
    doc: &Document,
    journey: &Journey,
    notes: &mut [FoundNote],
    seen: &[(String, String)],
) -> Result<Vec<GoneCard>, ScanError> {
    let in_seen = |p: &str, l: &str| seen.iter().any(|(sp, sl)| sp == p && sl == l);
    // A note near a tile's edge may be in a cell whose middle is on a sheet not photographed:
    // the cards of its cell are candidates too, though that cell's others cannot be gone.
    let has_note = |p: &str, l: &str| notes.iter().any(|n| n.phase_id == p && n.lane_id == l);
    let mut cards = Vec::new();
    for c in &journey.cards {
        let Some(image) = c.image.as_deref() else {
            continue;
        };
        if !c.from_photo || !(in_seen(&c.phase_id, &c.lane_id) || has_note(&c.phase_id, &c.lane_id))
        {
            continue;
        }
        let Some(stored) = doc.image(image)? else {
            continue;
        };
        // A card whose image is no crop (replaced by hand) cannot be recognised: it is left
        // alone, neither matched nor gone.
        if let Some(i) = ink(&stored.data) {
            cards.push((c, i));
        }
    }
    let inks: Vec<Option<Ink>> = notes.iter().map(|n| ink(&n.crop_png)).collect();
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (i, n) in notes.iter().enumerate() {
        let Some(a) = &inks[i] else { continue };
        for (j, (c, b)) in cards.iter().enumerate() {
            if c.phase_id != n.phase_id || c.lane_id != n.lane_id {
                continue;
            }
            let penalty = if c.colour == n.colour {
                0.0
            } else {
                OTHER_COLOUR
            };
            let s = likeness(a, b) - penalty;
            if s >= SAME_NOTE {
                pairs.push((s, i, j));
            }
        }
    }
    // The likest pairs first, each note and each card in one pair at most.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut card_used = vec![false; cards.len()];
    for (_, i, j) in pairs {
        if card_used[j] || notes[i].card_id.is_some() {
            continue;
        }
        card_used[j] = true;
        notes[i].card_id = Some(cards[j].0.id.clone());
    }
    Ok(cards
        .iter()
        .zip(card_used)
        .filter(|((c, _), used)| !used && in_seen(&c.phase_id, &c.lane_id))
        .map(|((c, _), _)| GoneCard {
            card_id: c.id.clone(),
            phase_id: c.phase_id.clone(),
            lane_id: c.lane_id.clone(),
            colour: c.colour,
            text: c.text.clone(),
            votes: c.votes,
        })
        .collect())
}
