//! The error catalogue: its entries, the `doc_url` member, and the Markdown and JSON
//! renderings.

#![allow(dead_code)]

use certifier_error::catalogue::{Catalogue, DocUrl, Entry};
use certifier_error::{CertifierError, Code, ErrorCatalogue, ErrorEnvelope, StandardError};
use serde::Serialize;
use serde_json::json;

#[derive(Debug, Serialize)]
struct Detail {
    hint: &'static str,
}

/// Authentication problems.
#[derive(Debug, CertifierError)]
#[certifier(doc_url = "https://auth.example.com/{code}")]
enum AuthError {
    /// No token.
    #[certifier(code = "unauthorized")]
    NoToken,
    #[certifier(code = "forbidden", message = "Not yours: {0}.")]
    NotYours(u64),
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum Plain {
    /// Nothing here.
    ///
    /// Second paragraph.
    #[certifier(code = "not_found", message = "Certificate {id:?} is {{gone}}.")]
    Missing { id: u64 },
    #[certifier(code = "rate_limited")]
    Slow {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend, rename = "limit_name")]
        limit: Option<String>,
        ignored: u8,
    },
    #[certifier(transparent)]
    Auth(AuthError),
    /// A | pipe.
    #[certifier(status = 402, code = "plan_limit", message = "Upgrade.")]
    PlanLimit {
        #[certifier(flatten)]
        detail: Detail,
    },
    #[certifier(code = "internal_server_error", status = 503)]
    Unavailable,
    #[certifier(code = "internal_server_error")]
    Internal,
}

#[derive(Debug, CertifierError)]
#[certifier(
    doc_url = "https://docs.example.com/errors/{code}",
    rename_all = "camelCase"
)]
enum Linked {
    #[certifier(status = 410, code = "gone", message = "Gone since {since}.")]
    Gone {
        #[certifier(extend)]
        since: u32,
    },
    #[certifier(transparent)]
    Auth(AuthError),
    #[certifier(transparent)]
    Common(StandardError),
}

#[derive(Debug, CertifierError)]
enum Wrapper<E> {
    #[certifier(status = 418, code = "teapot", message = "Short and stout.")]
    Teapot,
    #[certifier(transparent)]
    Inner(E),
}

/// A transparent field that can hold any error.
type Open = Wrapper<Box<dyn CertifierError + Send + Sync>>;

#[derive(Debug, CertifierError)]
#[certifier(status = 409, code = "busy", message = "Busy.")]
struct Busy;

/// The certificate is locked.
#[derive(Debug, CertifierError)]
#[certifier(
    status = 423,
    code = "locked",
    message = "Locked until {until}.",
    doc_url = "https://docs.example.com/{code}.html"
)]
struct Locked {
    #[certifier(extend)]
    until: u32,
}

#[allow(non_camel_case_types)]
#[derive(Debug, CertifierError)]
enum r#type {
    #[certifier(code = "conflict")]
    r#match,
}

fn codes(catalogue: Catalogue) -> Vec<&'static str> {
    catalogue.iter().map(|entry| entry.code()).collect()
}

#[test]
fn entries_follow_the_variants() {
    let entries: Vec<Entry> = Plain::CATALOGUE.iter().collect();
    assert_eq!(
        codes(Plain::CATALOGUE),
        [
            "not_found",
            "rate_limited",
            "unauthorized",
            "forbidden",
            "plan_limit",
            "internal_server_error",
            "internal_server_error",
        ]
    );
    let missing = entries[0];
    assert_eq!(missing.status(), 404);
    assert_eq!(missing.message(), "Certificate {id:?} is {{gone}}.");
    assert_eq!(missing.docs(), "Nothing here.\n\nSecond paragraph.");
    // The description is the summary: the first paragraph.
    assert_eq!(missing.description().to_string(), "Nothing here.");
    assert_eq!(missing.members(), [] as [&str; 0]);
    assert_eq!(missing.variant(), "Plain::Missing");
    assert!(missing.doc_url().is_none());

    let slow = entries[1];
    assert_eq!(slow.status(), 429);
    assert_eq!(
        slow.message(),
        StandardError::RateLimited.to_string(),
        "a standard code without a message carries its default message"
    );
    assert_eq!(slow.members(), ["retryAfter", "limit_name"]);
    assert_eq!(slow.docs(), "");
    assert_eq!(slow.description().to_string(), slow.message());

    let plan = entries[4];
    assert_eq!((plan.status(), plan.message()), (402, "Upgrade."));
    assert!(plan.has_flattened_members());
    assert!(!slow.has_flattened_members());

    assert_eq!(entries[5].status(), 503);
    assert_eq!(entries[6].status(), 500);
    assert!(Plain::CATALOGUE.is_complete());
}

