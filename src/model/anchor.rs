//! Quote anchors: where a claim's quote sits in a source document, found again after the
//! document changes. Positions count characters (Unicode scalar values), as text widgets do.
//!
//! A stored anchor is the exact quote, a little text before and after it, and its position.
//! [`locate`] tries the position, then the exact quote (choosing by its context), then an
//! approximate match that must still be framed by the stored context. Anything less is
//! orphaned: an anchor is never attached to text that merely looks like the quote.

use serde::{Deserialize, Serialize};

/// How many characters of context an anchor keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

/// How alike (0 to 1, normalized Levenshtein) approximate text must be to the quote.
pub const SIMILARITY_THRESHOLD: f64 = 0.8;

/// Where a quote sits in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteAnchor {
    /// The exact quoted text.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after it.
    #[serde(default)]
    pub suffix: String,
    /// The character position where it started.
    pub start: usize,
}

/// How an anchor was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AnchorState {
    /// At its stored position.
    Exact,
    /// The same text, elsewhere.
    Moved,
    /// Changed text between the same context.
    Approximate,
    /// Not found: shown as such, never guessed.
    Orphaned,
}

impl AnchorState {
    /// The lower-case word: exact, moved, approximate, orphaned.
    pub fn name(self) -> &'static str {
        match self {
            AnchorState::Exact => "exact",
            AnchorState::Moved => "moved",
            AnchorState::Approximate => "approximate",
            AnchorState::Orphaned => "orphaned",
        }
    }
}

/// Where an anchor was found: character positions `start..end` (empty when orphaned).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// How.
    pub state: AnchorState,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl QuoteAnchor {
    /// The anchor for characters `start..end` of `text`.
    pub fn new(text: &str, start: usize, end: usize) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let end = end.min(chars.len());
        let start = start.min(end);
        Self {
            exact: chars[start..end].iter().collect(),
            prefix: chars[start.saturating_sub(CONTEXT_CHARS)..start]
                .iter()
                .collect(),
            suffix: chars[end..(end + CONTEXT_CHARS).min(chars.len())]
                .iter()
                .collect(),
            start,
        }
    }
}

/// Finds `anchor` in `text`.
pub fn locate(text: &str, anchor: &QuoteAnchor) -> Found {
    let chars: Vec<char> = text.chars().collect();
    let exact: Vec<char> = anchor.exact.chars().collect();
    let prefix: Vec<char> = anchor.prefix.chars().collect();
    let suffix: Vec<char> = anchor.suffix.chars().collect();
    let orphaned = Found {
        state: AnchorState::Orphaned,
        start: 0,
        end: 0,
    };
    if exact.is_empty() {
        return orphaned;
    }
    let n = exact.len();
    // `start` is read from a file: a corrupt or hostile one near `usize::MAX` must fall through
    // to the searches below, not overflow.
    if let Some(end) = anchor.start.checked_add(n)
        && chars.get(anchor.start..end) == Some(&exact[..])
    {
        return Found {
            state: AnchorState::Exact,
            start: anchor.start,
            end,
        };
    }
    // The exact text elsewhere, still next to some of its context (the same words in another
    // place are not the same quote): the occurrence whose surroundings match best, then the
    // one nearest the old position.
    let occurrences = find_all(text, &anchor.exact);
    let framed = occurrences.iter().filter_map(|&at| {
        let (before, after) = context_match(&chars, at, at + n, &prefix, &suffix);
        let enough = before >= prefix.len().min(MIN_CONTEXT)
            && after >= suffix.len().min(MIN_CONTEXT)
            || before >= MIN_CONTEXT
            || after >= MIN_CONTEXT;
        enough.then_some((
            before + after,
            std::cmp::Reverse(at.abs_diff(anchor.start)),
            at,
        ))
    });
    if let Some((_, _, at)) = framed.max() {
        return Found {
            state: AnchorState::Moved,
            start: at,
            end: at + n,
        };
    }
    let context = (anchor.prefix.as_str(), anchor.suffix.as_str());
    approximate(text, &chars, &exact, context, anchor.start).unwrap_or(orphaned)
}

/// Context shorter than this on a side frames too little to trust, unless it is all there
/// was (the quote was at the document's edge).
const MIN_CONTEXT: usize = 8;

