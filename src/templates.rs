//! Journey templates from Dutch practice, each in Dutch and English: phases, lanes and a hint per
//! lane (the prompt printed faintly in the empty cells of a workshop canvas).

use serde::Serialize;

use crate::model::order;
use crate::model::*;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TemplateError {
    #[error("unknown template {0:?}; run `klantreis templates` to list them")]
    Unknown(String),
}

/// A template as listed to users.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// Phase names, for a preview.
    pub phases: Vec<&'static str>,
    /// Lane titles, for a preview.
    pub lanes: Vec<&'static str>,
}

/// (Dutch, English)
type T2 = (&'static str, &'static str);

struct LaneDef {
    kind: LaneKind,
    title: T2,
    hint: T2,
}

struct PhaseDef {
    name: T2,
    duration: Option<T2>,
}

struct Def {
    id: &'static str,
    name: T2,
    description: T2,
    goal: T2,
    phases: Vec<PhaseDef>,
    lanes: Vec<LaneDef>,
    data: bool,
}

fn pick(t: T2, lang: Lang) -> &'static str {
    match lang {
        Lang::Nl => t.0,
        Lang::En => t.1,
    }
}

fn ph(nl: &'static str, en: &'static str) -> PhaseDef {
    PhaseDef {
        name: (nl, en),
        duration: None,
    }
}

fn ph_d(nl: &'static str, en: &'static str, d: T2) -> PhaseDef {
    PhaseDef {
        name: (nl, en),
        duration: Some(d),
    }
}

fn ln(kind: LaneKind, title: T2, hint: T2) -> LaneDef {
    LaneDef { kind, title, hint }
}

const ACTIONS: (T2, T2) = (
    ("Acties (ik-vorm)", "Actions (first person)"),
    ("Wat doe ik? \"Ik zoek…\"", "What do I do? \"I search…\""),
);
const TOUCHPOINTS: (T2, T2) = (
    ("Touchpoints", "Touchpoints"),
    ("Waar kom ik jullie tegen?", "Where do I meet you?"),
);
const CHANNELS: (T2, T2) = (
    ("Kanalen & apparaten", "Channels & devices"),
    ("Via welk kanaal of apparaat?", "Which channel or device?"),
);
const THOUGHTS: (T2, T2) = (
    ("Gedachten", "Thoughts"),
    ("Wat denkt de klant?", "What does the customer think?"),
);
const FEELINGS: (T2, T2) = (
    ("Gevoelens", "Feelings"),
    (
        "Hoe voelt de klant zich? (−2 … +2)",
        "How does the customer feel? (−2 … +2)",
    ),
);
const PAIN: (T2, T2) = (
    ("Pijnpunten", "Pain points"),
    (
        "Waar gaat het mis of schuurt het?",
        "Where does it go wrong or chafe?",
    ),
);
const OPPORTUNITIES: (T2, T2) = (
    ("Kansen", "Opportunities"),
    ("Wat kunnen we verbeteren?", "What can we improve?"),
);
const IMPACT: (T2, T2) = (
    ("Impactmomenten", "Impact moments"),
    (
        "Welk moment maakt of breekt de ervaring?",
        "Which moment makes or breaks the experience?",
    ),
);
const BACKSTAGE: (T2, T2) = (
    ("Backstage", "Backstage"),
    (
        "Wat gebeurt er achter de schermen?",
        "What happens behind the scenes?",
    ),
);
const EVIDENCE: (T2, T2) = (
    ("Fysiek bewijs", "Physical evidence"),
    (
        "Wat ziet of krijgt de klant? (site, mail, bon)",
        "What does the customer see or get? (site, mail, receipt)",
    ),
);
const FRONTSTAGE: (T2, T2) = (
    ("Frontstage", "Frontstage"),
    (
        "Wat doen medewerkers waar de klant bij is?",
        "What do staff do in the customer's sight?",
    ),
);
const SUPPORT: (T2, T2) = (
    ("Ondersteunende processen", "Support processes"),
    (
        "Welke systemen en teams maken dit mogelijk?",
        "Which systems and teams make this possible?",
    ),
);
const DATA: (T2, T2) = (
    ("Data", "Data"),
    (
        "Aantallen, uitval en doorlooptijd",
        "Numbers, drop-off and throughput time",
    ),
);

