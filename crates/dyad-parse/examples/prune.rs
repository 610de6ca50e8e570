//! Drops small weights from a model: `prune IN OUT MIN_WEIGHT` (what training's `min_weight` does).
fn main() {
    let a: Vec<String> = std::env::args().collect();
    if a.len() != 4 {
        eprintln!("usage: prune IN OUT MIN_WEIGHT");
        std::process::exit(2);
    }
    let p = dyad_parse::Parser::load(std::path::Path::new(&a[1])).expect("model");
    let w: f32 = a[3].parse().expect("MIN_WEIGHT is a number");
    p.pruned(w).save(std::path::Path::new(&a[2])).expect("save");
}
