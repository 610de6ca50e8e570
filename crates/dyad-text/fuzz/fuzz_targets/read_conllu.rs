//! The conllu reader, then the text stage on whatever documents it yields: never panics.
#![no_main]

use dyad_core::Content;
use dyad_text::{read_bytes, segment, Format, Item, SegmentOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for item in read_bytes(data, "fuzz", Some(Format::Conllu)) {
        if let Item::Document(doc) = item {
            if let Content::Raw(text) = &doc.content {
                let _ = segment(text, &SegmentOptions::default());
            }
        }
    }
});
