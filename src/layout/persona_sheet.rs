//! The persona sheet of the print kit: one portrait page per persona (A4, or A3 as the same
//! page enlarged by √2, like the report), to hang beside the canvas: photo or initials, name,
//! segment and customer type, the B2B role, the description, and goals and frustrations, each
//! list followed by empty ruled lines the group writes on. A journey without personas gets one
//! empty sheet to fill in, with the B2B roles as boxes to tick.

use super::builder::{rec, Align, Builder, TextStyle};
use super::palette::{BAND_A, HEADER, HINT, INK, INK_SOFT, PAPER, RULE};
use super::report::flow::{builder, scene_of};
use super::report::{A4_H, A4_W, MARGIN};
use super::Ctx;
use crate::model::{B2bRole, Journey, Lang, Persona};
use crate::scene::fonts::Fonts;
use crate::scene::words::words;
use crate::scene::{Item, Paper, RecordKind, Scene, TextRole};

const KICKER: TextStyle = TextStyle {
    pt: 9.0,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};
const NAME: TextStyle = TextStyle {
    pt: 22.0,
    bold: true,
    colour: INK,
    role: TextRole::Title,
    align: Align::Left,
    max_lines: 2,
};
const FIELD: TextStyle = TextStyle {
    pt: 11.0,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 3,
};
const FIELD_LABEL: TextStyle = TextStyle {
    pt: 8.0,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: 1,
};
const HEADING: TextStyle = TextStyle {
    pt: 13.0,
    bold: true,
    colour: INK,
    role: TextRole::Heading,
    align: Align::Left,
    max_lines: 1,
};
const ITEM: TextStyle = TextStyle {
    pt: 11.0,
    bold: false,
    colour: INK,
    role: TextRole::Body,
    align: Align::Left,
    max_lines: 4,
};
const INITIALS: TextStyle = TextStyle {
    pt: 30.0,
    bold: true,
    colour: PAPER,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};
const PHOTO_HINT: TextStyle = TextStyle {
    pt: 9.0,
    bold: false,
    colour: HINT,
    role: TextRole::Hint,
    align: Align::Centre,
    max_lines: 2,
};
const FOOT: TextStyle = TextStyle {
    pt: 7.5,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Stamp,
    align: Align::Left,
    max_lines: 1,
};

/// The B2B roles in the order a sheet lists them, with their names.
fn roles(lang: Lang) -> [(B2bRole, &'static str); 6] {
    [
        (
            B2bRole::DecisionMaker,
            lang.pick("beslisser", "decision maker"),
        ),
        (B2bRole::User, lang.pick("gebruiker", "user")),
        (B2bRole::Buyer, lang.pick("inkoper", "buyer")),
        (B2bRole::Influencer, lang.pick("beïnvloeder", "influencer")),
        (B2bRole::Gatekeeper, lang.pick("poortwachter", "gatekeeper")),
        (
            B2bRole::Initiator,
            lang.pick("initiatiefnemer", "initiator"),
        ),
    ]
}

/// A persona's initials: the first letters of up to two capitalised words (as on the map).
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .take(2)
        .collect()
}

/// The persona sheets of journey `j`: one per persona in `personas` the journey links, or one
/// empty sheet; on `paper` A3, else A4. `printed` is the date for the footer.
pub fn persona_sheets(
    j: &Journey,
    personas: &[Persona],
    paper: Paper,
    printed: Option<&str>,
) -> Vec<Scene> {
    let fonts = Fonts::load().ok();
    let lang = j.meta.language;
    let cx = Ctx {
        fonts: fonts.as_ref(),
        lang,
        w: words(lang),
    };
    let (scale, size) = match paper {
        Paper::A3 => (Paper::A3.size().0 / A4_W, Paper::A3.size()),
        _ => (1.0, (A4_W, A4_H)),
    };
    let linked: Vec<&Persona> = j
        .meta
        .persona_ids
        .iter()
        .filter_map(|id| personas.iter().find(|p| &p.id == id))
        .collect();
    let sheets: Vec<Option<&Persona>> = if linked.is_empty() {
        vec![None]
    } else {
        linked.into_iter().map(Some).collect()
    };
    sheets
        .into_iter()
        .map(|p| {
            let mut b = builder(cx.fonts, scale);
            sheet(&mut b, &cx, j, p, printed);
            scene_of(b, size, scale)
        })
        .collect()
}

/// `n` empty ruled lines from `y`, `gap` apart; returns the y below them.
fn ruled(b: &mut Builder, x: f32, w: f32, y: f32, n: usize, gap: f32) -> f32 {
    let mut y = y;
    for _ in 0..n {
        y += gap;
        b.line(&[(x, y), (x + w, y)], b.stroke(RULE, 0.3, &[]));
    }
    y
}

