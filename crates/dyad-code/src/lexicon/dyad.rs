//! Reader for dyad's own dictionary format (docs/dictionary-format.md): sections of
//! `names => CODE` lines, dated actor codes on continuation lines, indented verb patterns.
//! Codes are checked against the CAMEO table; a bad line is a diagnostic and the rest loads.

use super::{ActorEntry, AgentEntry, DatedCode, Diagnostic, DiscardScope, Lexicon, VerbEntry};
use crate::pattern::{PElem, PPattern};
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    None,
    Actors,
    Agents,
    Verbs,
    Nouns,
    Sets,
    Discards,
    Future,
}

/// Reads one file of dyad's format into `lex`. Synonym sets must be read before the verbs
/// that use them: call with the files in order, or put `[sets]` first.
pub fn read(text: &str, file: &str, lex: &mut Lexicon) {
    let mut section = Section::None;
    let mut last_actor: Option<usize> = None;
    let mut block: Option<usize> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw.split('#').next().unwrap_or("").trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let mut diag = |message: String| lex.diagnostics.push(Diagnostic { file: file.into(), line: line_no, message });
        let indented = line.starts_with(char::is_whitespace);
        let body = line.trim();
        if body.starts_with('[') && body.ends_with(']') && !indented {
            section = match &body[1..body.len() - 1] {
                "actors" => Section::Actors,
                "agents" => Section::Agents,
                "verbs" => Section::Verbs,
                "nouns" => Section::Nouns,
                "sets" => Section::Sets,
                "discards" => Section::Discards,
                "future" => Section::Future,
                other => {
                    diag(format!("unknown section [{other}]"));
                    Section::None
                }
            };
            last_actor = None;
            block = None;
            continue;
        }
        let result = match section {
            Section::None => Err("line outside any section".to_string()),
            Section::Actors => actor_line(lex, file, line_no, body, indented, &mut last_actor),
            Section::Agents => agent_line(lex, file, line_no, body),
            Section::Sets => set_line(lex, body),
            Section::Discards => discard_line(lex, body),
            Section::Nouns => noun_line(lex, file, line_no, body),
            Section::Future => future_line(lex, body),
            Section::Verbs if indented && body.starts_with("=>") => Err("a verb has no dated codes".into()),
            Section::Verbs if indented => match block {
                Some(b) => pattern_line(lex, file, line_no, body).map(|p| lex.blocks[b].push(p)),
                None => Err("pattern before any verb".into()),
            },
            Section::Verbs => verb_line(lex, file, line_no, body).map(|b| block = Some(b)),
        };
        if let Err(e) = result {
            lex.diagnostics.push(Diagnostic { file: file.into(), line: line_no, message: e });
        }
    }
}

/// `[future] 06 => 031` or `not 04 => 125`: the code of an event announced for the future,
/// or refused for it, by the CAMEO code (or prefix) of the event itself.
fn future_line(lex: &mut Lexicon, body: &str) -> Result<(), String> {
    let (lhs, code) = body.split_once("=>").ok_or("expected `CODE => CODE` or `not CODE => CODE`")?;
    let (negated, prefix) = match lhs.trim().strip_prefix("not ") {
        Some(p) => (true, p.trim()),
        None => (false, lhs.trim()),
    };
    let code = code.trim();
    let digits = |c: &str| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit());
    if !digits(prefix) || !digits(code) {
        return Err(format!("expected CAMEO codes, not {prefix:?} => {code:?}"));
    }
    if dyad_cameo::lookup(code).is_none() {
        return Err(format!("unknown CAMEO code {code}"));
    }
    lex.future.push(super::FutureCode { negated, prefix: prefix.to_string(), code: code.to_string() });
    Ok(())
}

/// Names separated by `|`, each as lowercase tokens.
fn names(s: &str) -> Vec<Vec<String>> {
    s.split('|')
        .map(|n| n.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>())
        .filter(|n| !n.is_empty())
        .collect()
}

fn check_code(code: &str) -> Result<(), String> {
    if dyad_cameo::lookup(code).is_some() {
        Ok(())
    } else {
        Err(format!("unknown CAMEO code {code}"))
    }
}

/// `040`, `042:043` or `---`.
fn code_pair(s: &str) -> Result<Option<(String, Option<String>)>, String> {
    let s = s.trim();
    if s == "---" {
        return Ok(None);
    }
    let (a, b) = match s.split_once(':') {
        Some((a, b)) => (a.trim(), Some(b.trim())),
        None => (s, None),
    };
    check_code(a)?;
    if let Some(b) = b {
        check_code(b)?;
    }
    Ok(Some((a.to_string(), b.map(str::to_string))))
}

fn iso(s: &str) -> Result<Option<NaiveDate>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| format!("bad date {s:?} (want YYYY-MM-DD)"))
}

