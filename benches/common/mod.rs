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
    let mut j = templates::filled(template, lang, "Bench", n, text).expect("template");
    for (i, c) in j.cards.iter_mut().enumerate() {
        c.emotion = Some((i % 5) as i8 - 2);
    }
    j
}