#[test]
fn transparent_variants_contribute_the_inner_entries() {
    let entries: Vec<Entry> = Plain::CATALOGUE.iter().collect();
    assert_eq!(entries[2], AuthError::CATALOGUE.get(0).unwrap());
    assert_eq!(entries[3].variant(), "AuthError::NotYours");
    assert_eq!(entries[3].message(), "Not yours: {0}.");
    // The container sets no doc_url, so the inner type's link stays.
    assert_eq!(
        entries[2].doc_url().unwrap().to_string(),
        "https://auth.example.com/unauthorized"
    );

    assert_eq!(Linked::CATALOGUE.len(), 1 + 2 + 12);
    let linked: Vec<Entry> = Linked::CATALOGUE.iter().collect();
    // The container's doc_url replaces the inner type's, and reaches StandardError's.
    for entry in &linked {
        assert_eq!(
            entry.doc_url().unwrap().to_string(),
            format!("https://docs.example.com/errors/{}", entry.code())
        );
    }
    assert_eq!(linked[0].members(), ["since"]);
    assert_eq!(
        &codes(Linked::CATALOGUE)[3..],
        codes(StandardError::CATALOGUE)
    );
}

#[test]
fn generic_transparent_fields_use_the_parameter_catalogue() {
    type WithStandard = Wrapper<StandardError>;
    assert_eq!(WithStandard::CATALOGUE.len(), 13);
    assert_eq!(WithStandard::CATALOGUE.get(0).unwrap().code(), "teapot");
    assert_eq!(
        WithStandard::CATALOGUE.get(12).unwrap().code(),
        "internal_server_error"
    );
    let nested = <Wrapper<Wrapper<AuthError>> as ErrorCatalogue>::CATALOGUE;
    assert_eq!(
        codes(nested),
        ["teapot", "teapot", "unauthorized", "forbidden"]
    );
    let reversed: Vec<&str> = nested.iter().rev().map(|entry| entry.code()).collect();
    assert_eq!(reversed, ["forbidden", "unauthorized", "teapot", "teapot"]);
}

#[test]
fn a_catalogue_is_a_constant() {
    const LEN: usize = Linked::CATALOGUE.len();
    const ENTRIES: [Entry; LEN] = Linked::CATALOGUE.to_array();
    const FIRST: Option<Entry> = Busy::CATALOGUE.get(0);
    assert_eq!(ENTRIES.len(), 15);
    assert_eq!(ENTRIES[1].code(), "unauthorized");
    let busy = FIRST.unwrap();
    assert_eq!(
        (busy.status(), busy.code(), busy.variant()),
        (409, "busy", "Busy")
    );
    assert_eq!(
        <r#type as ErrorCatalogue>::CATALOGUE
            .get(0)
            .unwrap()
            .variant(),
        "type::match"
    );
}

#[test]
fn trait_objects_make_a_catalogue_open() {
    assert!(!Open::CATALOGUE.is_complete());
    assert_eq!(codes(Open::CATALOGUE), ["teapot"]);
    assert!(!<dyn CertifierError as ErrorCatalogue>::CATALOGUE.is_complete());
    assert!(<Box<StandardError> as ErrorCatalogue>::CATALOGUE.is_complete());
    assert_eq!(<&AuthError as ErrorCatalogue>::CATALOGUE.len(), 2);
}

