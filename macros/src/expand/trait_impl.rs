//! The `CertifierError` impl: status, code, the public message's hooks, `doc_url`,
//! headers, and the two member writers (see [`super::members`]).

use proc_macro2::{Literal, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

use super::members::{member_writes, MemberWrite};
use super::paths::{Private, DISPLAY, ENV, FN_MUT, NONE, OPTION, SOME, STR, U16};
use crate::plan::{HeaderValue, Kind, MemberKind, Plan};

pub fn certifier_error_impl(plan: &Plan) -> TokenStream {
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let mut bounds = plan.supertrait_bounds();
    plan.bound_transparent_fields(&mut bounds);
    for variant in &plan.variants {
        for member in &variant.members {
            let field = &variant.fields[member.field];
            // An `Option` member writes what it holds.
            let written = match member.kind {
                MemberKind::Extend { .. } => field.option_inner.unwrap_or(field.ty),
                MemberKind::Flatten { .. } => field.ty,
            };
            if field.uses_param {
                bounds.insert(written, quote!(#private::serde::Serialize));
            }
        }
    }
    for variant in &plan.variants {
        for header in &variant.headers {
            let HeaderValue::Field(index) = header.value else {
                continue;
            };
            let field = &variant.fields[index];
            let shown = field.option_inner.unwrap_or(field.ty);
            if field.uses_param {
                bounds.insert(shown, quote!(#DISPLAY));
            }
        }
    }
    // The message's arguments are read here too, for the translations.
    super::display::message_bounds(plan, &mut bounds);
    let header = plan.impl_header(&quote!(#runtime::CertifierError), &bounds);

    let status = plan.delegate_or(quote!(status), &|own| own.status.to_string(), &|own| {
        vec![TokenTree::Literal(Literal::u16_suffixed(own.status))]
    });
    let code = plan.delegate_or(quote!(code), &|own| own.code_name.clone(), &|own| {
        vec![TokenTree::Literal(own.code.token())]
    });
    let fmt_message = plan
        .skip_display
        .then(|| super::display::fmt_message_method(plan));
    // Each variant's member writes, built once for both writers.
    let mut writes: Vec<Vec<MemberWrite>> = Vec::with_capacity(plan.variants.len());
    for variant in &plan.variants {
        writes.push(member_writes(plan, variant));
    }
    let members = super::members::methods(plan, &writes);
    let write_json = super::writer::write_json_method(plan, &writes);
    let doc_url = doc_url_method(plan);
    let headers = headers_method(plan);
    let log_level = log_level_method(plan);
    let variant_name = variant_name_method(plan);
    let grpc = grpc_method(plan);
    let translatable = super::translatable::method(plan);

    quote! {
        #header {
            fn status(&self) -> #U16 {
                #status
            }

            fn code(&self) -> &#STR {
                #code
            }

            #fmt_message

            #members

            #write_json

            #doc_url

            #log_level

            #headers

            #variant_name

            #grpc

            #translatable
        }
    }
}

/// `fn grpc`: the container's `domain` (default: the deriving package's name, read
/// where the type is compiled) and each variant's `grpc` code; a transparent variant's
/// code is its field's.
fn grpc_method(plan: &Plan) -> TokenStream {
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let domain = match &plan.domain {
        Some(domain) => quote!(#domain),
        None => quote!(#ENV!("CARGO_PKG_NAME")),
    };
    let arms = plan.match_variants_or(
        &|variant| match &variant.kind {
            Kind::Transparent(index) => {
                let pattern = variant.pattern_one(*index);
                // Spanned on the field, as every delegation: a field that is not a
                // `CertifierError` is reported once, there.
                let call = plan.delegate(&variant.fields[*index], quote!(grpc));
                Some(quote!(#pattern => #call.code,))
            }
            Kind::Own(_) => {
                let code = variant.grpc.as_ref()?;
                let pattern = variant.pattern_none();
                Some(quote!(#pattern => #SOME(#code),))
            }
        },
        quote!(#NONE),
    );
    // An empty enum has no value to answer for: the `match` is the whole body.
    let body = match plan.variants.is_empty() {
        true => arms,
        false => quote! {
            #private::Grpc {
                domain: #SOME(#domain),
                code: #arms,
            }
        },
    };
    quote! {
        fn grpc(&self) -> #private::Grpc {
            #body
        }
    }
}

/// `fn variant_name`: each variant's own name (a struct's name), a transparent
/// variant's included, so the logs say which of the variants sharing a code answered.
fn variant_name_method(plan: &Plan) -> TokenStream {
    let arms = plan.match_variants(&|variant| {
        let pattern = variant.pattern_none();
        let name = &variant.name;
        quote!(#pattern => #name,)
    });
    // `Some` once, around the `match`: less code for a large enum. An empty enum's
    // `match` is the whole body: a call around it would be unreachable.
    let body = match plan.variants.is_empty() {
        true => arms,
        false => quote!(#SOME({ #arms })),
    };
    quote! {
        fn variant_name(&self) -> #OPTION<&'static #STR> {
            #body
        }
    }
}

/// `fn log_level`, or nothing where the trait's default (by status) is right for every
/// variant.
fn log_level_method(plan: &Plan) -> TokenStream {
    let needed = plan.any_variant(&|variant| match &variant.kind {
        Kind::Transparent(_) => true,
        Kind::Own(own) => own.log.is_some(),
    });
    if !needed {
        return TokenStream::new();
    }
    let runtime = &plan.runtime;
    // A variant without a written level takes its status's, which one shared arm gives.
    let arms = plan.delegate_or(
        quote!(log_level),
        // A level is an identifier: never empty, the key of the status's level.
        &|own| {
            own.log
                .as_ref()
                .map_or_else(String::new, |(level, _)| level.to_string())
        },
        &|own| {
            let answer = match &own.log {
                Some((level, span)) => quote_spanned!(*span=> #runtime::LogLevel::#level),
                None => quote! {
                    #runtime::LogLevel::for_status(<Self as #runtime::CertifierError>::status(self))
                },
            };
            answer.into_iter().collect()
        },
    );
    quote! {
        fn log_level(&self) -> #runtime::LogLevel {
            #arms
        }
    }
}

/// `fn doc_url`, or nothing where the default (`None`) is right. The container's
/// template wins; without one, a transparent variant asks its field.
fn doc_url_method(plan: &Plan) -> TokenStream {
    let runtime = &plan.runtime;
    let signature = quote! {
        fn doc_url(&self) -> #OPTION<#runtime::catalogue::DocUrl<'_>>
    };
    if let Some(template) = &plan.doc_url {
        return quote! {
            #signature {
                #SOME(#runtime::catalogue::DocUrl::new(
                    #template,
                    <Self as #runtime::CertifierError>::code(self),
                ))
            }
        };
    }
    if !plan.has_transparent() {
        return TokenStream::new();
    }
    let arms = plan.delegate_or(quote!(doc_url), &|_| String::new(), &|_| {
        quote!(#NONE).into_iter().collect()
    });
    quote! {
        #signature {
            #arms
        }
    }
}

/// `fn headers`, or nothing when no variant sets a header (the trait's default visits
/// nothing). A variant visits its fixed headers, then its header fields, then (when
/// transparent) its field's own headers.
fn headers_method(plan: &Plan) -> TokenStream {
    let sets_headers = plan.any_variant(&|variant| {
        !variant.headers.is_empty() || variant.transparent_field().is_some()
    });
    if !sets_headers {
        return TokenStream::new();
    }
    // Named at the call site, outside the user's spans (see `members`).
    let (visit, value) = (quote!(__visit), quote!(__value));
    // Variants without headers share one `_ => {}` arm.
    let arms = plan.match_variants_or(
        &|variant| {
            let inner = match &variant.kind {
                Kind::Transparent(index) => Some(*index),
                Kind::Own(_) => None,
            };
            if variant.headers.is_empty() && inner.is_none() {
                return None;
            }
            let pattern =
                variant.pattern(&|index| inner == Some(index) || variant.is_header(index));
            let visits = variant.headers.iter().map(|header| {
                let name = &header.name;
                let index = match &header.value {
                    HeaderValue::Fixed(fixed) => return quote!(#visit(#name, &#fixed);),
                    HeaderValue::Field(index) => *index,
                };
                let field = &variant.fields[index];
                // Spanned on the shown type, so a type that is not `Display` is
                // reported there rather than on the derive.
                let shown = field.option_inner.unwrap_or(field.ty);
                let binding = field.binding_at(syn::spanned::Spanned::span(shown));
                if field.option_inner.is_some() {
                    quote_spanned! {field.span=>
                        if let ::core::option::Option::Some(#value) = #binding {
                            #visit(#name, #value);
                        }
                    }
                } else {
                    quote_spanned!(field.span=> #visit(#name, #binding);)
                }
            });
            let delegate = inner.map(|index| {
                let call =
                    plan.delegate_with(&variant.fields[index], quote!(headers), &quote!(, #visit));
                quote!(#call;)
            });
            Some(quote!(#pattern => { #(#visits)* #delegate }))
        },
        quote!({}),
    );
    quote! {
        fn headers(
            &self,
            __visit: &mut dyn #FN_MUT(&'static #STR, &dyn #DISPLAY),
        ) {
            #arms
        }
    }
}
