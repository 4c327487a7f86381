//! The insights as readable text (what `klantreis insights` prints without `--json`), in the
//! journey's language, Dutch copy informal. The analysis returns figures; this is where they
//! are put into sentences, so `analysis` holds no prose of its own here.
//!
//! Invariant: the text says nothing the [`Insights`] do not hold; it only picks and words.

use std::fmt::Write;

use crate::analysis::evidence::{Counts, SafariPriority};
use crate::analysis::format::{hours, num, quote};
use crate::analysis::impact::CurveMark;
use crate::analysis::opportunities::Opportunity;
use crate::analysis::Insights;
use crate::model::{EvidenceSource, Journey, Lang};

fn signed(x: f64, lang: Lang) -> String {
    let s = num(x.abs(), 1, lang);
    if x > 0.0 {
        format!("+{s}")
    } else if x < 0.0 {
        format!("−{s}")
    } else {
        s
    }
}

fn evidence_word(s: EvidenceSource, lang: Lang) -> &'static str {
    match s {
        EvidenceSource::Interview => lang.pick("interview", "interview"),
        EvidenceSource::Experiment => lang.pick("experiment", "experiment"),
        EvidenceSource::Feedback => lang.pick("feedback", "feedback"),
        EvidenceSource::Data => lang.pick("data", "data"),
    }
}

fn counts(c: &Counts, lang: Lang) -> String {
    let share = c
        .validated_share
        .map(|s| format!(" ({} %)", num(s * 100.0, 0, lang)))
        .unwrap_or_default();
    match lang {
        Lang::Nl => format!(
            "{} kaarten: {} aannames, {} gevalideerd{share}, {} weerlegd",
            c.cards, c.assumptions, c.validated, c.refuted
        ),
        Lang::En => format!(
            "{} cards: {} assumptions, {} validated{share}, {} refuted",
            c.cards, c.assumptions, c.validated, c.refuted
        ),
    }
}

