//! Filters and the queries and aggregations built from them.

use crate::agg::{first_two, KIND_ACTOR, KIND_BOOK, KIND_CODE, KIND_COUNTRY, ODD_ROOT};
use crate::{event_from_row, Error, Result, Store, EVENT_COLUMNS};
use chrono::{Datelike, NaiveDate};
use dyad_core::{Event, EventDate};
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

/// Filters over stored events. Empty strings count as absent, so a query string or form can
/// be deserialised straight into it.
///
/// * `actor`: an actor code prefix on either side (`IRN` matches `IRNGOV`).
/// * `country`: a country code on either side.
/// * `source`, `target`: code prefixes of the source and target (a dyad when both are given).
/// * `code`: a CAMEO code prefix (`04` matches `040`..`046`; `031` matches `0311`).
/// * `root`: the CAMEO root (`04`); `quad`: the quad class (1–4).
/// * `from`, `to`: inclusive dates (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
/// * `q`: words that must all occur in the sentence (full-text search).
/// * `doc`: a document id.
/// * `limit`, `offset`: paging for [`Store::query`] (newest stored first).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct Query {
    pub actor: Option<String>,
    pub country: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub code: Option<String>,
    pub root: Option<String>,
    pub quad: Option<u8>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub q: Option<String>,
    pub doc: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// Time buckets for [`Store::timeline`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    #[default]
    Day,
    /// Weeks starting on Monday; the period is the Monday's date.
    Week,
    /// The period is `YYYY-MM`.
    Month,
}

/// One row of a timeline: events of one quad class in one period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelineRow {
    pub period: String,
    pub quad_class: u8,
    pub count: i64,
    pub goldstein_sum: f64,
}

/// A source–target pair and how many events it has.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadCount {
    pub source: String,
    pub target: Option<String>,
    pub count: i64,
    pub goldstein_sum: f64,
}

/// An actor code and how many events name it on either side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorCount {
    pub code: String,
    pub country: Option<String>,
    pub role: Option<String>,
    pub count: i64,
}

/// A row of the deduplicated view: one per (date, source, target, code, place).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DedupRow {
    pub date: Option<String>,
    pub source: String,
    pub target: Option<String>,
    pub cameo: String,
    pub location: Option<String>,
    pub mentions: i64,
    pub documents: i64,
}

