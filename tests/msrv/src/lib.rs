//! certifier-error used with the declared minimum Rust version: the same derives as the
//! edition tests, so that the generated code, and not only the runtime, is built with it.

#![deny(warnings)]
#![forbid(unsafe_code)]

include!("../../editions/common.rs");
