//! The personas band: up to three persona cards at the right of the title block (photo or
//! initials, name, segment, a line of description, first goal and frustration), or on a blank
//! canvas an empty dashed card to fill in on the wall.

use super::builder::{rec, Align, Builder, TextStyle};
use super::palette::{BAND_A, HEADER, HINT, INK, INK_SOFT, PAPER, RULE};
use super::Ctx;
use crate::model::Persona;
use crate::scene::{Item, RecordKind, TextRole};

/// The “persona” label of the empty card on a blank canvas.
const BLANK_LABEL: TextStyle = TextStyle {
    pt: 11.0,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};
/// What to fill in on the empty card.
const BLANK_HINT: TextStyle = TextStyle {
    pt: 9.0,
    bold: false,
    colour: HINT,
    role: TextRole::Hint,
    align: Align::Left,
    max_lines: 3,
};
/// Initials on the disc that stands in for a photo.
const INITIALS: TextStyle = TextStyle {
    pt: 15.0,
    bold: true,
    colour: PAPER,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};
/// The persona's name.
const NAME: TextStyle = TextStyle {
    pt: 12.0,
    bold: true,
    colour: INK,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};
/// Segment and customer type.
const SEGMENT: TextStyle = TextStyle {
    pt: 9.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 1,
};
/// Description, first goal and first frustration.
const DESCRIPTION: TextStyle = TextStyle {
    pt: 8.5,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 4,
};

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_personas(
    b: &mut Builder,
    cx: &Ctx,
    personas: &[&Persona],
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    blank: bool,
) {
    if personas.is_empty() {
        if blank {
            b.rect(
                x,
                y,
                w,
                h,
                3.0,
                Some(PAPER),
                b.stroke(RULE, 0.4, &[1.5, 1.2]),
                None,
            );
            b.text(x + 4.0, y + 3.0, w - 8.0, cx.w.persona, BLANK_LABEL, None);
            b.text(
                x + 4.0,
                y + 9.0,
                w - 8.0,
                cx.w.blank_persona,
                BLANK_HINT,
                None,
            );
        }
        return;
    }
    let each = w / personas.len().min(3) as f32;
    for (i, p) in personas.iter().take(3).enumerate() {
        let px = x + i as f32 * each;
        let t = rec(RecordKind::Persona, &p.id);
        b.rect(
            px + 2.0,
            y,
            each - 2.0,
            h,
            3.0,
            Some(BAND_A),
            b.stroke(RULE, 0.3, &[]),
            t.clone(),
        );
        let r = 9.5;
        let (ccx, ccy) = (px + 6.0 + r, y + 4.0 + r);
        match &p.photo {
            Some(id) => {
                let rect = b.r(ccx - r, ccy - r, 2.0 * r, 2.0 * r);
                b.push(Item::Image {
                    rect,
                    image_id: id.clone(),
                    round: true,
                    target: t.clone(),
                });
            }
            None => {
                b.circle(ccx, ccy, r, Some(HEADER), None, t.clone());
                let initials: String = p
                    .name
                    .split_whitespace()
                    .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                    .filter_map(|w| w.chars().next())
                    .take(2)
                    .collect();
                b.text(ccx - r, ccy - 3.6, 2.0 * r, &initials, INITIALS, t.clone());
            }
        }
        let tx = px + 6.0 + 2.0 * r + 4.0;
        let tw = each - (tx - px) - 3.0;
        let mut ty = y + 3.0;
        ty += b.text(tx, ty, tw, &p.name, NAME, t.clone());
        let seg: Vec<&str> = [p.segment.as_str(), p.customer_type.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !seg.is_empty() {
            ty += b.text(tx, ty, tw, &seg.join(" · "), SEGMENT, t.clone());
        }
        let mut desc = p.description.clone();
        if let Some(g) = p.goals.first() {
            desc = format!("{desc} ✓ {g}");
        }
        if let Some(f) = p.frustrations.first() {
            desc = format!("{desc} ✗ {f}");
        }
        b.text(tx, ty + 0.8, tw, desc.trim(), DESCRIPTION, t.clone());
    }
}