fn present(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Text strictly above every string that starts with `prefix` (codes are ASCII).
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

fn parse_bound(s: &str, end: bool) -> Result<String> {
    let d = EventDate::parse(s)
        .ok_or_else(|| Error::Invalid(format!("bad date {s:?}: expected YYYY-MM-DD, YYYY-MM or YYYY")))?;
    let day = if !end {
        d.first_day()
    } else {
        match d {
            EventDate::Day(d) => d,
            EventDate::Month { year, month } => {
                let (y, m) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
                NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
            }
            EventDate::Year(y) => NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    };
    Ok(format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day()))
}

/// The words of a free-text search as an FTS5 query: each word quoted, all required.
fn fts_query(q: &str) -> Option<String> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(16)
        .map(|w| format!("\"{w}\""))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// How the `daily_key` table can answer a filter (see agg.rs).
#[derive(Clone, Debug, PartialEq)]
enum Keyed {
    /// No key filter: only quad class and dates, if anything.
    Nothing,
    /// One key filter: keys of `kind` equal to `lo` (`hi` None) or in `lo..hi`. `root`: a root
    /// filter, exact only while no event's root differs from its code's first two characters.
    Key { kind: i64, lo: String, hi: Option<String>, root: bool },
    /// Filters the table cannot answer (words, source, target, document, several keys, actor
    /// prefixes not on a 3-character boundary): read `events`.
    No,
}

/// A WHERE clause assembled from fixed fragments, and the values bound to it.
struct Filter {
    sql: String,
    params: Vec<Value>,
    /// Only date bounds (or nothing) are set: the aggregate tables can answer.
    dates_only: bool,
    any: bool,
    from: Option<String>,
    to: Option<String>,
    quad: Option<u8>,
    keyed: Keyed,
}

impl Filter {
    fn key(&mut self, k: Keyed) {
        self.keyed = if self.keyed == Keyed::Nothing { k } else { Keyed::No };
    }

    fn push(&mut self, fragment: &str, values: impl IntoIterator<Item = Value>) {
        self.sql.push_str(if self.any { " AND " } else { " WHERE " });
        self.sql.push_str(fragment);
        self.params.extend(values);
        self.any = true;
    }
}

impl Query {
    /// The requested page size, capped at `max` (default `default`).
    pub fn page(&self, default: usize, max: usize) -> (usize, usize) {
        (self.limit.unwrap_or(default).min(max), self.offset.unwrap_or(0).min(10_000_000))
    }

    fn filter(&self) -> Result<Filter> {
        let mut f = Filter {
            sql: String::new(),
            params: Vec::new(),
            dates_only: true,
            any: false,
            from: None,
            to: None,
            quad: None,
            keyed: Keyed::Nothing,
        };
        let upper = |s: &str| Value::Text(s.to_ascii_uppercase());
        if let Some(a) = present(&self.actor) {
            f.push(
                "((e.source_code >= ? AND e.source_code < ?) OR (e.target_code >= ? AND e.target_code < ?))",
                [upper(a), upper(&prefix_end(a)), upper(a), upper(&prefix_end(a))],
            );
            f.dates_only = false;
            f.key(if a.chars().count() % 3 == 0 {
                Keyed::Key { kind: KIND_ACTOR, lo: a.to_ascii_uppercase(), hi: None, root: false }
            } else {
                Keyed::No
            });
        }
        if let Some(c) = present(&self.country) {
            f.push("(e.source_country = ? OR e.target_country = ?)", [upper(c), upper(c)]);
            f.dates_only = false;
            f.key(Keyed::Key { kind: KIND_COUNTRY, lo: c.to_ascii_uppercase(), hi: None, root: false });
        }
        if let Some(s) = present(&self.source) {
            f.push("e.source_code >= ? AND e.source_code < ?", [upper(s), upper(&prefix_end(s))]);
            f.dates_only = false;
            f.key(Keyed::No);
        }
        if let Some(t) = present(&self.target) {
            // With a source too, `+` keeps the planner on events_dyad (source, target), which
            // checks the target in the index, rather than on events_target.
            let fragment = if present(&self.source).is_some() {
                "+e.target_code >= ? AND +e.target_code < ?"
            } else {
                "e.target_code >= ? AND e.target_code < ?"
            };
            f.push(fragment, [upper(t), upper(&prefix_end(t))]);
            f.dates_only = false;
            f.key(Keyed::No);
        }
        if let Some(c) = present(&self.code) {
            f.push("e.cameo >= ? AND e.cameo < ?", [Value::Text(c.into()), Value::Text(prefix_end(c))]);
            f.dates_only = false;
            f.key(Keyed::Key { kind: KIND_CODE, lo: c.into(), hi: Some(prefix_end(c)), root: false });
        }
        if let Some(r) = present(&self.root) {
            f.push(
                "e.cameo >= ? AND e.cameo < ? AND e.root = ?",
                [Value::Text(r.into()), Value::Text(prefix_end(r)), Value::Text(r.into())],
            );
            f.dates_only = false;
            f.key(if first_two(r) == r && r.chars().count() == 2 {
                Keyed::Key { kind: KIND_CODE, lo: r.into(), hi: Some(prefix_end(r)), root: true }
            } else {
                Keyed::No
            });
        }
        if let Some(q) = self.quad {
            f.push("e.quad = ?", [Value::Integer(q as i64)]);
            f.dates_only = false;
            f.quad = Some(q);
        }
        if let Some(d) = present(&self.doc) {
            // A document's events are the row-id range it records (found without an index).
            f.push(
                "e.id BETWEEN coalesce((SELECT first_event FROM documents WHERE id = ?), 1) \
                 AND coalesce((SELECT last_event FROM documents WHERE id = ?), 0) AND e.doc = ?",
                [Value::Text(d.into()), Value::Text(d.into()), Value::Text(d.into())],
            );
            f.dates_only = false;
            f.key(Keyed::No);
        }
        if let Some(q) = present(&self.q) {
            if let Some(m) = fts_query(q) {
                f.push("e.sid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)", [Value::Text(m)]);
                f.dates_only = false;
                f.key(Keyed::No);
            }
        }
        if let Some(d) = present(&self.from) {
            let d = parse_bound(d, false)?;
            f.push("e.date >= ?", [Value::Text(d.clone())]);
            f.from = Some(d);
        }
        if let Some(d) = present(&self.to) {
            let d = parse_bound(d, true)?;
            f.push("e.date <= ?", [Value::Text(d.clone())]);
            f.to = Some(d);
        }
        Ok(f)
    }

    /// Whether any filter (other than paging) is set.
    pub fn is_unfiltered(&self) -> bool {
        self.filter().map(|f| !f.any).unwrap_or(false)
    }
}

/// Date bounds and quad class over the `daily` or `daily_key` table.
fn daily_where(f: &Filter) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut params = Vec::new();
    if let Some(q) = f.quad {
        sql.push_str(" AND quad = ?");
        params.push(Value::Integer(q as i64));
    }
    if let Some(d) = &f.from {
        sql.push_str(" AND date >= ?");
        params.push(Value::Text(d.clone()));
    }
    if let Some(d) = &f.to {
        // `daily_key` keeps undated events under ''.
        sql.push_str(" AND date <= ? AND date > ''");
        params.push(Value::Text(d.clone()));
    }
    (sql, params)
}

