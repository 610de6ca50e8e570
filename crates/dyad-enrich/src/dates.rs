//! Date expressions in a sentence, resolved against the story's date.
//!
//! Works on token forms alone; when the sentence carries a dependency parse, [`event_date`]
//! uses it to pick the mention that belongs to the event verb's clause.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use dyad_core::{EventDate, Rel, Sentence, Upos};
use std::borrow::Cow;
use std::ops::Range;

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Token range of the expression (including a leading "on", "in", "late on", ...).
    pub tokens: Range<usize>,
    /// The words of the expression as written.
    pub text: String,
    /// The date it denotes, at the precision the text gives.
    pub date: EventDate,
}

const MONTHS: [(&str, u32); 23] = [
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
];

fn month_of(form: &str) -> Option<u32> {
    let f = form.trim_end_matches('.');
    if f.eq_ignore_ascii_case("dec") {
        return Some(12);
    }
    MONTHS.iter().find(|(n, _)| n.eq_ignore_ascii_case(f)).map(|&(_, m)| m)
}

/// A month name as written: capitalised (so "may" the verb and "march" the noun are not
/// months), abbreviations only with their full stop or in the all-caps of datelines.
fn month_token(form: &str) -> Option<u32> {
    let first = form.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    let m = month_of(form)?;
    let bare = form.trim_end_matches('.');
    let full =
        bare.len() >= 5 || matches!(bare.to_ascii_lowercase().as_str(), "march" | "april" | "june" | "july" | "may");
    if full || form.ends_with('.') || bare.len() >= 3 {
        Some(m)
    } else {
        None
    }
}

