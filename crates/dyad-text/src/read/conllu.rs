//! CoNLL-U: sentences with their parse, grouped into documents by `# newdoc`.

use super::{Item, ReadError};
use dyad_core::{Content, Document, GivenParse, GivenSentence, Origin};

pub(super) fn read(text: &str, origin: Origin) -> impl Iterator<Item = Item> {
    let mut items = Vec::new();
    let mut doc: Option<Document> = None;
    let mut sentence = SentenceBuilder::default();
    let mut doc_count = 0usize;
    let finish_doc = |doc: &mut Option<Document>, items: &mut Vec<Item>| {
        if let Some(d) = doc.take() {
            if matches!(&d.content, Content::Sentences(s) if !s.is_empty()) {
                items.push(Item::Document(d));
            }
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if let Some(s) = sentence.finish() {
                push_sentence(&mut doc, s, &origin, &mut doc_count);
            }
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment.strip_prefix("newdoc") {
                if let Some(s) = sentence.finish() {
                    push_sentence(&mut doc, s, &origin, &mut doc_count);
                }
                finish_doc(&mut doc, &mut items);
                let id = id.trim().strip_prefix("id").map(|r| r.trim().trim_start_matches('=').trim().to_string());
                doc_count += 1;
                let mut d = Document::from_text("", "", Origin::new(origin.path.clone(), line_no));
                d.id = id.unwrap_or_default();
                d.content = Content::Sentences(Vec::new());
                doc = Some(d);
            } else if let Some(t) = comment.strip_prefix("text") {
                let t = t.trim_start();
                if let Some(t) = t.strip_prefix('=') {
                    sentence.text = Some(t.trim().to_string());
                }
            }
            sentence.start.get_or_insert(line_no);
            continue;
        }
        if !line.contains('\t') {
            items.push(Item::Error(ReadError::new(
                Origin::new(origin.path.clone(), line_no),
                "not a CoNLL-U token line (expected 10 tab-separated columns)",
            )));
            continue;
        }
        sentence.start.get_or_insert(line_no);
        sentence.lines.push_str(line);
        sentence.lines.push('\n');
    }
    if let Some(s) = sentence.finish() {
        push_sentence(&mut doc, s, &origin, &mut doc_count);
    }
    finish_doc(&mut doc, &mut items);
    items.into_iter()
}

fn push_sentence(doc: &mut Option<Document>, s: GivenSentence, origin: &Origin, doc_count: &mut usize) {
    let d = doc.get_or_insert_with(|| {
        *doc_count += 1;
        let mut d = Document::from_text("", "", Origin::new(origin.path.clone(), s.line));
        d.content = Content::Sentences(Vec::new());
        d
    });
    if let Content::Sentences(v) = &mut d.content {
        v.push(s);
    }
}

#[derive(Default)]
struct SentenceBuilder {
    text: Option<String>,
    lines: String,
    start: Option<usize>,
}

impl SentenceBuilder {
    fn finish(&mut self) -> Option<GivenSentence> {
        let b = std::mem::take(self);
        if b.lines.is_empty() {
            return None;
        }
        let text = b.text.unwrap_or_else(|| {
            // Without `# text`, the forms joined by spaces stand in for the text.
            b.lines
                .lines()
                .filter_map(|l| {
                    let mut cols = l.split('\t');
                    let id = cols.next()?;
                    (!id.contains(['-', '.'])).then(|| cols.next()).flatten()
                })
                .collect::<Vec<_>>()
                .join(" ")
        });
        Some(GivenSentence { text, parse: Some(GivenParse::Conllu(b.lines)), line: b.start.unwrap_or(0) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_sentences_into_documents() {
        let text = "# newdoc id = d1\n# text = Hi there\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\t_\n\n1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_\n\n# newdoc id = d2\n1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_\nbroken line\n";
        let items: Vec<Item> = read(text, Origin::new("x.conllu", 1)).collect();
        let docs: Vec<&Document> =
            items.iter().filter_map(|i| if let Item::Document(d) = i { Some(d) } else { None }).collect();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "d1");
        let Content::Sentences(s) = &docs[0].content else { panic!() };
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].text, "Hi there");
        assert_eq!(s[1].text, "Bye");
        assert_eq!(s[1].line, 6);
        assert!(items.iter().any(|i| matches!(i, Item::Error(e) if e.origin.line == 10)));
    }
}
