fn main() {
    let p = dyad_parse::Parser::load(std::path::Path::new(&std::env::args().nth(1).unwrap())).unwrap();
    let (a, b) = p.model_stats();
    println!("tagger probe/cells {a:?} parser {b:?}");
}
