//! Guides: one page per topic, from declaring errors to serving, reading and documenting them.
//!
//! The README shows the format and a first example; these pages hold the rest. Each page is
//! a module with no items, whose examples run as doctests. A page whose examples need an
//! integration is built with that integration's feature (docs.rs builds them all).
//!
//! Start with [`attributes`] to declare errors, or [`from_thiserror`] to port a
//! thiserror enum; [`serving`] says what every framework integration answers. The reference
//! of each item stays on the item's own page, and the derive's page
//! ([`derive@crate::CertifierError`]) documents every attribute with an example.

// Each page is a Markdown file beside this one; its Rust blocks are doctests, which
// `cargo test --workspace --all-features` runs. A page whose examples or links need a
// feature is compiled only with it.

#[doc = include_str!("guide/attributes.md")]
pub mod attributes {}

#[doc = include_str!("guide/from_thiserror.md")]
pub mod from_thiserror {}

#[doc = include_str!("guide/serving.md")]
pub mod serving {}

#[cfg(feature = "axum-0_8")]
#[cfg_attr(docsrs, doc(cfg(feature = "axum")))]
#[doc = include_str!("guide/axum.md")]
pub mod axum {}

#[cfg(feature = "actix-web-4")]
#[cfg_attr(docsrs, doc(cfg(feature = "actix-web")))]
#[doc = include_str!("guide/actix_web.md")]
pub mod actix_web {}

#[cfg(all(feature = "axum-0_8", feature = "actix-web-4"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "axum", feature = "actix-web"))))]
#[doc = include_str!("guide/envelope.md")]
pub mod envelope {}

#[doc = include_str!("guide/problem_details.md")]
pub mod problem_details {}

#[cfg(all(
    feature = "axum-0_8",
    feature = "actix-web-4",
    feature = "validator-0_21",
    feature = "garde-0_23"
))]
#[cfg_attr(
    docsrs,
    doc(cfg(all(
        feature = "axum",
        feature = "actix-web",
        feature = "validator",
        feature = "garde"
    )))
)]
#[doc = include_str!("guide/validation.md")]
pub mod validation {}

#[doc = include_str!("guide/logs.md")]
pub mod logs {}

#[cfg(feature = "reqwest-0_13")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
#[doc = include_str!("guide/clients.md")]
pub mod clients {}

#[cfg(feature = "tonic-0_14")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
#[doc = include_str!("guide/grpc.md")]
pub mod grpc {}

#[doc = include_str!("guide/catalogue.md")]
pub mod catalogue {}

#[cfg(all(feature = "utoipa-5", feature = "schemars-1"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "utoipa", feature = "schemars"))))]
#[doc = include_str!("guide/openapi.md")]
pub mod openapi {}

#[doc = include_str!("guide/nothing_leaks.md")]
pub mod nothing_leaks {}

#[doc = include_str!("guide/common_mistakes.md")]
pub mod common_mistakes {}
