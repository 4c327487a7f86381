//! The funnel: one bar per phase for the customers entering it, the part it loses shaded on
//! top with its drop-off, a line from what each phase keeps to the next bar, the overall
//! conversion and throughput time under it, and every data warning named with its phase
//! (inconsistent data is shown, never hidden).

use super::super::builder::{Align, TextStyle};
use super::super::palette::{
    card_colours, AMBER, BAD, BAD_SOFT, INK, INK_FAINT, INK_SOFT, PAPER, RULE,
};
use super::flow::{Flow, BODY, SMALL};
use crate::analysis::format::hours;
use crate::analysis::Insights;
use crate::model::{CardColour, Journey};
use crate::scene::words::{int, pct};
use crate::scene::TextRole;

/// A figure over or beside a bar.
const FIGURE: TextStyle = TextStyle {
    pt: 7.5,
    bold: true,
    colour: INK,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 1,
};
/// A phase's name and drop-off under its bar.
const UNDER: TextStyle = TextStyle {
    pt: 7.0,
    bold: false,
    colour: INK_SOFT,
    role: TextRole::Label,
    align: Align::Centre,
    max_lines: 8,
};

const CHART_H: f32 = 42.0;

pub(super) fn draw(f: &mut Flow, j: &Journey, ins: &Insights) {
    let lang = f.cx.lang;
    let fu = &ins.funnel;
    // The heading stays with the chart (or with the hint when there is no data).
    let keep = if fu.has_data { CHART_H + 16.0 } else { 10.0 };
    f.heading(lang.pick("Trechter", "Funnel"), keep);
    if !fu.has_data {
        f.para(
            lang.pick("Nog geen data per fase: vul bij de fasen het aantal klanten, de uitval en de doorlooptijd in, dan staat hier hoeveel klanten elke fase verliest.",
                "No data per phase yet: fill in the customers, drop-off and throughput time of the phases, and this shows how many customers each phase loses.",
            ),
            SMALL,
        );
        warnings(f, ins);
        return;
    }
    let n = fu.phases.len().max(1);
    let cw = f.w / n as f32;
    let bw = (cw * 0.5).min(24.0);
    let max = fu
        .phases
        .iter()
        .filter_map(|p| p.customers_in)
        .max()
        .unwrap_or(0)
        .max(1) as f32;
    let under_h = fu
        .phases
        .iter()
        .map(|p| f.measure(&under(p, lang), UNDER, cw - 2.0))
        .fold(0.0, f32::max);
    f.need(CHART_H + 6.0 + under_h + 4.0);
    let top = f.y + 5.0;
    let base = top + CHART_H;
    let (kept_fill, kept_border) = card_colours(CardColour::Blue);
    let rule = f.b.stroke(RULE, 0.3, &[]);
    f.b.line(&[(f.x, base), (f.x + f.w, base)], rule);
    let mut prev_kept: Option<(f32, f32)> = None;
    for (i, p) in fu.phases.iter().enumerate() {
        let cx = f.x + cw * (i as f32 + 0.5);
        let bx = cx - bw / 2.0;
        match p.customers_in {
            Some(cin) => {
                let h = cin as f32 / max * CHART_H;
                let lost = p.lost.unwrap_or(0).min(cin) as f32 / max * CHART_H;
                let stroke = f.b.stroke(kept_border, 0.3, &[]);
                f.b.rect(bx, base - h, bw, h, 0.8, Some(kept_fill), stroke, None);
                if lost > 0.05 {
                    let s = f.b.stroke(BAD, 0.3, &[]);
                    f.b.rect(bx, base - h, bw, lost, 0.8, Some(BAD_SOFT), s, None);
                }
                f.b.text(
                    cx - cw / 2.0,
                    base - h - 3.8,
                    cw,
                    &int(cin, lang),
                    FIGURE,
                    None,
                );
                if let Some((px, py)) = prev_kept {
                    let s = f.b.stroke(INK_FAINT, 0.25, &[0.6, 0.8]);
                    f.b.line(&[(px, py), (bx, base - h)], s);
                }
                prev_kept = p
                    .customers_out
                    .map(|out| (bx + bw, base - out as f32 / max * CHART_H));
            }
            None => {
                let s = f.b.stroke(INK_FAINT, 0.3, &[0.8, 0.8]);
                f.b.rect(bx, base - 12.0, bw, 12.0, 0.8, Some(PAPER), s, None);
                f.b.text(
                    cx - cw / 2.0,
                    base - 8.0,
                    cw,
                    "?",
                    FIGURE.colour(INK_FAINT),
                    None,
                );
                prev_kept = None;
            }
        }
        f.b.text(
            cx - cw / 2.0 + 1.0,
            base + 1.5,
            cw - 2.0,
            &under(p, lang),
            UNDER,
            None,
        );
    }
    f.y = base + 1.5 + under_h + 3.0;
    let mut lines = Vec::new();
    if let (Some(c), Some(d)) = (fu.conversion, &fu.conversion_detail) {
        lines.push(format!(
            "{}: {} ({} → {})",
            lang.pick(
                "Conversie van de eerste naar de laatste fase",
                "Conversion from the first to the last phase"
            ),
            pct(c, lang),
            int(d.customers_in, lang),
            int(d.customers_out, lang)
        ));
    }
    if let Some(l) = &fu.losing_most {
        let name = j.phase(&l.phase_id).map(|p| p.name.as_str()).unwrap_or("?");
        lines.push(format!(
            "{}: {name} ({} {}, {})",
            lang.pick("Grootste verlies", "Loses most"),
            int(l.lost, lang),
            lang.pick("klanten", "customers"),
            pct(l.drop_off_pct, lang)
        ));
    }
    if let Some(h) = fu.throughput_hours {
        lines.push(format!(
            "{}: {}{}",
            lang.pick("Doorlooptijd", "Throughput time"),
            hours(h, lang),
            if fu.throughput_complete {
                ""
            } else {
                lang.pick(
                    " (alleen de fasen met een leesbare tijd)",
                    " (only the phases with a readable time)",
                )
            }
        ));
    }
    for l in lines {
        f.para(&l, BODY);
    }
    warnings(f, ins);
}

