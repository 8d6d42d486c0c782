use super::spans::Spans;
use super::{Claim, ClaimFilter, ClaimId, PubDate, Status, Timestamp, Workspace};
use memchr::memmem;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A workspace's claims laid out for fast filtering and sorting: the searchable text of every
/// claim folded to lower case in one contiguous buffer, and each claim's sort keys.
///
/// At 100,000 claims a search over separate strings touches millions of small allocations; one
/// buffer is scanned with SIMD (`memmem`) in a few milliseconds. Build it again when the
/// workspace changes.
#[derive(Debug)]
pub struct SearchIndex {
    ids: Vec<ClaimId>,
    /// Folded text of every claim, fields and claims separated by NUL.
    folded: Spans<u8>,
    /// Position of each claim's status in the vocabulary (`u16::MAX` if unknown).
    status: Vec<u16>,
    vocabulary: Vec<Status>,
    /// Each claim's tags, as numbers in `tag_names`: a copy of every claim's tag strings
    /// cost 19 MB at 100,000 claims, and the tags in use are counted without a pass.
    tags: Spans<u32>,
    tag_names: Names,
    /// The newest change's time in seconds ([`NEVER`] for none): a third of the room of an
    /// optional timestamp, and the files keep whole seconds.
    last_change: Vec<i64>,
    /// Each claim's claimant, folded to lower case, as a number in `claimant_names`.
    claimant: Vec<u32>,
    claimant_names: Names,
    /// By number in `claimant_names`: its place in alphabetical order.
    claimant_rank: OnceLock<Vec<u32>>,
    /// The table's other sort keys, one entry per claim: made the first time the table
    /// sorts by one of them (6 MB at 100,000 claims a reviewer who never opens the table
    /// does not pay for), then kept up to date.
    keys: OnceLock<Vec<RowKeys>>,
}

/// What the table sorts a claim by, besides what the list sorts by: small and fixed-size, so
/// that sorting 100,000 rows by any column takes milliseconds and no ranking pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct RowKeys {
    text: u128,
    date: PubDate,
    /// Lower-case prefix of the assignee's name; [`NONE`] when unassigned, which sorts
    /// last.
    assignee: u128,
    /// 0 high, 1 normal, 2 low, 3 unassigned.
    priority: u8,
    due: Option<jiff::civil::Date>,
    /// Prefix of the tags; [`NONE`] when untagged.
    tags: u128,
}

/// A missing name or tag list in [`RowKeys`]: above every prefix of text (0xFF never occurs
/// in UTF-8), so it sorts last with no flag beside it, and a row's keys take 64 bytes, not 112.
const NONE: u128 = u128::MAX;

/// The last change of a claim that records none: before every time, so it sorts last.
const NEVER: i64 = i64::MIN;

/// The distinct strings of one field (tags, claimants), numbered in order of first use, with
/// how many claims use each: what is in use is known without a pass over the claims.
#[derive(Debug, Default)]
struct Names {
    names: Vec<String>,
    numbers: HashMap<String, u32>,
    uses: Vec<u32>,
}

impl Names {
    /// The number of `name`, counted as used once more.
    fn take(&mut self, name: &str) -> u32 {
        let n = match self.numbers.get(name) {
            Some(&n) => n,
            None => {
                let n = self.names.len() as u32;
                self.names.push(name.to_string());
                self.numbers.insert(name.to_string(), n);
                self.uses.push(0);
                n
            }
        };
        self.uses[n as usize] += 1;
        n
    }

    /// One use of `n` fewer.
    fn release(&mut self, n: u32) {
        let uses = &mut self.uses[n as usize];
        *uses = uses.saturating_sub(1);
    }

    fn name(&self, n: u32) -> &str {
        &self.names[n as usize]
    }

    /// The names some claim uses.
    fn in_use(&self) -> impl Iterator<Item = &str> {
        self.names
            .iter()
            .zip(&self.uses)
            .filter(|(_, uses)| **uses > 0)
            .map(|(name, _)| name.as_str())
    }
}

