//! Runs the server: `cargo run -p dyad-serve --example serve -- DB [ADDR]`.

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let db = args.next().expect("usage: serve DB [ADDR]");
    let addr = match args.next() {
        Some(a) => a.parse()?,
        None => dyad_serve::default_addr(),
    };
    dyad_serve::serve(db.into(), addr)
}
