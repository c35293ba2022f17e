//! The envelope layers' translations: the locales a request accepts, kept while the
//! request is served (as its request id is), and the message of every error envelope
//! written in the first of them that translates it.

use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::future::Future;

use futures_util::future::Either;

use crate::fluent::{Order, Translations};
use crate::violation::Violation;
use crate::CertifierError;

/// The request's translations and the locales to try for it.
#[derive(Clone)]
pub(crate) struct Negotiation {
    translations: Arc<Translations>,
    order: Order,
}

tokio::task_local! {
    /// The negotiation of the request being served, where a translation can apply.
    static CURRENT: Negotiation;
}

/// What the request's `Accept-Language` fields ask of `translations`; `None` where no
/// message can change, so that such a request (one without the header, say) takes the
/// path it takes without translations.
pub(crate) fn negotiate<'h>(
    translations: Option<&Arc<Translations>>,
    accept_language: impl IntoIterator<Item = &'h [u8]>,
) -> Option<Negotiation> {
    let translations = translations?;
    let mut fields = accept_language.into_iter().peekable();
    fields.peek()?;
    let order = translations.negotiate(fields);
    order.translates().then(|| Negotiation {
        translations: translations.clone(),
        order,
    })
}

/// Runs `work` (the synchronous part of a service call) with `negotiation` current.
pub(crate) fn sync_scope<R>(negotiation: Option<&Negotiation>, work: impl FnOnce() -> R) -> R {
    match negotiation {
        Some(negotiation) => CURRENT.sync_scope(negotiation.clone(), work),
        None => work(),
    }
}

/// `future`, polled with `negotiation` current.
pub(crate) fn scope<F: Future>(
    negotiation: Option<Negotiation>,
    future: F,
) -> impl Future<Output = F::Output> {
    match negotiation {
        Some(negotiation) => Either::Left(CURRENT.scope(negotiation, future)),
        None => Either::Right(future),
    }
}

/// Writes `error`'s message, in the request's negotiated locale, over the message of
/// its envelope `body` (and the default messages of its violations); the locale's tag
/// if a translation applied.
pub(crate) fn translate<E: CertifierError + ?Sized>(
    error: &E,
    body: &mut Vec<u8>,
) -> Option<String> {
    CURRENT
        .try_with(|negotiation| {
            let translations = &negotiation.translations;
            let (locale, message) = translations.translate(error, &negotiation.order)?;
            if !replace_message(body, &message) {
                return None;
            }
            let index = translations.locale_index(locale);
            if let Some(index) = index {
                translate_violations(translations, index, body);
            }
            Some(String::from(locale))
        })
        .ok()
        .flatten()
}

/// Replaces the first `"message"` string of the envelope `body` (the error object's:
/// it follows the code, and no string can hold an unescaped quote) by `message`.
pub(crate) fn replace_message(body: &mut Vec<u8>, message: &str) -> bool {
    let Some(start) = find(body, 0, b"\"message\":\"") else {
        return false;
    };
    let value = start + b"\"message\":".len();
    match string_end(body, value) {
        Some(end) => splice_string(body, value, end, message),
        None => false,
    }
}

/// The default messages of the violations in `body`'s `errors` array, in the locale at
/// `index`; a message of the service's own is kept.
fn translate_violations(translations: &Translations, index: usize, body: &mut Vec<u8>) {
    let Some(start) = find(body, 0, b"\"errors\":[") else {
        return;
    };
    let mut at = start + b"\"errors\":[".len();
    // Each item as `Violation` writes it: `{"code":"..","message":"..",<location>}`.
    while body[at..].starts_with(b"{\"code\":") {
        let code_start = at + b"{\"code\":".len();
        let Some(code_end) = string_end(body, code_start) else {
            return;
        };
        if !body[code_end..].starts_with(b",\"message\":") {
            return;
        }
        let message_start = code_end + b",\"message\":".len();
        let Some(message_end) = string_end(body, message_start) else {
            return;
        };
        let code = core::str::from_utf8(&body[code_start + 1..code_end - 1]).unwrap_or("");
        let written = &body[message_start + 1..message_end - 1];
        let mut next_from = message_end;
        if written == Violation::default_message(code).as_bytes() {
            if let Some(message) = translations.violation_message(index, code) {
                let before = body.len();
                if splice_string(body, message_start, message_end, &message) {
                    next_from = (message_end + body.len()).saturating_sub(before);
                }
            }
        }
        // The location member, then the item's end.
        if !body[next_from..].starts_with(b",\"") {
            return;
        }
        let Some(name_end) = string_end(body, next_from + 1) else {
            return;
        };
        if body.get(name_end) != Some(&b':') {
            return;
        }
        let Some(location_end) = string_end(body, name_end + 1) else {
            return;
        };
        match body.get(location_end..location_end + 2) {
            Some(b"},") => at = location_end + 2,
            _ => return,
        }
    }
}

fn find(body: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    body.get(from..)?
        .windows(needle.len())
        .position(|window| window == needle)
        .map(|position| from + position)
}

/// The end (after the closing quote) of the JSON string whose opening quote is at
/// `start`.
fn string_end(body: &[u8], start: usize) -> Option<usize> {
    if body.get(start) != Some(&b'"') {
        return None;
    }
    let mut at = start + 1;
    while at < body.len() {
        match body[at] {
            b'\\' => at += 2,
            b'"' => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

/// Replaces the JSON string at `start..end` by `text`, escaped.
fn splice_string(body: &mut Vec<u8>, start: usize, end: usize, text: &str) -> bool {
    let mut escaped = Vec::with_capacity(text.len() + 2);
    if serde_json::to_writer(&mut escaped, text).is_err() {
        return false;
    }
    body.splice(start..end, escaped);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_is_replaced_and_escaped() {
        let mut body =
            br#"{"error":{"code":"not_found","message":"Gone \"x\".","id":"message"}}"#.to_vec();
        assert!(replace_message(&mut body, "Parti « \"x\" ».\n"));
        assert_eq!(
            String::from_utf8(body).unwrap(),
            r#"{"error":{"code":"not_found","message":"Parti « \"x\" ».\n","id":"message"}}"#
        );
        let mut not_an_envelope = b"oops".to_vec();
        assert!(!replace_message(&mut not_an_envelope, "x"));
    }
}