/// The first 16 bytes of `parts` joined by spaces and folded to lower case, zero-padded, as
/// one number that compares as the bytes do: one comparison per pair while sorting.
fn prefix<'a>(parts: impl IntoIterator<Item = &'a str>) -> u128 {
    // Folded straight into the 16 bytes, with no buffer: the table's keys of 100,000
    // claims are made in one frame.
    let mut out = [0u8; 16];
    let mut n = 0;
    let mut buf = [0u8; 4];
    'parts: for (i, part) in parts.into_iter().enumerate() {
        let space = (i > 0).then_some(" ");
        for c in space.into_iter().chain([part]).flat_map(str::chars) {
            for lower in c.to_lowercase() {
                for &b in lower.encode_utf8(&mut buf).as_bytes() {
                    let Some(slot) = out.get_mut(n) else {
                        break 'parts;
                    };
                    *slot = b;
                    n += 1;
                }
            }
        }
    }
    u128::from_be_bytes(out)
}

impl RowKeys {
    fn of(claim: &Claim) -> Self {
        let a = claim.assignment.as_ref();
        Self {
            text: prefix([&*claim.text]),
            date: claim.source.date,
            assignee: a.map_or(NONE, |a| prefix([a.assignee.as_str()])),
            priority: a.map_or(3, |a| a.priority as u8),
            due: a.and_then(|a| a.due),
            tags: if claim.tags.is_empty() {
                NONE
            } else {
                prefix(claim.tags.iter().map(|t| t.as_str()))
            },
        }
    }
}

/// Which distinct claimants and tags (by number) hold the needle of a search; `None` when
/// none does, so that the claims need no pass for them.
struct NameHits<'a> {
    claimants: Option<&'a [bool]>,
    tags: Option<&'a [bool]>,
}

/// How rows are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// By id.
    #[default]
    Id,
    /// By status, in vocabulary order.
    Status,
    /// By claimant, ignoring case.
    Claimant,
    /// Newest note, evidence or status change first.
    LastChange,
    /// By the claim's text, ignoring case (on its first 16 bytes; ties by id).
    Text,
    /// By the source's date, undated first.
    Date,
    /// By assignee, ignoring case; unassigned last.
    Assignee,
    /// High priority first; unassigned last.
    Priority,
    /// Soonest due first; undated last.
    Due,
    /// By tags, ignoring case; untagged last.
    Tags,
}

impl SearchIndex {
    /// Indexes `ws`.
    pub fn build(ws: &Workspace) -> Self {
        let n = ws.len();
        let vocabulary: Vec<Status> = ws.manifest.statuses.iter().map(|d| d.key.clone()).collect();
        let text: usize = ws.claims().map(searched_len).sum();
        let mut index = Self {
            ids: Vec::with_capacity(n),
            // Folding keeps ASCII's length; other scripts may grow a little, hence the margin.
            folded: Spans::with_capacity(n, text + text / 32),
            status: Vec::with_capacity(n),
            vocabulary,
            tags: Spans::with_capacity(n, ws.claims().map(|c| c.tags.len()).sum()),
            tag_names: Names::default(),
            last_change: Vec::with_capacity(n),
            claimant: Vec::with_capacity(n),
            claimant_names: Names::default(),
            claimant_rank: OnceLock::new(),
            keys: OnceLock::new(),
        };
        for claim in ws.claims() {
            index.push(claim);
        }
        index
    }

    fn push(&mut self, claim: &Claim) {
        self.folded.push(folded_text(claim));
        self.ids.push(claim.id.clone());
        self.status.push(self.status_of(claim));
        let tags = self.take_tags(claim);
        self.tags.push(tags);
        self.last_change.push(last_change(claim));
        let claimant = self.claimant_names.take(&folded(&claim.claimant));
        self.claimant.push(claimant);
    }

