//! When the input is invalid: the errors, plus stub impls so that code using the type
//! does not add "trait not implemented" errors to the real ones.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

pub fn expand(input: &DeriveInput, runtime: &TokenStream, error: &syn::Error) -> TokenStream {
    let errors = error.to_compile_error();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let predicates = where_clause.map(|clause| &clause.predicates);
    // The higher-ranked bound is the usual way to state a possibly trivial bound: it
    // keeps the stub from requiring `Debug` of the type parameters.
    let supertraits = quote! {
        where
            #predicates
            for<'__stub> #ident #ty_generics: ::core::fmt::Debug,
    };
    quote! {
        #errors

        #[allow(unused_qualifications, clippy::all, clippy::pedantic)]
        const _: () = {
            #[automatically_derived]
            impl #impl_generics #runtime::CertifierError for #ident #ty_generics #supertraits {
                fn status(&self) -> u16 {
                    ::core::unreachable!()
                }

                fn code(&self) -> &str {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }

            #[automatically_derived]
            impl #impl_generics ::core::error::Error for #ident #ty_generics #supertraits {}

            #[automatically_derived]
            impl #impl_generics #runtime::__private::serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S: #runtime::__private::serde::Serializer>(
                    &self,
                    _: __S,
                ) -> ::core::result::Result<__S::Ok, __S::Error> {
                    ::core::unreachable!()
                }
            }
        };
    }
}
