//! Sentences whose boundaries (and maybe parse) the input gives: PETRARCH `<Sentence>` records
//! and CoNLL-U blocks. Token lines become [`Sentence`] tokens with byte offsets into the
//! sentence text, so evidence spans work the same as for raw text.

use dyad_core::{Analysis, DepRel, GivenParse, GivenSentence, Rel, Sentence, Token, Upos};

/// A problem in a given parse, with the 0-based line within the parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

/// The sentence for a given record: its CoNLL-U parse when it has one, else its text
/// tokenized as one sentence (the input's boundary wins over the splitter's). A Penn Treebank
/// parse is left to the parse stage: the sentence comes back tokenized only.
pub fn sentence_from_given(index: usize, given: &GivenSentence) -> Result<Sentence, ParseError> {
    let text = given.text.trim();
    if let Some(GivenParse::Conllu(block)) = &given.parse {
        let mut s = sentence_from_conllu(block, Some(text))?;
        s.index = index;
        return Ok(s);
    }
    // A dateline ("LYON:") is not part of the sentence, as in running text.
    let text = crate::segment::after_dateline(text);
    Ok(Sentence {
        index,
        span: 0..text.len(),
        text: text.to_string(),
        tokens: crate::tokenize(text),
        ..Sentence::default()
    })
}

/// Reads CoNLL-U token lines (multiword ranges and empty nodes skipped). Offsets are found by
/// locating each form in `text` in order; without text (or when a form is not found) the
/// forms joined by their SpaceAfter become the text.
pub fn sentence_from_conllu(block: &str, text: Option<&str>) -> Result<Sentence, ParseError> {
    let mut tokens = Vec::new();
    for (k, line) in block.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let err = |message: String| ParseError { line: k, message };
        if cols.len() != 10 {
            return Err(err(format!("expected 10 tab-separated columns, found {}", cols.len())));
        }
        if cols[0].contains(['-', '.']) {
            continue;
        }
        let id: usize = cols[0].parse().map_err(|_| err(format!("bad token id {:?}", cols[0])))?;
        if id != tokens.len() + 1 {
            return Err(err(format!("token id {id} out of order (expected {})", tokens.len() + 1)));
        }
        let mut t = Token::new(cols[1], 0, 0);
        t.lemma = if cols[2] == "_" && cols[1] != "_" { String::new() } else { cols[2].to_string() };
        t.upos = Upos::parse(cols[3]).unwrap_or(Upos::X);
        t.xpos = if cols[4] == "_" { String::new() } else { cols[4].to_string() };
        t.feats = if cols[5] == "_" { String::new() } else { cols[5].to_string() };
        t.head =
            if cols[6] == "_" { 0 } else { cols[6].parse().map_err(|_| err(format!("bad head {:?}", cols[6])))? };
        t.deprel = DepRel::parse(cols[7]).unwrap_or(DepRel::new(Rel::Dep));
        t.space_after = !cols[9].split('|').any(|m| m == "SpaceAfter=No");
        tokens.push(t);
    }
    let n = tokens.len() as u32;
    for (i, t) in tokens.iter_mut().enumerate() {
        // A head outside the sentence or onto itself is treated as the root.
        if t.head > n || t.head == i as u32 + 1 {
            t.head = 0;
        }
    }
    let text = place_tokens(&mut tokens, text);
    Ok(Sentence { index: 0, span: 0..text.len(), text, tokens, analysis: Analysis::Given })
}

/// Sets byte offsets of tokens within the text, building the text from the forms when it is
/// missing or does not contain them in order.
fn place_tokens(tokens: &mut [Token], text: Option<&str>) -> String {
    if let Some(text) = text {
        let mut pos = 0;
        let mut placed = Vec::with_capacity(tokens.len());
        for t in tokens.iter() {
            match text[pos..].find(t.form.as_str()) {
                Some(k) if text[pos..pos + k].trim().is_empty() => {
                    placed.push((pos + k, pos + k + t.form.len()));
                    pos += k + t.form.len();
                }
                _ => break,
            }
        }
        if placed.len() == tokens.len() {
            for (t, (s, e)) in tokens.iter_mut().zip(placed) {
                t.start = s as u32;
                t.end = e as u32;
            }
            return text.to_string();
        }
    }
    let mut out = String::new();
    for t in tokens.iter_mut() {
        t.start = out.len() as u32;
        out.push_str(&t.form);
        t.end = out.len() as u32;
        if t.space_after {
            out.push(' ');
        }
    }
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n2\trestored\trestore\tVERB\tVBD\t_\t0\troot\t_\t_\n3\tties\ttie\tNOUN\tNNS\t_\t2\tdobj\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";

    #[test]
    fn reads_tokens_relations_and_offsets() {
        let s = sentence_from_conllu(BLOCK, Some("Arnor  restored ties.")).unwrap();
        assert_eq!(s.tokens.len(), 4);
        assert_eq!(s.tokens[2].deprel.to_string(), "obj");
        assert_eq!(s.tokens[1].lemma, "restore");
        assert_eq!(&s.text[s.token_range(1)], "restored");
        assert_eq!(s.root(), Some(1));
        assert_eq!(s.analysis, Analysis::Given);
    }

    #[test]
    fn text_is_rebuilt_when_it_does_not_match() {
        let s = sentence_from_conllu(BLOCK, Some("Something else entirely")).unwrap();
        assert_eq!(s.text, "Arnor restored ties.");
        assert_eq!(&s.text[s.token_range(3)], ".");
    }

    #[test]
    fn a_given_text_without_a_parse_leaves_out_its_dateline() {
        let given = |text: &str| GivenSentence { text: text.into(), parse: None, line: 1 };
        let s = sentence_from_given(0, &given("MINAS TITH, Gondor: Arnor restored ties.")).unwrap();
        assert_eq!(s.text, "Arnor restored ties.");
        assert_eq!(s.tokens[0].form, "Arnor");
        let plain = sentence_from_given(0, &given("NATO restored ties.")).unwrap();
        assert_eq!(plain.tokens[0].form, "NATO");
    }

    #[test]
    fn errors_name_the_line() {
        let e = sentence_from_conllu("1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n3\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n", None)
            .unwrap_err();
        assert_eq!(e.line, 1);
        assert!(sentence_from_conllu("1\tA\n", None).is_err());
    }
}
