//! Similar claims: recall on hand-written paraphrases of the sample's claims, and at 100,000
//! generated claims the matcher's build time, `similar`'s time and `match`'s latency.
//!
//! Run with `cargo bench --bench similar`. The recall figures and the one-shot timings are
//! printed first; divan then measures one match on the open 100,000-claim workspace.

#![allow(clippy::unwrap_used)]

mod common;
use common::{CLAIMS, WORKSPACE};

use claimdesk::model::{ClaimId, SimilarIndex, Workspace};
use claimdesk::store::Folder;
use std::sync::LazyLock;
use std::time::Instant;

/// The 100,000-claim workspace with its matcher built.
static INDEX: LazyLock<(Workspace, SimilarIndex)> = LazyLock::new(|| {
    let (_, ws) = Folder::open(&WORKSPACE.1).expect("open");
    let started = Instant::now();
    let index = SimilarIndex::build(&ws);
    println!(
        "matcher build for {CLAIMS} claims: {:.2} s",
        started.elapsed().as_secs_f64()
    );
    (ws, index)
});

/// Recall@1 and @5 of `claimdesk match` over the paraphrase set.
fn recall() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/claims");
    let set = include_str!("data/paraphrases.tsv");
    let (_, ws) = Folder::open(std::path::Path::new(dir)).expect("sample");
    let index = SimilarIndex::build(&ws);
    let (mut n, mut at1, mut at5) = (0, 0, 0);
    for line in set.lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
        let (want, text) = line.split_once('\t').expect("ID<TAB>TEXT");
        let want = ClaimId::new(want.to_string()).expect("id");
        let hits = index.search(text, 5);
        n += 1;
        at1 += usize::from(hits.first().is_some_and(|h| h.id == want));
        at5 += usize::from(hits.iter().any(|h| h.id == want));
    }
    println!(
        "paraphrase recall over {} claims, {n} queries: @1 {:.3}, @5 {:.3}",
        ws.len(),
        at1 as f64 / n as f64,
        at5 as f64 / n as f64
    );
}

fn main() {
    recall();
    let (ws, index) = &*INDEX;
    let started = Instant::now();
    let found = index.pairs(0.5, 3, 1000);
    println!(
        "similar over {} claims (--min 0.5): {:.2} s, {} pairs listed, {} left out",
        ws.len(),
        started.elapsed().as_secs_f64(),
        found.pairs.len(),
        found.left_out
    );
    divan::main();
}

/// One `match` on the open workspace: a claim-like text with words from every part of the
/// generator's vocabulary, the worst case for the inverted index.
#[divan::bench]
fn match_at_100k(bencher: divan::Bencher) {
    let (_, index) = &*INDEX;
    bencher.bench(|| {
        index.search(
            "The defence ministry denied a missile-technology agreement, citing security concerns, according to satellite images",
            5,
        )
    });
}
