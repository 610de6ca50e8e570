//! `dyad ingest`, `dyad query` and `dyad serve`: the SQLite event store and its server.

use crate::cli::{Aggregate, IngestArgs, QueryArgs, ServeArgs, TableFormat};
use crate::commands::code::{configure_threads, read_options, report};
use crate::pipeline;
use crate::progress::Progress;
use anyhow::{Context, Result};
use dyad_store::{Bucket, DocBatch, Query, Store};
use std::io::Write;
use std::process::ExitCode;

pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    configure_threads(&args.input)?;
    let pipeline = crate::coders::pipeline(&args.dict, false)?;
    let mut store = Store::open(&args.db).with_context(|| format!("cannot open store {}", args.db.display()))?;
    let opts = read_options(&args.input);
    let progress = Progress::documents();
    let mut pending: Vec<DocBatch> = Vec::new();
    let (mut new, mut skipped, mut replaced, mut stored) = (0, 0, 0, 0);
    // Time spent storing (apart from reading and coding), for the summary.
    let mut store_time = std::time::Duration::ZERO;
    let mut flush = |pending: &mut Vec<DocBatch>, store: &mut Store| -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let t = std::time::Instant::now();
        let stats = store.ingest(pending).context("cannot store the batch")?;
        store_time += t.elapsed();
        stored += stats.events;
        new += stats.documents_new;
        skipped += stats.documents_skipped;
        replaced += stats.documents_replaced;
        pending.clear();
        Ok(())
    };
    let summary = pipeline::run(dyad_text::read_inputs(&args.input.inputs, &opts), &pipeline, &progress, |doc, p| {
        let sentences = p.sentences.iter().map(|s| (s.index, s.text.clone())).collect();
        pending.push(DocBatch::new(doc, sentences, p.events));
        if pending.len() >= args.batch.max(1) {
            flush(&mut pending, &mut store)?;
        }
        Ok(())
    })?;
    flush(&mut pending, &mut store)?;
    progress.finish();
    let secs = store_time.as_secs_f64();
    eprintln!(
        "dyad: {} documents ({new} new, {replaced} replaced, {skipped} unchanged), {} events; \
         storing took {secs:.2} s ({:.0} events/s)",
        summary.documents,
        summary.events,
        stored as f64 / secs.max(1e-9)
    );
    Ok(report(&summary))
}

pub fn query(args: QueryArgs) -> Result<ExitCode> {
    let store = Store::open_readonly(&args.db).with_context(|| format!("cannot open store {}", args.db.display()))?;
    let q = Query {
        actor: args.actor,
        source: args.source,
        target: args.target,
        code: args.code,
        quad: args.quad,
        from: args.from,
        to: args.to,
        q: args.words,
        limit: Some(args.limit),
        ..Query::default()
    };
    let (header, rows): (Vec<&str>, Vec<Vec<String>>) = match args.by {
        None => {
            let events = store.query(&q)?;
            if args.format == TableFormat::Jsonl {
                let mut out = std::io::stdout().lock();
                for e in &events {
                    serde_json::to_writer(&mut out, e)?;
                    out.write_all(b"\n")?;
                }
                return Ok(ExitCode::SUCCESS);
            }
            let rows = events
                .iter()
                .map(|e| {
                    vec![
                        e.date.map(|d| d.to_string()).unwrap_or_default(),
                        e.source.code.clone(),
                        e.target.as_ref().map(|t| t.code.clone()).unwrap_or_default(),
                        e.cameo.clone(),
                        e.goldstein.to_string(),
                        e.location.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
                        e.doc_id.clone(),
                        e.evidence.verb.clone(),
                    ]
                })
                .collect();
            (vec!["date", "source", "target", "cameo", "goldstein", "location", "doc_id", "verb"], rows)
        }
        Some(Aggregate::Dyad) => {
            let rows = store
                .dyads(&q, args.limit)?
                .into_iter()
                .map(|d| {
                    vec![d.source, d.target.unwrap_or_default(), d.count.to_string(), format!("{:.1}", d.goldstein_sum)]
                })
                .collect();
            (vec!["source", "target", "events", "goldstein_sum"], rows)
        }
        Some(b) => {
            let bucket = match b {
                Aggregate::Day => Bucket::Day,
                Aggregate::Week => Bucket::Week,
                _ => Bucket::Month,
            };
            let rows = store
                .timeline(&q, bucket)?
                .into_iter()
                .map(|r| {
                    vec![r.period, r.quad_class.to_string(), r.count.to_string(), format!("{:.1}", r.goldstein_sum)]
                })
                .collect();
            (vec!["period", "quad_class", "events", "goldstein_sum"], rows)
        }
    };
    print_rows(args.format, &header, &rows)?;
    Ok(ExitCode::SUCCESS)
}

fn print_rows(format: TableFormat, header: &[&str], rows: &[Vec<String>]) -> Result<()> {
    let out = std::io::stdout().lock();
    match format {
        TableFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(header)?;
            for r in rows {
                w.write_record(r)?;
            }
            w.flush()?;
        }
        TableFormat::Jsonl => {
            let mut out = out;
            for r in rows {
                let obj: serde_json::Map<String, serde_json::Value> =
                    header.iter().zip(r).map(|(k, v)| (k.to_string(), serde_json::Value::String(v.clone()))).collect();
                serde_json::to_writer(&mut out, &obj)?;
                out.write_all(b"\n")?;
            }
        }
        TableFormat::Table => {
            let mut out = out;
            let widths: Vec<usize> = (0..header.len())
                .map(|i| rows.iter().map(|r| r[i].chars().count()).chain([header[i].len()]).max().unwrap_or(0).min(40))
                .collect();
            let line = |cells: Vec<&str>| {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{:<w$}", c.chars().take(40).collect::<String>(), w = *w))
                    .collect::<Vec<_>>()
                    .join("  ")
            };
            writeln!(out, "{}", line(header.to_vec()))?;
            for r in rows {
                writeln!(out, "{}", line(r.iter().map(String::as_str).collect()))?;
            }
        }
    }
    Ok(())
}

pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    eprintln!("dyad: serving {} on http://{}", args.db.display(), args.addr);
    dyad_serve::serve(args.db, args.addr)?;
    Ok(ExitCode::SUCCESS)
}
