//! Work over source documents: check-worthiness hints over a 100 KB document (target: under
//! 50 ms), and finding a quote anchor again in the worst case, an 8 MiB document of repeated
//! text whose quote is gone (target: under a second).
//!
//! Run with `cargo bench --bench hints`.

#![allow(clippy::unwrap_used)]

use claimdesk::model::{QuoteAnchor, hints, locate};

fn main() {
    divan::main();
}

/// About 100 KB of report-like prose, numbered so no two paragraphs are equal.
fn document() -> String {
    let paragraph = "A high-level delegation led by the minister is visiting the capital for talks, \
        the first known meeting since 2019. The spokesperson dismissed the speculation, calling it \
        \"biased and baseless\". Trade rose by 12 percent last year, officials said. The weather \
        was mild and the streets were quiet. Analysts in Seoul and Washington expressed concern. ";
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 100_000 {
        n += 1;
        text.push_str(&format!("Section {n}. {paragraph}\n\n"));
    }
    text
}

#[divan::bench(sample_count = 30)]
fn hints_for_100_kb(bencher: divan::Bencher) {
    let text = document();
    bencher.bench(|| hints::check_worthy(divan::black_box(&text), &[]).len());
}

/// 8 MiB of one sentence repeated, and an anchor whose context is that sentence and whose
/// quote is no longer there: every occurrence of the context frames a candidate.
#[divan::bench(sample_count = 10)]
fn anchor_in_8_mib_of_repeated_text(bencher: divan::Bencher) {
    let sentence = "The same words again, and again, and again. ";
    let text = sentence.repeat((8 << 20) / sentence.len());
    let original =
        format!("{sentence}{sentence}A quote that was removed later. {sentence}{sentence}");
    let start = original.find("A quote").unwrap();
    let end = start + "A quote that was removed later.".len();
    let anchor = QuoteAnchor::new(&original, start, end);
    bencher.bench(|| locate(divan::black_box(&text), &anchor).state);
}
