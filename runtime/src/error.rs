use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{Debug, Display};

use serde::ser::SerializeMap;

use crate::envelope::{ErrorEnvelope, ErrorObject, ExtensionMap};
use crate::{Code, LogLevel};

/// An error that knows its Certifier status, code, public message and extension members.
///
/// Implement it with `#[derive(CertifierError)]`. `Display` writes the public message, so
/// `to_string()` is the message. The trait is object safe: a `Box<dyn CertifierError>`
/// still gives its status, code, message and full envelope.
///
/// ```
/// use certifier_error::{CertifierError, StandardError};
///
/// let errors: Vec<Box<dyn CertifierError>> = vec![
///     Box::new(StandardError::NotFound),
///     Box::new(StandardError::RateLimited),
/// ];
/// let statuses: Vec<u16> = errors.iter().map(|e| e.status()).collect();
/// assert_eq!(statuses, [404, 429]);
/// assert_eq!(errors[1].code(), "rate_limited");
/// let envelope = errors[0].to_envelope()?;
/// assert_eq!(envelope.error.code, certifier_error::Code::NotFound);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Implementing it by hand
///
/// Derive it where you can. A hand-written impl (for a type the derive cannot annotate,
/// say) follows one rule: implement [`status`](Self::status) and [`code`](Self::code),
/// write the public message in `Display`, and override what the error has:
///
/// - [`extension_members`](Self::extension_members) when it has members: every envelope
///   (`Serialize` of a `dyn`, [`to_json`](Self::to_json), [`to_envelope`](Self::to_envelope),
///   the framework integrations) writes them from it;
/// - [`headers`](Self::headers), [`doc_url`](Self::doc_url) and
///   [`log_level`](Self::log_level) when it sets response headers, links its docs or
///   logs at another level;
/// - [`fmt_message`](Self::fmt_message) when `Display` is not the public message.
///
/// The hidden methods are the derive's (two fast paths, and the variant's name for the
/// logs); their defaults are built on the methods above, so a hand-written impl leaves
/// them alone.
///
/// ```
/// use certifier_error::CertifierError;
///
/// #[derive(Debug)]
/// struct Maintenance {
///     minutes: u64,
/// }
///
/// impl std::fmt::Display for Maintenance {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
///         f.write_str("The service is down for maintenance.")
///     }
/// }
///
/// impl CertifierError for Maintenance {
///     fn status(&self) -> u16 {
///         503
///     }
///     fn code(&self) -> &str {
///         "internal_server_error"
///     }
///     fn extension_members(
///         &self,
///     ) -> Result<Vec<(String, serde_json::Value)>, serde_json::Error> {
///         Ok(vec![("retry_after".to_owned(), (self.minutes * 60).into())])
///     }
///     fn headers(&self, visit: &mut dyn FnMut(&'static str, &dyn std::fmt::Display)) {
///         visit("Retry-After", &(self.minutes * 60));
///     }
/// }
///
/// assert_eq!(
///     Maintenance { minutes: 2 }.to_json()?,
///     r#"{"error":{"code":"internal_server_error","message":"The service is down for maintenance.","retry_after":120}}"#,
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a `CertifierError`",
    label = "not a `CertifierError`",
    note = "derive it with `#[derive(CertifierError)]`, or implement it",
    note = "a `transparent` variant takes its status, code and message from its field, so \
            the field must be a `CertifierError`; for an error of another kind, such as \
            `anyhow::Error` or `std::io::Error`, give the variant a code and keep the \
            error as its source: `#[certifier(code = \"internal_server_error\")] \
            Other(#[from] anyhow::Error)`"
)]
pub trait CertifierError: Display + Debug {
    /// The HTTP status of the response that carries this error.
    ///
    /// ```
    /// use certifier_error::{CertifierError, StandardError};
    /// assert_eq!(StandardError::Conflict.status(), 409);
    /// ```
    fn status(&self) -> u16;

    /// The snake_case Certifier code, such as `"validation_error"`.
    ///
    /// ```
    /// use certifier_error::{CertifierError, StandardError};
    /// assert_eq!(StandardError::ValidationError.code(), "validation_error");
    /// ```
    fn code(&self) -> &str;