const WEEKDAYS: [(&str, Weekday); 17] = [
    ("monday", Weekday::Mon),
    ("mon", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("tue", Weekday::Tue),
    ("tues", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("wed", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("thu", Weekday::Thu),
    ("thur", Weekday::Thu),
    ("thurs", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("fri", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sat", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("sun", Weekday::Sun),
];

/// A weekday name; abbreviations only with their full stop ("Mon.").
fn weekday_of(form: &str) -> Option<Weekday> {
    let f = form.trim_end_matches('.');
    let wd = WEEKDAYS.iter().find(|(n, _)| n.eq_ignore_ascii_case(f)).map(|&(_, w)| w)?;
    (f.len() >= 6 || form.ends_with('.')).then_some(wd)
}

/// A count in words or digits; `lower` is the token in lower case.
fn number_word(lower: &str) -> Option<i64> {
    if lower.starts_with(|c: char| c.is_ascii_digit()) {
        let n = lower.parse::<i64>().ok()?;
        return (0..=1000).contains(&n).then_some(n);
    }
    Some(match lower {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        "fifty" => 50,
        _ => return None,
    })
}

/// A day of the month: `12`, `12th`, `1st`, `12,`.
fn day_number(form: &str) -> Option<u32> {
    if !form.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits = form.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &form[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !["", "st", "nd", "rd", "th"].iter().any(|s| s.eq_ignore_ascii_case(suffix)) {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year_number(form: &str) -> Option<i32> {
    let f = form.trim_start_matches('\'');
    if f.len() == 4 && f.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = f.parse().ok()?;
        return (1800..=2200).contains(&y).then_some(y);
    }
    None
}

fn month_date(year: i32, month: u32) -> EventDate {
    EventDate::Month { year, month }
}

fn add_months(year: i32, month: u32, delta: i32) -> (i32, u32) {
    let total = year * 12 + month as i32 - 1 + delta;
    (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

/// The most recent `wd` on or before `doc` (news convention: "on Monday" in a Tuesday story
/// is yesterday; in a Monday story it is the story's day).
fn weekday_on_or_before(doc: NaiveDate, wd: Weekday) -> NaiveDate {
    let back = (doc.weekday().num_days_from_monday() as i64 - wd.num_days_from_monday() as i64).rem_euclid(7);
    doc - Duration::days(back)
}

fn weekday_after(doc: NaiveDate, wd: Weekday) -> NaiveDate {
    let fwd = (wd.num_days_from_monday() as i64 - doc.weekday().num_days_from_monday() as i64).rem_euclid(7);
    doc + Duration::days(if fwd == 0 { 7 } else { fwd })
}

fn weekday_on_or_after(doc: NaiveDate, wd: Weekday) -> NaiveDate {
    let fwd = (wd.num_days_from_monday() as i64 - doc.weekday().num_days_from_monday() as i64).rem_euclid(7);
    doc + Duration::days(fwd)
}

/// The year that puts `month`/`day` nearest the story's date.
fn nearest_year(doc: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    (doc.year() - 1..=doc.year() + 1)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .min_by_key(|d| (*d - doc).num_days().abs())
}

/// Words before a weekday that say the sentence speaks of the future.
fn future_context(lower: &[Cow<str>], at: usize) -> bool {
    let from = at.saturating_sub(8);
    let window = &lower[from..at];
    let marker = window.iter().enumerate().any(|(k, w)| {
        let w = w.as_ref();
        let next = window.get(k + 1).map(|n| n.as_ref());
        matches!(w, "will" | "'ll" | "shall" | "wo")
            || (next == Some("to")
                && matches!(
                    w,
                    "is" | "are"
                        | "am"
                        | "due"
                        | "set"
                        | "expected"
                        | "scheduled"
                        | "plans"
                        | "planned"
                        | "going"
                        | "intends"
                        | "hopes"
                ))
            || PRESENT_FUTURE.contains(&w)
    });
    marker && !window.iter().any(|w| matches!(w.as_ref(), "was" | "were" | "had" | "did" | "ago"))
}

/// Present-tense verbs that news uses for scheduled events ("the summit opens on Friday").
const PRESENT_FUTURE: &[&str] = &[
    "begins", "starts", "opens", "ends", "closes", "arrives", "leaves", "departs", "visits", "travels", "returns",
    "holds", "hosts", "resumes", "convenes", "votes", "meets", "heads", "flies", "goes", "begin", "start", "open",
    "end", "close", "arrive", "resume", "convene", "meet",
];

const PREFIXES: &[&str] = &["on", "in", "since", "during", "until", "by", "from", "before", "after", "through"];

/// Finds the date expressions of a sentence, resolving relative ones against `doc_date`.
/// Without a document date only absolute expressions with a year are returned.
pub fn find_dates(sentence: &Sentence, doc_date: Option<NaiveDate>) -> Vec<DateMention> {
    if !sentence.tokens.iter().any(|t| may_start_date(&t.form)) {
        return Vec::new();
    }
    let forms: Vec<&str> = sentence.tokens.iter().map(|t| t.form.as_str()).collect();
    let lower: Vec<Cow<str>> = forms
        .iter()
        .map(|f| {
            if f.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
                Cow::Owned(f.to_lowercase())
            } else {
                Cow::Borrowed(*f)
            }
        })
        .collect();
    let n = forms.len();
    let mut out = Vec::new();
    let mut i = 0;
    while i < n {
        // With tags, "May" the verb and "March" the verb are no months.
        let tok = &sentence.tokens[i];
        if matches!(tok.upos, Upos::Verb | Upos::Aux) && month_of(&tok.form).is_some() {
            i += 1;
            continue;
        }
        if let Some((end, date)) = match_at(&forms, &lower, i, doc_date) {
            let mut start = i;
            let before = |k: usize| if k == 0 { "" } else { lower[k - 1].as_ref() };
            // Attach the words that introduce the expression: "last" September, "on" Monday,
            // "late on" Sunday, "earlier" this month.
            if matches!(before(start), "last" | "next" | "this" | "past" | "coming")
                && (weekday_of(forms[i]).is_some() || month_of(forms[i]).is_some())
            {
                start -= 1;
            }
            if PREFIXES.contains(&before(start)) {
                start -= 1;
            }
            if matches!(before(start), "late" | "early" | "earlier" | "later" | "mid") {
                start -= 1;
            }
            out.push(DateMention { tokens: start..end, text: text_of(sentence, start..end), date });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a token may be part of a date expression: a quick test that lets most sentences
/// through without further work.
fn may_start_date(form: &str) -> bool {
    let Some(first) = form.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() || form.starts_with("mid-") || form.starts_with("Mid-") {
        return true;
    }
    if first.is_uppercase() && (month_of(form).is_some() || weekday_of(form).is_some()) {
        return true;
    }
    [
        "yesterday",
        "today",
        "tonight",
        "tomorrow",
        "ago",
        "week",
        "month",
        "year",
        "night",
        "morning",
        "afternoon",
        "evening",
    ]
    .iter()
    .any(|w| form.eq_ignore_ascii_case(w))
}

fn text_of(s: &Sentence, r: Range<usize>) -> String {
    let (Some(a), Some(b)) = (s.tokens.get(r.start), s.tokens.get(r.end.saturating_sub(1))) else {
        return String::new();
    };
    let (a, b) = (a.start as usize, b.end as usize);
    if a >= s.span.start && b <= s.span.end && b >= a {
        if let Some(t) = s.text.get(a - s.span.start..b - s.span.start) {
            return t.to_string();
        }
    }
    s.tokens[r].iter().map(|t| t.form.as_str()).collect::<Vec<_>>().join(" ")
}

/// Matches one date expression starting at token `i`: the end of the match and its date.
fn match_at(forms: &[&str], lower: &[Cow<str>], i: usize, doc: Option<NaiveDate>) -> Option<(usize, EventDate)> {
    let at = |k: usize| lower.get(k).map(|w| w.as_ref()).unwrap_or("");
    let w = at(i);

    // ISO dates: 2001-03-12 as one token or as 2001 - 03 - 12.
    if let Some(d) = iso_date(forms[i]) {
        return Some((i + 1, d));
    }
    if let Some(y) = year_number(forms[i]) {
        if at(i + 1) == "-" && at(i + 3) == "-" {
            if let (Ok(m), Ok(d)) = (at(i + 2).parse::<u32>(), at(i + 4).parse::<u32>()) {
                if at(i + 2).len() == 2 && at(i + 4).len() == 2 {
                    if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                        return Some((i + 5, EventDate::Day(date)));
                    }
                }
            }
        }
        // "in 1999", "since 2001": a year after a preposition.
        if i > 0
            && matches!(
                at(i - 1),
                "in" | "since"
                    | "during"
                    | "until"
                    | "by"
                    | "of"
                    | "from"
                    | "before"
                    | "after"
                    | "through"
                    | "early"
                    | "late"
                    | "mid"
            )
        {
            return Some((i + 1, EventDate::Year(y)));
        }
        return None;
    }

    // "mid-March", "early-May" as one token: the month, as after "in".
    if let Some((pre, rest)) = forms[i].split_once('-') {
        if matches!(pre.to_ascii_lowercase().as_str(), "mid" | "early" | "late") {
            if let Some(m) = month_token(rest) {
                if let Some(y) = forms.get(i + 1).and_then(|f| year_number(f)) {
                    return Some((i + 2, month_date(y, m)));
                }
                let doc = doc?;
                let y = if m as i32 - doc.month() as i32 > 2 { doc.year() - 1 } else { doc.year() };
                return Some((i + 1, month_date(y, m)));
            }
        }
    }

    // Month names: "March 12, 2001", "March 12", "March 2001", "(in) March".
    if let Some(m) = month_token(forms[i]) {
        // "May" and "March" also begin sentences as verbs/nouns; require date-like context.
        if let Some(d) = lower.get(i + 1).and_then(|f| day_number(f)) {
            let mut end = i + 2;
            if at(end) == "," {
                end += 1;
            }
            if let Some(y) = forms.get(end).and_then(|f| year_number(f)) {
                let date = NaiveDate::from_ymd_opt(y, m, d)?;
                return Some((end + 1, EventDate::Day(date)));
            }
            let date = nearest_year(doc?, m, d)?;
            return Some((i + 2, EventDate::Day(date)));
        }
        if let Some(y) = forms.get(i + 1).and_then(|f| year_number(f)) {
            return Some((i + 2, month_date(y, m)));
        }
        if at(i + 1) == "," {
            if let Some(y) = forms.get(i + 2).and_then(|f| year_number(f)) {
                return Some((i + 3, month_date(y, m)));
            }
        }
        // A bare month after "in"/"last"/"next"/"this"/"since"/"early"/"late".
        let prev = if i > 0 { at(i - 1) } else { "" };
        let doc = doc?;
        let (dy, dm) = (doc.year(), doc.month());
        return match prev {
            "last" | "past" => {
                let y = if m < dm { dy } else { dy - 1 };
                Some((i + 1, month_date(y, m)))
            }
            "next" | "coming" => {
                let y = if m > dm { dy } else { dy + 1 };
                Some((i + 1, month_date(y, m)))
            }
            "this" => Some((i + 1, month_date(dy, m))),
            "in" | "since" | "early" | "late" | "mid" | "during" | "until" | "by" | "from" => {
                // The nearest such month: up to two months ahead counts as this year's.
                let y = if m as i32 - dm as i32 > 2 { dy - 1 } else { dy };
                Some((i + 1, month_date(y, m)))
            }
            _ => None,
        };
    }

    // "12 March 2001", "12 March", "12th of March".
    if let Some(d) = day_number(forms[i]) {
        let mut k = i + 1;
        if at(k) == "of" {
            k += 1;
        }
        if let Some(m) = forms.get(k).and_then(|f| month_token(f)) {
            let mut end = k + 1;
            if at(end) == "," {
                end += 1;
            }
            if let Some(y) = forms.get(end).and_then(|f| year_number(f)) {
                return Some((end + 1, EventDate::Day(NaiveDate::from_ymd_opt(y, m, d)?)));
            }
            return Some((k + 1, EventDate::Day(nearest_year(doc?, m, d)?)));
        }
        // Falls through to "N days ago".
    }

    let doc = doc?;
    let day = |d: NaiveDate| Some(EventDate::Day(d));

    // Weekdays, with "last"/"next"/"this" and a following part of the day.
    if let Some(wd) = weekday_of(forms[i]) {
        if !forms[i].starts_with(char::is_uppercase) {
            return None;
        }
        // "the Sunday Times": a weekday in a name.
        if forms.get(i + 1).is_some_and(|f| f.starts_with(char::is_uppercase) && month_of(f).is_none()) {
            return None;
        }
        let prev = if i > 0 { at(i - 1) } else { "" };
        let date = match prev {
            "last" | "past" => weekday_on_or_before(doc - Duration::days(1), wd),
            "next" | "coming" => weekday_after(doc, wd),
            _ if future_context(lower, i) => weekday_on_or_after(doc, wd),
            _ => weekday_on_or_before(doc, wd),
        };
        let mut end = i + 1;
        if matches!(at(end), "night" | "morning" | "afternoon" | "evening") {
            end += 1;
        }
        return Some((end, EventDate::Day(date)));
    }

    match w {
        "yesterday" => return Some((i + 1, day(doc - Duration::days(1))?)),
        // Not "Russia Today" or "USA Today".
        "today" if i > 0 && forms[i - 1].starts_with(char::is_uppercase) && forms[i] == "Today" => return None,
        "today" | "tonight" => return Some((i + 1, day(doc)?)),
        "tomorrow" => return Some((i + 1, day(doc + Duration::days(1))?)),
        _ => {}
    }

    // "last night", "this morning", "last week", "next month", "this year", ...
    if matches!(w, "last" | "this" | "next" | "past") {
        let unit = at(i + 1);
        let (y, m) = (doc.year(), doc.month());
        let date = match (w, unit) {
            ("last", "night") => day(doc - Duration::days(1)),
            ("this", "morning" | "afternoon" | "evening") => day(doc),
            ("last", "week") => {
                let d = doc - Duration::days(7);
                Some(month_date(d.year(), d.month()))
            }
            ("this", "week") => Some(month_date(y, m)),
            ("next", "week") => {
                let d = doc + Duration::days(7);
                Some(month_date(d.year(), d.month()))
            }
            ("last", "month") => {
                let (y, m) = add_months(y, m, -1);
                Some(month_date(y, m))
            }
            ("this", "month") => Some(month_date(y, m)),
            ("next", "month") => {
                let (y, m) = add_months(y, m, 1);
                Some(month_date(y, m))
            }
            ("last", "year") => Some(EventDate::Year(y - 1)),
            ("this", "year") => Some(EventDate::Year(y)),
            ("next", "year") => Some(EventDate::Year(y + 1)),
            _ => None,
        }?;
        // "earlier this month", "late last year" are attached by find_dates.
        return Some((i + 2, date));
    }

    // "two days ago", "a week ago", "three years ago".
    if let Some(k) = number_word(w) {
        let unit = at(i + 1).trim_end_matches('s').to_string();
        if at(i + 2) == "ago" {
            let date = match unit.as_str() {
                "day" => day(doc - Duration::days(k))?,
                "week" => day(doc - Duration::days(7 * k))?,
                "month" => {
                    let (y, m) = add_months(doc.year(), doc.month(), -(k as i32));
                    month_date(y, m)
                }
                "year" | "decade" => {
                    EventDate::Year(doc.year() - if unit == "decade" { 10 * k as i32 } else { k as i32 })
                }
                _ => return None,
            };
            return Some((i + 3, date));
        }
    }
    None
}

fn iso_date(form: &str) -> Option<EventDate> {
    if form.len() == 10 && form.as_bytes()[4] == b'-' && form.as_bytes()[7] == b'-' {
        return EventDate::parse(form);
    }
    None
}

/// The date of the event whose verb is `verb`: the date mention in the verb's clause, else the
/// document date.
///
/// With a dependency parse, a mention attached to the verb wins, then one inside the verb's
/// subtree, then one attached to a verb governing it by control or coordination ("agreed on
/// Monday to meet"), but not one of a reporting clause ("said on Monday they would meet");
/// without a parse, the mention nearest the verb.
pub fn event_date(
    sentence: &Sentence,
    verb: usize,
    mentions: &[DateMention],
    doc_date: Option<NaiveDate>,
) -> Option<EventDate> {
    let fallback = doc_date.map(EventDate::Day);
    if mentions.is_empty() || verb >= sentence.tokens.len() {
        return fallback;
    }
    if crate::is_parsed(sentence) {
        let mut best: Option<(u32, usize, &DateMention)> = None;
        for m in mentions {
            let Some(rank) = attachment_rank(sentence, verb, m.tokens.clone()) else {
                continue;
            };
            let dist = distance(verb, &m.tokens);
            if best.is_none_or(|(r, d, _)| (rank, dist) < (r, d)) {
                best = Some((rank, dist, m));
            }
        }
        return best.map(|(_, _, m)| m.date).or(fallback);
    }
    mentions.iter().min_by_key(|m| distance(verb, &m.tokens)).map(|m| m.date).or(fallback)
}

fn distance(i: usize, r: &Range<usize>) -> usize {
    if i < r.start {
        r.start - i
    } else if i >= r.end {
        i + 1 - r.end
    } else {
        0
    }
}

/// How a token span hangs from `verb`: 0 attached to it (only through nominal or function
/// words), 1 anywhere in its subtree, 2 attached to a verb that governs it through `xcomp`
/// or `conj` only; `None` otherwise.
pub(crate) fn attachment_rank(s: &Sentence, verb: usize, span: Range<usize>) -> Option<u32> {
    // The span's head: the token whose head lies outside the span.
    let head = span.clone().find(|&k| s.head_of(k).is_none_or(|h| !span.contains(&h)))?;
    let mut k = head;
    let mut crossed_clause = false;
    for _ in 0..s.tokens.len() {
        let Some(h) = s.head_of(k) else { break };
        if h == verb {
            return Some(if crossed_clause { 1 } else { 0 });
        }
        if crate::is_clause_head(s, h) {
            crossed_clause = true;
        }
        k = h;
    }
    // Is the span attached to a verb that governs this one through a control or
    // coordination chain ("agreed on Monday to cooperate", "met and signed on Monday")? Not
    // through reported speech or adverbial clauses: "said on Monday it would attack" dates
    // the saying, not the attack.
    let span_parent = s.head_of(head)?;
    let mut v = verb;
    for _ in 0..s.tokens.len() {
        let rel = s.tokens.get(v)?.deprel.rel;
        if !matches!(rel, Rel::Xcomp | Rel::Conj | Rel::Aux | Rel::Cop) {
            return None;
        }
        let h = s.head_of(v)?;
        if h == span_parent {
            return Some(2);
        }
        v = h;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekday_arithmetic() {
        // 2001-03-13 is a Tuesday.
        let doc = d("2001-03-13");
        assert_eq!(weekday_on_or_before(doc, Weekday::Mon), d("2001-03-12"));
        assert_eq!(weekday_on_or_before(doc, Weekday::Tue), doc);
        assert_eq!(weekday_on_or_before(doc, Weekday::Wed), d("2001-03-07"));
        assert_eq!(weekday_after(doc, Weekday::Tue), d("2001-03-20"));
        assert_eq!(weekday_after(doc, Weekday::Fri), d("2001-03-16"));
    }

    #[test]
    fn day_numbers() {
        assert_eq!(day_number("12"), Some(12));
        assert_eq!(day_number("1st"), Some(1));
        assert_eq!(day_number("32"), None);
        assert_eq!(day_number("12km"), None);
        assert_eq!(month_token("march"), None);
        assert_eq!(month_token("March"), Some(3));
        assert_eq!(month_token("Sept."), Some(9));
    }
}