/// The standard (title, hint) of a lane of `kind` in `lang`; `None` for a custom lane.
pub fn standard_lane(kind: LaneKind, lang: Lang) -> Option<(&'static str, &'static str)> {
    let def = match kind {
        LaneKind::Actions => ACTIONS,
        LaneKind::Touchpoints => TOUCHPOINTS,
        LaneKind::Channels => CHANNELS,
        LaneKind::Thoughts => THOUGHTS,
        LaneKind::Feelings => FEELINGS,
        LaneKind::PainPoints => PAIN,
        LaneKind::Opportunities => OPPORTUNITIES,
        LaneKind::ImpactMoments => IMPACT,
        LaneKind::PhysicalEvidence => EVIDENCE,
        LaneKind::Frontstage => FRONTSTAGE,
        LaneKind::Backstage => BACKSTAGE,
        LaneKind::SupportProcesses => SUPPORT,
        LaneKind::Data => DATA,
        LaneKind::Custom => return None,
    };
    Some((pick(def.0, lang), pick(def.1, lang)))
}

/// The kind of lane a title names, when it is a standard title in Dutch or English (case and
/// surrounding space aside): what an import uses for lanes it has only a title for.
pub fn kind_of_title(title: &str) -> Option<LaneKind> {
    let t = title.trim().to_lowercase();
    LaneKind::ALL.into_iter().find(|&k| {
        [Lang::Nl, Lang::En]
            .into_iter()
            .any(|lang| standard_lane(k, lang).is_some_and(|(s, _)| s.to_lowercase() == t))
    })
}

fn std_lane(kind: LaneKind, def: (T2, T2)) -> LaneDef {
    ln(kind, def.0, def.1)
}

