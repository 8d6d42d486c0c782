//! Check-worthiness hints: sentences of a source document that look like checkable factual
//! claims and no claim covers yet. Rule-based and offline: a reviewer's margin note, not a
//! verdict.
//!
//! A sentence scores the sum of hand-set weights of the signs it shows: for a claim (a number,
//! a year, money, a comparison, a change in amount, statistic or policy words, a voting
//! record, named actors, attribution, a time reference, the past tense, a quotation) and
//! against one (a question, an opinion or a promise, the first person, a hedge, the future,
//! very few words, thanks, an editorial note). The weights were set by hand and checked
//! against a public set of labelled debate sentences (see the README); nothing here is
//! learned from it.

use unicode_segmentation::UnicodeSegmentation;

/// A sentence worth a look. Positions count characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hint {
    /// First character of the sentence.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// The sum of the weights of the signs for and against.
    pub score: i32,
    /// Why, in words: "a number", "a comparison", "a statistic word", ...
    pub reasons: Vec<&'static str>,
    /// What counted against it, in words: "a question", "an opinion or a promise", ...
    pub against: Vec<&'static str>,
}

/// Sentences scoring at least this are hinted.
pub const THRESHOLD: i32 = 3;

/// One sentence's score, and the signs for and against it in words.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scored {
    /// The sum of the weights.
    pub score: i32,
    /// Signs of a checkable claim.
    pub reasons: Vec<&'static str>,
    /// Signs of something else: an opinion, a question, a promise.
    pub against: Vec<&'static str>,
}

impl Scored {
    fn add(&mut self, weight: i32, why: &'static str) {
        self.score += weight;
        if weight > 0 {
            self.reasons.push(why);
        } else {
            self.against.push(why);
        }
    }
}

