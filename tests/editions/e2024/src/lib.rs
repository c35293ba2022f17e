//! certifier-error used from an edition 2024 crate.

#![deny(warnings, rust_2018_idioms, unused_qualifications)]
#![forbid(unsafe_code)]

include!("../../common.rs");