/// Under a bar: the phase's name, its drop-off and its time.
fn under(p: &crate::analysis::funnel::PhaseFunnel, lang: crate::model::Lang) -> String {
    let mut s = p.name.clone();
    if let Some(d) = p.drop_off_pct {
        let lost = p
            .lost
            .map(|l| format!(" (−{})", int(l, lang)))
            .unwrap_or_default();
        s.push_str(&format!(
            "\n{} {}{lost}",
            lang.pick("uitval", "drop-off"),
            pct(d, lang)
        ));
    }
    if let Some(tp) = &p.throughput {
        s.push_str(&format!("\n{tp}"));
    }
    s
}

/// The data warnings, each with an amber "!" (the analysis names the phase in the message).
fn warnings(f: &mut Flow, ins: &Insights) {
    let lang = f.cx.lang;
    if ins.warnings.is_empty() {
        return;
    }
    f.y += 1.0;
    f.para(
        lang.pick("Let op, de data klopt niet overal:", "Check the data:"),
        BODY.bold(true),
    );
    let tw = f.w - 7.0;
    for w in &ins.warnings {
        let h = f.measure(&w.message, SMALL.colour(INK), tw);
        f.need(h.max(4.0) + 1.2);
        f.b.circle(f.x + 2.0, f.y + 1.7, 1.7, Some(AMBER), None, None);
        f.b.text(f.x, f.y + 0.3, 4.0, "!", FIGURE.colour(PAPER).pt(7.0), None);
        f.b.text(f.x + 7.0, f.y, tw, &w.message, SMALL.colour(INK), None);
        f.y += h.max(4.0) + 1.2;
    }
}