    /// The HTTP status as an [`http::StatusCode`].
    ///
    /// A status outside the valid range (which the derive never produces) becomes
    /// `500 Internal Server Error`.
    ///
    /// ```
    /// use certifier_error::{CertifierError, StandardError};
    /// assert_eq!(StandardError::Unauthorized.status_code(), http::StatusCode::UNAUTHORIZED);
    /// ```
    #[cfg(feature = "http")]
    #[cfg_attr(docsrs, doc(cfg(feature = "http")))]
    fn status_code(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The whole envelope as a JSON string: the same text as the derived `Serialize`
    /// through `serde_json`, written without serde's detour.
    ///
    /// # Errors
    ///
    /// When an extension member cannot be represented as JSON (see
    /// [`extension_members`](Self::extension_members)).
    ///
    /// ```
    /// use certifier_error::{CertifierError, StandardError};
    ///
    /// let error: &dyn CertifierError = &StandardError::NotFound;
    /// assert_eq!(error.to_json()?, serde_json::to_string(error)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut out = Vec::with_capacity(128);
        self.write_json(&mut out)?;
        // The writer writes UTF-8 only; a lossy conversion would hide a bug, so a failure
        // here is reported as the serde error it would be.
        String::from_utf8(out).map_err(|_| serde::ser::Error::custom("the envelope is not UTF-8"))
    }