// Quantities are what a fact-checker can look up; "one" is left out because it is mostly a
// pronoun ("the one thing", "no one").
const NUMBER_WORDS: &[&str] = &[
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "trillion",
    "trillions",
    "percent",
    "percentage",
    "half",
    "twice",
    "double",
    "triple",
    "dozen",
    "dozens",
];
const MONEY_WORDS: &[&str] = &["dollar", "dollars", "euro", "euros", "cents"];
const COMPARISON: &[&str] = &[
    "more", "less", "fewer", "most", "least", "largest", "biggest", "highest", "lowest",
    "smallest", "greatest", "worst", "best", "first", "only", "last", "higher", "lower", "larger",
    "bigger", "smaller", "record", "ever",
];
const CHANGE: &[&str] = &[
    "increase",
    "increased",
    "increases",
    "decrease",
    "decreased",
    "decreases",
    "declined",
    "rose",
    "risen",
    "fell",
    "fallen",
    "dropped",
    "grew",
    "grown",
    "cut",
    "cuts",
    "doubled",
    "tripled",
    "raised",
    "lowered",
    "reduced",
    "lost",
    "gained",
    "created",
    "added",
    "eliminated",
    "expanded",
];
// Words of public finance, the economy, welfare, security and population: the subjects
// official statistics are kept on.
const STATISTIC: &[&str] = &[
    "percent",
    "rate",
    "rates",
    "budget",
    "budgets",
    "deficit",
    "deficits",
    "debt",
    "tax",
    "taxes",
    "taxed",
    "jobs",
    "job",
    "unemployment",
    "unemployed",
    "inflation",
    "economy",
    "economic",
    "income",
    "incomes",
    "wage",
    "wages",
    "salary",
    "salaries",
    "spending",
    "spend",
    "spent",
    "cost",
    "costs",
    "price",
    "prices",
    "money",
    "revenue",
    "revenues",
    "growth",
    "gdp",
    "trade",
    "exports",
    "imports",
    "oil",
    "energy",
    "gas",
    "insurance",
    "medicare",
    "medicaid",
    "pension",
    "pensions",
    "benefits",
    "poverty",
    "poor",
    "crime",
    "murder",
    "murders",
    "troops",
    "soldiers",
    "war",
    "nuclear",
    "weapons",
    "missiles",
    "military",
    "defense",
    "defence",
    "army",
    "navy",
    "casualties",
    "population",
    "workers",
    "families",
    "people",
    "students",
    "schools",
    "teachers",
    "loans",
    "interest",
    "farmers",
    "businesses",
    "companies",
];
const RECORD: &[&str] = &[
    "voted",
    "vote",
    "votes",
    "supported",
    "opposed",
    "proposed",
    "signed",
    "passed",
    "vetoed",
    "sponsored",
    "appointed",
    "repealed",
];
// "states" and "claims" are left out: they are mostly nouns ("the United States").
const ATTRIBUTION: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "stated",
    "claimed",
    "announced",
    "declared",
    "reported",
    "according",
    "denied",
    "denies",
    "deny",
    "accused",
    "accuses",
    "alleged",
    "confirmed",
    "dismissed",
    "insisted",
    "warned",
    "rejected",
    "rejects",
];
const TIME_WORDS: &[&str] = &[
    "since",
    "today",
    "now",
    "currently",
    "already",
    "decade",
    "century",
];
const TIME_PAIRS: &[[&str; 2]] = &[
    ["last", "year"],
    ["this", "year"],
    ["years", "ago"],
    ["in", "history"],
    ["every", "year"],
    ["a", "year"],
    ["per", "year"],
    ["each", "year"],
];
// Opinions, wishes and promises: the speaker's mind or plans, which no record can check.
const OPINION: &[&[&str]] = &[
    &["i", "think"],
    &["i", "believe"],
    &["i", "feel"],
    &["i", "hope"],
    &["i", "want"],
    &["we", "need"],
    &["we", "must"],
    &["we", "should"],
    &["we", "will"],
    &["we'll"],
    &["i", "will"],
    &["i'll"],
    &["i'm", "going", "to"],
    &["we're", "going", "to"],
    &["we've", "got", "to"],
    &["we", "have", "to"],
    &["i", "would"],
    &["i'd"],
    &["let", "me"],
];
const HEDGES: &[&str] = &["would", "could", "should", "might", "must"];
const FIRST_PERSON: &[&str] = &["i", "i'm", "i've", "i'd", "i'll", "me", "my"];
const SECOND_PERSON: &[&str] = &["you", "your", "you're", "you've"];
const THANKS: &[&str] = &["thank", "thanks", "congratulations"];
// Notes about the text itself (credits, disclaimers) mention dates and names without
// asserting anything about the world.
const EDITORIAL: &[&[&str]] = &[
    &["copyright"],
    &["all", "rights", "reserved"],
    &["reporting", "by"],
    &["editing", "by"],
    &["written", "by"],
    &["adapted", "from"],
    &["a", "retelling"],
    &["a", "summary", "of"],
    &["this", "article"],
    &["this", "story"],
    &["first", "published"],
    &["photo", "by"],
    &["quotations", "are"],
];
// Capitalised for grammar, not because they name someone.
const NOT_ACTORS: &[&str] = &[
    "The", "A", "An", "This", "That", "These", "Those", "It", "Its", "It's", "He", "She", "They",
    "We", "I", "I'm", "I've", "I'd", "I'll", "In", "On", "At", "But", "And", "Or", "As", "If",
    "However", "Both", "Why", "Now", "Well", "So", "Mr", "Mrs", "Ms", "Dr",
];
// Abbreviations that end in a full stop but rarely end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "capt", "st",
    "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "nos", "fig", "approx", "dept", "est",
];
// Sentence-ending punctuation in the scripts people quote most; anything else before a line
// break means the line was wrapped, not ended.
const TERMINALS: &[char] = &[
    '.', '!', '?', '…', '‼', '⁇', '⁈', '⁉', '。', '！', '？', '｡', '।', '॥', '؟', '۔', '።', '။',
];
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', ')', ']', '*', '_'];

