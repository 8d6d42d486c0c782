//! Which claims say the same thing: an offline matcher over claim texts.
//!
//! Each text becomes a set of features: its content words (lower case, light stemming, no
//! stop words), pairs of neighbouring content words, and the character 4-grams inside each
//! word. Words carry the meaning; pairs reward the same phrase over the same words scattered;
//! 4-grams catch what stemming misses ("denied", "denial"; "cooperating", "cooperation") and
//! small misspellings. Features are weighted by TF-IDF (binary term frequency: a claim is one
//! sentence, where repeating a word says little) and two claims score the cosine of their
//! vectors, 0 to 1, so a threshold means the same in any workspace. BM25 was the other
//! candidate; its scores have no upper bound, which makes `--min` and the "already checked"
//! threshold depend on the workspace.
//!
//! Lookups run over an inverted index (feature -> claims): a query touches only the claims
//! that share a feature with it. Listing likely duplicates in a whole workspace uses the
//! same index for small workspaces and MinHash buckets over the same features for large
//! ones, so that it stays linear in the number of claims.

use super::{Claim, ClaimId, Manifest, Status, Timestamp, Workspace};
use std::collections::HashMap;

/// A claim scoring at least this against a new one is taken to repeat it. On the paraphrase
/// benchmark (`benches/data/paraphrases.tsv`) 28 of 32 paraphrases score at least this with
/// their claim (median 0.56), and 1 of 32 second-best matches does.
pub const REPEAT_THRESHOLD: f32 = 0.35;

/// The default `--min` of `claimdesk similar`.
pub const DUPLICATE_THRESHOLD: f32 = 0.5;

/// A claim that matched, with how well: the cosine of the two texts' vectors, 0 to 1.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The claim.
    pub id: ClaimId,
    /// How similar, 0 to 1.
    pub score: f32,
}

/// Two claims that likely say the same thing; `a` sorts before `b`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// One claim.
    pub a: ClaimId,
    /// The other.
    pub b: ClaimId,
    /// How similar, 0 to 1.
    pub score: f32,
}

/// What [`SimilarIndex::pairs`] found, and how much of it was left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pairs {
    /// The pairs kept, most similar first.
    pub pairs: Vec<Pair>,
    /// Pairs at or above the threshold that were not kept: a claim already had its share of
    /// partners, or the limit was reached.
    pub left_out: usize,
}

/// Weights of the three kinds of feature. A word counts most; its 4-grams together count
/// about as much as the word, so a shared word scores higher than a shared piece of one.
const WORD: f32 = 1.0;
const PAIR: f32 = 0.7;
const GRAM: f32 = 0.4;

/// Words that carry no claim of their own.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "both", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "most",
    "of", "on", "or", "our", "over", "said", "says", "she", "so", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "to", "too", "under", "up", "very",
    "was", "we", "were", "what", "when", "which", "while", "who", "will", "with", "would", "you",
];

/// The lower-case words of `text`, possessive `'s` dropped; letters and digits only.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')) {
        let lower = raw.to_lowercase();
        let word = lower
            .trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_matches(['\'', '’']);
        // Single letters are initials and stray apostrophe ends; single digits are numbers.
        if word.chars().count() > 1 || word.chars().any(|c| c.is_ascii_digit()) {
            out.push(word.replace('’', "'"));
        }
    }
    out
}

/// A light English stemmer: plural and tense endings only, so that "talks" and "talk",
/// "visited" and "visit" meet; anything heavier is left to the 4-grams.
fn stem(word: &str) -> &str {
    let n = word.len();
    if !word.is_ascii() || n <= 3 {
        return word;
    }
    for (ending, min) in [("ing", 6), ("ies", 5), ("ed", 5), ("es", 5), ("s", 4)] {
        if n >= min && word.ends_with(ending) {
            if ending == "es" && !(word.ends_with("sses") || word.ends_with("ches")) {
                continue;
            }
            if ending == "s" && word.ends_with("ss") {
                return word;
            }
            return &word[..n - ending.len()];
        }
    }
    word
}