#[test]
fn the_catalogue_agrees_with_the_errors() {
    for (error, entry) in StandardError::ALL.iter().zip(StandardError::CATALOGUE) {
        assert_eq!(error.code(), entry.code());
        assert_eq!(error.status(), entry.status());
        assert_eq!(error.to_string(), entry.message());
        assert_eq!(Code::from(entry.code()).status(), Some(entry.status()));
    }
    let errors = [
        Plain::Missing { id: 1 }.status(),
        Plain::Unavailable.status(),
        Plain::Auth(AuthError::NotYours(1)).status(),
    ];
    let statuses: Vec<u16> = Plain::CATALOGUE.iter().map(|e| e.status()).collect();
    assert!(errors.iter().all(|status| statuses.contains(status)));
}

#[test]
fn doc_url_is_written_after_the_message() {
    let gone = Linked::Gone { since: 2020 };
    assert_eq!(
        serde_json::to_string(&gone).unwrap(),
        r#"{"error":{"code":"gone","message":"Gone since 2020.","doc_url":"https://docs.example.com/errors/gone","since":2020}}"#
    );
    // The container's template wins over the inner type's.
    let auth = Linked::Auth(AuthError::NoToken);
    assert_eq!(
        serde_json::to_value(&auth).unwrap()["error"]["doc_url"],
        "https://docs.example.com/errors/unauthorized"
    );
    let common = Linked::Common(StandardError::NotFound);
    assert_eq!(
        common.doc_url(),
        Some(DocUrl::new(
            "https://docs.example.com/errors/{code}",
            "not_found"
        ))
    );
    // Without one of its own, a transparent variant writes its field's link.
    let inner = serde_json::to_value(Plain::Auth(AuthError::NotYours(7))).unwrap();
    assert_eq!(
        inner["error"]["doc_url"],
        "https://auth.example.com/forbidden"
    );
    // And a type without any writes none.
    let plain = serde_json::to_value(Plain::Internal).unwrap();
    assert!(plain["error"].get("doc_url").is_none());
    assert!(Plain::Internal.doc_url().is_none());
}

#[test]
fn doc_url_on_a_struct() {
    assert_eq!(
        serde_json::to_string(&Locked { until: 9 }).unwrap(),
        r#"{"error":{"code":"locked","message":"Locked until 9.","doc_url":"https://docs.example.com/locked.html","until":9}}"#
    );
    let entry = Locked::CATALOGUE.get(0).unwrap();
    assert_eq!(entry.variant(), "Locked");
    assert_eq!(entry.docs(), "The certificate is locked.");
    assert_eq!(
        entry.doc_url().unwrap().template(),
        "https://docs.example.com/{code}.html"
    );
    assert_eq!(Locked::CATALOGUE.len(), 1);
}

#[test]
fn doc_url_survives_the_dyn_paths() {
    let boxed: Box<dyn CertifierError> = Box::new(Linked::Gone { since: 1 });
    assert_eq!(
        serde_json::to_string(&*boxed).unwrap(),
        r#"{"error":{"code":"gone","message":"Gone since 1.","doc_url":"https://docs.example.com/errors/gone","since":1}}"#
    );
    let envelope = boxed.to_envelope().unwrap();
    assert_eq!(
        envelope.error.extensions["doc_url"],
        "https://docs.example.com/errors/gone"
    );
    let decoded: ErrorEnvelope =
        serde_json::from_value(serde_json::to_value(&envelope).unwrap()).unwrap();
    assert_eq!(decoded, envelope);
}

