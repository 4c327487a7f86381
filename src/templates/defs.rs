//! The templates' contents: each template's phases and lanes, and the standard lanes' titles and
//! hints, in Dutch and English.

use super::{Def, LaneDef, PhaseDef, T2};
use crate::model::LaneKind;

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

pub(super) const ACTIONS: (T2, T2) = (
    ("Acties (ik-vorm)", "Actions (first person)"),
    ("Wat doe ik? \"Ik zoek…\"", "What do I do? \"I search…\""),
);
pub(super) const TOUCHPOINTS: (T2, T2) = (
    ("Touchpoints", "Touchpoints"),
    ("Waar kom ik jullie tegen?", "Where do I meet you?"),
);
pub(super) const CHANNELS: (T2, T2) = (
    ("Kanalen & apparaten", "Channels & devices"),
    ("Via welk kanaal of apparaat?", "Which channel or device?"),
);
pub(super) const THOUGHTS: (T2, T2) = (
    ("Gedachten", "Thoughts"),
    ("Wat denkt de klant?", "What does the customer think?"),
);
// The hint's minus is an en dash, as on the curve's axis and the cards' emotion chips
// (src/layout/emotion.rs, lanes.rs): Noto Sans has no U+2212, and Symbola's is a hairline that
// vanishes on screen at the size a lane hint is drawn.
pub(super) const FEELINGS: (T2, T2) = (
    ("Gevoelens", "Feelings"),
    (
        "Hoe voelt de klant zich? (–2 … +2)",
        "How does the customer feel? (–2 … +2)",
    ),
);
pub(super) const PAIN: (T2, T2) = (
    ("Pijnpunten", "Pain points"),
    (
        "Waar gaat het mis of schuurt het?",
        "Where does it go wrong or chafe?",
    ),
);
pub(super) const OPPORTUNITIES: (T2, T2) = (
    ("Kansen", "Opportunities"),
    ("Wat kunnen we verbeteren?", "What can we improve?"),
);
pub(super) const IMPACT: (T2, T2) = (
    ("Impactmomenten", "Impact moments"),
    (
        "Welk moment maakt of breekt de ervaring?",
        "Which moment makes or breaks the experience?",
    ),
);
pub(super) const BACKSTAGE: (T2, T2) = (
    ("Backstage", "Backstage"),
    (
        "Wat gebeurt er achter de schermen?",
        "What happens behind the scenes?",
    ),
);
pub(super) const EVIDENCE: (T2, T2) = (
    ("Fysiek bewijs", "Physical evidence"),
    (
        "Wat ziet of krijgt de klant? (site, mail, bon)",
        "What does the customer see or get? (site, mail, receipt)",
    ),
);
pub(super) const FRONTSTAGE: (T2, T2) = (
    ("Frontstage", "Frontstage"),
    (
        "Wat doen medewerkers waar de klant bij is?",
        "What do staff do in the customer's sight?",
    ),
);
pub(super) const SUPPORT: (T2, T2) = (
    ("Ondersteunende processen", "Support processes"),
    (
        "Welke systemen en teams maken dit mogelijk?",
        "Which systems and teams make this possible?",
    ),
);
pub(super) const DATA: (T2, T2) = (
    ("Data", "Data"),
    (
        "Aantallen, uitval en doorlooptijd",
        "Numbers, drop-off and throughput time",
    ),
);
fn std_lane(kind: LaneKind, def: (T2, T2)) -> LaneDef {
    ln(kind, def.0, def.1)
}

pub(super) fn defs() -> Vec<Def> {
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