/// The features of a text, each with its kind's weight, as hashes; no feature twice.
fn features(text: &str) -> Vec<(u64, f32)> {
    let mut out: Vec<(u64, f32)> = Vec::new();
    let content: Vec<String> = words(text)
        .into_iter()
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect();
    let mut previous: Option<&str> = None;
    for word in &content {
        let stemmed = stem(word);
        out.push((hash(b'w', stemmed, ""), WORD));
        if let Some(p) = previous {
            out.push((hash(b'p', p, stemmed), PAIR));
        }
        previous = Some(stemmed);
        let chars: Vec<char> = std::iter::once('#')
            .chain(word.chars())
            .chain(std::iter::once('#'))
            .collect();
        for gram in chars.windows(4) {
            let gram: String = gram.iter().collect();
            out.push((hash(b'g', &gram, ""), GRAM));
        }
    }
    out.sort_by_key(|&(h, _)| h);
    out.dedup_by_key(|&mut (h, _)| h);
    out
}

fn hash(kind: u8, a: &str, b: &str) -> u64 {
    let mut bytes = Vec::with_capacity(a.len() + b.len() + 2);
    bytes.push(kind);
    bytes.extend_from_slice(a.as_bytes());
    bytes.push(0);
    bytes.extend_from_slice(b.as_bytes());
    xxhash_rust::xxh3::xxh3_64(&bytes)
}

/// One feature of the index.
#[derive(Clone, Debug)]
struct Feature {
    hash: u64,
    weight: f32,
    /// The claims (slots) that have it, ascending.
    postings: Vec<u32>,
}

/// The matcher: every claim's text as features, and the inverted index from features to
/// claims. Built once for a workspace and kept up to date claim by claim
/// ([`SimilarIndex::insert`], [`SimilarIndex::remove`]).
#[derive(Clone, Default)]
pub struct SimilarIndex {
    features: Vec<Feature>,
    by_hash: HashMap<u64, u32>,
    /// By slot: the claim, its features (ascending ids) and its vector's length. A removed
    /// claim leaves an empty slot, reused by the next insert.
    ids: Vec<Option<ClaimId>>,
    doc_features: Vec<Box<[u32]>>,
    norms: Vec<f32>,
    slots: HashMap<ClaimId, u32>,
    free: Vec<u32>,
}

impl std::fmt::Debug for SimilarIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimilarIndex")
            .field("claims", &self.len())
            .field("features", &self.features.len())
            .finish()
    }
}

impl SimilarIndex {
    /// Indexes every claim of `ws`.
    pub fn build(ws: &Workspace) -> Self {
        Self::from_texts(ws.claims().map(|c| (c.id.clone(), &*c.text)))
    }

