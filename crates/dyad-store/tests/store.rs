use dyad_store::synthetic::{self, Rng};
use dyad_store::{Bucket, Query, Store};

fn temp() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("events.db");
    (dir, path)
}

#[test]
fn schema_is_versioned_and_reopens() {
    let (_d, path) = temp();
    let s = Store::open(&path).unwrap();
    let v = s.schema_version().unwrap();
    assert!(v >= 2);
    let mode: String = s.connection().query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), v);
    let ro = Store::open_readonly(&path).unwrap();
    assert_eq!(ro.schema_version().unwrap(), v);
}

#[test]
fn reingest_is_idempotent_and_changed_hash_replaces() {
    let (_d, path) = temp();
    let mut s = Store::open(&path).unwrap();
    let batch = synthetic::batch(1, "doc", 0, 20, 5);
    let st = s.ingest(&batch).unwrap();
    assert_eq!((st.documents_new, st.documents_skipped, st.events), (20, 0, 100));
    let st = s.ingest(&batch).unwrap();
    assert_eq!((st.documents_new, st.documents_skipped, st.events), (0, 20, 0));
    assert_eq!(s.totals().unwrap(), (20, 100, 100));

    // doc3 changes: 2 events instead of 5, all its old rows go.
    let mut rng = Rng::new(99);
    let changed = synthetic::document(&mut rng, "doc3", 2, 1);
    let st = s.ingest(std::slice::from_ref(&changed)).unwrap();
    assert_eq!((st.documents_new, st.documents_replaced, st.events), (1, 1, 2));
    assert_eq!(s.totals().unwrap(), (20, 97, 97));
    let q = Query { doc: Some("doc3".into()), ..Default::default() };
    let evs = s.query(&q).unwrap();
    assert_eq!(evs.len(), 2);
    let mut got: Vec<_> = evs.into_iter().rev().collect();
    got.sort_by_key(|e| e.sentence_index);
    assert_eq!(got, changed.events);
    assert!(s.check().unwrap().is_empty(), "{:?}", s.check());
    assert_eq!(s.count(&Query::default()).unwrap(), 97);
}

#[test]
fn events_round_trip() {
    let (_d, path) = temp();
    let mut s = Store::open(&path).unwrap();
    let batch = synthetic::batch(7, "d", 0, 3, 4);
    s.ingest(&batch).unwrap();
    let mut stored = s.query(&Query { limit: Some(1000), ..Default::default() }).unwrap();
    stored.sort_by(|a, b| (&a.doc_id, a.sentence_index).cmp(&(&b.doc_id, b.sentence_index)));
    let mut want: Vec<_> = batch.iter().flat_map(|d| d.events.clone()).collect();
    want.sort_by(|a, b| (&a.doc_id, a.sentence_index).cmp(&(&b.doc_id, b.sentence_index)));
    assert_eq!(stored, want);
}

fn all_events(s: &Store) -> Vec<dyad_core::Event> {
    s.query(&Query { limit: Some(10_000), ..Default::default() }).unwrap()
}

