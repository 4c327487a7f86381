//! The assembly overview page of a tiled poster: the poster in miniature with the sheet grid
//! and the page numbers, built from the same Scene items as the sheets' overlays (see
//! [`super`]).

use super::*;

/// The assembly overview page: the poster in miniature with the sheet grid and page numbers.
/// Returns the items and the rectangle the miniature poster is drawn into.
pub fn overview(
    g: &Grid,
    title: &str,
    lang: Lang,
    poster: (f32, f32),
    measure: &dyn Fn(&str, bool) -> f32,
) -> (Vec<Item>, Rect) {
    let w = words(lang);
    let mut items = Vec::new();
    let p = g.printable();
    label(
        &mut items,
        p.x.0,
        p.y.0 + 7.0,
        w.overview,
        16.0,
        true,
        "#1f2933",
        measure,
    );
    label(
        &mut items,
        p.x.0,
        p.y.0 + 13.0,
        &format!(
            "{title} — {} × {} = {} {}",
            g.rows,
            g.cols,
            g.tiles(),
            if lang == Lang::Nl { "vellen" } else { "sheets" }
        ),
        9.0,
        false,
        "#52606d",
        measure,
    );
    let text_h = 26.0;
    let avail = Rect::new(p.x.0, p.y.0 + 18.0, p.w.0, p.h.0 - 18.0 - text_h);
    let (full_w, full_h) = poster;
    let s = (avail.w.0 / full_w).min(avail.h.0 / full_h);
    let ox = avail.x.0 + (avail.w.0 - full_w * s) / 2.0;
    let oy = avail.y.0;
    let thumb = Rect::new(ox, oy, poster.0 * s, poster.1 * s);
    items.push(Item::Rect {
        rect: thumb,
        radius: Mm(0.0),
        fill: None,
        stroke: stroke("#9aa5b1", 0.2),
        target: None,
    });
    // Where the sheets meet once trimmed: a sheet is trimmed along the left and top edges of
    // its window, so the seams lie at whole steps. Each region between seams gets its page
    // number.
    let (pw, ph) = (poster.0 * s, poster.1 * s);
    let seam = Stroke {
        colour: "#2d3a4a".into(),
        width: Mm(0.35),
        dash: vec![Mm(1.6), Mm(1.0)],
    };
    for c in 1..g.cols {
        let x = ox + c as f32 * g.step_x * s;
        items.push(Item::Path {
            segs: vec![
                Seg::Move {
                    to: Point::new(x, oy),
                },
                Seg::Line {
                    to: Point::new(x, oy + ph),
                },
            ],
            fill: None,
            stroke: Some(seam.clone()),
            target: None,
        });
    }
    for r in 1..g.rows {
        let y = oy + r as f32 * g.step_y * s;
        items.push(Item::Path {
            segs: vec![
                Seg::Move {
                    to: Point::new(ox, y),
                },
                Seg::Line {
                    to: Point::new(ox + pw, y),
                },
            ],
            fill: None,
            stroke: Some(seam.clone()),
            target: None,
        });
    }
    let mut page = 2;
    for r in 0..g.rows {
        for c in 0..g.cols {
            let x0 = c as f32 * g.step_x;
            let x1 = if c + 1 == g.cols {
                poster.0
            } else {
                (c + 1) as f32 * g.step_x
            };
            let y0 = r as f32 * g.step_y;
            let y1 = if r + 1 == g.rows {
                poster.1
            } else {
                (r + 1) as f32 * g.step_y
            };
            let (cx, cy) = (ox + (x0 + x1) / 2.0 * s, oy + (y0 + y1) / 2.0 * s);
            items.push(Item::Circle {
                centre: Point::new(cx, cy),
                r: Mm(4.2),
                fill: Some("#2d3a4a".into()),
                stroke: stroke("#ffffff", 0.5),
                target: None,
            });
            let t = page.to_string();
            let tw = measure(&t, true) * 9.0 * 25.4 / 72.0;
            label(
                &mut items,
                cx - tw / 2.0,
                cy + 1.1,
                &t,
                9.0,
                true,
                "#ffffff",
                measure,
            );
            page += 1;
        }
    }
    let mut y = p.bottom() - text_h + 6.0;
    for line in w.assembly {
        label(&mut items, p.x.0, y, line, 8.5, false, "#1f2933", measure);
        y += 5.0;
    }
    label(
        &mut items,
        p.x.0,
        y,
        &format!(
            "{} {}/{} mm ",
            if lang == Lang::Nl {
                "Overlap / marge:"
            } else {
                "Overlap / margin:"
            },
            g.overlap,
            g.margin
        ),
        7.5,
        false,
        "#52606d",
        measure,
    );
    (items, thumb)
}
