//! The error reference, served: what `axum::catalogue_router` and
//! `actix_web::catalogue_scope` share, so that both give the same answers.
//!
//! Every page is rendered once, when the router is built: the index
//! ([`Catalogue::html`]), one page per code ([`Catalogue::html_for`]), and the JSON of
//! each (the catalogue's own form, an array of entries). A request only chooses one.

use alloc::string::String;
use alloc::vec::Vec;

use super::accept;
use super::envelope::LayerError;
use super::{respond, Adapter};
use crate::catalogue::{Catalogue, Entry};
use crate::StandardError;

/// The headers of every page, HTML or JSON, beside its content type: the body is what
/// its type says, it varies with `Accept`, and it may be kept a few minutes.
const COMMON: [(&str, &str); 3] = [
    ("x-content-type-options", "nosniff"),
    ("vary", "accept"),
    ("cache-control", "public, max-age=300"),
];

/// The headers of an HTML page: no script, no asset, no framing, no referrer.
const HTML: [(&str, &str); 3] = [
    ("content-type", "text/html; charset=utf-8"),
    (
        "content-security-policy",
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; \
         form-action 'none'; frame-ancestors 'none'",
    ),
    ("referrer-policy", "no-referrer"),
];

/// The methods a page answers.
const ALLOW: &str = "GET, HEAD";

/// A framework response that can carry a page rendered in advance.
pub(crate) trait Page: Adapter {
    /// The framework's shared bytes: a clone costs no copy.
    type Body: Clone + From<Vec<u8>>;
    /// A `200` response with `body` and no header.
    fn page(body: Self::Body) -> Self;
    /// Sets a header from fixed, valid text.
    fn set(&mut self, name: &'static str, value: &'static str);
}

/// One page in both forms.
struct Forms<B> {
    html: B,
    json: B,
}

/// The rendered reference of one catalogue.
pub(crate) struct Reference<B> {
    index: Forms<B>,
    /// By code, in catalogue order; a catalogue has few codes.
    codes: Vec<(&'static str, Forms<B>)>,
}

impl<B: Clone + From<Vec<u8>>> Reference<B> {
    /// Renders every page of `catalogue`.
    pub(crate) fn new(catalogue: Catalogue) -> Self {
        let mut codes: Vec<(&'static str, Forms<B>)> = Vec::new();
        for entry in catalogue.iter() {
            if codes.iter().any(|(code, _)| *code == entry.code()) {
                continue;
            }
            let entries: Vec<Entry> = catalogue
                .iter()
                .filter(|other| other.code() == entry.code())
                .collect();
            let html = catalogue.html_for(entry.code()).unwrap_or_default();
            codes.push((entry.code(), forms(html, &entries)));
        }
        Reference {
            index: forms(catalogue.html(), &catalogue),
            codes,
        }
    }

    /// The answer to a request with `method` for the index (`code` `None`) or the page
    /// of `code`, in the form `accept` (the `Accept` header fields) prefers: JSON when
    /// it prefers `application/json` to `text/html`, else HTML. An unknown code answers
    /// `404 not_found`, a method other than `GET` and `HEAD` `not_found` with `Allow`,
    /// both in the envelope.
    pub(crate) fn respond<'a, R: Page<Body = B>>(
        &self,
        method: &[u8],
        code: Option<&str>,
        accept: impl IntoIterator<Item = &'a [u8]>,
    ) -> R {
        if method != b"GET" && method != b"HEAD" {
            let mut response: R = respond(&LayerError::MethodNotAllowed);
            response.append("allow", String::from(ALLOW));
            return response;
        }
        let forms = match code {
            None => &self.index,
            Some(code) => match self.codes.iter().find(|(known, _)| *known == code) {
                Some((_, forms)) => forms,
                None => return respond(&StandardError::NotFound),
            },
        };
        let json = accept::prefers(accept, accept::JSON, accept::HTML);
        let mut response = R::page(if json {
            forms.json.clone()
        } else {
            forms.html.clone()
        });
        if json {
            response.set("content-type", super::CONTENT_TYPE);
        } else {
            for (name, value) in HTML {
                response.set(name, value);
            }
        }
        for (name, value) in COMMON {
            response.set(name, value);
        }
        response
    }
}

fn forms<B: From<Vec<u8>>>(html: String, entries: &impl serde::Serialize) -> Forms<B> {
    Forms {
        html: B::from(html.into_bytes()),
        // A catalogue is strings and numbers: it always serialises.
        json: B::from(serde_json::to_vec(entries).unwrap_or_default()),
    }
}
