//! Who a sentence says is speaking: "…, the ministry said", "X said that …", "according to X,
//! …", "X, the leader's sister, declared: …". A suggestion for the claimant field of a new
//! claim, which the reviewer checks; rule-based, and silent when unsure.

use super::hints;

/// Verbs that attribute words to someone.
const VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "declared",
    "declares",
    "stated",
    "states",
    "announced",
    "announces",
    "claimed",
    "claims",
    "denied",
    "denies",
    "insisted",
    "insists",
    "warned",
    "warns",
    "added",
    "adds",
    "argued",
    "argues",
    "noted",
    "notes",
    "rejected",
    "rejects",
    "voiced",
    "confirmed",
    "confirms",
    "alleged",
    "alleges",
    "asserted",
    "asserts",
    "wrote",
    "writes",
    "explained",
    "dismissed",
    "dismisses",
    "acknowledged",
    "admitted",
    "vowed",
];

/// Before a verb, these make it passive ("was accused"): the subject is not the speaker.
const PASSIVE: &[&str] = &["is", "was", "were", "are", "am", "be", "been", "being"];

/// Between a subject and its verb: "the ministry has also said".
const BETWEEN: &[&str] = &[
    "has", "have", "had", "will", "would", "also", "later", "then", "did", "does", "again",
];

/// Ends a subject when walking back from the verb: the clause before it.
const CONJUNCTIONS: &[&str] = &["and", "but", "while", "as", "when", "so", "because", "yet"];

/// Not a claimant, whatever the grammar says.
const PRONOUNS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "this", "that", "these", "those", "there", "both",
    "who", "which", "one", "some", "all", "what",
];

/// A subject longer than this is more likely a clause than a name.
const MAX_WORDS: usize = 8;

struct Token<'a> {
    raw: &'a str,
    /// Lower case, without punctuation around it.
    word: String,
    /// Inside a quotation: its verbs are the speaker's words, not attribution.
    quoted: bool,
}

impl Token<'_> {
    /// Ends a clause: the token ends with a comma, colon, semicolon or a closing quote.
    fn ends_clause(&self) -> bool {
        self.raw
            .trim_end_matches(['*', '_'])
            .ends_with([',', ':', ';', '"', '”', '—'])
    }

    fn ends_with_comma(&self) -> bool {
        self.raw
            .trim_end_matches(['*', '_', '"', '”'])
            .ends_with(',')
    }
}

fn tokens(sentence: &str) -> Vec<Token<'_>> {
    let mut quoted = false;
    sentence
        .split_whitespace()
        .map(|raw| {
            let opens = raw.starts_with(['"', '“']) || raw.starts_with("*\"");
            let marks = raw.matches(['"', '“', '”']).count();
            let token_quoted = quoted || opens;
            if marks % 2 == 1 {
                quoted = !quoted;
            }
            Token {
                raw,
                word: raw
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase(),
                quoted: token_quoted,
            }
        })
        .collect()
}

/// The words of `tokens` as a name: markup and punctuation around it dropped, the first letter
/// capitalised. `None` when it is a pronoun, empty or too long to be a name.
fn name(tokens: &[Token<'_>]) -> Option<String> {
    if tokens.is_empty() || tokens.len() > MAX_WORDS || tokens.iter().any(|t| t.quoted) {
        return None;
    }
    let joined = tokens.iter().map(|t| t.raw).collect::<Vec<_>>().join(" ");
    let cleaned: String = joined.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    let trimmed = cleaned
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let first = trimmed.split_whitespace().next()?.to_lowercase();
    if PRONOUNS.contains(&first.as_str()) {
        return None;
    }
    let mut chars = trimmed.chars();
    let head = chars.next()?;
    Some(head.to_uppercase().chain(chars).collect())
}

/// A name as people write it: every word capitalised, no article first.
fn is_proper_name(tokens: &[Token<'_>]) -> bool {
    !tokens.is_empty()
        && !matches!(tokens[0].word.as_str(), "the" | "a" | "an")
        && tokens.iter().all(|t| {
            t.raw
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .starts_with(char::is_uppercase)
        })
}

/// The tokens from the clause boundary before `end` (exclusive) up to `end`.
fn clause_before<'t, 'a>(tokens: &'t [Token<'a>], end: usize) -> &'t [Token<'a>] {
    let mut start = end;
    while start > 0 {
        let t = &tokens[start - 1];
        if CONJUNCTIONS.contains(&t.word.as_str()) || (start < end && t.ends_clause()) {
            break;
        }
        start -= 1;
    }
    &tokens[start..end]
}

