//! Check-worthiness hints over a 100 KB document (target: under 50 ms).
//!
//! Run with `cargo bench --bench hints`.

#![allow(clippy::unwrap_used)]

use claimdesk::model::hints;

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
