//! Readers for the PETRARCH/TABARI dictionary formats: verbs (`CAMEO.2.0.txt`), actors,
//! agents and discards. A line that cannot be read becomes a [`Diagnostic`] naming it and the
//! rest of the file still loads.

use super::{ActorEntry, AgentEntry, DatedCode, Diagnostic, DiscardScope, Lexicon, VerbEntry};
use crate::pattern::{PElem, PPattern};
use crate::transform::{EventClass, Transformation};
use std::collections::HashMap;
use std::path::Path;

/// The dictionary files of a PETRARCH configuration, relative to one folder.
#[derive(Clone, Debug, Default)]
pub struct Files {
    pub verbs: Option<String>,
    pub actors: Vec<String>,
    pub agents: Vec<String>,
    pub discards: Vec<String>,
    /// The internal coding ontology (PICO), for negation.
    pub pico: Option<String>,
}

/// Loads the named files from `dir`. A missing file is an error; bad lines are diagnostics.
pub fn load_dir(dir: &Path, files: &Files) -> Result<Lexicon, String> {
    let mut lex = Lexicon::default();
    let read = |name: &str| -> Result<String, String> {
        let p = dir.join(name);
        let bytes = std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    };
    if let Some(v) = &files.verbs {
        read_verbs(&read(v)?, v, &mut lex);
    }
    for a in &files.actors {
        read_actors(&read(a)?, a, &mut lex);
    }
    for a in &files.agents {
        read_agents(&read(a)?, a, &mut lex);
    }
    for d in &files.discards {
        read_discards(&read(d)?, d, &mut lex);
    }
    if let Some(p) = &files.pico {
        read_pico(&read(p)?, p, &mut lex);
    }
    lex.finish();
    Ok(lex)
}

/// Strips a `#` comment (PETRARCH comments start at `#` anywhere on the line).
fn strip_comment(line: &str) -> &str {
    line.split('#').next().unwrap_or("").trim_end()
}

fn is_markup(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("<!--") || t.starts_with("-->") || t.ends_with("-->")
}

/// A dictionary phrase (`PRESIDENT_GEORGE_W._BUSH`, `AL-QAEDA`, `ARNOR_`) as token sequences
/// the tokenizer may produce: words split at `_`, hyphenated words both whole and split, and a
/// trailing possessive split off.
pub fn phrase_variants(raw: &str) -> Vec<Vec<String>> {
    let raw = raw.trim().trim_end_matches('_').trim_start_matches('+');
    let words: Vec<String> = raw.split(['_', ' ']).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut out = vec![words.clone()];
    if words.iter().any(|w| w.len() > 1 && w.contains('-')) {
        let split: Vec<String> = words
            .iter()
            .flat_map(|w| {
                if w.len() > 1 && w.contains('-') {
                    let mut parts = Vec::new();
                    for (k, p) in w.split('-').enumerate() {
                        if k > 0 {
                            parts.push("-".to_string());
                        }
                        if !p.is_empty() {
                            parts.push(p.to_string());
                        }
                    }
                    parts
                } else {
                    vec![w.clone()]
                }
            })
            .collect();
        out.push(split);
    }
    out
}

use dyad_core::date::parse_petrarch_date as parse_date;

/// `[CODE]`, `[CODE 991231-080507]`, `[CODE >991231]`, `[CODE <080507]`; also the variants
/// found in the Phoenix files: `> 991231` with a space, and a bare date meaning "from".
fn parse_code_spec(spec: &str) -> Result<DatedCode, String> {
    let mut parts = spec.split_whitespace();
    let code = parts.next().ok_or("empty code")?.to_uppercase();
    let mut dc = DatedCode { code, from: None, until: None };
    let rest: String = parts.collect::<Vec<_>>().join("");
    if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) {
        dc.from = Some(parse_date(&rest).ok_or_else(|| format!("bad date restriction {rest:?}"))?);
        return Ok(dc);
    }
    if let Some(range) = Some(rest.as_str()).filter(|r| !r.is_empty()) {
        let bad = || format!("bad date restriction {range:?}");
        if let Some(d) = range.strip_prefix('>') {
            dc.from = Some(parse_date(d).ok_or_else(bad)?);
        } else if let Some(d) = range.strip_prefix('<') {
            dc.until = Some(parse_date(d).ok_or_else(bad)?);
        } else if let Some((a, b)) = range.split_once('-') {
            dc.from = Some(parse_date(a).ok_or_else(bad)?);
            dc.until = Some(parse_date(b).ok_or_else(bad)?);
        } else {
            return Err(bad());
        }
    }
    Ok(dc)
}

