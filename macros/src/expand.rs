//! Code generation for a valid input: the `CertifierError`, `Display`, `Error`,
//! `Serialize` and `From` impls, and the call into the runtime's integrations.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens};
use syn::{Ident, Member};

use crate::ast::{option_inner, Field, Input, Variant};
use crate::generics::{Bounds, ParamsInScope};

pub fn derive(input: &Input) -> TokenStream {
    let cx = Expander::new(input);
    let certifier_error = cx.certifier_error_impl();
    let display = cx.display_impl();
    let error = cx.error_impl();
    let serialize = cx.serialize_impl();
    let from = cx.impls_of_from();
    let integrations = cx.integrations();
    let catalogue = crate::catalogue::expand(input);
    quote! {
        #[allow(non_upper_case_globals, unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            #certifier_error
            #display
            #error
            #serialize
            #(#from)*
            #integrations
            #catalogue
        };
    }
}

/// The runtime crate's path: `::certifier_error` unless `crate = "..."` says otherwise.
pub fn runtime_path(input: &Input) -> TokenStream {
    match &input.attrs.crate_path {
        Some(path) => path.to_token_stream(),
        None => quote!(::certifier_error),
    }
}

struct Expander<'a> {
    input: &'a Input<'a>,
    runtime: TokenStream,
    params: ParamsInScope<'a>,
}

impl<'a> Expander<'a> {
    fn new(input: &'a Input<'a>) -> Self {
        Expander {
            input,
            runtime: runtime_path(input),
            params: ParamsInScope::new(input.generics),
        }
    }

    /// `impl<..> #trait_ for Type<..> where ..` with the given extra bounds.
    fn impl_header(&self, trait_: &TokenStream, bounds: &Bounds) -> TokenStream {
        let ident = self.input.ident;
        let (impl_generics, ty_generics, _) = self.input.generics.split_for_impl();
        let where_clause = bounds.where_clause(self.input.generics);
        quote! {
            #[automatically_derived]
            impl #impl_generics #trait_ for #ident #ty_generics #where_clause
        }
    }

    /// For a generic type, `Self: Debug + Display`: the supertraits, whatever bounds the
    /// user's `Debug` derive chose.
    fn supertrait_bounds(&self) -> Bounds {
        let mut bounds = Bounds::default();
        if !self.params.is_empty() {
            bounds.insert_predicate(quote!(Self: ::core::fmt::Debug + ::core::fmt::Display));
        }
        bounds
    }

