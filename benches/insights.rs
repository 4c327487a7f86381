//! Insights of a 5,000-card journey (target ≤ 10 ms) and its report on paper (≤ 0.3 s): `analysis::insights`, and the text and
//! JSON the `klantreis insights` command writes from it. Every card has an emotion (the worst
//! case for the curve), every seventh is an impact moment, every eleventh an opportunity with
//! scores, and the phases carry funnel data.

use criterion::{criterion_group, criterion_main, Criterion};
use klantreis::*;

fn journey(cards: usize) -> Journey {
    let mut j = templates::build("data-driven", Lang::Nl, Some("Bench"))
        .or_else(|_| templates::build("five-stages", Lang::Nl, Some("Bench")))
        .expect("template");
    let n = j.phases.len();
    for (i, p) in j.phases.iter_mut().enumerate() {
        p.data = Some(PhaseData {
            customers: Some(10_000 / (i as u64 + 1)),
            drop_off_pct: Some(10.0 + 5.0 * i as f64),
            throughput: Some(format!("{},5 dagen", i + 1)),
        });
    }
    let keys = order::spread(cards);
    for (i, key) in keys.into_iter().enumerate() {
        let phase = j.phases[i % n].id.clone();
        let lane = j.lanes[(i / n) % j.lanes.len()].id.clone();
        let mut c = Card::new(
            ids::new_id("card"),
            phase,
            lane,
            key,
            format!("Kaart {i}: ik bel de klantenservice en wacht twintig minuten"),
        );
        c.emotion = Some(((i * 7) % 5) as i8 - 2);
        c.impact = i % 7 == 0;
        if i % 11 == 0 {
            c.value = Some((i % 5) as u8 + 1);
            c.effort = Some(((i / 5) % 5) as u8 + 1);
        }
        j.cards.push(c);
    }
    j.sort();
    j
}

fn bench(c: &mut Criterion) {
    let j = journey(5_000);
    let mut g = c.benchmark_group("insights_5000_cards");
    g.bench_function("analysis", |b| b.iter(|| analysis::insights(&j)));
    let ins = analysis::insights(&j);
    g.bench_function("text", |b| {
        b.iter(|| klantreis::sentences::render(&ins, &j))
    });
    g.bench_function("json", |b| {
        b.iter(|| serde_json::to_string_pretty(&ins).expect("json"))
    });
    g.bench_function("csv", |b| {
        b.iter(|| interchange::csv::cards_csv(&j, interchange::csv::Delimiter::Comma))
    });
    g.finish();

    // The parts of `analysis`, to see where its time goes.
    let mut g = c.benchmark_group("insights_5000_cards_parts");
    g.bench_function("emotion", |b| b.iter(|| analysis::emotion::emotion(&j)));
    let emo = analysis::emotion::emotion(&j);
    g.bench_function("impact", |b| b.iter(|| analysis::impact::impact(&j, &emo)));
    g.bench_function("funnel", |b| b.iter(|| analysis::funnel::funnel(&j)));
    let (funnel, _) = analysis::funnel::funnel(&j);
    g.bench_function("pain", |b| b.iter(|| analysis::pain::pain(&j, &funnel)));
    g.bench_function("evidence", |b| b.iter(|| analysis::evidence::evidence(&j)));
    g.bench_function("safari", |b| b.iter(|| analysis::evidence::safari(&j)));
    g.bench_function("opportunities", |b| {
        b.iter(|| analysis::opportunities::opportunities(&j))
    });
    let pain = analysis::pain::pain(&j, &funnel);
    let m = analysis::opportunities::opportunities(&j);
    g.bench_function("fix_first", |b| {
        b.iter(|| analysis::fix_first::fix_first(&j, &emo, &pain, &funnel, &m))
    });
    g.finish();
}

/// The insights report of the same journey on A4 (target ≤ 0.3 s for the PDF): its layout, its
/// PDF, and the whole of `klantreis report` after opening the file (insights, layout, PDF).
fn report(c: &mut Criterion) {
    let j = journey(5_000);
    let ins = analysis::insights(&j);
    let opts = layout::report::ReportOptions {
        paper: layout::Paper::A4,
        lang: None,
        printed: Some("2026-12-01".into()),
    };
    let meta = export::pdf::PdfMeta {
        title: j.meta.title.clone(),
        lang: j.meta.language,
        print_shop: None,
    };
    let mut g = c.benchmark_group("report_5000_cards");
    g.sample_size(10);
    g.bench_function("layout", |b| {
        b.iter(|| layout::report::report(&j, &ins, &opts))
    });
    let pages = layout::report::report(&j, &ins, &opts).pages;
    let refs: Vec<&layout::Scene> = pages.iter().collect();
    let size = export::pdf::to_pdf_pages(&refs, &meta, None)
        .expect("pdf")
        .bytes
        .len();
    eprintln!(
        "report of 5,000 cards: {} A4 pages, {} KiB",
        pages.len(),
        size / 1024
    );
    g.bench_function("pdf", |b| {
        b.iter(|| export::pdf::to_pdf_pages(&refs, &meta, None).expect("pdf"))
    });
    g.bench_function("insights_layout_pdf", |b| {
        b.iter(|| {
            let ins = analysis::insights(&j);
            let pages = layout::report::report(&j, &ins, &opts).pages;
            let refs: Vec<&layout::Scene> = pages.iter().collect();
            export::pdf::to_pdf_pages(&refs, &meta, None).expect("pdf")
        })
    });
    g.finish();
}

criterion_group!(benches, bench, report);
criterion_main!(benches);
