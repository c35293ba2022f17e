//! The `serde::Serialize` impl: the whole envelope, through the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use crate::generics::Bounds;
use crate::plan::Plan;

pub fn serialize_impl(plan: &Plan) -> TokenStream {
    let runtime = &plan.runtime;
    let mut bounds = Bounds::default();
    if plan.is_generic() {
        bounds.insert_predicate(quote!(Self: #runtime::CertifierError));
    }
    let header = plan.impl_header(&quote!(#runtime::__private::serde::Serialize), &bounds);
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
