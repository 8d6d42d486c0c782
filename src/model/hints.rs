//! Check-worthiness hints: sentences of a source document that look like checkable claims
//! (numbers, dates, named actors, attribution verbs, quotations) and no claim covers yet.
//! Rule-based and offline: a reviewer's margin note, not a verdict.

/// A sentence worth a look. Positions count characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// First character of the sentence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The sum of the reasons' weights.
    pub score: u32,
    /// Why, in words: "a number", "a date", "attribution", "a quotation", "named actors".
    pub reasons: Vec<&'static str>,
}

/// Sentences scoring at least this are hinted.
pub const THRESHOLD: u32 = 3;

const ATTRIBUTION: &[&str] = &[
    "said",
    "says",
    "say",
    "denied",
    "denies",
    "deny",
    "accused",
    "accuses",
    "stated",
    "states",
    "claimed",
    "claims",
    "told",
    "announced",
    "declared",
    "alleged",
    "reported",
    "confirmed",
    "dismissed",
    "insisted",
    "warned",
    "expressed",
    "according",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const NOT_ACTORS: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "He", "She", "They", "We",
    "I", "In", "On", "At", "But", "And", "Or", "As", "If", "However", "Both", "Why", "Key",
];

/// The sentences of `text`, as character ranges: ended by `.`, `!` or `?` before a space or
/// the end (not after a single capital, as in "U.S."), or by a blank line.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let blank_line = c == '\n' && next == Some('\n');
        let stop = matches!(c, '.' | '!' | '?')
            && next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '”')
            && !(c == '.'
                && i >= 1
                && chars[i - 1].is_uppercase()
                && (i < 2 || !chars[i - 2].is_alphabetic()));
        if stop || blank_line {
            let mut end = i + 1;
            while end < chars.len() && matches!(chars[end], '"' | '”' | '\'' | '’') {
                end += 1;
            }
            push_trimmed(&chars, start, end, &mut out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(&chars, start, chars.len(), &mut out);
    out
}

fn push_trimmed(chars: &[char], mut start: usize, mut end: usize, out: &mut Vec<(usize, usize)>) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if end > start {
        out.push((start, end));
    }
}

/// Scores one sentence: its weight and reasons.
pub fn score(sentence: &str) -> (u32, Vec<&'static str>) {
    let mut reasons = Vec::new();
    let mut score = 0;
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let is_year =
        |w: &str| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1900..=2099).contains(&y));
    let has_date = words
        .iter()
        .any(|w| is_year(w) || MONTHS.contains(&w.to_lowercase().as_str()));
    let has_number = words
        .iter()
        .any(|w| !is_year(w) && w.chars().any(|c| c.is_ascii_digit()))
        || words.iter().any(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "million" | "billion" | "percent" | "thousands" | "hundreds"
            )
        });
    if has_number {
        score += 2;
        reasons.push("a number");
    }
    if has_date {
        score += 2;
        reasons.push("a date");
    }
    if words
        .iter()
        .any(|w| ATTRIBUTION.contains(&w.to_lowercase().as_str()))
    {
        score += 2;
        reasons.push("attribution");
    }
    let quotes = sentence.matches(['"', '“', '”']).count();
    if quotes >= 2 {
        score += 2;
        reasons.push("a quotation");
    }
    // Capitalised words after the first: names of people, places, bodies.
    let actors = words
        .iter()
        .skip(1)
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && !NOT_ACTORS.contains(w))
        .count();
    if actors > 0 {
        score += if actors >= 2 { 2 } else { 1 };
        reasons.push("named actors");
    }
    (score, reasons)
}

/// The check-worthy sentences of `text` that overlap none of `covered` (character ranges of
/// anchored quotes).
pub fn check_worthy(text: &str, covered: &[(usize, usize)]) -> Vec<Hint> {
    let chars: Vec<char> = text.chars().collect();
    sentences(text)
        .into_iter()
        .filter(|&(s, e)| !covered.iter().any(|&(cs, ce)| cs < e && s < ce))
        .filter_map(|(start, end)| {
            let sentence: String = chars[start..end].iter().collect();
            let (score, reasons) = score(&sentence);
            (score >= THRESHOLD).then_some(Hint {
                start,
                end,
                score,
                reasons,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Iran Denies Visit\n\n\
        The weather in the capital was mild. \
        Pyongyang and Tehran established diplomatic relations in 1973. \
        It was a long day. \
        The U.S. ambassador said, \"We are concerned about the transfers.\" \
        Officials denied the report. \
        Exports rose by 40 percent, the ministry said. \
        Everyone went home.";

    fn picked(text: &str, covered: &[(usize, usize)]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        check_worthy(text, covered)
            .iter()
            .map(|h| chars[h.start..h.end].iter().collect())
            .collect()
    }

    #[test]
    fn sentences_split_at_stops_but_not_inside_abbreviations() {
        let chars: Vec<char> = TEXT.chars().collect();
        let all: Vec<String> = sentences(TEXT)
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect();
        assert_eq!(all[0], "Iran Denies Visit");
        assert!(
            all.contains(
                &"The U.S. ambassador said, \"We are concerned about the transfers.\"".to_string()
            ),
            "{all:#?}"
        );
        assert_eq!(all.len(), 8, "{all:#?}");
    }

    #[test]
    fn the_scorer_picks_the_expected_sentences() {
        // The headline is a claim too: who denies what.
        assert_eq!(
            picked(TEXT, &[]),
            [
                "Iran Denies Visit",
                "Pyongyang and Tehran established diplomatic relations in 1973.",
                "The U.S. ambassador said, \"We are concerned about the transfers.\"",
                "Exports rose by 40 percent, the ministry said.",
            ]
        );
        let (score, reasons) =
            score("The U.S. ambassador said, \"We are concerned about the transfers.\"");
        assert_eq!(
            reasons,
            ["attribution", "a quotation", "named actors"],
            "{score}"
        );
    }

    #[test]
    fn covered_sentences_are_not_hinted() {
        let start = TEXT.chars().count()
            - "Exports rose by 40 percent, the ministry said. Everyone went home."
                .chars()
                .count();
        let hints = picked(TEXT, &[(start + 3, start + 10)]);
        assert_eq!(hints.len(), 3);
        assert!(!hints.iter().any(|h| h.starts_with("Exports")));
    }
}