    /// The whole envelope as the client-side type: code, message and extension members.
    ///
    /// Object safe; allocates the message and the members.
    ///
    /// # Errors
    ///
    /// When an extension member cannot be represented as JSON (see
    /// [`extension_members`](Self::extension_members)).
    ///
    /// ```
    /// use certifier_error::{CertifierError, Code, StandardError};
    ///
    /// let envelope = StandardError::Forbidden.to_envelope()?;
    /// assert_eq!(envelope.error.code, Code::Forbidden);
    /// assert_eq!(envelope.error.message, StandardError::Forbidden.to_string());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn to_envelope(&self) -> Result<ErrorEnvelope, serde_json::Error> {
        Ok(ErrorEnvelope {
            error: ErrorObject {
                code: Code::from(self.code()),
                message: crate::Message(self).to_string(),
                extensions: {
                    let mut members = ExtensionMap::new();
                    if let Some(url) = self.doc_url() {
                        members.insert("doc_url".into(), url.to_string().into());
                    }
                    members.extend(self.extension_members()?);
                    members
                },
            },
        })
    }

    /// The level at which the `tracing` integration logs this error when it answers a
    /// request.
    ///
    /// The derive implements it from `#[certifier(log = "...")]` on the variant, else on
    /// the container; a transparent variant asks its field. The default is
    /// [`LogLevel::for_status`]: `error` for a 5xx status, `debug` otherwise.
    ///
    /// ```
    /// use certifier_error::{CertifierError, LogLevel, StandardError};
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(code = "rate_limited", log = "info")]
    /// struct Slow;
    ///
    /// assert_eq!(Slow.log_level(), LogLevel::Info);
    /// assert_eq!(StandardError::NotFound.log_level(), LogLevel::Debug);
    /// assert_eq!(StandardError::InternalServerError.log_level(), LogLevel::Error);
    /// ```
    fn log_level(&self) -> LogLevel {
        LogLevel::for_status(self.status())
    }

    /// Visits the response headers this error sets, as `(name, value)` pairs.
    ///
    /// The derive implements it for fields marked `#[certifier(header = "Name")]`: each
    /// such field is visited with its value, except an `Option` field that is `None`; a
    /// transparent variant delegates to its field. The framework integrations set these
    /// headers on the response. Object safe; the default visits nothing.
    ///
    /// ```
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(code = "rate_limited")]
    /// struct Slow {
    ///     #[certifier(header = "Retry-After", extend)]
    ///     retry_after: u64,
    ///     #[certifier(header = "X-Limit")]
    ///     limit: Option<u32>,
    /// }
    ///
    /// let error: &dyn CertifierError = &Slow { retry_after: 30, limit: None };
    /// let mut headers = Vec::new();
    /// error.headers(&mut |name, value| headers.push((name, value.to_string())));
    /// assert_eq!(headers, [("Retry-After", "30".to_string())]);
    /// ```
    fn headers(&self, visit: &mut dyn FnMut(&'static str, &dyn Display)) {
        let _ = visit;
    }

    /// The documentation link written as the envelope's `doc_url` member, after
    /// `message`; `None` leaves the member out.
    ///
    /// The derive implements it for a type with `#[certifier(doc_url = "...")]`, each
    /// `{code}` in the template replaced by [`code`](Self::code). A transparent variant
    /// takes the container's `doc_url` when the container sets one, else its field's.
    /// Object safe; the link is written through `Display`, without allocating.
    ///
    /// ```
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(doc_url = "https://docs.example.com/errors/{code}")]
    /// enum ApiError {
    ///     #[certifier(code = "not_found")]
    ///     NotFound,
    /// }
    ///
    /// let error: &dyn CertifierError = &ApiError::NotFound;
    /// let url = error.doc_url().unwrap();
    /// assert_eq!(url.to_string(), "https://docs.example.com/errors/not_found");
    /// assert_eq!(
    ///     serde_json::to_string(&ApiError::NotFound)?,
    ///     format!(
    ///         r#"{{"error":{{"code":"not_found","message":"{}","doc_url":"{url}"}}}}"#,
    ///         ApiError::NotFound,
    ///     ),
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn doc_url(&self) -> Option<crate::catalogue::DocUrl<'_>> {
        None
    }

    /// The extension members with their JSON values, in field order.
    ///
    /// Object safe, so it works on a `dyn CertifierError`, whose `Serialize` writes these;
    /// it allocates the names and values.
    ///
    /// # Errors
    ///
    /// When a member's value cannot be represented as JSON (a map with non-string keys,
    /// or a `Serialize` impl that reports an error).
    ///
    /// ```
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(code = "rate_limited")]
    /// struct Slow {
    ///     #[certifier(extend)]
    ///     retry_after: u64,
    ///     #[certifier(extend)]
    ///     limit: u32,
    /// }
    ///
    /// let error: &dyn CertifierError = &Slow { retry_after: 5, limit: 100 };
    /// let members = error.extension_members()?;
    /// assert_eq!(members[0], ("retry_after".to_owned(), serde_json::json!(5)));
    /// assert_eq!(members[1], ("limit".to_owned(), serde_json::json!(100)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// A hand-written impl with members overrides this method alone; every envelope
    /// then carries them:
    ///
    /// ```
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug)]
    /// struct Slow(u64);
    ///
    /// impl std::fmt::Display for Slow {
    ///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    ///         f.write_str("Too many requests.")
    ///     }
    /// }
    ///
    /// impl CertifierError for Slow {
    ///     fn status(&self) -> u16 {
    ///         429
    ///     }
    ///     fn code(&self) -> &str {
    ///         "rate_limited"
    ///     }
    ///     fn extension_members(
    ///         &self,
    ///     ) -> Result<Vec<(String, serde_json::Value)>, serde_json::Error> {
    ///         Ok(vec![("retry_after".to_owned(), self.0.into())])
    ///     }
    /// }
    ///
    /// let expected = r#"{"error":{"code":"rate_limited","message":"Too many requests.","retry_after":5}}"#;
    /// assert_eq!(Slow(5).to_json()?, expected);
    /// let error: &dyn CertifierError = &Slow(5);
    /// assert_eq!(serde_json::to_string(error)?, expected);
    /// assert_eq!(Slow(5).to_envelope()?.error.extensions["retry_after"], 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn extension_members(&self) -> Result<Vec<(String, serde_json::Value)>, serde_json::Error> {
        Ok(Vec::new())
    }

    /// Writes the public message: the text every envelope carries, safe to show a user.
    ///
    /// The default writes `Display`, which is the message unless the type says
    /// `#[certifier(skip_display)]` and leaves `Display` to another derive (such as
    /// thiserror's, for the text written to logs). Every envelope, writer and
    /// integration writes the message through this method; [`Message`](crate::Message)
    /// shows it with `Display`.
    ///
    /// # Errors
    ///
    /// Only when the formatter does, as with any `Display`.
    ///
    /// ```
    /// use certifier_error::{CertifierError, Message};
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(skip_display)]
    /// #[certifier(code = "not_found", message = "No such certificate.")]
    /// struct Missing {
    ///     id: u64,
    /// }
    ///
    /// // `Display` is the internal text, written by hand here as thiserror would.
    /// impl std::fmt::Display for Missing {
    ///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    ///         write!(f, "certificate {} is not in the store", self.id)
    ///     }
    /// }
    /// impl std::error::Error for Missing {}
    ///
    /// let error = Missing { id: 7 };
    /// assert_eq!(error.to_string(), "certificate 7 is not in the store");
    /// assert_eq!(Message(&error).to_string(), "No such certificate.");
    /// assert!(error.to_json()?.contains(r#""message":"No such certificate.""#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn fmt_message(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        Display::fmt(self, f)
    }

    /// Writes the extension members into the error object being serialised, in field
    /// order, after `code` and `message`.
    ///
    /// The derive implements it without allocating: it is the path the derived
    /// `Serialize` uses. It is not available on a `dyn CertifierError`, which uses
    /// [`extension_members`](Self::extension_members) instead. The default writes what
    /// `extension_members` returns, and so allocates the names and values; a hand-written
    /// impl with extension members therefore overrides that one method, and every path
    /// (`Serialize`, `dyn` serialisation, [`write_json`](Self::write_json),
    /// [`to_envelope`](Self::to_envelope)) carries its members. The derive overrides both.
    ///
    /// ```
    /// use certifier_error::CertifierError;
    /// use serde::ser::{SerializeMap, Serializer};
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(code = "rate_limited")]
    /// struct Slow {
    ///     #[certifier(extend)]
    ///     retry_after: u64,
    /// }
    ///
    /// let mut out = Vec::new();
    /// let mut serializer = serde_json::Serializer::new(&mut out);
    /// let mut map = serializer.serialize_map(None).unwrap();
    /// Slow { retry_after: 5 }.serialize_extensions(&mut map).unwrap();
    /// SerializeMap::end(map).unwrap();
    /// assert_eq!(out, br#"{"retry_after":5}"#);
    /// ```
    #[doc(hidden)]
    fn serialize_extensions<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>
    where
        Self: Sized,
    {
        crate::__private::serialize_member_list(self, map)
    }

    /// Appends the whole envelope as JSON to `out`: the same bytes as the `Serialize`
    /// path through `serde_json`, written directly.
    ///
    /// The derive writes each variant's static parts (code, literal message, member
    /// names) as byte strings escaped at compile time, strings and integers without
    /// `core::fmt`, and other extension values through `serde_json`; into a buffer with
    /// room for the envelope it allocates nothing. Object safe: on a `dyn CertifierError`
    /// it calls the derived writer, and a hand-written implementation that does not
    /// override it gets one built on [`extension_members`](Self::extension_members).
    ///
    /// # Errors
    ///
    /// When an extension value cannot be written as JSON (see
    /// [`extension_members`](Self::extension_members)); `out` is then left as it was.
    ///
    /// ```
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    /// struct Slow {
    ///     #[certifier(extend)]
    ///     retry_after: u64,
    /// }
    ///
    /// let mut body = Vec::with_capacity(128);
    /// Slow { retry_after: 5 }.write_json(&mut body).unwrap();
    /// assert_eq!(body, serde_json::to_vec(&Slow { retry_after: 5 })?);
    /// assert_eq!(
    ///     body,
    ///     br#"{"error":{"code":"rate_limited","message":"Retry in 5 s.","retry_after":5}}"#,
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[doc(hidden)]
    fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
        crate::__private::json::write_envelope_dyn(self, out)
    }

    /// The name of the variant this error is (a struct's own name), which the `tracing`
    /// integration logs as `variant` beside the code: two variants that share a code,
    /// such as two `internal_server_error`s, then tell apart in the logs.
    ///
    /// The derive implements it; a `transparent` variant gives its own name, not its
    /// field's. The default is `None`, and the event then has no `variant` field.
    ///
    /// ```
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// enum ApiError {
    ///     #[certifier(code = "internal_server_error")]
    ///     Database,
    ///     #[certifier(code = "internal_server_error")]
    ///     Other,
    /// }
    ///
    /// assert_eq!(ApiError::Database.variant_name(), Some("Database"));
    /// assert_eq!(ApiError::Other.code(), ApiError::Database.code());
    /// ```
    #[doc(hidden)]
    fn variant_name(&self) -> Option<&'static str> {
        None
    }

    /// What the `tonic` integration reads beside the status and code: the container's
    /// `#[certifier(domain = "...")]` (the deriving package's name by default) and a
    /// variant's `#[certifier(grpc = "...")]` code. The derive implements it; the
    /// default has neither, and the gRPC code then follows the status.
    #[doc(hidden)]
    fn grpc(&self) -> crate::__private::Grpc {
        crate::__private::Grpc::NONE
    }

    /// The message's key in the translations (feature `fluent`), its arguments handed
    /// to `arguments`. The derive implements it; the default has no key, and the
    /// message is then never translated.
    #[doc(hidden)]
    fn translatable(
        &self,
        arguments: &mut dyn crate::__private::MessageArguments,
    ) -> Option<&'static str> {
        let _ = arguments;
        None
    }
}

