//! `From` impls for `#[from]` fields; an `Option<E>` field converts from `E`. Under
//! `skip_display` the other derive (thiserror's) reads `#[from]` and writes them.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{GenericParam, Generics, Ident, Member, Type};

use super::paths::{FROM, INTO, SOME};
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
                Some(inner) => (inner, quote!(#SOME(__source))),
                None => (field.ty, quote!(__source)),
            };
            let construct = match field.member {
                Member::Named(ident) => quote!({ #ident: #value }),
                Member::Unnamed(_) => quote!((#value)),
            };
            let path = &variant.path;
            let header = plan.impl_header(&quote!(#FROM<#ty>), &Bounds::default());
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
        Member::Named(ident) => quote!({ #ident: #INTO::into(__source) }),
        Member::Unnamed(_) => quote!((#INTO::into(__source))),
    };
    let path = &variant.path;
    let allow = plan.allow_deprecated();
    let from = quote! {
        #allow
        fn from(__source: __CertifierSource) -> Self {
            #path #construct
        }
    };
    catch_all_impl(&plan.type_ident(), plan.input.generics, ty, from)
}

/// `impl From<__CertifierSource> for Type where __CertifierSource: Into<#ty>`, holding
/// `from`: the `catch_all` conversion, here and in the fallback's stubs.
pub fn catch_all_impl(
    ident: &Ident,
    generics: &Generics,
    ty: &Type,
    from: TokenStream,
) -> TokenStream {
    let mut with_source = generics.clone();
    // After the lifetimes, which come first.
    let at = with_source.lifetimes().count();
    let source = super::local("__CertifierSource");
    with_source
        .params
        .insert(at, GenericParam::Type(source.into()));
    let (impl_generics, _, _) = with_source.split_for_impl();
    let (_, ty_generics, _) = generics.split_for_impl();
    let mut bounds = Bounds::default();
    bounds.insert_predicate(quote!(__CertifierSource: #INTO<#ty>));
    let where_clause = bounds.where_clause(generics);
    quote! {
        #[automatically_derived]
        impl #impl_generics #FROM<__CertifierSource> for #ident #ty_generics
        #where_clause
        {
            #from
        }
    }
}
