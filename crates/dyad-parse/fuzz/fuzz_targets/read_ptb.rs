//! The Penn Treebank reader and converter: never panics, always yields a tree.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (tree, sent) = match text.split_once('\u{1}') {
        Some((t, s)) => (t, Some(s)),
        None => (&*text, None),
    };
    if let Ok(s) = dyad_parse::ptb::to_sentence(tree, sent) {
        let n = s.tokens.len() as u32;
        assert_eq!(s.tokens.iter().filter(|t| t.head == 0).count(), 1);
        for (i, t) in s.tokens.iter().enumerate() {
            assert!(t.head <= n && t.head != i as u32 + 1);
            assert!((t.end as usize) <= s.text.len() && t.start <= t.end);
        }
    }
});
