//! Request ids: the `x-request-id` header a client sends (checked) or one made up for
//! the request, kept while the request is served so that every error envelope and log
//! line of the request names it.

use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;

/// The request and response header that carries the request id.
///
/// ```
/// assert_eq!(certifier_error::server::REQUEST_ID_HEADER, "x-request-id");
/// ```
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The longest request id a client may send, in bytes.
///
/// ```
/// assert_eq!(certifier_error::server::MAX_REQUEST_ID_LEN, 128);
/// ```
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// The id of one request, as the envelope layers send it back in `x-request-id`, write
/// it as the `request_id` member of every error envelope and record it in the logs.
///
/// An id is 1 to [`MAX_REQUEST_ID_LEN`] bytes of visible ASCII other than `"` and `\`:
/// nothing in it needs escaping in a header, a JSON string or a log line, so a client's
/// id cannot inject anything into any of them. A client's id that is not one (too
/// long, empty, with a space, a control character or a non-ASCII byte) is not used:
/// the request gets a fresh id instead, as a request without the header does. The
/// layers put the request's id in the request's extensions for handlers.
///
/// ```
/// use certifier_error::server::RequestId;
///
/// let id = RequestId::parse(b"req-42").unwrap();
/// assert_eq!(id.as_str(), "req-42");
/// assert!(RequestId::parse(b"forged\r\nline").is_none());
/// assert!(RequestId::parse(b"").is_none());
/// assert!(RequestId::parse(&[b'a'; 129]).is_none());
///
/// let fresh = RequestId::generate();
/// assert_eq!(fresh.as_str().len(), 36);
/// assert_ne!(fresh, RequestId::generate());
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RequestId(Arc<str>);

impl RequestId {
    /// The id a client sent, if it is a valid one (see [`RequestId`]).
    #[must_use]
    pub fn parse(value: &[u8]) -> Option<RequestId> {
        let valid = !value.is_empty()
            && value.len() <= MAX_REQUEST_ID_LEN
            && value
                .iter()
                .all(|&byte| byte.is_ascii_graphic() && byte != b'"' && byte != b'\\');
        // Checked: ASCII, so UTF-8.
        let text = core::str::from_utf8(value).ok().filter(|_| valid)?;
        Some(RequestId(Arc::from(text)))
    }

    /// A fresh id: a random (version 4) UUID in its hyphenated form.
    #[must_use]
    pub fn generate() -> RequestId {
        let mut buffer = uuid::Uuid::encode_buffer();
        let text = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buffer);
        RequestId(Arc::from(&*text))
    }

    /// The client's id from the header's value when it is valid, else a fresh one.
    pub(crate) fn from_header(value: Option<&[u8]>) -> RequestId {
        match value {
            None => RequestId::generate(),
            Some(value) => RequestId::parse(value).unwrap_or_else(|| {
                #[cfg(feature = "tracing")]
                super::log::invalid_request_id(value.len());
                RequestId::generate()
            }),
        }
    }

    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Writes the id.
///
/// ```
/// let id = certifier_error::server::RequestId::parse(b"abc").unwrap();
/// assert_eq!(id.to_string(), "abc");
/// ```
impl fmt::Display for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for RequestId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

tokio::task_local! {
    /// The id of the request being served, while a layer with request ids serves it.
    static CURRENT: RequestId;
}

/// The id of the request being served on this task, if a layer with request ids set one.
pub(crate) fn current() -> Option<RequestId> {
    CURRENT.try_with(RequestId::clone).ok()
}

/// Runs `work` (the synchronous part of a service call) with `id` as the current id.
pub(crate) fn sync_scope<R>(id: Option<&RequestId>, work: impl FnOnce() -> R) -> R {
    match id {
        Some(id) => CURRENT.sync_scope(id.clone(), work),
        None => work(),
    }
}

/// `future`, polled with `id` as the current id.
pub(crate) fn scope<F: core::future::Future>(
    id: RequestId,
    future: F,
) -> tokio::task::futures::TaskLocalFuture<RequestId, F> {
    CURRENT.scope(id, future)
}

/// Writes `"request_id":"<id>"` as the last member of the error object of the
/// envelope in `body`, which ends with the closing `}}` of the error object and the
/// envelope. The id needs no escaping (see [`RequestId`]).
pub(crate) fn splice(body: &mut Vec<u8>, id: &RequestId) -> bool {
    if !body.ends_with(b"}}") {
        return false;
    }
    body.truncate(body.len() - 2);
    body.extend_from_slice(b",\"request_id\":\"");
    body.extend_from_slice(id.as_str().as_bytes());
    body.extend_from_slice(b"\"}}");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        for valid in [&b"a"[..], b"0123-abcd", b"req:42/x_y.z~", &[b'x'; 128]] {
            assert!(RequestId::parse(valid).is_some(), "{valid:?}");
        }
        for invalid in [
            &b""[..],
            b" lead",
            b"with space",
            b"tab\t",
            b"nl\n",
            b"cr\r",
            b"quote\"",
            b"back\\slash",
            b"caf\xc3\xa9",
            b"\x7f",
            &[b'x'; 129],
        ] {
            assert!(RequestId::parse(invalid).is_none(), "{invalid:?}");
        }
    }

    #[test]
    fn an_invalid_header_gets_a_fresh_id() {
        let id = RequestId::from_header(Some(b"bad id"));
        assert_eq!(id.as_str().len(), 36);
        assert_eq!(RequestId::from_header(Some(b"good")).as_str(), "good");
        assert_eq!(RequestId::from_header(None).as_str().len(), 36);
    }

    #[test]
    fn the_member_goes_last() {
        let mut body = br#"{"error":{"code":"not_found","message":"m"}}"#.to_vec();
        let id = RequestId::parse(b"r1").unwrap();
        assert!(splice(&mut body, &id));
        assert_eq!(
            body,
            br#"{"error":{"code":"not_found","message":"m","request_id":"r1"}}"#
        );
        let mut not_an_envelope = b"oops".to_vec();
        assert!(!splice(&mut not_an_envelope, &id));
        assert_eq!(not_an_envelope, b"oops");
    }

    #[test]
    fn an_id_shows_as_its_text() {
        let id = RequestId::parse(b"req:42").unwrap();
        assert_eq!(id.to_string(), "req:42");
        assert_eq!(format!("{id:?}"), r#""req:42""#);
    }

    #[test]
    fn the_scope_sets_the_current_id() {
        let id = RequestId::parse(b"scoped").unwrap();
        assert_eq!(current(), None);
        assert_eq!(sync_scope(Some(&id), current), Some(id.clone()));
        assert_eq!(sync_scope(None, current), None);
    }
}
