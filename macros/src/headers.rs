//! Response headers from fields: `#[certifier(header = "Retry-After")]`. Checks the
//! header name, and generates `CertifierError::headers`, which the framework
//! integrations call to set the headers on the response.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::{GenericArgument, Ident, LitStr, PathArguments, Type};

use crate::ast::{Field, Input, Variant};
use crate::ctx::Ctxt;
use crate::generics::{Bounds, ParamsInScope};

/// Headers the integrations write themselves; a field must not override them.
const RESERVED: &[&str] = &["content-type", "content-length", "transfer-encoding"];

/// RFC 9110 `token`: one or more of `!#$%&'*+-.^_`|~`, digits and letters.
pub fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name.bytes().all(|byte| {
            byte.is_ascii_alphanumeric()
                || matches!(
                    byte,
                    b'!' | b'#'
                        | b'$'
                        | b'%'
                        | b'&'
                        | b'\''
                        | b'*'
                        | b'+'
                        | b'-'
                        | b'.'
                        | b'^'
                        | b'_'
                        | b'`'
                        | b'|'
                        | b'~'
                )
        })
}

/// The value of a `header = "..."` key must be a header name the integrations may set.
pub fn check_name(cx: &Ctxt, lit: &LitStr) {
    let name = lit.value();
    if !is_token(&name) {
        cx.error_spanned_by(
            lit,
            format!(
                "`{name}` is not a valid header name: use letters, digits and \
                 !#$%&'*+-.^_`|~ only, such as `header = \"Retry-After\"`"
            ),
        );
    } else if RESERVED.contains(&name.to_ascii_lowercase().as_str()) {
        cx.error_spanned_by(
            lit,
            format!("the `{name}` header is written by the integrations; a field cannot set it"),
        );
    }
}

/// Rules about `header` that look at a whole variant.
pub fn check(cx: &Ctxt, input: &Input) {
    for variant in input.variants() {
        let mut seen: BTreeMap<String, &LitStr> = BTreeMap::new();
        for field in &variant.fields {
            let Some(lit) = &field.attrs.header else {
                continue;
            };
            if variant.is_transparent() {
                cx.error_spanned_by(
                    lit,
                    "a transparent variant takes its headers from its field's own type; \
                     remove `header` here",
                );
                continue;
            }
            if seen.insert(lit.value().to_ascii_lowercase(), lit).is_some() {
                cx.error_spanned_by(
                    lit,
                    format!(
                        "the `{}` header is already set by another field of `{}`",
                        lit.value(),
                        variant.ident
                    ),
                );
            }
        }
    }
}

/// The generated `headers` method, or nothing when no variant sets a header (the
/// trait's default visits nothing). Adds `T: Display` bounds for header fields whose
/// type uses a type parameter.
pub fn method(
    input: &Input,
    runtime: &TokenStream,
    params: &ParamsInScope,
    bounds: &mut Bounds,
    pattern: impl Fn(&Variant, &dyn Fn(&Field) -> Option<Ident>) -> TokenStream,
) -> TokenStream {
    let variants = input.variants();
    let sets_headers = variants.iter().any(|variant| {
        variant.is_transparent() || variant.fields.iter().any(|f| f.attrs.header.is_some())
    });
    if !sets_headers {
        return TokenStream::new();
    }
    for variant in variants.iter().filter(|variant| !variant.is_transparent()) {
        for field in header_fields(variant) {
            let ty = displayed_type(field);
            if params.intersects(ty) {
                bounds.insert(ty, quote!(::core::fmt::Display));
            }
        }
    }
    let arms = variants.iter().map(|variant| {
        if variant.is_transparent() {
            let field = &variant.fields[0];
            let binding = field.binding();
            let ty = field.ty;
            let bind =
                |candidate: &Field| (candidate.index == field.index).then(|| binding.clone());
            let pattern = pattern(variant, &bind);
            let call = quote_spanned! {field.span()=>
                <#ty as #runtime::CertifierError>::headers(#binding, __visit)
            };
            return quote!(#pattern => #call,);
        }
        let fields: Vec<&Field> = header_fields(variant).collect();
        let bind = |candidate: &Field| {
            fields
                .iter()
                .any(|field| field.index == candidate.index)
                .then(|| candidate.binding())
        };
        let pattern = pattern(variant, &bind);
        let visits = fields.iter().map(|field| {
            // Spanned on the field's type, so a type that is not `Display` is reported
            // there rather than on the derive.
            let binding = Ident::new(
                &field.binding().to_string(),
                syn::spanned::Spanned::span(displayed_type(field)),
            );
            let name = field.attrs.header.as_ref().expect("a header field");
            if field.is_option() {
                quote_spanned! {field.span()=>
                    if let ::core::option::Option::Some(__value) = #binding {
                        __visit(#name, __value);
                    }
                }
            } else {
                quote_spanned!(field.span()=> __visit(#name, #binding);)
            }
        });
        quote!(#pattern => { #(#visits)* })
    });
    let body = if variants.is_empty() {
        quote!(match *self {})
    } else {
        quote!(match self { #(#arms)* })
    };
    quote! {
        fn headers(
            &self,
            __visit: &mut dyn ::core::ops::FnMut(&'static str, &dyn ::core::fmt::Display),
        ) {
            #body
        }
    }
}

fn header_fields<'v, 'a>(variant: &'v Variant<'a>) -> impl Iterator<Item = &'v Field<'a>> {
    variant
        .fields
        .iter()
        .filter(|field| field.attrs.header.is_some())
}

/// The type whose `Display` writes the header value: `T` for an `Option<T>` field.
fn displayed_type<'a>(field: &Field<'a>) -> &'a Type {
    if !field.is_option() {
        return field.ty;
    }
    let Type::Path(path) = field.ty else {
        return field.ty;
    };
    let Some(segment) = path.path.segments.last() else {
        return field.ty;
    };
    match &segment.arguments {
        PathArguments::AngleBracketed(arguments) => arguments
            .args
            .iter()
            .find_map(|argument| match argument {
                GenericArgument::Type(ty) => Some(ty),
                _ => None,
            })
            .unwrap_or(field.ty),
        _ => field.ty,
    }
}

#[cfg(test)]
mod tests {
    use super::is_token;

    #[test]
    fn header_names_are_tokens() {
        for good in [
            "Retry-After",
            "x-request-id",
            "X_Legacy",
            "a",
            "!#$%&'*+-.^_`|~09",
        ] {
            assert!(is_token(good), "{good}");
        }
        for bad in [
            "",
            "Retry After",
            "Retry-After:",
            "é",
            "a\tb",
            "(x)",
            "a/b",
            "\"q\"",
        ] {
            assert!(!is_token(bad), "{bad}");
        }
    }
}
