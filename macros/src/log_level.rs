//! `#[certifier(log = "...")]`: the level the `tracing` integration logs an error at,
//! as the `log_level` method of `CertifierError` and in the catalogue entries.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::{Ident, LitStr};

use crate::ast::{Input, Variant};
use crate::ctx::Ctxt;

/// The names `log` accepts, with the `LogLevel` variant each stands for.
const LEVELS: &[(&str, &str)] = &[
    ("off", "Off"),
    ("trace", "Trace"),
    ("debug", "Debug"),
    ("info", "Info"),
    ("warn", "Warn"),
    ("error", "Error"),
];

/// Whether `lit` names a level; reports it otherwise.
pub fn check_name(cx: &Ctxt, lit: &LitStr) -> bool {
    let name = lit.value();
    if LEVELS.iter().any(|(level, _)| *level == name) {
        return true;
    }
    let names: Vec<String> = LEVELS
        .iter()
        .map(|(level, _)| format!("`{level}`"))
        .collect();
    let lowered = name.trim().to_ascii_lowercase();
    let hint = LEVELS
        .iter()
        .map(|(level, _)| *level)
        .find(|level| *level == lowered || (lowered == "warning" && *level == "warn"))
        .or_else(|| crate::attr::closest(&lowered, LEVELS.iter().map(|(level, _)| *level)));
    let message = match hint {
        Some(level) => format!("unknown log level `{name}`: did you mean `{level}`?"),
        None => format!(
            "unknown log level `{name}`: use one of {}",
            names.join(", ")
        ),
    };
    cx.error_spanned_by(lit, message);
    false
}

/// A transparent variant logs at its field's level, which the field's own type (and
/// its catalogue) declares: a level beside `transparent` would contradict it.
pub fn check(cx: &Ctxt, input: &Input) {
    for variant in input.variants() {
        if let (true, Some(written)) = (
            variant.is_transparent() && !variant.is_struct,
            variant.attrs.written_tokens("log"),
        ) {
            cx.error_spanned_by(
                written,
                "`transparent` logs at the level of the inner error, so `log` cannot be given \
                 beside it: set `log` on the inner error's type instead",
            );
        }
    }
}

/// The level written for `variant`: its own, else the container's. A transparent
/// variant has none: it asks its field.
fn written<'a>(input: &'a Input, variant: &'a Variant) -> Option<&'a LitStr> {
    if variant.is_transparent() {
        return None;
    }
    variant.attrs.log.as_ref().or(input.attrs.log.as_ref())
}

/// `runtime::LogLevel::Variant` for a checked level name.
fn level_path(runtime: &TokenStream, lit: &LitStr) -> TokenStream {
    let name = lit.value();
    let variant = LEVELS
        .iter()
        .find(|(level, _)| *level == name)
        .map_or("Error", |(_, variant)| *variant);
    let variant = Ident::new(variant, Span::call_site());
    quote_spanned!(lit.span()=> #runtime::LogLevel::#variant)
}

/// `fn log_level` for the `CertifierError` impl, or nothing where the trait's default
/// (by status) is right for every variant.
pub fn method(input: &Input, runtime: &TokenStream) -> TokenStream {
    let variants = input.variants();
    let needed = variants
        .iter()
        .any(|variant| variant.is_transparent() || written(input, variant).is_some());
    if !needed {
        return TokenStream::new();
    }
    let arms = variants.iter().map(|variant| {
        if let Some(field) = variant.transparent_field() {
            let binding = field.binding();
            let ty = field.ty;
            let pattern = variant.pattern(|_| Some(binding.clone()));
            let call = quote_spanned! {field.span()=>
                <#ty as #runtime::CertifierError>::log_level(#binding)
            };
            return quote!(#pattern => #call,);
        }
        let pattern = variant.pattern(|_| None);
        let level = match written(input, variant) {
            Some(lit) => level_path(runtime, lit),
            None => {
                let status = variant
                    .status()
                    .expect("checked: a custom code has a status");
                quote!(#runtime::LogLevel::for_status(#status))
            }
        };
        quote!(#pattern => #level,)
    });
    quote! {
        fn log_level(&self) -> #runtime::LogLevel {
            match self { #(#arms)* }
        }
    }
}

/// The catalogue `entry` of `variant`, with its written level if it has one.
pub fn catalogue_entry(
    input: &Input,
    variant: &Variant,
    runtime: &TokenStream,
    entry: TokenStream,
) -> TokenStream {
    match written(input, variant) {
        Some(lit) => {
            let level = level_path(runtime, lit);
            quote!(#entry.__with_log_level(#level))
        }
        None => entry,
    }
}
