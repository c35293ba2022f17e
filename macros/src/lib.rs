//! The derive behind `certifier_error::CertifierError`. Depend on `certifier-error`,
//! which re-exports it; this crate is not meant to be used directly.
//!
//! The pipeline: [`ast`] models the input with its attributes parsed by [`attr`],
//! [`check`] applies the rules that span several items, and [`expand`] generates the
//! impls, or [`fallback`] stubs them out beside the errors when the input is invalid.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod case;
mod catalogue;
mod check;
mod codes;
mod ctx;
mod expand;
mod fallback;
mod fmt;
mod generics;
mod headers;
mod json;
mod log_level;

use proc_macro::TokenStream;
use syn::{parse_macro_input, DeriveInput};

/// Derives `CertifierError`, `Display`, `core::error::Error`, `From` and `Serialize`.
///
/// See the `certifier-error` crate for the attribute reference.
#[proc_macro_derive(CertifierError, attributes(certifier, source, from))]
pub fn derive_certifier_error(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input).into()
}

fn derive(input: &DeriveInput) -> proc_macro2::TokenStream {
    let cx = ctx::Ctxt::default();
    let model = ast::Input::from_syn(&cx, input);
    if let Some(model) = &model {
        check::check(&cx, model);
        headers::check(&cx, model);
        log_level::check(&cx, model);
    }
    let runtime = model
        .as_ref()
        .map_or_else(|| quote::quote!(::certifier_error), expand::runtime_path);
    match (cx.check(), model) {
        (Ok(()), Some(model)) => expand::derive(&model),
        (Err(error), _) => fallback::expand(input, &runtime, &error),
        (Ok(()), None) => unreachable!("a missing model is always reported"),
    }
}
