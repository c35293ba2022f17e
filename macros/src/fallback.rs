//! When the input is invalid: the errors, plus stub impls so that code using the type
//! does not add "trait not implemented" errors to the real ones: `CertifierError`,
//! `Display`, `Error`, `Serialize`, `ErrorCatalogue`, `From` for each `#[from]` type, and
//! the runtime's integration and OpenAPI hooks. The stubs are never run: the crate does
//! not compile while the errors stand. The ones every type has come from the runtime's
//! `stubs!` relay; this module writes the `From` impls, which depend on the fields.

use proc_macro2::TokenStream;
use quote::{quote, ToTokens};
use syn::{Data, DeriveInput, Fields, Type};

use crate::attr::Integration;
use crate::expand::comma_list;
use crate::expand::from::catch_all_impl;
use crate::expand::paths::{Private, ERROR, FROM, OPTION, UNREACHABLE};
use crate::expand::relays::gate;
use crate::generics::{Bounds, ParamsInScope};
use crate::seen::Seen;

pub fn expand(input: &DeriveInput, runtime: &TokenStream, error: &syn::Error) -> TokenStream {
    let private = Private(runtime);
    let errors = error.to_compile_error();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let own_predicates = comma_list(Bounds::default().predicates(&input.generics));
    let skip_display = mentions_skip_display(input);
    // A hand-written impl beside `skip_impl(...)` must not meet a stub of the same trait.
    let skipped = mentions_skipped_impls(input);
    let gate = |integration| gate(runtime, integration, &skipped);
    let (axum, actix_web) = (gate(Integration::Axum), gate(Integration::ActixWeb));
    let tonic = gate(Integration::Tonic);
    let (utoipa, schemars) = (gate(Integration::Utoipa), gate(Integration::Schemars));
    // A `catch_all` variant's type converts from every error, and is no `Error` (unless
    // another derive writes `Error` under `skip_display`: that mistake is reported alone).
    let catch_all = catch_all_type(input).filter(|_| !skip_display);
    // Under `skip_display`, thiserror's derive writes `From` (and `Display`, `Error`).
    let from_types = if skip_display || catch_all.is_some() {
        Vec::new()
    } else {
        from_types(input)
    };
    let mut from = TokenStream::new();
    for &ty in &from_types {
        from.extend(quote! {
            #[automatically_derived]
            impl #impl_generics #FROM<#ty> for #ident #ty_generics #where_clause {
                fn from(_: #ty) -> Self {
                    #UNREACHABLE!()
                }
            }
        });
    }
    if let Some(ty) = catch_all {
        let stub = quote! {
            fn from(_: __CertifierSource) -> Self {
                #UNREACHABLE!()
            }
        };
        from.extend(catch_all_impl(ident, &input.generics, ty, stub));
        from.extend(quote! {
            #[automatically_derived]
            impl #impl_generics #private::LogSource for #ident #ty_generics
            #where_clause
            {
                fn log_source(
                    &self,
                ) -> #OPTION<&(dyn #ERROR + 'static)> {
                    #UNREACHABLE!()
                }
            }
        });
    }
    // Under `skip_display` another derive writes `Display` and `Error`.
    let keep = |written: bool| match written {
        true => quote!(#private::keep),
        false => quote!(#private::skip),
    };
    let display = keep(!skip_display);
    let error = keep(!skip_display && catch_all.is_none());
    let is_generic = input.generics.type_params().next().is_some();
    // Named, not `Self`: the `tonic` impl is `From<Type> for Status`.
    let integration_bound =
        is_generic.then(|| quote!(#ident #ty_generics: #runtime::CertifierError,));
    let openapi_bound =
        is_generic.then(|| quote!(Self: #runtime::CertifierError + #runtime::ErrorCatalogue,));
    let name = syn::ext::IdentExt::unraw(ident).to_string();
    // The stubs every type has are written by the runtime's relay: see `__private::stubs`.
    quote! {
        #errors

        const _: () = {
            #private::stubs! {
                runtime = [#runtime],
                impl [#impl_generics] for [#ident #ty_generics] where [#own_predicates],
                gates = [#display] [#error] [#axum] [#actix_web] [#tonic] [#utoipa] [#schemars],
                bounds = [#integration_bound] [#openapi_bound],
                name = [#name],
            }

            #from
        };
    }
}

/// Whether a container attribute says `skip_display`, however malformed the rest is.
fn mentions_skip_display(input: &DeriveInput) -> bool {
    says(&input.attrs, "skip_display")
}

/// Whether one of the `#[certifier(...)]` attributes among `attrs` has the word `word`,
/// however malformed the rest is.
fn says(attrs: &[syn::Attribute], word: &str) -> bool {
    for attr in attrs {
        let syn::Meta::List(list) = &attr.meta else {
            continue;
        };
        if !attr.path().is_ident("certifier") {
            continue;
        }
        for tree in list.tokens.clone() {
            if matches!(tree, proc_macro2::TokenTree::Ident(ident) if ident == word) {
                return true;
            }
        }
    }
    false
}

/// The integrations a container attribute names in `skip_impl(...)`, however malformed
/// the rest is.
fn mentions_skipped_impls(input: &DeriveInput) -> Vec<Integration> {
    use proc_macro2::TokenTree;
    let mut skipped = Vec::new();
    for attr in &input.attrs {
        let syn::Meta::List(list) = &attr.meta else {
            continue;
        };
        if !attr.path().is_ident("certifier") {
            continue;
        }
        let trees = crate::fmt::token_trees(&list.tokens);
        for pair in trees.windows(2) {
            let [TokenTree::Ident(key), TokenTree::Group(names)] = pair else {
                continue;
            };
            if key != "skip_impl" {
                continue;
            }
            for name in names.stream() {
                if let TokenTree::Ident(name) = name {
                    skipped.extend(Integration::from_name(&name.to_string()));
                }
            }
        }
    }
    skipped
}

/// The type of the first field of a variant (or struct) whose attributes say
/// `catch_all`, however malformed the rest is.
fn catch_all_type(input: &DeriveInput) -> Option<&Type> {
    let fields = match &input.data {
        Data::Struct(data) if says(&input.attrs, "catch_all") => &data.fields,
        Data::Enum(data) => {
            let mut found = None;
            for variant in &data.variants {
                if says(&variant.attrs, "catch_all") {
                    found = Some(&variant.fields);
                    break;
                }
            }
            found?
        }
        _ => return None,
    };
    Some(&fields.iter().next()?.ty)
}

/// The types of the fields marked `#[from]`, each once, so that `?` on them keeps
/// compiling. Types that mention a type parameter are left out: their `From` impl could
/// overlap the standard library's `impl<T> From<T> for T`.
fn from_types(input: &DeriveInput) -> Vec<&Type> {
    let params = ParamsInScope::new(&input.generics);
    let mut fields: Vec<&Fields> = Vec::new();
    match &input.data {
        Data::Struct(data) => fields.push(&data.fields),
        Data::Enum(data) => {
            for variant in &data.variants {
                fields.push(&variant.fields);
            }
        }
        Data::Union(_) => {}
    }
    let mut seen = Seen::default();
    let mut types = Vec::new();
    for &fields in &fields {
        for field in fields {
            // `#[from]` on an `Option<E>` converts from `E`.
            let ty = crate::ast::option_inner(&field.ty).unwrap_or(&field.ty);
            if crate::attr::has_attribute(&field.attrs, "from")
                && !params.intersects(ty)
                && seen.is_new(ty.to_token_stream().to_string())
            {
                types.push(ty);
            }
        }
    }
    types
}
