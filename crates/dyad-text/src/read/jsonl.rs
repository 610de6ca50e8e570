//! JSON Lines: one document a line, `{"id", "text", "date"?, "title"?, "url"?, "publisher"?}`.

use super::{Item, ReadError};
use chrono::NaiveDate;
use dyad_core::{Content, Document, Origin};
use serde::Deserialize;
use std::io::BufRead;
use std::sync::Arc;

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<IdValue>,
    text: String,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
}

/// Ids may be written as strings or numbers.
#[derive(Deserialize)]
#[serde(untagged)]
enum IdValue {
    Text(String),
    Number(serde_json::Number),
}

/// Reads records line by line, so a large file streams and one bad line costs one record.
pub(super) fn read<R: BufRead>(mut reader: R, path: Arc<str>) -> impl Iterator<Item = Item> {
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    let stem: String = std::path::Path::new(&*path)
        .file_stem()
        .and_then(|s| s.to_str())
        .filter(|s| *s != "-")
        .unwrap_or("stdin")
        .to_string();
    std::iter::from_fn(move || loop {
        buf.clear();
        line_no += 1;
        let origin = Origin::new(path.clone(), line_no);
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {}
            Err(e) => return Some(Item::Error(ReadError::new(origin, format!("cannot read: {e}")))),
        }
        let line = trim_ascii(&buf);
        if line.is_empty() {
            continue;
        }
        return Some(parse_line(line, origin, &stem));
    })
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b.iter().position(|c| !c.is_ascii_whitespace()).unwrap_or(b.len());
    let end = b.iter().rposition(|c| !c.is_ascii_whitespace()).map_or(start, |e| e + 1);
    &b[start..end]
}

fn parse_line(line: &[u8], origin: Origin, stem: &str) -> Item {
    let record: Record = match serde_json::from_slice(line) {
        Ok(r) => r,
        Err(e) => return Item::Error(ReadError::new(origin, format!("invalid JSON record: {e}"))),
    };
    let date = match record.date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        None => None,
        Some(d) => match parse_date(d) {
            Some(d) => Some(d),
            None => return Item::Error(ReadError::new(origin, format!("bad date {d:?} (expected YYYY-MM-DD)"))),
        },
    };
    let id = match record.id {
        Some(IdValue::Text(s)) if !s.trim().is_empty() => s,
        Some(IdValue::Number(n)) => n.to_string(),
        _ => format!("{stem}:{}", origin.line),
    };
    Item::Document(Document {
        id,
        date,
        title: record.title,
        url: record.url,
        publisher: record.publisher,
        origin,
        content: Content::Raw(record.text),
    })
}

/// Accepts `YYYY-MM-DD`, `YYYYMMDD` and RFC 3339 timestamps (the date part).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
        return Some(d);
    }
    NaiveDate::parse_from_str(s, "%Y%m%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<Item> {
        read(std::io::Cursor::new(text.as_bytes().to_vec()), "in.jsonl".into()).collect()
    }

    #[test]
    fn good_and_bad_lines() {
        let got = items(
            "{\"id\":\"a\",\"text\":\"Rebels attacked.\",\"date\":\"2001-03-13\"}\n\nnot json\n{\"id\":7,\"text\":\"x\",\"date\":\"13/03/2001\"}\n{\"text\":\"y\",\"date\":\"2001-03-13T10:00:00Z\"}\n",
        );
        assert_eq!(got.len(), 4);
        assert!(matches!(&got[0], Item::Document(d) if d.id == "a" && d.date.unwrap().to_string() == "2001-03-13"));
        assert!(matches!(&got[1], Item::Error(e) if e.origin.line == 3));
        assert!(matches!(&got[2], Item::Error(e) if e.origin.line == 4 && e.message.contains("bad date")));
        assert!(matches!(&got[3], Item::Document(d) if d.id == "in:5"));
    }

    #[test]
    fn invalid_utf8_line_is_one_error() {
        let mut bytes = b"{\"id\":\"a\",\"text\":\"ok\"}\n".to_vec();
        bytes.extend_from_slice(b"{\"id\":\"b\",\"text\":\"\xff\"}\n");
        let got: Vec<Item> = read(std::io::Cursor::new(bytes), "x.jsonl".into()).collect();
        assert!(matches!(&got[0], Item::Document(_)));
        assert!(matches!(&got[1], Item::Error(e) if e.origin.line == 2));
    }
}
