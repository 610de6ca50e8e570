//! CoNLL-U reading and writing.
//!
//! Multiword-token ranges (`1-2`) and empty nodes (`1.1`) are skipped; `# sent_id` and `# text`
//! are kept, `SpaceAfter=No` sets [`Token::space_after`], and token byte offsets are recovered
//! from `# text` when the forms can be found in it in order.

use std::io::{self, Write};

use dyad_core::{DepRel, Sentence, Token, Upos};

/// A malformed sentence block, naming the (1-based) line of the input.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("CoNLL-U line {line}: {message}")]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

/// A sentence read from CoNLL-U with its `# sent_id`.
#[derive(Debug, Clone)]
pub struct Entry {
    pub sent_id: Option<String>,
    pub sentence: Sentence,
}

/// Reads every sentence block; a bad block yields an error and reading goes on.
pub fn read(text: &str) -> Vec<Result<Sentence, ConlluError>> {
    read_entries(text).into_iter().map(|r| r.map(|e| e.sentence)).collect()
}

/// As [`read`], keeping each sentence's `# sent_id`.
pub fn read_entries(text: &str) -> Vec<Result<Entry, ConlluError>> {
    let mut out = Vec::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            if !block.is_empty() {
                let idx = out.len();
                out.push(read_block(&block, idx));
                block.clear();
            }
        } else {
            block.push((i + 1, line));
        }
    }
    if !block.is_empty() {
        let idx = out.len();
        out.push(read_block(&block, idx));
    }
    out
}

fn err(line: usize, message: impl Into<String>) -> ConlluError {
    ConlluError { line, message: message.into() }
}

fn read_block(lines: &[(usize, &str)], index: usize) -> Result<Entry, ConlluError> {
    let mut sent_id = None;
    let mut text: Option<String> = None;
    let mut tokens = Vec::new();
    let mut any_head = false;
    for &(n, line) in lines {
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if let Some(v) = c.strip_prefix("sent_id") {
                if let Some(v) = v.trim_start().strip_prefix('=') {
                    sent_id = Some(v.trim().to_string());
                }
            } else if let Some(v) = c.strip_prefix("text") {
                if let Some(v) = v.trim_start().strip_prefix('=') {
                    text = Some(v.trim().to_string());
                }
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(n, format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        let id = cols[0];
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let id: usize = id.parse().map_err(|_| err(n, format!("bad ID {id:?}")))?;
        if id != tokens.len() + 1 {
            return Err(err(n, format!("ID {id} out of sequence (expected {})", tokens.len() + 1)));
        }
        if cols[1].is_empty() {
            return Err(err(n, "empty FORM"));
        }
        let mut t = Token::new(cols[1], 0, 0);
        t.lemma = field(cols[2]);
        t.upos = match cols[3] {
            "_" | "" => Upos::X,
            u => Upos::parse(u).ok_or_else(|| err(n, format!("unknown UPOS {u:?}")))?,
        };
        t.xpos = field(cols[4]);
        t.feats = field(cols[5]);
        if cols[6] != "_" {
            t.head = cols[6].parse().map_err(|_| err(n, format!("bad HEAD {:?}", cols[6])))?;
            any_head = true;
        }
        if cols[7] != "_" {
            t.deprel = DepRel::parse(cols[7]).ok_or_else(|| err(n, format!("unknown DEPREL {:?}", cols[7])))?;
        }
        t.space_after = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        tokens.push((n, t));
    }
    let first = lines.first().map_or(0, |l| l.0);
    if tokens.is_empty() {
        return Err(err(first, "sentence has no tokens"));
    }
    let len = tokens.len() as u32;
    for (n, t) in &tokens {
        if t.head > len {
            return Err(err(*n, format!("HEAD {} beyond the sentence's {len} tokens", t.head)));
        }
    }
    let mut tokens: Vec<Token> = tokens.into_iter().map(|(_, t)| t).collect();
    let text = place(&mut tokens, text);
    let mut s = Sentence { index, span: 0..text.len(), text, tokens, analysis: Default::default() };
    if any_head {
        s.analysis = dyad_core::sentence::Analysis::Given;
    }
    Ok(Entry { sent_id, sentence: s })
}

fn field(s: &str) -> String {
    if s == "_" {
        String::new()
    } else {
        s.to_string()
    }
}

/// Sets token offsets: found in order in `text` if possible, else in a text rebuilt from the
/// forms and `SpaceAfter`.
fn place(tokens: &mut [Token], text: Option<String>) -> String {
    if let Some(text) = text {
        let mut pos = 0;
        let mut found = Vec::with_capacity(tokens.len());
        for t in tokens.iter() {
            let rest = &text[pos..];
            let skip = rest.len() - rest.trim_start().len();
            if rest[skip..].starts_with(t.form.as_str()) {
                let start = pos + skip;
                found.push(start);
                pos = start + t.form.len();
            } else {
                break;
            }
        }
        if found.len() == tokens.len() {
            for (t, start) in tokens.iter_mut().zip(found) {
                t.start = start as u32;
                t.end = (start + t.form.len()) as u32;
            }
            return text;
        }
    }
    let mut text = String::new();
    let count = tokens.len();
    for (i, t) in tokens.iter_mut().enumerate() {
        t.start = text.len() as u32;
        text.push_str(&t.form);
        t.end = text.len() as u32;
        if t.space_after && i + 1 < count {
            text.push(' ');
        }
    }
    text
}

/// Writes sentences as CoNLL-U with `# sent_id` (the sentence index plus one) and `# text`.
pub fn write(sentences: &[Sentence], out: &mut impl Write) -> io::Result<()> {
    for s in sentences {
        write_one(None, s, out)?;
    }
    Ok(())
}

/// Writes entries, keeping their own `# sent_id`s.
pub fn write_entries(entries: &[Entry], out: &mut impl Write) -> io::Result<()> {
    for e in entries {
        write_one(e.sent_id.as_deref(), &e.sentence, out)?;
    }
    Ok(())
}

fn or_blank(s: &str) -> &str {
    if s.is_empty() {
        "_"
    } else {
        s
    }
}

/// Writes one sentence block.
pub fn write_one(sent_id: Option<&str>, s: &Sentence, out: &mut impl Write) -> io::Result<()> {
    match sent_id {
        Some(id) => writeln!(out, "# sent_id = {id}")?,
        None => writeln!(out, "# sent_id = {}", s.index + 1)?,
    }
    let text: String = s.text.chars().map(|c| if c == '\n' || c == '\r' { ' ' } else { c }).collect();
    writeln!(out, "# text = {}", text.trim())?;
    for (i, t) in s.tokens.iter().enumerate() {
        let form: String = t.form.chars().map(|c| if c.is_whitespace() { '_' } else { c }).collect();
        let parsed = s.analysis != dyad_core::sentence::Analysis::Tokens;
        let (head, rel) = if parsed { (t.head.to_string(), t.deprel.to_string()) } else { ("_".into(), "_".into()) };
        let upos = if t.upos == Upos::X && t.xpos.is_empty() && !parsed { "_" } else { t.upos.as_str() };
        let misc = if t.space_after { "_" } else { "SpaceAfter=No" };
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
            i + 1,
            or_blank(&form),
            or_blank(&t.lemma),
            upos,
            or_blank(&t.xpos),
            or_blank(&t.feats),
            head,
            rel,
            misc
        )?;
    }
    writeln!(out)
}
