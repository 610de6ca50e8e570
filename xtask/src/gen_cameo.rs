//! Generates `crates/dyad-cameo/src/table.rs` from `cameo-codes.jsonl` (CAMEO 1.1b3 codes, names,
//! quad classes, Goldstein values) and `CAMEO2PLOVER-2021.txt` (CAMEO → PLOVER event types).
//!
//! Two repairs are made to the source data, both printed when the generator runs:
//! - the code `1883` whose parent `188` does not exist is `183` (its children 1831–1834 name 183
//!   as their parent), a typo carried by the source table;
//! - codes the PLOVER table and the CAMEO 2.0 verb dictionary use but CAMEO 1.1b3 lacks (1213,
//!   1214) are added, with their parent's quad class and Goldstein value and the PLOVER name.
//!
//! Codes the PLOVER table does not list inherit their nearest listed ancestor's type; CAMEO 02x
//! (appeals) map to REQUEST, which PLOVER merged them into; CAMEO 01x (public statements) have no
//! PLOVER type.

use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Deserialize)]
struct Row {
    code: String,
    name: String,
    parent: Option<String>,
    quad_class: u8,
    goldstein: f32,
}

struct Code {
    name: String,
    parent: Option<String>,
    quad_class: u8,
    goldstein: f32,
    plover: Option<Plover>,
}

#[derive(Clone)]
struct Plover {
    event: String,
    mode: Option<String>,
    context: Option<String>,
}

pub fn run(data: &Path, out: &Path) -> Result<()> {
    let jsonl = data.join("cameo-codes.jsonl");
    let text =
        std::fs::read_to_string(&jsonl).with_context(|| format!("reading {}", jsonl.display()))?;
    let mut codes: BTreeMap<String, Code> = BTreeMap::new();
    for (i, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let row: Row =
            serde_json::from_str(line).with_context(|| format!("{}:{}", jsonl.display(), i + 1))?;
        codes.insert(
            row.code,
            Code {
                name: row.name,
                parent: row.parent,
                quad_class: row.quad_class,
                goldstein: row.goldstein,
                plover: None,
            },
        );
    }
    if let Some(c) = codes.remove("1883") {
        eprintln!("repair: code 1883 (parent 188, which does not exist) is 183");
        codes.insert(
            "183".into(),
            Code {
                parent: Some("18".into()),
                ..c
            },
        );
    }

    let plover_path = data.join("CAMEO2PLOVER-2021.txt");
    let plover_text = std::fs::read_to_string(&plover_path)
        .with_context(|| format!("reading {}", plover_path.display()))?;
    let mut plover: BTreeMap<String, (Plover, String)> = BTreeMap::new();
    for line in plover_text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with('~') {
            continue;
        }
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let (fields, comment) = rest.split_once('#').unwrap_or((rest, ""));
        let mut parts = fields.split(',').map(str::trim);
        let event = parts.next().unwrap_or_default().to_string();
        let non_empty = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
        let mode = non_empty(parts.next());
        let context = non_empty(parts.next());
        plover.insert(
            code.trim().to_string(),
            (
                Plover {
                    event,
                    mode,
                    context,
                },
                comment.trim().to_string(),
            ),
        );
    }

    for (code, (p, name)) in &plover {
        if codes.contains_key(code) {
            continue;
        }
        let parent = code[..code.len() - 1].to_string();
        let Some(par) = codes.get(&parent) else {
            bail!("PLOVER code {code} has no CAMEO parent {parent}")
        };
        eprintln!("extension: {code} ({name}) added under {parent} from the PLOVER table");
        let code_entry = Code {
            name: name.clone(),
            parent: Some(parent),
            quad_class: par.quad_class,
            goldstein: par.goldstein,
            plover: Some(p.clone()),
        };
        codes.insert(code.clone(), code_entry);
    }

    // Each code takes its own PLOVER row, else its nearest ancestor's.
    let keys: Vec<String> = codes.keys().cloned().collect();
    for code in &keys {
        let mut cur = Some(code.clone());
        let mut found = None;
        while let Some(c) = cur {
            if let Some((p, _)) = plover.get(&c) {
                found = Some(p.clone());
                break;
            }
            cur = codes.get(&c).and_then(|x| x.parent.clone());
        }
        if found.is_none() && code.starts_with("02") {
            found = Some(Plover {
                event: "REQUEST".into(),
                mode: None,
                context: None,
            });
        }
        codes.get_mut(code).unwrap().plover = found;
    }
    for (code, c) in &codes {
        if let Some(p) = &c.parent {
            if !codes.contains_key(p) {
                bail!("code {code} names parent {p}, which is not in the table");
            }
        }
    }

    let mut src = String::new();
    src.push_str(
        "// @generated by `cargo xtask gen-cameo` from ../shared/data/cameo; do not edit.\n",
    );
    src.push_str("// CAMEO codes (facts of the CAMEO 1.1b3 codebook) and PLOVER event types.\n\n");
    src.push_str("use crate::CameoCode;\n\n");
    writeln!(
        src,
        "pub(crate) static CODES: [CameoCode; {}] = [",
        codes.len()
    )?;
    for (code, c) in &codes {
        let opt = |s: &Option<String>| match s {
            Some(s) => format!("Some({s:?})"),
            None => "None".into(),
        };
        let p = c.plover.as_ref();
        writeln!(
            src,
            "    CameoCode {{ code: {code:?}, name: {:?}, parent: {}, quad_class: {}, goldstein: {:?}, plover: {}, plover_mode: {}, plover_context: {} }},",
            c.name,
            opt(&c.parent),
            c.quad_class,
            c.goldstein,
            opt(&p.map(|p| p.event.clone())),
            opt(&p.and_then(|p| p.mode.clone())),
            opt(&p.and_then(|p| p.context.clone())),
        )?;
    }
    src.push_str("];\n");
    std::fs::write(out, src).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("wrote {} codes to {}", codes.len(), out.display());
    Ok(())
}