/// Who `sentence` says is speaking, if it says so in a form this knows.
pub fn claimant(sentence: &str) -> Option<String> {
    let tokens = tokens(sentence);
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    // "according to X, …" and "…, according to X."
    for i in 0..tokens.len().saturating_sub(2) {
        if words[i] == "according" && words[i + 1] == "to" && !tokens[i].quoted {
            let rest = &tokens[i + 2..];
            let end = rest
                .iter()
                .position(Token::ends_clause)
                .map_or(rest.len(), |p| p + 1);
            if let Some(found) = name(&rest[..end]) {
                return Some(found);
            }
        }
    }
    // "In the ministry's account, …"
    for i in 0..tokens.len() {
        if words[i] != "in" || tokens[i].quoted {
            continue;
        }
        for j in i + 1..tokens.len().min(i + MAX_WORDS) {
            let possessive = tokens[j].raw.ends_with("'s") || tokens[j].raw.ends_with("’s");
            if possessive
                && let Some(next) = tokens.get(j + 1)
                && matches!(next.word.as_str(), "account" | "view" | "words" | "version")
                && next.ends_with_comma()
            {
                let mut subject: Vec<Token<'_>> = tokens[i + 1..=j]
                    .iter()
                    .map(|t| Token {
                        raw: t.raw,
                        word: t.word.clone(),
                        quoted: t.quoted,
                    })
                    .collect();
                if let Some(last) = subject.last_mut() {
                    last.raw = last.raw.trim_end_matches("'s").trim_end_matches("’s");
                }
                if let Some(found) = name(&subject) {
                    return Some(found);
                }
            }
            if tokens[j].ends_clause() {
                break;
            }
        }
    }
    for (j, verb) in tokens.iter().enumerate() {
        if verb.quoted || !VERBS.contains(&verb.word.as_str()) || j == 0 {
            // A verb first ("Said the minister: …") is too rare to guess at.
            continue;
        }
        let mut end = j;
        while end > 0 && BETWEEN.contains(&words[end - 1]) {
            end -= 1;
        }
        if end == 0 || PASSIVE.contains(&words[end - 1]) {
            continue;
        }
        if tokens[end - 1].ends_with_comma() {
            // "'…,' said the minister." The words after the verb, up to the end.
            if end == j && !verb.ends_clause() {
                let rest = &tokens[j + 1..];
                let stop = rest.iter().position(Token::ends_clause);
                if stop.is_none_or(|p| p + 1 == rest.len())
                    && let Some(found) = name(rest)
                {
                    return Some(found);
                }
            }
            // "X, the leader's sister, declared": of the two, the one that is a name.
            let second = clause_before(&tokens, end);
            let split = end - second.len();
            let first = if split > 0 {
                clause_before(&tokens, split)
            } else {
                &[]
            };
            let pick = if is_proper_name(second) || first.is_empty() {
                second
            } else {
                first
            };
            if let Some(found) = name(pick) {
                return Some(found);
            }
            continue;
        }
        if let Some(found) = name(clause_before(&tokens, end)) {
            return Some(found);
        }
    }
    None
}

/// Who speaks in the sentences of `text` that hold characters `start..end` (a quote's), if
/// one of them says.
pub fn claimant_around(text: &str, start: usize, end: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    hints::sentences(text)
        .into_iter()
        .filter(|&(s, e)| s < end.max(start + 1) && start < e)
        .find_map(|(s, e)| claimant(&chars[s..e].iter().collect::<String>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences of the sample workspace's report, `claims/sources/report.md`.
    const REPORT: &str = include_str!("../../claims/sources/report.md");

    fn sentence_with(words: &str) -> String {
        let chars: Vec<char> = REPORT.chars().collect();
        hints::sentences(REPORT)
            .into_iter()
            .map(|(s, e)| chars[s..e].iter().collect::<String>())
            .find(|s| s.contains(words))
            .expect("the report has the sentence")
    }

    #[test]
    fn the_report_names_its_speakers() {
        for (words, speaker) in [
            ("voiced concern", "Linda Thomas-Greenfield"),
            (
                "biased and baseless",
                "Iran's foreign ministry spokesperson",
            ),
            ("attended a trade show", "The ministry"),
            ("overwhelming and most powerful", "Kim Yo Jong"),
            ("the trip is for talks", "The report"),
        ] {
            assert_eq!(
                claimant(&sentence_with(words)).as_deref(),
                Some(speaker),
                "{words}"
            );
        }
    }

    #[test]
    fn sentences_without_a_speaker_suggest_none() {
        for words in [
            "have been accused of supplying",
            "diplomatic relations since 1973",
            "It calls this the first known meeting",
            "has fed speculation",
            "He went to Russia's Far East",
        ] {
            assert_eq!(claimant(&sentence_with(words)), None, "{words}");
        }
    }

    #[test]
    fn the_usual_forms_of_attribution() {
        for (sentence, speaker) in [
            (
                "Exports rose by 40 percent, the ministry said.",
                "The ministry",
            ),
            ("The minister said that exports rose.", "The minister"),
            ("The minister has also said exports rose.", "The minister"),
            ("According to the UN, 3 million people fled.", "The UN"),
            (
                "3 million people fled, according to UN figures.",
                "UN figures",
            ),
            (
                "\"We are ready,\" said the foreign minister.",
                "The foreign minister",
            ),
            (
                "\"We said nothing,\" Ali Bagheri told reporters.",
                "Ali Bagheri",
            ),
        ] {
            assert_eq!(claimant(sentence).as_deref(), Some(speaker), "{sentence}");
        }
        for sentence in [
            "He said that exports rose.",
            "The claim was denied.",
            "\"They said it,\" we heard.",
        ] {
            assert_eq!(claimant(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn the_sentence_around_a_quote_is_asked() {
        let quote = "biased and baseless";
        let at = REPORT.find(quote).expect("in the report");
        let start = REPORT[..at].chars().count();
        let end = start + quote.chars().count();
        assert_eq!(
            claimant_around(REPORT, start, end).as_deref(),
            Some("Iran's foreign ministry spokesperson")
        );
        let heading = REPORT.find("visit was about").expect("in the heading");
        let start = REPORT[..heading].chars().count();
        assert_eq!(
            claimant_around(REPORT, start, start + 5).as_deref(),
            Some("Iran")
        );
    }
}
