//! The public message: written by `Display`, or by `CertifierError::fmt_message` when
//! `skip_display` leaves `Display` to another derive. One set of arms serves both.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use super::paths::{DISPLAY, FMT_RESULT, FORMATTER, WRITE};
use crate::generics::Bounds;
use crate::plan::{Kind, Message, Plan};

pub fn display_impl(plan: &Plan) -> TokenStream {
    if plan.skip_display {
        return TokenStream::new();
    }
    let mut bounds = Bounds::default();
    message_bounds(plan, &mut bounds);
    let header = plan.impl_header(&quote!(#DISPLAY), &bounds);
    let formatter = formatter();
    let arms = message_arms(plan);
    quote! {
        #header {
            fn fmt(&self, #formatter: &mut #FORMATTER<'_>) -> #FMT_RESULT {
                #arms
            }
        }
    }
}

/// `fn fmt_message` for the `CertifierError` impl, under `skip_display`.
pub fn fmt_message_method(plan: &Plan) -> TokenStream {
    let formatter = formatter();
    let arms = message_arms(plan);
    quote! {
        fn fmt_message(&self, #formatter: &mut #FORMATTER<'_>) -> #FMT_RESULT {
            #arms
        }
    }
}

/// The bounds the message's placeholders ask of fields whose type uses a parameter.
pub fn message_bounds(plan: &Plan, bounds: &mut Bounds) {
    plan.bound_transparent_fields(bounds);
    for variant in &plan.variants {
        let Kind::Own(own) = &variant.kind else {
            continue;
        };
        let Message::Template(template) = &own.message else {
            continue;
        };
        for (index, trait_) in &template.bounds {
            let field = &variant.fields[*index];
            if field.uses_param {
                bounds.insert(field.ty, trait_.path());
            }
        }
    }
}

/// Every arm binds every field, so a field the message leaves out (kept for logs) is
/// still read, as in thiserror's expansion.
fn message_arms(plan: &Plan) -> TokenStream {
    let formatter = formatter();
    plan.match_variants(&|variant| {
        let pattern = variant.pattern_all();
        match &variant.kind {
            Kind::Transparent(index) => {
                let call = plan.delegate_with(
                    &variant.fields[*index],
                    quote!(fmt_message),
                    &quote!(, #formatter),
                );
                quote!(#pattern => #call,)
            }
            Kind::Own(own) => match &own.message {
                Message::Literal(text) => quote!(#pattern => #formatter.write_str(#text),),
                Message::Template(template) => {
                    let lit = &template.lit;
                    let args = &template.args;
                    quote!(#pattern => #WRITE!(#formatter, #lit #(, #args)*),)
                }
            },
        }
    })
}

/// The formatter parameter. Mixed-site, so a field of the same name bound in a match
/// arm cannot shadow it.
fn formatter() -> Ident {
    Ident::new("__formatter", Span::mixed_site())
}
