//! Comparing and keeping versions: the comparison of two 1,000-card journeys (target ≤ 20 ms),
//! a snapshot of a 5,000-card journey in a real document (target ≤ 50 ms), and how much the
//! document grows per snapshot (printed once, before the timings).

use criterion::{criterion_group, criterion_main, Criterion};
use klantreis::*;

fn journey(cards: usize, seed: usize) -> Journey {
    let mut j = templates::build("five-stages", Lang::Nl, Some("Bench")).expect("template");
    let n = j.phases.len();
    for (i, key) in order::spread(cards).into_iter().enumerate() {
        let phase = j.phases[i % n].id.clone();
        let lane = j.lanes[(i / n) % j.lanes.len()].id.clone();
        // One card in ten says something else in the second journey.
        let text = if (i + seed).is_multiple_of(10) {
            format!("Kaart {i}-{seed}: iets anders")
        } else {
            format!("Kaart {i}: ik bel de klantenservice en wacht twintig minuten")
        };
        let mut c = Card::new(ids::new_id("card"), phase, lane, key, text);
        c.emotion = Some((((i + seed) * 7) % 5) as i8 - 2);
        c.impact = i % 7 == 0;
        j.cards.push(c);
    }
    j.sort();
    j
}

fn bench(c: &mut Criterion) {
    let (a, b) = (journey(1_000, 0), journey(1_000, 3));
    c.bench_function("compare_1000_cards", |bn| {
        bn.iter(|| analysis::compare::compare(&a, &b, &[]))
    });

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bench.klantreis");
    let mut doc = Document::create(&path).expect("create");
    let big = journey(5_000, 0);
    let id = big.meta.id.clone();
    doc.apply(&Edit::CreateJourney {
        journey: big,
        personas: vec![],
    })
    .expect("journey");
    let size = |doc: Document| {
        doc.close().expect("close");
        let n = std::fs::metadata(&path).expect("size").len();
        (n, Document::open(&path).expect("reopen"))
    };
    let (before, doc2) = size(doc);
    for i in 0..10 {
        doc2.snapshot(&id, &format!("versie {i}"))
            .expect("snapshot");
    }
    let (after, doc) = size(doc2);
    eprintln!(
        "document: {} KiB with the journey, {} KiB after 10 snapshots: {:.0} KiB per snapshot of 5,000 cards",
        before / 1024,
        after / 1024,
        (after - before) as f64 / 10.0 / 1024.0
    );
    c.bench_function("snapshot_5000_cards", |bn| {
        bn.iter(|| doc.snapshot(&id, "bench").expect("snapshot"))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
