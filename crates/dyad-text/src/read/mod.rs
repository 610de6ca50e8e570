//! Readers: files, folders and standard input in every input format, as a stream of documents.
//!
//! A reader never stops a batch: a bad record becomes a [`ReadError`] naming the file and line,
//! and reading goes on with the next record.

mod conllu;
mod html;
mod jsonl;
pub mod petrarch;
mod txt;

use chrono::NaiveDate;
use dyad_core::{Document, Origin};
use std::fmt;
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// Input formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One document of plain text.
    Txt,
    /// One JSON document a line: `id`, `text`, optional `date`, `title`, `url`, `publisher`.
    Jsonl,
    /// An HTML page; the story's paragraphs are extracted.
    Html,
    /// PETRARCH `<Sentences>` or `<Articles>` XML, with or without `<Parse>`.
    Xml,
    /// CoNLL-U sentences, grouped into documents by `# newdoc`.
    Conllu,
}

impl Format {
    /// The format a file name implies, if its extension is known.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Txt,
            "jsonl" | "ndjson" => Format::Jsonl,
            "html" | "htm" | "xhtml" => Format::Html,
            "xml" => Format::Xml,
            "conllu" | "conll" => Format::Conllu,
            _ => return None,
        })
    }

    /// Reads a format name as given to `--input-format`.
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Txt,
            "jsonl" | "ndjson" => Format::Jsonl,
            "html" => Format::Html,
            "xml" | "petrarch" => Format::Xml,
            "conllu" => Format::Conllu,
            _ => return None,
        })
    }

    /// Guesses the format of unnamed input (standard input) from its first bytes.
    pub fn sniff(text: &str) -> Format {
        let head = text.trim_start();
        if head.starts_with('{') {
            Format::Jsonl
        } else if head.starts_with('<') {
            let probe = &head[..head.len().min(4096)];
            let lower = probe.to_ascii_lowercase();
            if lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body") {
                Format::Html
            } else {
                Format::Xml
            }
        } else if head.starts_with("# sent_id") || head.starts_with("# newdoc") || head.starts_with("1\t") {
            Format::Conllu
        } else {
            Format::Txt
        }
    }
}

/// What the caller supplies for documents that carry no metadata of their own.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// Overrides the format implied by each file's extension.
    pub format: Option<Format>,
    /// Date for documents without one (`--date`).
    pub date: Option<NaiveDate>,
    /// Id for documents without one (`--id`); numbered when several documents need it.
    pub id: Option<String>,
}

/// A bad record or file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub origin: Origin,
    pub message: String,
}

impl ReadError {
    pub fn new(origin: Origin, message: impl Into<String>) -> Self {
        ReadError { origin, message: message.into() }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.message)
    }
}

impl std::error::Error for ReadError {}

/// One item of the input stream.
#[derive(Debug)]
pub enum Item {
    Document(Document),
    /// A record that could not be read; the batch goes on.
    Error(ReadError),
    /// Something was repaired or skipped, but documents were still produced.
    Warning(ReadError),
}

/// Reads every input in order: files, folders (recursively, sorted, known extensions only)
/// and `-` for standard input. An empty list reads standard input.
pub fn read_inputs<'a>(inputs: &'a [PathBuf], opts: &'a ReadOptions) -> impl Iterator<Item = Item> + 'a {
    let stdin_only = [PathBuf::from("-")];
    let inputs: Vec<PathBuf> = if inputs.is_empty() { stdin_only.to_vec() } else { inputs.to_vec() };
    let mut ids = IdAssigner::new(opts.id.clone());
    inputs
        .into_iter()
        .flat_map(expand_input)
        .flat_map(move |entry| -> Box<dyn Iterator<Item = Item>> {
            match entry {
                Ok(path) => read_path(&path, opts),
                Err(e) => Box::new(std::iter::once(Item::Error(e))),
            }
        })
        .map(move |item| match item {
            Item::Document(mut d) => {
                ids.apply(&mut d);
                if d.date.is_none() {
                    d.date = opts.date;
                }
                Item::Document(d)
            }
            other => other,
        })
}

/// Names documents whose input carries no id: `--id` (numbered `ID-2`, `ID-3`, ... when
/// several need it), else the file name without its extension.
struct IdAssigner {
    id: Option<String>,
    used: usize,
}

impl IdAssigner {
    fn new(id: Option<String>) -> Self {
        IdAssigner { id, used: 0 }
    }

    fn apply(&mut self, doc: &mut Document) {
        if !doc.id.is_empty() {
            return;
        }
        doc.id = match &self.id {
            Some(id) => {
                self.used += 1;
                if self.used == 1 {
                    id.clone()
                } else {
                    format!("{id}-{}", self.used)
                }
            }
            None => {
                let path = Path::new(&*doc.origin.path);
                let stem = path.file_stem().and_then(|s| s.to_str()).filter(|s| *s != "-");
                stem.unwrap_or("stdin").to_string()
            }
        };
    }
}