/// The insights of `j` as text.
pub fn render(ins: &Insights, j: &Journey) -> String {
    let lang = ins.language;
    let phase = |id: &str| j.phase(id).map(|p| p.name.as_str()).unwrap_or("?");
    let lane = |id: &str| j.lane(id).map(|l| l.title.as_str()).unwrap_or("?");
    let mut o = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(
        o,
        "{} {} ({} {})",
        lang.pick("Inzichten:", "Insights:"),
        ins.title,
        ins.cards,
        lang.pick("kaarten", "cards")
    );

    // Emotion
    let e = &ins.emotion.overall;
    let _ = writeln!(o, "\n{}", lang.pick("Emotiecurve", "Emotion curve"));
    if e.moments == 0 {
        let _ = writeln!(
            o,
            "  {}",
            lang.pick(
                "Nog geen kaarten met een emotie: geef je gevoelens een score van −2 tot +2.",
                "No cards with an emotion yet: score the feelings from −2 to +2."
            )
        );
    }
    for (label, m) in [
        (lang.pick("Hoogtepunt", "Peak"), &e.peak),
        (lang.pick("Dieptepunt", "Trough"), &e.trough),
        (lang.pick("Einde", "End"), &e.end),
    ] {
        if let Some(m) = m {
            let _ = writeln!(
                o,
                "  {label}: {} {} ({})",
                signed(m.emotion as f64, lang),
                quote(&m.text),
                phase(&m.phase_id)
            );
        }
    }
    if let (Some(pe), Some(mi), Some(end)) = (e.peak_end, &e.most_intense, &e.end) {
        let _ = writeln!(
            o,
            "  {}: {} ({} {} {} {})",
            lang.pick("Piek-eindscore", "Peak-end score"),
            signed(pe, lang),
            lang.pick("sterkste moment", "most intense moment"),
            signed(mi.emotion as f64, lang),
            lang.pick("en einde", "and end"),
            signed(end.emotion as f64, lang)
        );
    }
    if let Some(f) = &e.steepest_fall {
        let _ = writeln!(
            o,
            "  {}: {} {} {} ({}) {} {} ({})",
            lang.pick("Steilste daling", "Steepest fall"),
            f.drop,
            lang.pick("stappen, van", "steps, from"),
            quote(&f.from.text),
            signed(f.from.emotion as f64, lang),
            lang.pick("naar", "to"),
            quote(&f.to.text),
            signed(f.to.emotion as f64, lang)
        );
    }
    if e.moments > 0 {
        let _ = writeln!(
            o,
            "  {}",
            lang.pick(
                "Per fase (laagste / gemiddeld):",
                "Per phase (lowest / mean):"
            )
        );
        for p in &e.phases {
            let v = match (&p.lowest, p.mean) {
                (Some(l), Some(m)) => {
                    format!("{} / {}", signed(l.emotion as f64, lang), signed(m, lang))
                }
                _ => "–".into(),
            };
            let _ = writeln!(o, "    {}: {v}", phase(&p.phase_id));
        }
    }
    for l in &ins.emotion.lanes {
        let f = &l.figures;
        let m = |m: &Option<crate::analysis::Moment>| {
            m.as_ref()
                .map(|m| signed(m.emotion as f64, lang))
                .unwrap_or_else(|| "–".into())
        };
        let _ = writeln!(
            o,
            "  {}: {} {}, {} {}, {} {}, {} {}",
            l.title,
            lang.pick("hoogtepunt", "peak"),
            m(&f.peak),
            lang.pick("dieptepunt", "trough"),
            m(&f.trough),
            lang.pick("einde", "end"),
            m(&f.end),
            lang.pick("piek-eindscore", "peak-end"),
            f.peak_end
                .map(|x| signed(x, lang))
                .unwrap_or_else(|| "–".into())
        );
    }

    // Impact moments
    let _ = writeln!(o, "\n{}", lang.pick("Impactmomenten", "Impact moments"));
    for f in &ins.impact.flagged {
        let _ = writeln!(o, "  ★ {} ({})", quote(&f.text), phase(&f.phase_id));
    }
    for s in &ins.impact.suggested {
        let why: Vec<&str> = s
            .reasons
            .iter()
            .map(|r| match r {
                CurveMark::Peak => lang.pick("hoogtepunt", "peak"),
                CurveMark::Trough => lang.pick("dieptepunt", "trough"),
                CurveMark::End => lang.pick("einde", "end"),
                CurveMark::SteepestFall => lang.pick("steilste daling", "steepest fall"),
            })
            .collect();
        let _ = writeln!(
            o,
            "  ☆ {} ({}) — {}: {}",
            quote(&s.text),
            phase(&s.phase_id),
            lang.pick("voorstel", "suggested"),
            why.join(", ")
        );
    }
    if ins.impact.flagged.is_empty() && ins.impact.suggested.is_empty() {
        let _ = writeln!(o, "  –");
    }

    // Pain
    let _ = writeln!(
        o,
        "\n{}",
        lang.pick(
            "Pijn per fase (ergste eerst)",
            "Pain per phase (worst first)"
        )
    );
    for (i, id) in ins.pain.ranked.iter().enumerate() {
        if let Some(p) = ins.pain.phases.iter().find(|p| &p.phase_id == id) {
            let _ = writeln!(o, "  {}. {}: {}", i + 1, p.name, p.reason);
        }
    }
    if ins.pain.ranked.is_empty() {
        let _ = writeln!(o, "  –");
    }

    // Funnel
    let f = &ins.funnel;
    if f.has_data {
        let _ = writeln!(o, "\n{}", lang.pick("Trechter", "Funnel"));
        let dash = || "–".to_string();
        for p in &f.phases {
            let _ = writeln!(
                o,
                "  {}: {} {}, {} {}, {} {}{}",
                p.name,
                lang.pick("in", "in"),
                p.customers_in.map(|n| n.to_string()).unwrap_or_else(dash),
                lang.pick("uitval", "drop-off"),
                p.drop_off_pct
                    .map(|x| format!("{} %", num(x, 1, lang)))
                    .unwrap_or_else(dash),
                lang.pick("uit", "out"),
                p.customers_out.map(|n| n.to_string()).unwrap_or_else(dash),
                p.throughput
                    .as_ref()
                    .map(|x| format!(", {x}"))
                    .unwrap_or_default()
            );
        }
        if let (Some(c), Some(d)) = (f.conversion, &f.conversion_detail) {
            let _ = writeln!(
                o,
                "  {}: {} % ({} → {})",
                lang.pick("Conversie", "Conversion"),
                num(c, 1, lang),
                d.customers_in,
                d.customers_out
            );
        }
        if let Some(l) = &f.losing_most {
            let _ = writeln!(
                o,
                "  {}: {} ({} {})",
                lang.pick("Grootste verlies", "Loses most"),
                phase(&l.phase_id),
                l.lost,
                lang.pick("klanten", "customers")
            );
        }
        if let Some(h) = f.throughput_hours {
            let _ = writeln!(
                o,
                "  {}: {}{}",
                lang.pick("Doorlooptijd", "Throughput time"),
                hours(h, lang),
                if f.throughput_complete {
                    ""
                } else {
                    lang.pick(
                        " (alleen de fasen met een leesbare tijd)",
                        " (only the phases with a readable time)",
                    )
                }
            );
        }
    }

    // Evidence
    let ev = &ins.evidence;
    let _ = writeln!(o, "\n{}", lang.pick("Onderbouwing", "Evidence"));
    let _ = writeln!(
        o,
        "  {}: {}",
        lang.pick("Totaal", "Total"),
        counts(&ev.total, lang)
    );
    for p in ev.phases.iter().filter(|p| p.counts.cards > 0) {
        let _ = writeln!(o, "  {}: {}", phase(&p.phase_id), counts(&p.counts, lang));
    }
    for l in ev.lanes.iter().filter(|l| l.counts.cards > 0) {
        let _ = writeln!(o, "  {}: {}", lane(&l.lane_id), counts(&l.counts, lang));
    }

    // Safari
    let _ = writeln!(
        o,
        "\n{} ({})",
        lang.pick(
            "Klantsafari: toets deze aannames",
            "Customer safari: check these assumptions"
        ),
        ins.safari.len()
    );
    for s in &ins.safari {
        let tag = match s.priority {
            SafariPriority::ImpactMoment => lang.pick(" · impactmoment", " · impact moment"),
            SafariPriority::PainPoint => lang.pick(" · pijnpunt", " · pain point"),
            SafariPriority::Other => "",
        };
        let _ = writeln!(
            o,
            "  [ ] {} · {}: {}{tag} → {}",
            s.phase,
            s.lane,
            quote(&s.text),
            evidence_word(s.settle_with, lang)
        );
    }

    // Opportunities
    let m = &ins.opportunities;
    let total = m.quick_wins.len()
        + m.big_bets.len()
        + m.fill_ins.len()
        + m.money_pits.len()
        + m.unscored.len();
    if total > 0 {
        let _ = writeln!(
            o,
            "\n{}",
            lang.pick("Kansen (waarde × moeite)", "Opportunities (value × effort)")
        );
        let line = |o: &mut String, label: &str, v: &[Opportunity]| {
            if v.is_empty() {
                return;
            }
            let items: Vec<String> = v
                .iter()
                .map(|x| match (x.value, x.effort) {
                    (Some(a), Some(b)) => format!("{} {a}×{b}", quote(&x.text)),
                    _ => quote(&x.text),
                })
                .collect();
            let _ = writeln!(o, "  {label}: {}", items.join("; "));
        };
        line(&mut o, "Quick wins", &m.quick_wins);
        line(&mut o, lang.pick("Grote klussen", "Big bets"), &m.big_bets);
        line(&mut o, lang.pick("Opvullers", "Fill-ins"), &m.fill_ins);
        line(&mut o, lang.pick("Geldputten", "Money pits"), &m.money_pits);
        line(
            &mut o,
            lang.pick("Nog geen score", "Not scored yet"),
            &m.unscored,
        );
    }

    // Fix first
    let _ = writeln!(o, "\n{}", lang.pick("Pak eerst aan", "Fix first"));
    for (i, x) in ins.fix_first.iter().enumerate() {
        let _ = writeln!(o, "  {}. {}", i + 1, x.why);
    }
    if ins.fix_first.is_empty() {
        let _ = writeln!(o, "  –");
    }

    votes(&mut o, ins, j);

    if !ins.warnings.is_empty() {
        let _ = writeln!(o, "\n{}", lang.pick("Let op", "Warnings"));
        for w in &ins.warnings {
            let _ = writeln!(o, "  ! {}", w.message);
        }
    }
    o
}

/// The "most votes" list and the round's budget against the dots given.
fn votes(o: &mut String, ins: &Insights, j: &Journey) {
    let lang = j.meta.language;
    let v = &ins.votes;
    if v.most.is_empty() && v.round.is_none() {
        return;
    }
    let _ = writeln!(o, "\n{}", lang.pick("Meeste stemmen", "Most votes"));
    if let (Some(r), Some(budget)) = (&v.round, v.budget) {
        let _ = writeln!(
            o,
            "  {} {} × {} = {budget}, {} {}",
            lang.pick("Budget:", "Budget:"),
            r.participants,
            r.dots_per_person,
            lang.pick("gegeven:", "given:"),
            v.given
        );
    }
    for c in &v.most {
        let phase = j.phase(&c.phase_id).map(|p| p.name.as_str()).unwrap_or("?");
        let _ = writeln!(o, "  {:>3}  {} ({phase})", c.votes, quote(&c.text));
    }
}
