//! certifier-error used from an edition 2021 crate, linted for edition 2024.

#![deny(
    warnings,
    rust_2018_idioms,
    unused_qualifications,
    rust_2024_compatibility
)]
#![forbid(unsafe_code)]

include!("../../common.rs");

include!("../../before_2024.rs");