/// The sentences of `text`, as character ranges: the Unicode sentence rules (UAX #29) within
/// each paragraph (blank lines end one), joined again after abbreviations ("Mr.", "U.S.",
/// "Dr.") and across line breaks inside a sentence.
pub fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chars_before = 0;
    let mut bytes_before = 0;
    for paragraph in paragraphs(text) {
        chars_before += text[bytes_before..paragraph.0].chars().count();
        bytes_before = paragraph.0;
        let body = &text[paragraph.0..paragraph.1];
        // Pieces as byte ranges of `body`, joined while one does not really end a sentence.
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut joining = false;
        for (at, piece) in body.split_sentence_bound_indices() {
            let end = at + piece.len();
            match pieces.last_mut() {
                Some(last) if joining => last.1 = end,
                _ => pieces.push((at, end)),
            }
            joining = pieces
                .last()
                .is_some_and(|&(s, e)| !ends_sentence(&body[s..e]));
        }
        let mut chars_at = chars_before;
        let mut bytes_at = 0;
        for (s, e) in pieces {
            let piece = &body[s..e];
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if trimmed.is_empty() {
                continue;
            }
            chars_at += body[bytes_at..s + lead].chars().count();
            bytes_at = s + lead;
            out.push((chars_at, chars_at + trimmed.chars().count()));
        }
    }
    out
}

/// Byte ranges of the paragraphs of `text`: runs of lines between blank lines.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push((s, at));
            }
        } else if start.is_none() {
            start = Some(at);
        }
        at += line.len();
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Whether a piece the Unicode rules cut off ends a sentence: not after an abbreviation or an
/// initial, and not at a mere line break.
fn ends_sentence(piece: &str) -> bool {
    let trimmed = piece.trim_end();
    let Some(last) = trimmed.trim_end_matches(CLOSERS).chars().last() else {
        return true;
    };
    if !TERMINALS.contains(&last) {
        // The rules also cut at every line break; inside a paragraph that is a wrapped line.
        return !piece.ends_with(['\n', '\r']);
    }
    if last != '.' || trimmed.ends_with(CLOSERS) {
        return true;
    }
    let word = trimmed
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or_default()
        .trim_end_matches('.');
    let initials = !word.is_empty()
        && word
            .split('.')
            .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase));
    !(initials || ABBREVIATIONS.contains(&word.to_lowercase().as_str()))
}

/// The words of a sentence as written, apostrophes made straight.
fn words(sentence: &str) -> Vec<String> {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '’' | '-')))
        .map(|w| w.trim_matches(['\'', '’', '-']).replace('’', "'"))
        .filter(|w| !w.is_empty())
        .collect()
}

fn is_year(word: &str) -> bool {
    word.len() == 4
        && word
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2099).contains(&y))
}

/// Whether `phrase` occurs in `words` as consecutive words.
fn has_phrase(words: &[String], phrase: &[&str]) -> bool {
    words
        .windows(phrase.len())
        .any(|w| w.iter().zip(phrase).all(|(a, b)| a == b))
}

