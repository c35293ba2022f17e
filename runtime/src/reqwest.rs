//! Reading whole reqwest responses (feature `reqwest`): a 2xx body as the expected type,
//! anything else as an [`ErrorResponse`] that keeps what the headers say.
//!
//! ```no_run
//! use certifier_error::reqwest::ResponseExt as _;
//! use certifier_error::ErrorResponse;
//!
//! #[derive(Debug, serde::Deserialize)]
//! struct Certificate {
//!     id: String,
//! }
//!
//! /// Why no certificate came back.
//! #[derive(Debug)]
//! enum Failure {
//!     /// No answer at all: no status, headers or body to decode.
//!     NoAnswer(reqwest::Error),
//!     /// An answer that is an error, decoded.
//!     Answer(ErrorResponse),
//! }
//!
//! async fn show(client: &reqwest::Client, id: &str) -> Result<Certificate, Failure> {
//!     let url = format!("http://127.0.0.1:3000/certificates/{id}");
//!     let response = client.get(url).send().await.map_err(Failure::NoAnswer)?;
//!     response.certifier_json().await.map_err(Failure::Answer)
//! }
//! ```
//!
//! The feature turns on no default feature of reqwest (TLS, HTTP/2, proxies): the
//! application's own `reqwest` dependency chooses them.
//!
//! Nothing is added to the requests: to have a service's messages in the user's
//! language, send `Accept-Language` yourself, per request
//! (`client.get(url).header(reqwest::header::ACCEPT_LANGUAGE, "fr-CH, fr;q=0.9")`) or for
//! every request with `ClientBuilder::default_headers`; the
//! [`ErrorResponse::content_language`] of an error says which language its message is in.

use alloc::vec::Vec;
use core::future::Future;

use serde::de::DeserializeOwned;

use crate::response::BodyProblem;
use crate::{decode_response, ErrorResponse, MAX_EXCERPT_LEN};

/// The most bytes of a body [`ResponseExt::certifier_json`] reads: 4 MiB.
///
/// A body over the limit is not read to its end (a hostile or broken server cannot make
/// the client buffer without bound) and becomes an [`ErrorResponse`] whatever its
/// status: on an error status, one whose code follows the status; on a 2xx status, one
/// with the client-side code `response_too_large`. Either way it keeps the status, the
/// headers and the start of the body in `excerpt`. When the `Content-Length` header
/// already says the body is over the limit, only its first bytes are read, for the
/// excerpt. Use [`ResponseExt::certifier_json_limited`] for another limit.
///
/// ```
/// assert_eq!(certifier_error::reqwest::MAX_BODY_LEN, 4 * 1024 * 1024);
/// ```
pub const MAX_BODY_LEN: usize = 4 * 1024 * 1024;

mod sealed {
    pub trait Sealed {}

    impl Sealed for reqwest::Response {}
}

/// Decodes a [`reqwest::Response`] the Certifier way. Never panics, whatever the server
/// sends.
///
/// ```no_run
/// use std::time::Duration;
///
/// use certifier_error::reqwest::ResponseExt as _;
///
/// #[derive(Debug, serde::Deserialize)]
/// struct Account {
///     plan: String,
/// }
///
/// # async fn run() -> Result<(), reqwest::Error> {
/// let client = reqwest::Client::new();
/// let response = client.get("http://127.0.0.1:3000/account").send().await?;
/// match response.certifier_json::<Account>().await {
///     Ok(account) => println!("plan {}", account.plan),
///     Err(error) if error.is_retryable() => {
///         let wait = error.retry_after().unwrap_or(Duration::from_secs(1));
///         println!("retry in {wait:?}");
///     }
///     Err(error) => println!("{error} (request {:?})", error.request_id()),
/// }
/// # Ok(())
/// # }
/// ```
pub trait ResponseExt: sealed::Sealed {
    /// Reads the whole body, at most [`MAX_BODY_LEN`] bytes: a 2xx body decodes as `T`;
    /// anything else becomes an [`ErrorResponse`], with the status, the body's error
    /// object (or one made up from the status when the body has none), and the
    /// `Retry-After` and `x-request-id` headers.
    ///
    /// An empty 2xx body decodes as JSON `null` (for `T = ()` or an `Option`). A 2xx body
    /// that is not what was expected becomes an error with a client-side code:
    /// `unexpected_response` when it does not fit `T`, `response_too_large` when it is
    /// over the limit, `incomplete_response` when the connection ends before the whole
    /// body arrived (a part of a success body is never decoded). An error body that ends
    /// early is still read as an envelope when what arrived is a whole one.
    ///
    /// # Errors
    ///
    /// An [`ErrorResponse`] for any status outside 200 to 299, and for a success body
    /// that does not fit `T`, is over the limit or ends early, as above.
    ///
    /// ```no_run
    /// use certifier_error::reqwest::ResponseExt as _;
    /// use certifier_error::Code;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Certificate {
    ///     id: String,
    /// }
    ///
    /// /// The certificate, `None` when the server has no such id, or the server's error.
    /// async fn fetch(id: &str) -> Result<Option<Certificate>, Box<dyn std::error::Error>> {
    ///     let url = format!("http://127.0.0.1:3000/certificates/{id}");
    ///     let response = reqwest::get(url).await?;
    ///     match response.certifier_json::<Certificate>().await {
    ///         Ok(certificate) => Ok(Some(certificate)),
    ///         Err(error) if *error.code() == Code::NotFound => Ok(None),
    ///         // `429 rate_limited: Too many requests.`, with `retry_after()` to wait.
    ///         Err(error) => Err(error.into()),
    ///     }
    /// }
    /// ```
    fn certifier_json<T: DeserializeOwned>(
        self,
    ) -> impl Future<Output = Result<T, ErrorResponse>> + Send;

