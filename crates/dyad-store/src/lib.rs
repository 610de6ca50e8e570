//! dyad's event store: coded events in one SQLite file.
//!
//! * [`Store::open`] creates or migrates the file (WAL journal, versioned schema).
//! * [`Store::ingest`] stores a batch of documents in one transaction, idempotently: a document
//!   already stored with the same content hash is skipped; one whose hash changed has all its
//!   rows replaced atomically.
//! * [`Store::query`], [`Store::count`], [`Store::timeline`], [`Store::dyads`] and
//!   [`Store::actors`] read it back through a [`Query`] of filters. Every filter value is a
//!   bound parameter; the SQL text is assembled only from fixed fragments.
//!
//! Aggregate tables (`daily`, `dyad_totals`, `actors`, and `daily_key`: per-day totals by
//! actor, country and CAMEO code; see `agg.rs`) are kept in step with `events` inside the same
//! transaction, so a timeline over millions of events, unfiltered or under one such filter,
//! reads a few thousand rows.

mod agg;
mod query;
mod schema;
pub mod synthetic;

pub use query::{ActorCount, Bucket, DedupRow, DyadCount, Query, TimelineRow};

use agg::{Agg, AggEvent, AGG_COLUMNS};
use chrono::NaiveDate;
use dyad_core::{Actor, Document, Event, EventDate, Evidence, Location};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use std::collections::HashMap;
use std::path::Path;
use std::time::Duration;

/// Errors from the store.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("database schema version {found} is newer than this dyad understands ({supported})")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("{0}")]
    Invalid(String),
}

pub type Result<T> = std::result::Result<T, Error>;

/// A document's metadata as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocMeta {
    pub id: String,
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
}

impl From<&Document> for DocMeta {
    fn from(d: &Document) -> Self {
        DocMeta {
            id: d.id.clone(),
            date: d.date,
            title: d.title.clone(),
            url: d.url.clone(),
            publisher: d.publisher.clone(),
        }
    }
}

/// One document to ingest: its metadata, a hash of its content (see [`content_hash`]), its
/// sentences `(index, text)` and the events coded from it.
#[derive(Clone, Debug, Default)]
pub struct DocBatch {
    pub doc: DocMeta,
    pub content_hash: String,
    pub sentences: Vec<(usize, String)>,
    pub events: Vec<Event>,
}

/// What one [`Store::ingest`] call did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestStats {
    /// Documents stored for the first time or replaced because their content changed.
    pub documents_new: usize,
    /// Of `documents_new`, those that replaced an older version.
    pub documents_replaced: usize,
    /// Documents already stored with the same content hash.
    pub documents_skipped: usize,
    /// Events written.
    pub events: usize,
}

/// A stable 64-bit FNV-1a hash of `bytes`, as 16 hex digits: a convenient content hash.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

/// The content hash of a document as read: its text (or given sentences and parses) and its
/// metadata. Re-reading an unchanged input gives the same hash, so `dyad ingest` skips it.
pub fn document_hash(doc: &Document) -> String {
    let mut buf = Vec::new();
    for field in [doc.date.map(|d| d.to_string()), doc.title.clone(), doc.url.clone(), doc.publisher.clone()] {
        buf.extend_from_slice(field.unwrap_or_default().as_bytes());
        buf.push(0);
    }
    match &doc.content {
        dyad_core::Content::Raw(text) => buf.extend_from_slice(text.as_bytes()),
        dyad_core::Content::Sentences(given) => {
            for s in given {
                buf.extend_from_slice(s.text.as_bytes());
                buf.push(0);
                match &s.parse {
                    Some(dyad_core::GivenParse::Conllu(p)) | Some(dyad_core::GivenParse::PennTreebank(p)) => {
                        buf.extend_from_slice(p.as_bytes())
                    }
                    None => {}
                }
                buf.push(1);
            }
        }
    }
    content_hash(&buf)
}

impl DocBatch {
    /// A batch entry for `doc` with the sentences and events the pipeline produced from it.
    pub fn new(doc: &Document, sentences: Vec<(usize, String)>, events: Vec<Event>) -> DocBatch {
        DocBatch { doc: DocMeta::from(doc), content_hash: document_hash(doc), sentences, events }
    }
}

