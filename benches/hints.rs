//! Work over source documents: check-worthiness hints over a 100 KB document (target: under
//! 50 ms), and finding a quote anchor again in the worst case, an 8 MiB document of repeated
//! text whose quote is gone (target: under a second).
//!
//! Run with `cargo bench --bench hints`. With `CLAIMDESK_CHECKWORTHY_TSV` naming a labelled
//! file of sentences (`label<TAB>sentence` lines under a header, label 1 for check-worthy,
//! such as the ClaimBuster debate sentences), it first prints the scorer's precision, recall,
//! F1 and share of sentences flagged on it at the default threshold, on the whole file and on
//! its odd- and even-numbered sentences.

#![allow(clippy::unwrap_used)]

use claimdesk::model::{QuoteAnchor, hints, locate};

/// Where a labelled set of sentences may be named.
const LABELLED: &str = "CLAIMDESK_CHECKWORTHY_TSV";

fn main() {
    match std::env::var_os(LABELLED) {
        Some(path) => measure(std::path::Path::new(&path)),
        None => println!("{LABELLED} is not set: precision and recall are not measured"),
    }
    divan::main();
}

/// Counts of flagged and labelled sentences.
#[derive(Default)]
struct Counts {
    true_positive: u32,
    false_positive: u32,
    false_negative: u32,
    sentences: u32,
}

impl Counts {
    fn add(&mut self, label: bool, flagged: bool) {
        self.sentences += 1;
        match (label, flagged) {
            (true, true) => self.true_positive += 1,
            (false, true) => self.false_positive += 1,
            (true, false) => self.false_negative += 1,
            (false, false) => {}
        }
    }

    fn line(&self, name: &str) -> String {
        let tp = f64::from(self.true_positive);
        let precision = tp / f64::from(self.true_positive + self.false_positive).max(1.0);
        let recall = tp / f64::from(self.true_positive + self.false_negative).max(1.0);
        let f1 = 2.0 * precision * recall / (precision + recall).max(f64::EPSILON);
        let share = f64::from(self.true_positive + self.false_positive)
            / f64::from(self.sentences).max(1.0);
        format!(
            "{name:<13} {:>5} sentences  precision {precision:.3}  recall {recall:.3}  F1 {f1:.3}  flagged {share:.3}",
            self.sentences
        )
    }
}

/// Precision, recall, F1 and the share flagged on a labelled file, at the default threshold.
fn measure(path: &std::path::Path) {
    let Ok(text) = std::fs::read_to_string(path) else {
        println!("{LABELLED}: cannot read {}", path.display());
        return;
    };
    let mut halves = [Counts::default(), Counts::default()];
    let mut all = Counts::default();
    for (i, line) in text.lines().skip(1).enumerate() {
        let Some((label, sentence)) = line.split_once('\t') else {
            continue;
        };
        let label = label.trim() == "1";
        let flagged = hints::score(sentence).score >= hints::THRESHOLD;
        all.add(label, flagged);
        halves[i % 2].add(label, flagged);
    }
    println!("Check-worthiness at threshold {}:", hints::THRESHOLD);
    println!("{}", all.line("all"));
    println!("{}", halves[0].line("odd-numbered"));
    println!("{}", halves[1].line("even-numbered"));
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
