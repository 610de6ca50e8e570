//! Splitting a document into blocks (paragraphs and headlines), dropping page furniture, and
//! splitting blocks into tokenized sentences.

use crate::abbrev;
use crate::furniture::furniture_reason;
use crate::tokenize::{scan, to_tokens, Kind, Tok};
use dyad_core::Sentence;
use std::ops::Range;

/// Options of the text stage.
#[derive(Clone, Debug)]
pub struct SegmentOptions {
    /// Sentences longer than this are cut, so that no input makes later stages quadratic.
    pub max_tokens: usize,
    /// Whether to drop blocks that look like page furniture.
    pub drop_furniture: bool,
}

impl Default for SegmentOptions {
    fn default() -> Self {
        SegmentOptions { max_tokens: 200, drop_furniture: true }
    }
}

/// A document split into sentences, with the blocks the text stage dropped.
#[derive(Clone, Debug, Default)]
pub struct Segmented {
    pub sentences: Vec<Sentence>,
    /// Byte ranges of the blocks dropped as page furniture, with the reason.
    pub furniture: Vec<(Range<usize>, &'static str)>,
}

/// Splits `text` into sentences of tokens with byte offsets into `text`.
pub fn segment(text: &str, opts: &SegmentOptions) -> Segmented {
    let mut out = Segmented::default();
    let mut toks = Vec::new();
    for block in blocks(text) {
        let block_text = &text[block.clone()];
        if opts.drop_furniture {
            if let Some(reason) = furniture_reason(block_text) {
                if !block_text.trim().is_empty() {
                    out.furniture.push((block, reason));
                }
                continue;
            }
        }
        toks.clear();
        scan(text, block, &mut toks);
        // A dateline ("ASTANA --", "GAZA CITY, Palestinian Territories:") says where the
        // story was filed; it is not part of the first sentence's grammar.
        let dateline = dateline_len(text, &toks);
        toks.drain(..dateline);
        for range in split_sentences(text, &toks, opts.max_tokens) {
            let toks = &toks[range];
            let (Some(first), Some(last)) = (toks.first(), toks.last()) else { continue };
            let span = first.start..last.end;
            out.sentences.push(Sentence {
                index: out.sentences.len(),
                text: text[span.clone()].to_string(),
                span,
                tokens: to_tokens(text, toks),
                ..Sentence::default()
            });
        }
    }
    out
}

/// Splits text into blocks: paragraphs separated by blank lines, and lines that stand alone
/// as headlines (short, title-like, no final punctuation) even without a blank line after them.
pub fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    let mut prev_line: Option<Range<usize>> = None;
    for line in text.split_inclusive('\n') {
        let range = pos..pos + line.len();
        pos += line.len();
        let content = line.trim();
        if content.is_empty() {
            if let Some(s) = start.take() {
                out.push(trim_range(text, s..range.start));
            }
            prev_line = None;
            continue;
        }
        if let (Some(s), Some(prev)) = (start, prev_line.clone()) {
            if is_headline(text[prev.clone()].trim()) || is_headline(content) {
                out.push(trim_range(text, s..prev.end));
                start = Some(range.start);
            }
        }
        start.get_or_insert(range.start);
        prev_line = Some(range);
    }
    if let Some(s) = start {
        out.push(trim_range(text, s..text.len()));
    }
    out.retain(|r| !r.is_empty());
    out
}

fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    r.start + lead..r.end - trail
}

/// A line that reads as a headline: a few words, mostly capitalised, no final punctuation.
fn is_headline(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 14 {
        return false;
    }
    if line.ends_with(['.', ',', ';', ':', '?', '!', '"', '”', ')', '-']) {
        return false;
    }
    let caps =
        words.iter().filter(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())).count();
    caps * 10 >= words.len() * 6
}

/// Words that start sentences and are rarely capitalised inside one: after an abbreviation
/// such as `U.S.` they signal a sentence boundary.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "In",
    "On",
    "At",
    "But",
    "And",
    "This",
    "That",
    "These",
    "Those",
    "His",
    "Her",
    "Their",
    "Its",
    "There",
    "Our",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "Some",
    "Many",
    "Most",
    "No",
    "Officials",
    "Meanwhile",
    "However",
    "Earlier",
    "Later",
    "Last",
    "On",
    "For",
    "Since",
    "Under",
    "Both",
    "Such",
    "What",
];

/// The text after a dateline it starts with (all of it when it has none).
pub(crate) fn after_dateline(text: &str) -> &str {
    let mut toks = Vec::new();
    scan(text, 0..text.len(), &mut toks);
    match dateline_len(text, &toks) {
        0 => text,
        k => &text[toks[k].start..],
    }
}

/// Tokens of a dateline at the start of a block, separator included (0 when there is none):
/// capitalised place words, an optional `, Region` and `(Agency)`, then `--`, a dash or `:`.
fn dateline_len(text: &str, toks: &[Tok]) -> usize {
    let word = |k: usize| toks.get(k).map(|t| &text[t.start..t.end]).unwrap_or("");
    let all_caps = |w: &str| w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase);
    if !(all_caps(word(0)) && word(0).chars().filter(|c| c.is_alphabetic()).count() >= 3) {
        return 0;
    }
    let mut after_comma = false;
    let mut in_parens = false;
    for k in 1..toks.len().min(10) {
        let w = word(k);
        match w {
            "--" | "\u{2014}" | "\u{2013}" | ":" | "-" if !in_parens => {
                return if k + 1 < toks.len() { k + 1 } else { 0 };
            }
            "," => after_comma = true,
            "(" => in_parens = true,
            ")" => in_parens = false,
            _ if in_parens || all_caps(w) => {}
            _ if after_comma && w.starts_with(char::is_uppercase) => {}
            _ => return 0,
        }
    }
    0
}

