//! Tokenization of English news text into the syntactic words of UD English (EWT conventions).
//!
//! Punctuation is split off except where it belongs to the word (`U.S.`, `Gen.`, `7.5`,
//! `1,000`, `e-mail`); clitics become words of their own (`don't` → `do` `n't`,
//! `Russia's` → `Russia` `'s`); hyphenated compounds split at the hyphen (`ex-Soviet` → `ex`
//! `-` `Soviet`) unless the first part is a bound prefix (`co-`, `pre-`, `non-`). Every token
//! keeps its byte offsets into the original text, so nothing is rewritten.

use crate::abbrev;
use dyad_core::Token;

/// A token as the scanner finds it, before sentence splitting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

/// What the sentence splitter needs to know about a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// A word ending in a period that is part of it (`Gen.`, `U.S.`, `etc.`).
    Abbrev,
    Number,
    /// `.`, `!`, `?`, `...` and the like.
    Terminal,
    /// Closing quotes and brackets, which stay with a sentence that ends before them.
    Closing,
    Punct,
}

/// Tokenizes `text[range]`, appending tokens with offsets into `text`.
pub(crate) fn scan(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    let end = range.end;
    while i < end {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let ch = char_at(text, i);
        if ch.is_whitespace() {
            i += ch.len_utf8();
            continue;
        }
        // A chunk is a run of non-space characters; it is then cut into tokens.
        let mut j = i;
        while j < end {
            let c = char_at(text, j);
            if c.is_whitespace() {
                break;
            }
            j += c.len_utf8();
        }
        split_chunk(text, i, j, out);
        i = j;
    }
}

fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap_or(' ')
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Cuts a whitespace-free chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Tok>) {
    let chunk = &text[start..end];
    // URLs, e-mail addresses and handles stay whole (minus trailing punctuation).
    if looks_like_url(chunk) {
        let trimmed = chunk.trim_end_matches(['.', ',', ';', ':', ')', '"', '\'', '!', '?']);
        let t_end = start + trimmed.len();
        out.push(Tok { start, end: t_end, kind: Kind::Word });
        if t_end < end {
            split_chunk(text, t_end, end, out);
        }
        return;
    }
    let mut i = start;
    while i < end {
        let c = char_at(text, i);
        let len = c.len_utf8();
        if is_word_char(c) {
            i = word(text, i, end, out);
            continue;
        }
        match c {
            '.' => {
                // Ellipses and runs of periods are one token.
                let mut j = i;
                while j < end && text.as_bytes()[j] == b'.' {
                    j += 1;
                }
                // ".5" is a number.
                if j == i + 1 && j < end && text.as_bytes()[j].is_ascii_digit() {
                    i = word(text, i, end, out);
                    continue;
                }
                out.push(Tok { start: i, end: j, kind: Kind::Terminal });
                i = j;
            }
            '…' | '!' | '?' => {
                let mut j = i + len;
                while j < end && matches!(char_at(text, j), '!' | '?') {
                    j += 1;
                }
                out.push(Tok { start: i, end: j, kind: Kind::Terminal });
                i = j;
            }
            '-' | '–' | '—' => {
                // "--" and runs of dashes are one token.
                let mut j = i + len;
                while j < end && matches!(char_at(text, j), '-' | '–' | '—') {
                    j += char_at(text, j).len_utf8();
                }
                // A minus sign before a number belongs to it when the dash opens the chunk.
                if c == '-' && j == i + 1 && i == start && j < end && text.as_bytes()[j].is_ascii_digit() {
                    i = word(text, i, end, out);
                    continue;
                }
                out.push(Tok { start: i, end: j, kind: Kind::Punct });
                i = j;
            }
            '\'' | '’' => {
                // A clitic at the start of a chunk: 's, 're, 'll; or a year: '90s.
                if let Some(j) = clitic_at(text, i, end) {
                    out.push(Tok { start: i, end: j, kind: Kind::Word });
                    i = j;
                } else {
                    let kind = if i > start { Kind::Closing } else { Kind::Punct };
                    out.push(Tok { start: i, end: i + len, kind });
                    i += len;
                }
            }
            ')' | ']' | '}' | '"' | '”' | '»' => {
                let kind = if c == '"' && i == start && end > i + 1 { Kind::Punct } else { Kind::Closing };
                out.push(Tok { start: i, end: i + len, kind });
                i += len;
            }
            '$' | '€' | '£' | '¥' | '#' | '%' | '&' | '@' | '(' | '[' | '{' | '“' | '‘' | '«' | ',' | ';' | ':'
            | '/' | '*' | '+' | '=' | '<' | '>' | '|' | '\\' | '~' | '^' | '`' => {
                out.push(Tok { start: i, end: i + len, kind: Kind::Punct });
                i += len;
            }
            _ => {
                // Any other symbol is a token of its own.
                out.push(Tok { start: i, end: i + len, kind: Kind::Punct });
                i += len;
            }
        }
    }
}