    fn take_tags(&mut self, claim: &Claim) -> Vec<u32> {
        claim.tags.iter().map(|t| self.tag_names.take(t)).collect()
    }

    /// Gives back the tag and claimant uses of claim `i`, which is replaced or removed.
    fn release(&mut self, i: usize) {
        for &t in self.tags.get(i) {
            self.tag_names.release(t);
        }
        self.claimant_names.release(self.claimant[i]);
    }

    fn status_of(&self, claim: &Claim) -> u16 {
        let status = self.vocabulary.iter().position(|s| *s == claim.status);
        status.map_or(u16::MAX, |p| p as u16)
    }

    /// Brings the index up to date after the claims `changed` were changed, added or removed
    /// in `ws`: a few milliseconds for one claim at 100,000, where a rebuild takes a hundred.
    pub fn update(&mut self, ws: &Workspace, changed: &[ClaimId]) {
        let claimants = self.claimant_names.names.len();
        for id in changed {
            let at = self.ids.binary_search(id);
            match (at, ws.get(id)) {
                (Ok(i), Some(claim)) => {
                    self.folded.replace(i, folded_text(claim));
                    self.status[i] = self.status_of(claim);
                    self.release(i);
                    let tags = self.take_tags(claim);
                    self.tags.replace(i, tags);
                    self.last_change[i] = last_change(claim);
                    self.claimant[i] = self.claimant_names.take(&folded(&claim.claimant));
                    if let Some(keys) = self.keys.get_mut() {
                        keys[i] = RowKeys::of(claim);
                    }
                }
                (Err(i), Some(claim)) => {
                    self.folded.insert(i, folded_text(claim));
                    self.ids.insert(i, claim.id.clone());
                    self.status.insert(i, self.status_of(claim));
                    let tags = self.take_tags(claim);
                    self.tags.insert(i, tags);
                    self.last_change.insert(i, last_change(claim));
                    let claimant = self.claimant_names.take(&folded(&claim.claimant));
                    self.claimant.insert(i, claimant);
                    if let Some(keys) = self.keys.get_mut() {
                        keys.insert(i, RowKeys::of(claim));
                    }
                }
                (Ok(i), None) => {
                    self.release(i);
                    self.folded.remove(i);
                    self.ids.remove(i);
                    self.status.remove(i);
                    self.tags.remove(i);
                    self.last_change.remove(i);
                    self.claimant.remove(i);
                    if let Some(keys) = self.keys.get_mut() {
                        keys.remove(i);
                    }
                }
                (Err(_), None) => {}
            }
        }
        // Ranks are kept for every name ever seen: only a new one changes them.
        if self.claimant_names.names.len() != claimants {
            self.claimant_rank = OnceLock::new();
        }
    }

    /// How many claims.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The id of claim `i` (in id order).
    pub fn id(&self, i: u32) -> &ClaimId {
        &self.ids[i as usize]
    }

    /// The position of `id`.
    pub fn position(&self, id: &ClaimId) -> Option<u32> {
        self.ids.binary_search(id).ok().map(|i| i as u32)
    }

