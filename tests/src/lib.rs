//! Integration tests and the compile-fail suite of certifier-error; nothing to use here.

/// Runs the README's Rust examples as doctests, so the documentation cannot drift.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeExamples;
