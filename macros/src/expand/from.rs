//! `From` impls for `#[from]` fields; an `Option<E>` field converts from `E`. Under
//! `skip_display` the other derive (thiserror's) reads `#[from]` and writes them.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Member;

use crate::generics::Bounds;
use crate::plan::Plan;

pub fn from_impls(plan: &Plan) -> TokenStream {
    if plan.skip_display {
        return TokenStream::new();
    }
    plan.variants
        .iter()
        .filter_map(|variant| {
            let field = &variant.fields[variant.from?];
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
            Some(quote! {
                #header {
                    #allow
                    fn from(__source: #ty) -> Self {
                        #path #construct
                    }
                }
            })
        })
        .collect()
}
