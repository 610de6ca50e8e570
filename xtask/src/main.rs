//! Developer tasks. `cargo xtask gen-cameo [DATA_DIR]` regenerates the CAMEO ontology table.

mod gen_cameo;

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
        _ => bail!("usage: cargo xtask gen-cameo [CAMEO_DATA_DIR]"),
    }
}