/// The bracketed specs of a line and the text before the first bracket.
fn split_codes(line: &str) -> (&str, Vec<&str>) {
    let head = line.split('[').next().unwrap_or("").trim();
    let specs = line.split('[').skip(1).filter_map(|p| p.split_once(']').map(|(c, _)| c.trim())).collect();
    (head, specs)
}

pub fn read_actors(text: &str, file: &str, lex: &mut Lexicon) {
    let mut current: Option<usize> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        if is_markup(raw) {
            continue;
        }
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let diag = |lex: &mut Lexicon, message: String| {
            lex.diagnostics.push(Diagnostic { file: file.into(), line: line_no, message })
        };
        let trimmed = line.trim();
        if trimmed.starts_with('[') && raw.starts_with(char::is_whitespace)
            || (trimmed.starts_with('[') && current.is_some())
        {
            let Some(k) = current else {
                diag(lex, "date-restricted code with no actor before it".into());
                continue;
            };
            for spec in split_codes(trimmed).1 {
                match parse_code_spec(spec) {
                    Ok(dc) => lex.actors.values[k].codes.push(dc),
                    Err(e) => diag(lex, e),
                }
            }
            continue;
        }
        if let Some(syn) = trimmed.strip_prefix('+') {
            let Some(k) = current else {
                diag(lex, "synonym with no actor before it".into());
                continue;
            };
            let (name, specs) = split_codes(syn);
            for spec in specs {
                match parse_code_spec(spec) {
                    Ok(dc) => lex.actors.values[k].codes.push(dc),
                    Err(e) => diag(lex, e),
                }
            }
            for v in phrase_variants(name) {
                lex.actors.add_replacing(v, k);
            }
            continue;
        }
        let (name, specs) = split_codes(trimmed);
        if name.is_empty() {
            diag(lex, "actor line without a name".into());
            continue;
        }
        let mut codes = Vec::new();
        for spec in specs {
            match parse_code_spec(spec) {
                Ok(dc) => codes.push(dc),
                Err(e) => diag(lex, e),
            }
        }
        let k = lex.actors.push(ActorEntry { name: name.to_string(), codes, origin: format!("{file}:{line_no}") });
        for v in phrase_variants(name) {
            lex.actors.add_replacing(v, k);
        }
        current = Some(k);
    }
}

/// English plurals of an agent phrase's last word.
fn plural(words: &[String]) -> Vec<String> {
    let mut out = words.to_vec();
    if let Some(last) = out.last_mut() {
        *last = if last.ends_with('y') && !last.ends_with("ey") {
            format!("{}ies", &last[..last.len() - 1])
        } else if last.ends_with('s') || last.ends_with("ch") || last.ends_with("sh") || last.ends_with('x') {
            format!("{last}es")
        } else if last.ends_with("man") {
            format!("{}men", &last[..last.len() - 3])
        } else {
            format!("{last}s")
        };
    }
    out
}

pub fn read_agents(text: &str, file: &str, lex: &mut Lexicon) {
    let mut macros: HashMap<String, Vec<String>> = HashMap::new();
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        if is_markup(raw) {
            continue;
        }
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') {
            if let Some((name, alts)) = line.split_once('=') {
                macros.insert(name.trim().to_string(), alts.split(',').map(|a| a.trim().to_string()).collect());
                continue;
            }
        }
        let (head, specs) = split_codes(line);
        let Some(code) = specs.first().map(|c| c.to_uppercase()) else {
            lex.diagnostics.push(Diagnostic {
                file: file.into(),
                line: line_no,
                message: "agent without a [code]".into(),
            });
            continue;
        };
        let (name, plurals) = match head.split_once('{') {
            Some((n, p)) => {
                (n.trim(), Some(p.trim_end_matches('}').split_whitespace().map(str::to_string).collect::<Vec<_>>()))
            }
            None => (head, None),
        };
        let names = expand_macros(name, &macros);
        let k = lex.agents.push(AgentEntry {
            name: name.to_string(),
            code,
            origin: format!("{file}:{line_no}"),
            stacks: true,
        });
        for n in &names {
            for v in phrase_variants(n) {
                if plurals.is_none() {
                    lex.agents.add(plural(&v), k);
                }
                lex.agents.add(v, k);
            }
        }
        for p in plurals.unwrap_or_default() {
            for n in expand_macros(&p, &macros) {
                for v in phrase_variants(&n) {
                    lex.agents.add(v, k);
                }
            }
        }
    }
}