    /// Indexes these texts.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = (ClaimId, &'a str)>) -> Self {
        let mut index = Self::default();
        for (id, text) in texts {
            let slot = index.add_features(id, text);
            debug_assert_eq!(slot as usize + 1, index.ids.len());
        }
        // The lengths are taken once every document frequency is known.
        index.norms = (0..index.ids.len())
            .map(|s| index.norm_of(&index.doc_features[s]))
            .collect();
        index
    }

    /// How many claims are indexed.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// True when no claim is indexed.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Puts `id` in with this text, replacing what it had. The other claims keep the vector
    /// lengths they were indexed with: the weights drift a little as claims come and go,
    /// far less than a match needs, and a rebuild sets them exact.
    pub fn insert(&mut self, id: &ClaimId, text: &str) {
        self.remove(id);
        let slot = self.add_features(id.clone(), text);
        let norm = self.norm_of(&self.doc_features[slot as usize]);
        if let Some(n) = self.norms.get_mut(slot as usize) {
            *n = norm;
        } else {
            self.norms.push(norm);
        }
    }

    /// Takes `id` out.
    pub fn remove(&mut self, id: &ClaimId) {
        let Some(slot) = self.slots.remove(id) else {
            return;
        };
        let s = slot as usize;
        for &f in self.doc_features[s].iter() {
            let postings = &mut self.features[f as usize].postings;
            if let Ok(at) = postings.binary_search(&slot) {
                postings.remove(at);
            }
        }
        self.doc_features[s] = Box::new([]);
        self.ids[s] = None;
        self.norms[s] = 0.0;
        self.free.push(slot);
    }

    /// Gives `text`'s features ids and files them under a slot; returns the slot.
    fn add_features(&mut self, id: ClaimId, text: &str) -> u32 {
        let slot = match self.free.pop() {
            Some(s) => s,
            None => {
                self.ids.push(None);
                self.doc_features.push(Box::new([]));
                (self.ids.len() - 1) as u32
            }
        };
        let mut ids: Vec<u32> = features(text)
            .into_iter()
            .map(|(hash, weight)| {
                let n = self.features.len() as u32;
                let f = *self.by_hash.entry(hash).or_insert(n);
                if f == n {
                    self.features.push(Feature {
                        hash,
                        weight,
                        postings: Vec::new(),
                    });
                }
                f
            })
            .collect();
        ids.sort_unstable();
        for &f in &ids {
            let postings = &mut self.features[f as usize].postings;
            // Slots are appended in order while building; a reused slot goes in its place.
            match postings.last() {
                Some(&last) if last > slot => {
                    if let Err(at) = postings.binary_search(&slot) {
                        postings.insert(at, slot);
                    }
                }
                _ => postings.push(slot),
            }
        }
        self.doc_features[slot as usize] = ids.into_boxed_slice();
        self.ids[slot as usize] = Some(id.clone());
        self.slots.insert(id, slot);
        slot
    }

    /// Inverse document frequency, smoothed: a feature no claim has weighs the most.
    fn idf(&self, df: usize) -> f32 {
        (1.0 + self.len().max(1) as f32 / (df as f32 + 0.5)).ln()
    }

    /// The weight of feature `f` in any vector that has it.
    fn weight(&self, f: u32) -> f32 {
        let feature = &self.features[f as usize];
        feature.weight * self.idf(feature.postings.len())
    }

    fn norm_of(&self, features: &[u32]) -> f32 {
        features
            .iter()
            .map(|&f| self.weight(f).powi(2))
            .sum::<f32>()
            .sqrt()
    }

    /// The `k` claims most like `text`, best first; ties by id.
    pub fn search(&self, text: &str, k: usize) -> Vec<Hit> {
        self.search_except(text, k, None)
    }

    /// The `k` claims most like claim `id` (itself left out), best first.
    pub fn similar_to(&self, id: &ClaimId, text: &str, k: usize) -> Vec<Hit> {
        self.search_except(text, k, Some(id))
    }

    fn search_except(&self, text: &str, k: usize, except: Option<&ClaimId>) -> Vec<Hit> {
        let mut query_norm = 0.0f32;
        let mut known: Vec<(u32, f32)> = Vec::new();
        for (hash, weight) in features(text) {
            match self.by_hash.get(&hash) {
                Some(&f) => {
                    let w = self.weight(f);
                    query_norm += w * w;
                    known.push((f, w));
                }
                None => query_norm += (weight * self.idf(0)).powi(2),
            }
        }
        if known.is_empty() || k == 0 {
            return Vec::new();
        }
        let query_norm = query_norm.sqrt();
        let mut scores = vec![0.0f32; self.ids.len()];
        let mut touched: Vec<u32> = Vec::new();
        for (f, w) in known {
            let ww = w * w;
            for &slot in &self.features[f as usize].postings {
                let s = &mut scores[slot as usize];
                if *s == 0.0 {
                    touched.push(slot);
                }
                *s += ww;
            }
        }
        let except = except.and_then(|id| self.slots.get(id)).copied();
        let mut hits: Vec<(f32, u32)> = touched
            .into_iter()
            .filter(|&s| Some(s) != except)
            .map(|s| {
                let norm = self.norms[s as usize] * query_norm;
                let score = if norm > 0.0 {
                    (scores[s as usize] / norm).min(1.0)
                } else {
                    0.0
                };
                (score, s)
            })
            .collect();
        let order = |a: &(f32, u32), b: &(f32, u32)| {
            b.0.total_cmp(&a.0)
                .then_with(|| self.ids[a.1 as usize].cmp(&self.ids[b.1 as usize]))
        };
        if hits.len() > k {
            hits.select_nth_unstable_by(k - 1, order);
            hits.truncate(k);
        }
        hits.sort_by(order);
        hits.into_iter()
            .filter_map(|(score, s)| {
                Some(Hit {
                    id: self.ids[s as usize].clone()?,
                    score,
                })
            })
            .collect()
    }

    /// The exact similarity of the claims in two slots.
    fn cosine(&self, a: u32, b: u32) -> f32 {
        let (fa, fb) = (
            &self.doc_features[a as usize],
            &self.doc_features[b as usize],
        );
        let (mut i, mut j, mut dot) = (0, 0, 0.0f32);
        while i < fa.len() && j < fb.len() {
            match fa[i].cmp(&fb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += self.weight(fa[i]).powi(2);
                    i += 1;
                    j += 1;
                }
            }
        }
        let norm = self.norms[a as usize] * self.norms[b as usize];
        if norm > 0.0 {
            (dot / norm).min(1.0)
        } else {
            0.0
        }
    }

    /// Likely duplicates: pairs scoring at least `min`, most similar first, each claim in at
    /// most `per_claim` of them (its best), at most `limit` pairs in all.
    ///
    /// Up to [`EXACT_UP_TO`] claims every pair sharing a feature is scored. Beyond, candidate
    /// pairs come from MinHash buckets over the same features (16 bands of 4 hashes: two
    /// claims sharing 60% of their features meet in some band 9 times in 10, at 80% always),
    /// each scored exactly; in a bucket larger than a claim's share, each claim meets only
    /// its next few members, which all agree with it on that band. Linear in the claims.
    pub fn pairs(&self, min: f32, per_claim: usize, limit: usize) -> Pairs {
        let mut found: Vec<(f32, u32, u32)> = if self.len() <= EXACT_UP_TO {
            self.exact_pairs(min)
        } else {
            self.bucket_pairs(min, per_claim.max(1) * 2)
        };
        found.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then_with(|| self.ids[x.1 as usize].cmp(&self.ids[y.1 as usize]))
                .then_with(|| self.ids[x.2 as usize].cmp(&self.ids[y.2 as usize]))
        });
        let mut taken = vec![0usize; self.ids.len()];
        let mut out = Pairs::default();
        for (score, a, b) in found {
            let room = taken[a as usize] < per_claim && taken[b as usize] < per_claim;
            let (Some(ia), Some(ib)) = (&self.ids[a as usize], &self.ids[b as usize]) else {
                continue;
            };
            if !room || out.pairs.len() >= limit {
                out.left_out += 1;
                continue;
            }
            taken[a as usize] += 1;
            taken[b as usize] += 1;
            let (a, b) = if ia < ib { (ia, ib) } else { (ib, ia) };
            out.pairs.push(Pair {
                a: a.clone(),
                b: b.clone(),
                score,
            });
        }
        out
    }

    fn exact_pairs(&self, min: f32) -> Vec<(f32, u32, u32)> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.ids.len()];
        for a in 0..self.ids.len() as u32 {
            if self.ids[a as usize].is_none() {
                continue;
            }
            let mut partners: Vec<u32> = Vec::new();
            for &f in self.doc_features[a as usize].iter() {
                for &b in &self.features[f as usize].postings {
                    if b > a && !seen[b as usize] {
                        seen[b as usize] = true;
                        partners.push(b);
                    }
                }
            }
            for b in partners {
                seen[b as usize] = false;
                let score = self.cosine(a, b);
                if score >= min {
                    out.push((score, a, b));
                }
            }
        }
        out
    }

    fn bucket_pairs(&self, min: f32, window: usize) -> Vec<(f32, u32, u32)> {
        let slots: Vec<u32> = (0..self.ids.len() as u32)
            .filter(|&s| self.ids[s as usize].is_some())
            .collect();
        let signatures: Vec<[u64; BANDS]> = slots.iter().map(|&s| self.signature(s)).collect();
        let mut candidates: Vec<u64> = Vec::new();
        let mut bucket: Vec<(u64, u32)> = Vec::with_capacity(slots.len());
        for band in 0..BANDS {
            bucket.clear();
            bucket.extend(
                slots
                    .iter()
                    .zip(&signatures)
                    .map(|(&s, sig)| (sig[band], s)),
            );
            bucket.sort_unstable();
            for group in bucket.chunk_by(|x, y| x.0 == y.0) {
                for (i, &(_, a)) in group.iter().enumerate() {
                    for &(_, b) in group.iter().skip(i + 1).take(window) {
                        candidates.push(((a as u64) << 32) | b as u64);
                    }
                }
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|c| {
                let (a, b) = ((c >> 32) as u32, c as u32);
                let score = self.cosine(a, b);
                (score >= min).then_some((score, a, b))
            })
            .collect()
    }

    /// The MinHash signature of a slot's features, one hash per band.
    fn signature(&self, slot: u32) -> [u64; BANDS] {
        let mut mins = [u64::MAX; BANDS * ROWS];
        for &f in self.doc_features[slot as usize].iter() {
            let h = self.features[f as usize].hash;
            for (i, m) in mins.iter_mut().enumerate() {
                // A different odd multiplier per hash function: cheap, and independent
                // enough for buckets whose pairs are all scored exactly afterwards.
                let v = (h ^ SEEDS[i % SEEDS.len()].wrapping_mul(i as u64 + 1))
                    .wrapping_mul(0x9E37_79B9_7F4A_7C15 | 1)
                    .rotate_left(29);
                *m = (*m).min(v);
            }
        }
        let mut out = [0u64; BANDS];
        for (band, o) in out.iter_mut().enumerate() {
            let rows = &mins[band * ROWS..(band + 1) * ROWS];
            let mut bytes = [0u8; ROWS * 8];
            for (i, r) in rows.iter().enumerate() {
                bytes[i * 8..(i + 1) * 8].copy_from_slice(&r.to_le_bytes());
            }
            *o = xxhash_rust::xxh3::xxh3_64(&bytes);
        }
        out
    }
}