/// Scores one sentence.
pub fn score(sentence: &str) -> Scored {
    let written = words(sentence);
    let lower: Vec<String> = written.iter().map(|w| w.to_lowercase()).collect();
    let any = |list: &[&str]| lower.iter().any(|w| list.contains(&w.as_str()));
    let mut s = Scored::default();

    // For a claim.
    if sentence.contains('%')
        || written
            .iter()
            .any(|w| !is_year(w) && w.chars().any(|c| c.is_ascii_digit()))
        || any(NUMBER_WORDS)
    {
        s.add(3, "a number");
    }
    if written.iter().any(|w| is_year(w)) {
        s.add(3, "a year");
    }
    if sentence.contains(['$', '€', '£', '¥']) || any(MONEY_WORDS) {
        s.add(2, "money");
    }
    let comparative = lower
        .windows(2)
        .any(|p| p[0].ends_with("er") && p[1] == "than");
    if comparative || any(COMPARISON) {
        s.add(2, "a comparison");
    }
    if any(CHANGE) {
        s.add(2, "a change in amount");
    }
    if any(STATISTIC) {
        s.add(1, "a statistic word");
    }
    if any(RECORD) {
        s.add(3, "a voting record");
    }
    let actors = written
        .iter()
        .skip(1)
        .filter(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && !NOT_ACTORS.contains(&w.as_str())
        })
        .count();
    if actors > 0 {
        s.add(if actors >= 2 { 2 } else { 1 }, "named actors");
    }
    if any(ATTRIBUTION) {
        s.add(2, "attribution");
    }
    if any(TIME_WORDS) || TIME_PAIRS.iter().any(|p| has_phrase(&lower, p)) {
        s.add(1, "a time reference");
    }
    // "has been", "have cut", "had not signed": something done, on the record.
    let perfect = lower.iter().enumerate().any(|(i, w)| {
        let next = |k: usize| lower.get(i + k).map(String::as_str);
        let verb = if next(1) == Some("not") {
            next(2)
        } else {
            next(1)
        };
        matches!(w.as_str(), "has" | "have" | "had")
            && verb.is_some_and(|v| v == "been" || v.ends_with("ed"))
    });
    let past = any(&["was", "were"]);
    if perfect || past {
        s.add(i32::from(perfect) + i32::from(past), "the past tense");
    }
    if sentence.matches(['"', '“', '”']).count() >= 2 {
        s.add(1, "a quotation");
    }

    // Against.
    let trimmed = sentence.trim_end().trim_end_matches(CLOSERS);
    if trimmed.ends_with(['?', '？', '؟']) {
        s.add(-3, "a question");
    }
    if OPINION.iter().any(|p| has_phrase(&lower, p)) {
        s.add(-2, "an opinion or a promise");
    }
    if any(FIRST_PERSON) {
        s.add(-2, "the first person");
    }
    if any(SECOND_PERSON) {
        s.add(-1, "addresses someone");
    }
    if any(HEDGES) {
        s.add(-1, "a hedge");
    }
    if lower.iter().enumerate().any(|(i, w)| {
        w == "will"
            || w.ends_with("'ll")
            || (w == "going" && lower.get(i + 1).is_some_and(|n| n == "to"))
    }) {
        s.add(-1, "the future");
    }
    if lower.iter().any(|w| w == "not" || w.ends_with("n't")) {
        s.add(-1, "a negation");
    }
    if written.len() < 6 {
        s.add(-2, "very few words");
    }
    if any(THANKS) || has_phrase(&lower, &["good", "evening"]) {
        s.add(-2, "thanks or a greeting");
    }
    if EDITORIAL.iter().any(|p| has_phrase(&lower, p)) {
        s.add(-4, "an editorial note");
    }
    s
}

/// The check-worthy sentences of `text` that overlap none of `covered` (character ranges of
/// anchored quotes).
pub fn check_worthy(text: &str, covered: &[(usize, usize)]) -> Vec<Hint> {
    check_worthy_at(text, covered, THRESHOLD)
}

