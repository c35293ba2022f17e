//! The pieces a catalogue is made of, which generated code builds (through
//! `__private::catalogue`, which re-exports [`Part`]) and the catalogue walks.

use super::{Catalogue, Entry};

/// One piece of a [`Catalogue`].
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// Consecutive variants of the type itself.
    Entries(&'static [Entry]),
    /// A transparent variant: the field type's catalogue, with the container's `doc_url`
    /// template when it has one (it replaces the inner entries' own).
    Inner(Catalogue, Option<&'static str>),
    /// Errors that cannot be listed: a trait object's.
    Open,
}
