//! Event dates, which news text often gives only to the month or year ("last September").

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date known to the day, the month or only the year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventDate {
    Day(NaiveDate),
    Month { year: i32, month: u32 },
    Year(i32),
}

impl EventDate {
    /// The first day the date can denote, for sorting and range filters.
    pub fn first_day(&self) -> NaiveDate {
        match *self {
            EventDate::Day(d) => d,
            EventDate::Month { year, month } => NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN),
            EventDate::Year(y) => NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// Parses `YYYY-MM-DD`, `YYYYMMDD`, `YYYY-MM` or `YYYY`.
    pub fn parse(s: &str) -> Option<EventDate> {
        let s = s.trim();
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
        match s.len() {
            10 => NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(EventDate::Day),
            8 if digits(s) => NaiveDate::parse_from_str(s, "%Y%m%d").ok().map(EventDate::Day),
            7 if digits(&s[..4]) && &s[4..5] == "-" && digits(&s[5..]) => {
                let year = s[..4].parse().ok()?;
                let month = s[5..].parse().ok()?;
                (1..=12).contains(&month).then_some(EventDate::Month { year, month })
            }
            4 if digits(s) => s.parse().ok().map(EventDate::Year),
            _ => None,
        }
    }
}

/// A date as PETRARCH's files write it: `YYYYMMDD`, or `YYMMDD` with two-digit years below
/// 30 in the 2000s (`991231`, `121108`); also `19YYYYMMDD`, a century written twice, and
/// `YYYY-MM-DD`.
pub fn parse_petrarch_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() == 10 && s.as_bytes()[4] == b'-' {
        return NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let s = if s.len() == 10 && (s.starts_with("19") || s.starts_with("20")) { &s[2..] } else { s };
    match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().ok()?;
            let year = if yy < 30 { 2000 + yy } else { 1900 + yy };
            NaiveDate::from_ymd_opt(year, s[2..4].parse().ok()?, s[4..6].parse().ok()?)
        }
        8 => NaiveDate::parse_from_str(s, "%Y%m%d").ok(),
        _ => None,
    }
}

impl From<NaiveDate> for EventDate {
    fn from(d: NaiveDate) -> Self {
        EventDate::Day(d)
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            EventDate::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            EventDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            EventDate::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl Serialize for EventDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_each_precision() {
        for s in ["2001-03-12", "2000-09", "1999"] {
            assert_eq!(EventDate::parse(s).unwrap().to_string(), s);
        }
        assert_eq!(EventDate::parse("20010312").unwrap().to_string(), "2001-03-12");
        assert_eq!(EventDate::parse("2001-13"), None);
        assert_eq!(EventDate::parse("2001-02-30"), None);
        assert_eq!(EventDate::parse("x"), None);
    }

    #[test]
    fn reads_petrarch_dates_with_two_or_four_digit_years() {
        let d = |s: &str| parse_petrarch_date(s).map(|d| d.to_string());
        assert_eq!(d("121108").as_deref(), Some("2012-11-08"));
        assert_eq!(d("991231").as_deref(), Some("1999-12-31"));
        assert_eq!(d("20080806").as_deref(), Some("2008-08-06"));
        assert_eq!(d("1920080806").as_deref(), Some("2008-08-06"));
        assert_eq!(d("2008-08-06").as_deref(), Some("2008-08-06"));
        for bad in ["", "12110", "121332", "2008-8-6x", "+21108", "２００８"] {
            assert_eq!(d(bad), None, "{bad:?}");
        }
    }
}