/// `RUSGOV 1999-08-09..2008-05-07`, `RUSGOV ..1999`, `RUSGOV`.
fn dated_code(s: &str) -> Result<DatedCode, String> {
    let mut parts = s.split_whitespace();
    let code = parts.next().ok_or("missing code")?.to_string();
    if !(code.len() >= 3 && code.len() % 3 == 0 && code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())) {
        return Err(format!("bad actor code {code:?}"));
    }
    let mut dc = DatedCode { code, from: None, until: None };
    if let Some(range) = parts.next() {
        let (a, b) = range.split_once("..").ok_or_else(|| format!("bad date range {range:?} (want FROM..UNTIL)"))?;
        dc.from = iso(a)?;
        dc.until = iso(b)?;
        if let (Some(f), Some(u)) = (dc.from, dc.until) {
            if f > u {
                return Err(format!("date range {range} ends before it starts"));
            }
        }
    }
    Ok(dc)
}

fn add_names<T>(index: &mut super::PhraseIndex<T>, list: &str, k: usize, optional_the: bool) {
    for n in names(list) {
        if optional_the && n.len() > 1 && n[0] == "the" {
            index.add(n[1..].to_vec(), k);
        }
        index.add(n, k);
    }
}

fn actor_line(
    lex: &mut Lexicon,
    file: &str,
    line_no: usize,
    body: &str,
    indented: bool,
    last: &mut Option<usize>,
) -> Result<(), String> {
    if let Some(rest) = body.strip_prefix("=>") {
        let k = last.ok_or("dated code with no actor before it")?;
        let dc = dated_code(rest)?;
        lex.actors.values[k].codes.push(dc);
        return Ok(());
    }
    if indented {
        return Err("indented line that is not a `=> CODE` continuation".into());
    }
    let (list, code) = match body.split_once("=>") {
        Some((l, c)) => (l, Some(c)),
        None => (body, None),
    };
    let codes = match code {
        Some(c) if !c.trim().is_empty() => vec![dated_code(c)?],
        _ => Vec::new(),
    };
    let name = list.split('|').next().unwrap_or("").trim().to_string();
    let k = lex.actors.push(ActorEntry { name, codes, origin: format!("{file}:{line_no}") });
    add_names(&mut lex.actors, list, k, true);
    for n in list.split('|').map(str::trim) {
        if !n.contains(' ') && n.len() <= 5 && n.chars().all(|c| c.is_ascii_uppercase() || c == '.') {
            lex.acronyms.insert(n.to_lowercase());
        }
        if n.starts_with(char::is_uppercase) {
            let words: Vec<String> = n.split_whitespace().map(str::to_lowercase).collect();
            lex.proper.insert(words.join(" "));
        }
    }
    *last = Some(k);
    Ok(())
}

fn plural_of(words: &[String]) -> Vec<String> {
    let mut out = words.to_vec();
    if let Some(last) = out.last_mut() {
        *last = if last.ends_with('y') && !last.ends_with("ey") && !last.ends_with("ay") && !last.ends_with("oy") {
            format!("{}ies", &last[..last.len() - 1])
        } else if last.ends_with('s') || last.ends_with('x') || last.ends_with("ch") || last.ends_with("sh") {
            last.clone()
        } else {
            format!("{last}s")
        };
    }
    out
}

fn agent_line(lex: &mut Lexicon, file: &str, line_no: usize, body: &str) -> Result<(), String> {
    let (list, code) = body.split_once("=>").ok_or("agent line without `=> ~ROLE`")?;
    let code = code.trim().to_string();
    let role = code.trim_matches('~');
    if role.is_empty() || role.len() % 3 != 0 || !role.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(format!("bad agent code {code:?}"));
    }
    let name = list.split('|').next().unwrap_or("").trim().to_string();
    let k = lex.agents.push(AgentEntry { name, code, origin: format!("{file}:{line_no}"), stacks: false });
    for n in names(list) {
        lex.agents.add(plural_of(&n), k);
        lex.agents.add(n, k);
    }
    Ok(())
}

fn set_line(lex: &mut Lexicon, body: &str) -> Result<(), String> {
    let (name, list) = body.split_once('=').ok_or("set line without `=`")?;
    let name = name.trim();
    if !name.starts_with('&') {
        return Err("a set name starts with '&'".into());
    }
    let words: Vec<String> = names(list).into_iter().map(|n| n.join(" ")).collect();
    lex.sets.insert(name.to_lowercase(), words);
    Ok(())
}

