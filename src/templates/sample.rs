//! The sample journey (buying an e-bike at a local shop): what first start opens, and demos.

use super::{build, pick, T2};
use crate::model::*;

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
