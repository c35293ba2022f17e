//! The impls the derive writes beside its errors when the input is invalid, so that code
//! using the type reports those errors alone, not a cascade of traits the type lacks:
//! `CertifierError`, `Display`, `Error`, `Serialize`, `ErrorCatalogue` and the
//! integrations. They are never run: the crate does not compile while the errors stand.
//! A relay, so that their templates are compiled once with this crate, not into the
//! derive that every user builds.

/// The stub impls of one type whose derive failed. `display` and `error` are the gates
/// of those two impls: another derive writes them under `skip_display`, and a
/// `catch_all` type is no `Error`.
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_stubs {
    (
        runtime = [$($runtime:tt)*],
        impl [$($impl_generics:tt)*] for [$($ty:tt)*] where [$($where:tt)*],
        gates = [$($display:tt)*] [$($error:tt)*] [$($axum:tt)*] [$($actix_web:tt)*]
            [$($tonic:tt)*] [$($utoipa:tt)*] [$($schemars:tt)*],
        bounds = [$($integration_bound:tt)*] [$($openapi_bound:tt)*],
        name = [$name:literal],
    ) => {
        #[automatically_derived]
        impl $($impl_generics)* $($runtime)*::CertifierError for $($ty)*
        where
            $($where)*
            // Higher-ranked, the usual way to state a possibly trivial bound: the stub
            // does not require `Debug` of the type parameters.
            for<'__stub> $($ty)*: ::core::fmt::Debug,
        {
            fn status(&self) -> ::core::primitive::u16 {
                ::core::unreachable!()
            }

            fn code(&self) -> &::core::primitive::str {
                ::core::unreachable!()
            }
        }

        $($display)*! {
            #[automatically_derived]
            impl $($impl_generics)* ::core::fmt::Display for $($ty)* where $($where)* {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }
        }

        $($error)*! {
            #[automatically_derived]
            impl $($impl_generics)* ::core::error::Error for $($ty)*
            where
                $($where)*
                for<'__stub> $($ty)*: ::core::fmt::Debug,
            {
            }
        }

        #[automatically_derived]
        impl $($impl_generics)* $($runtime)*::__private::serde::Serialize for $($ty)*
        where
            $($where)*
        {
            fn serialize<__S: $($runtime)*::__private::serde::Serializer>(
                &self,
                _: __S,
            ) -> ::core::result::Result<__S::Ok, __S::Error> {
                ::core::unreachable!()
            }
        }

        #[automatically_derived]
        impl $($impl_generics)* $($runtime)*::ErrorCatalogue for $($ty)* where $($where)* {
            const CATALOGUE: $($runtime)*::catalogue::Catalogue =
                $($runtime)*::catalogue::Catalogue::OPEN;
        }

        $($runtime)*::__private::integrations! {
            runtime = [$($runtime)*],
            impl [$($impl_generics)*] for [$($ty)*]
            where [$($where)* $($integration_bound)*],
            gates = [$($axum)*] [$($actix_web)*] [$($tonic)*],
        }

        $($runtime)*::__private::openapi! {
            runtime = [$($runtime)*],
            impl [$($impl_generics)*] for [$($ty)*]
            where [$($where)* $($openapi_bound)*],
            gates = [$($utoipa)*] [$($schemars)*],
            name = [$name],
            members = [],
            inner = [],
            appended = [],
        }
    };
}