fn expand_macros(name: &str, macros: &HashMap<String, Vec<String>>) -> Vec<String> {
    for (m, alts) in macros {
        if name.contains(m.as_str()) {
            return alts.iter().flat_map(|a| expand_macros(&name.replacen(m.as_str(), a, 1), macros)).collect();
        }
    }
    vec![name.to_string()]
}

/// Reads a PETRARCH internal coding ontology (PICO: `CODE:VALUE[#VALUE...]`, each value a
/// sum of hex terms) into the negation table. A value with a `0xFFFF` term is the negation of
/// the value without it ("121:-0xFFFF+0x0070" rejects what "060:0x0070" offers), so a code's
/// negation is the code whose value differs from one of its own only in that term; failing an
/// exact one, the nearest class (low hex digits cleared).
pub fn read_pico(text: &str, file: &str, lex: &mut Lexicon) {
    // (code, coefficient of 0xFFFF, the rest)
    let mut values: Vec<(String, i64, i64)> = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((code, rest)) = line.split_once(':') else {
            lex.diagnostics.push(Diagnostic { file: file.into(), line: n + 1, message: "expected CODE:VALUE".into() });
            continue;
        };
        let code = code.trim();
        if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
            lex.diagnostics.push(Diagnostic { file: file.into(), line: n + 1, message: format!("bad code {code:?}") });
            continue;
        }
        // Values are separated by `#`; the first part that is not a value starts the comment.
        for part in rest.split('#') {
            match pico_value(part) {
                Some((f, x)) => values.push((code.to_string(), f, x)),
                None => break,
            }
        }
    }
    for (code, f, x) in &values {
        if *f == 0 {
            lex.pico.entry(code.clone()).or_insert(*x);
            lex.pico_codes.entry(*x).or_insert_with(|| code.clone());
        }
    }
    for (code, _, _) in &values {
        if lex.negations.contains_key(code) {
            continue;
        }
        let own: Vec<(i64, i64)> = values.iter().filter(|(c, _, _)| c == code).map(|(_, f, x)| (*f, *x)).collect();
        let negation = [0i64, 0xF, 0xFF, 0xFFF].iter().find_map(|&mask| {
            own.iter().find_map(|&(f, x)| {
                let want = x & !mask;
                if want == 0 {
                    return None;
                }
                values
                    .iter()
                    .find(|(c, g, y)| c != code && *y == want && (*g == 0) != (f == 0))
                    .map(|(c, _, _)| c.clone())
            })
        });
        if let Some(neg) = negation {
            lex.negations.insert(code.clone(), neg);
        }
    }
}

/// `-0xFFFF+0x2040+0x300` as (coefficient of 0xFFFF, sum of the other terms).
fn pico_value(text: &str) -> Option<(i64, i64)> {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return None;
    }
    let (mut ffff, mut rest) = (0i64, 0i64);
    let mut k = 0;
    let bytes = t.as_bytes();
    while k < bytes.len() {
        let sign = match bytes[k] {
            b'-' => {
                k += 1;
                -1
            }
            b'+' => {
                k += 1;
                1
            }
            _ if k == 0 => 1,
            _ => return None,
        };
        let hex = t[k..].strip_prefix("0x").or_else(|| t[k..].strip_prefix("0X"))?;
        let len = hex.find(|c: char| !c.is_ascii_hexdigit()).unwrap_or(hex.len());
        let v = i64::from_str_radix(&hex[..len], 16).ok()?;
        if v == 0xFFFF {
            ffff += sign;
        } else {
            rest += sign * v;
        }
        k += 2 + len;
    }
    Some((ffff, rest))
}