fn split_sentences(text: &str, toks: &[Tok], max_tokens: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let mut boundary_after = None;
        match t.kind {
            Kind::Terminal => {
                // Closing quotes and brackets stay with the sentence they close.
                let mut j = i + 1;
                while j < toks.len() && toks[j].kind == Kind::Closing {
                    j += 1;
                }
                if ends_sentence(text, toks, j) {
                    boundary_after = Some(j);
                }
            }
            Kind::Abbrev => {
                let word = &text[t.start..t.end];
                let next = toks.get(i + 1).map(|n| &text[n.start..n.end]);
                if !abbrev::is_title(word) && word.len() > 2 && next.is_some_and(|n| SENTENCE_STARTERS.contains(&n)) {
                    boundary_after = Some(i + 1);
                }
            }
            _ => {}
        }
        if let Some(j) = boundary_after {
            out.push(start..j);
            start = j;
            i = j;
            continue;
        }
        if i + 1 - start >= max_tokens {
            out.push(start..i + 1);
            start = i + 1;
        }
        i += 1;
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// Whether terminal punctuation followed by closers up to token `j` ends a sentence.
fn ends_sentence(text: &str, toks: &[Tok], j: usize) -> bool {
    let Some(next) = toks.get(j) else { return true };
    let next_text = &text[next.start..next.end];
    let Some(c) = next_text.chars().next() else { return true };
    if c.is_lowercase() {
        return false;
    }
    if matches!(next.kind, Kind::Punct) && matches!(c, ',' | ';' | ':' | '-' | '–' | '—' | '%' | '/') {
        return false;
    }
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '¿' | '¡')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        segment(text, &SegmentOptions::default()).sentences.into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn datelines_are_not_part_of_the_first_sentence() {
        assert_eq!(sentences("ASTANA -- Kazakh officials met on Monday."), ["Kazakh officials met on Monday."]);
        assert_eq!(sentences("GAZA CITY, Palestinian Territories: Two men were hurt."), ["Two men were hurt."]);
        assert_eq!(sentences("LONDON (Reuters) \u{2014} Talks resumed."), ["Talks resumed."]);
        // Not datelines: a sentence that starts with an acronym, a short all-caps word.
        assert_eq!(sentences("NATO said: we will act."), ["NATO said: we will act."]);
        assert_eq!(sentences("UN - led talks resumed."), ["UN - led talks resumed."]);
    }

    #[test]
    fn splits_on_terminal_punctuation_not_on_abbreviations() {
        assert_eq!(
            sentences("Gen. Smith met Dr. Jones in St. Louis on Jan. 5. They talked. Did they agree? Yes!"),
            ["Gen. Smith met Dr. Jones in St. Louis on Jan. 5.", "They talked.", "Did they agree?", "Yes!"]
        );
    }

    #[test]
    fn abbreviation_at_the_end_of_a_sentence() {
        assert_eq!(
            sentences("Troops returned to the U.S. The Pentagon said so."),
            ["Troops returned to the U.S.", "The Pentagon said so."]
        );
        assert_eq!(sentences("U.S. officials said so."), ["U.S. officials said so."]);
    }

    #[test]
    fn quotes_and_ellipses() {
        assert_eq!(
            sentences(
                "He said Iran wanted to \"begin anew\". Putin agreed. \"We restore equipment in Iran...,\" he said."
            ),
            [
                "He said Iran wanted to \"begin anew\".",
                "Putin agreed.",
                "\"We restore equipment in Iran...,\" he said."
            ]
        );
        assert_eq!(sentences("\"We agree.\" The talks went on."), ["\"We agree.\"", "The talks went on."]);
    }

    #[test]
    fn headlines_and_paragraphs() {
        let text = "Rebels Seize Northern Town\n\nRebels seized the town on Sunday. Officials fled.\nThe army said it would respond.";
        assert_eq!(
            sentences(text),
            [
                "Rebels Seize Northern Town",
                "Rebels seized the town on Sunday.",
                "Officials fled.",
                "The army said it would respond."
            ]
        );
        // A headline directly followed by the story, with no blank line.
        assert_eq!(
            sentences("Talks Resume in Geneva\nDiplomats met on Monday."),
            ["Talks Resume in Geneva", "Diplomats met on Monday."]
        );
    }

    #[test]
    fn wrapped_lines_stay_one_sentence() {
        assert_eq!(
            sentences("Arnor is about to restore full diplomatic ties with Gondor almost\nfive years after crowds trashed its embassy."),
            ["Arnor is about to restore full diplomatic ties with Gondor almost\nfive years after crowds trashed its embassy."]
        );
    }

    #[test]
    fn furniture_is_dropped() {
        let seg = segment(
            "Get the latest updates as we post them — right on your browser\n\n. Last Updated: 07/27/2016\n\nRebels seized the town.",
            &SegmentOptions::default(),
        );
        assert_eq!(seg.sentences.len(), 1);
        assert_eq!(seg.furniture.len(), 2);
    }

    #[test]
    fn long_runs_are_cut() {
        let text = "word ".repeat(1000);
        let seg = segment(&text, &SegmentOptions::default());
        assert!(seg.sentences.iter().all(|s| s.tokens.len() <= 200));
        assert_eq!(seg.sentences.iter().map(|s| s.tokens.len()).sum::<usize>(), 1000);
    }

    #[test]
    fn offsets_and_indices() {
        let text = "One. Two three.";
        let seg = segment(text, &SegmentOptions::default());
        for (k, s) in seg.sentences.iter().enumerate() {
            assert_eq!(s.index, k);
            assert_eq!(&text[s.span.clone()], s.text);
            for t in &s.tokens {
                assert_eq!(&text[t.start as usize..t.end as usize], t.form);
            }
        }
    }
}