fn defs() -> Vec<Def> {
    vec![
        Def {
            id: "canvas",
            name: ("Customer Journey Canvas", "Customer Journey Canvas"),
            description: (
                "Vijf fasen van oriëntatie tot aftersale, met touchpoints (ook waar je bedrijf niet bij is), emotie en cruciale touchpoints.",
                "Five phases from orientation to after-sales, with touchpoints (also where your company is not involved), emotion and crucial touchpoints.",
            ),
            goal: ("Begrijpen hoe klanten ons vinden, kopen en aanbevelen", "Understand how customers find us, buy and recommend"),
            phases: vec![
                ph("Oriëntatie", "Orientation"),
                ph("Aanschaf", "Purchase"),
                ph("Gebruik", "Use"),
                ph("Aanbeveling", "Recommendation"),
                ph("Aftersale", "After-sales"),
            ],
            lanes: vec![
                std_lane(LaneKind::Touchpoints, TOUCHPOINTS),
                ln(
                    LaneKind::Touchpoints,
                    ("Touchpoints zonder ons bedrijf", "Touchpoints without our company"),
                    ("Reviewsites, vrienden, vergelijkers…", "Review sites, friends, comparison sites…"),
                ),
                std_lane(LaneKind::Feelings, FEELINGS),
                ln(
                    LaneKind::ImpactMoments,
                    ("Cruciale touchpoints", "Crucial touchpoints"),
                    IMPACT.1,
                ),
            ],
            data: false,
        },
        Def {
            id: "five-stages",
            name: ("Vijf fasen", "Five stages"),
            description: (
                "Van bekendheid tot ambassadeurschap: acties, touchpoints, gedachten, gevoelens, pijnpunten en kansen.",
                "Awareness to advocacy: actions, touchpoints, thoughts, feelings, pain points and opportunities.",
            ),
            goal: ("Zien waar klanten afhaken en waar we kunnen verbeteren", "See where customers drop out and where we can improve"),
            phases: vec![
                ph("Bekendheid", "Awareness"),
                ph("Overweging", "Consideration"),
                ph("Beslissing", "Decision"),
                ph("Retentie", "Retention"),
                ph("Ambassadeurschap", "Advocacy"),
            ],
            lanes: vec![
                std_lane(LaneKind::Actions, ACTIONS),
                std_lane(LaneKind::Touchpoints, TOUCHPOINTS),
                std_lane(LaneKind::Thoughts, THOUGHTS),
                std_lane(LaneKind::Feelings, FEELINGS),
                std_lane(LaneKind::PainPoints, PAIN),
                std_lane(LaneKind::Opportunities, OPPORTUNITIES),
            ],
            data: false,
        },
        Def {
            id: "journey-map",
            name: ("Customer journey map", "Customer journey map"),
            description: (
                "De klassieke kaart: acties in de ik-vorm, kanalen en apparaten, pijnpunten, gedachten, gevoelens als emotiecurve en impactmomenten.",
                "The classic map: actions in the first person, channels and devices, pain points, thoughts, feelings as an emotion curve, and impact moments.",
            ),
            goal: ("De ervaring van de klant stap voor stap in beeld brengen", "Map the customer's experience step by step"),
            phases: vec![
                ph("Oriënteren", "Explore"),
                ph("Vergelijken", "Compare"),
                ph("Kopen", "Buy"),
                ph("Gebruiken", "Use"),
                ph("Service", "Service"),
            ],
            lanes: vec![
                std_lane(LaneKind::Actions, ACTIONS),
                std_lane(LaneKind::Channels, CHANNELS),
                std_lane(LaneKind::PainPoints, PAIN),
                std_lane(LaneKind::Thoughts, THOUGHTS),
                std_lane(LaneKind::Feelings, FEELINGS),
                std_lane(LaneKind::ImpactMoments, IMPACT),
            ],
            data: false,
        },
        Def {
            id: "b2b",
            name: ("B2B-klantreis", "B2B journey"),
            description: (
                "Meerdere stakeholders (beslisser, gebruiker, inkoper) en langere beslisfasen.",
                "Several stakeholders (decision maker, user, buyer) and longer decision phases.",
            ),
            goal: ("Begrijpen hoe een organisatie tot een keuze komt en wie daarin meebeslist", "Understand how an organisation comes to a choice and who has a say"),
            phases: vec![
                ph_d("Probleem erkennen", "Problem recognition", ("2–4 weken", "2–4 weeks")),
                ph_d("Oplossingen verkennen", "Exploring solutions", ("1–2 maanden", "1–2 months")),
                ph_d("Eisen opstellen", "Defining requirements", ("1 maand", "1 month")),
                ph_d("Leveranciers selecteren", "Selecting suppliers", ("2–3 maanden", "2–3 months")),
                ph_d("Inkoop & contract", "Purchase & contract", ("1–2 maanden", "1–2 months")),
                ph_d("Implementatie", "Implementation", ("3–6 maanden", "3–6 months")),
                ph_d("Gebruik & verlenging", "Use & renewal", ("jaarlijks", "yearly")),
            ],
            lanes: vec![
                ln(
                    LaneKind::Actions,
                    ("Beslisser", "Decision maker"),
                    ("Wat doet en wil de beslisser?", "What does the decision maker do and want?"),
                ),
                ln(
                    LaneKind::Actions,
                    ("Gebruiker", "User"),
                    ("Wat doet en wil de gebruiker?", "What does the user do and want?"),
                ),
                ln(
                    LaneKind::Actions,
                    ("Inkoper", "Buyer"),
                    ("Wat doet en wil de inkoper?", "What does the buyer do and want?"),
                ),
                std_lane(LaneKind::Touchpoints, TOUCHPOINTS),
                std_lane(LaneKind::Feelings, FEELINGS),
                std_lane(LaneKind::PainPoints, PAIN),
                std_lane(LaneKind::Backstage, BACKSTAGE),
            ],
            data: false,
        },
        Def {
            id: "data-driven",
            name: ("Datagedreven klantreis", "Data-driven journey"),
            description: (
                "Per fase hoeveel klanten er binnenkomen, hoeveel er afhaken en hoe lang het duurt: zo zie je hoe groot en structureel een probleem is.",
                "Per phase how many customers enter, how many drop out and how long it takes: so you see how large and structural a problem is.",
            ),
            goal: ("Meten waar klanten afhaken en waarom", "Measure where customers drop out and why"),
            phases: vec![
                ph("Bezoek", "Visit"),
                ph("Aanmelding", "Sign-up"),
                ph("Aankoop", "Purchase"),
                ph("Levering", "Delivery"),
                ph("Herhaalaankoop", "Repeat purchase"),
            ],
            lanes: vec![
                std_lane(LaneKind::Actions, ACTIONS),
                std_lane(LaneKind::Touchpoints, TOUCHPOINTS),
                std_lane(LaneKind::Data, DATA),
                std_lane(LaneKind::Feelings, FEELINGS),
                std_lane(LaneKind::PainPoints, PAIN),
                std_lane(LaneKind::Opportunities, OPPORTUNITIES),
            ],
            data: true,
        },
        Def {
            id: "service-blueprint",
            name: ("Service blueprint", "Service blueprint"),
            description: (
                "Wat de klant ziet en doet, en wat er voor en achter de schermen gebeurt om dat te leveren; met de lijnen van interactie, zichtbaarheid en interne interactie, en faal- en wachtpunten op de kaartjes.",
                "What the customer sees and does, and what happens in front of and behind the scenes to deliver it; with the lines of interaction, visibility and internal interaction, and fail and wait points on the cards.",
            ),
            goal: ("Zien wat er achter elke stap van de klant moet gebeuren, en waar het hapert", "See what has to happen behind each of the customer's steps, and where it falters"),
            phases: vec![
                ph("Contact", "Contact"),
                ph("Aanvraag", "Request"),
                ph("Levering", "Delivery"),
                ph("Gebruik", "Use"),
                ph("Nazorg", "Follow-up"),
            ],
            lanes: vec![
                std_lane(LaneKind::PhysicalEvidence, EVIDENCE),
                ln(
                    LaneKind::Actions,
                    ("Klantacties (ik-vorm)", "Customer actions (first person)"),
                    ACTIONS.1,
                ),
                std_lane(LaneKind::Frontstage, FRONTSTAGE),
                std_lane(LaneKind::Backstage, BACKSTAGE),
                std_lane(LaneKind::SupportProcesses, SUPPORT),
            ],
            data: false,
        },
    ]
}

