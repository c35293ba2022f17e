//! Guides: one page per topic, from declaring errors to serving, reading and documenting them.
//!
//! The README shows the format and a first example; these pages hold the rest, and each
//! of their Rust examples runs as a test. The reference of each item stays on the item's
//! own page, and the derive's page ([`derive@crate::CertifierError`]) documents every
//! attribute with an example.
//!
//! | to | read |
//! |---|---|
//! | declare the errors of an API | [`attributes`] |
//! | port a thiserror enum | [`from_thiserror`] |
//! | know what the framework integrations answer | [`serving`] |
//! | serve with axum, or with actix-web | [`axum`](axum/index.html), [`actix_web`](actix_web/index.html) |
//! | answer every error response in the envelope: the router's, the limits', panics | [`envelope`](envelope/index.html) |
//! | answer RFC 9457 problem details to clients that ask | [`problem_details`] |
//! | report what is wrong with a request, with validator or garde | [`validation`](validation/index.html) |
//! | log every error response, at the level each deserves | [`logs`] |
//! | read errors in a client, with reqwest or another HTTP client | [`clients`](clients/index.html) |
//! | answer gRPC clients with tonic | [`grpc`](grpc/index.html) |
//! | list every error a type answers with, and lock its codes | [`catalogue`] |
//! | serve a page per error code, where every `doc_url` lands | [`error_reference`](error_reference/index.html) |
//! | answer in the user's language, with Fluent translations | [`localisation`](localisation/index.html) |
//! | document the errors in OpenAPI or JSON Schema | [`openapi`](openapi/index.html) |
//! | know what never reaches a response | [`nothing_leaks`] |
//! | read the compile errors everyone meets once | [`common_mistakes`] |
//!
//! A `[dependencies]` block before an example lists what a crate of your own needs to
//! build it. A page whose examples need integrations is built with their features:
//! docs.rs builds every page, a local `cargo doc` those of the features it is given.

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

#[cfg(all(feature = "axum-0_8", feature = "actix-web-4"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "axum", feature = "actix-web"))))]
#[doc = include_str!("guide/error_reference.md")]
pub mod error_reference {}

#[cfg(all(feature = "fluent", feature = "axum-0_8"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "fluent", feature = "axum"))))]
#[doc = include_str!("guide/localisation.md")]
pub mod localisation {}

#[cfg(all(feature = "utoipa-5", feature = "schemars-1"))]
#[cfg_attr(docsrs, doc(cfg(all(feature = "utoipa", feature = "schemars"))))]
#[doc = include_str!("guide/openapi.md")]
pub mod openapi {}

#[doc = include_str!("guide/nothing_leaks.md")]
pub mod nothing_leaks {}

#[doc = include_str!("guide/common_mistakes.md")]
pub mod common_mistakes {}
