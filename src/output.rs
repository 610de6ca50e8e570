//! Event writers: JSONL (the record of the brief), TSV and CSV (one flat row per event).

use crate::cli::OutputFormat;
use anyhow::Result;
use dyad_core::Event;
use std::io::Write;

/// The flat columns of TSV and CSV output, in order.
const COLUMNS: &[&str] = &[
    "doc_id",
    "sentence_index",
    "date",
    "source",
    "source_country",
    "source_role",
    "source_text",
    "target",
    "target_country",
    "target_role",
    "target_text",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "location",
    "location_country",
    "lat",
    "lon",
    "negated",
    "verb",
    "pattern",
    "sentence",
];

/// Writes events in one of the output formats.
pub enum EventWriter<W: Write> {
    Jsonl(W),
    Delimited(Box<csv::Writer<W>>),
}

impl<W: Write> EventWriter<W> {
    pub fn new(format: OutputFormat, out: W) -> Result<Self> {
        let delimiter = match format {
            OutputFormat::Jsonl => return Ok(EventWriter::Jsonl(out)),
            OutputFormat::Tsv => b'\t',
            OutputFormat::Csv => b',',
        };
        let mut builder = csv::WriterBuilder::new();
        builder.delimiter(delimiter);
        if format == OutputFormat::Tsv {
            // TSV readers do not expect quoting; tabs and newlines inside fields become spaces.
            builder.quote_style(csv::QuoteStyle::Never);
        }
        let mut w = builder.from_writer(out);
        w.write_record(COLUMNS)?;
        Ok(EventWriter::Delimited(Box::new(w)))
    }

    pub fn write(&mut self, event: &Event) -> Result<()> {
        match self {
            EventWriter::Jsonl(w) => {
                serde_json::to_writer(&mut *w, event)?;
                w.write_all(b"\n")?;
            }
            EventWriter::Delimited(w) => w.write_record(row(event))?,
        }
        Ok(())
    }

    pub fn flush(&mut self) -> Result<()> {
        match self {
            EventWriter::Jsonl(w) => w.flush()?,
            EventWriter::Delimited(w) => w.flush()?,
        }
        Ok(())
    }
}

/// One event as flat fields; no field contains a tab or a line break.
fn row(e: &Event) -> Vec<String> {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let opt = |s: Option<&str>| s.map(clean).unwrap_or_default();
    let target = e.target.as_ref();
    let loc = e.location.as_ref();
    vec![
        clean(&e.doc_id),
        e.sentence_index.to_string(),
        e.date.map(|d| d.to_string()).unwrap_or_default(),
        clean(&e.source.code),
        opt(e.source.country.as_deref()),
        opt(e.source.role.as_deref()),
        clean(&e.source.text),
        opt(target.map(|t| t.code.as_str())),
        opt(target.and_then(|t| t.country.as_deref())),
        opt(target.and_then(|t| t.role.as_deref())),
        opt(target.map(|t| t.text.as_str())),
        e.cameo.clone(),
        e.cameo_root.clone(),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        opt(e.plover.as_deref()),
        opt(loc.map(|l| l.name.as_str())),
        opt(loc.and_then(|l| l.country.as_deref())),
        loc.map(|l| l.lat.to_string()).unwrap_or_default(),
        loc.map(|l| l.lon.to_string()).unwrap_or_default(),
        e.negated.to_string(),
        clean(&e.evidence.verb),
        clean(&e.evidence.pattern),
        clean(&e.sentence),
    ]
}
