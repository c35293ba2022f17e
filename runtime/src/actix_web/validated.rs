//! `Valid` and `Garde`: the crate's extractors, with the value checked by validator or
//! garde.

use alloc::boxed::Box;
use core::future::Future;
use core::pin::Pin;

use ::actix_web::dev::Payload;
use ::actix_web::{FromRequest, HttpRequest};

#[cfg(feature = "garde-0_23")]
use crate::server::validated::check_garde;
#[cfg(feature = "validator-0_21")]
use crate::server::validated::check_validator;

use super::{Form, Json, Path, Query};
use crate::server::{Input, ValidRejection};

crate::server::validated::inputs!(Json: false, Query: true, Form: true, Path: true);

/// Defines a validated extractor: the struct and its `FromRequest` impl.
macro_rules! validated {
    ($(#[$doc:meta])* $name:ident, $feature:literal, $check:ident, [$($bound:tt)+] $(, $context:ty)?) => {
        $(#[$doc])*
        #[cfg(feature = $feature)]
        #[cfg_attr(docsrs, doc(cfg(feature = $feature)))]
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
        pub struct $name<X>(pub X);

        #[cfg(feature = $feature)]
        impl<X> FromRequest for $name<X>
        where
            X: FromRequest + Input + 'static,
            X::Value: $($bound)+,
            $($context: Default,)?
            ValidRejection<X::Error>: Into<::actix_web::Error>,
        {
            type Error = ValidRejection<X::Error>;
            type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

            fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
                let input = X::from_request(request, payload);
                Box::pin(async move {
                    let input = input.await.map_err(ValidRejection::Extract)?;
                    $check(&input).map_err(ValidRejection::Invalid)?;
                    Ok($name(input))
                })
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
    /// use actix_web::{test, web, App};
    /// use certifier_error::actix_web::{Query, Valid};
    ///
    /// #[derive(serde::Deserialize, validator::Validate)]
    /// struct Search {
    ///     #[validate(length(min = 2))]
    ///     q: String,
    /// }
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let app = test::init_service(App::new().route(
    ///     "/",
    ///     web::get().to(|Valid(Query(search)): Valid<Query<Search>>| async move { search.q }),
    /// ))
    /// .await;
    /// let request = test::TestRequest::get().uri("/?q=r").to_request();
    /// let response = test::call_service(&app, request).await;
    /// assert_eq!(response.status().as_u16(), 400);
    /// let body = test::read_body(response).await;
    /// assert!(body.ends_with(br#""errors":[{"code":"too_short","message":"Must have a length of at least 2.","parameter":"q"}]}}"#));
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
    /// use actix_web::{test, web, App};
    /// use certifier_error::actix_web::{Garde, Json};
    ///
    /// #[derive(serde::Deserialize, garde::Validate)]
    /// struct Signup {
    ///     #[garde(length(min = 3))]
    ///     name: String,
    /// }
    ///
    /// # actix_web::rt::System::new().block_on(async {
    /// let app = test::init_service(App::new().route(
    ///     "/",
    ///     web::post().to(|Garde(Json(signup)): Garde<Json<Signup>>| async move { signup.name }),
    /// ))
    /// .await;
    /// let request = test::TestRequest::post()
    ///     .uri("/")
    ///     .insert_header(("content-type", "application/json"))
    ///     .set_payload(r#"{"name": "al"}"#)
    ///     .to_request();
    /// let response = test::call_service(&app, request).await;
    /// assert_eq!(response.status().as_u16(), 400);
    /// let body = test::read_body(response).await;
    /// assert!(body.ends_with(br#""errors":[{"code":"invalid","message":"length is lower than 3","pointer":"/name"}]}}"#));
    /// # });
    /// ```
    Garde, "garde-0_23", check_garde, [garde::Validate], <X::Value as garde::Validate>::Context
);

#[cfg(feature = "validator-0_21")]
crate::server::value_wrappers!("actix_web": Valid);
#[cfg(feature = "garde-0_23")]
crate::server::value_wrappers!("actix_web": Garde);
