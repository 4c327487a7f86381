//! Peak-end and the emotion curve(s) of the report: the peak-end score with what it is made
//! of, the peak, the trough and the end as sticky notes with their full text, and one chart
//! per curve (the whole journey, or one per feelings lane when there are several) with the
//! peak, the trough and the end marked on it.

use super::super::builder::{Align, TextStyle};
use super::super::palette::{
    card_colours, emotion_colour, BAD, GOOD, INK, INK_FAINT, INK_SOFT, NEUTRAL, PAPER, RULE, SHADOW,
};
use super::super::plan::{pt_mm, LINE};
use super::flow::{Flow, BODY, SMALL};
use super::signed;
use crate::analysis::emotion::CurveFigures;
use crate::analysis::{curve, Insights, Moment};
use crate::model::{CardColour, Journey};
use crate::scene::TextRole;

/// The label on a note ("PEAK +2").
const NOTE_LABEL: TextStyle = TextStyle {
    pt: 7.5,
    bold: true,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Left,
    max_lines: usize::MAX,
};
/// A mark's name on the chart.
const MARK: TextStyle = TextStyle {
    pt: 7.0,
    bold: true,
    colour: INK,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};
/// A phase's name under the chart.
const PHASE: TextStyle = TextStyle {
    pt: 7.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 2,
};
/// The scale at the left of the chart.
const SCALE: TextStyle = TextStyle {
    pt: 7.0,
    bold: false,
    colour: NEUTRAL,
    role: TextRole::Label,
    align: Align::Right,
    max_lines: 1,
};

/// Height of the plot (from +2 to −2) and the room around it for mark labels.
const PLOT_H: f32 = 34.0;
const PAD: f32 = 6.0;
/// Width of the scale at the left.
const AXIS: f32 = 9.0;
/// More moments than this and the dots would touch: only the line and the marks are drawn.
const MAX_DOTS: usize = 240;