/// The `daily_key` rows for a key filter: a WHERE clause (with date and quad bounds) and its
/// values, or None when the table cannot answer.
fn keyed_where(store: &Store, f: &Filter) -> Result<Option<(String, Vec<Value>)>> {
    let (mut sql, mut params) = match &f.keyed {
        Keyed::No => return Ok(None),
        // Every event has exactly one code key: all of them are all events.
        Keyed::Nothing => ("kind = ?".to_string(), vec![Value::Integer(KIND_CODE)]),
        Keyed::Key { kind, lo, hi, root } => {
            if *root {
                let odd: bool = store
                    .conn
                    .prepare_cached("SELECT EXISTS (SELECT 1 FROM daily_key WHERE kind = ?1 AND key = ?2)")?
                    .query_row(rusqlite::params![KIND_BOOK, ODD_ROOT], |r| r.get(0))?;
                if odd {
                    return Ok(None);
                }
            }
            match hi {
                None => ("kind = ? AND key = ?".to_string(), vec![Value::Integer(*kind), Value::Text(lo.clone())]),
                Some(hi) => (
                    "kind = ? AND key >= ? AND key < ?".to_string(),
                    vec![Value::Integer(*kind), Value::Text(lo.clone()), Value::Text(hi.clone())],
                ),
            }
        }
    };
    let (w, p) = daily_where(f);
    sql.push_str(&w);
    params.extend(p);
    Ok(Some((sql, params)))
}

