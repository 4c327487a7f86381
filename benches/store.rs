//! Store benchmarks: one edit committed (target p99 < 2 ms), a group of two edits committed as
//! one undo step, and opening a document with 5,000 cards (target < 100 ms). Criterion measures
//! the means; the edit's tail latency is measured separately over 2,000 commits and printed as
//! p50/p99, since a mean hides the fsync outliers.

use std::time::{Duration, Instant};

use criterion::{criterion_group, Criterion};
use klantreis::edit::CardPatch;
use klantreis::*;

mod common;

fn doc_with_cards(path: &std::path::Path, cards: usize) -> (Document, String) {
    let mut doc = Document::create(path).expect("create");
    let j = common::spread_cards("five-stages", Lang::Nl, cards, |i| {
        format!("Kaart {i}: ik bel de klantenservice en wacht twintig minuten")
    });
    let first = j.cards[0].id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: j,
        personas: vec![],
    })
    .expect("journey");
    (doc, first)
}

fn edit(n: u64, id: &str) -> Edit {
    Edit::UpdateCard {
        id: id.to_string(),
        patch: CardPatch {
            text: Some(format!("Bewerkt {n}")),
            ..Default::default()
        },
    }
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut doc, card) = doc_with_cards(&dir.path().join("edit.klantreis"), 500);
    let mut n = 0u64;
    c.bench_function("commit one edit (500-card document)", |b| {
        b.iter(|| {
            n += 1;
            doc.apply(&edit(n, &card)).expect("edit")
        })
    });

    // A group: both edits in one transaction, the second seeing the first (one workspace copy).
    c.bench_function("commit a group of two edits (500-card document)", |b| {
        b.iter(|| {
            n += 1;
            doc.apply_group(
                &[edit(n, &card), edit(n + 1_000_000, &card)],
                store::Origin::Local,
            )
            .expect("group")
        })
    });

    let path = dir.path().join("open.klantreis");
    let (big, _) = doc_with_cards(&path, 5000);
    big.close().expect("close");
    c.bench_function("open document with 5,000 cards", |b| {
        b.iter(|| Document::open(&path).expect("open"))
    });
}

criterion_group! {
    name = store;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(5));
    targets = benches
}

fn tail_latency() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut doc, card) = doc_with_cards(&dir.path().join("tail.klantreis"), 500);
    let mut times: Vec<Duration> = (0..2000)
        .map(|n| {
            let t = Instant::now();
            doc.apply(&edit(n, &card)).expect("edit");
            t.elapsed()
        })
        .collect();
    times.sort();
    let pct = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "commit one edit over {} commits: p50 {:?}, p99 {:?}, max {:?}",
        times.len(),
        pct(0.50),
        pct(0.99),
        times[times.len() - 1]
    );
}

fn main() {
    store();
    tail_latency();
    Criterion::default().configure_from_args().final_summary();
}