#[test]
fn markdown_has_one_row_per_code() {
    let table = Plain::CATALOGUE.markdown().to_string();
    assert_eq!(
        table,
        "| code | HTTP status | description | extra members | message keys |\n\
         |---|---|---|---|---|\n\
         | `not_found` | 404 | Nothing here. |  | `not_found` (`$id`) |\n\
         | `rate_limited` | 429 | Too many requests; please slow down and try again later. | `retryAfter`, `limit_name` | `rate_limited` (`$retry_after`, `$limit`) |\n\
         | [`unauthorized`](https://auth.example.com/unauthorized) | 401 | No token. |  | `unauthorized` |\n\
         | [`forbidden`](https://auth.example.com/forbidden) | 403 | Not yours: {0}. |  | `forbidden` (`$field0`) |\n\
         | `plan_limit` | 402 | A \\| pipe. | (flattened members) | `plan_limit` |\n\
         | `internal_server_error` | 500, 503 | Something went wrong on our side; please try again later. |  | `internal_server_error` |\n"
    );
}

#[test]
fn markdown_of_the_standard_codes_matches_the_code_table() {
    let table = StandardError::CATALOGUE.markdown().to_string();
    let rows: Vec<(String, String)> = table
        .lines()
        .skip(2)
        .map(|row| {
            let cells: Vec<&str> = row.split(" | ").collect();
            (
                cells[0].trim_start_matches("| ").to_owned(),
                cells[1].to_owned(),
            )
        })
        .collect();
    let expected = [
        ("`bad_request`", "400"),
        ("`missing_version`", "400"),
        ("`invalid_version`", "400"),
        ("`invalid_json`", "400"),
        ("`validation_error`", "400"),
        ("`unauthorized`", "401"),
        ("`payment_required`", "402"),
        ("`forbidden`", "403"),
        ("`not_found`", "404"),
        ("`conflict`", "409"),
        ("`rate_limited`", "429"),
        ("`internal_server_error`", "500"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(code, status)| (code.to_string(), status.to_string()))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn json_lists_every_entry() {
    let value = serde_json::to_value(Linked::CATALOGUE).unwrap();
    let entries = value.as_array().unwrap();
    assert_eq!(entries.len(), 15);
    assert_eq!(
        entries[0],
        json!({
            "status": 410,
            "code": "gone",
            "message": "Gone since {since}.",
            "members": ["since"],
            "description": "Gone since {since}.",
            "doc_url": "https://docs.example.com/errors/gone",
            "variant": "Linked::Gone",
            "grpc": "not_found",
            "key": "gone",
            "arguments": ["since"],
        })
    );
    let plain = serde_json::to_value(Plain::CATALOGUE.get(0).unwrap()).unwrap();
    assert!(plain.get("doc_url").is_none());
    assert_eq!(plain["members"], json!([]));
}

#[no_implicit_prelude]
mod hygiene {
    use ::certifier_error::CertifierError;

    #[derive(Debug, CertifierError)]
    #[certifier(doc_url = "https://docs.example.com/{code}")]
    pub enum Hygienic<E> {
        #[certifier(code = "not_found")]
        NotFound,
        #[certifier(transparent)]
        Inner(E),
    }

    /// A non-generic transparent field goes through the catalogue probe.
    #[derive(Debug, CertifierError)]
    pub enum Concrete {
        #[certifier(transparent)]
        Standard(::certifier_error::StandardError),
        #[certifier(transparent)]
        HandWritten(super::HandWritten),
    }
}

/// A hand-written `CertifierError` without an `ErrorCatalogue`. (`pub`: the derived
/// `From<Concrete> for tonic::Status` makes `Concrete`, and so its fields, reachable.)
#[derive(Debug)]
pub struct HandWritten;

impl std::fmt::Display for HandWritten {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("The upstream service failed.")
    }
}

impl std::error::Error for HandWritten {}

impl CertifierError for HandWritten {
    fn status(&self) -> u16 {
        502
    }
    fn code(&self) -> &str {
        "internal_server_error"
    }
}

/// The same, with a catalogue listing its one error.
#[derive(Debug)]
struct HandListed;

impl std::fmt::Display for HandListed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("The upstream service failed.")
    }
}

impl std::error::Error for HandListed {}