macro_rules! forward_through_pointer {
    ($([$($generics:tt)*] $pointer:ty $(=> $serialize_extensions:path)?;)*) => {$(
        impl<$($generics)*> CertifierError for $pointer {
            fn status(&self) -> u16 {
                (**self).status()
            }

            fn code(&self) -> &str {
                (**self).code()
            }

            $(
                fn serialize_extensions<M: SerializeMap>(
                    &self,
                    map: &mut M,
                ) -> Result<(), M::Error> {
                    $serialize_extensions(&**self, map)
                }
            )?

            fn extension_members(
                &self,
            ) -> Result<Vec<(String, serde_json::Value)>, serde_json::Error> {
                (**self).extension_members()
            }

            fn headers(&self, visit: &mut dyn FnMut(&'static str, &dyn Display)) {
                (**self).headers(visit)
            }

            fn doc_url(&self) -> Option<crate::catalogue::DocUrl<'_>> {
                (**self).doc_url()
            }

            fn log_level(&self) -> LogLevel {
                (**self).log_level()
            }

            fn write_json(&self, out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
                (**self).write_json(out)
            }

            fn fmt_message(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                (**self).fmt_message(f)
            }

            fn variant_name(&self) -> Option<&'static str> {
                (**self).variant_name()
            }

            fn grpc(&self) -> crate::__private::Grpc {
                (**self).grpc()
            }

            fn translatable(
                &self,
                arguments: &mut dyn crate::__private::MessageArguments,
            ) -> Option<&'static str> {
                (**self).translatable(arguments)
            }
        }
    )*};
}

