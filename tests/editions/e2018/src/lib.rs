//! certifier-error used from an edition 2018 crate, linted for the editions after it.

#![deny(
    warnings,
    rust_2018_idioms,
    unused_qualifications,
    rust_2021_compatibility,
    rust_2024_compatibility
)]
#![forbid(unsafe_code)]

include!("../../common.rs");

include!("../../before_2024.rs");