pub fn read_discards(text: &str, file: &str, lex: &mut Lexicon) {
    let mut years = 0;
    for (n, raw) in text.lines().enumerate() {
        if is_markup(raw) {
            continue;
        }
        let line = strip_comment(raw).trim();
        if line.is_empty() {
            continue;
        }
        let (scope, phrase) = match line.strip_prefix('+') {
            Some(p) => (DiscardScope::Story, p),
            None => (DiscardScope::Sentence, line),
        };
        // Bare years would discard most news that mentions a date: they are kept apart and
        // only discard stories from a later year (see `Lexicon::discard_years`).
        if phrase.chars().all(|c| c.is_ascii_digit()) {
            if let Ok(year) = phrase.parse::<i32>() {
                lex.discard_years.push((year, scope));
                years += 1;
            }
            continue;
        }
        let k = lex.discards.push(scope);
        for v in phrase_variants(phrase) {
            lex.discards.add(v, k);
        }
        let _ = n;
    }
    if years > 0 {
        lex.diagnostics.push(Diagnostic {
            file: file.into(),
            line: 0,
            message: format!(
                "{years} bare-number discards (years) apply only to stories from a later year: they would discard ordinary dated news"
            ),
        });
    }
}

/// The words of a verb entry (`+ASK_FOR`, `WIRE_+TAP`): particles before, the verb, after.
fn verb_words(raw: &str) -> (Vec<String>, String, Vec<String>) {
    let words: Vec<&str> = raw.trim_end_matches('_').split('_').filter(|w| !w.is_empty()).collect();
    let k = words.iter().position(|w| w.starts_with('+')).unwrap_or(0);
    let low = |w: &&str| w.trim_start_matches('+').to_lowercase();
    (
        words[..k].iter().map(low).collect(),
        words.get(k).map(low).unwrap_or_default(),
        words[k + 1..].iter().map(low).collect(),
    )
}

/// An event code and the code of its reversed event (`[042:043]`).
type CodePair = (String, Option<String>);

fn parse_code_pair(spec: &str) -> Option<CodePair> {
    let spec = spec.trim();
    if spec.is_empty() || spec.starts_with("---") {
        return None;
    }
    match spec.split_once(':') {
        Some((a, b)) => {
            let a = a.trim();
            let b = b.trim();
            Some((a.to_string(), (!b.is_empty() && !b.starts_with("---")).then(|| b.to_string())))
        }
        None => Some((spec.to_string(), None)),
    }
}

/// Splits pattern text into tokens, brackets standing alone.
fn pattern_tokens(s: &str) -> Vec<String> {
    let spaced = s.replace('(', " ( ").replace(')', " ) ").replace('{', " { ").replace('}', " } ");
    spaced.split_whitespace().map(str::to_string).collect()
}

fn parse_elems(
    toks: &[String],
    pos: &mut usize,
    synsets: &HashMap<String, Vec<String>>,
    close: Option<&str>,
) -> Result<Vec<PElem>, String> {
    let mut out = Vec::new();
    while *pos < toks.len() {
        let t = toks[*pos].as_str();
        *pos += 1;
        match t {
            ")" | "}" => {
                return if Some(t) == close { Ok(out) } else { Err(format!("unbalanced {t:?}")) };
            }
            "(" => {
                let inner = parse_elems(toks, pos, synsets, Some(")"))?;
                let mut inner = inner.into_iter();
                let prep = match inner.next() {
                    Some(PElem::Word(w)) if w.len() == 1 => w[0].clone(),
                    Some(PElem::Word(w)) => w.first().cloned().unwrap_or_default(),
                    _ => return Err("a prepositional group must start with its preposition".into()),
                };
                out.push(PElem::Prep { prep, inner: inner.collect() });
            }
            "{" => out.push(PElem::Adjacent(parse_elems(toks, pos, synsets, Some("}"))?)),
            "+" => out.push(PElem::Target),
            "$" => out.push(PElem::Source),
            "^" => out.push(PElem::Skip),
            "%" => {}
            "*" => return Err("a second '*'".into()),
            w if w.starts_with('&') => match synsets.get(&w.to_uppercase()) {
                Some(words) => out.push(PElem::Word(words.clone().into())),
                None => return Err(format!("unknown synonym set {w}")),
            },
            w => out.push(PElem::Word(vec![w.trim_end_matches('_').replace('_', " ").to_lowercase()].into())),
        }
    }
    if close.is_some() {
        return Err("unclosed group".into());
    }
    Ok(out)
}

