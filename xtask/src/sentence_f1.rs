//! Sentence-boundary F1 of dyad's text stage against a CoNLL-U treebank.
//!
//! Each document's `# text` lines are joined into raw text (sentences by a space, paragraphs
//! by a blank line), segmented by dyad, and the predicted sentence ends (byte offsets) are
//! compared with the gold ones.

use anyhow::{Context, Result};
use dyad_text::{segment, SegmentOptions};
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Default)]
struct Doc {
    text: String,
    ends: BTreeSet<usize>,
}

pub fn run(conllu: &Path) -> Result<()> {
    let data = std::fs::read_to_string(conllu).with_context(|| format!("cannot read {}", conllu.display()))?;
    let mut docs: Vec<Doc> = Vec::new();
    for line in data.lines() {
        if line.starts_with("# newdoc") || docs.is_empty() {
            docs.push(Doc::default());
        }
        let doc = docs.last_mut().expect("a document was pushed");
        if line.starts_with("# newpar") && !doc.text.is_empty() {
            doc.text.push_str("\n\n");
        }
        if let Some(text) = line.strip_prefix("# text = ") {
            if !doc.text.is_empty() && !doc.text.ends_with('\n') {
                doc.text.push(' ');
            }
            doc.text.push_str(text.trim());
            doc.ends.insert(doc.text.len());
        }
    }
    // Raw text, so page-furniture dropping stays off: every gold sentence is scored.
    let opts = SegmentOptions { drop_furniture: false, ..SegmentOptions::default() };
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for doc in &docs {
        let predicted: BTreeSet<usize> = segment(&doc.text, &opts).sentences.iter().map(|s| s.span.end).collect();
        let hits = predicted.intersection(&doc.ends).count();
        tp += hits;
        fp += predicted.len() - hits;
        fn_ += doc.ends.len() - hits;
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    println!("{}: {} documents, {} gold sentences", conllu.display(), docs.len(), tp + fn_);
    println!("sentence boundaries: precision {:.2} %, recall {:.2} %, F1 {:.2} %", 100.0 * p, 100.0 * r, 100.0 * f1);
    Ok(())
}