/// An open event store.
pub struct Store {
    conn: Connection,
}

/// A stored event together with its row id (increasing in storage order).
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvent {
    pub id: i64,
    pub event: Event,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let conn = Connection::open(path)?;
        Self::configure(&conn)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // In WAL mode NORMAL cannot corrupt the file; a power cut may lose the last batches,
        // which re-ingesting restores (ingest is idempotent).
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Checkpoint every 64 MB of WAL rather than every 4 MB: a batch rewrites the same
        // aggregate and index-tail pages, which a checkpoint then copies (and syncs) once.
        conn.pragma_update(None, "wal_autocheckpoint", 16384)?;
        let mut store = Store { conn };
        schema::migrate(&mut store.conn)?;
        Ok(store)
    }

    /// Opens an existing store read-only (for servers and readers in other processes).
    pub fn open_readonly(path: impl AsRef<Path>) -> Result<Store> {
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        Self::configure(&conn)?;
        let v = schema::version(&conn)?;
        if v != schema::VERSION {
            return Err(Error::Invalid(format!(
                "database schema version {v}, expected {}: open it once with `dyad ingest`",
                schema::VERSION
            )));
        }
        Ok(Store { conn })
    }

    fn configure(conn: &Connection) -> Result<()> {
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 64 MB of page cache and memory-mapped reads: index pages stay hot during ingest.
        conn.pragma_update(None, "cache_size", -65536)?;
        conn.pragma_update(None, "mmap_size", 268_435_456i64)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        Ok(())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        schema::version(&self.conn)
    }

    /// The underlying connection, for tools and tests.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Stores a batch of documents in one transaction (see the crate docs for idempotence).
    pub fn ingest(&mut self, batch: &[DocBatch]) -> Result<IngestStats> {
        let tx = self.conn.transaction()?;
        let sentences_before: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM sentences", [], |r| r.get(0))?;
        let mut stats = IngestStats::default();
        let mut agg = Agg::default();
        {
            let mut get_doc = tx.prepare_cached(
                "SELECT content_hash, first_sentence, last_sentence, first_event, last_event \
                 FROM documents WHERE id = ?1",
            )?;
            let mut old_events =
                tx.prepare_cached(&format!("SELECT {AGG_COLUMNS} FROM events WHERE id BETWEEN ?1 AND ?2"))?;
            let mut del_events = tx.prepare_cached("DELETE FROM events WHERE id BETWEEN ?1 AND ?2")?;
            let mut del_sentences = tx.prepare_cached("DELETE FROM sentences WHERE id BETWEEN ?1 AND ?2")?;
            let mut upsert_doc = tx.prepare_cached(
                "INSERT INTO documents (id, content_hash, date, title, url, publisher, ingested_at, \
                 first_sentence, last_sentence, first_event, last_event) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%s','now'), ?7, ?8, ?9, ?10) \
                 ON CONFLICT(id) DO UPDATE SET content_hash = excluded.content_hash, \
                 date = excluded.date, title = excluded.title, url = excluded.url, \
                 publisher = excluded.publisher, ingested_at = excluded.ingested_at, \
                 first_sentence = excluded.first_sentence, last_sentence = excluded.last_sentence, \
                 first_event = excluded.first_event, last_event = excluded.last_event",
            )?;
            let mut ins_sentence = tx.prepare_cached("INSERT INTO sentences (doc, idx, text) VALUES (?1, ?2, ?3)")?;
            let mut ins_event = tx.prepare_cached(
                "INSERT INTO events (doc, sentence, sid, date, date_text, \
                 source_code, source_country, source_role, source_text, source_start, source_end, \
                 target_code, target_country, target_role, target_text, target_start, target_end, \
                 cameo, root, quad, goldstein, plover, \
                 loc_name, loc_country, lat, lon, negated, verb, verb_start, verb_end, pattern) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, \
                 ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31)",
            )?;
            // Sentence index -> row id, for the document being stored.
            let mut sids: HashMap<usize, i64> = HashMap::new();
            for item in batch {
                let id = &item.doc.id;
                if id.is_empty() {
                    return Err(Error::Invalid("document with an empty id".into()));
                }
                type Ranges = (String, Option<i64>, Option<i64>, Option<i64>, Option<i64>);
                let old: Option<Ranges> = get_doc
                    .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
                    .optional()?;
                match old {
                    Some((h, ..)) if h == item.content_hash => {
                        stats.documents_skipped += 1;
                        continue;
                    }
                    Some((_, s0, s1, e0, e1)) => {
                        stats.documents_replaced += 1;
                        if let (Some(e0), Some(e1)) = (e0, e1) {
                            agg::read_events(old_events.query([e0, e1])?, |e| agg.add(e, -1))?;
                            del_events.execute([e0, e1])?;
                        }
                        if let (Some(s0), Some(s1)) = (s0, s1) {
                            del_sentences.execute([s0, s1])?;
                        }
                    }
                    None => {}
                }
                stats.documents_new += 1;
                sids.clear();
                let (mut first_sentence, mut last_sentence) = (None, None);
                let mut add_sentence = |i: usize, text: &str| -> Result<i64> {
                    ins_sentence.execute(params![id, i as i64, text])?;
                    let sid = tx.last_insert_rowid();
                    first_sentence.get_or_insert(sid);
                    last_sentence = Some(sid);
                    Ok(sid)
                };
                for (i, text) in &item.sentences {
                    if !sids.contains_key(i) {
                        sids.insert(*i, add_sentence(*i, text)?);
                    }
                }
                let (mut first_event, mut last_event) = (None, None);
                for ev in &item.events {
                    // Events carry their sentence; store it if the caller's list lacks it.
                    let sid = match sids.get(&ev.sentence_index) {
                        Some(&sid) => sid,
                        None => {
                            let sid = add_sentence(ev.sentence_index, &ev.sentence)?;
                            sids.insert(ev.sentence_index, sid);
                            sid
                        }
                    };
                    let date = ev.date.map(|d| d.first_day().to_string());
                    let t = ev.target.as_ref();
                    let l = ev.location.as_ref();
                    ins_event.execute(params![
                        id,
                        ev.sentence_index as i64,
                        sid,
                        date,
                        ev.date.map(|d| d.to_string()),
                        ev.source.code,
                        ev.source.country,
                        ev.source.role,
                        ev.source.text,
                        ev.source.start as i64,
                        ev.source.end as i64,
                        t.map(|a| &a.code),
                        t.and_then(|a| a.country.as_ref()),
                        t.and_then(|a| a.role.as_ref()),
                        t.map(|a| &a.text),
                        t.map(|a| a.start as i64),
                        t.map(|a| a.end as i64),
                        ev.cameo,
                        ev.cameo_root,
                        ev.quad_class,
                        ev.goldstein as f64,
                        ev.plover,
                        l.map(|l| &l.name),
                        l.and_then(|l| l.country.as_ref()),
                        l.map(|l| l.lat),
                        l.map(|l| l.lon),
                        ev.negated,
                        ev.evidence.verb,
                        ev.evidence.verb_start as i64,
                        ev.evidence.verb_end as i64,
                        ev.evidence.pattern,
                    ])?;
                    let eid = tx.last_insert_rowid();
                    first_event.get_or_insert(eid);
                    last_event = Some(eid);
                    stats.events += 1;
                    agg.add(
                        &AggEvent {
                            date: date.as_deref(),
                            quad: ev.quad_class as i64,
                            // As stored: the REAL column holds the f32 widened.
                            goldstein: ev.goldstein as f64,
                            source: &ev.source.code,
                            source_country: ev.source.country.as_deref(),
                            source_role: ev.source.role.as_deref(),
                            target: t.map(|a| a.code.as_str()),
                            target_country: t.and_then(|a| a.country.as_deref()),
                            target_role: t.and_then(|a| a.role.as_deref()),
                            cameo: &ev.cameo,
                            root: &ev.cameo_root,
                        },
                        1,
                    );
                }
                let d = &item.doc;
                upsert_doc.execute(params![
                    id,
                    item.content_hash,
                    d.date.map(|d| d.to_string()),
                    d.title,
                    d.url,
                    d.publisher,
                    first_sentence,
                    last_sentence,
                    first_event,
                    last_event
                ])?;
            }
        }
        tx.execute(
            "INSERT INTO sentences_fts (rowid, text) SELECT id, text FROM sentences WHERE id > ?1",
            [sentences_before],
        )?;
        agg.write(&tx)?;
        tx.commit()?;
        Ok(stats)
    }

    /// Whether a document with this id and content hash is already stored.
    pub fn has_document(&self, id: &str, content_hash: &str) -> Result<bool> {
        let h: Option<String> =
            self.conn.query_row("SELECT content_hash FROM documents WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        Ok(h.as_deref() == Some(content_hash))
    }

    /// The highest event row id stored (0 when empty): new events get higher ids.
    pub fn max_event_id(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT coalesce(max(id), 0) FROM events", [], |r| r.get(0))?)
    }

    /// Events with row id above `after`, oldest first, at most `limit`.
    pub fn events_after(&self, after: i64, limit: usize) -> Result<Vec<StoredEvent>> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN sentences s ON s.id = e.sid \
             WHERE e.id > ?1 ORDER BY e.id LIMIT ?2"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params![after, limit as i64], |r| {
            Ok(StoredEvent { id: r.get(0)?, event: event_from_row(r)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Numbers of documents, sentences and events stored.
    pub fn totals(&self) -> Result<(i64, i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences), \
             (SELECT count(*) FROM events)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// Checks the store's internal consistency: SQLite's integrity check, every event's
    /// sentence and document present, and the aggregate tables equal to what `events` says.
    /// Returns the problems found (empty when consistent).
    pub fn check(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let ic: String = self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ic != "ok" {
            problems.push(format!("integrity_check: {ic}"));
        }
        // The full-text index against the sentences it indexes.
        if let Err(e) =
            self.conn.execute("INSERT INTO sentences_fts (sentences_fts, rank) VALUES ('integrity-check', 1)", [])
        {
            problems.push(format!("full-text index: {e}"));
        }
        let checks: [(&str, &str); 10] = [
            (
                "events without a document",
                "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = e.doc)",
            ),
            (
                "events without a sentence",
                "SELECT count(*) FROM events e WHERE NOT EXISTS \
                 (SELECT 1 FROM sentences s WHERE s.id = e.sid AND s.doc = e.doc AND s.idx = e.sentence)",
            ),
            (
                "sentences stored twice",
                "SELECT count(*) FROM (SELECT 1 FROM sentences GROUP BY doc, idx HAVING count(*) > 1)",
            ),
            (
                "events outside their document's range",
                "SELECT count(*) FROM events e LEFT JOIN documents d ON d.id = e.doc \
                 WHERE d.first_event IS NULL OR e.id NOT BETWEEN d.first_event AND d.last_event",
            ),
            (
                "sentences outside their document's range",
                "SELECT count(*) FROM sentences s LEFT JOIN documents d ON d.id = s.doc \
                 WHERE d.first_sentence IS NULL OR s.id NOT BETWEEN d.first_sentence AND d.last_sentence",
            ),
            (
                "document ranges holding other rows",
                "SELECT count(*) FROM documents d WHERE \
                 (SELECT count(*) FROM events e WHERE e.id BETWEEN d.first_event AND d.last_event AND e.doc != d.id) + \
                 (SELECT count(*) FROM sentences s WHERE s.id BETWEEN d.first_sentence AND d.last_sentence AND s.doc != d.id) > 0",
            ),
            (
                "sentences without a document",
                "SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.doc)",
            ),
            (
                "daily totals differing from events",
                "SELECT count(*) FROM (SELECT date, quad, count(*) n, total(goldstein) g FROM events WHERE date IS NOT NULL GROUP BY 1, 2) a \
                 FULL OUTER JOIN daily d ON d.date = a.date AND d.quad = a.quad \
                 WHERE a.n IS NOT d.n OR abs(coalesce(a.g, 0) - coalesce(d.goldstein_sum, 0)) > 0.01",
            ),
            (
                "dyad totals differing from events",
                "SELECT count(*) FROM (SELECT source_code s, coalesce(target_code, '') t, count(*) n FROM events GROUP BY 1, 2) a \
                 FULL OUTER JOIN dyad_totals d ON d.source = a.s AND d.target = a.t WHERE a.n IS NOT d.n",
            ),
            (
                "actor totals differing from events",
                "SELECT count(*) FROM (SELECT code, count(*) n FROM (SELECT source_code code FROM events UNION ALL \
                 SELECT target_code FROM events WHERE target_code IS NOT NULL) GROUP BY 1) a \
                 FULL OUTER JOIN actors d ON d.code = a.code WHERE a.n IS NOT d.events",
            ),
        ];
        for (what, sql) in checks {
            let n: i64 = self.conn.query_row(sql, [], |r| r.get(0))?;
            if n != 0 {
                problems.push(format!("{n} {what}"));
            }
        }
        // Per-day totals by key, against what the events imply.
        let mut want = agg::keyed_from_events(&self.conn)?;
        let mut st = self.conn.prepare("SELECT kind, key, date, quad, n, goldstein_sum FROM daily_key")?;
        let mut rows = st.query([])?;
        let mut differ = 0;
        while let Some(r) = rows.next()? {
            let k: (i64, String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            let (n, g): (i64, f64) = (r.get(4)?, r.get(5)?);
            match want.remove(&k) {
                Some((wn, wg)) if wn == n && (wg - g).abs() <= 0.01 => {}
                _ => differ += 1,
            }
        }
        differ += want.len();
        if differ != 0 {
            problems.push(format!("{differ} per-day key totals differing from events"));
        }
        Ok(problems)
    }
}

/// The columns [`event_from_row`] reads, in order (`e` is `events`, `s` is `sentences`).
pub(crate) const EVENT_COLUMNS: &str = "e.id, e.doc, e.sentence, s.text, e.date_text, \
    e.source_code, e.source_country, e.source_role, e.source_text, e.source_start, e.source_end, \
    e.target_code, e.target_country, e.target_role, e.target_text, e.target_start, e.target_end, \
    e.cameo, e.root, e.quad, e.goldstein, e.plover, e.loc_name, e.loc_country, e.lat, e.lon, \
    e.negated, e.verb, e.verb_start, e.verb_end, e.pattern";

pub(crate) fn event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Event> {
    let date: Option<String> = r.get(4)?;
    let target = match r.get::<_, Option<String>>(11)? {
        Some(code) => Some(Actor {
            code,
            country: r.get(12)?,
            role: r.get(13)?,
            text: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
            start: r.get::<_, Option<i64>>(15)?.unwrap_or(0) as usize,
            end: r.get::<_, Option<i64>>(16)?.unwrap_or(0) as usize,
        }),
        None => None,
    };
    let location = match r.get::<_, Option<String>>(22)? {
        Some(name) => Some(Location {
            name,
            country: r.get(23)?,
            lat: r.get::<_, Option<f64>>(24)?.unwrap_or(0.0),
            lon: r.get::<_, Option<f64>>(25)?.unwrap_or(0.0),
        }),
        None => None,
    };
    Ok(Event {
        doc_id: r.get(1)?,
        sentence_index: r.get::<_, i64>(2)? as usize,
        sentence: r.get(3)?,
        date: date.as_deref().and_then(EventDate::parse),
        source: Actor {
            code: r.get(5)?,
            country: r.get(6)?,
            role: r.get(7)?,
            text: r.get(8)?,
            start: r.get::<_, i64>(9)? as usize,
            end: r.get::<_, i64>(10)? as usize,
        },
        target,
        cameo: r.get(17)?,
        cameo_root: r.get(18)?,
        quad_class: r.get(19)?,
        goldstein: r.get::<_, f64>(20)? as f32,
        plover: r.get(21)?,
        location,
        negated: r.get(26)?,
        evidence: Evidence {
            verb: r.get(27)?,
            verb_start: r.get::<_, i64>(28)? as usize,
            verb_end: r.get::<_, i64>(29)? as usize,
            pattern: r.get(30)?,
            explain: None,
        },
    })
}