/// Reads `- before * after [code]` into a pattern.
fn parse_pattern(body: &str, synsets: &HashMap<String, Vec<String>>, origin: String) -> Result<PPattern, String> {
    let (text, specs) = split_codes(body);
    let spec = specs.first().ok_or("pattern without a [code]")?;
    let code = parse_code_pair(spec);
    let toks = pattern_tokens(text);
    let star = toks.iter().position(|t| t == "*").ok_or("pattern without '*'")?;
    let mut p = 0;
    let before = parse_elems(&toks[..star], &mut p, synsets, None)?;
    let mut p = 0;
    let after = parse_elems(&toks[star + 1..], &mut p, synsets, None)?;
    let (code, reverse) = match code {
        Some((c, r)) => (Some(c), r),
        None => (None, None),
    };
    Ok(PPattern {
        before,
        after,
        code,
        reverse,
        raw: format!("- {}", body.trim()),
        entry: origin,
        passive_subject: false,
        verb_words: false,
    })
}

pub fn read_verbs(text: &str, file: &str, lex: &mut Lexicon) {
    let mut synsets: HashMap<String, Vec<String>> = HashMap::new();
    let mut current_set: Option<String> = None;
    let mut block: Option<(usize, Option<CodePair>)> = None;
    let mut pending_patterns: Vec<(usize, String)> = Vec::new();
    let mut pending_transforms: Vec<(usize, String)> = Vec::new();
    // Synonym sets first: patterns may refer to sets defined later in the file.
    for raw in text.lines() {
        let line = strip_comment(raw).trim();
        if line.is_empty() && !raw.trim().is_empty() {
            // A comment line inside a synonym set (CAMEO.2.0's &CURRENCY has one) does not end it.
            continue;
        }
        if let Some(name) = line.strip_prefix('&') {
            current_set = Some(format!("&{}", name.trim().to_uppercase()));
            synsets.entry(current_set.clone().unwrap_or_default()).or_default();
        } else if line.starts_with("---") {
            current_set = None;
        } else if let (Some(set), Some(w)) = (&current_set, line.strip_prefix('+')) {
            let w = w.trim().trim_end_matches('_').replace('_', " ").to_lowercase();
            if !w.is_empty() {
                synsets.entry(set.clone()).or_default().push(w);
            }
        } else if line.is_empty() {
            current_set = None;
        }
    }
    let mut in_set = false;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = strip_comment(raw).trim();
        let diag = |lex: &mut Lexicon, message: String| {
            lex.diagnostics.push(Diagnostic { file: file.into(), line: line_no, message })
        };
        if line.is_empty() {
            // Only a blank line ends a synonym set; a comment line inside one does not.
            in_set &= !raw.trim().is_empty();
            continue;
        }
        if line.starts_with('&') {
            in_set = true;
            continue;
        }
        if let Some(rest) = line.strip_prefix("---") {
            in_set = false;
            let inner = rest.trim_end_matches('-').trim();
            let (_, specs) = split_codes(inner);
            let code = specs.first().and_then(|s| parse_code_pair(s));
            lex.blocks.push(Vec::new());
            block = Some((lex.blocks.len() - 1, code));
            continue;
        }
        if line.starts_with('~') {
            pending_transforms.push((line_no, line.to_string()));
            continue;
        }
        if in_set && line.starts_with('+') {
            continue;
        }
        let Some((b, block_code)) = block.clone() else {
            if !line.starts_with('#') {
                diag(lex, "line outside any verb block".into());
            }
            continue;
        };
        // A pattern missing its leading '-' ("* (TO QUESTION) [110]") is still a pattern: no
        // verb line starts with its verb marker.
        let body = line.strip_prefix('-').or_else(|| {
            line.starts_with('*').then(|| {
                diag(lex, "pattern without its leading '-': read as a pattern".into());
                line
            })
        });
        if let Some(body) = body {
            pending_patterns.push((line_no, body.to_string()));
            match parse_pattern(body, &synsets, format!("{file}:{line_no}")) {
                Ok(p) => {
                    // PETRARCH keeps one entry per pattern: a pattern written again later in
                    // its block (CAMEO.2.0 repeats "- * &TREATY" with [031:031], [057:057]
                    // and [057]) replaces the earlier one.
                    let block = &mut lex.blocks[b];
                    block.retain(|q| q.before != p.before || q.after != p.after);
                    block.push(p);
                }
                Err(e) => diag(lex, format!("pattern: {e}")),
            }
            continue;
        }
        // A verb line: WORD {FORMS} [CODE]
        let (head, specs) = split_codes(line);
        let own_code = specs.first().map(|s| parse_code_pair(s));
        let code = match own_code {
            Some(c) => c,
            None => block_code.clone(),
        };
        let (word, forms) = match head.split_once('{') {
            Some((w, f)) => (w.trim(), f.trim_end_matches('}').split_whitespace().collect::<Vec<_>>()),
            None => (head, Vec::new()),
        };
        if word.is_empty() || word.contains(char::is_whitespace) {
            diag(lex, format!("cannot read verb line {line:?}"));
            continue;
        }
        let (before, verb, after) = verb_words(word);
        let k = lex.verb_entries.len();
        lex.verb_entries.push(VerbEntry {
            name: word.to_string(),
            before,
            after,
            code,
            block: b,
            origin: format!("{file}:{line_no}"),
        });
        lex.verbs.entry(verb).or_default().push(k);
        for f in forms {
            let (_, v, _) = verb_words(f);
            let list = lex.verbs.entry(v).or_default();
            if !list.contains(&k) {
                list.push(k);
            }
        }
    }
    // Transformations name verbs, which may be listed anywhere in the file: read them last.
    for (line_no, line) in pending_transforms {
        let origin = format!("{file}:{line_no}");
        match Transformation::parse(&line, &origin, |name| verb_class(lex, name)) {
            Ok(t) => lex.transformations.push(t),
            Err(message) => lex.diagnostics.push(Diagnostic { file: file.into(), line: line_no, message }),
        }
    }
}

