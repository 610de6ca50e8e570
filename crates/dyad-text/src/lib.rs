//! The text stage: reading documents in every input format, recognising page furniture,
//! splitting text into sentences and tokens with byte offsets into the original text.

mod abbrev;
mod furniture;
pub mod given;
pub mod read;
mod segment;
mod tokenize;

pub use furniture::furniture_reason;
pub use given::{sentence_from_conllu, sentence_from_given};
pub use read::{read_bytes, read_inputs, Format, Item, ReadError, ReadOptions};
pub use segment::{blocks, segment, SegmentOptions, Segmented};
pub use tokenize::tokenize;