    /// How many claims have each status of the vocabulary.
    pub fn counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.vocabulary.len()];
        for s in &self.status {
            if let Some(n) = counts.get_mut(*s as usize) {
                *n += 1;
            }
        }
        counts
    }

    /// Every tag in use, sorted: a pass over the distinct tags, not over the claims (this
    /// runs after every keystroke in a claim).
    pub fn all_tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = self.tag_names.in_use().map(str::to_string).collect();
        tags.sort_unstable();
        tags
    }

    /// The tags of claim `i`, in the claim's order.
    #[cfg(test)]
    fn tags_of(&self, i: usize) -> impl Iterator<Item = &str> {
        self.tags.get(i).iter().map(|&t| self.tag_names.name(t))
    }

    /// The claims that pass `filter`, in id order. The same claims as
    /// [`ClaimFilter::matches`] keeps.
    pub fn filter(&self, filter: &ClaimFilter) -> Vec<u32> {
        let mut needle = Vec::new();
        fold_into(&mut needle, filter.search.trim());
        needle.retain(|b| *b != 0);
        let candidates: Vec<u32> = if needle.is_empty() {
            (0..self.len() as u32).collect()
        } else {
            self.search(&needle)
        };
        // Each tag asked for, as the numbers of the tags that match it.
        let wanted: Vec<Vec<u32>> = filter
            .tags
            .iter()
            .map(|t| {
                (0..self.tag_names.names.len() as u32)
                    .filter(|&n| self.tag_names.name(n).eq_ignore_ascii_case(t))
                    .collect()
            })
            .collect();
        let allowed: Vec<u16> = filter
            .statuses
            .iter()
            .filter_map(|s| self.vocabulary.iter().position(|v| v == s))
            .map(|p| p as u16)
            .collect();
        candidates
            .into_iter()
            .filter(|&i| filter.statuses.is_empty() || allowed.contains(&self.status[i as usize]))
            .filter(|&i| {
                let tags = self.tags.get(i as usize);
                wanted
                    .iter()
                    .all(|numbers| tags.iter().any(|t| numbers.contains(t)))
            })
            .collect()
    }

    /// The claims whose folded text contains `needle`, on all cores.
    fn search(&self, needle: &[u8]) -> Vec<u32> {
        let finder = memmem::Finder::new(needle);
        // Claimants and tags are searched once per distinct name, not once per claim: kept
        // out of the folded text, they save 3 MB at 100,000 claims.
        let claimants: Vec<bool> = (self.claimant_names.names.iter())
            .map(|name| finder.find(name.as_bytes()).is_some())
            .collect();
        let tags: Vec<bool> = (self.tag_names.names.iter())
            .map(|name| finder.find(folded(name).as_bytes()).is_some())
            .collect();
        let names = NameHits {
            claimants: claimants.contains(&true).then_some(&claimants[..]),
            tags: tags.contains(&true).then_some(&tags[..]),
        };
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let per = self.len().div_ceil(threads).max(1);
        let ranges: Vec<(usize, usize)> = (0..self.len())
            .step_by(per)
            .map(|a| (a, (a + per).min(self.len())))
            .collect();
        std::thread::scope(|scope| {
            let parts: Vec<_> = ranges
                .into_iter()
                .map(|(a, b)| {
                    let (finder, names) = (&finder, &names);
                    scope.spawn(move || self.search_range(finder, names, a, b))
                })
                .collect();
            parts
                .into_iter()
                .flat_map(|p| p.join().expect("search does not panic"))
                .collect()
        })
    }

    fn search_range(
        &self,
        finder: &memmem::Finder<'_>,
        names: &NameHits<'_>,
        first: usize,
        end: usize,
    ) -> Vec<u32> {
        let mut hits = Vec::new();
        let (text, starts) = (self.folded.items(), |i| self.folded.start(i));
        let stop = starts(end);
        let mut claim = first;
        while claim < end
            && let Some(offset) = finder.find(&text[starts(claim)..stop])
        {
            // Walk to the claim that holds the match (hits come in order, so the walk is
            // linear in all), then go on after its text: one hit per claim.
            let at = starts(claim) + offset;
            while starts(claim + 1) <= at {
                claim += 1;
            }
            hits.push(claim as u32);
            claim += 1;
        }
        if names.claimants.is_none() && names.tags.is_none() {
            return hits;
        }
        // One flag per claim, set in flat passes: claims found by their text, then by their
        // claimant, then by a tag.
        let mut found = vec![false; end - first];
        for h in hits {
            found[h as usize - first] = true;
        }
        if let Some(matching) = names.claimants {
            for (f, &n) in found.iter_mut().zip(&self.claimant[first..end]) {
                *f |= matching[n as usize];
            }
        }
        if let Some(matching) = names.tags {
            for (i, f) in (first..end).zip(found.iter_mut()) {
                *f = *f || self.tags.get(i).iter().any(|&n| matching[n as usize]);
            }
        }
        (first..end)
            .zip(found)
            .filter(|&(_, f)| f)
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// Makes the table's sort keys now if they are not made yet (the table does it when it
    /// is first shown, so that no later sort waits for them). `ws` is the workspace the
    /// index is up to date with.
    pub fn prepare_table_keys(&self, ws: &Workspace) {
        self.table_keys(ws);
    }

    fn table_keys(&self, ws: &Workspace) -> &[RowKeys] {
        self.keys.get_or_init(|| {
            // The index holds the workspace's claims in its order: one walk, no lookups.
            debug_assert_eq!(ws.len(), self.ids.len());
            ws.claims().map(RowKeys::of).collect()
        })
    }

    /// Orders `rows` (positions, as [`SearchIndex::filter`] gives them) by `key`; ties keep
    /// id order.
    pub fn sort(&self, ws: &Workspace, rows: &mut [u32], key: SortKey) {
        let keys = || self.table_keys(ws);
        match key {
            SortKey::Id => rows.sort_unstable(),
            SortKey::Status => rows.sort_unstable_by_key(|&i| (self.status[i as usize], i)),
            SortKey::Claimant => {
                let rank = self.claimant_rank.get_or_init(|| {
                    let names = &self.claimant_names;
                    let mut order: Vec<u32> = (0..names.names.len() as u32).collect();
                    order.sort_unstable_by(|&a, &b| names.name(a).cmp(names.name(b)));
                    let mut rank = vec![0; order.len()];
                    for (r, n) in order.into_iter().enumerate() {
                        rank[n as usize] = r as u32;
                    }
                    rank
                });
                rows.sort_unstable_by_key(|&i| (rank[self.claimant[i as usize] as usize], i));
            }
            SortKey::LastChange => {
                rows.sort_unstable_by_key(|&i| (std::cmp::Reverse(self.last_change[i as usize]), i))
            }
            SortKey::Text => {
                let keys = keys();
                rows.sort_unstable_by_key(|&i| (keys[i as usize].text, i))
            }
            SortKey::Date => {
                let keys = keys();
                rows.sort_unstable_by_key(|&i| (keys[i as usize].date, i))
            }
            SortKey::Assignee => {
                let keys = keys();
                rows.sort_unstable_by_key(|&i| (keys[i as usize].assignee, i))
            }
            SortKey::Priority => {
                let keys = keys();
                rows.sort_unstable_by_key(|&i| (keys[i as usize].priority, i))
            }
            SortKey::Due => {
                let keys = keys();
                rows.sort_unstable_by_key(|&i| {
                    let d = keys[i as usize].due;
                    (d.is_none(), d, i)
                })
            }
            SortKey::Tags => {
                let keys = keys();
                rows.sort_unstable_by_key(|&i| (keys[i as usize].tags, i))
            }
        }
    }
}