#[test]
fn filters_match_a_scan() {
    let (_d, path) = temp();
    let mut s = Store::open(&path).unwrap();
    s.ingest(&synthetic::batch(3, "doc", 0, 200, 5)).unwrap();
    let all = all_events(&s);
    assert_eq!(all.len(), 1000);
    type Pred = Box<dyn Fn(&dyad_core::Event) -> bool>;
    let cases: Vec<(Query, Pred)> = vec![
        (
            Query { actor: Some("irn".into()), ..Default::default() },
            Box::new(|e| {
                e.source.code.starts_with("IRN") || e.target.as_ref().is_some_and(|t| t.code.starts_with("IRN"))
            }),
        ),
        (
            Query { country: Some("RUS".into()), ..Default::default() },
            Box::new(|e| {
                e.source.country.as_deref() == Some("RUS")
                    || e.target.as_ref().and_then(|t| t.country.as_deref()) == Some("RUS")
            }),
        ),
        (
            Query { source: Some("USA".into()), target: Some("CHNGOV".into()), ..Default::default() },
            Box::new(|e| e.source.code == "USAGOV" && e.target.as_ref().is_some_and(|t| t.code == "CHNGOV")),
        ),
        (Query { code: Some("04".into()), ..Default::default() }, Box::new(|e| e.cameo.starts_with("04"))),
        (Query { root: Some("19".into()), ..Default::default() }, Box::new(|e| e.cameo_root == "19")),
        (Query { quad: Some(4), ..Default::default() }, Box::new(|e| e.quad_class == 4)),
        (
            Query { from: Some("2001-02".into()), to: Some("2001".into()), ..Default::default() },
            Box::new(|e| {
                let d = e.date.unwrap().to_string();
                ("2001-02-01".."2002-01-01").contains(&d.as_str())
            }),
        ),
        (
            Query { q: Some("attacked Gaza".into()), ..Default::default() },
            Box::new(|e| e.sentence.contains("attacked") && e.sentence.contains("Gaza")),
        ),
        (
            Query { actor: Some("USAGOV".into()), quad: Some(3), to: Some("2002-06".into()), ..Default::default() },
            Box::new(|e| {
                (e.source.code == "USAGOV" || e.target.as_ref().is_some_and(|t| t.code == "USAGOV"))
                    && e.quad_class == 3
                    && e.date.unwrap().to_string().as_str() <= "2002-06-30"
            }),
        ),
        (
            Query { actor: Some("IRNG".into()), ..Default::default() },
            Box::new(|e| {
                e.source.code.starts_with("IRNG") || e.target.as_ref().is_some_and(|t| t.code.starts_with("IRNG"))
            }),
        ),
        (
            Query { actor: Some("IRN".into()), code: Some("19".into()), ..Default::default() },
            Box::new(|e| {
                (e.source.code.starts_with("IRN") || e.target.as_ref().is_some_and(|t| t.code.starts_with("IRN")))
                    && e.cameo.starts_with("19")
            }),
        ),
        (Query { code: Some("1".into()), ..Default::default() }, Box::new(|e| e.cameo.starts_with('1'))),
        (
            Query { quad: Some(1), from: Some("2002-01-01".into()), ..Default::default() },
            Box::new(|e| e.quad_class == 1 && e.date.unwrap().to_string().as_str() >= "2002-01-01"),
        ),
    ];
    for (q, pred) in cases {
        let want = all.iter().filter(|e| pred(e)).count();
        assert!(want > 0, "{q:?} matches nothing: a useless test case");
        let mut full = q.clone();
        full.limit = Some(10_000);
        assert_eq!(s.query(&full).unwrap().len(), want, "{q:?}");
        assert_eq!(s.count(&q).unwrap() as usize, want, "{q:?}");
        // Timelines row by row, whichever table answers (daily_key for actor, country, code
        // and root; events otherwise), against the same rows summed here.
        let mut by_month: std::collections::BTreeMap<(String, u8), (i64, f64)> = Default::default();
        for e in all.iter().filter(|e| pred(e)) {
            let month = e.date.unwrap().first_day().to_string()[..7].to_string();
            let t = by_month.entry((month, e.quad_class)).or_default();
            t.0 += 1;
            t.1 += e.goldstein as f64;
        }
        let tl = s.timeline(&q, Bucket::Month).unwrap();
        assert_eq!(tl.len(), by_month.len(), "{q:?}");
        for (r, ((p, quad), (n, g))) in tl.iter().zip(&by_month) {
            assert_eq!((&r.period, r.quad_class, r.count), (p, *quad, *n), "{q:?}");
            assert!((r.goldstein_sum - g).abs() < 1e-6, "{q:?}");
        }
        let dy: i64 = s.dyads(&q, 10_000).unwrap().iter().map(|r| r.count).sum();
        assert_eq!(dy as usize, want, "{q:?}");
    }
    // Paging.
    let page = s.query(&Query { limit: Some(10), offset: Some(5), ..Default::default() }).unwrap();
    assert_eq!(page, all[5..15]);
}