fn discard_line(lex: &mut Lexicon, body: &str) -> Result<(), String> {
    let (scope, list) = body.split_once(':').ok_or("discard line without `sentence:` or `story:`")?;
    let scope = match scope.trim() {
        "sentence" => DiscardScope::Sentence,
        "story" => DiscardScope::Story,
        other => return Err(format!("unknown discard scope {other:?}")),
    };
    let k = lex.discards.push(scope);
    add_names(&mut lex.discards, list, k, false);
    Ok(())
}

fn noun_line(lex: &mut Lexicon, file: &str, line_no: usize, body: &str) -> Result<(), String> {
    let (list, code) = body.split_once("=>").ok_or("noun line without `=> CODE`")?;
    let Some(pair) = code_pair(code)? else { return Ok(()) };
    let k = lex.nouns.push((pair, format!("{file}:{line_no}")));
    add_names(&mut lex.nouns, list, k, false);
    Ok(())
}

fn verb_line(lex: &mut Lexicon, file: &str, line_no: usize, body: &str) -> Result<usize, String> {
    let (list, code) = body.split_once("=>").ok_or("verb line without `=> CODE`")?;
    let code = code_pair(code)?;
    lex.blocks.push(Vec::new());
    let b = lex.blocks.len() - 1;
    for n in names(list) {
        let k = lex.verb_entries.len();
        lex.verb_entries.push(VerbEntry {
            name: n.join(" "),
            before: Vec::new(),
            after: n[1..].to_vec(),
            code: code.clone(),
            block: b,
            origin: format!("{file}:{line_no}"),
        });
        lex.verbs.entry(n[0].clone()).or_default().push(k);
    }
    Ok(b)
}

/// Splits pattern text into tokens with brackets standing alone.
fn tokens(s: &str) -> Vec<String> {
    s.replace('(', " ( ").replace(')', " ) ").split_whitespace().map(str::to_string).collect()
}

fn elems(
    toks: &[String],
    pos: &mut usize,
    sets: &HashMap<String, Vec<String>>,
    in_group: bool,
) -> Result<Vec<PElem>, String> {
    let mut out: Vec<PElem> = Vec::new();
    while *pos < toks.len() {
        let t = toks[*pos].as_str();
        *pos += 1;
        match t {
            ")" if in_group => return Ok(out),
            ")" => return Err("unbalanced ')'".into()),
            "(" => {
                let inner = elems(toks, pos, sets, true)?;
                let mut it = inner.into_iter();
                let prep = match it.next() {
                    Some(PElem::Word(w)) => w.into_words().into_iter().next().unwrap_or_default(),
                    _ => return Err("a prepositional group starts with its preposition".into()),
                };
                out.push(PElem::Prep { prep, inner: it.collect() });
            }
            "+" => out.push(PElem::Target),
            "$" => out.push(PElem::Source),
            "*" => return Err("a second '*'".into()),
            w if w.starts_with('&') => match sets.get(&w.to_lowercase()) {
                Some(words) => out.push(PElem::Word(words.clone().into())),
                None => return Err(format!("unknown set {w}")),
            },
            w => out.push(PElem::Word(vec![w.to_lowercase()].into())),
        }
    }
    if in_group {
        return Err("unclosed '('".into());
    }
    Ok(out)
}

