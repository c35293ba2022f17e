//! `Valid` and `Garde`: the crate's extractors, with the value checked by validator or
//! garde.

#[cfg(feature = "garde-0_23")]
use crate::server::validated::check_garde;
#[cfg(feature = "validator-0_21")]
use crate::server::validated::check_validator;

use ::axum::extract::{FromRequest, FromRequestParts, Request};
use ::axum::response::IntoResponse;
use http::request::Parts;

use super::{Form, Json, Path, Query};
use crate::server::{Input, ValidRejection};

crate::server::validated::inputs!(Json: false, Query: true, Form: true, Path: true);

/// Defines a validated extractor: the struct, its `FromRequestParts` impl (for `Query`
/// and `Path`) and its `FromRequest` impl (for `Json` and `Form`).
macro_rules! validated {
    ($(#[$doc:meta])* $name:ident, $feature:literal, $check:ident, [$($bound:tt)+] $(, $context:ty)?) => {
        $(#[$doc])*
        #[cfg(feature = $feature)]
        #[cfg_attr(docsrs, doc(cfg(feature = $feature)))]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct $name<X>(pub X);

        #[cfg(feature = $feature)]
        impl<X, S> FromRequestParts<S> for $name<X>
        where
            X: FromRequestParts<S> + Input + Send,
            X::Value: $($bound)+,
            $($context: Default,)?
            ValidRejection<X::Rejection>: IntoResponse,
            S: Send + Sync,
        {
            type Rejection = ValidRejection<X::Rejection>;

            async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
                let input = X::from_request_parts(parts, state)
                    .await
                    .map_err(ValidRejection::Extract)?;
                $check(&input).map_err(ValidRejection::Invalid)?;
                Ok($name(input))
            }
        }

        #[cfg(feature = $feature)]
        impl<X, S> FromRequest<S> for $name<X>
        where
            X: FromRequest<S> + Input + Send,
            X::Value: $($bound)+,
            $($context: Default,)?
            ValidRejection<X::Rejection>: IntoResponse,
            S: Send + Sync,
        {
            type Rejection = ValidRejection<X::Rejection>;

            async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
                let input = X::from_request(request, state)
                    .await
                    .map_err(ValidRejection::Extract)?;
                $check(&input).map_err(ValidRejection::Invalid)?;
                Ok($name(input))
            }
        }
    };
}

validated!(
    /// One of the crate's extractors ([`Json`], [`Query`], [`Form`], [`Path`]), whose
    /// value is then checked with validator (feature `validator`): a value that breaks
    /// its rules answers `400 validation_error` with an `errors` item per failed rule
    /// (the codes and messages of `From<ValidationErrors> for Violations`), located by
    /// `pointer` for a `Json` body and by `parameter` for a query, a form or a path (the
    /// first member of the pointer: a nested member is named by its top-level field; a
    /// rule on the whole struct keeps the pointer `""`). A request the inner extractor
    /// refuses is answered as that extractor answers it.
    ///
    /// `into_inner()` gives the inner extractor, and `Deref` reaches it (and, through it,
    /// the value): `Valid(Json(signup))` destructures both.
    ///
    /// ```
    /// use axum::extract::FromRequestParts;
    /// use certifier_error::axum::{Query, Valid};
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, serde::Deserialize, validator::Validate)]
    /// struct Search {
    ///     #[validate(length(min = 2))]
    ///     q: String,
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let (mut parts, ()) = http::Request::get("/?q=rust").body(()).unwrap().into_parts();
    /// let Valid(Query(search)) = Valid::<Query<Search>>::from_request_parts(&mut parts, &())
    ///     .await
    ///     .unwrap();
    /// assert_eq!(search.q, "rust");
    ///
    /// let (mut parts, ()) = http::Request::get("/?q=r").body(()).unwrap().into_parts();
    /// let error = Valid::<Query<Search>>::from_request_parts(&mut parts, &())
    ///     .await
    ///     .unwrap_err();
    /// assert_eq!(error.code(), "validation_error");
    /// let body = serde_json::to_string(&error).unwrap();
    /// assert!(body.ends_with(r#""errors":[{"code":"too_short","message":"Must have a length of at least 2.","parameter":"q"}]}}"#));
    /// # });
    /// ```
    Valid, "validator-0_21", check_validator, [validator::Validate]
);

validated!(
    /// One of the crate's extractors ([`Json`], [`Query`], [`Form`], [`Path`]), whose
    /// value is then checked with garde (feature `garde`) in the default value of its
    /// context (`()` for rules without one; a type whose `Context` has no `Default`
    /// cannot be used, and is checked in the handler instead): a value that breaks its
    /// rules answers `400 validation_error` with an `errors` item per failed rule (see
    /// `From<garde::Report> for Violations`), located by `pointer` for a `Json` body and
    /// by `parameter` for a query, a form or a path, as [`Valid`] locates them. A request
    /// the inner extractor refuses is answered as that extractor answers it.
    ///
    /// `into_inner()` gives the inner extractor, and `Deref` reaches it.
    ///
    /// ```
    /// use axum::extract::FromRequest;
    /// use certifier_error::axum::{Garde, Json};
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, serde::Deserialize, garde::Validate)]
    /// struct Signup {
    ///     #[garde(length(min = 3))]
    ///     name: String,
    /// }
    ///
    /// # tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(async {
    /// let request = http::Request::post("/")
    ///     .header("content-type", "application/json")
    ///     .body(axum::body::Body::from(r#"{"name": "al"}"#))
    ///     .unwrap();
    /// let error = Garde::<Json<Signup>>::from_request(request, &()).await.unwrap_err();
    /// assert_eq!(error.code(), "validation_error");
    /// let body = serde_json::to_string(&error).unwrap();
    /// assert!(body.ends_with(r#""errors":[{"code":"invalid","message":"length is lower than 3","pointer":"/name"}]}}"#));
    /// # });
    /// ```
    Garde, "garde-0_23", check_garde, [garde::Validate], <X::Value as garde::Validate>::Context
);

#[cfg(feature = "validator-0_21")]
crate::server::value_wrappers!("axum": Valid);
#[cfg(feature = "garde-0_23")]
crate::server::value_wrappers!("axum": Garde);
