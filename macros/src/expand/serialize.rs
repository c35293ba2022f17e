//! The `serde::Serialize` impl: the whole envelope, through the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::paths::{Private, NONE, OPTION, RESULT, SOME, STR};
use crate::generics::Bounds;
use crate::plan::{Kind, Message, Plan, VariantPlan};

pub fn serialize_impl(plan: &Plan) -> TokenStream {
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let mut bounds = Bounds::default();
    if plan.is_generic() {
        bounds.insert_predicate(quote!(Self: #runtime::CertifierError));
    }
    let header = plan.impl_header(&quote!(#private::serde::Serialize), &bounds);
    let literal_message = literal_message_impl(plan);
    // An empty enum has no value to serialise.
    let body = if plan.variants.is_empty() {
        quote!(match *self {})
    } else {
        let literal = match literal_message {
            Some(_) => quote!(#private::LiteralMessage::literal_message(self)),
            None => quote!(#NONE),
        };
        quote!(#private::serialize_envelope(self, #literal, __serializer))
    };
    quote! {
        #header {
            fn serialize<__S: #private::serde::Serializer>(
                &self,
                __serializer: __S,
            ) -> #RESULT<__S::Ok, __S::Error> {
                #body
            }
        }

        #literal_message
    }
}

/// `__private::LiteralMessage`: the variant's message when it has no placeholders, so
/// that serialisers write it as a plain string rather than through `core::fmt`; a
/// transparent variant asks its field's type. Nothing where no variant has one to give.
fn literal_message_impl(plan: &Plan) -> Option<TokenStream> {
    let runtime = &plan.runtime;
    let private = Private(runtime);
    // A field whose type names a parameter would be asked once, for the parameter: its
    // message takes the general path instead, and the field is not asked.
    let asks = |variant: &VariantPlan| match variant.kind {
        Kind::Transparent(index) => !variant.fields[index].uses_param,
        Kind::Own(_) => false,
    };
    let has_literal = plan.any_variant(&|variant| {
        matches!(&variant.kind, Kind::Own(own) if matches!(own.message, Message::Literal(_)))
    });
    let asks_a_field = plan.any_variant(&asks);
    if !has_literal && !asks_a_field {
        return None;
    }
    let arms = plan.match_variants_or(
        &|variant| match &variant.kind {
            Kind::Own(own) => match &own.message {
                Message::Literal(text) => {
                    let pattern = variant.pattern_none();
                    Some(quote!(#pattern => #SOME(#text),))
                }
                Message::Template(_) => None,
            },
            Kind::Transparent(_) if !asks(variant) => None,
            Kind::Transparent(index) => {
                let field = &variant.fields[*index];
                let pattern = variant.pattern_one(*index);
                let binding = &field.binding;
                Some(quote! {
                    #pattern => (&&#private::LiteralOf(#binding)).choose(),
                })
            }
        },
        quote!(#NONE),
    );
    let choice =
        asks_a_field.then(|| private.choice_imports(&["FirstChoice", "LastChoice"], false));
    let header = plan.impl_header(&quote!(#private::LiteralMessage), &Bounds::default());
    Some(quote! {
        #header {
            fn literal_message(&self) -> #OPTION<&'static #STR> {
                #choice
                #arms
            }
        }
    })
}
