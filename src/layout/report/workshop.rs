//! The workshop report: the one document a team gets the morning after a journey workshop.
//! Top to bottom: the title with the version it was made from; goal, personas and scope; the
//! guided steps, done or not, with the time each took when the facilitator timer ran; the
//! votes, ranked, with their cards and the round's budget; the decisions, the actions (owner,
//! due date, done) and the open questions; then the wall photos, each on half a page. The map
//! itself, fitted to a landscape page, follows as its own page ([`crate::print`] adds it).
//!
//! Invariants: pure (the date and the timer's times come in the options); every block goes
//! through the report's [`Flow`], so nothing is cut off; Dutch or English as the options say.

use super::super::{words, Ctx};
use super::flow::{Flow, BODY, SMALL};
use super::ReportOptions;
use crate::analysis::workshop::{StepId, WorkshopSteps};
use crate::analysis::VoteInsights;
use crate::model::{Journey, Lang, Persona};
use crate::scene::fonts::Fonts;
use crate::scene::{Item, Scene};

/// What the workshop report shows beyond the journey: its steps, votes, and the seconds the
/// facilitator timer ran per step (empty when it did not run).
pub struct WorkshopInput<'a> {
    pub journey: &'a Journey,
    pub personas: &'a [Persona],
    pub steps: &'a WorkshopSteps,
    pub votes: &'a VoteInsights,
    pub step_times: &'a [(StepId, u64)],
}

/// The step's name in the report's language.
pub fn step_name(s: StepId, lang: Lang) -> &'static str {
    match s {
        StepId::Goal => lang.pick("Doel", "Goal"),
        StepId::Persona => lang.pick("Persona", "Persona"),
        StepId::Scope => lang.pick("Afbakening", "Scope"),
        StepId::Phases => lang.pick("Fasen", "Phases"),
        StepId::Touchpoints => lang.pick("Contactmomenten", "Touchpoints"),
        StepId::Emotions => lang.pick("Emoties", "Emotions"),
        StepId::ImpactMoments => lang.pick("Impactmomenten", "Impact moments"),
        StepId::Review => lang.pick("Review", "Review"),
        StepId::NextSteps => lang.pick("Vervolgstappen", "Next steps"),
    }
}

/// `m:ss` (or `h:mm:ss` from an hour).
fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The report's pages (without the map page).
pub fn workshop_report(input: &WorkshopInput<'_>, opts: &ReportOptions) -> Vec<Scene> {
    let j = input.journey;
    let fonts = Fonts::load().ok();
    let lang = opts.lang.unwrap_or(j.meta.language);
    let cx = Ctx {
        fonts: fonts.as_ref(),
        lang,
        w: words(lang),
    };
    let (scale, size) = super::paper_scale(opts.paper);
    let label = lang.pick("Workshopverslag", "Workshop report");
    let mut f = Flow::new(&cx, scale, &j.meta.title).labelled(label);
    title(&mut f, j, opts);
    brief(&mut f, input);
    steps(&mut f, input);
    votes(&mut f, input);
    parking(&mut f, j);
    photos(&mut f, j);
    f.finish(opts, size).pages
}

fn title(f: &mut Flow, j: &Journey, opts: &ReportOptions) {
    let lang = f.cx.lang;
    let mut meta = vec![format!(
        "{} {}",
        lang.pick("versie", "version"),
        j.meta.version
    )];
    if let Some(d) = &opts.printed {
        meta.push(format!("{} {d}", lang.pick("gemaakt", "made")));
    }
    let kicker = lang.pick("WORKSHOPVERSLAG", "WORKSHOP REPORT");
    super::header(f, kicker, &j.meta.title, &meta);
}

/// Goal, personas and scope: what the session set out to map.
fn brief(f: &mut Flow, input: &WorkshopInput<'_>) {
    let lang = f.cx.lang;
    let j = input.journey;
    f.heading(
        lang.pick("Doel, persona en afbakening", "Goal, persona and scope"),
        12.0,
    );
    let none = lang.pick("(niet ingevuld)", "(not filled in)");
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            none.to_string()
        } else {
            s.trim().to_string()
        }
    };
    f.para(
        &format!("{}: {}", lang.pick("Doel", "Goal"), or_none(&j.meta.goal)),
        BODY,
    );
    let personas: Vec<String> = j
        .meta
        .persona_ids
        .iter()
        .filter_map(|id| input.personas.iter().find(|p| &p.id == id))
        .map(|p| {
            let kind = [p.segment.trim(), p.customer_type.trim()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            if kind.is_empty() {
                p.name.clone()
            } else {
                format!("{} ({kind})", p.name)
            }
        })
        .collect();
    let personas = if personas.is_empty() {
        none.to_string()
    } else {
        personas.join("; ")
    };
    f.para(
        &format!("{}: {personas}", lang.pick("Persona", "Persona")),
        BODY,
    );
    f.para(
        &format!(
            "{}: {} → {}",
            lang.pick("Afbakening", "Scope"),
            or_none(&j.meta.scope.start),
            or_none(&j.meta.scope.end)
        ),
        BODY,
    );
}