/// Up to this many claims, [`SimilarIndex::pairs`] scores every pair that shares a feature.
pub const EXACT_UP_TO: usize = 2_000;
const BANDS: usize = 16;
const ROWS: usize = 4;
const SEEDS: [u64; 4] = [
    0x243F_6A88_85A3_08D3,
    0x1319_8A2E_0370_7344,
    0xA409_3822_299F_31D0,
    0x082E_FA98_EC4E_6C89,
];

/// A verdict a claim already has: what and when, and which desk gave it when it came from
/// another desk's ClaimReview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    /// The claim that has it.
    pub id: ClaimId,
    /// Its status.
    pub status: Status,
    /// The status's label, or the other desk's own rating when this desk has no such status.
    pub label: String,
    /// When the verdict was recorded.
    pub time: Option<Timestamp>,
    /// The other desk, when the verdict is theirs.
    pub elsewhere: Option<String>,
}

impl Checked {
    /// "already checked: False, 2024-04-25", or "already checked elsewhere (Desk): False,
    /// 2024-04-25".
    pub fn describe(&self) -> String {
        let place = match &self.elsewhere {
            Some(desk) => format!("already checked elsewhere ({desk})"),
            None => "already checked".to_string(),
        };
        match self.time {
            Some(t) => format!("{place}: {}, {}", self.label, t.strftime("%Y-%m-%d")),
            None => format!("{place}: {}", self.label),
        }
    }
}