#[test]
fn aggregations() {
    let (_d, path) = temp();
    let mut s = Store::open(&path).unwrap();
    s.ingest(&synthetic::batch(5, "doc", 0, 100, 5)).unwrap();
    let all = all_events(&s);
    for bucket in [Bucket::Day, Bucket::Week, Bucket::Month] {
        let tl = s.timeline(&Query::default(), bucket).unwrap();
        assert_eq!(tl.iter().map(|r| r.count).sum::<i64>(), 500);
        let g: f64 = tl.iter().map(|r| r.goldstein_sum).sum();
        let want: f64 = all.iter().map(|e| e.goldstein as f64).sum();
        assert!((g - want).abs() < 1e-3);
        // Periods sorted.
        assert!(tl.windows(2).all(|w| w[0].period <= w[1].period));
        // Filtered (events table) and unfiltered (daily table) paths agree.
        let mut filtered = Vec::new();
        for quad in 1..=4 {
            filtered.extend(s.timeline(&Query { quad: Some(quad), ..Default::default() }, bucket).unwrap());
        }
        let mut a: Vec<_> = tl.iter().map(|r| (r.period.clone(), r.quad_class, r.count)).collect();
        let mut b: Vec<_> = filtered.iter().map(|r| (r.period.clone(), r.quad_class, r.count)).collect();
        a.sort();
        b.sort();
        assert_eq!(a, b, "{bucket:?}");
    }
    let week = s.timeline(&Query::default(), Bucket::Week).unwrap();
    for r in &week {
        let d = chrono::NaiveDate::parse_from_str(&r.period, "%Y-%m-%d").unwrap();
        assert_eq!(chrono::Datelike::weekday(&d), chrono::Weekday::Mon);
    }
    let dy = s.dyads(&Query::default(), 5).unwrap();
    assert_eq!(dy.len(), 5);
    assert!(dy.windows(2).all(|w| w[0].count >= w[1].count));
    let dy_f = s.dyads(&Query { from: Some("1900".into()), ..Default::default() }, 5).unwrap();
    assert_eq!(dy, dy_f);
    let ac = s.actors(&Query::default(), 100).unwrap();
    let ac_f = s.actors(&Query { from: Some("1900".into()), ..Default::default() }, 100).unwrap();
    assert_eq!(ac, ac_f);
    let dd = s.deduplicated(&Query::default()).unwrap();
    assert!(!dd.is_empty());
}

#[test]
fn dedup_view_counts_mentions_and_documents() {
    let (_d, path) = temp();
    let mut s = Store::open(&path).unwrap();
    let mut rng = Rng::new(1);
    let mut a = synthetic::document(&mut rng, "a", 1, 0);
    let mut b = a.clone();
    b.doc.id = "b".into();
    b.events[0].doc_id = "b".into();
    b.content_hash = "other".into();
    a.events.push(a.events[0].clone());
    s.ingest(&[a, b]).unwrap();
    let (m, d): (i64, i64) = s
        .connection()
        .query_row("SELECT mentions, documents FROM events_dedup", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((m, d), (3, 2));
}

#[test]
fn hostile_filter_strings_are_harmless() {
    let (_d, path) = temp();
    let mut s = Store::open(&path).unwrap();
    s.ingest(&synthetic::batch(9, "doc", 0, 10, 3)).unwrap();
    let nasty = [
        "'; DROP TABLE events; --",
        "\" OR 1=1 --",
        "IRN' OR '1'='1",
        "%",
        "_",
        "*",
        "NEAR(a b)",
        "text:foo OR bar",
        "\0\u{10FFFF}",
        ")) UNION SELECT * FROM documents --",
    ];
    for n in nasty {
        let q = Query {
            actor: Some(n.into()),
            country: Some(n.into()),
            source: Some(n.into()),
            target: Some(n.into()),
            code: Some(n.into()),
            root: Some(n.into()),
            doc: Some(n.into()),
            ..Default::default()
        };
        assert_eq!(s.query(&q).unwrap().len(), 0, "{n}");
        assert_eq!(s.count(&q).unwrap(), 0, "{n}");
        // Free text: never an error, never more than everything.
        let q = Query { q: Some(n.into()), ..Default::default() };
        assert!(s.query(&q).unwrap().len() <= 30, "{n}");
        let q = Query { from: Some(n.into()), ..Default::default() };
        assert!(s.query(&q).is_err(), "{n}: bad dates are an error");
    }
    assert_eq!(s.totals().unwrap().2, 30);
    assert!(s.check().unwrap().is_empty());
}

#[test]
fn document_hash_follows_content_and_metadata() {
    use dyad_core::{Document, Origin};
    let a = Document::from_text("x", "Putin met Khatami.", Origin::new("-", 1));
    let mut b = a.clone();
    assert_eq!(dyad_store::document_hash(&a), dyad_store::document_hash(&b));
    b.title = Some("t".into());
    assert_ne!(dyad_store::document_hash(&a), dyad_store::document_hash(&b));
    let c = Document::from_text("y", "Putin met Khatami!", Origin::new("-", 1));
    assert_ne!(dyad_store::document_hash(&a), dyad_store::document_hash(&c));
    let entry = dyad_store::DocBatch::new(&a, vec![(0, "Putin met Khatami.".into())], vec![]);
    assert_eq!(entry.doc.id, "x");
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("h.db")).unwrap();
    assert_eq!(s.ingest(std::slice::from_ref(&entry)).unwrap().documents_new, 1);
    assert_eq!(s.ingest(&[entry]).unwrap().documents_skipped, 1);
}
