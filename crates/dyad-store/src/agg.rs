//! Aggregate tables kept in step with `events` inside each ingest transaction: `daily` (per day
//! and quad class), `dyad_totals`, `actors`, and `daily_key` (per day and quad class, by key).
//!
//! `daily_key` answers filtered timelines and counts without reading events. Its keys:
//!
//! * [`KIND_ACTOR`]: for each side of the event, every prefix of the actor code that ends on a
//!   3-character boundary, and the whole code (`IRNGOV` gives `IRN` and `IRNGOV`); each key at
//!   most once per event. An actor filter whose length is a multiple of 3 then reads one key:
//!   the events where either side's code starts with it, each counted once.
//! * [`KIND_COUNTRY`]: the source's and the target's country, each at most once per event.
//! * [`KIND_CODE`]: the CAMEO code; a code prefix reads the range of keys under it.
//! * [`KIND_BOOK`] with key [`ODD_ROOT`]: the number of events whose root is not the first two
//!   characters of their code. While it is zero a root filter is the code range of that root.
//!
//! Undated events are kept with date `''`, so counts include them and timelines leave them out.

use crate::Result;
use rusqlite::{params, Transaction};
use std::collections::HashMap;

pub(crate) const KIND_BOOK: i64 = 0;
pub(crate) const KIND_ACTOR: i64 = 1;
pub(crate) const KIND_COUNTRY: i64 = 2;
pub(crate) const KIND_CODE: i64 = 3;
/// Bookkeeping key: events whose root is not their code's first two characters.
pub(crate) const ODD_ROOT: &str = "root-not-code-prefix";

/// The fields of an event the aggregates read.
pub(crate) struct AggEvent<'a> {
    /// First day of the event's date, `YYYY-MM-DD`.
    pub date: Option<&'a str>,
    pub quad: i64,
    pub goldstein: f64,
    pub source: &'a str,
    pub source_country: Option<&'a str>,
    pub source_role: Option<&'a str>,
    pub target: Option<&'a str>,
    pub target_country: Option<&'a str>,
    pub target_role: Option<&'a str>,
    pub cameo: &'a str,
    pub root: &'a str,
}

/// Pushes `code`'s prefixes ending on 3-character boundaries, and `code`, unless present.
pub(crate) fn actor_keys<'a>(code: &'a str, out: &mut Vec<&'a str>) {
    let mut push = |k: &'a str| {
        if !out.contains(&k) {
            out.push(k);
        }
    };
    for (n, (i, _)) in code.char_indices().enumerate() {
        if n > 0 && n % 3 == 0 {
            push(&code[..i]);
        }
    }
    push(code);
}