/// The guided steps: done or open, with the timer's time when it ran.
fn steps(f: &mut Flow, input: &WorkshopInput<'_>) {
    let lang = f.cx.lang;
    f.heading(lang.pick("Stappen", "Steps"), 20.0);
    let total: u64 = input.step_times.iter().map(|(_, s)| s).sum();
    for s in &input.steps.steps {
        let state = if s.done {
            lang.pick("klaar", "done")
        } else {
            lang.pick("nog open", "still open")
        };
        let mut line = format!(
            "{} — {state} ({}/{})",
            step_name(s.id, lang),
            s.filled,
            s.total
        );
        if let Some((_, secs)) = input.step_times.iter().find(|(id, _)| *id == s.id) {
            line.push_str(&format!(" · {}", clock(*secs)));
        }
        f.para(&line, BODY);
    }
    if total > 0 {
        f.para(
            &format!(
                "{} {}",
                lang.pick("Totale tijd op de timer:", "Total time on the timer:"),
                clock(total)
            ),
            SMALL,
        );
    } else {
        f.para(
            lang.pick(
                "De timer liep niet: geen tijden per stap.",
                "The timer did not run: no times per step.",
            ),
            SMALL,
        );
    }
}

/// The cards by votes, most first, with the round's budget.
fn votes(f: &mut Flow, input: &WorkshopInput<'_>) {
    let lang = f.cx.lang;
    let v = input.votes;
    let j = input.journey;
    f.heading(lang.pick("Stemmen", "Votes"), 16.0);
    if let (Some(r), Some(budget)) = (&v.round, v.budget) {
        f.para(
            &match lang {
                Lang::Nl => format!(
                    "{} deelnemers × {} stippen = {budget}; gegeven: {}",
                    r.participants, r.dots_per_person, v.given
                ),
                Lang::En => format!(
                    "{} participants × {} dots = {budget}; given: {}",
                    r.participants, r.dots_per_person, v.given
                ),
            },
            SMALL,
        );
    }
    if v.most.is_empty() {
        f.para(
            lang.pick("Er is niet gestemd.", "No votes were given."),
            BODY,
        );
        return;
    }
    for (i, c) in v.most.iter().enumerate() {
        let phase = j.phase(&c.phase_id).map(|p| p.name.as_str()).unwrap_or("?");
        let dots = match (lang, c.votes) {
            (Lang::Nl, 1) => "1 stip".to_string(),
            (Lang::Nl, n) => format!("{n} stippen"),
            (Lang::En, 1) => "1 dot".to_string(),
            (Lang::En, n) => format!("{n} dots"),
        };
        f.para(
            &format!("{}. {} ({phase}) — {dots}", i + 1, c.text.trim()),
            BODY,
        );
    }
}

/// Decisions, actions and open questions.
fn parking(f: &mut Flow, j: &Journey) {
    let lang = f.cx.lang;
    let lot = &j.meta.parking_lot;
    let empty = lang.pick("Geen.", "None.");
    f.heading(lang.pick("Besluiten", "Decisions"), 8.0);
    if lot.decisions.is_empty() {
        f.para(empty, SMALL);
    }
    for d in &lot.decisions {
        f.para(&format!("• {}", d.text), BODY);
    }
    f.heading(lang.pick("Acties", "Actions"), 8.0);
    if lot.actions.is_empty() {
        f.para(empty, SMALL);
    }
    for a in &lot.actions {
        let mut meta = Vec::new();
        if !a.owner.is_empty() {
            meta.push(a.owner.clone());
        }
        if !a.due.is_empty() {
            meta.push(format!("{} {}", lang.pick("uiterlijk", "due"), a.due));
        }
        if a.done {
            meta.push(lang.pick("klaar", "done").to_string());
        }
        let tail = if meta.is_empty() {
            String::new()
        } else {
            format!(" — {}", meta.join(", "))
        };
        f.para(&format!("• {}{tail}", a.text), BODY);
    }
    f.heading(lang.pick("Open vragen", "Open questions"), 8.0);
    if lot.questions.is_empty() {
        f.para(empty, SMALL);
    }
    for q in &lot.questions {
        f.para(&format!("• {}", q.text), BODY);
        if !q.answer.trim().is_empty() {
            f.para(
                &format!("{} {}", lang.pick("Antwoord:", "Answer:"), q.answer.trim()),
                SMALL,
            );
        } else if let Some(a) = lot
            .actions
            .iter()
            .find(|a| a.question_id.as_deref() == Some(q.id.as_str()))
        {
            f.para(
                &format!("{} {}", lang.pick("Actie:", "Action:"), a.text),
                SMALL,
            );
        }
    }
}

/// The photos of the wall, each across the column at 4:3 (the exporter covers the box).
fn photos(f: &mut Flow, j: &Journey) {
    if j.meta.wall_photos.is_empty() {
        return;
    }
    let lang = f.cx.lang;
    let h = f.w * 0.75;
    f.heading(lang.pick("Foto's van de muur", "Photos of the wall"), h);
    for id in &j.meta.wall_photos {
        f.need(h + 3.0);
        let rect = f.b.r(f.x, f.y, f.w, h);
        f.b.items.push(Item::Image {
            rect,
            image_id: id.clone(),
            round: false,
            target: None,
        });
        f.y += h + 4.0;
    }
}
