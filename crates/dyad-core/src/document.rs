//! Documents as the readers deliver them: raw text to segment, or sentences given by the input.

use chrono::NaiveDate;
use std::fmt;
use std::sync::Arc;

/// Where a document came from, for error messages (`file:line`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The input path, or `-` for standard input.
    pub path: Arc<str>,
    /// 1-based line where the record starts.
    pub line: usize,
}

impl Origin {
    pub fn new(path: impl Into<Arc<str>>, line: usize) -> Self {
        Origin { path: path.into(), line }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.path, self.line)
    }
}

/// One news story (or one PETRARCH `<Sentence>` record) with its metadata.
#[derive(Clone, Debug)]
pub struct Document {
    pub id: String,
    /// The story's date: relative expressions ("on Monday") resolve against it.
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub origin: Origin,
    pub content: Content,
}

impl Document {
    pub fn from_text(id: impl Into<String>, text: impl Into<String>, origin: Origin) -> Self {
        Document {
            id: id.into(),
            date: None,
            title: None,
            url: None,
            publisher: None,
            origin,
            content: Content::Raw(text.into()),
        }
    }
}

/// A document's body.
#[derive(Clone, Debug)]
pub enum Content {
    /// Running text that the text stage cleans and splits into sentences.
    Raw(String),
    /// Sentences the input already delimits (PETRARCH XML, CoNLL-U), possibly with a parse.
    Sentences(Vec<GivenSentence>),
}

/// A sentence delimited by the input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GivenSentence {
    pub text: String,
    pub parse: Option<GivenParse>,
    /// 1-based line of the input where the sentence (or its parse) starts, for messages.
    pub line: usize,
}

/// A parse supplied with the input, kept as text until the parse stage reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GivenParse {
    /// CoNLL-U token lines (UD v1 or v2 relation names).
    Conllu(String),
    /// A Penn Treebank bracketed tree.
    PennTreebank(String),
}
