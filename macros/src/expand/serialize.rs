//! The `serde::Serialize` impl: the whole envelope, through the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use crate::generics::Bounds;
use crate::plan::{Kind, Message, Plan};

pub fn serialize_impl(plan: &Plan) -> TokenStream {
    let runtime = &plan.runtime;
    let mut bounds = Bounds::default();
    if plan.is_generic() {
        bounds.insert_predicate(quote!(Self: #runtime::CertifierError));
    }
    let header = plan.impl_header(&quote!(#runtime::__private::serde::Serialize), &bounds);
    // An empty enum has no value to serialise.
    let body = if plan.variants.is_empty() {
        quote!(match *self {})
    } else {
        let literal_message = literal_message(plan);
        quote!(#runtime::__private::serialize_envelope(self, #literal_message, __serializer))
    };
    quote! {
        #header {
            fn serialize<__S: #runtime::__private::serde::Serializer>(
                &self,
                __serializer: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                #body
            }
        }
    }
}

/// The variant's message when it has no placeholders, so that it is written as a plain
/// string rather than through `core::fmt`; `None` for the others (a transparent variant's
/// message is its field's, written through `fmt_message`).
fn literal_message(plan: &Plan) -> TokenStream {
    let arms: Vec<TokenStream> = plan
        .variants
        .iter()
        .filter_map(|variant| match &variant.kind {
            Kind::Own(own) => match &own.message {
                Message::Literal(text) => {
                    let pattern = variant.pattern_none();
                    Some(quote!(#pattern => ::core::option::Option::Some(#text),))
                }
                Message::Template(_) => None,
            },
            Kind::Transparent(_) => None,
        })
        .collect();
    if arms.is_empty() {
        return quote!(::core::option::Option::None);
    }
    let rest =
        (arms.len() < plan.variants.len()).then(|| quote!(_ => ::core::option::Option::None,));
    let allow = plan.allow_deprecated();
    quote! {
        #allow
        match self { #(#arms)* #rest }
    }
}