/// The allocation-free member writer of a sized error behind a pointer.
fn serialize_sized_extensions<T: CertifierError, M: SerializeMap>(
    error: &T,
    map: &mut M,
) -> Result<(), M::Error> {
    error.serialize_extensions(map)
}

// A pointer to an error is an error: lets a transparent variant hold a
// `Box<dyn CertifierError>` or share one behind an `Arc`. A sized error keeps its
// allocation-free member writer; a trait object writes its members through the vtable,
// as the trait's default `serialize_extensions` does.
forward_through_pointer!(
    [T: CertifierError] &T => serialize_sized_extensions;
    [T: CertifierError] Box<T> => serialize_sized_extensions;
    [T: CertifierError] alloc::sync::Arc<T> => serialize_sized_extensions;
    ['a] &(dyn CertifierError + 'a);
    ['a] &(dyn CertifierError + Send + 'a);
    ['a] &(dyn CertifierError + Send + Sync + 'a);
    ['a] Box<dyn CertifierError + 'a>;
    ['a] Box<dyn CertifierError + Send + 'a>;
    ['a] Box<dyn CertifierError + Send + Sync + 'a>;
    ['a] alloc::sync::Arc<dyn CertifierError + 'a>;
    ['a] alloc::sync::Arc<dyn CertifierError + Send + 'a>;
    ['a] alloc::sync::Arc<dyn CertifierError + Send + Sync + 'a>;
);

macro_rules! serialize_dyn {
    ($($object:ty),*) => {$(
        /// Serialises the whole envelope of a trait object. Allocates the members
        /// (see [`CertifierError::extension_members`]); derived types serialise without.
        impl serde::Serialize for $object {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::__private::serialize_envelope(&self, None, serializer)
            }
        }
    )*};
}

serialize_dyn!(
    dyn CertifierError + '_,
    dyn CertifierError + Send + '_,
    dyn CertifierError + Send + Sync + '_
);

/// Shows an error's public message with `Display`: the text its envelope carries, which
/// is `Display` itself unless the type says `#[certifier(skip_display)]`. Works for a
/// `dyn CertifierError` too.
///
/// ```
/// use certifier_error::{CertifierError, Message, StandardError};
///
/// let error: &dyn CertifierError = &StandardError::NotFound;
/// assert_eq!(Message(error).to_string(), error.to_string());
/// ```
#[derive(Clone, Copy)]
pub struct Message<'a, E: ?Sized>(pub &'a E);

impl<E: CertifierError + ?Sized> Display for Message<'_, E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt_message(f)
    }
}

impl<E: CertifierError + ?Sized> Debug for Message<'_, E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        Debug::fmt(&alloc::format!("{self}"), f)
    }
}