pub(super) fn draw(f: &mut Flow, j: &Journey, ins: &Insights) {
    let lang = f.cx.lang;
    let e = &ins.emotion.overall;
    f.heading(
        lang.pick(
            "Wat klanten onthouden: piek en einde",
            "What customers remember: peak and end",
        ),
        40.0,
    );
    if e.moments == 0 {
        f.para(
            lang.pick("Nog geen kaarten met een emotie: geef de gevoelens op de kaart een score van −2 tot +2, dan staan hier de curve, het hoogtepunt, het dieptepunt en het einde.",
                "No cards with an emotion yet: score the feelings on the map from −2 to +2, and the curve, the peak, the trough and the end appear here.",
            ),
            SMALL,
        );
        return;
    }
    if let (Some(pe), Some(mi), Some(end)) = (e.peak_end, &e.most_intense, &e.end) {
        let text = match lang {
            crate::model::Lang::Nl => format!(
                "Piek-eindscore {}: het gemiddelde van het sterkste moment ({}) en het einde ({}). Die twee bepalen vooral hoe klanten de hele reis onthouden.",
                signed(pe, lang),
                signed(mi.emotion as f64, lang),
                signed(end.emotion as f64, lang)
            ),
            crate::model::Lang::En => format!(
                "Peak-end score {}: the mean of the most intense moment ({}) and the end ({}). Those two shape most of how customers remember the whole journey.",
                signed(pe, lang),
                signed(mi.emotion as f64, lang),
                signed(end.emotion as f64, lang)
            ),
        };
        f.para(&text, BODY);
        f.y += 1.0;
    }
    notes(f, j, e);
    if ins.emotion.lanes.is_empty() {
        chart(f, j, None, e, None);
    } else {
        for l in &ins.emotion.lanes {
            chart(f, j, Some(&l.lane_id), &l.figures, Some(&l.title));
        }
    }
    if let Some(fall) = &e.steepest_fall {
        let text = match lang {
            crate::model::Lang::Nl => format!(
                "Steilste daling: {} stappen, van “{}” ({}) naar “{}” ({}).",
                fall.drop,
                one_line(&fall.from.text),
                signed(fall.from.emotion as f64, lang),
                one_line(&fall.to.text),
                signed(fall.to.emotion as f64, lang)
            ),
            crate::model::Lang::En => format!(
                "Steepest fall: {} steps, from “{}” ({}) to “{}” ({}).",
                fall.drop,
                one_line(&fall.from.text),
                signed(fall.from.emotion as f64, lang),
                one_line(&fall.to.text),
                signed(fall.to.emotion as f64, lang)
            ),
        };
        f.para(&text, SMALL);
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Peak, trough and end as three sticky notes side by side, each with its full text.
fn notes(f: &mut Flow, j: &Journey, e: &CurveFigures) {
    let lang = f.cx.lang;
    let gap = 4.0;
    let nw = (f.w - 2.0 * gap) / 3.0;
    let tw = nw - 6.0;
    let list: [(&str, &Option<Moment>, CardColour); 3] = [
        (lang.pick("HOOGTEPUNT", "PEAK"), &e.peak, CardColour::Green),
        (
            lang.pick("DIEPTEPUNT", "TROUGH"),
            &e.trough,
            CardColour::Pink,
        ),
        (lang.pick("EINDE", "END"), &e.end, CardColour::Blue),
    ];
    let phase = |id: &str| j.phase(id).map(|p| p.name.clone()).unwrap_or_default();
    let mut hs = Vec::new();
    for (label, m, _) in &list {
        let Some(m) = m else {
            hs.push(0.0);
            continue;
        };
        let head = format!("{label} {}", signed(m.emotion as f64, lang));
        hs.push(
            f.measure(&head, NOTE_LABEL, tw)
                + 1.0
                + f.measure(&m.text, BODY, tw)
                + 1.0
                + f.measure(&phase(&m.phase_id), SMALL, tw),
        );
    }
    let h = hs.iter().copied().fold(0.0, f32::max) + 7.0;
    f.need(h + 2.0);
    let y = f.y;
    for (i, (label, m, colour)) in list.iter().enumerate() {
        let Some(m) = m else { continue };
        let x = f.x + i as f32 * (nw + gap);
        let (fill, border) = card_colours(*colour);
        f.b.rect(x + 0.6, y + 0.8, nw, h, 1.2, Some(SHADOW), None, None);
        let stroke = f.b.stroke(border, 0.3, &[]);
        f.b.rect(x, y, nw, h, 1.2, Some(fill), stroke, None);
        let head = format!("{label} {}", signed(m.emotion as f64, lang));
        let mut ty = y + 3.5;
        ty += f.b.text(x + 3.0, ty, tw, &head, NOTE_LABEL, None) + 1.0;
        ty += f.b.text(x + 3.0, ty, tw, &m.text, BODY, None) + 1.0;
        f.b.text(x + 3.0, ty, tw, &phase(&m.phase_id), SMALL, None);
    }
    f.y += h + 4.0;
}

/// One curve: the scale, the phases as columns, the line through the moments, and the peak,
/// trough and end ringed and named.
fn chart(f: &mut Flow, j: &Journey, lane: Option<&str>, fig: &CurveFigures, title: Option<&str>) {
    let lang = f.cx.lang;
    let pts = curve(j, lane);
    let n = j.phases.len().max(1);
    let phase_h = 2.0 * pt_mm(PHASE.pt) * LINE + 1.0;
    let mut caption = String::new();
    if let Some(title) = title {
        let m = |m: &Option<Moment>| {
            m.as_ref()
                .map(|m| signed(m.emotion as f64, lang))
                .unwrap_or_else(|| "–".into())
        };
        caption = format!(
            "{title}: {} {}, {} {}, {} {}, {} {}",
            lang.pick("hoogtepunt", "peak"),
            m(&fig.peak),
            lang.pick("dieptepunt", "trough"),
            m(&fig.trough),
            lang.pick("einde", "end"),
            m(&fig.end),
            lang.pick("piek-eindscore", "peak-end"),
            fig.peak_end
                .map(|x| signed(x, lang))
                .unwrap_or_else(|| "–".into())
        );
    }
    let cap_h = if caption.is_empty() {
        0.0
    } else {
        f.measure(&caption, BODY.bold(true), f.w) + 1.0
    };
    let total = cap_h + PLOT_H + 2.0 * PAD + phase_h + 3.0;
    f.need(total);
    if !caption.is_empty() {
        f.b.text(f.x, f.y, f.w, &caption, BODY.bold(true), None);
        f.y += cap_h;
    }
    let top = f.y + PAD;
    let x0 = f.x + AXIS;
    let cw = (f.w - AXIS) / n as f32;
    let y_of = |e: f32| top + (2.0 - e) / 4.0 * PLOT_H;
    f.b.rect(
        x0,
        f.y,
        f.w - AXIS,
        PLOT_H + 2.0 * PAD,
        1.5,
        Some(PAPER),
        f.b.stroke(RULE, 0.2, &[]),
        None,
    );
    for e in [-2i8, -1, 0, 1, 2] {
        let ly = y_of(e as f32);
        let label = match e {
            2 => "+2",
            1 => "+1",
            0 => "0",
            -1 => "−1",
            _ => "−2",
        };
        f.b.text(
            f.x,
            ly - 1.3,
            AXIS - 1.5,
            label,
            SCALE.colour(emotion_colour(e as f32)),
            None,
        );
        let stroke = if e == 0 {
            f.b.stroke(NEUTRAL, 0.3, &[])
        } else {
            f.b.stroke(RULE, 0.2, &[0.5, 1.2])
        };
        f.b.line(&[(x0 + 1.0, ly), (f.x + f.w - 1.0, ly)], stroke);
    }
    // Phase columns and names.
    let name_y = f.y + PLOT_H + 2.0 * PAD + 1.2;
    for (i, p) in j.phases.iter().enumerate() {
        let cx = x0 + i as f32 * cw;
        if i > 0 {
            let s = f.b.stroke(RULE, 0.2, &[0.4, 1.2]);
            f.b.line(&[(cx, f.y + 1.0), (cx, f.y + PLOT_H + 2.0 * PAD - 1.0)], s);
        }
        f.b.text(cx + 1.0, name_y, cw - 2.0, &p.name, PHASE, None);
    }
    // Moments spread across their phase's column, in curve order.
    let mut per_phase = vec![0usize; n];
    for p in &pts {
        if let Some(c) = per_phase.get_mut(p.phase_index) {
            *c += 1;
        }
    }
    let mut seen = vec![0usize; n];
    let xy: Vec<(f32, f32)> = pts
        .iter()
        .map(|p| {
            let i = p.phase_index.min(n - 1);
            let k = seen[i];
            seen[i] += 1;
            let x = x0 + cw * i as f32 + cw * (k as f32 + 0.5) / per_phase[i].max(1) as f32;
            (x, y_of(p.emotion as f32))
        })
        .collect();
    if xy.len() >= 2 {
        let s = f.b.stroke(INK_SOFT, 0.45, &[]);
        f.b.line(&xy, s);
    }
    if xy.len() <= MAX_DOTS {
        for (p, &(x, y)) in pts.iter().zip(&xy) {
            let fill = emotion_colour(p.emotion as f32);
            f.b.circle(x, y, 0.9, Some(fill), f.b.stroke(PAPER, 0.2, &[]), None);
        }
    }
    // The marks: a ring and a name; a moment that is two marks gets both names.
    let mut marks: Vec<(usize, Vec<&str>)> = Vec::new();
    for (name, m) in [
        (lang.pick("hoogtepunt", "peak"), &fig.peak),
        (lang.pick("dieptepunt", "trough"), &fig.trough),
        (lang.pick("einde", "end"), &fig.end),
    ] {
        let Some(m) = m else { continue };
        let Some(i) = pts.iter().position(|p| p.card.id == m.card_id) else {
            continue;
        };
        match marks.iter_mut().find(|(k, _)| *k == i) {
            Some((_, names)) => names.push(name),
            None => marks.push((i, vec![name])),
        }
    }
    for (i, names) in marks {
        let (x, y) = xy[i];
        let e = pts[i].emotion;
        let colour = if e > 0 {
            GOOD
        } else if e < 0 {
            BAD
        } else {
            INK_FAINT
        };
        f.b.circle(x, y, 1.8, None, f.b.stroke(colour, 0.5, &[]), None);
        let label = names.join(" · ");
        let lw = 40.0;
        let lx = (x - lw / 2.0).clamp(x0, f.x + f.w - lw);
        // Above a high point, below a low one, so the label never covers the line it names.
        let ly = if e >= 0 { y - 5.2 } else { y + 2.6 };
        f.b.text(lx, ly, lw, &label, MARK.colour(colour), None);
    }
    f.y += total - cap_h;
}