fn pattern_line(lex: &mut Lexicon, file: &str, line_no: usize, body: &str) -> Result<PPattern, String> {
    let (pat, code) = body.rsplit_once("=>").ok_or("pattern without `=> CODE`")?;
    let (code, reverse) = match code_pair(code)? {
        Some((c, r)) => (Some(c), r),
        None => (None, None),
    };
    let toks = tokens(pat);
    let star = toks.iter().position(|t| t == "*").ok_or("pattern without '*'")?;
    let mut p = 0;
    let before = elems(&toks[..star], &mut p, &lex.sets, false)?;
    let mut p = 0;
    let after = elems(&toks[star + 1..], &mut p, &lex.sets, false)?;
    Ok(PPattern {
        before,
        after,
        code,
        reverse,
        raw: body.trim().to_string(),
        entry: format!("{file}:{line_no}"),
        passive_subject: true,
        verb_words: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[sets]\n&talks = talks | negotiations\n[actors]\nRussia | Russian Federation => RUS\nthe Kremlin => RUSGOV\nVladimir Putin | Putin\n    => RUSGOV 2000-05-07..2008-05-07\n    => RUSELI\n[agents]\npresident | head of state => ~GOV\n[verbs]\nmeet | meet with => 040\nvisit => 042:043\nopen => ---\n    * &talks (with +) => 040\n    * fire (on +) => 190\nbogus => 999\n[nouns]\nsummit => 043\n[discards]\nsentence: world cup\nstory: horoscope\n[weird]\n";

    #[test]
    fn reads_every_section() {
        let mut lex = Lexicon::default();
        read(TEXT, "t.txt", &mut lex);
        let w = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(lex.actors.longest_at(&w("kremlin"), 0).unwrap().1.code_on(None), Some("RUSGOV"));
        let putin = lex.actors.longest_at(&w("putin"), 0).unwrap().1;
        assert_eq!(putin.code_on(NaiveDate::from_ymd_opt(2001, 3, 12)), Some("RUSGOV"));
        assert_eq!(putin.code_on(NaiveDate::from_ymd_opt(2009, 1, 1)), Some("RUSELI"));
        assert_eq!(lex.agents.longest_at(&w("presidents"), 0).unwrap().1.code, "~GOV");
        assert_eq!(lex.agents.longest_at(&w("head of state"), 0).unwrap().0, 3);
        let open = &lex.verb_entries[lex.verbs["open"][0]];
        assert_eq!(open.code, None);
        assert_eq!(lex.blocks[open.block].len(), 2);
        assert_eq!(
            lex.blocks[open.block][0].after[0],
            PElem::Word(vec!["talks".to_string(), "negotiations".to_string()].into())
        );
        let visit = &lex.verb_entries[lex.verbs["visit"][0]];
        assert_eq!(visit.code, Some(("042".into(), Some("043".into()))));
        assert!(lex.verbs["meet"].iter().any(|&k| lex.verb_entries[k].after == ["with"]));
        assert_eq!(lex.nouns.longest_at(&w("summit"), 0).unwrap().1 .0 .0, "043");
        assert_eq!(lex.discard(&w("your horoscope")), Some(DiscardScope::Story));
        let msgs: Vec<String> = lex.diagnostics.iter().map(|d| format!("{}:{}", d.line, d.message)).collect();
        assert_eq!(msgs, vec!["17:unknown CAMEO code 999".to_string(), "23:unknown section [weird]".to_string()]);
    }

    #[test]
    fn future_section() {
        let mut lex = Lexicon::default();
        read("[future]\n04 => 036\nnot 04 => 125\n057 => 037\nbad => 036\n04 => 999\n", "f.txt", &mut lex);
        assert_eq!(lex.future_code("042", false), Some("036"));
        assert_eq!(lex.future_code("057", false), Some("037"), "the longest prefix wins");
        assert_eq!(lex.future_code("040", true), Some("125"));
        assert_eq!(lex.future_code("190", false), None);
        let lines: Vec<usize> = lex.diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![5, 6]);
    }

    #[test]
    fn overlapping_or_backward_ranges_are_reported() {
        let mut lex = Lexicon::default();
        read("[actors]\nX => ABC\n    => ABCGOV 2005-01-01..2001-01-01\n", "t.txt", &mut lex);
        assert_eq!(lex.diagnostics.len(), 1);
    }
}

#[cfg(test)]
mod default_tests {
    use super::super::Lexicon;

    #[test]
    fn embedded_dictionaries_load_cleanly() {
        let lex = Lexicon::from_dyad_files(super::super::DEFAULT_FILES);
        for d in &lex.diagnostics {
            eprintln!("{d}");
        }
        assert!(lex.diagnostics.is_empty(), "{} diagnostics", lex.diagnostics.len());
        assert!(lex.verb_entries.len() > 1000);
        assert!(lex.agents.phrases() > 500);
        // Nor does the linter find overlapping dates, names given two codes or unknown codes.
        let problems = super::super::check::check(&lex);
        for d in &problems {
            eprintln!("{d}");
        }
        assert!(problems.is_empty(), "{} problems", problems.len());
    }

    #[test]
    fn leaders_of_every_region_are_known_on_their_dates() {
        let lex = Lexicon::embedded();
        let code = |name: &str, date: &str| {
            let words: Vec<String> = name.split(' ').map(str::to_lowercase).collect();
            let (n, entry) = lex.actors.longest_at(&words, 0)?;
            (n == words.len()).then(|| entry.code_on(date.parse().ok()).map(str::to_string))?
        };
        for (name, date, expected) in [
            ("Viktor Orban", "2020-05-01", "HUNGOV"),
            ("Viktor Orban", "2005-05-01", "HUNOPP"),
            ("Andrzej Duda", "2020-05-01", "POLGOV"),
            ("William Ruto", "2023-05-01", "KENGOV"),
            ("Paul Kagame", "2010-05-01", "RWAGOV"),
            ("Gustavo Petro", "2023-05-01", "COLGOV"),
            ("Gabriel Boric", "2023-05-01", "CHLGOV"),
            ("Tedros Adhanom Ghebreyesus", "2023-05-01", "IGOUNOHLHWHO"),
            ("Min Aung Hlaing", "2022-05-01", "MMRGOV"),
        ] {
            assert_eq!(code(name, date).as_deref(), Some(expected), "{name} on {date}");
        }
    }
}
