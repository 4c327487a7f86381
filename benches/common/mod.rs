//! What the benchmarks share: a journey of many cards spread over its cells, as the app's
//! bench lays them out (`e2e/examples/drag_bench.rs`).

use klantreis::*;

/// Template `template`'s journey with `n` cards, the i-th in phase i mod phases and in lane
/// (i / phases) mod lanes, saying `text(i)`, with emotion (i mod 5) − 2.
pub fn spread_cards(
    template: &str,
    lang: Lang,
    n: usize,
    text: impl Fn(usize) -> String,
) -> Journey {
    let mut j = templates::build(template, lang, Some("Bench")).expect("template");
    for (i, key) in order::spread(n).into_iter().enumerate() {
        let phase = j.phases[i % j.phases.len()].id.clone();
        let lane = j.lanes[(i / j.phases.len()) % j.lanes.len()].id.clone();
        let mut c = Card::new(ids::new_id("card"), phase, lane, key, text(i));
        c.emotion = Some((i % 5) as i8 - 2);
        j.cards.push(c);
    }
    j
}
