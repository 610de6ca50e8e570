//! `dyad dict check`: lints compiled dictionaries beyond what loading reports — overlapping
//! date ranges, names listed for two different entries, patterns that can never win.

use super::{Diagnostic, Lexicon};

/// Every problem found, load diagnostics first.
pub fn check(lex: &Lexicon) -> Vec<Diagnostic> {
    let mut out = lex.diagnostics.clone();
    let at = |origin: &str, message: String| {
        let (file, line) = origin.rsplit_once(':').unwrap_or((origin, "0"));
        Diagnostic { file: file.to_string(), line: line.parse().unwrap_or(0), message }
    };
    for a in &lex.actors.values {
        let dated: Vec<_> = a.codes.iter().filter(|c| c.from.is_some() || c.until.is_some()).collect();
        for (i, x) in dated.iter().enumerate() {
            for y in &dated[i + 1..] {
                let x_before_y = x.until.zip(y.from).is_some_and(|(u, f)| u < f);
                let y_before_x = y.until.zip(x.from).is_some_and(|(u, f)| u < f);
                if !x_before_y && !y_before_x {
                    out.push(at(&a.origin, format!("{}: date ranges of {} and {} overlap", a.name, x.code, y.code)));
                }
            }
        }
    }
    for (phrase, first, again) in &lex.actors.duplicates {
        let (f, g) = (&lex.actors.values[*first], &lex.actors.values[*again]);
        if f.codes != g.codes {
            out.push(at(
                &g.origin,
                format!("'{phrase}' is already an actor at {} with other codes; this one is ignored", f.origin),
            ));
        }
    }
    for (phrase, first, again) in &lex.agents.duplicates {
        let (f, g) = (&lex.agents.values[*first], &lex.agents.values[*again]);
        if f.code != g.code {
            out.push(at(&g.origin, format!("'{phrase}' is already an agent at {} with code {}", f.origin, f.code)));
        }
    }
    for block in &lex.blocks {
        for (i, p) in block.iter().enumerate() {
            if let Some(q) = block[..i].iter().find(|q| q.before == p.before && q.after == p.after) {
                out.push(at(&p.entry, format!("pattern can never match first: same words as {}", q.entry)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_overlaps_duplicates_and_shadowed_patterns() {
        let text = "[actors]\nA | Aa => ABC\n    => ABCGOV 2000-01-01..2005-01-01\n    => ABCELI 2004-01-01..\nAa => DEF\n[verbs]\nmeet => 040\n    * talks => 040\n    * talks => 041\n";
        let lex = Lexicon::from_dyad_files(&[("t.txt", text)]);
        let msgs: Vec<String> = check(&lex).iter().map(|d| format!("{}: {}", d.line, d.message)).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].starts_with("2: A: date ranges"));
        assert!(msgs[1].starts_with("5: 'aa' is already"));
        assert!(msgs[2].starts_with("9: pattern can never"));
    }
}