/// The fields a search looks in the folded text for; it finds claimants and tags by name.
fn searched_fields(claim: &Claim) -> impl Iterator<Item = &str> {
    [claim.id.as_str(), &claim.text]
        .into_iter()
        .chain(claim.notes.iter().map(|n| n.text.as_ref()))
}

/// The length of a claim's searchable fields with their NULs, before folding.
fn searched_len(claim: &Claim) -> usize {
    searched_fields(claim).map(|f| f.len() + 1).sum()
}

/// The searchable fields of a claim, folded, each ended by NUL.
fn folded_text(claim: &Claim) -> Vec<u8> {
    let mut out = Vec::new();
    for field in searched_fields(claim) {
        fold_into(&mut out, field);
        out.push(0);
    }
    out
}

/// The newest time recorded on a claim (note, evidence or status change), in seconds.
fn last_change(claim: &Claim) -> i64 {
    let notes = claim.notes.iter().map(|n| n.time);
    let history = claim.history.iter().map(|h| h.time);
    notes
        .chain(history)
        .chain(claim.evidence.iter().map(|e| e.added))
        .max()
        .map_or(NEVER, Timestamp::as_second)
}

/// `s` folded to lower case as [`fold_into`] folds it.
fn folded(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len());
    fold_into(&mut out, s);
    String::from_utf8(out).unwrap_or_else(|_| unreachable!("folding keeps UTF-8"))
}

