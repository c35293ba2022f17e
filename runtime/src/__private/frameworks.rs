//! The `macro_rules!` relay through which the derive implements the framework
//! integrations, and the gates that keep each impl with its cargo feature: the
//! proc-macro itself stays feature-free. (The OpenAPI relay in `openapi/mod.rs` works
//! the same way.)

/// Implements the framework integrations selected by the runtime's cargo features for
/// one derived type.
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_integrations {
    (
        runtime = [$($runtime:tt)*],
        impl [$($impl_generics:tt)*] for [$($ty:tt)*] where [$($where:tt)*],
        gates = [$($axum:tt)*] [$($actix_web:tt)*] [$($tonic:tt)*],
    ) => {
        $($axum)*! {
            #[automatically_derived]
            impl $($impl_generics)* $($runtime)*::__private::axum::response::IntoResponse
                for $($ty)*
            where
                $($where)*
                // Higher-ranked, so that a type that is not an error (already reported
                // by the `CertifierError` impl) adds no second error here.
                for<'__certifier> Self: $($runtime)*::CertifierError
                    + $($runtime)*::__private::serde::Serialize
                    + $($runtime)*::__private::LogSource
                    + ::core::marker::Sized,
            {
                fn into_response(self) -> $($runtime)*::__private::axum::response::Response {
                    $($runtime)*::__private::axum_response(&self)
                }
            }
        }
        $($actix_web)*! {
            #[automatically_derived]
            impl $($impl_generics)* $($runtime)*::__private::actix_web::ResponseError
                for $($ty)*
            where
                $($where)*
                // Higher-ranked, as for axum; also states `ResponseError`'s supertraits.
                for<'__certifier> Self: $($runtime)*::CertifierError
                    + $($runtime)*::__private::serde::Serialize
                    + $($runtime)*::__private::LogSource
                    + ::core::fmt::Debug
                    + ::core::fmt::Display,
            {
                fn status_code(&self) -> $($runtime)*::__private::actix_web::http::StatusCode {
                    $($runtime)*::__private::actix_status(self)
                }

                fn error_response(
                    &self,
                ) -> $($runtime)*::__private::actix_web::HttpResponse<
                    $($runtime)*::__private::actix_web::body::BoxBody,
                > {
                    $($runtime)*::__private::actix_response(self)
                }
            }
        }
        $($tonic)*! {
            #[automatically_derived]
            impl $($impl_generics)* ::core::convert::From<$($ty)*>
                for $($runtime)*::__private::tonic::Status
            where
                $($where)*
                // Higher-ranked, as for axum.
                for<'__certifier> $($ty)*: $($runtime)*::CertifierError
                    + $($runtime)*::__private::LogSource
                    + ::core::marker::Sized,
            {
                fn from(error: $($ty)*) -> Self {
                    $($runtime)*::__private::tonic_status(&error)
                }
            }
        }
    };
}

/// Nothing, whatever the features: the gate of impls the type writes itself, or that
/// another derive writes (an integration in `skip_impl(...)`; under `skip_display`, the
/// `Display` and `Error` stubs of `stubs!`).
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_skip {
    ($($item:tt)*) => {};
}

/// Its input, whatever the features: the gate of a stub of `stubs!` that is written.
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_keep {
    ($($item:tt)*) => { $($item)* };
}

/// Its input, when the `axum` feature is on.
#[cfg(feature = "axum-0_8")]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_axum {
    ($($item:tt)*) => { $($item)* };
}

/// Nothing: the `axum` feature is off.
#[cfg(not(feature = "axum-0_8"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_axum {
    ($($item:tt)*) => {};
}

/// Its input, when the `tonic` feature is on.
#[cfg(feature = "tonic-0_14")]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_tonic {
    ($($item:tt)*) => { $($item)* };
}

/// Nothing: the `tonic` feature is off.
#[cfg(not(feature = "tonic-0_14"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_tonic {
    ($($item:tt)*) => {};
}

/// Its input, when the `actix-web` feature is on.
#[cfg(feature = "actix-web-4")]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_actix_web {
    ($($item:tt)*) => { $($item)* };
}

/// Nothing: the `actix-web` feature is off.
#[cfg(not(feature = "actix-web-4"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __certifier_if_actix_web {
    ($($item:tt)*) => {};
}
