//! The `ErrorCatalogue` impl: one entry per variant, transparent variants contributing
//! their field's catalogue (copied, where the variant has members of its own, with those
//! after each entry's).

use proc_macro2::{Ident, TokenStream};
use quote::{quote, quote_spanned, ToTokens};

use super::paths::{Private, NONE, OPTION, SOME, STR, USIZE};
use crate::generics::Bounds;
use crate::plan::{Kind, MemberKind, Message, Own, Plan, VariantPlan};

pub fn catalogue_impl(plan: &Plan) -> TokenStream {
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let mut bounds = Bounds::default();
    let mut parts = Vec::new();
    let mut run = Vec::new();
    let doc_url = match &plan.doc_url {
        Some(template) => quote!(#SOME(#template)),
        None => quote!(#NONE),
    };
    // Each entry and part names the container's `doc_url` through this constant, and
    // the catalogue's types through short local names: the generated code stays small
    // for a type with many variants.
    let doc_url_const = super::local("__DOC_URL");
    let (mut has_entries, mut has_plain_entries, mut has_translated) = (false, false, false);
    for variant in &plan.variants {
        let index = match &variant.kind {
            Kind::Own(own) => {
                if variant.members.is_empty() {
                    has_plain_entries = true;
                } else {
                    has_entries = true;
                }
                run.push(entry(
                    runtime,
                    variant,
                    own,
                    &doc_url_const,
                    &mut has_translated,
                ));
                continue;
            }
            Kind::Transparent(index) => *index,
        };
        if !run.is_empty() {
            let entries = super::comma_list(std::mem::take(&mut run));
            parts.push(quote!(__Part::Entries(&[#entries])));
        }
        let field = &variant.fields[index];
        if !variant.members.is_empty() {
            parts.extend(appended(plan, variant, index, &doc_url_const));
            continue;
        }
        let ty = field.ty;
        let inner = if field.uses_param {
            // The probe below would decide for the parameter, not for the type it stands
            // for: require the catalogue instead.
            bounds.insert(ty, quote!(#runtime::ErrorCatalogue));
            quote_spanned! {field.span=>
                <#ty as #runtime::ErrorCatalogue>::CATALOGUE
            }
        } else {
            picked_catalogue(runtime, &ty.to_token_stream())
        };
        parts.push(quote!(__Part::Inner(#inner, #doc_url_const)));
    }
    if !run.is_empty() {
        let entries = super::comma_list(run);
        parts.push(quote!(__Part::Entries(&[#entries])));
    }
    // Named only where used: a strict crate may forbid the lints an unused one trips.
    let names = (!parts.is_empty()).then(|| {
        let entry = has_entries.then(|| quote!(use #private::new_entry as __entry;));
        let plain_entry =
            has_plain_entries.then(|| quote!(use #private::new_plain_entry as __plain_entry;));
        let translated =
            has_translated.then(|| quote!(use #private::entry_translated as __translated;));
        quote! {
            use #private::Part as __Part;
            #entry
            #plain_entry
            #translated
            const #doc_url_const: #OPTION<&'static #STR> =
                #doc_url;
        }
    });
    let header = plan.impl_header(&quote!(#runtime::ErrorCatalogue), &bounds);
    quote! {
        #header {
            const CATALOGUE: #runtime::catalogue::Catalogue = {
                #names
                #private::new_catalogue(&[#(#parts),*])
            };
        }
    }
}

/// The field's catalogue, or an open one when its type implements `CertifierError` by
/// hand without `ErrorCatalogue` (see `__private::CatalogueOf`).
fn picked_catalogue(runtime: &TokenStream, ty: &TokenStream) -> TokenStream {
    let private = Private(runtime);
    let choice = private.choice_imports(&["FirstChoice", "LastChoice"], true);
    quote! {
        #private::pick_catalogue(|| {
            #choice
            (&&#private::CatalogueOf::<#ty>::NEW).choose()
        })
    }
}

/// The parts of a transparent variant with members of its own: the inner type's
/// entries, copied at compile time with the variant's members after each one's (an
/// entry's members are one slice), then a mark that the catalogue is open where the
/// inner one is. The copies are built in `const` items of their own, whose array
/// lengths come from the inner catalogue: the checks make sure the field's type names
/// no type parameter, and its lifetimes become `'static` (an item cannot name the
/// impl's).
fn appended(plan: &Plan, variant: &VariantPlan, index: usize, doc_url: &Ident) -> [TokenStream; 2] {
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let ty = static_lifetimes(
        variant.fields[index].ty.to_token_stream(),
        plan.input.generics,
    );
    let inner = picked_catalogue(runtime, &ty);
    let (names, types, _) = extend_members(variant);
    let own = names.len();
    let entries = quote! {
        __Part::Entries({
            const __INNER: #runtime::catalogue::Catalogue = #inner;
            const __LEN: #USIZE = #private::appended_len(__INNER, #own);
            const __MEMBERS: [&#STR; __LEN] =
                #private::appended_members(__INNER, &[#(#names),*]);
            const __TYPES: [&#STR; __LEN] =
                #private::appended_member_types(__INNER, &[#(#types),*]);
            const __ENTRIES: [#runtime::catalogue::Entry; __INNER.len()] =
                #private::appended_entries(__INNER, &__MEMBERS, &__TYPES, #own, #doc_url);
            &__ENTRIES
        })
    };
    let rest = quote!(#private::appended_rest(#inner));
    [entries, rest]
}

/// `tokens` with each lifetime parameter of `generics` replaced by `'static`.
fn static_lifetimes(tokens: TokenStream, generics: &syn::Generics) -> TokenStream {
    use proc_macro2::{Group, TokenTree};
    let mut lifetimes: Vec<String> = Vec::new();
    for param in generics.lifetimes() {
        lifetimes.push(param.lifetime.ident.to_string());
    }
    if lifetimes.is_empty() {
        return tokens;
    }
    let mut after_quote = false;
    let mut replaced = Vec::new();
    for tree in tokens {
        let tree = match tree {
            TokenTree::Ident(ident) if after_quote && lifetimes.contains(&ident.to_string()) => {
                TokenTree::Ident(syn::Ident::new("static", ident.span()))
            }
            TokenTree::Group(group) => {
                let mut inner = Group::new(
                    group.delimiter(),
                    static_lifetimes(group.stream(), generics),
                );
                inner.set_span(group.span());
                TokenTree::Group(inner)
            }
            other => other,
        };
        after_quote = matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == '\'');
        replaced.push(tree);
    }
    crate::fmt::stream_of(replaced)
}

/// The names and types of the variant's `extend` members, and whether it has `flatten`
/// ones.
fn extend_members<'v>(variant: &'v VariantPlan) -> (Vec<&'v String>, Vec<&'v String>, bool) {
    let (mut names, mut types) = (Vec::new(), Vec::new());
    let mut flattened = false;
    for member in &variant.members {
        match &member.kind {
            MemberKind::Extend { name, ty } => {
                names.push(name);
                types.push(ty);
            }
            MemberKind::Flatten { .. } => flattened = true,
        }
    }
    (names, types, flattened)
}

/// The variant's entry; `translated` is set where it names `__translated`.
fn entry(
    runtime: &TokenStream,
    variant: &VariantPlan,
    own: &Own,
    doc_url: &Ident,
    translated: &mut bool,
) -> TokenStream {
    let private = Private(runtime);
    let status = own.status;
    let code = &own.code;
    // The template as written, placeholders and all; the default of a standard code.
    let message = match &own.message {
        Message::Literal(text) => text.clone(),
        Message::Template(template) => template.written.clone(),
    };
    let (members, member_types, flattened) = extend_members(variant);
    let docs = &variant.docs;
    // A written level; without one, the entry's default follows its status.
    let name = &variant.qualified_name;
    // Most variants have no members: they take the shorter constructor.
    let entry = if variant.members.is_empty() {
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
    let entry = match &variant.grpc {
        Some(grpc) => quote!(#private::entry_answered_as(#entry, #grpc)),
        None => entry,
    };
    // Most messages are their code's key, without variables or braces: the entry's
    // defaults say so already.
    let translation = &own.translation;
    let names = translation.argument_names();
    if translation.key == own.code_name && names.is_empty() && translation.pattern == message {
        return entry;
    }
    let key = &translation.key;
    let pattern = &translation.pattern;
    *translated = true;
    quote!(__translated(#entry, #key, &[#(#names),*], #pattern))
}
