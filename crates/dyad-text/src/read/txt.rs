//! Plain text: the whole file is one document.

use super::Item;
use dyad_core::{Document, Origin};

pub(super) fn read(text: &str, origin: Origin) -> impl Iterator<Item = Item> {
    // The id is left empty: the caller names the document after `--id` or the file.
    std::iter::once(Item::Document(Document::from_text("", text, origin)))
}