/// Appends `s` folded to lower case, character by character, so that a needle folded the
/// same way is found wherever the text holds it in any case.
fn fold_into(out: &mut Vec<u8>, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
        return;
    }
    let mut buf = [0u8; 4];
    for c in s.chars().flat_map(char::to_lowercase) {
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_keeps_what_the_filter_keeps() {
        let ws = crate::generate::workspace(3000, 11);
        let index = SearchIndex::build(&ws);
        let tags = index.all_tags();
        let filters = [
            ClaimFilter::default(),
            ClaimFilter {
                search: "ministry".into(),
                ..Default::default()
            },
            ClaimFilter {
                search: "  MISSILE-tech ".into(),
                ..Default::default()
            },
            ClaimFilter {
                search: "c0001".into(),
                ..Default::default()
            },
            ClaimFilter {
                search: "budget document".into(),
                ..Default::default()
            },
            ClaimFilter {
                search: "no such words".into(),
                ..Default::default()
            },
            ClaimFilter {
                statuses: vec![Status::new("disputed"), Status::new("false")],
                ..Default::default()
            },
            ClaimFilter {
                tags: vec![tags[0].to_uppercase()],
                search: "the".into(),
                ..Default::default()
            },
        ];
        for f in filters {
            let expected: Vec<&ClaimId> = ws
                .claims()
                .filter(|c| f.matches(c))
                .map(|c| &c.id)
                .collect();
            let got: Vec<&ClaimId> = index.filter(&f).into_iter().map(|i| index.id(i)).collect();
            assert_eq!(got, expected, "{f:?}");
        }
    }

    #[test]
    fn matches_do_not_span_claims_or_fields() {
        let mut a = Claim::new(
            ClaimId::new("a").unwrap(),
            "ends with sanc".into(),
            "x".into(),
            Status::new("unreviewed"),
        );
        a.tags = vec!["tions".into()];
        let b = Claim::new(
            ClaimId::new("b").unwrap(),
            "tions start".into(),
            "y".into(),
            Status::new("unreviewed"),
        );
        let ws = Workspace::from_claims(crate::model::Manifest::default(), [a, b]);
        let index = SearchIndex::build(&ws);
        let f = ClaimFilter {
            search: "sanctions".into(),
            ..Default::default()
        };
        assert!(index.filter(&f).is_empty());
        let f = ClaimFilter {
            search: "ÉNDS".into(),
            ..Default::default()
        };
        assert!(index.filter(&f).is_empty());
    }

    #[test]
    fn claimants_and_tags_are_found_by_name_in_any_case() {
        let claim = |id: &str, claimant: &str, tags: &[&str]| {
            let mut c = Claim::new(
                ClaimId::new(id).unwrap(),
                "the same text".into(),
                claimant.into(),
                Status::new("unreviewed"),
            );
            c.tags = tags.iter().map(|&t| t.into()).collect();
            c
        };
        let ws = Workspace::from_claims(
            crate::model::Manifest::default(),
            [
                claim("a", "Ministério da Saúde", &[]),
                claim("b", "Wire service", &["Vaccines"]),
                claim("c", "Ministry of health", &["vaccines", "ÉLECTIONS"]),
                claim("d", "Nobody", &[]),
            ],
        );
        let index = SearchIndex::build(&ws);
        let found = |search: &str| -> Vec<&str> {
            let f = ClaimFilter {
                search: search.into(),
                ..Default::default()
            };
            let rows = index.filter(&f);
            assert_eq!(
                rows.iter().map(|&i| index.id(i)).collect::<Vec<_>>(),
                ws.claims()
                    .filter(|c| f.matches(c))
                    .map(|c| &c.id)
                    .collect::<Vec<_>>(),
                "{search}"
            );
            rows.into_iter().map(|i| index.id(i).as_str()).collect()
        };
        assert_eq!(found("SAÚDE"), ["a"]);
        assert_eq!(found("MINIST"), ["a", "c"]);
        assert_eq!(found("vacc"), ["b", "c"]);
        assert_eq!(found("élect"), ["c"]);
        assert_eq!(found("same text"), ["a", "b", "c", "d"]);
        assert!(found("health vaccines").is_empty());
    }

    #[test]
    fn updates_match_a_rebuild() {
        let mut ws = crate::generate::workspace(400, 5);
        let mut index = SearchIndex::build(&ws);
        // The table's keys are made on the first sort by one of them, then kept up to date.
        assert!(index.keys.get().is_none());
        index.sort(&ws, &mut [0, 1], SortKey::Text);
        assert!(index.keys.get().is_some());
        let id = |s: &str| ClaimId::new(s).unwrap();
        let edits = [
            crate::edit::Edit::SetText {
                id: id("c000010"),
                text: "A much longer text about missile parts and ministries".into(),
            },
            crate::edit::Edit::SetText {
                id: id("c000399"),
                text: "x".into(),
            },
            crate::edit::Edit::DeleteClaim { id: id("c000000") },
            crate::edit::Edit::AddClaim(Box::new(Claim::new(
                id("b-new"),
                "Fresh claim".into(),
                "Zed".into(),
                Status::new("false"),
            ))),
            crate::edit::Edit::AddTag {
                id: id("c000200"),
                tag: "brand-new-tag".into(),
            },
            crate::edit::Edit::RemoveTag {
                id: id("c000200"),
                tag: "brand-new-tag".into(),
            },
        ];
        for edit in edits {
            let applied = crate::edit::apply(&mut ws, edit).unwrap();
            index.update(&ws, &applied.touched);
            let fresh = SearchIndex::build(&ws);
            assert_eq!(index.ids, fresh.ids);
            assert_eq!(index.folded, fresh.folded);
            assert_eq!(index.status, fresh.status);
            for i in 0..fresh.len() {
                assert!(index.tags_of(i).eq(fresh.tags_of(i)));
                assert_eq!(
                    index.claimant_names.name(index.claimant[i]),
                    fresh.claimant_names.name(fresh.claimant[i])
                );
            }
            assert_eq!(index.all_tags(), fresh.all_tags());
            let keys: Vec<RowKeys> = ws.claims().map(RowKeys::of).collect();
            assert_eq!(index.keys.get(), Some(&keys));
            assert_eq!(index.last_change, fresh.last_change);
        }
    }

    #[test]
    fn sorting_orders_by_each_key() {
        let ws = crate::generate::workspace(500, 2);
        let index = SearchIndex::build(&ws);
        let mut rows = index.filter(&ClaimFilter::default());
        index.sort(&ws, &mut rows, SortKey::Claimant);
        let names: Vec<String> = rows
            .iter()
            .map(|&i| {
                ws.get(index.id(i))
                    .unwrap()
                    .claimant
                    .to_lowercase()
                    .to_string()
            })
            .collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]));
        index.sort(&ws, &mut rows, SortKey::Status);
        let ranks: Vec<u16> = rows.iter().map(|&i| index.status[i as usize]).collect();
        assert!(ranks.windows(2).all(|w| w[0] <= w[1]));
        index.sort(&ws, &mut rows, SortKey::LastChange);
        let times: Vec<_> = rows
            .iter()
            .map(|&i| index.last_change[i as usize])
            .collect();
        assert!(times.windows(2).all(|w| w[0] >= w[1]));
        index.sort(&ws, &mut rows, SortKey::Id);
        assert!(rows.windows(2).all(|w| w[0] < w[1]));
    }
}
