//! Which coder a command runs, built from the dictionaries and parser it asks for.

use crate::pipeline::Pipeline;
use dyad_text::SegmentOptions;

/// The pipeline of `dyad code` with dyad's default dictionaries.
pub fn default_pipeline(explain: bool) -> Pipeline {
    Pipeline { segment: SegmentOptions::default(), coder: Box::new(dyad_code::starter::StarterCoder), explain }
}