/// Expands a folder into its files, recursively and in sorted order.
fn expand_input(path: PathBuf) -> Vec<Result<PathBuf, ReadError>> {
    if path.as_os_str() == "-" || !path.is_dir() {
        return vec![Ok(path)];
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&path).sort_by_file_name().follow_links(true) {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let hidden = e.file_name().to_str().is_some_and(|n| n.starts_with('.'));
                if !hidden && Format::from_path(e.path()).is_some() {
                    files.push(Ok(e.into_path()));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let p = e.path().map(|p| p.display().to_string()).unwrap_or_else(|| path.display().to_string());
                files.push(Err(ReadError::new(Origin::new(p, 0), format!("cannot read folder entry: {e}"))));
            }
        }
    }
    files
}

/// Reads one file (or `-`).
fn read_path(path: &Path, opts: &ReadOptions) -> Box<dyn Iterator<Item = Item>> {
    let name = if path.as_os_str() == "-" { "-".to_string() } else { path.display().to_string() };
    let origin = Origin::new(name.as_str(), 1);
    let format = opts.format.or_else(|| Format::from_path(path));
    if format == Some(Format::Jsonl) && path.as_os_str() != "-" {
        return match std::fs::File::open(path) {
            Ok(f) => Box::new(jsonl::read(std::io::BufReader::new(f), origin.path.clone())),
            Err(e) => Box::new(std::iter::once(Item::Error(ReadError::new(origin, format!("cannot open: {e}"))))),
        };
    }
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).map(|_| buf)
    } else {
        std::fs::read(path)
    };
    match bytes {
        Ok(b) => Box::new(read_bytes(&b, &name, format).into_iter()),
        Err(e) => Box::new(std::iter::once(Item::Error(ReadError::new(origin, format!("cannot read: {e}"))))),
    }
}

/// Reads one input held in memory; `name` is used in messages, `format` (else sniffed from
/// the content) picks the reader. This is also the entry point of the readers' fuzz targets.
pub fn read_bytes(bytes: &[u8], name: &str, format: Option<Format>) -> Vec<Item> {
    let origin = Origin::new(name, 1);
    let mut items = Vec::new();
    let Some(text) = decode(bytes, &origin, &mut items) else { return items };
    let format = format.unwrap_or_else(|| Format::sniff(&text));
    match format {
        Format::Jsonl => items.extend(jsonl::read(std::io::Cursor::new(text.into_owned()), origin.path.clone())),
        Format::Txt => items.extend(txt::read(&text, origin)),
        Format::Html => items.extend(html::read(&text, origin)),
        Format::Xml => items.extend(petrarch::read_documents(&text, origin)),
        Format::Conllu => items.extend(conllu::read(&text, origin)),
    }
    items
}

/// Decodes input bytes: binary input is an error; invalid UTF-8 is replaced with a warning
/// naming the line of the first bad byte, so one bad byte does not lose a whole story.
fn decode<'a>(bytes: &'a [u8], origin: &Origin, items: &mut Vec<Item>) -> Option<std::borrow::Cow<'a, str>> {
    let probe = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, probe).is_some() {
        items.push(Item::Error(ReadError::new(origin.clone(), "binary file (contains NUL bytes); skipped")));
        return None;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Some(std::borrow::Cow::Borrowed(s)),
        Err(e) => {
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..e.valid_up_to()]).count();
            let at = Origin::new(origin.path.clone(), line);
            items.push(Item::Warning(ReadError::new(
                at,
                format!("invalid UTF-8 at byte {}; replaced with U+FFFD", e.valid_up_to()),
            )));
            Some(String::from_utf8_lossy(bytes))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extensions_and_content() {
        assert_eq!(Format::from_path(Path::new("a/b.JSONL")), Some(Format::Jsonl));
        assert_eq!(Format::from_path(Path::new("story.txt")), Some(Format::Txt));
        assert_eq!(Format::from_path(Path::new("README")), None);
        assert_eq!(Format::sniff("  {\"id\":1}"), Format::Jsonl);
        assert_eq!(Format::sniff("<Sentences>"), Format::Xml);
        assert_eq!(Format::sniff("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff("Rebels attacked."), Format::Txt);
    }

    #[test]
    fn binary_input_is_an_error_and_bad_utf8_a_warning() {
        let origin = Origin::new("f", 1);
        let mut items = Vec::new();
        assert!(decode(b"ab\0cd", &origin, &mut items).is_none());
        assert!(matches!(&items[0], Item::Error(e) if e.message.contains("binary")));
        items.clear();
        let text = decode(b"ok\nbad \xff here", &origin, &mut items).unwrap();
        assert!(text.contains('\u{FFFD}'));
        assert!(matches!(&items[0], Item::Warning(e) if e.origin.line == 2));
    }
}
