//! The customer safari as a checklist: every assumption (impact moments and pain points
//! first, as the analysis orders them) with a tick box, its phase and lane, the kind of
//! evidence that would settle it, and ruled lines to write down what the team found.

use super::super::palette::{INK, PAPER, RULE};
use super::flow::{Flow, BODY, SMALL};
use crate::analysis::evidence::SafariPriority;
use crate::analysis::Insights;
use crate::model::{EvidenceSource, Lang};

/// Room for notes under each item: this many ruled lines, this far apart.
const NOTE_LINES: usize = 2;
const NOTE_GAP: f32 = 6.0;
const BOX: f32 = 4.2;

fn settle(s: EvidenceSource, lang: Lang) -> &'static str {
    match s {
        EvidenceSource::Interview => lang.pick("interview", "interview"),
        EvidenceSource::Experiment => lang.pick("experiment", "experiment"),
        EvidenceSource::Feedback => lang.pick("feedback", "feedback"),
        EvidenceSource::Data => lang.pick("data", "data"),
    }
}

pub(super) fn draw(f: &mut Flow, ins: &Insights) {
    let lang = f.cx.lang;
    let title = format!(
        "{} ({})",
        lang.pick(
            "Klantsafari: toets deze aannames",
            "Customer safari: check these assumptions"
        ),
        ins.safari.len()
    );
    // The heading stays with the introduction and the first item.
    f.heading(&title, 32.0);
    if ins.safari.is_empty() {
        f.para(
            lang.pick(
                "Geen aannames meer: elke kaart is gevalideerd of weerlegd.",
                "No assumptions left: every card is validated or refuted.",
            ),
            SMALL,
        );
        return;
    }
    f.para(
        lang.pick("Ga op safari: praat met klanten, kijk mee, probeer het uit. Vink af wat je hebt getoetst en schrijf op wat je vond; zet de kaart daarna op gevalideerd of weerlegd.",
            "Go on safari: talk to customers, watch them, try it out. Tick what you checked and write down what you found; then mark the card validated or refuted.",
        ),
        SMALL,
    );
    f.y += 1.0;
    let indent = BOX + 3.5;
    let tw = f.w - indent;
    for s in &ins.safari {
        let tag = match s.priority {
            SafariPriority::ImpactMoment => lang.pick(" · impactmoment", " · impact moment"),
            SafariPriority::PainPoint => lang.pick(" · pijnpunt", " · pain point"),
            SafariPriority::Other => "",
        };
        let meta = format!(
            "{} · {}{tag} → {}",
            s.phase,
            s.lane,
            settle(s.settle_with, lang)
        );
        let text_h = f.measure(&s.text, BODY, tw);
        let meta_h = f.measure(&meta, SMALL, tw);
        let h = text_h + 0.8 + meta_h + NOTE_LINES as f32 * NOTE_GAP + 3.0;
        f.need(h);
        let y = f.y;
        let stroke = f.b.stroke(INK, 0.35, &[]);
        f.b.rect(f.x, y + 0.2, BOX, BOX, 0.6, Some(PAPER), stroke, None);
        let mut ty = y;
        ty += f.b.text(f.x + indent, ty, tw, &s.text, BODY, None) + 0.8;
        ty += f.b.text(f.x + indent, ty, tw, &meta, SMALL, None);
        for k in 1..=NOTE_LINES {
            let ly = ty + k as f32 * NOTE_GAP;
            let st = f.b.stroke(RULE, 0.2, &[0.6, 1.0]);
            f.b.line(&[(f.x + indent, ly), (f.x + f.w, ly)], st);
        }
        f.y = y + h;
    }
}