    /// `match self { arm for each variant }`, or `match *self {}` for an empty enum.
    fn match_variants(&self, arm: impl Fn(&Variant<'a>) -> TokenStream) -> TokenStream {
        let variants = self.input.variants();
        if variants.is_empty() {
            return quote!(match *self {});
        }
        let arms = variants.iter().map(arm);
        quote!(match self { #(#arms)* })
    }

    fn certifier_error_impl(&self) -> TokenStream {
        let runtime = &self.runtime;
        let mut bounds = self.supertrait_bounds();
        for variant in self.input.variants() {
            for field in &variant.fields {
                if !self.params.intersects(field.ty) {
                    continue;
                }
                if variant.is_transparent() {
                    bounds.insert(field.ty, quote!(#runtime::CertifierError));
                } else if field.is_extension() || field.attrs.flatten.is_some() {
                    bounds.insert(field.ty, quote!(#runtime::__private::serde::Serialize));
                }
            }
        }
        let headers = crate::headers::method(
            self.input,
            runtime,
            &self.params,
            &mut bounds,
            |variant, bind| variant.pattern(bind),
        );
        let header = self.impl_header(&quote!(#runtime::CertifierError), &bounds);

        let status = self.match_variants(|variant| {
            let pattern =
                variant.pattern(|field| variant.is_transparent().then(|| field.binding()));
            let value = match variant.transparent_field() {
                Some(field) => self.delegate(field, quote!(status)),
                None => {
                    let status = status_of(variant);
                    quote!(#status)
                }
            };
            quote!(#pattern => #value,)
        });
        let code = self.match_variants(|variant| {
            let pattern =
                variant.pattern(|field| variant.is_transparent().then(|| field.binding()));
            let value = match variant.transparent_field() {
                Some(field) => self.delegate(field, quote!(code)),
                None => variant.attrs.code.to_token_stream(),
            };
            quote!(#pattern => #value,)
        });
        let extension_methods = self.extension_methods();
        let write_json = crate::json::write_json_method(self.input, &self.runtime);
        let doc_url =
            crate::catalogue::doc_url_method(self.input, |variant, bind| variant.pattern(bind));
        let log_level = crate::log_level::method(self.input, runtime);

        quote! {
            #header {
                fn status(&self) -> ::core::primitive::u16 {
                    #status
                }

                fn code(&self) -> &::core::primitive::str {
                    #code
                }

                #extension_methods

                #doc_url

                #log_level

                #write_json

                #headers
            }
        }
    }

    /// `<FieldType as CertifierError>::method(binding)`, spanned on the field so a type
    /// that is not a `CertifierError` is reported there.
    fn delegate(&self, field: &Field, method: TokenStream) -> TokenStream {
        let runtime = &self.runtime;
        let ty = field.ty;
        let binding = field.binding();
        quote_spanned!(field.span()=> <#ty as #runtime::CertifierError>::#method(#binding))
    }

    fn extension_methods(&self) -> TokenStream {
        let variants = self.input.variants();
        let has_members = variants.iter().any(|variant| {
            variant.is_transparent()
                || variant
                    .fields
                    .iter()
                    .any(|field| field.is_extension() || field.attrs.flatten.is_some())
        });
        if !has_members {
            return TokenStream::new();
        }
        let runtime = &self.runtime;
        let rule = self.input.rename_rule();
        let write_members = self.match_variants(|variant| {
            let members: Vec<&Field> = variant
                .fields
                .iter()
                .filter(|field| {
                    variant.is_transparent() || field.is_extension() || field.attrs.flatten.is_some()
                })
                .collect();
            let pattern = variant.pattern(|field| {
                members
                    .iter()
                    .any(|member| member.index == field.index)
                    .then(|| field.binding())
            });
            let writes = members.iter().map(|field| {
                let binding = field.binding();
                let ty = field.ty;
                if variant.is_transparent() {
                    quote_spanned! {field.span()=>
                        <#ty as #runtime::CertifierError>::serialize_extensions(#binding, __map)?;
                    }
                } else if field.attrs.flatten.is_some() {
                    let taken = self.input.names_taken_before_flatten(variant);
                    // The turbofish names the user's type, so a type that is not
                    // `Serialize` is reported on the field's type.
                    quote_spanned! {field.span()=>
                        #runtime::__private::serialize_flattened::<#ty, _>(#binding, __map, #taken)?;
                    }
                } else {
                    let name = field.member_name(rule).unwrap_or_default();
                    if field.is_option() {
                        let inner = option_inner(ty).map_or_else(|| quote!(_), ToTokens::to_token_stream);
                        quote_spanned! {field.span()=>
                            if let ::core::option::Option::Some(__value) = #binding {
                                #runtime::__private::serde::ser::SerializeMap::serialize_entry::<::core::primitive::str, #inner>(__map, #name, __value)?;
                            }
                        }
                    } else {
                        quote_spanned! {field.span()=>
                            #runtime::__private::serde::ser::SerializeMap::serialize_entry::<::core::primitive::str, #ty>(__map, #name, #binding)?;
                        }
                    }
                }
            });
            quote!(#pattern => { #(#writes)* })
        });
        quote! {
            fn serialize_extensions<__M: #runtime::__private::serde::ser::SerializeMap>(
                &self,
                __map: &mut __M,
            ) -> ::core::result::Result<(), __M::Error> {
                #write_members
                ::core::result::Result::Ok(())
            }

            fn extension_members(
                &self,
            ) -> ::core::result::Result<
                #runtime::__private::Vec<(#runtime::__private::String, #runtime::__private::serde_json::Value)>,
                #runtime::__private::serde_json::Error,
            > {
                #runtime::__private::collect_members(self)
            }
        }
    }

    fn display_impl(&self) -> TokenStream {
        let arms = self.match_variants(|variant| {
            if let Some(field) = variant.transparent_field() {
                let binding = field.binding();
                let pattern = variant.pattern(|_| Some(binding.clone()));
                let formatter = formatter_ident();
                return quote!(#pattern => ::core::fmt::Display::fmt(#binding, #formatter),);
            }
            self.display_arm(variant)
        });
        let bounds = self.display_bounds();
        let header = self.impl_header(&quote!(::core::fmt::Display), &bounds);
        let formatter = formatter_ident();
        quote! {
            #header {
                fn fmt(&self, #formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    #arms
                }
            }
        }
    }

    fn display_arm(&self, variant: &Variant) -> TokenStream {
        let formatter = formatter_ident();
        let template = match &variant.template {
            Some(template) if template.has_placeholders() => template,
            _ => {
                let text = variant
                    .literal_message()
                    .expect("checked: a variant has a message or a standard code");
                let pattern = variant.pattern(|_| None);
                return quote!(#pattern => #formatter.write_str(#text),);
            }
        };
        // Placeholders name fields; bind each named field under its own name so the
        // literal can stay the user's token, and rename the rest.
        let referenced = |field: &Field| {
            template
                .args
                .iter()
                .any(|reference| field.is_named_by(&reference.arg))
        };
        let pattern = variant.pattern(|field| referenced(field).then(|| display_binding(field)));
        let lit = template.rewrite(|arg| {
            let field = variant.field_named_by(arg)?;
            let binding = display_binding(field);
            (binding != field.unraw_name()).then(|| binding.to_string())
        });
        quote!(#pattern => ::core::write!(#formatter, #lit),)
    }

    fn display_bounds(&self) -> Bounds {
        let mut bounds = Bounds::default();
        for variant in self.input.variants() {
            if let Some(field) = variant.transparent_field() {
                if self.params.intersects(field.ty) {
                    bounds.insert(field.ty, quote!(::core::fmt::Display));
                }
                continue;
            }
            let Some(template) = &variant.template else {
                continue;
            };
            for reference in &template.args {
                let Some(field) = variant.field_named_by(&reference.arg) else {
                    continue;
                };
                if let (Some(trait_), true) = (reference.trait_, self.params.intersects(field.ty)) {
                    bounds.insert(field.ty, trait_.path());
                }
            }
        }
        bounds
    }

    fn error_impl(&self) -> TokenStream {
        let runtime = &self.runtime;
        let mut bounds = self.supertrait_bounds();
        if self.params.is_empty() {
            // `Debug` is a supertrait of this trait and of `CertifierError`: stated as a
            // (higher-ranked, so allowed) bound here, a type without it is reported once,
            // on the `CertifierError` impl, instead of twice.
            bounds.insert_predicate(quote!(for<'__debug> Self: ::core::fmt::Debug));
        }
        let arms = self.match_variants(|variant| {
            if let Some(field) = variant.transparent_field() {
                let binding = field.binding();
                let pattern = variant.pattern(|_| Some(binding.clone()));
                // Method syntax so that a pointer to a `dyn CertifierError` (which is not an
                // `Error`) also has a source: none.
                let call = quote_spanned!(field.span()=> #binding.transparent_source());
                return quote!(#pattern => #call,);
            }
            match variant.source_field() {
                Some(field) => {
                    let binding = field.binding();
                    let pattern = variant.pattern(|candidate| {
                        (candidate.index == field.index).then(|| binding.clone())
                    });
                    // Spanned on the field's type: a source that is not an `Error` is
                    // reported there.
                    let ty_span = syn::spanned::Spanned::span(field.ty);
                    let source = if field.is_option() {
                        quote_spanned! {ty_span=>
                            ::core::option::Option::as_ref(#binding).map(|__source| __source.as_dyn_error())
                        }
                    } else {
                        quote_spanned! {ty_span=>
                            ::core::option::Option::Some(#binding.as_dyn_error())
                        }
                    };
                    quote!(#pattern => #source,)
                }
                None => {
                    let pattern = variant.pattern(|_| None);
                    quote!(#pattern => ::core::option::Option::None,)
                }
            }
        });
        for variant in self.input.variants() {
            if let Some(field) = variant.transparent_field() {
                if self.params.intersects(field.ty) {
                    bounds.insert(field.ty, quote!(::core::error::Error));
                }
            } else if let Some(field) = variant.source_field() {
                if self.params.intersects(field.ty) {
                    // An optional source is unwrapped before the call: bound what it holds.
                    let ty = if field.is_option() {
                        option_inner(field.ty).unwrap_or(field.ty)
                    } else {
                        field.ty
                    };
                    bounds.insert(ty, quote!(#runtime::__private::AsDynError<'static>));
                }
            }
        }
        let header = self.impl_header(&quote!(::core::error::Error), &bounds);
        quote! {
            #header {
                fn source(&self) -> ::core::option::Option<&(dyn ::core::error::Error + 'static)> {
                    #[allow(unused_imports)]
                    use #runtime::__private::{AsDynError as _, TransparentSource as _};
                    #arms
                }
            }
        }
    }

    fn serialize_impl(&self) -> TokenStream {
        let runtime = &self.runtime;
        let mut bounds = Bounds::default();
        if !self.params.is_empty() {
            bounds.insert_predicate(quote!(Self: #runtime::CertifierError));
        }
        let header = self.impl_header(&quote!(#runtime::__private::serde::Serialize), &bounds);
        quote! {
            #header {
                fn serialize<__S: #runtime::__private::serde::Serializer>(
                    &self,
                    __serializer: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    #runtime::__private::serialize_envelope(self, __serializer)
                }
            }
        }
    }

    fn impls_of_from(&self) -> Vec<TokenStream> {
        self.input
            .variants()
            .iter()
            .filter_map(|variant| {
                let field = variant.field_with_from()?;
                let ty = field.ty;
                let construct = match &field.member {
                    Member::Named(ident) => quote!({ #ident: __source }),
                    Member::Unnamed(_) => quote!((__source)),
                };
                let path = variant.path();
                let header =
                    self.impl_header(&quote!(::core::convert::From<#ty>), &Bounds::default());
                Some(quote! {
                    #header {
                        fn from(__source: #ty) -> Self {
                            #path #construct
                        }
                    }
                })
            })
            .collect()
    }

    fn integrations(&self) -> TokenStream {
        let runtime = &self.runtime;
        let ident = self.input.ident;
        let (impl_generics, ty_generics, _) = self.input.generics.split_for_impl();
        let mut bounds = Bounds::default();
        if !self.params.is_empty() {
            bounds.insert_predicate(quote!(Self: #runtime::CertifierError));
        }
        let predicates = bounds.predicates(self.input.generics);
        quote! {
            #runtime::__private::integrations! {
                runtime = [#runtime],
                impl [#impl_generics] for [#ident #ty_generics] where [#(#predicates,)*],
            }
        }
    }
}

/// The `Display` impl's formatter parameter. Mixed-site, so a field of the same name
/// bound in a match arm cannot shadow it.
fn formatter_ident() -> Ident {
    Ident::new("__formatter", Span::mixed_site())
}

/// The status literal: the explicit one, else the code's canonical status.
fn status_of(variant: &Variant) -> TokenStream {
    let value = variant
        .status()
        .expect("checked: a custom code has a status");
    match &variant.attrs.status {
        Some(status) => quote_spanned!(status.lit.span()=> #value),
        None => quote!(#value),
    }
}

/// In a `Display` arm, a named field is bound under its own name, so the message's
/// `{name}` captures it directly; tuple fields and raw identifiers get a fresh name.
fn display_binding(field: &Field) -> Ident {
    match &field.member {
        Member::Named(ident) if !ident.to_string().starts_with("r#") => ident.clone(),
        _ => format_ident!("__self_{}", field.index, span = Span::call_site()),
    }
}
