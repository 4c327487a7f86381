//! One edit's way through the core on a 5,000-card journey, as the app makes it: a card moved
//! two phases on (`Session::apply`: the edit committed, the detail patched, the map laid out and
//! patched) and its answer written as the JSON the web view receives. `benches/app-bench.sh`
//! measures the whole drop in the app; this shows the core's share of it.

use criterion::{criterion_group, Criterion};
use klantreis::session::{Session, View};
use klantreis::*;

mod common;

const CARDS: usize = 5000;

/// A session on a document with one journey of `CARDS` cards, laid out as the bench's are
/// (`e2e/examples/drag_bench.rs`), and the journey's view shown once.
fn session(path: &std::path::Path) -> (Session, View, Vec<Edit>) {
    let mut doc = Document::create(path).expect("create");
    let j = common::spread_cards("five-stages", Lang::En, CARDS, |i| {
        format!("Card {i}: I call customer service and wait twenty minutes")
    });
    let card = &j.cards[CARDS / 3];
    let (lane, card_id) = (card.lane_id.clone(), card.id.clone());
    let phases: Vec<String> = j.phases.iter().map(|p| p.id.clone()).collect();
    let id = j.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![],
    })
    .expect("journey");
    // Back and forth between two phases, so every round is the same work.
    let moves = [1, 3]
        .iter()
        .map(|&p| Edit::MoveCards {
            ids: vec![card_id.clone()],
            phase_id: phases[p].clone(),
            lane_id: lane.clone(),
            before: None,
        })
        .collect();
    let mut s = Session::new(doc);
    let view = View::Journey { id, request: None };
    s.show(&view).expect("show");
    (s, view, moves)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut s, view, moves) = session(&dir.path().join("bench.klantreis"));
    let mut n = 0usize;
    let mut g = c.benchmark_group("edit_5000_cards");
    g.sample_size(30);
    g.bench_function("move_card_answer", |b| {
        b.iter(|| {
            n += 1;
            s.apply(&moves[n % 2], &view).expect("move")
        })
    });
    g.bench_function("move_card_answer_as_json", |b| {
        b.iter(|| {
            n += 1;
            let up = s.apply(&moves[n % 2], &view).expect("move");
            serde_json::to_vec(&up).expect("json")
        })
    });
    g.finish();
    n += 1;
    let up = s.apply(&moves[n % 2], &view).expect("move");
    let json = serde_json::to_vec(&up).expect("json");
    println!("answer to one move: {} bytes of JSON", json.len());
}

criterion_group!(benches, bench);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
}
