//! Date expressions in the project's own sentences, resolved against a story date.

use chrono::NaiveDate;
use dyad_core::{EventDate, Sentence};
use dyad_enrich::{event_date, find_dates};

fn sentence(text: &str) -> Sentence {
    Sentence { text: text.to_string(), span: 0..text.len(), tokens: dyad_text::tokenize(text), ..Sentence::default() }
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The dates found in `text` for a story dated `doc`, as (text, date) strings.
fn dates(text: &str, doc: &str) -> Vec<(String, String)> {
    find_dates(&sentence(text), Some(d(doc))).into_iter().map(|m| (m.text, m.date.to_string())).collect()
}

fn one(text: &str, doc: &str) -> String {
    let v = dates(text, doc);
    assert_eq!(v.len(), 1, "{text}: {v:?}");
    v[0].1.clone()
}

// 2001-03-13 is a Tuesday.
const DOC: &str = "2001-03-13";

#[test]
fn weekdays_resolve_to_the_most_recent_one() {
    assert_eq!(
        dates("The two ministers met on Monday in the capital.", DOC),
        [("on Monday".into(), "2001-03-12".into())]
    );
    assert_eq!(one("Rebels shelled the town late on Sunday.", DOC), "2001-03-11");
    assert_eq!(dates("Rebels shelled the town late on Sunday.", DOC)[0].0, "late on Sunday");
    assert_eq!(one("The cabinet resigned Monday night.", DOC), "2001-03-12");
    // The story's own weekday is the story's day.
    assert_eq!(one("The talks opened on Tuesday.", DOC), "2001-03-13");
    assert_eq!(one("The talks opened on Wednesday.", DOC), "2001-03-07");
    assert_eq!(one("Troops withdrew last Tuesday.", DOC), "2001-03-06");
    assert_eq!(one("The envoy will arrive on Friday.", DOC), "2001-03-16");
    assert_eq!(one("They meet again next Tuesday.", DOC), "2001-03-20");
}

#[test]
fn absolute_dates() {
    assert_eq!(one("The accord was signed on March 12, 2001, in the capital.", "2005-01-01"), "2001-03-12");
    assert_eq!(one("The accord was signed on 12 March 2001.", "2005-01-01"), "2001-03-12");
    assert_eq!(one("The accord was signed on 2001-03-12.", "2005-01-01"), "2001-03-12");
    assert_eq!(one("The accord was signed in March 2001.", "2005-01-01"), "2001-03");
    assert_eq!(one("The two states broke off relations in 1999.", DOC), "1999");
    assert_eq!(one("The vote is due on Sept. 3.", DOC), "2001-09-03");
    assert_eq!(one("Troops crossed the border on 28 December.", "2001-01-04"), "2000-12-28");
}

#[test]
fn relative_expressions() {
    assert_eq!(one("Trade talks collapsed last September.", DOC), "2000-09");
    assert_eq!(one("Police arrested him yesterday.", DOC), "2001-03-12");
    assert_eq!(one("The president speaks tonight.", DOC), "2001-03-13");
    assert_eq!(one("Prices rose last month.", DOC), "2001-02");
    assert_eq!(one("Prices rose last year.", DOC), "2000");
    assert_eq!(one("Exports fell this year.", DOC), "2001");
    assert_eq!(one("The embassy closed two days ago.", DOC), "2001-03-11");
    assert_eq!(one("The ministers met earlier this month.", DOC), "2001-03");
    assert_eq!(dates("The ministers met earlier this month.", DOC)[0].0, "earlier this month");
    assert_eq!(one("Talks resumed last week.", DOC), "2001-03");
    assert_eq!(one("Fighting broke out in January.", DOC), "2001-01");
    assert_eq!(one("Fighting broke out in November.", DOC), "2000-11");
}

#[test]
fn words_that_are_not_dates() {
    assert!(dates("The ministers may march on the capital.", DOC).is_empty());
    assert!(dates("She told the Sunday Times she would stay.", DOC).is_empty());
    assert!(dates("He said Russia Today had the story.", DOC).is_empty());
    assert!(dates("The 2001 budget passed.", DOC).is_empty());
}

#[test]
fn without_a_story_date_only_absolute_dates() {
    let s = sentence("They met on Monday and signed on March 12, 2001.");
    let found = find_dates(&s, None);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].date, EventDate::parse("2001-03-12").unwrap());
}

#[test]
fn event_date_takes_the_nearest_mention_or_the_story_date() {
    let s = sentence("The president arrived on Monday and said talks would end last September.");
    let doc = Some(d(DOC));
    let found = find_dates(&s, doc);
    assert_eq!(found.len(), 2);
    let verb = s.tokens.iter().position(|t| t.form == "arrived").unwrap();
    assert_eq!(event_date(&s, verb, &found, doc).unwrap().to_string(), "2001-03-12");
    let end = s.tokens.iter().position(|t| t.form == "end").unwrap();
    assert_eq!(event_date(&s, end, &found, doc).unwrap().to_string(), "2000-09");
    let plain = sentence("The president arrived.");
    assert_eq!(event_date(&plain, 2, &[], doc).unwrap().to_string(), DOC);
}

#[test]
fn a_person_named_may_is_no_date() {
    assert!(dates("Theresa May said the talks would go on.", DOC).is_empty());
    assert_eq!(one("The talks went on in May.", DOC), "2001-05");
}

#[test]
fn tense_decides_between_last_and_next_weekday() {
    // Past or plain: the most recent such day.
    assert_eq!(one("Khatami went to Moscow on Friday.", DOC), "2001-03-09");
    assert_eq!(one("He said on Friday that talks had failed.", DOC), "2001-03-09");
    // Scheduled: the next such day.
    assert_eq!(one("The summit opens on Friday.", DOC), "2001-03-16");
    assert_eq!(one("The envoy is to arrive in Astana on Friday.", DOC), "2001-03-16");
    assert_eq!(one("Fighting resumed in mid-March.", DOC), "2001-03");
}