/// How a ClaimReview import records the other desk: in the verdict's reason, or, when this
/// desk has no status for their rating, in a note.
pub const CLAIMREVIEW_REASON: &str = "ClaimReview by ";
/// The note a ClaimReview import leaves for a rating this desk has no status for:
/// `{desk}` + this + `"{rating}"`.
pub const CLAIMREVIEW_RATED: &str = " rated it ";

/// The verdict `claim` already has, if any: a status other than the first (which means "not
/// yet judged"), or a rating another desk gave that this desk has no status for.
pub fn checked(claim: &Claim, manifest: &Manifest) -> Option<Checked> {
    if claim.status != manifest.initial_status() {
        let verdict = claim.verdict();
        let elsewhere = verdict
            .and_then(|v| v.reason.strip_prefix(CLAIMREVIEW_REASON))
            .map(str::to_string);
        return Some(Checked {
            id: claim.id.clone(),
            status: claim.status.clone(),
            label: manifest.label(&claim.status).to_string(),
            time: verdict.map(|v| v.time),
            elsewhere,
        });
    }
    claim.notes.iter().rev().find_map(|note| {
        let (desk, rating) = note.text.split_once(CLAIMREVIEW_RATED)?;
        let rating = rating.strip_prefix('"')?.strip_suffix('"')?;
        Some(Checked {
            id: claim.id.clone(),
            status: claim.status.clone(),
            label: rating.to_string(),
            time: Some(note.time),
            elsewhere: Some(desk.to_string()),
        })
    })
}