/// The templates, named in `lang`.
pub fn list(lang: Lang) -> Vec<TemplateInfo> {
    defs()
        .into_iter()
        .map(|d| TemplateInfo {
            id: d.id,
            name: pick(d.name, lang),
            description: pick(d.description, lang),
            phases: d.phases.iter().map(|p| pick(p.name, lang)).collect(),
            lanes: d.lanes.iter().map(|l| pick(l.title, lang)).collect(),
        })
        .collect()
}

/// Ids of all templates.
pub fn ids() -> Vec<&'static str> {
    defs().into_iter().map(|d| d.id).collect()
}

/// A new journey from template `id` in `lang`, with fresh ids. `title` defaults to the
/// template's name.
pub fn build(id: &str, lang: Lang, title: Option<&str>) -> Result<Journey, TemplateError> {
    let d = defs()
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| TemplateError::Unknown(id.to_string()))?;
    let phase_keys = order::spread(d.phases.len());
    let lane_keys = order::spread(d.lanes.len());
    let mut j = Journey {
        meta: JourneyMeta {
            id: crate::model::ids::new_id("journey"),
            title: title.unwrap_or(pick(d.name, lang)).to_string(),
            goal: pick(d.goal, lang).to_string(),
            language: lang,
            template: Some(d.id.to_string()),
            version: 1,
            ..Default::default()
        },
        ..Default::default()
    };
    for (p, key) in d.phases.iter().zip(phase_keys) {
        j.phases.push(Phase {
            id: crate::model::ids::new_id("phase"),
            order: key,
            name: pick(p.name, lang).to_string(),
            duration: p.duration.map(|t| pick(t, lang).to_string()),
            data: d.data.then(PhaseData::default),
            review: Default::default(),
        });
    }
    for (l, key) in d.lanes.iter().zip(lane_keys) {
        j.lanes.push(Lane {
            id: crate::model::ids::new_id("lane"),
            order: key,
            kind: l.kind,
            title: pick(l.title, lang).to_string(),
            hint: pick(l.hint, lang).to_string(),
            persona_id: None,
        });
    }
    j.sort();
    Ok(j)
}