/// Scans a word or number starting at `i`, pushes it (and any clitics) and returns where it ends.
fn word(text: &str, i: usize, end: usize, out: &mut Vec<Tok>) -> usize {
    let bytes = text.as_bytes();
    let mut j = i;
    let mut digits = 0usize;
    let mut letters = 0usize;
    let mut inner_periods = 0usize;
    if bytes[j] == b'-' || bytes[j] == b'.' {
        j += 1;
    }
    while j < end {
        let c = char_at(text, j);
        if is_word_char(c) {
            if c.is_ascii_digit() {
                digits += 1;
            } else {
                letters += 1;
            }
            j += c.len_utf8();
            continue;
        }
        // Inner punctuation that keeps a word whole: 7.5, 1,000, 10:30, U.S, a.m, 3/4.
        if matches!(c, '.' | ',' | ':' | '/') && j + 1 < end {
            let next = char_at(text, j + 1);
            let prev_digit = j > i && bytes[j - 1].is_ascii_digit();
            let numeric = prev_digit && next.is_ascii_digit();
            let dotted = c == '.' && next.is_alphabetic() && digits == 0 && is_dotted_abbrev_prefix(&text[i..j + 1]);
            if numeric || dotted {
                if c == '.' {
                    inner_periods += 1;
                }
                j += 1;
                continue;
            }
        }
        break;
    }
    // The word's own final period: U.S. and Gen. but not "Moscow."
    let mut kind = if letters == 0 && digits > 0 { Kind::Number } else { Kind::Word };
    if j < end && bytes[j] == b'.' && !(j + 1 < end && bytes[j + 1] == b'.') {
        let with_period = &text[i..j + 1];
        let next = text[j + 1..].trim_start().chars().next();
        if inner_periods > 0 || abbrev::period_belongs(with_period, next) || is_initial(with_period) {
            j += 1;
            kind = Kind::Abbrev;
        }
    }
    // Hyphenated compounds: keep bound prefixes (co-worker, e-mail), split the rest.
    if j < end && bytes[j] == b'-' && j + 1 < end && is_word_char(char_at(text, j + 1)) && kind == Kind::Word {
        let left = &text[i..j];
        if abbrev::is_bound_prefix(left) {
            let k = word_end_simple(text, j + 1, end);
            return push_with_clitics(text, i, k, Kind::Word, out, end);
        }
    }
    push_with_clitics(text, i, j, kind, out, end)
}

fn word_end_simple(text: &str, mut j: usize, end: usize) -> usize {
    while j < end {
        let c = char_at(text, j);
        if !is_word_char(c) {
            break;
        }
        j += c.len_utf8();
    }
    j
}

/// Pushes `text[i..j]`, splitting a trailing `n't` and following clitics (`'s`, `'ll`, `'`).
fn push_with_clitics(text: &str, i: usize, j: usize, kind: Kind, out: &mut Vec<Tok>, end: usize) -> usize {
    let w = &text[i..j];
    // "can't" arrives here as "can" followed by "'t"; "don't" as "don" + "'t".
    if j + 1 < end && is_apostrophe(char_at(text, j)) {
        let after = j + char_at(text, j).len_utf8();
        if after < end && matches!(text.as_bytes()[after], b't' | b'T') && !is_word_char_at(text, after + 1, end) {
            let lower = w.as_bytes().last().map(|b| b.to_ascii_lowercase());
            if lower == Some(b'n') && w.len() > 1 {
                // do|n't, ca|n't, wo|n't
                out.push(Tok { start: i, end: j - 1, kind });
                out.push(Tok { start: j - 1, end: after + 1, kind: Kind::Word });
                return after + 1;
            }
        }
    }
    // "cannot" is "can" + "not" in UD English.
    if w.eq_ignore_ascii_case("cannot") {
        out.push(Tok { start: i, end: i + 3, kind });
        out.push(Tok { start: i + 3, end: j, kind: Kind::Word });
        return j;
    }
    out.push(Tok { start: i, end: j, kind });
    if j < end && is_apostrophe(char_at(text, j)) {
        if let Some(k) = clitic_at(text, j, end) {
            out.push(Tok { start: j, end: k, kind: Kind::Word });
            return k;
        }
        // Plural possessive: "countries'" keeps the apostrophe as its own token.
        let alen = char_at(text, j).len_utf8();
        let next_is_word = j + alen < end && is_word_char(char_at(text, j + alen));
        if !next_is_word && w.ends_with(['s', 'S']) {
            out.push(Tok { start: j, end: j + alen, kind: Kind::Word });
            return j + alen;
        }
        // "O'Brien", "rock'n'roll": the apostrophe is inside a name.
        if next_is_word {
            let k = word_end_simple(text, j + alen, end);
            out.pop();
            return push_with_clitics(text, i, k, kind, out, end);
        }
    }
    j
}

fn is_word_char_at(text: &str, i: usize, end: usize) -> bool {
    i < end && is_word_char(char_at(text, i))
}