fn sheet(b: &mut Builder, cx: &Ctx, j: &Journey, p: Option<&Persona>, printed: Option<&str>) {
    let lang = cx.lang;
    let (x, w) = (MARGIN, A4_W - 2.0 * MARGIN);
    let target = p.and_then(|p| rec(RecordKind::Persona, &p.id));
    let mut y = MARGIN;
    let kicker = format!("PERSONA · {}", j.meta.title);
    y += b.text(x, y, w, &kicker, KICKER, None) + 4.0;

    // Photo, or initials on a dark disc, or an empty dashed circle to draw or stick one in.
    let r = 24.0;
    let (ccx, ccy) = (x + r, y + r);
    match p {
        Some(p) if p.photo.is_some() => {
            let rect = b.r(ccx - r, ccy - r, 2.0 * r, 2.0 * r);
            b.push(Item::Image {
                rect,
                image_id: p.photo.clone().unwrap_or_default(),
                round: true,
                target: target.clone(),
            });
        }
        Some(p) => {
            b.circle(ccx, ccy, r, Some(HEADER), None, target.clone());
            b.text(
                ccx - r,
                ccy - 6.5,
                2.0 * r,
                &initials(&p.name),
                INITIALS,
                target.clone(),
            );
        }
        None => {
            b.circle(
                ccx,
                ccy,
                r,
                Some(PAPER),
                b.stroke(RULE, 0.5, &[2.0, 1.5]),
                None,
            );
            let hint = lang.pick("foto of tekening", "photo or drawing");
            b.text(
                ccx - r + 4.0,
                ccy - 2.5,
                2.0 * r - 8.0,
                hint,
                PHOTO_HINT,
                None,
            );
        }
    }

    // Name, segment and customer type, B2B role: filled in, or labelled lines to write on.
    let tx = x + 2.0 * r + 8.0;
    let tw = w - (tx - x);
    let mut ty = y;
    let field = |b: &mut Builder, ty: &mut f32, label: &str, value: Option<&str>| {
        *ty += b.text(tx, *ty, tw, label, FIELD_LABEL, None) + 0.5;
        match value {
            Some(v) if !v.is_empty() => *ty += b.text(tx, *ty, tw, v, FIELD, target.clone()) + 2.5,
            _ => *ty = ruled(b, tx, tw, *ty, 1, 7.0) + 3.0,
        }
    };
    match p {
        Some(p) => ty += b.text(tx, ty, tw, &p.name, NAME, target.clone()) + 2.0,
        None => field(b, &mut ty, lang.pick("NAAM", "NAME"), None),
    }
    let segment = p.map(|p| {
        [p.segment.as_str(), p.customer_type.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ")
    });
    field(
        b,
        &mut ty,
        lang.pick("SEGMENT EN KLANTTYPE", "SEGMENT AND CUSTOMER TYPE"),
        segment.as_deref(),
    );
    let role_label = lang.pick("ROL (B2B)", "ROLE (B2B)");
    let role = p.and_then(|p| p.b2b_role);
    match role {
        Some(role) => {
            let name = roles(lang)
                .into_iter()
                .find(|(r, _)| *r == role)
                .map(|(_, n)| n)
                .unwrap_or_default();
            field(b, &mut ty, role_label, Some(name));
        }
        None => {
            // Boxes to tick: in B2B several stakeholders decide together.
            ty += b.text(tx, ty, tw, role_label, FIELD_LABEL, None) + 1.5;
            let mut bx = tx;
            for (_, name) in roles(lang) {
                let nw = b.width_em(name, false) * FIELD.pt * 0.3528;
                if bx + 5.0 + nw > tx + tw {
                    bx = tx;
                    ty += 6.0;
                }
                b.rect(
                    bx,
                    ty + 0.3,
                    3.4,
                    3.4,
                    0.5,
                    None,
                    b.stroke(INK_SOFT, 0.3, &[]),
                    None,
                );
                b.text(bx + 4.6, ty - 0.3, nw + 1.0, name, FIELD.lines(1), None);
                bx += 4.6 + nw + 6.0;
            }
            ty += 8.0;
        }
    }
    y = ty.max(y + 2.0 * r) + 6.0;

    if let Some(d) = p.map(|p| p.description.as_str()).filter(|d| !d.is_empty()) {
        y += b.text(x, y, w, d, FIELD.lines(6), target.clone()) + 5.0;
    }

    // Goals and frustrations: two tinted boxes, the known items, then lines to write on.
    let foot_y = A4_H - MARGIN - 3.5;
    let box_h = (foot_y - 6.0 - y - 6.0) / 2.0;
    let lists = [
        (
            lang.pick("Doelen", "Goals"),
            lang.pick(
                "Wat wil deze klant bereiken?",
                "What does this customer want to achieve?",
            ),
            p.map(|p| p.goals.as_slice()).unwrap_or_default(),
        ),
        (
            lang.pick("Frustraties", "Frustrations"),
            lang.pick(
                "Wat zit deze klant dwars?",
                "What gets in this customer's way?",
            ),
            p.map(|p| p.frustrations.as_slice()).unwrap_or_default(),
        ),
    ];
    for (heading, question, items) in lists {
        b.rect(
            x,
            y,
            w,
            box_h,
            3.0,
            Some(BAND_A),
            b.stroke(RULE, 0.3, &[]),
            None,
        );
        let ix = x + 5.0;
        let iw = w - 10.0;
        let mut iy = y + 4.0;
        iy += b.text(ix, iy, iw, heading, HEADING, None) + 0.5;
        iy += b.text(ix, iy, iw, question, PHOTO_HINT.align_left(), None) + 2.0;
        for item in items {
            iy += b.text(ix, iy, iw, &format!("•  {item}"), ITEM, target.clone()) + 1.5;
        }
        let gap = 9.0;
        let room = ((y + box_h - 4.0 - iy) / gap).floor().max(0.0) as usize;
        ruled(b, ix, iw, iy, room, gap);
        y += box_h + 6.0;
    }

    let mut foot = format!("Klantreis · {}", j.meta.title);
    if let Some(d) = printed {
        foot = format!("{foot} · {} {d}", lang.pick("geprint", "printed"));
    }
    b.text(x, foot_y, w, &foot, FOOT, None);
}
