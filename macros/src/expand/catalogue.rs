//! The `ErrorCatalogue` impl: one entry per variant, transparent variants contributing
//! their field's catalogue.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use crate::generics::Bounds;
use crate::plan::{Kind, MemberKind, Message, Own, Plan, VariantPlan};

pub fn catalogue_impl(plan: &Plan) -> TokenStream {
    let runtime = &plan.runtime;
    let mut bounds = Bounds::default();
    let mut parts = Vec::new();
    let mut run = Vec::new();
    let doc_url = match &plan.doc_url {
        Some(template) => quote!(::core::option::Option::Some(#template)),
        None => quote!(::core::option::Option::None),
    };
    // Each entry and part names the container's `doc_url` through this constant, and
    // the catalogue's types through short local names: the generated code stays small
    // for a type with many variants.
    let doc_url_const = quote!(__DOC_URL);
    let (mut has_entries, mut has_plain_entries) = (false, false);
    for variant in &plan.variants {
        let index = match &variant.kind {
            Kind::Own(own) => {
                if own.members.is_empty() {
                    has_plain_entries = true;
                } else {
                    has_entries = true;
                }
                run.push(entry(runtime, variant, own, &doc_url_const));
                continue;
            }
            Kind::Transparent(index) => *index,
        };
        if !run.is_empty() {
            parts.push(quote!(__Part::Entries(&[#(#run),*])));
            run.clear();
        }
        let field = &variant.fields[index];
        let ty = field.ty;
        let inner = if field.uses_param {
            // The probe below would decide for the parameter, not for the type it stands
            // for: require the catalogue instead.
            bounds.insert(ty, quote!(#runtime::ErrorCatalogue));
            quote_spanned! {field.span=>
                <#ty as #runtime::ErrorCatalogue>::CATALOGUE
            }
        } else {
            // The field's catalogue, or an open one when its type implements
            // `CertifierError` by hand without `ErrorCatalogue` (see
            // `__private::CatalogueOf`).
            quote! {
                #runtime::__private::pick_catalogue(|| {
                    #[allow(unused_imports)]
                    use #runtime::__private::choice::{FirstChoice as _, LastChoice as _};
                    (&&#runtime::__private::CatalogueOf::<#ty>::NEW).choose()
                })
            }
        };
        parts.push(quote!(__Part::Inner(#inner, #doc_url_const)));
    }
    if !run.is_empty() {
        parts.push(quote!(__Part::Entries(&[#(#run),*])));
    }
    // Named only where used: a strict crate may forbid the lints an unused one trips.
    let names = (!parts.is_empty()).then(|| {
        let entry = has_entries.then(|| quote!(use #runtime::__private::new_entry as __entry;));
        let plain_entry = has_plain_entries
            .then(|| quote!(use #runtime::__private::new_plain_entry as __plain_entry;));
        quote! {
            use #runtime::__private::Part as __Part;
            #entry
            #plain_entry
            const #doc_url_const: ::core::option::Option<&'static ::core::primitive::str> =
                #doc_url;
        }
    });
    let header = plan.impl_header(&quote!(#runtime::ErrorCatalogue), &bounds);
    quote! {
        #header {
            const CATALOGUE: #runtime::catalogue::Catalogue = {
                #names
                #runtime::__private::new_catalogue(&[#(#parts),*])
            };
        }
    }
}

fn entry(
    runtime: &TokenStream,
    variant: &VariantPlan,
    own: &Own,
    doc_url: &TokenStream,
) -> TokenStream {
    let status = own.status;
    let code = &own.code;
    // The template as written, placeholders and all; the default of a standard code.
    let message = match &own.message {
        Message::Literal(text) => text.clone(),
        Message::Template(template) => template.written.clone(),
    };
    let (members, member_types): (Vec<&String>, Vec<&String>) = own
        .members
        .iter()
        .filter_map(|member| match &member.kind {
            MemberKind::Extend { name, ty } => Some((name, ty)),
            MemberKind::Flatten { .. } => None,
        })
        .unzip();
    let flattened = own
        .members
        .iter()
        .any(|member| matches!(member.kind, MemberKind::Flatten { .. }));
    let docs = &variant.docs;
    // A written level; without one, the entry's default follows its status.
    let name = &variant.qualified_name;
    // Most variants have no members: they take the shorter constructor.
    let entry = if own.members.is_empty() {
        quote!(__plain_entry(#status, #code, #message, #docs, #doc_url, #name))
    } else {
        quote! {
            __entry(
                #status,
                #code,
                #message,
                &[#(#members),*],
                &[#(#member_types),*],
                #flattened,
                #docs,
                #doc_url,
                #name,
            )
        }
    };
    let entry = match &own.log {
        Some((level, span)) => quote_spanned! {*span=>
            #runtime::__private::entry_logged_at(#entry, #runtime::LogLevel::#level)
        },
        None => entry,
    };
    match &variant.grpc {
        Some(grpc) => quote!(#runtime::__private::entry_answered_as(#entry, #grpc)),
        None => entry,
    }
}
