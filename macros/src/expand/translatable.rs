//! `fn translatable`: each variant's message key, its arguments handed to the
//! runtime's receiver by the names the translations use. A transparent variant's key and
//! arguments are its inner error's, then its own members.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::LitStr;

use super::paths::{Private, FORMAT_ARGS, OPTION, SOME, STR};
use crate::plan::{Kind, MemberKind, Message, Plan, VariantPlan};
use crate::translation::{ArgumentValue, Source};

pub fn method(plan: &Plan) -> TokenStream {
    // Only translations read it: without the runtime's `fluent` feature, the trait's
    // default answers, and the method is not generated at all.
    if !plan.translations {
        return TokenStream::new();
    }
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let arguments = quote!(__arguments);
    let body = plan.match_variants(&|variant| arm(plan, variant, &arguments));
    let choice = private.choice_imports(&["FirstChoice", "LastChoice", "SecondChoice"], true);
    quote! {
        #[doc(hidden)]
        fn translatable(
            &self,
            #arguments: &mut dyn #private::MessageArguments,
        ) -> #OPTION<&'static #STR> {
            #choice
            #body
        }
    }
}

fn arm(plan: &Plan, variant: &VariantPlan, arguments: &TokenStream) -> TokenStream {
    let runtime = &plan.runtime;
    let private = Private(runtime);
    match &variant.kind {
        Kind::Transparent(index) => {
            let pattern = variant.pattern_all();
            let call = plan.delegate_with(
                &variant.fields[*index],
                quote!(translatable),
                &quote!(, #arguments),
            );
            let mut members = Vec::new();
            for member in &variant.members {
                if let MemberKind::Extend { name, .. } = &member.kind {
                    let variable = variable_name(variant.fields[member.field].member);
                    members.push(quote!(#arguments.member(#variable, #name);));
                }
            }
            let members = super::joined(members);
            quote!(#pattern => {
                let __key = #call;
                #members
                __key
            })
        }
        Kind::Own(own) => {
            let pattern = variant.pattern_all();
            let template = match &own.message {
                Message::Template(template) => Some(template),
                Message::Literal(_) => None,
            };
            let passes = own.translation.arguments.iter().map(|argument| {
                let name = &argument.name;
                let value = |source: Source| match source {
                    Source::Field(index) => {
                        let binding = &variant.fields[index].binding;
                        quote!(#binding)
                    }
                    Source::Positional(index) => {
                        let value = &template.expect("a template").positional[index];
                        quote!(&(#value))
                    }
                    Source::Named(index) => {
                        let value = &template.expect("a template").named[index];
                        quote!(&(#value))
                    }
                };
                match &argument.value {
                    ArgumentValue::Plain(source) => {
                        let value = value(*source);
                        let span = match source {
                            Source::Field(index) => variant.fields[*index].span,
                            _ => proc_macro2::Span::call_site(),
                        };
                        let choose = quote_spanned!(span=>
                            (&&#runtime::__private::ArgumentOf(#value)).choose()
                        );
                        quote!(#choose.pass(#name, #arguments);)
                    }
                    ArgumentValue::Formatted {
                        source,
                        spec,
                        trait_,
                    } => {
                        let value = value(*source);
                        let question = format_ident!("{}Of", trait_.name());
                        let format =
                            LitStr::new(&format!("{{:{spec}}}"), proc_macro2::Span::call_site());
                        // A type without the trait passes nothing: the message reports it.
                        quote! {
                            if let #SOME(__value) =
                                (&&#private::arguments::#question(#value)).choose()
                            {
                                #arguments.text(#name, &#FORMAT_ARGS!(#format, __value));
                            }
                        }
                    }
                    ArgumentValue::Path(index) => {
                        let binding = &variant.fields[*index].binding;
                        quote!(#arguments.text(
                            #name,
                            &(&&#private::DisplayPath(#binding)).choose(),
                        );)
                    }
                    ArgumentValue::Member(member) => {
                        quote!(#arguments.member(#name, #member);)
                    }
                }
            });
            let key = &own.translation.key;
            quote!(#pattern => {
                #(#passes)*
                #SOME(#key)
            })
        }
    }
}

/// The variable a field's value goes by: its name, or `field<N>` for a tuple field.
fn variable_name(member: &syn::Member) -> String {
    match member {
        syn::Member::Named(ident) => {
            let name = ident.to_string();
            crate::translation::fluent_identifier(name.strip_prefix("r#").unwrap_or(&name))
        }
        syn::Member::Unnamed(index) => format!("field{}", index.index),
    }
}