/// Like [`check_worthy`], with sentences scoring at least `threshold` hinted.
pub fn check_worthy_at(text: &str, covered: &[(usize, usize)], threshold: i32) -> Vec<Hint> {
    let chars: Vec<char> = text.chars().collect();
    sentences(text)
        .into_iter()
        .filter(|&(s, e)| !covered.iter().any(|&(cs, ce)| cs < e && s < ce))
        .filter_map(|(start, end)| {
            let sentence: String = chars[start..end].iter().collect();
            let scored = score(&sentence);
            (scored.score >= threshold).then_some(Hint {
                start,
                end,
                score: scored.score,
                reasons: scored.reasons,
                against: scored.against,
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

    /// The sample workspace's source document.
    const REPORT: &str = include_str!("../../claims/sources/report.md");

    fn texts(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        sentences(text)
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect()
    }

    fn picked(text: &str, covered: &[(usize, usize)]) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        check_worthy(text, covered)
            .iter()
            .map(|h| chars[h.start..h.end].iter().collect())
            .collect()
    }

    #[test]
    fn sentences_split_at_stops_but_not_inside_abbreviations() {
        let all = texts(TEXT);
        assert_eq!(all[0], "Iran Denies Visit");
        assert!(
            all.contains(
                &"The U.S. ambassador said, \"We are concerned about the transfers.\"".to_string()
            ),
            "{all:#?}"
        );
        assert_eq!(all.len(), 8, "{all:#?}");
        assert_eq!(
            texts("Mr. Smith met Dr. Jones in the U.S. Army base. They talked."),
            [
                "Mr. Smith met Dr. Jones in the U.S. Army base.",
                "They talked."
            ]
        );
    }

    #[test]
    fn quotes_wrapped_lines_and_other_scripts_split_where_sentences_end() {
        assert_eq!(
            texts("She said, \"It is over.\" Then she left! Did he?"),
            ["She said, \"It is over.\"", "Then she left!", "Did he?"]
        );
        assert_eq!(
            texts("A line that wraps\nin the middle. And another.\n\nHeading\n\nText."),
            [
                "A line that wraps\nin the middle.",
                "And another.",
                "Heading",
                "Text."
            ]
        );
        assert_eq!(
            texts("代表团访问了伊朗。外交部否认了这一说法。"),
            ["代表团访问了伊朗。", "外交部否认了这一说法。"]
        );
        assert_eq!(
            texts("Делегация прибыла в Тегеран. Министерство это отрицает."),
            ["Делегация прибыла в Тегеран.", "Министерство это отрицает."]
        );
        // Character positions, not bytes, after text in another script.
        let text = "Ünïcödé fïrst. Then ASCII.";
        let (s, e) = sentences(text)[1];
        assert_eq!(
            text.chars().skip(s).take(e - s).collect::<String>(),
            "Then ASCII."
        );
    }

    #[test]
    fn the_scorer_picks_the_expected_sentences() {
        assert_eq!(
            picked(TEXT, &[]),
            [
                "Pyongyang and Tehran established diplomatic relations in 1973.",
                "The U.S. ambassador said, \"We are concerned about the transfers.\"",
                "Exports rose by 40 percent, the ministry said.",
            ]
        );
        let scored = score("Exports rose by 40 percent, the ministry said.");
        assert_eq!(
            scored.reasons,
            [
                "a number",
                "a change in amount",
                "a statistic word",
                "attribution"
            ]
        );
        assert!(scored.against.is_empty());
    }

    #[test]
    fn opinions_questions_and_promises_count_against() {
        for sentence in [
            "I think we need a better plan for our children.",
            "Will you tell the people what you would do?",
            "We will build a new relationship with them.",
            "Thank you very much.",
        ] {
            let scored = score(sentence);
            assert!(scored.score < THRESHOLD, "{sentence}: {scored:?}");
            assert!(!scored.against.is_empty(), "{sentence}");
        }
        assert!(score("Unemployment fell to 5 percent last year.").score >= THRESHOLD);
    }

    #[test]
    fn the_sample_report_hints_at_its_claims_and_not_its_disclaimer() {
        let hinted = picked(REPORT, &[]);
        let has = |words: &str| hinted.iter().any(|s| s.contains(words));
        assert!(
            has("the trip is for talks on military cooperation"),
            "{hinted:#?}"
        );
        assert!(has("\"biased and baseless\""), "{hinted:#?}");
        assert!(!has("A retelling"), "{hinted:#?}");
        assert!(!has("Quotations are the report's"), "{hinted:#?}");
    }

    #[test]
    fn covered_sentences_are_not_hinted() {
        let start = TEXT.chars().count()
            - "Exports rose by 40 percent, the ministry said. Everyone went home."
                .chars()
                .count();
        let hints = picked(TEXT, &[(start + 3, start + 10)]);
        assert_eq!(hints.len(), 2);
        assert!(!hints.iter().any(|h| h.starts_with("Exports")));
    }
}
