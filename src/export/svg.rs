//! SVG export of a Scene.
//!
//! Invariants: user units are millimetres (`viewBox` = page size in mm, `width`/`height` carry
//! the `mm` unit), so the SVG prints at the Scene's size; every piece of user text goes through
//! [`esc`]; fonts are named "Noto Sans" (the bundled font the layout measured with) with
//! Symbola as the fallback, so a viewer with those fonts breaks nothing differently.

use std::fmt::Write;

use base64::Engine;

use crate::scene::{Item, Scene, Seg, Stroke};

use super::ImageResolver;

/// Escapes text for XML content and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters other than tab/newline are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn n(v: f32) -> String {
    // Two decimals of a millimetre; trailing zeros trimmed to keep files small.
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

fn paint(fill: &Option<String>, stroke: &Option<Stroke>) -> String {
    let mut a = String::new();
    match fill {
        Some(f) => {
            let _ = write!(a, " fill=\"{}\"", esc(f));
        }
        None => a.push_str(" fill=\"none\""),
    }
    if let Some(s) = stroke {
        let _ = write!(
            a,
            " stroke=\"{}\" stroke-width=\"{}\"",
            esc(&s.colour),
            n(s.width.0)
        );
        if !s.dash.is_empty() {
            let d: Vec<String> = s.dash.iter().map(|d| n(d.0)).collect();
            let _ = write!(a, " stroke-dasharray=\"{}\"", d.join(" "));
        }
        a.push_str(" stroke-linejoin=\"round\" stroke-linecap=\"round\"");
    }
    a
}

/// The SVG document for `scene`. Images are embedded as data URIs when `images` resolves
/// them, and left out otherwise.
pub fn to_svg(scene: &Scene, images: Option<ImageResolver>) -> String {
    let mut o = String::with_capacity(scene.items.len() * 120 + 1024);
    let (w, h) = (scene.width.0, scene.height.0);
    let _ = writeln!(
        o,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}mm\" height=\"{h}mm\" viewBox=\"0 0 {} {}\" font-family=\"'Noto Sans', Symbola, sans-serif\">",
        n(w),
        n(h)
    );
    let _ = writeln!(
        o,
        "<rect width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(w),
        n(h)
    );
    let mut clip = 0usize;
    for it in &scene.items {
        match it {
            Item::Rect {
                rect,
                radius,
                fill,
                stroke,
                ..
            } => {
                let _ = write!(
                    o,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                    n(rect.x.0),
                    n(rect.y.0),
                    n(rect.w.0),
                    n(rect.h.0)
                );
                if radius.0 > 0.0 {
                    let _ = write!(o, " rx=\"{}\"", n(radius.0));
                }
                let _ = writeln!(o, "{}/>", paint(fill, stroke));
            }
            Item::Circle {
                centre,
                r,
                fill,
                stroke,
                ..
            } => {
                let _ = writeln!(
                    o,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{}/>",
                    n(centre.x.0),
                    n(centre.y.0),
                    n(r.0),
                    paint(fill, stroke)
                );
            }
            Item::Path {
                segs, fill, stroke, ..
            } => {
                let mut d = String::new();
                for s in segs {
                    match s {
                        Seg::Move { to } => {
                            let _ = write!(d, "M{} {}", n(to.x.0), n(to.y.0));
                        }
                        Seg::Line { to } => {
                            let _ = write!(d, "L{} {}", n(to.x.0), n(to.y.0));
                        }
                        Seg::Cubic { c1, c2, to } => {
                            let _ = write!(
                                d,
                                "C{} {} {} {} {} {}",
                                n(c1.x.0),
                                n(c1.y.0),
                                n(c2.x.0),
                                n(c2.y.0),
                                n(to.x.0),
                                n(to.y.0)
                            );
                        }
                        Seg::Close => d.push('Z'),
                    }
                }
                let _ = writeln!(o, "<path d=\"{d}\"{}/>", paint(fill, stroke));
            }
            Item::Text {
                lines,
                size,
                bold,
                colour,
                ..
            } => {
                let weight = if *bold { " font-weight=\"700\"" } else { "" };
                let _ = write!(
                    o,
                    "<text font-size=\"{}\"{weight} fill=\"{}\" xml:space=\"preserve\">",
                    // Three decimals: a rounded size stretches or squeezes whole lines.
                    format!("{:.3}", size.0)
                        .trim_end_matches('0')
                        .trim_end_matches('.'),
                    esc(colour)
                );
                for l in lines {
                    let _ = write!(
                        o,
                        "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                        n(l.x.0),
                        n(l.baseline.0),
                        esc(&l.text)
                    );
                }
                o.push_str("</text>\n");
            }
            Item::Image {
                rect,
                image_id,
                round,
                ..
            } => {
                // Only a checked image goes to whatever opens the SVG (src/media.rs).
                let Some((mime, data)) = images
                    .and_then(|f| f(image_id))
                    .filter(|(_, d)| crate::media::check(d).is_ok())
                else {
                    continue;
                };
                let href = format!(
                    "data:{};base64,{}",
                    esc(&mime),
                    base64::engine::general_purpose::STANDARD.encode(data)
                );
                let mut clip_attr = String::new();
                if *round {
                    clip += 1;
                    let _ = writeln!(
                        o,
                        "<clipPath id=\"kr-clip-{clip}\"><circle cx=\"{}\" cy=\"{}\" r=\"{}\"/></clipPath>",
                        n(rect.x.0 + rect.w.0 / 2.0),
                        n(rect.y.0 + rect.h.0 / 2.0),
                        n(rect.w.0.min(rect.h.0) / 2.0)
                    );
                    clip_attr = format!(" clip-path=\"url(#kr-clip-{clip})\"");
                }
                let _ = writeln!(
                    o,
                    "<image x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" preserveAspectRatio=\"xMidYMid slice\" href=\"{href}\"{clip_attr}/>",
                    n(rect.x.0),
                    n(rect.y.0),
                    n(rect.w.0),
                    n(rect.h.0)
                );
            }
        }
    }
    o.push_str("</svg>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_control_characters() {
        assert_eq!(esc("<b>&\"'\u{1}"), "&lt;b&gt;&amp;&quot;&apos;\u{FFFD}");
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.25), "1.25");
        assert_eq!(n(-0.001), "0");
    }
}
