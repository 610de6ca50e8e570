//! The CoNLL-U reader, writer and the parser on whatever sentences it yields: never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut ok: Vec<_> = dyad_parse::conllu::read(&text).into_iter().filter_map(Result::ok).collect();
    let mut out = Vec::new();
    dyad_parse::conllu::write(&ok, &mut out).unwrap();
    let again = dyad_parse::conllu::read(std::str::from_utf8(&out).unwrap());
    assert_eq!(again.len(), ok.len());
    for s in ok.iter_mut().take(4) {
        dyad_parse::Parser::embedded().parse(s);
    }
});