impl Store {
    /// Events matching `q`, newest stored first, paged by `q.limit` (default 100, at most
    /// 10,000) and `q.offset`.
    pub fn query(&self, q: &Query) -> Result<Vec<Event>> {
        let f = q.filter()?;
        let (limit, offset) = q.page(100, 10_000);
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN sentences s ON s.id = e.sid{} \
             ORDER BY e.id DESC LIMIT ? OFFSET ?",
            f.sql
        );
        let mut params = f.params;
        params.push(Value::Integer(limit as i64));
        params.push(Value::Integer(offset as i64));
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), event_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// How many events match `q` (paging ignored).
    pub fn count(&self, q: &Query) -> Result<i64> {
        let f = q.filter()?;
        if !f.any {
            return Ok(self.conn.query_row("SELECT coalesce(sum(n), 0) FROM dyad_totals", [], |r| r.get(0))?);
        }
        if f.dates_only {
            let (w, p) = daily_where(&f);
            let sql = format!("SELECT coalesce(sum(n), 0) FROM daily WHERE 1{w}");
            return Ok(self.conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(p), |r| r.get(0))?);
        }
        if let Some((w, p)) = keyed_where(self, &f)? {
            let sql = format!("SELECT coalesce(sum(n), 0) FROM daily_key WHERE {w}");
            return Ok(self.conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(p), |r| r.get(0))?);
        }
        let sql = format!("SELECT count(*) FROM events e{}", f.sql);
        Ok(self.conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(f.params), |r| r.get(0))?)
    }

    /// Events matching `q` counted by period and quad class, oldest first. Events without a
    /// date are left out.
    pub fn timeline(&self, q: &Query, bucket: Bucket) -> Result<Vec<TimelineRow>> {
        let f = q.filter()?;
        let (period, e_period) = match bucket {
            Bucket::Day => ("date", "e.date"),
            Bucket::Week => ("date(date, 'weekday 0', '-6 days')", "date(e.date, 'weekday 0', '-6 days')"),
            Bucket::Month => ("substr(date, 1, 7)", "substr(e.date, 1, 7)"),
        };
        let keyed = if f.keyed == Keyed::Nothing { None } else { keyed_where(self, &f)? };
        let (sql, params) = if f.keyed == Keyed::Nothing {
            // Dates and quad class only: the per-day table.
            let (w, p) = daily_where(&f);
            (
                format!(
                    "SELECT {period} AS p, quad, sum(n), sum(goldstein_sum) FROM daily WHERE 1{w} \
                     GROUP BY p, quad ORDER BY p, quad"
                ),
                p,
            )
        } else if let Some((w, p)) = keyed {
            (
                format!(
                    "SELECT {period} AS p, quad, sum(n), sum(goldstein_sum) FROM daily_key WHERE {w} \
                     AND date > '' GROUP BY p, quad ORDER BY p, quad"
                ),
                p,
            )
        } else {
            (
                format!(
                    "SELECT {e_period} AS p, e.quad, count(*), total(e.goldstein) FROM events e{} \
                     AND e.date IS NOT NULL GROUP BY p, e.quad ORDER BY p, e.quad",
                    f.sql
                ),
                f.params,
            )
        };
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(TimelineRow { period: r.get(0)?, quad_class: r.get(1)?, count: r.get(2)?, goldstein_sum: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The `n` source–target pairs with most events matching `q`.
    pub fn dyads(&self, q: &Query, n: usize) -> Result<Vec<DyadCount>> {
        let f = q.filter()?;
        let (sql, mut params) = if !f.any {
            (
                "SELECT source, nullif(target, ''), n, goldstein_sum FROM dyad_totals \
                 ORDER BY n DESC, source, target LIMIT ?"
                    .to_string(),
                Vec::new(),
            )
        } else {
            (
                format!(
                    "SELECT e.source_code, e.target_code, count(*) AS c, total(e.goldstein) FROM events e{} \
                     GROUP BY e.source_code, e.target_code ORDER BY c DESC, 1, 2 LIMIT ?",
                    f.sql
                ),
                f.params,
            )
        };
        params.push(Value::Integer(n.min(10_000) as i64));
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(DyadCount { source: r.get(0)?, target: r.get(1)?, count: r.get(2)?, goldstein_sum: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The `n` actors named (on either side) by most events matching `q`.
    pub fn actors(&self, q: &Query, n: usize) -> Result<Vec<ActorCount>> {
        let f = q.filter()?;
        let (sql, mut params) = if !f.any {
            (
                "SELECT code, country, role, events FROM actors ORDER BY events DESC, code LIMIT ?".to_string(),
                Vec::new(),
            )
        } else {
            let mut p = f.params.clone();
            p.extend(f.params);
            (
                format!(
                    "SELECT code, max(country), max(role), count(*) AS c FROM (\
                     SELECT e.source_code AS code, e.source_country AS country, e.source_role AS role FROM events e{w} \
                     UNION ALL SELECT e.target_code, e.target_country, e.target_role FROM events e{w} \
                     AND e.target_code IS NOT NULL) GROUP BY code ORDER BY c DESC, code LIMIT ?",
                    w = f.sql
                ),
                p,
            )
        };
        params.push(Value::Integer(n.min(10_000) as i64));
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(ActorCount { code: r.get(0)?, country: r.get(1)?, role: r.get(2)?, count: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Rows of the deduplicated view (`events_dedup`) for events matching `q`, most mentioned
    /// first, paged like [`Store::query`].
    pub fn deduplicated(&self, q: &Query) -> Result<Vec<DedupRow>> {
        let f = q.filter()?;
        let (limit, offset) = q.page(100, 10_000);
        let sql = format!(
            "SELECT e.date, e.source_code, e.target_code, e.cameo, e.loc_name, count(*) AS m, \
             count(DISTINCT e.doc) FROM events e{} \
             GROUP BY e.date, e.source_code, e.target_code, e.cameo, e.loc_name \
             ORDER BY m DESC, 1, 2, 3, 4, 5 LIMIT ? OFFSET ?",
            f.sql
        );
        let mut params = f.params;
        params.push(Value::Integer(limit as i64));
        params.push(Value::Integer(offset as i64));
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(params), |r| {
            Ok(DedupRow {
                date: r.get(0)?,
                source: r.get(1)?,
                target: r.get(2)?,
                cameo: r.get(3)?,
                location: r.get(4)?,
                mentions: r.get(5)?,
                documents: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
