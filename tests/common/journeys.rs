//! Journeys built by hand for the figures tests (`tests/insights*.rs`): phases `p0..`, lanes
//! `l0..` of given kinds and cards added in order, so every expected figure can be worked out
//! on paper.

use klantreis::{Card, Journey, JourneyMeta, Lane, LaneKind, Lang, Phase};

/// A journey with phases `p0..pN` and lanes `l0..` of the given kinds, no cards.
pub fn journey(phases: usize, lanes: &[LaneKind], lang: Lang) -> Journey {
    Journey {
        meta: JourneyMeta {
            id: "j".into(),
            title: "Test".into(),
            language: lang,
            ..Default::default()
        },
        phases: (0..phases)
            .map(|i| Phase {
                id: format!("p{i}"),
                order: format!("a{i}"),
                name: format!("Fase {i}"),
                duration: None,
                data: None,
                review: Default::default(),
            })
            .collect(),
        lanes: lanes
            .iter()
            .enumerate()
            .map(|(i, k)| Lane {
                id: format!("l{i}"),
                order: format!("a{i}"),
                kind: *k,
                title: format!("Laan {i}"),
                hint: String::new(),
                persona_id: None,
            })
            .collect(),
        cards: Vec::new(),
    }
}

/// Adds a card with an order key after every card added before (so cards keep insertion order
/// within a cell) and returns its id.
pub fn card(j: &mut Journey, phase: usize, lane: usize, text: &str, emotion: Option<i8>) -> String {
    let id = format!("c{}", j.cards.len());
    let order = format!("a{:03}", j.cards.len() + 1);
    let mut c = Card::new(
        id.clone(),
        format!("p{phase}"),
        format!("l{lane}"),
        order,
        text.into(),
    );
    c.emotion = emotion;
    j.cards.push(c);
    j.sort();
    id
}

pub fn card_mut<'a>(j: &'a mut Journey, id: &str) -> &'a mut Card {
    j.cards
        .iter_mut()
        .find(|c| c.id == id)
        .expect("card exists")
}
