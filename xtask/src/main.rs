//! Developer tasks. `cargo xtask gen-cameo [DATA_DIR]` regenerates the CAMEO ontology table;
//! `cargo xtask sentence-f1 [CONLLU]` scores the sentence splitter against a treebank.

mod gen_cameo;
mod sentence_f1;

use anyhow::{bail, Result};
use std::path::PathBuf;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    match args.first().map(String::as_str) {
        Some("gen-cameo") => {
            let data = args.get(1).map(PathBuf::from).unwrap_or_else(|| root.join("../shared/data/cameo"));
            let out = root.join("crates/dyad-cameo/src/table.rs");
            gen_cameo::run(&data, &out)
        }
        Some("sentence-f1") => {
            let file = args
                .get(1)
                .map(PathBuf::from)
                .unwrap_or_else(|| root.join("../shared/data/ud-english-ewt/en_ewt-ud-test.conllu"));
            sentence_f1::run(&file)
        }
        _ => bail!("usage: cargo xtask gen-cameo [CAMEO_DATA_DIR] | sentence-f1 [CONLLU]"),
    }
}
