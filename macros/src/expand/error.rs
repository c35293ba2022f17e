//! The `core::error::Error` impl: `source()`. A type with a `catch_all` variant is no
//! `Error` (its `From` for every error would overlap with `From<T> for T`): its source
//! reaches the logs through the runtime's `LogSource` instead.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::paths::{Private, DEBUG, ERROR, NONE, OPTION, SOME};
use crate::plan::{Kind, Plan};

pub fn error_impl(plan: &Plan) -> TokenStream {
    if plan.skip_display {
        return TokenStream::new();
    }
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let mut bounds = plan.supertrait_bounds();
    if !plan.is_generic() {
        // `Debug` is a supertrait of this trait and of `CertifierError`: stated as a
        // (higher-ranked, so allowed) bound here, a type without it is reported once,
        // on the `CertifierError` impl, instead of twice.
        bounds.insert_predicate(quote!(for<'__debug> Self: #DEBUG));
    }
    // Variants without a source share one `_ => None` arm.
    let arms = plan.match_variants_or(
        &|variant| {
            if let Kind::Transparent(index) = variant.kind {
                let field = &variant.fields[index];
                let pattern = variant.pattern_one(index);
                let binding = &field.binding;
                // Method syntax so that a pointer to a `dyn CertifierError` (which is not an
                // `Error`) also has a source: none.
                let call = quote_spanned!(field.span=> #binding.transparent_source());
                return Some(quote!(#pattern => #call,));
            }
            let index = variant.source?;
            let field = &variant.fields[index];
            let pattern = variant.pattern_one(index);
            let binding = &field.binding;
            let ty_span = syn::spanned::Spanned::span(field.ty);
            let source = if field.option_inner.is_some() {
                // The closure's parameter is the macro's own: named outside the user's span.
                let source = quote!(__source);
                let get = quote_spanned! {ty_span=>
                    (&&#runtime::__private::SourceOf(#source)).choose().get()
                };
                quote!(#OPTION::as_ref(#binding).map(|#source| #get))
            } else {
                // `get` is spanned on the field's type: a source that is not an `Error` is
                // reported there, with `AsDynError`'s message.
                let get = quote_spanned! {ty_span=>
                    (&&#runtime::__private::SourceOf(#binding)).choose().get()
                };
                quote!(#SOME(#get))
            };
            Some(quote!(#pattern => #source,))
        },
        quote!(#NONE),
    );
    for variant in &plan.variants {
        let (index, bound) = match variant.kind {
            Kind::Transparent(index) => (index, quote!(#ERROR)),
            Kind::Own(_) => match variant.source {
                Some(index) => (index, quote!(#private::AsDynError<'static>)),
                None => continue,
            },
        };
        let field = &variant.fields[index];
        if field.uses_param {
            // An optional source is unwrapped before the call: bound what it holds.
            let ty = match variant.kind {
                Kind::Own(_) => field.option_inner.unwrap_or(field.ty),
                Kind::Transparent(_) => field.ty,
            };
            bounds.insert(ty, bound);
        }
    }
    let (trait_, method) = match plan.catch_all {
        Some(_) => (quote!(#private::LogSource), quote!(log_source)),
        None => (quote!(#ERROR), quote!(source)),
    };
    let header = plan.impl_header(&trait_, &bounds);
    // Each trait is imported only where a method call needs it.
    let as_dyn_error = plan
        .any_variant(&|variant| matches!(variant.kind, Kind::Own(_)) && variant.source.is_some())
        .then(|| private.choice_imports(&["FirstChoice", "LastChoice", "SecondChoice"], false));
    let transparent_source = plan
        .has_transparent()
        .then(|| quote!(use #private::TransparentSource as _;));
    quote! {
        #header {
            fn #method(&self) -> #OPTION<&(dyn #ERROR + 'static)> {
                #as_dyn_error
                #transparent_source
                #arms
            }
        }
    }
}