/// How many characters of the stored context match just before and just after `start..end`.
fn context_match(
    chars: &[char],
    start: usize,
    end: usize,
    prefix: &[char],
    suffix: &[char],
) -> (usize, usize) {
    let before = prefix
        .iter()
        .rev()
        .zip(chars[..start].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = suffix
        .iter()
        .zip(&chars[end..])
        .take_while(|(a, b)| a == b)
        .count();
    (before, after)
}

/// At most this many framed spans are compared with the quote, the nearest to the stored
/// position first: a document of repeated text frames very many, and each comparison costs
/// the square of the quote's length.
const MAX_CANDIDATES: usize = 64;

/// Changed text still framed by the stored context: the text after an occurrence of the
/// prefix and before an occurrence of the suffix, if it is alike enough to the quote. With
/// only one side of context kept (the quote was at the start or end of the document), that
/// side frames a span of the quote's length.
fn approximate(
    text: &str,
    chars: &[char],
    exact: &[char],
    (prefix, suffix): (&str, &str),
    stored: usize,
) -> Option<Found> {
    let n = exact.len();
    let exact_text: String = exact.iter().collect();
    let (prefix_len, suffix_len) = (prefix.chars().count(), suffix.chars().count());
    let starts: Vec<usize> = if prefix_len >= MIN_CONTEXT {
        find_all(text, prefix)
            .into_iter()
            .map(|at| at + prefix_len)
            .collect()
    } else if prefix.is_empty() {
        vec![0]
    } else {
        Vec::new()
    };
    let ends: Vec<usize> = if suffix_len >= MIN_CONTEXT {
        find_all(text, suffix)
    } else if suffix.is_empty() {
        vec![chars.len()]
    } else {
        Vec::new()
    };
    // Every (start, end) pair whose length is near the quote's: `ends` is sorted, so each
    // start finds its window by binary search instead of scanning every end.
    let (low, high) = (n / 2, n + n / 2 + 1);
    // Starts are taken outward from the stored position, nearest first, until enough
    // pairs are found.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let split = starts.partition_point(|&s| s < stored);
    let (mut left, mut right) = (split, split);
    while pairs.len() < MAX_CANDIDATES && (left > 0 || right < starts.len()) {
        let take_right = match (left.checked_sub(1), starts.get(right)) {
            (Some(l), Some(&r)) => r.abs_diff(stored) <= starts[l].abs_diff(stored),
            (None, Some(_)) => true,
            _ => false,
        };
        let s = if take_right {
            right += 1;
            starts[right - 1]
        } else {
            left -= 1;
            starts[left]
        };
        let from = ends.partition_point(|&e| e < s + low);
        let to = ends.partition_point(|&e| e <= s + high);
        pairs.extend(ends[from..to].iter().map(|&e| (s, e)));
    }
    let mut best: Option<(f64, usize, usize)> = None;
    for (start, end) in pairs.into_iter().take(MAX_CANDIDATES) {
        if start > end || end > chars.len() {
            continue;
        }
        let candidate: String = chars[start..end].iter().collect();
        let score = strsim::normalized_levenshtein(&candidate, &exact_text);
        if score >= SIMILARITY_THRESHOLD && best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, start, end));
        }
    }
    best.map(|(_, start, end)| Found {
        state: AnchorState::Approximate,
        start,
        end,
    })
}

