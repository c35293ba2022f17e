//! The derive macro of [`certifier-error`](https://docs.rs/certifier-error). Depend on
//! `certifier-error`, which re-exports the derive as `certifier_error::CertifierError`
//! beside the trait of that name and holds everything the generated code calls; this
//! crate is not meant to be used directly. The attribute reference is the
//! [derive's documentation](https://docs.rs/certifier-error/latest/certifier_error/derive.CertifierError.html)
//! in `certifier-error`.
//!
//! The pipeline, one module per stage: `attr` reads each attribute and checks each key
//! on its own; `ast` models the input with those attributes; `check` applies the rules
//! that span several keys or items; `plan` resolves, once, every fact the emitters need;
//! `expand` generates the impls from the plan, one module per item. When the input is
//! invalid, `fallback` stubs the impls beside the errors, so the user sees those errors
//! and no cascade. `ctx` collects the errors of every stage.
//!
//! Every user compiles this crate, so its own size is part of the derive's cost. It
//! searches and collects with plain loops: each closure handed to an iterator adapter
//! compiles its own copy of the adapter, and the loops keep the crate's machine code
//! about a quarter smaller.

#![forbid(unsafe_code)]
// The loops are on purpose, as said above.
#![allow(clippy::manual_find, clippy::manual_flatten)]

mod ast;
mod attr;
mod case;
mod check;
mod codes;
mod ctx;
mod expand;
mod fallback;
mod fmt;
mod generics;
mod plan;
mod seen;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_diagnostics;
mod text;
mod translation;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// This derive is defined in `certifier-error-macros` and re-exported by `certifier-error`,
/// the crate to depend on.
#[proc_macro_derive(CertifierError, attributes(certifier, source, from, error))]
pub fn derive_certifier_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(
        &input,
        Emit {
            translations: false,
        },
    )
    .into()
}

/// This derive is defined in `certifier-error-macros` and re-exported by `certifier-error`,
/// the crate to depend on.
// The entry point `certifier-error` re-exports as `CertifierError` when its `fluent`
// feature is on: the same derive, plus the hidden `translatable` method translations
// read. Two entry points, not a cargo feature here: the runtime's feature picks one, and
// a build without translations never generates that method.
#[proc_macro_derive(
    CertifierErrorWithTranslations,
    attributes(certifier, source, from, error)
)]
pub fn derive_certifier_error_with_translations(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input, Emit { translations: true }).into()
}

/// What the runtime's features ask the derive to emit.
#[derive(Clone, Copy)]
struct Emit {
    /// The `translatable` method, for the runtime's `fluent` feature.
    translations: bool,
}

/// The whole pipeline over `proc_macro2` tokens: the generated code, or the errors
/// beside stub impls.
fn derive(input: &DeriveInput, emit: Emit) -> proc_macro2::TokenStream {
    let cx = ctx::Ctxt::new();
    let model = ast::Input::from_syn(&cx, input);
    if let Some(model) = &model {
        check::check(&cx, model);
    }
    let runtime = model
        .as_ref()
        .map_or_else(|| quote::quote!(::certifier_error), plan::runtime_path);
    match (cx.check(), model) {
        (Ok(()), Some(model)) => {
            let plan = plan::Plan::new(&model, emit);
            // The rules over the resolved plan: what a variant's key stands for is only
            // known once every message is read.
            let cx = ctx::Ctxt::new();
            check::keys_have_one_meaning(&cx, &plan);
            match cx.check() {
                Ok(()) => expand::derive(&plan),
                Err(error) => fallback::expand(input, &runtime, &error),
            }
        }
        (Err(error), _) => fallback::expand(input, &runtime, &error),
        (Ok(()), None) => unreachable!("a missing model is always reported"),
    }
}