/// The end of a clitic (`'s 're 've 'll 'd 'm`) starting at the apostrophe `i`, if one is there.
fn clitic_at(text: &str, i: usize, end: usize) -> Option<usize> {
    let alen = char_at(text, i).len_utf8();
    let rest = &text[i + alen..end];
    let lower_len = rest.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    if lower_len == 0 {
        // '90s
        let d = rest.bytes().take_while(|b| b.is_ascii_digit()).count();
        if d == 2 {
            let k = i + alen + d + usize::from(rest.as_bytes().get(d) == Some(&b's'));
            return Some(k);
        }
        return None;
    }
    let word = &rest[..lower_len];
    let is_clitic = ["s", "re", "ve", "ll", "d", "m"].iter().any(|c| word.eq_ignore_ascii_case(c));
    is_clitic.then_some(i + alen + lower_len)
}

/// A capital initial (`J.`); "I." is the pronoun ending a sentence.
fn is_initial(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 2 && b[0].is_ascii_uppercase() && b[0] != b'I' && b[1] == b'.'
}

/// `U.`, `U.S.`, `a.`, `a.m.`: single letters separated by periods.
fn is_dotted_abbrev_prefix(s: &str) -> bool {
    s.split_terminator('.').all(|part| part.chars().count() == 1 && part.chars().all(char::is_alphabetic))
}

fn looks_like_url(chunk: &str) -> bool {
    let lower = chunk.get(..8).unwrap_or(chunk).to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
        || (chunk.contains('@') && chunk.contains('.') && chunk.bytes().filter(|&b| b == b'@').count() == 1 && {
            let (user, host) = chunk.split_once('@').unwrap_or_default();
            !user.is_empty() && host.contains('.') && host.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        })
}

/// Turns scanned tokens into `dyad_core::Token`s.
pub(crate) fn to_tokens(text: &str, toks: &[Tok]) -> Vec<Token> {
    let mut out = Vec::with_capacity(toks.len());
    for (k, t) in toks.iter().enumerate() {
        let mut tok = Token::new(&text[t.start..t.end], t.start, t.end);
        tok.space_after = match toks.get(k + 1) {
            Some(next) => next.start > t.end,
            None => text[t.end..].starts_with(char::is_whitespace),
        };
        out.push(tok);
    }
    out
}

/// Tokenizes a whole text as one run of tokens (no sentence splitting).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut toks = Vec::new();
    scan(text, 0..text.len(), &mut toks);
    to_tokens(text, &toks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.form).collect()
    }

    #[test]
    fn abbreviations_numbers_and_money() {
        assert_eq!(
            forms("U.S. Gen. Smith paid $7 billion, 7.5%."),
            ["U.S.", "Gen.", "Smith", "paid", "$", "7", "billion", ",", "7.5", "%", "."]
        );
        assert_eq!(
            forms("1,000 troops at 10:30 a.m. on Jan. 5"),
            ["1,000", "troops", "at", "10:30", "a.m.", "on", "Jan.", "5"]
        );
        assert_eq!(forms("J. R. Tolkien"), ["J.", "R.", "Tolkien"]);
    }

    #[test]
    fn clitics_and_possessives() {
        assert_eq!(forms("Russia's envoy didn't say"), ["Russia", "'s", "envoy", "did", "n't", "say"]);
        assert_eq!(
            forms("We can't, they won't, I cannot"),
            ["We", "ca", "n't", ",", "they", "wo", "n't", ",", "I", "can", "not"]
        );
        assert_eq!(forms("the countries' leaders"), ["the", "countries", "'", "leaders"]);
        assert_eq!(forms("O'Brien's"), ["O'Brien", "'s"]);
        assert_eq!(forms("they're here"), ["they", "'re", "here"]);
    }

    #[test]
    fn quotes_dashes_parentheses_ellipses() {
        assert_eq!(
            forms("\"We agree,\" he said -- then (briefly) left..."),
            ["\"", "We", "agree", ",", "\"", "he", "said", "--", "then", "(", "briefly", ")", "left", "..."]
        );
        assert_eq!(forms("“Yes.”"), ["“", "Yes", ".", "”"]);
    }

    #[test]
    fn hyphens_split_except_bound_prefixes() {
        assert_eq!(
            forms("oil-rich co-workers e-mail al-Qaeda ex-Soviet"),
            ["oil", "-", "rich", "co-workers", "e-mail", "al", "-", "Qaeda", "ex-Soviet"]
        );
        assert_eq!(forms("U.S.-made"), ["U.S.", "-", "made"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "  Iran's  talks.";
        for t in tokenize(text) {
            assert_eq!(&text[t.start as usize..t.end as usize], t.form);
        }
    }

    #[test]
    fn urls_stay_whole() {
        assert_eq!(forms("see https://example.org/a-b, now"), ["see", "https://example.org/a-b", ",", "now"]);
    }
}