/// Every character position where `needle` occurs in `hay`, overlapping ones included, in
/// order. The search runs on the UTF-8 bytes (a match of valid UTF-8 starts on a character
/// boundary); byte offsets become character positions in one forward walk.
fn find_all(hay: &str, needle: &str) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    let bytes = hay.as_bytes();
    let mut out = Vec::new();
    let (mut from, mut walked_bytes, mut walked_chars) = (0, 0, 0);
    while let Some(at) = finder.find(&bytes[from..]) {
        let at = from + at;
        walked_chars += hay[walked_bytes..at].chars().count();
        walked_bytes = at;
        out.push(walked_chars);
        // The next match may overlap this one: go on from the next character.
        from = at + hay[at..].chars().next().map_or(1, char::len_utf8);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "The ministry spokesperson dismissed the speculation. \
        According to the ministry, the delegation attended a trade show in Tehran and held talks \
        with representatives of the government and private sector. The last known visit was in 2019.";

    fn anchor_of(text: &str, quote: &str) -> QuoteAnchor {
        let byte = text.find(quote).unwrap();
        let start = text[..byte].chars().count();
        QuoteAnchor::new(text, start, start + quote.chars().count())
    }

    fn span(text: &str, found: Found) -> String {
        text.chars()
            .skip(found.start)
            .take(found.end - found.start)
            .collect()
    }

    const QUOTE: &str = "attended a trade show in Tehran";

    #[test]
    fn unchanged_text_is_exact() {
        let a = anchor_of(DOC, QUOTE);
        let f = locate(DOC, &a);
        assert_eq!(f.state, AnchorState::Exact);
        assert_eq!(span(DOC, f), QUOTE);
    }

    #[test]
    fn text_inserted_or_deleted_before_moves_it() {
        let a = anchor_of(DOC, QUOTE);
        let inserted = DOC.replace(
            "The ministry spokesperson",
            "On Tuesday, the ministry spokesperson",
        );
        let f = locate(&inserted, &a);
        assert_eq!(
            (f.state, span(&inserted, f).as_str()),
            (AnchorState::Moved, QUOTE)
        );
        let deleted = DOC.replace("The ministry spokesperson dismissed the speculation. ", "");
        let f = locate(&deleted, &a);
        assert_eq!(
            (f.state, span(&deleted, f).as_str()),
            (AnchorState::Moved, QUOTE)
        );
    }

    #[test]
    fn text_changed_after_keeps_it_exact() {
        let a = anchor_of(DOC, QUOTE);
        let after = DOC.replace("in 2019", "in 2019, officials said");
        assert_eq!(locate(&after, &a).state, AnchorState::Exact);
    }

    #[test]
    fn text_changed_inside_is_found_approximately() {
        let a = anchor_of(DOC, QUOTE);
        let inside = DOC.replace("a trade show in Tehran", "a large trade show in Tehran");
        let f = locate(&inside, &a);
        assert_eq!(
            (f.state, span(&inside, f).as_str()),
            (
                AnchorState::Approximate,
                "attended a large trade show in Tehran"
            )
        );
        let cut = DOC.replace("a trade show in Tehran", "a trade fair in Tehran");
        let f = locate(&cut, &a);
        assert_eq!(
            (f.state, span(&cut, f).as_str()),
            (AnchorState::Approximate, "attended a trade fair in Tehran")
        );
    }

    #[test]
    fn a_deleted_quote_is_orphaned_even_with_similar_text_elsewhere() {
        let a = anchor_of(DOC, QUOTE);
        let gone = DOC.replace(
            "the delegation attended a trade show in Tehran and held",
            "the delegation held",
        );
        assert_eq!(locate(&gone, &a).state, AnchorState::Orphaned);
        // Similar wording survives elsewhere, in another context: still orphaned.
        let lookalike = format!("{gone} Another group attended a trade show in Tabriz last year.");
        assert_eq!(locate(&lookalike, &a).state, AnchorState::Orphaned);
        let rewritten = DOC.replace(QUOTE, "visited a military base near Isfahan");
        assert_eq!(locate(&rewritten, &a).state, AnchorState::Orphaned);
        // The very same words elsewhere, in another sentence, are not the quote either.
        let same_words = format!("{gone} Rivals say they {QUOTE} too.");
        assert_eq!(locate(&same_words, &a).state, AnchorState::Orphaned);
    }

    #[test]
    fn a_repeated_quote_is_found_by_its_context() {
        let text = "Alpha said no. Beta said no. Gamma said no.";
        let a = anchor_of(text, "Beta said no");
        let shifted = format!("Intro. {text}");
        let f = locate(
            &shifted,
            &QuoteAnchor {
                exact: "said no".into(),
                prefix: "Alpha said no. Beta ".into(),
                suffix: ". Gamma said no.".into(),
                start: 20,
            },
        );
        assert_eq!(f.state, AnchorState::Moved);
        assert_eq!(
            &shifted.chars().collect::<Vec<_>>()[f.start - 5..f.start]
                .iter()
                .collect::<String>(),
            "Beta "
        );
        assert_eq!(locate(&shifted, &a).state, AnchorState::Moved);
    }

    #[test]
    fn a_stored_start_near_the_end_of_usize_falls_through_to_the_search() {
        let a = anchor_of(DOC, QUOTE);
        for start in [usize::MAX - 1, usize::MAX] {
            let far = QuoteAnchor { start, ..a.clone() };
            let f = locate(DOC, &far);
            assert_eq!(
                (f.state, span(DOC, f).as_str()),
                (AnchorState::Moved, QUOTE),
                "{start}"
            );
            // A one-character quote: `start + 1` overflows only at `usize::MAX`.
            let one = QuoteAnchor {
                exact: "T".into(),
                prefix: String::new(),
                suffix: "he ministry spokesperson".into(),
                start,
            };
            assert_eq!(locate(DOC, &one).state, AnchorState::Moved, "{start}");
        }
    }

    #[test]
    fn positions_count_characters_with_combining_marks_cjk_and_emoji() {
        let text = "Cafe\u{301} 👩‍👩‍👧 北朝鮮代表団がイランを訪問した。 Then: \"trade show\" 😀 end.";
        for quote in ["北朝鮮代表団", "trade show", "👩‍👩‍👧", "e\u{301}"] {
            let a = anchor_of(text, quote);
            let f = locate(text, &a);
            assert_eq!(
                (f.state, span(text, f).as_str()),
                (AnchorState::Exact, quote),
                "{quote}"
            );
            let moved = format!("😀😀 {text}");
            let f = locate(&moved, &a);
            assert_eq!(
                (f.state, span(&moved, f).as_str()),
                (AnchorState::Moved, quote),
                "{quote}"
            );
        }
        let a = anchor_of(text, "北朝鮮代表団");
        assert_eq!(
            a.start, 12,
            "Cafe + combining accent + space + the family emoji (5 chars) + space"
        );
    }
}
