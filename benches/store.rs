//! Store benchmarks on a generated 100,000-claim workspace: open (read, parse, validate),
//! save after a one-claim edit, save with nothing changed; and the heap of an open and of the
//! claim list's search index.
//!
//! Run with `cargo bench --bench store`. The workspace is written once per run into a temp
//! folder, so opens run with the files in the page cache.

#![allow(clippy::unwrap_used)]
// The peak-heap measurement wraps the system allocator, which takes `unsafe`.
#![allow(unsafe_code)]

mod common;
use common::{CLAIMS, WORKSPACE};

use claimdesk::edit::{self, Edit};
use claimdesk::model::ClaimId;
use claimdesk::store::{Folder, SaveOptions};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts live heap bytes and their high-water mark, to measure an open's peak memory.
struct PeakAlloc;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for PeakAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: PeakAlloc = PeakAlloc;

fn main() {
    let dir = &WORKSPACE.1;
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let (folder, ws) = Folder::open(dir).expect("open");
    let peak = PEAK.load(Ordering::Relaxed) - base;
    let kept = LIVE.load(Ordering::Relaxed) - base;
    assert_eq!(ws.len(), CLAIMS);
    assert!(folder.diagnostics().is_empty());
    let before_index = LIVE.load(Ordering::Relaxed);
    let index = claimdesk::model::SearchIndex::build(&ws);
    let index_bytes = LIVE.load(Ordering::Relaxed) - before_index;
    let mib = |bytes: usize| bytes as f64 / (1 << 20) as f64;
    println!(
        "open of {CLAIMS} claims: peak heap {:.1} MiB, heap kept after open {:.1} MiB; \
         the claim list's search index {:.1} MiB more",
        mib(peak),
        mib(kept),
        mib(index_bytes)
    );
    drop((folder, ws, index));
    divan::main();
}

/// Reading, parsing and validating every file, and building the reverse links. The result is
/// returned so that divan drops it outside the timing.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn open_100k_claims() -> (Folder, claimdesk::model::Workspace) {
    Folder::open(&WORKSPACE.1).expect("open")
}

/// A reviewer's note added to one claim, then saved: one atomic file write with its flushes.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn save_one_changed_claim(bencher: divan::Bencher) {
    let (mut folder, mut ws) = Folder::open(&WORKSPACE.1).expect("open");
    let id = ClaimId::new("c050000").expect("id");
    let mut n = 0u64;
    bencher.bench_local(|| {
        n += 1;
        let applied = edit::apply(
            &mut ws,
            Edit::SetText {
                id: id.clone(),
                text: format!("Edited text, revision {n}."),
            },
        )
        .expect("edit");
        let report = folder
            .save(&ws, &applied.touched, &SaveOptions::default())
            .expect("save");
        assert_eq!(report.written.len(), 1);
    });
}

/// A save when nothing changed since the last one.
#[divan::bench(sample_count = 50, sample_size = 10)]
fn save_with_nothing_changed(bencher: divan::Bencher) {
    let (mut folder, ws) = Folder::open(&WORKSPACE.1).expect("open");
    let none: [ClaimId; 0] = [];
    bencher.bench_local(|| {
        let report = folder
            .save(&ws, &none, &SaveOptions::default())
            .expect("save");
        assert!(report.written.is_empty());
    });
}

/// "Reload from disk" with nothing changed: every claim file read and hashed, none decoded.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn reload_100k_unchanged(bencher: divan::Bencher) {
    let mut session = claimdesk::session::Session::open(&WORKSPACE.1).expect("open");
    bencher.bench_local(|| {
        let reloaded = session.reload(None).expect("reload");
        assert!(reloaded.is_empty());
    });
}

/// The live reload of one claim file someone else changed: read, decoded, taken in.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn reload_one_changed_claim(bencher: divan::Bencher) {
    let mut session = claimdesk::session::Session::open(&WORKSPACE.1).expect("open");
    let id = ClaimId::new("c050001").expect("id");
    let path = session.folder().path_of(&id);
    let original = std::fs::read_to_string(&path).expect("read");
    let mut n = 0u64;
    bencher.bench_local(|| {
        n += 1;
        let changed = original.replacen("text: \"", &format!("text: \"Revision {n}: "), 1);
        std::fs::write(&path, changed).expect("write");
        let reloaded = session
            .reload(Some(vec![id.as_str().to_string()]))
            .expect("reload");
        assert_eq!(reloaded.updated, std::slice::from_ref(&id));
    });
    std::fs::write(&path, original).expect("restore");
}