/// The judged claim that `text` most likely repeats: the best match scoring at least
/// [`REPEAT_THRESHOLD`] that has a verdict, `except` left out (the claim that has `text`).
pub fn repeats(
    index: &SimilarIndex,
    ws: &Workspace,
    text: &str,
    except: Option<&ClaimId>,
) -> Option<(Hit, Checked)> {
    // Unjudged claims among the best matches are passed over: a few more than one are asked
    // for, so that a judged claim just behind them is still found.
    let hits = match except {
        Some(id) => index.similar_to(id, text, 10),
        None => index.search(text, 10),
    };
    hits.into_iter()
        .take_while(|h| h.score >= REPEAT_THRESHOLD)
        .find_map(|h| {
            let checked = checked(ws.get(&h.id)?, &ws.manifest)?;
            Some((h, checked))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ClaimId {
        ClaimId::new(s.to_string()).unwrap()
    }

    /// The sample's claims, plus unrelated ones that share their words.
    fn index() -> SimilarIndex {
        SimilarIndex::from_texts([
            (
                id("military-talks"),
                "A North Korean delegation led by Minister of External Economic Relations Yun Jung Ho is visiting Iran for talks on military cooperation.",
            ),
            (
                id("ministry-denies"),
                "Iran's foreign ministry says the North Korean delegation attended a trade show in Tehran and held talks with the government and the private sector, not talks on military cooperation.",
            ),
            (
                id("relations-1973"),
                "North Korea and Iran established diplomatic relations in 1973.",
            ),
            (
                id("putin-summit"),
                "Kim Jong Un travelled to Russia's Far East in 2023 for a rare summit with Vladimir Putin.",
            ),
            (
                id("weapons-speculation"),
                "The rare trip has prompted speculation that North Korea and Iran are cooperating on weapons.",
            ),
            (
                id("south-korea-trade"),
                "South Korea and Iran held talks on trade relations and a delegation visited the trade show.",
            ),
            (
                id("korean-food"),
                "North Korean food exports to Iran fell in 1973 after a military coup.",
            ),
        ])
    }

    fn top(index: &SimilarIndex, text: &str) -> Vec<String> {
        index
            .search(text, 3)
            .into_iter()
            .map(|h| h.id.to_string())
            .collect()
    }

    #[test]
    fn paraphrases_find_their_claim_first() {
        let index = index();
        for (text, want) in [
            (
                "A delegation from North Korea led by Yun Jung Ho is in Iran to talk about military cooperation",
                "military-talks",
            ),
            (
                "The foreign ministry in Tehran said the North Korean delegation came for a trade show, not for military talks",
                "ministry-denies",
            ),
            (
                "Iran and North Korea have had diplomatic ties since 1973",
                "relations-1973",
            ),
            (
                "Kim met Putin at a summit in the Russian Far East in 2023",
                "putin-summit",
            ),
            (
                "speculation that Iran and North Korea cooperate on weapons",
                "weapons-speculation",
            ),
            (
                "The north korean delegaton is visting Iran for military talks",
                "military-talks",
            ),
        ] {
            assert_eq!(
                top(&index, text).first().map(String::as_str),
                Some(want),
                "{text}"
            );
        }
    }

    #[test]
    fn unrelated_claims_sharing_words_rank_below_paraphrases() {
        let index = index();
        let hits = index.search(
            "North Korea and Iran set up diplomatic relations in 1973",
            7,
        );
        assert_eq!(hits[0].id.as_str(), "relations-1973");
        let food = hits.iter().find(|h| h.id.as_str() == "korean-food");
        assert!(
            food.is_none_or(|f| f.score < hits[0].score / 2.0),
            "{hits:?}"
        );
        assert!(food.is_none_or(|f| f.score < REPEAT_THRESHOLD), "{hits:?}");

        let hits = index.search("Iran held trade talks with a South Korean delegation", 7);
        assert_eq!(hits[0].id.as_str(), "south-korea-trade", "{hits:?}");
    }

    #[test]
    fn an_unrelated_text_matches_nothing_well() {
        let index = index();
        let hits = index.search("The central bank raised interest rates by half a point", 5);
        assert!(hits.iter().all(|h| h.score < 0.1), "{hits:?}");
        assert!(index.search("", 5).is_empty());
        assert!(index.search("the and of", 5).is_empty());
    }

    #[test]
    fn identical_text_scores_one_and_itself_is_left_out() {
        let index = index();
        let text = "North Korea and Iran established diplomatic relations in 1973.";
        let hits = index.search(text, 1);
        assert!((hits[0].score - 1.0).abs() < 1e-4, "{hits:?}");
        let hits = index.similar_to(&id("relations-1973"), text, 7);
        assert!(hits.iter().all(|h| h.id.as_str() != "relations-1973"));
    }

    #[test]
    fn insert_and_remove_keep_the_index_in_step() {
        let mut index = index();
        let text = "Grain deliveries to the port resumed on Monday";
        index.insert(&id("grain"), text);
        assert_eq!(index.search(text, 1)[0].id.as_str(), "grain");
        index.insert(&id("grain"), "A satellite launch was cancelled");
        assert!(
            index
                .search(text, 3)
                .iter()
                .all(|h| h.id.as_str() != "grain")
        );
        index.remove(&id("grain"));
        index.remove(&id("relations-1973"));
        assert_eq!(index.len(), 6);
        let hits = index.search("A satellite launch was cancelled", 3);
        assert!(hits.iter().all(|h| h.id.as_str() != "grain"), "{hits:?}");
        // A freed slot is reused and found again.
        index.insert(
            &id("again"),
            "North Korea and Iran established diplomatic relations in 1973.",
        );
        assert_eq!(top(&index, "diplomatic relations 1973")[0], "again");
    }

    #[test]
    fn pairs_are_most_similar_first_and_capped_per_claim() {
        let index = SimilarIndex::from_texts([
            (id("a"), "The navy tested a new missile off the east coast."),
            (
                id("b"),
                "The navy tested a new missile off the east coast on Monday.",
            ),
            (
                id("c"),
                "A new missile was tested by the navy off the east coast.",
            ),
            (
                id("d"),
                "Grain deliveries resumed after a week of negotiations.",
            ),
        ]);
        let all = index.pairs(0.5, 5, 100);
        assert_eq!(all.pairs.len(), 3, "{all:?}");
        assert!(all.pairs.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(
            all.pairs
                .iter()
                .all(|p| p.a < p.b && p.a.as_str() != "d" && p.b.as_str() != "d")
        );
        let capped = index.pairs(0.5, 1, 100);
        assert_eq!(capped.pairs.len(), 1);
        assert_eq!(capped.left_out, 2);
        assert_eq!(index.pairs(0.5, 5, 2).pairs.len(), 2);
    }

    #[test]
    fn buckets_find_the_near_duplicates_of_a_large_index() {
        let mut texts: Vec<(ClaimId, String)> = (0..EXACT_UP_TO + 10)
            .map(|i| {
                (
                    id(&format!("c{i}")),
                    format!("Filler claim number {i} about topic {}", i * 7919 % 1000),
                )
            })
            .collect();
        texts.push((
            id("x1"),
            "The customs service blocked fuel shipments to the region citing security concerns"
                .into(),
        ));
        texts.push((
            id("x2"),
            "The customs service blocked fuel shipments to the region, citing security concerns."
                .into(),
        ));
        let index = SimilarIndex::from_texts(texts.iter().map(|(i, t)| (i.clone(), t.as_str())));
        let found = index.pairs(0.9, 5, 100);
        assert!(
            found
                .pairs
                .iter()
                .any(|p| p.a.as_str() == "x1" && p.b.as_str() == "x2"),
            "{found:?}"
        );
    }

    #[test]
    fn stemming_is_light() {
        assert_eq!(stem("talks"), "talk");
        assert_eq!(stem("visited"), "visit");
        assert_eq!(stem("class"), "class");
        assert_eq!(stem("countries"), "countr");
        assert_eq!(stem("gas"), "gas");
    }
}