/// The class a verb name stands for in a transformation: the verb and its entry's code.
fn verb_class(lex: &Lexicon, name: &str) -> EventClass {
    let lemma = name.to_lowercase();
    let code = lex
        .verbs
        .get(&lemma)
        .into_iter()
        .flatten()
        .map(|&k| &lex.verb_entries[k])
        .find(|e| e.before.is_empty() && e.after.is_empty())
        .and_then(|e| e.code.as_ref())
        .map(|(c, _)| c.clone())
        .filter(|c| c.chars().all(|ch| ch.is_ascii_digit()));
    EventClass::Verb { lemma, code }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const VERBS: &str = "&TREATY\n+TREATY\n+PEACE_ACCORD\n\n--- AGREE [030] ---\nAGREE\nCONSENT {CONSENTS CONSENTED}\n+ASK_FOR [020]\n- * (TO &TREATY) [057:057]  # comment\n- $ * (WITH +) [036]\n- * {EARLY ELECTIONS} [0831]\n--- BREAK [---] ---\nBREAK {BROKE BROKEN}\n- * TIES (WITH +) [161\n";

    #[test]
    fn a_pattern_written_again_in_its_block_replaces_the_earlier_one() {
        let mut lex = Lexicon::default();
        let verbs = "--- RATIFY [030] ---\nRATIFY\n- * ACCORD [031:031]\n- * TREATY [057]\n- * ACCORD [057]\n";
        read_verbs(verbs, "v.txt", &mut lex);
        let codes: Vec<_> = lex.blocks[0].iter().map(|p| (p.code.clone(), p.reverse.clone())).collect();
        assert_eq!(codes, [(Some("057".into()), None), (Some("057".into()), None)]);
        assert_eq!(lex.blocks[0][1].after, vec![PElem::Word(vec!["accord".to_string()].into())]);
    }

    #[test]
    fn verbs_blocks_forms_and_patterns() {
        let mut lex = Lexicon::default();
        read_verbs(VERBS, "v.txt", &mut lex);
        assert_eq!(lex.blocks.len(), 2);
        assert_eq!(lex.blocks[0].len(), 3);
        let p = &lex.blocks[0][0];
        assert_eq!(p.code.as_deref(), Some("057"));
        assert_eq!(p.reverse.as_deref(), Some("057"));
        assert_eq!(
            p.after,
            vec![PElem::Prep {
                prep: "to".into(),
                inner: vec![PElem::Word(vec!["treaty".to_string(), "peace accord".to_string()].into())]
            }]
        );
        assert_eq!(lex.blocks[0][1].before, vec![PElem::Source]);
        let consent = &lex.verbs["consented"];
        assert_eq!(lex.verb_entries[consent[0]].code, Some(("030".into(), None)));
        let ask = &lex.verb_entries[lex.verbs["ask"][0]];
        assert_eq!((ask.after.clone(), ask.code.clone()), (vec!["for".to_string()], Some(("020".into(), None))));
        assert_eq!(lex.verb_entries[lex.verbs["broke"][0]].code, None);
        // The unterminated code is reported with its line and the rest still loads.
        assert_eq!(lex.diagnostics.len(), 1, "{:?}", lex.diagnostics);
        assert_eq!(lex.diagnostics[0].line, 14);
    }

    #[test]
    fn pico_negations() {
        let text = "# header\n010:0x1000#Make Public Statement\n011:0x1000-0xFFFF\n050:0x0080#Coop\n051:0x0081\n060:0x0070\n110:0x1007f#0xFFFF+0x0080#0x7000#Disapprove\n121:-0xFFFF+0x0070\n190:0x00A0\nbad line\n020:0x2000\n023:0x2040\n070:0x0040\n071:0x0045\n";
        let mut lex = Lexicon::default();
        read_pico(text, "pico.txt", &mut lex);
        let neg = |c: &str| lex.negations.get(c).map(String::as_str);
        assert_eq!((neg("010"), neg("011")), (Some("011"), Some("010")));
        assert_eq!((neg("050"), neg("110")), (Some("110"), Some("050")));
        assert_eq!((neg("060"), neg("121")), (Some("121"), Some("060")));
        // No exact negation: the class's (051 is in 050's class).
        assert_eq!(neg("051"), Some("110"));
        assert_eq!(neg("190"), None);
        assert_eq!(lex.compose("020", "070"), Some("023"), "asking for aid");
        assert_eq!(lex.compose("020", "071"), Some("023"), "to the nearest class");
        assert_eq!(lex.compose("010", "060"), None, "no code for saying one cooperates");
        assert_eq!(lex.compose("110", "060"), None, "a value with low digits does not compose");
        assert_eq!(lex.compose("020", "010"), Some("010"), "asking to say: the saying");
        assert_eq!(lex.compose("050", "070"), Some("070"), "agreeing to aid: the aid");
        assert_eq!(lex.diagnostics.len(), 1);
        assert_eq!(lex.diagnostics[0].line, 10);
    }

    #[test]
    fn comment_line_inside_a_synonym_set_does_not_end_it() {
        let text = "&COIN\n# these are metal\n+PENNY\n+DIME\n\n--- PAY [---] ---\nPAY\n- * &COIN [071]\n";
        let mut lex = Lexicon::default();
        read_verbs(text, "v.txt", &mut lex);
        assert!(lex.diagnostics.is_empty(), "{:?}", lex.diagnostics);
        assert_eq!(lex.blocks[0][0].after, vec![PElem::Word(vec!["penny".to_string(), "dime".to_string()].into())]);
    }

    #[test]
    fn an_actor_with_only_dated_codes_has_none_outside_them() {
        let mut lex = Lexicon::default();
        read_actors("GALADRIEL_\n\t[LORGOV 100101-151231]\n\t[LORSPY 160101-181231]\n", "a.txt", &mut lex);
        let lady = lex.actors.longest_at(&["galadriel".to_string()], 0).unwrap().1;
        assert_eq!(lady.code_on(NaiveDate::from_ymd_opt(2012, 6, 1)), Some("LORGOV"));
        // Between or after her offices she is no one's in particular, as in PETRARCH ...
        assert_eq!(lady.code_on(NaiveDate::from_ymd_opt(2020, 6, 1)), None);
        assert_eq!(lady.code_on(NaiveDate::from_ymd_opt(2005, 6, 1)), None);
        // ... and with no date known, her last code.
        assert_eq!(lady.code_on(None), Some("LORSPY"));
    }

    #[test]
    fn actors_with_synonyms_and_dated_codes() {
        let text = "<!-- header -->\nVLADIMIR_PUTIN_ # comment\n+PUTIN_\n\t[RUSELI 520101-991231]\n\t[RUSGOV 991231-080507]\n\t[RUSELI]\nAL-QAEDA [IMGMOSALQ]\nPALESTINIAN [pse]\nBAD [XXX 1-2]\n";
        let mut lex = Lexicon::default();
        read_actors(text, "a.txt", &mut lex);
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let (n, putin) = lex.actors.longest_at(&words("president vladimir putin"), 1).unwrap();
        assert_eq!(n, 2);
        assert_eq!(putin.code_on(NaiveDate::from_ymd_opt(2001, 3, 12)), Some("RUSGOV"));
        assert_eq!(putin.code_on(NaiveDate::from_ymd_opt(2010, 1, 1)), Some("RUSELI"));
        assert_eq!(putin.code_on(None), Some("RUSELI"));
        assert!(lex.actors.longest_at(&words("putin"), 0).is_some());
        assert!(lex.actors.longest_at(&words("al - qaeda"), 0).is_some());
        assert!(lex.actors.longest_at(&words("al-qaeda"), 0).is_some());
        assert_eq!(lex.actors.longest_at(&words("palestinian"), 0).unwrap().1.code_on(None), Some("PSE"));
        assert_eq!(lex.diagnostics.len(), 1);
        assert_eq!(lex.diagnostics[0].line, 9);
    }

    #[test]
    fn agents_with_macros_and_plurals() {
        let text = "!MINST! = MINISTER, MINISTRY\nPRESIDENT [~GOV]\nFOREIGN_!MINST! [~GOV]\nMEDIA {} [~MED]\nPOLICEMAN {POLICEMEN} [~COP]\nNOCODE\n";
        let mut lex = Lexicon::default();
        read_agents(text, "g.txt", &mut lex);
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(lex.agents.longest_at(&words("presidents"), 0).unwrap().1.code, "~GOV");
        assert_eq!(lex.agents.longest_at(&words("foreign ministry"), 0).unwrap().0, 2);
        assert!(lex.agents.longest_at(&words("medias"), 0).is_none());
        assert!(lex.agents.longest_at(&words("policemen"), 0).is_some());
        assert_eq!(lex.diagnostics.len(), 1);
    }

    #[test]
    fn discards_by_scope_and_years_only_for_later_stories() {
        let mut lex = Lexicon::default();
        read_discards("1999\nWORLD_CUP\n+HOROSCOPE # story\n", "d.txt", &mut lex);
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(lex.discard(&words("the world cup final")), Some(DiscardScope::Sentence));
        assert_eq!(lex.discard(&words("your horoscope")), Some(DiscardScope::Story));
        assert_eq!(lex.discard(&words("in 1999 talks")), None);
        // A listed year discards a later story's reference to it, not a story of that year,
        // nor one whose date is unknown.
        let day = |y| NaiveDate::from_ymd_opt(y, 6, 1);
        let on = |s: &str, date| {
            let w = words(s);
            let keys: Vec<u64> = w.iter().map(|x| crate::pattern::word_key(x)).collect();
            lex.discard_on(&w, &keys, date)
        };
        assert_eq!(on("the 1999 war in the north", day(2008)), Some(DiscardScope::Sentence));
        assert_eq!(on("the 1999 war in the north", day(1999)), None);
        assert_eq!(on("the 1999 war in the north", None), None);
        assert_eq!(on("the 2001 war in the north", day(2008)), None);
    }
}
