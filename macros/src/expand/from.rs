//! `From` impls for `#[from]` fields; an `Option<E>` field converts from `E`. Under
//! `skip_display` the other derive (thiserror's) reads `#[from]` and writes them.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Member;

use crate::generics::Bounds;
use crate::plan::{Plan, VariantPlan};

pub fn from_impls(plan: &Plan) -> TokenStream {
    if plan.skip_display {
        return TokenStream::new();
    }
    if let Some(index) = plan.catch_all {
        return catch_all(plan, &plan.variants[index]);
    }
    let mut impls = Vec::new();
    for variant in &plan.variants {
        let Some(from) = variant.from else {
            continue;
        };
        impls.push({
            let field = &variant.fields[from];
            let (ty, value) = match field.option_inner {
                Some(inner) => (inner, quote!(::core::option::Option::Some(__source))),
                None => (field.ty, quote!(__source)),
            };
            let construct = match field.member {
                Member::Named(ident) => quote!({ #ident: #value }),
                Member::Unnamed(_) => quote!((#value)),
            };
            let path = &variant.path;
            let header = plan.impl_header(&quote!(::core::convert::From<#ty>), &Bounds::default());
            let allow = plan.allow_deprecated();
            quote! {
                #header {
                    #allow
                    fn from(__source: #ty) -> Self {
                        #path #construct
                    }
                }
            }
        });
    }
    super::joined(impls)
}

/// `From<E>` for every `E` that converts into the `catch_all` variant's field: `?`
/// reaches the variant from any error. (`check.rs` keeps `#[from]` off the other
/// variants, whose `From` would overlap.)
fn catch_all(plan: &Plan, variant: &VariantPlan) -> TokenStream {
    let field = &variant.fields[0];
    let ty = field.ty;
    let construct = match field.member {
        Member::Named(ident) => quote!({ #ident: ::core::convert::Into::into(__source) }),
        Member::Unnamed(_) => quote!((::core::convert::Into::into(__source))),
    };
    let path = &variant.path;
    let ident = plan.type_ident();
    let mut generics = plan.input.generics.clone();
    // After the lifetimes, which come first.
    let at = generics.lifetimes().count();
    generics
        .params
        .insert(at, syn::parse_quote!(__CertifierSource));
    generics
        .make_where_clause()
        .predicates
        .push(syn::parse_quote!(__CertifierSource: ::core::convert::Into<#ty>));
    let (impl_generics, _, where_clause) = generics.split_for_impl();
    let (_, ty_generics, _) = plan.input.generics.split_for_impl();
    let allow = plan.allow_deprecated();
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::convert::From<__CertifierSource> for #ident #ty_generics
        #where_clause
        {
            #allow
            fn from(__source: __CertifierSource) -> Self {
                #path #construct
            }
        }
    }
}