impl CertifierError for HandListed {
    fn status(&self) -> u16 {
        502
    }
    fn code(&self) -> &str {
        "internal_server_error"
    }
}

impl ErrorCatalogue for HandListed {
    const CATALOGUE: Catalogue = Catalogue::EMPTY;
}

#[derive(Debug, CertifierError)]
enum OverHandWritten {
    #[certifier(code = "conflict")]
    Conflict,
    #[certifier(transparent)]
    Upstream(HandWritten),
    #[certifier(transparent)]
    Listed(HandListed),
}

#[derive(Debug, CertifierError)]
enum Documented {
    /// Needs [`StandardError`] and a
    /// [link](https://example.com) [`Code`][Code], [not closed.
    ///
    /// ```
    /// assert!(true);
    /// ```
    #[certifier(code = "conflict")]
    Busy,
    /// One line
    /// ```text
    /// a fence right after
    /// ```
    #[certifier(code = "forbidden")]
    Fenced,
}

#[test]
fn a_description_is_the_summary_without_intra_doc_links() {
    let descriptions: Vec<String> = Documented::CATALOGUE
        .iter()
        .map(|entry| entry.description().to_string())
        .collect();
    assert_eq!(
        descriptions,
        [
            "Needs `StandardError` and a [link](https://example.com) `Code`, [not closed.",
            "One line",
        ]
    );
    assert!(Documented::CATALOGUE
        .get(0)
        .unwrap()
        .docs()
        .contains("assert!(true);"));
}

#[test]
fn a_hand_written_transparent_field_needs_no_catalogue() {
    // No `ErrorCatalogue` for `HandWritten`: its errors cannot be listed, so the
    // catalogue is open, and still holds the type's own entries.
    const { assert!(!OverHandWritten::CATALOGUE.is_complete()) };
    assert_eq!(codes(OverHandWritten::CATALOGUE), ["conflict"]);
    assert_eq!(OverHandWritten::Upstream(HandWritten).status(), 502);
    // A field type with a catalogue of its own is asked for it, not taken as open.
    #[derive(Debug, CertifierError)]
    enum OverListed {
        #[certifier(transparent)]
        Listed(HandListed),
    }
    assert!(OverListed::CATALOGUE.is_complete());
    assert!(OverListed::CATALOGUE.is_empty());
    let concrete = hygiene::Concrete::CATALOGUE;
    assert_eq!(concrete.len(), 12);
    assert!(!concrete.is_complete());
}

#[test]
fn generated_code_is_hygienic() {
    type Checked = hygiene::Hygienic<StandardError>;
    assert_eq!(Checked::CATALOGUE.len(), 13);
    assert_eq!(
        Checked::Inner(StandardError::Conflict)
            .doc_url()
            .unwrap()
            .to_string(),
        "https://docs.example.com/conflict"
    );
}

mod counting_allocator;

use counting_allocator::allocations_during;

#[test]
fn walking_a_catalogue_and_writing_doc_url_allocate_nothing() {
    let nested = <Wrapper<Linked> as ErrorCatalogue>::CATALOGUE;
    let count = allocations_during(|| {
        let mut statuses = 0_u32;
        for entry in nested.iter().rev() {
            statuses += u32::from(entry.status());
            assert!(entry.doc_url().is_some() || entry.code() == "teapot");
        }
        assert!(statuses > 0);
        assert_eq!(nested.len(), 16);
    });
    assert_eq!(count, 0, "walking the catalogue");

    let error = Linked::Auth(AuthError::NotYours(3));
    let mut out = Vec::with_capacity(512);
    let count = allocations_during(|| serde_json::to_writer(&mut out, &error).unwrap());
    assert_eq!(count, 0, "serialising with a doc_url");
    assert_eq!(
        String::from_utf8(out).unwrap(),
        r#"{"error":{"code":"forbidden","message":"Not yours: 3.","doc_url":"https://docs.example.com/errors/forbidden"}}"#
    );
}