/// The first two characters of `s` (all of it when shorter).
pub(crate) fn first_two(s: &str) -> &str {
    match s.char_indices().nth(2) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

type Totals = (i64, f64);

/// Totals by a composite key, encoded in one string (each part but the last preceded by its
/// length, so any text round-trips): a lookup allocates only for a key not yet present.
#[derive(Default)]
struct Sums<T> {
    map: HashMap<String, T>,
    buf: String,
}

impl<T: Default> Sums<T> {
    fn entry(&mut self, parts: &[&str]) -> &mut T {
        use std::fmt::Write;
        self.buf.clear();
        for (i, p) in parts.iter().enumerate() {
            if i + 1 < parts.len() {
                let _ = write!(self.buf, "{}:", p.len());
            }
            self.buf.push_str(p);
        }
        if !self.map.contains_key(self.buf.as_str()) {
            self.map.insert(self.buf.clone(), T::default());
        }
        self.map.get_mut(self.buf.as_str()).expect("just inserted")
    }

    /// The entries with their keys split back into `N` parts, sorted by key.
    fn sorted<const N: usize>(&self) -> Vec<([&str; N], &T)> {
        let mut out: Vec<([&str; N], &T)> = self.map.iter().map(|(k, v)| (split::<N>(k), v)).collect();
        out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

fn split<const N: usize>(mut k: &str) -> [&str; N] {
    let mut out = [""; N];
    for (i, slot) in out.iter_mut().enumerate() {
        if i + 1 == N {
            *slot = k;
        } else {
            let colon = k.find(':').expect("encoded key");
            let len: usize = k[..colon].parse().expect("encoded key");
            *slot = &k[colon + 1..colon + 1 + len];
            k = &k[colon + 1 + len..];
        }
    }
    out
}

fn bump(t: &mut Totals, n: i64, g: f64) {
    t.0 += n;
    t.1 += g;
}

/// Changes to the aggregate tables, summed over a batch and written at its end.
#[derive(Default)]
pub(crate) struct Agg {
    /// (date, quad)
    daily: Sums<Totals>,
    /// (source, target or '')
    dyads: Sums<Totals>,
    /// code -> (country, role, events)
    actors: Sums<(Option<String>, Option<String>, i64)>,
    /// (kind, key, date, quad)
    keyed: Sums<Totals>,
}

const KINDS: [&str; 4] = ["0", "1", "2", "3"];
const QUADS: [&str; 5] = ["0", "1", "2", "3", "4"];

impl Agg {
    /// Adds (`sign` 1) or removes (`sign` -1) one event.
    pub fn add(&mut self, e: &AggEvent<'_>, sign: i64) {
        let g = e.goldstein * sign as f64;
        let quad_text;
        let quad = match QUADS.get(e.quad as usize) {
            Some(q) if e.quad >= 0 => *q,
            _ => {
                quad_text = e.quad.to_string();
                quad_text.as_str()
            }
        };
        if let Some(d) = e.date {
            bump(self.daily.entry(&[d, quad]), sign, g);
        }
        bump(self.dyads.entry(&[e.source, e.target.unwrap_or("")]), sign, g);
        for (code, country, role) in std::iter::once((e.source, e.source_country, e.source_role))
            .chain(e.target.map(|t| (t, e.target_country, e.target_role)))
        {
            let a = self.actors.entry(&[code]);
            if sign > 0 {
                if a.0.is_none() {
                    a.0 = country.map(str::to_string);
                }
                if a.1.is_none() {
                    a.1 = role.map(str::to_string);
                }
            }
            a.2 += sign;
        }
        let date = e.date.unwrap_or("");
        let mut keys: Vec<&str> = Vec::with_capacity(4);
        actor_keys(e.source, &mut keys);
        if let Some(t) = e.target {
            actor_keys(t, &mut keys);
        }
        let kind = |k: i64| KINDS[k as usize];
        for k in &keys {
            bump(self.keyed.entry(&[kind(KIND_ACTOR), k, date, quad]), sign, g);
        }
        if let Some(c) = e.source_country {
            bump(self.keyed.entry(&[kind(KIND_COUNTRY), c, date, quad]), sign, g);
        }
        if let Some(c) = e.target_country.filter(|c| Some(*c) != e.source_country) {
            bump(self.keyed.entry(&[kind(KIND_COUNTRY), c, date, quad]), sign, g);
        }
        bump(self.keyed.entry(&[kind(KIND_CODE), e.cameo, date, quad]), sign, g);
        if first_two(e.cameo) != e.root {
            bump(self.keyed.entry(&[kind(KIND_BOOK), ODD_ROOT, "", "0"]), sign, 0.0);
        }
    }

    /// The `daily_key` rows as (kind, key, date, quad) -> totals.
    fn keyed_rows(&self) -> HashMap<(i64, String, String, i64), Totals> {
        self.keyed
            .sorted::<4>()
            .into_iter()
            .map(|([k, key, d, q], t)| {
                ((k.parse().unwrap_or(0), key.to_string(), d.to_string(), q.parse().unwrap_or(0)), *t)
            })
            .collect()
    }

    /// Writes the changes (in key order, so neighbouring rows share pages); rows whose count
    /// falls to zero are deleted.
    pub fn write(self, tx: &Transaction<'_>) -> Result<()> {
        let changed = |t: &&Totals| t.0 != 0 || t.1 != 0.0;
        let mut up = tx.prepare_cached(
            "INSERT INTO daily (date, quad, n, goldstein_sum) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(date, quad) DO UPDATE SET n = n + excluded.n, \
             goldstein_sum = goldstein_sum + excluded.goldstein_sum",
        )?;
        let mut del = tx.prepare_cached("DELETE FROM daily WHERE date = ?1 AND quad = ?2 AND n <= 0")?;
        for ([date, quad], t) in self.daily.sorted::<2>().into_iter().filter(|(_, t)| changed(t)) {
            let quad: i64 = quad.parse().unwrap_or(0);
            up.execute(params![date, quad, t.0, t.1])?;
            if t.0 < 0 {
                del.execute(params![date, quad])?;
            }
        }

        let mut up = tx.prepare_cached(
            "INSERT INTO dyad_totals (source, target, n, goldstein_sum) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(source, target) DO UPDATE SET n = n + excluded.n, \
             goldstein_sum = goldstein_sum + excluded.goldstein_sum",
        )?;
        let mut del = tx.prepare_cached("DELETE FROM dyad_totals WHERE source = ?1 AND target = ?2 AND n <= 0")?;
        for ([s, t], n) in self.dyads.sorted::<2>().into_iter().filter(|(_, t)| changed(t)) {
            up.execute(params![s, t, n.0, n.1])?;
            if n.0 < 0 {
                del.execute(params![s, t])?;
            }
        }

        let mut up = tx.prepare_cached(
            "INSERT INTO actors (code, country, role, events) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT(code) DO UPDATE SET events = events + excluded.events, \
             country = coalesce(country, excluded.country), role = coalesce(role, excluded.role)",
        )?;
        let mut del = tx.prepare_cached("DELETE FROM actors WHERE code = ?1 AND events <= 0")?;
        for ([code], (country, role, n)) in self.actors.sorted::<1>().into_iter().filter(|(_, a)| a.2 != 0) {
            up.execute(params![code, country, role, n])?;
            if *n < 0 {
                del.execute(params![code])?;
            }
        }

        let mut up = tx.prepare_cached(
            "INSERT INTO daily_key (kind, key, date, quad, n, goldstein_sum) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
             ON CONFLICT(kind, key, date, quad) DO UPDATE SET n = n + excluded.n, \
             goldstein_sum = goldstein_sum + excluded.goldstein_sum",
        )?;
        let mut del = tx.prepare_cached(
            "DELETE FROM daily_key WHERE kind = ?1 AND key = ?2 AND date = ?3 AND quad = ?4 AND n <= 0",
        )?;
        for ([kind, key, date, quad], t) in self.keyed.sorted::<4>().into_iter().filter(|(_, t)| changed(t)) {
            let kind: i64 = kind.parse().unwrap_or(0);
            let quad: i64 = quad.parse().unwrap_or(0);
            up.execute(params![kind, key, date, quad, t.0, t.1])?;
            if t.0 < 0 {
                del.execute(params![kind, key, date, quad])?;
            }
        }
        Ok(())
    }
}

/// The columns [`read_events`] selects, in order.
pub(crate) const AGG_COLUMNS: &str =
    "date, quad, goldstein, source_code, source_country, source_role, target_code, target_country, target_role, cameo, root";

/// Feeds every row of `rows` (selected with [`AGG_COLUMNS`]) to `f`.
pub(crate) fn read_events(mut rows: rusqlite::Rows<'_>, mut f: impl FnMut(&AggEvent<'_>)) -> Result<()> {
    while let Some(r) = rows.next()? {
        let s = |i: usize| -> rusqlite::Result<Option<&str>> {
            Ok(match r.get_ref(i)? {
                rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).ok(),
                _ => None,
            })
        };
        let e = AggEvent {
            date: s(0)?,
            quad: r.get(1)?,
            goldstein: r.get(2)?,
            source: s(3)?.unwrap_or(""),
            source_country: s(4)?,
            source_role: s(5)?,
            target: s(6)?,
            target_country: s(7)?,
            target_role: s(8)?,
            cameo: s(9)?.unwrap_or(""),
            root: s(10)?.unwrap_or(""),
        };
        f(&e);
    }
    Ok(())
}

/// The `daily_key` rows `events` implies, from scratch.
pub(crate) fn keyed_from_events(conn: &rusqlite::Connection) -> Result<HashMap<(i64, String, String, i64), Totals>> {
    let mut agg = Agg::default();
    let mut st = conn.prepare(&format!("SELECT {AGG_COLUMNS} FROM events"))?;
    read_events(st.query([])?, |e| agg.add(e, 1))?;
    Ok(agg.keyed_rows())
}

/// Migration 3: fills `daily_key` from the events already stored.
pub(crate) fn backfill(tx: &Transaction<'_>) -> Result<()> {
    let mut agg = Agg::default();
    let mut st = tx.prepare(&format!("SELECT {AGG_COLUMNS} FROM events"))?;
    read_events(st.query([])?, |e| agg.add(e, 1))?;
    // Only daily_key is new; the other tables already hold these events.
    Agg { keyed: agg.keyed, ..Agg::default() }.write(tx)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_keys_are_three_character_prefixes_and_the_code() {
        let mut k = Vec::new();
        actor_keys("IRNGOV", &mut k);
        actor_keys("IRNMIL", &mut k);
        assert_eq!(k, ["IRN", "IRNGOV", "IRNMIL"]);
        let mut k = Vec::new();
        actor_keys("USAGOVMILX", &mut k);
        assert_eq!(k, ["USA", "USAGOV", "USAGOVMIL", "USAGOVMILX"]);
        let mut k = Vec::new();
        actor_keys("AB", &mut k);
        assert_eq!(k, ["AB"]);
        assert_eq!(first_two("0311"), "03");
        assert_eq!(first_two("1"), "1");
        let mut s: Sums<i64> = Sums::default();
        *s.entry(&["1", "a:b", "", "4"]) += 1;
        *s.entry(&["1", "a:b", "", "4"]) += 1;
        *s.entry(&["1", "a", "b:", "4"]) += 1;
        assert_eq!(s.sorted::<4>(), [(["1", "a", "b:", "4"], &1), (["1", "a:b", "", "4"], &2)]);
        assert_eq!(split::<3>("2:120:x\u{0}y"), ["12", "", "x\u{0}y"]);
    }
}