/// A filled sample journey (buying an e-bike at a local shop) with its persona, for first start
/// and for demos. Cards are given as (phase index, lane index, text, emotion, impact).
pub fn sample(lang: Lang) -> (Journey, Persona) {
    let persona = Persona {
        id: crate::model::ids::new_id("persona"),
        name: "Anouk de Vries".into(),
        segment: pick(("Forensen 35–50", "Commuters 35–50"), lang).into(),
        customer_type: pick(("Nieuwe klant", "New customer"), lang).into(),
        b2b_role: None,
        description: pick(
            (
                "Woont in Utrecht, werkt in Amersfoort en wil de auto vaker laten staan.",
                "Lives in Utrecht, works in Amersfoort and wants to leave the car at home more often.",
            ),
            lang,
        )
        .into(),
        goals: vec![pick(("Betrouwbaar en snel naar het werk", "Get to work reliably and fast"), lang).into()],
        frustrations: vec![pick(("Lange levertijden", "Long delivery times"), lang).into()],
        photo: None,
    };
    let title = pick(
        (
            "Een e-bike kopen bij Fietsplezier",
            "Buying an e-bike at Fietsplezier",
        ),
        lang,
    );
    // The template id is a constant; an empty journey would be the harmless fallback.
    let mut j = build("five-stages", lang, Some(title)).unwrap_or_default();
    j.meta.goal = pick(
        (
            "Meer proefritten omzetten in een aankoop",
            "Turn more test rides into a purchase",
        ),
        lang,
    )
    .into();
    j.meta.scope = Scope {
        start: pick(
            (
                "Ziet een collega op een e-bike",
                "Sees a colleague on an e-bike",
            ),
            lang,
        )
        .into(),
        end: pick(
            (
                "Raadt de winkel aan een vriend aan",
                "Recommends the shop to a friend",
            ),
            lang,
        )
        .into(),
    };
    j.meta.persona_ids = vec![persona.id.clone()];
    type C = (usize, usize, T2, Option<i8>, bool);
    let cards: Vec<C> = vec![
        (
            0,
            0,
            (
                "Ik zie een collega op een e-bike en raak aan de praat",
                "I see a colleague on an e-bike and we get talking",
            ),
            None,
            false,
        ),
        (0, 1, ("Instagram-advertentie", "Instagram ad"), None, false),
        (
            0,
            1,
            ("Verhaal van een collega", "A colleague's story"),
            None,
            false,
        ),
        (
            0,
            2,
            ("“Zou dat iets voor mij zijn?”", "“Would that suit me?”"),
            None,
            false,
        ),
        (0, 3, ("Nieuwsgierig", "Curious"), Some(1), false),
        (
            1,
            0,
            (
                "Ik vergelijk modellen op reviewsites",
                "I compare models on review sites",
            ),
            None,
            false,
        ),
        (
            1,
            1,
            ("Fietsersbond-test", "Cycling association test"),
            None,
            false,
        ),
        (
            1,
            2,
            (
                "“Wat is het verschil tussen € 2.000 en € 3.500?”",
                "“What is the difference between €2,000 and €3,500?”",
            ),
            None,
            false,
        ),
        (
            1,
            3,
            ("Overweldigd door keuze", "Overwhelmed by choice"),
            Some(-1),
            false,
        ),
        (
            1,
            4,
            (
                "Specificaties zijn onbegrijpelijk",
                "Specifications are hard to understand",
            ),
            None,
            false,
        ),
        (
            1,
            5,
            ("Keuzehulp met drie vragen", "Three-question choice guide"),
            None,
            false,
        ),
        (
            2,
            0,
            (
                "Ik maak een proefrit in de winkel",
                "I take a test ride in the shop",
            ),
            None,
            true,
        ),
        (
            2,
            1,
            ("Proefrit met adviseur", "Test ride with an adviser"),
            None,
            true,
        ),
        (
            2,
            3,
            ("Enthousiast na de proefrit", "Excited after the test ride"),
            Some(2),
            true,
        ),
        (
            2,
            4,
            ("Levertijd van zes weken", "Six-week delivery time"),
            None,
            false,
        ),
        (
            2,
            5,
            ("Leenfiets tot de levering", "Loan bike until delivery"),
            None,
            false,
        ),
        (
            3,
            0,
            (
                "Ik breng de fiets voor de eerste onderhoudsbeurt",
                "I bring the bike in for its first service",
            ),
            None,
            false,
        ),
        (
            3,
            3,
            (
                "Geïrriteerd: afspraak pas over drie weken",
                "Annoyed: first slot in three weeks",
            ),
            Some(-2),
            false,
        ),
        (
            3,
            4,
            ("Geen online afspraak mogelijk", "No online booking"),
            None,
            false,
        ),
        (
            3,
            5,
            ("Online onderhoud plannen", "Book service online"),
            None,
            false,
        ),
        (
            4,
            0,
            (
                "Ik raad de winkel aan bij mijn buurvrouw",
                "I recommend the shop to my neighbour",
            ),
            None,
            false,
        ),
        (
            4,
            2,
            (
                "“De proefrit maakte het verschil”",
                "“The test ride made the difference”",
            ),
            None,
            false,
        ),
        (4, 3, ("Tevreden", "Satisfied"), Some(1), false),
    ];
    let mut last_key: std::collections::HashMap<(usize, usize), String> = Default::default();
    for (pi, li, text, emotion, impact) in cards {
        let (Some(phase), Some(lane)) = (j.phases.get(pi), j.lanes.get(li)) else {
            continue;
        };
        let key = order::after(last_key.get(&(pi, li)).map(String::as_str));
        last_key.insert((pi, li), key.clone());
        let mut c = Card::new(
            crate::model::ids::new_id("card"),
            phase.id.clone(),
            lane.id.clone(),
            key,
            pick(text, lang).to_string(),
        );
        c.colour = lane.kind.default_colour();
        c.emotion = emotion;
        c.impact = impact;
        if pi == 2 && li == 3 {
            c.validation = Validation::Validated;
            c.evidence = vec![Evidence {
                source: EvidenceSource::Interview,
                note: pick(
                    (
                        "8 van 10 geïnterviewde kopers",
                        "8 of 10 interviewed buyers",
                    ),
                    lang,
                )
                .into(),
            }];
        }
        if pi == 1 && li == 1 {
            c.company_involved = false;
        }
        j.cards.push(c);
    }
    j.sort();
    (j, persona)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_builds_valid_journeys_in_both_languages() {
        for id in ids() {
            for lang in [Lang::Nl, Lang::En] {
                let j = build(id, lang, None).expect("template builds");
                j.validate().expect("valid");
                assert!(j.phases.len() >= 5, "{id}: phases");
                assert!(j.lanes.len() >= 3, "{id}: lanes");
                assert!(j.lanes.iter().all(|l| !l.hint.is_empty()), "{id}: hints");
            }
        }
        let nl = build("five-stages", Lang::Nl, None).expect("builds");
        let names: Vec<_> = nl.phases.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Bekendheid",
                "Overweging",
                "Beslissing",
                "Retentie",
                "Ambassadeurschap"
            ]
        );
        assert_eq!(
            build("nope", Lang::Nl, None),
            Err(TemplateError::Unknown("nope".into()))
        );
    }

    #[test]
    fn sample_is_valid() {
        for lang in [Lang::Nl, Lang::En] {
            let (j, _) = sample(lang);
            j.validate().expect("valid");
            assert!(j.cards.len() > 20);
            assert!(j.cards.iter().any(|c| c.emotion.is_some()));
        }
    }
}