    /// [`certifier_json`](Self::certifier_json) with a body limit of `limit` bytes
    /// instead of [`MAX_BODY_LEN`].
    ///
    /// # Errors
    ///
    /// As [`certifier_json`](Self::certifier_json)'s, with `limit` as the limit.
    ///
    /// ```no_run
    /// use certifier_error::reqwest::ResponseExt as _;
    ///
    /// # async fn run() -> Result<(), reqwest::Error> {
    /// let response = reqwest::get("http://127.0.0.1:3000/certificates").await?;
    /// // A listing can be long: allow 64 MiB.
    /// let all: Result<Vec<serde_json::Value>, _> = response.certifier_json_limited(64 << 20).await;
    /// # Ok(())
    /// # }
    /// ```
    fn certifier_json_limited<T: DeserializeOwned>(
        self,
        limit: usize,
    ) -> impl Future<Output = Result<T, ErrorResponse>> + Send;
}

impl ResponseExt for reqwest::Response {
    fn certifier_json<T: DeserializeOwned>(
        self,
    ) -> impl Future<Output = Result<T, ErrorResponse>> + Send {
        self.certifier_json_limited(MAX_BODY_LEN)
    }

    async fn certifier_json_limited<T: DeserializeOwned>(
        mut self,
        limit: usize,
    ) -> Result<T, ErrorResponse> {
        let status = self.status().as_u16();
        let (body, end) = read_body(&mut self, limit).await;
        let success = (200..=299).contains(&status);
        let decoded = match end {
            BodyEnd::Complete => decode_response(status, &body),
            BodyEnd::TooLarge => Err(ErrorResponse::unrecognised(
                status,
                &body,
                BodyProblem::TooLarge { limit },
            )),
            // A part of a success body is never decoded: it could fit `T` by chance.
            BodyEnd::CutOff if success => Err(ErrorResponse::unrecognised(
                status,
                &body,
                BodyProblem::CutOff,
            )),
            BodyEnd::CutOff => match ErrorResponse::decode(status, &body) {
                error if error.is_envelope() => Err(error),
                _ => Err(ErrorResponse::unrecognised(
                    status,
                    &body,
                    BodyProblem::CutOff,
                )),
            },
        };
        decoded.map_err(|error| error.with_headers(self.headers()))
    }
}

/// How reading a body ended.
enum BodyEnd {
    Complete,
    CutOff,
    TooLarge,
}

/// Reads the body chunk by chunk, keeping at most `limit` bytes.
async fn read_body(response: &mut reqwest::Response, limit: usize) -> (Vec<u8>, BodyEnd) {
    let declared = response.content_length();
    // A body announced as too large is read only as far as the excerpt needs.
    let (keep, announced_too_large) = match declared {
        Some(length) if length > limit as u64 => (MAX_EXCERPT_LEN.min(limit), true),
        _ => (limit, false),
    };
    // Trust the announced length only up to what is kept.
    let mut body =
        Vec::with_capacity(declared.map_or(0, |length| length.min(keep as u64) as usize));
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > keep {
                    let room = keep - body.len();
                    body.extend_from_slice(&chunk[..room.min(MAX_EXCERPT_LEN)]);
                    return (body, BodyEnd::TooLarge);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) if announced_too_large => return (body, BodyEnd::TooLarge),
            Ok(None) => return (body, BodyEnd::Complete),
            Err(_) => return (body, BodyEnd::CutOff),
        }
    }
}
