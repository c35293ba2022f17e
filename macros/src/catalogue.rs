//! Code generation for the error catalogue: the `ErrorCatalogue` impl, the `doc_url`
//! method of `CertifierError`, and the call into the runtime's OpenAPI and JSON Schema
//! helpers.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;

use crate::ast::{option_inner, Field, Input, Variant};
use crate::expand::runtime_path;
use crate::generics::{Bounds, ParamsInScope};

/// The `ErrorCatalogue` impl and the OpenAPI helper call, for the derive's `const _` block.
pub fn expand(input: &Input) -> TokenStream {
    let runtime = runtime_path(input);
    let params = ParamsInScope::new(input.generics);
    let catalogue = catalogue_impl(input, &runtime, &params);
    let openapi = openapi_call(input, &runtime, &params);
    quote! {
        #catalogue
        #openapi
    }
}

/// `fn doc_url` for the `CertifierError` impl, or nothing where the default (`None`) is
/// right. The container's template wins; without one, a transparent variant asks its
/// field.
pub fn doc_url_method(
    input: &Input,
    pattern: impl Fn(&Variant, &dyn Fn(&Field) -> Option<Ident>) -> TokenStream,
) -> TokenStream {
    let runtime = runtime_path(input);
    let signature = quote! {
        fn doc_url(&self) -> ::core::option::Option<#runtime::catalogue::DocUrl<'_>>
    };
    if let Some(template) = &input.attrs.doc_url {
        return quote! {
            #signature {
                ::core::option::Option::Some(#runtime::catalogue::DocUrl::new(
                    #template,
                    <Self as #runtime::CertifierError>::code(self),
                ))
            }
        };
    }
    let variants = input.variants();
    if !variants.iter().any(Variant::is_transparent) {
        return TokenStream::new();
    }
    let arms = variants
        .iter()
        .map(|variant| match variant.transparent_field() {
            Some(field) => {
                let binding = field.binding();
                let ty = field.ty;
                let pattern = pattern(variant, &|_| Some(binding.clone()));
                let call = quote_spanned! {field.span()=>
                    <#ty as #runtime::CertifierError>::doc_url(#binding)
                };
                quote!(#pattern => #call,)
            }
            None => {
                let pattern = pattern(variant, &|_| None);
                quote!(#pattern => ::core::option::Option::None,)
            }
        });
    quote! {
        #signature {
            match self { #(#arms)* }
        }
    }
}

fn catalogue_impl(input: &Input, runtime: &TokenStream, params: &ParamsInScope) -> TokenStream {
    let mut bounds = Bounds::default();
    let mut parts = Vec::new();
    let mut run = Vec::new();
    let doc_url = match &input.attrs.doc_url {
        Some(template) => quote!(::core::option::Option::Some(#template)),
        None => quote!(::core::option::Option::None),
    };
    for variant in input.variants() {
        let Some(field) = variant.transparent_field() else {
            run.push(entry(input, variant, runtime, &doc_url));
            continue;
        };
        if !run.is_empty() {
            parts.push(quote!(#runtime::catalogue::Part::Entries(&[#(#run),*])));
            run.clear();
        }
        let ty = field.ty;
        let inner = if params.intersects(ty) {
            // The probe below would decide for the parameter, not for the type it stands
            // for: require the catalogue instead.
            bounds.insert(ty, quote!(#runtime::ErrorCatalogue));
            quote_spanned! {field.span()=>
                <#ty as #runtime::ErrorCatalogue>::CATALOGUE
            }
        } else {
            // The field's catalogue, or an open one when its type implements
            // `CertifierError` by hand without `ErrorCatalogue` (see `catalogue::__probe`).
            quote! {
                #runtime::catalogue::__probe::pick(|| {
                    #[allow(unused_imports)]
                    use #runtime::catalogue::__probe::{ViaCatalogue as _, ViaNothing as _};
                    (&&#runtime::catalogue::__probe::Probe::<#ty>::NEW).kind()
                })
            }
        };
        parts.push(quote!(#runtime::catalogue::Part::Inner(#inner, #doc_url)));
    }
    if !run.is_empty() {
        parts.push(quote!(#runtime::catalogue::Part::Entries(&[#(#run),*])));
    }
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let where_clause = bounds.where_clause(input.generics);
    quote! {
        #[automatically_derived]
        impl #impl_generics #runtime::ErrorCatalogue for #ident #ty_generics #where_clause {
            const CATALOGUE: #runtime::catalogue::Catalogue =
                #runtime::catalogue::Catalogue::__new(&[#(#parts),*]);
        }
    }
}

fn entry(
    input: &Input,
    variant: &Variant,
    runtime: &TokenStream,
    doc_url: &TokenStream,
) -> TokenStream {
    let status = variant
        .status()
        .expect("checked: a custom code has a status");
    let code = &variant.attrs.code;
    // The template as written, placeholders and all; the default of a standard code.
    let message = match &variant.attrs.message {
        Some(message) => message.value(),
        None => variant
            .literal_message()
            .expect("checked: a custom code has a message"),
    };
    let rule = input.rename_rule();
    let members = variant
        .fields
        .iter()
        .filter(|field| field.is_extension())
        .filter_map(|field| field.member_name(rule));
    let flattened = variant
        .fields
        .iter()
        .any(|field| field.attrs.flatten.is_some());
    let docs = docs(&variant.attrs.docs);
    let name = if variant.is_struct {
        input.ident.to_string()
    } else {
        format!("{}::{}", input.ident, variant.ident)
    };
    let name = name
        .strip_prefix("r#")
        .unwrap_or(&name)
        .replace("::r#", "::");
    let entry = quote! {
        #runtime::catalogue::Entry::__new(
            #status,
            #code,
            #message,
            &[#(#members),*],
            #flattened,
            #docs,
            #doc_url,
            #name,
        )
    };
    crate::log_level::catalogue_entry(input, variant, runtime, entry)
}

/// The doc comment's lines joined with `\n`, without leading or trailing blank lines.
fn docs(lines: &[String]) -> String {
    let start = lines.iter().position(|line| !line.trim().is_empty());
    let end = lines.iter().rposition(|line| !line.trim().is_empty());
    match (start, end) {
        (Some(start), Some(end)) => lines[start..=end].join("\n"),
        _ => String::new(),
    }
}

/// `__certifier_openapi!`: the runtime decides, by its features, which OpenAPI and JSON
/// Schema impls to emit for the type; it gets the types of the extension members and of
/// the transparent fields.
fn openapi_call(input: &Input, runtime: &TokenStream, params: &ParamsInScope) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let mut bounds = Bounds::default();
    if !params.is_empty() {
        bounds.insert_predicate(quote!(Self: #runtime::CertifierError + #runtime::ErrorCatalogue));
    }
    let predicates = bounds.predicates(input.generics);
    let name = ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name);
    let rule = input.rename_rule();
    let mut members = Vec::new();
    let mut inner = Vec::new();
    for variant in input.variants() {
        if let Some(field) = variant.transparent_field() {
            inner.push(field.ty);
            continue;
        }
        for field in &variant.fields {
            if let (true, Some(name)) = (field.is_extension(), field.member_name(rule)) {
                let ty = field.ty;
                // An `Option` member is left out when `None`: describe the inner type.
                let ty = match option_inner(ty) {
                    Some(inner) => quote!(#inner),
                    None => quote!(#ty),
                };
                members.push(quote!((#name, #ty)));
            }
        }
    }
    quote! {
        #runtime::__private::openapi! {
            runtime = [#runtime],
            impl [#impl_generics] for [#ident #ty_generics] where [#(#predicates,)*],
            name = [#name],
            members = [#(#members,)*],
            inner = [#(#inner,)*],
        }
    }
}
