//! The team's review of the journey: each of the method's review questions that has an answer,
//! with the answer for the whole journey and those per phase. Left out when nothing is
//! answered, so reports without a review paginate as before.

use super::super::review::{has_review, question};
use super::flow::{Flow, BODY, SMALL};
use crate::model::{Journey, ReviewQuestion};

pub(super) fn draw(f: &mut Flow, j: &Journey) {
    if !has_review(j) {
        return;
    }
    let lang = f.cx.lang;
    f.heading(
        lang.pick("Review met het team", "Review with the team"),
        24.0,
    );
    for q in ReviewQuestion::ALL {
        let across = j.meta.review.answer(q).trim();
        let phases: Vec<String> = j
            .phases
            .iter()
            .filter(|p| !p.review.answer(q).trim().is_empty())
            .map(|p| format!("{}: {}", p.name, p.review.answer(q).trim()))
            .collect();
        if across.is_empty() && phases.is_empty() {
            continue;
        }
        let asked = question(lang, q);
        // The question stays with the first answer under it.
        let first = if across.is_empty() {
            &phases[0]
        } else {
            across
        };
        let bold = BODY.bold(true);
        f.need(f.measure(asked, bold, f.w) + f.measure(first, BODY, f.w) + 1.0);
        f.para(asked, bold);
        if !across.is_empty() {
            f.para(across, BODY);
        }
        for p in &phases {
            f.para(p, SMALL);
        }
        f.y += 2.0;
    }
}
