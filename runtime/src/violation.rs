//! What exactly is wrong with a request: [`Violation`], one problem with one member of
//! the body or one parameter, and [`Violations`], the `validation_error` that lists them
//! in its `errors` member.

#[cfg(feature = "garde-0_23")]
mod garde;
#[cfg(feature = "validator-0_21")]
mod validator;

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Display, Write as _};

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::CertifierError;

/// The most characters of the client's input that a violation repeats: a pointer or a
/// parameter name is built from the names the client sent. A longer pointer is replaced
/// by the pointer of its deepest ancestor that fits, so that it stays a pointer into the
/// body; a longer parameter name is cut and ends with `…`.
const INPUT_LIMIT: usize = crate::server::MAX_DETAIL_LEN;

/// One problem with a request: a snake_case `code`, a neutral `message`, and where the
/// problem is, as exactly one of `pointer` (an RFC 6901 JSON Pointer into the request
/// body) or `parameter` (the name of a query or path parameter).
///
/// Each code has a neutral default message ([`Violation::default_message`]); an API
/// gives its own with [`with_message`](Violation::with_message). Nothing of the value
/// the client sent is repeated, and the names that locate the problem are bounded.
///
/// ```
/// use certifier_error::Violation;
///
/// let violation = Violation::at_path("too_long", ["certificate", "domains", "1"]);
/// assert_eq!(violation.pointer(), Some("/certificate/domains/1"));
/// assert_eq!(
///     serde_json::to_string(&violation)?,
///     r#"{"code":"too_long","message":"This value is too long.","pointer":"/certificate/domains/1"}"#,
/// );
///
/// let violation = Violation::at_parameter("invalid_type", "limit")
///     .with_message("Must be a whole number.");
/// assert_eq!(
///     serde_json::to_string(&violation)?,
///     r#"{"code":"invalid_type","message":"Must be a whole number.","parameter":"limit"}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Violation {
    code: Cow<'static, str>,
    message: Cow<'static, str>,
    location: Location,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Location {
    Pointer(String),
    Parameter(String),
}

impl Violation {
    /// A problem at `pointer`, an RFC 6901 JSON Pointer into the request body, written
    /// with its escapes (`~0` for `~`, `~1` for `/`): `""` is the whole body,
    /// `"/domains/0"` the first item of its `domains` member. Build one from unescaped
    /// names with [`at_path`](Violation::at_path).
    ///
    /// The message is the code's default.
    ///
    /// # Panics
    ///
    /// In a debug build, when `code` is not snake_case (`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`),
    /// so that the mistake shows in the first test that builds the violation; a release
    /// build never panics and sends `invalid` instead.
    ///
    /// ```
    /// use certifier_error::Violation;
    ///
    /// let violation = Violation::at_pointer("missing", "/owner/email");
    /// assert_eq!(violation.code(), "missing");
    /// assert_eq!(violation.message(), "A required value is missing.");
    /// assert_eq!(violation.parameter(), None);
    /// ```
    #[track_caller]
    pub fn at_pointer(code: impl Into<Cow<'static, str>>, pointer: impl Into<String>) -> Self {
        Violation::new(
            code.into(),
            Location::Pointer(bounded_pointer(pointer.into())),
        )
    }

    /// A problem at the member that `tokens` lead to from the root of the body: member
    /// names and list indexes, escaped here.
    ///
    /// # Panics
    ///
    /// In a debug build, when `code` is not snake_case, as
    /// [`at_pointer`](Violation::at_pointer) says.
    ///
    /// ```
    /// use certifier_error::Violation;
    ///
    /// let violation = Violation::at_path("invalid_value", ["labels", "a/b~c"]);
    /// assert_eq!(violation.pointer(), Some("/labels/a~1b~0c"));
    /// let root = Violation::at_path("invalid_type", [] as [&str; 0]);
    /// assert_eq!(root.pointer(), Some(""));
    /// ```
    #[track_caller]
    pub fn at_path<I>(code: impl Into<Cow<'static, str>>, tokens: I) -> Self
    where
        I: IntoIterator,
        I::Item: Display,
    {
        let mut pointer = PointerBuf::default();
        for token in tokens {
            pointer.push(&token);
        }
        Violation::new(code.into(), Location::Pointer(pointer.finish()))
    }

    /// A problem with the query or path parameter `name`.
    ///
    /// # Panics
    ///
    /// In a debug build, when `code` is not snake_case, as
    /// [`at_pointer`](Violation::at_pointer) says.
    ///
    /// ```
    /// use certifier_error::Violation;
    ///
    /// let violation = Violation::at_parameter("invalid_type", "limit");
    /// assert_eq!(violation.parameter(), Some("limit"));
    /// assert_eq!(violation.pointer(), None);
    /// ```
    #[track_caller]
    pub fn at_parameter(code: impl Into<Cow<'static, str>>, name: impl Into<String>) -> Self {
        let name = bounded_text(name.into());
        Violation::new(code.into(), Location::Parameter(name))
    }

    #[track_caller]
    fn new(code: Cow<'static, str>, location: Location) -> Self {
        debug_assert!(
            is_snake_case(&code),
            "the violation code {code:?} is not snake_case (^[a-z][a-z0-9]*(_[a-z0-9]+)*$); \
             a release build sends `invalid` instead",
        );
        let code = if is_snake_case(&code) {
            code
        } else {
            Cow::Borrowed("invalid")
        };
        Violation {
            message: Cow::Borrowed(Violation::default_message(&code)),
            code,
            location,
        }
    }

    /// The problem a database constraint stands for, at the request member it protects:
    /// the first pair of `fields` whose constraint name is `constraint` gives the member,
    /// and the violation is `at_path(code, [member])` (add a message with
    /// [`with_message`](Violation::with_message)). `None` for a constraint `fields` does
    /// not name, which the service answers as the server error it is.
    ///
    /// # Panics
    ///
    /// In a debug build, when `code` is not snake_case, as
    /// [`at_pointer`](Violation::at_pointer) says.
    ///
    /// ```
    /// use certifier_error::{Violation, Violations};
    ///
    /// const UNIQUE: &[(&str, &str)] = &[("user_username_key", "username"), ("user_email_key", "email")];
    ///
    /// // The constraint name, as the database driver reports it (sqlx:
    /// // `DatabaseError::constraint()`).
    /// let violation = Violation::from_constraint("user_email_key", UNIQUE, "taken")
    ///     .unwrap()
    ///     .with_message("email has already been taken");
    /// assert_eq!(violation.pointer(), Some("/email"));
    /// let answer = Violations::from(violation);
    /// assert_eq!(answer.as_slice()[0].message(), "email has already been taken");
    /// assert!(Violation::from_constraint("orders_pkey", UNIQUE, "taken").is_none());
    /// ```
    #[track_caller]
    pub fn from_constraint(
        constraint: &str,
        fields: &[(&str, &str)],
        code: impl Into<Cow<'static, str>>,
    ) -> Option<Self> {
        let (_, field) = fields.iter().find(|(name, _)| *name == constraint)?;
        Some(Violation::at_path(code, [field]))
    }

    /// The same problem with `message` instead of the default. The message is shown to
    /// users: keep it neutral, and out of reach of the client's input.
    ///
    /// ```
    /// use certifier_error::Violation;
    ///
    /// let violation = Violation::at_pointer("out_of_range", "/validity_days")
    ///     .with_message("Must be between 1 and 90.");
    /// assert_eq!(violation.message(), "Must be between 1 and 90.");
    /// ```
    #[must_use]
    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = message.into();
        self
    }

    /// The snake_case code of the problem.
    ///
    /// ```
    /// use certifier_error::Violation;
    ///
    /// assert_eq!(Violation::at_parameter("too_long", "q").code(), "too_long");
    /// ```
    ///
    /// A code that is not snake_case is a mistake the first debug run shows:
    ///
    /// ```should_panic
    /// use certifier_error::Violation;
    ///
    /// // panics: the violation code "Not Snake" is not snake_case
    /// Violation::at_parameter("Not Snake", "q");
    /// ```
    #[must_use]
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message shown to users.
    ///
    /// ```
    /// use certifier_error::Violation;
    ///
    /// let violation = Violation::at_parameter("unknown_member", "colour");
    /// assert_eq!(violation.message(), "This member is not accepted here.");
    /// ```
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The JSON Pointer into the body, for a problem in the body.
    ///
    /// ```
    /// use certifier_error::Violation;
    ///
    /// assert_eq!(Violation::at_path("missing", ["a", "0"]).pointer(), Some("/a/0"));
    /// ```
    #[must_use]
    pub fn pointer(&self) -> Option<&str> {
        match &self.location {
            Location::Pointer(pointer) => Some(pointer),
            Location::Parameter(_) => None,
        }
    }

    /// The parameter's name, for a problem with a query or path parameter.
    ///
    /// ```
    /// use certifier_error::Violation;
    ///
    /// assert_eq!(Violation::at_parameter("missing", "page").parameter(), Some("page"));
    /// ```
    #[must_use]
    pub fn parameter(&self) -> Option<&str> {
        match &self.location {
            Location::Parameter(name) => Some(name),
            Location::Pointer(_) => None,
        }
    }

    /// The same problem, located by the parameter its pointer starts with: the first
    /// member name of the pointer, unescaped (`/limit` and `/labels/0` become the
    /// parameters `limit` and `labels`). A problem with the whole input (pointer `""`)
    /// or with a parameter already is returned as it is.
    ///
    /// The validated extractors of a query, a form or a path answer this way, as their
    /// validation crates report members by pointer.
    #[cfg(any(feature = "validator-0_21", feature = "garde-0_23"))]
    #[cfg_attr(
        not(any(feature = "axum-0_8", feature = "actix-web-4")),
        allow(dead_code)
    )]
    pub(crate) fn into_parameter(self) -> Self {
        let Location::Pointer(pointer) = &self.location else {
            return self;
        };
        let Some(rest) = pointer.strip_prefix('/') else {
            return self;
        };
        let token = rest.split('/').next().unwrap_or_default();
        let name = token.replace("~1", "/").replace("~0", "~");
        Violation {
            location: Location::Parameter(name),
            ..self
        }
    }

    /// The default message of a violation code: neutral, short, and safe to show a user.
    /// Codes this crate does not know get a generic message.
    ///
    /// | code | message |
    /// |---|---|
    /// | `missing` | A required value is missing. |
    /// | `invalid_type` | This value has the wrong type. |
    /// | `invalid_value` | This value is not one of the accepted values. |
    /// | `invalid_length` | This value has the wrong length. |
    /// | `unknown_member` | This member is not accepted here. |
    /// | `duplicate_member` | This member is given more than once. |
    /// | `invalid_syntax` | The JSON is malformed or cut short here. |
    /// | `too_short` | This value is too short. |
    /// | `too_long` | This value is too long. |
    /// | `out_of_range` | This value is out of the accepted range. |
    /// | `invalid_email` | This is not a valid email address. |
    /// | `invalid_url` | This is not a valid URL. |
    /// | `invalid_ip` | This is not a valid IP address. |
    /// | `invalid_card` | This is not a valid card number. |
    /// | `invalid_format` | This value does not have the expected format. |
    /// | `must_match` | This value must match another member. |
    /// | `missing_part` | This value lacks a required part. |
    /// | `forbidden_part` | This value contains a part that is not allowed. |
    /// | `control_character` | This value must not contain control characters. |
    /// | any other | This value is invalid. |
    ///
    /// ```
    /// use certifier_error::Violation;
    ///
    /// assert_eq!(Violation::default_message("too_short"), "This value is too short.");
    /// assert_eq!(Violation::default_message("no_such_code"), "This value is invalid.");
    /// ```
    #[must_use]
    pub fn default_message(code: &str) -> &'static str {
        Violation::DEFAULT_MESSAGES
            .iter()
            .find(|(known, _)| *known == code)
            .map_or("This value is invalid.", |(_, message)| message)
    }

    /// The codes with a default message of their own, and that message; every other
    /// code's is `This value is invalid.`.
    pub(crate) const DEFAULT_MESSAGES: &'static [(&'static str, &'static str)] = &[
        ("missing", "A required value is missing."),
        ("invalid_type", "This value has the wrong type."),
        (
            "invalid_value",
            "This value is not one of the accepted values.",
        ),
        ("invalid_length", "This value has the wrong length."),
        ("unknown_member", "This member is not accepted here."),
        ("duplicate_member", "This member is given more than once."),
        ("invalid_syntax", "The JSON is malformed or cut short here."),
        ("too_short", "This value is too short."),
        ("too_long", "This value is too long."),
        ("out_of_range", "This value is out of the accepted range."),
        ("invalid_email", "This is not a valid email address."),
        ("invalid_url", "This is not a valid URL."),
        ("invalid_ip", "This is not a valid IP address."),
        ("invalid_card", "This is not a valid card number."),
        (
            "invalid_format",
            "This value does not have the expected format.",
        ),
        ("must_match", "This value must match another member."),
        ("missing_part", "This value lacks a required part."),
        (
            "forbidden_part",
            "This value contains a part that is not allowed.",
        ),
        (
            "control_character",
            "This value must not contain control characters.",
        ),
    ];
}

/// One step of the path to a failed rule of a validation crate: a list index or a
/// member. Indexes sort numerically.
#[cfg(any(feature = "validator-0_21", feature = "garde-0_23"))]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Token {
    Index(usize),
    Key(String),
}

#[cfg(any(feature = "validator-0_21", feature = "garde-0_23"))]
impl Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::Index(index) => write!(f, "{index}"),
            Token::Key(key) => f.write_str(key),
        }
    }
}

/// The violations in the order of their paths (stable: one member's keep their order),
/// so that an answer does not depend on the order a report was built in.
#[cfg(any(feature = "validator-0_21", feature = "garde-0_23"))]
fn sorted_by_path(mut found: Vec<(Vec<Token>, Violation)>) -> Violations {
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found.into_iter().map(|(_, violation)| violation).collect()
}

/// `text`, cut to [`INPUT_LIMIT`] characters.
fn bounded_text(text: String) -> String {
    crate::server::bounded_detail(text)
}

/// Whether `code` is a snake_case code (`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`).
pub(crate) fn is_snake_case(code: &str) -> bool {
    // ^[a-z][a-z0-9]*(_[a-z0-9]+)*$
    let mut previous = None;
    for (index, byte) in code.bytes().enumerate() {
        let ok = match byte {
            b'a'..=b'z' => true,
            b'0'..=b'9' => index > 0,
            b'_' => index > 0 && previous != Some(b'_'),
            _ => false,
        };
        if !ok {
            return false;
        }
        previous = Some(byte);
    }
    previous.is_some_and(|last| last != b'_')
}

/// An RFC 6901 pointer being built, token by token, within [`INPUT_LIMIT`] characters:
/// a token that does not fit, and every token after it, is left out.
#[derive(Default)]
pub(crate) struct PointerBuf {
    pointer: String,
    characters: usize,
    full: bool,
}

impl PointerBuf {
    pub(crate) fn push(&mut self, token: &dyn Display) {
        if self.full {
            return;
        }
        let mark = self.pointer.len();
        self.pointer.push('/');
        let _ = write!(Escaper(&mut self.pointer), "{token}");
        let characters = self.pointer[mark..].chars().count();
        if self.characters + characters > INPUT_LIMIT {
            self.pointer.truncate(mark);
            self.full = true;
        } else {
            self.characters += characters;
        }
    }

    pub(crate) fn finish(self) -> String {
        self.pointer
    }
}

/// Writes RFC 6901's escapes: `~` as `~0`, `/` as `~1`.
struct Escaper<'a>(&'a mut String);

impl fmt::Write for Escaper<'_> {
    fn write_str(&mut self, text: &str) -> fmt::Result {
        for piece in text.split_inclusive(['~', '/']) {
            match piece.as_bytes().last() {
                Some(b'~') => {
                    self.0.push_str(&piece[..piece.len() - 1]);
                    self.0.push_str("~0");
                }
                Some(b'/') => {
                    self.0.push_str(&piece[..piece.len() - 1]);
                    self.0.push_str("~1");
                }
                _ => self.0.push_str(piece),
            }
        }
        Ok(())
    }
}

/// A pointer given as text, within [`INPUT_LIMIT`] characters: else its deepest ancestor
/// that fits.
fn bounded_pointer(pointer: String) -> String {
    if pointer.chars().nth(INPUT_LIMIT).is_none() {
        return pointer;
    }
    let mut end = 0;
    for (index, character) in pointer.char_indices() {
        if pointer[..index].chars().count() > INPUT_LIMIT {
            break;
        }
        if character == '/' {
            end = index;
        }
    }
    let mut pointer = pointer;
    pointer.truncate(end);
    pointer
}

/// `{"code": .., "message": .., "pointer" | "parameter": ..}`, in that order.
impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("message", &self.message)?;
        match &self.location {
            Location::Pointer(pointer) => map.serialize_entry("pointer", pointer)?,
            Location::Parameter(name) => map.serialize_entry("parameter", name)?,
        }
        map.end()
    }
}

/// Decodes what a server sent, as it sent it: `code` and `message` as given, exactly one
/// of `pointer` and `parameter`; other members are ignored.
///
/// ```
/// use certifier_error::Violation;
///
/// let violation: Violation = serde_json::from_str(
///     r#"{"code":"too_long","message":"Shorter, please.","pointer":"/name","hint":1}"#,
/// )
/// .unwrap();
/// assert_eq!(violation.message(), "Shorter, please.");
/// assert_eq!(violation.pointer(), Some("/name"));
/// assert!(serde_json::from_str::<Violation>(r#"{"code":"x","message":"y"}"#).is_err());
/// ```
impl<'de> Deserialize<'de> for Violation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ViolationVisitor)
    }
}

struct ViolationVisitor;

impl<'de> Visitor<'de> for ViolationVisitor {
    type Value = Violation;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a violation object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Violation, A::Error> {
        let mut code: Option<String> = None;
        let mut message: Option<String> = None;
        let mut location: Option<Location> = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let slot = match &*key {
                "code" => {
                    code = Some(map.next_value()?);
                    continue;
                }
                "message" => {
                    message = Some(map.next_value()?);
                    continue;
                }
                "pointer" => Location::Pointer(map.next_value()?),
                "parameter" => Location::Parameter(map.next_value()?),
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                    continue;
                }
            };
            if location.replace(slot).is_some() {
                return Err(de::Error::custom(
                    "a violation has one of `pointer` and `parameter`, not both",
                ));
            }
        }
        Ok(Violation {
            code: Cow::Owned(code.ok_or_else(|| de::Error::missing_field("code"))?),
            message: Cow::Owned(message.ok_or_else(|| de::Error::missing_field("message"))?),
            location: location.ok_or_else(|| de::Error::missing_field("pointer"))?,
        })
    }
}

/// A `400 validation_error` that says what is wrong: its `errors` member lists each
/// [`Violation`].
///
/// It answers in both frameworks like any derived error, and is what the `validator`
/// and `garde` features turn those crates' reports into, so a handler writes
/// `input.validate().map_err(Violations::from)?` (see the
/// [validation guide](guide/validation/index.html)). An API error type can hold it in a
/// transparent variant.
///
/// ```
/// use certifier_error::{CertifierError, Violation, Violations};
///
/// let mut violations = Violations::new();
/// violations.push(Violation::at_path("missing", ["domain"]));
/// violations.push(Violation::at_parameter("invalid_type", "limit"));
/// assert_eq!((violations.status(), violations.code()), (400, "validation_error"));
/// assert_eq!(
///     serde_json::to_string(&violations)?,
///     concat!(
///         r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","#,
///         r#""errors":[{"code":"missing","message":"A required value is missing.","pointer":"/domain"},"#,
///         r#"{"code":"invalid_type","message":"This value has the wrong type.","parameter":"limit"}]}}"#,
///     ),
/// );
///
/// #[derive(Debug, CertifierError)]
/// enum ApiError {
///     #[certifier(transparent)]
///     Invalid(Violations),
///     #[certifier(code = "not_found")]
///     NotFound,
/// }
///
/// let error = ApiError::Invalid(Violation::at_path("too_long", ["name"]).into());
/// assert_eq!(error.code(), "validation_error");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, CertifierError)]
#[certifier(code = "validation_error")]
pub struct Violations {
    /// The problems, in the order found.
    #[certifier(extend)]
    errors: Vec<Violation>,
}

impl Violations {
    /// No violations yet.
    ///
    /// ```
    /// assert!(certifier_error::Violations::new().is_empty());
    /// ```
    #[must_use]
    pub fn new() -> Self {
        Violations { errors: Vec::new() }
    }

    /// Adds a violation.
    ///
    /// ```
    /// use certifier_error::{Violation, Violations};
    ///
    /// let mut violations = Violations::new();
    /// violations.push(Violation::at_path("missing", ["domain"]));
    /// assert_eq!(violations.len(), 1);
    /// ```
    pub fn push(&mut self, violation: Violation) {
        self.errors.push(violation);
    }

    /// How many violations there are.
    ///
    /// ```
    /// use certifier_error::{Violation, Violations};
    ///
    /// let violations: Violations = [Violation::at_parameter("missing", "q")].into_iter().collect();
    /// assert_eq!(violations.len(), 1);
    /// ```
    #[must_use]
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Whether there are none.
    ///
    /// ```
    /// assert!(certifier_error::Violations::default().is_empty());
    /// ```
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Iterates over the violations, in order.
    ///
    /// ```
    /// use certifier_error::{Violation, Violations};
    ///
    /// let violations: Violations = [
    ///     Violation::at_parameter("missing", "q"),
    ///     Violation::at_path("too_long", ["name"]),
    /// ]
    /// .into_iter()
    /// .collect();
    /// let codes: Vec<&str> = violations.iter().map(Violation::code).collect();
    /// assert_eq!(codes, ["missing", "too_long"]);
    /// ```
    pub fn iter(&self) -> core::slice::Iter<'_, Violation> {
        self.errors.iter()
    }

    /// The violations, in order.
    ///
    /// ```
    /// use certifier_error::{Violation, Violations};
    ///
    /// let violations = Violations::from(Violation::at_parameter("missing", "q"));
    /// assert_eq!(violations.as_slice()[0].parameter(), Some("q"));
    /// ```
    #[must_use]
    pub fn as_slice(&self) -> &[Violation] {
        &self.errors
    }

    /// The violations, in order.
    ///
    /// ```
    /// use certifier_error::{Violation, Violations};
    ///
    /// let violations = Violations::from(Violation::at_parameter("missing", "q"));
    /// assert_eq!(violations.into_vec().len(), 1);
    /// ```
    #[must_use]
    pub fn into_vec(self) -> Vec<Violation> {
        self.errors
    }
}

impl Violations {
    /// The violations of a map from request members to their messages, the shape of
    /// realworld's `{"errors": {"username": ["username taken"]}}`: one violation per
    /// message, at the member's pointer (`/username`), with `code` (`invalid` where a
    /// rule has no better one), in the map's order and each member's messages in theirs.
    ///
    /// The answer is this crate's shape: `errors` is a list, each item with `code`,
    /// `message` and `pointer`. An API that must keep the map shape keeps its own member
    /// instead (see the validation guide's
    /// [field-keyed errors](guide/validation/index.html#field-keyed-errors)).
    ///
    /// # Panics
    ///
    /// In a debug build, when `code` is not snake_case, as
    /// [`Violation::at_pointer`] says.
    ///
    /// ```
    /// use std::collections::BTreeMap;
    ///
    /// use certifier_error::Violations;
    ///
    /// let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    /// errors.entry("username".into()).or_default().push("username taken".into());
    /// errors.entry("email".into()).or_default().push("email taken".into());
    /// let violations = Violations::from_field_messages("taken", errors);
    /// assert_eq!(
    ///     serde_json::to_string(&violations)?,
    ///     concat!(
    ///         r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":["#,
    ///         r#"{"code":"taken","message":"email taken","pointer":"/email"},"#,
    ///         r#"{"code":"taken","message":"username taken","pointer":"/username"}]}}"#,
    ///     ),
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[track_caller]
    pub fn from_field_messages<I, F, M>(code: &'static str, fields: I) -> Self
    where
        I: IntoIterator<Item = (F, M)>,
        F: Display,
        M: IntoIterator,
        M::Item: Into<Cow<'static, str>>,
    {
        let mut violations = Violations::new();
        for (field, messages) in fields {
            for message in messages {
                violations.push(Violation::at_path(code, [&field]).with_message(message));
            }
        }
        violations
    }
}

impl From<Violation> for Violations {
    fn from(violation: Violation) -> Self {
        Violations {
            errors: alloc::vec![violation],
        }
    }
}

impl From<Vec<Violation>> for Violations {
    fn from(errors: Vec<Violation>) -> Self {
        Violations { errors }
    }
}

impl FromIterator<Violation> for Violations {
    fn from_iter<I: IntoIterator<Item = Violation>>(iter: I) -> Self {
        Violations {
            errors: iter.into_iter().collect(),
        }
    }
}

impl Extend<Violation> for Violations {
    fn extend<I: IntoIterator<Item = Violation>>(&mut self, iter: I) {
        self.errors.extend(iter);
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = alloc::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = core::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;

    use super::*;

    #[test]
    fn snake_case_codes() {
        for code in ["a", "too_long", "a1_b2", "x9"] {
            assert!(is_snake_case(code), "{code}");
        }
        for code in ["", "_a", "a_", "a__b", "A", "1a", "a-b", "a b"] {
            assert!(!is_snake_case(code), "{code}");
        }
    }

    #[test]
    fn a_long_pointer_keeps_its_deepest_ancestor_that_fits() {
        let long = "k".repeat(INPUT_LIMIT);
        let violation = Violation::at_path("invalid_type", ["a", long.as_str(), "b"]);
        assert_eq!(violation.pointer(), Some("/a"));
        let text = alloc::format!("/a/{long}/b");
        assert_eq!(Violation::at_pointer("x", text).pointer(), Some("/a"));
        let fits = "k".repeat(INPUT_LIMIT - 3);
        let violation = Violation::at_path("invalid_type", ["a", fits.as_str()]);
        assert_eq!(violation.pointer().unwrap().chars().count(), INPUT_LIMIT);
    }

    #[test]
    fn short_tokens_count_together_against_the_limit() {
        // Each token fits on its own; together they do not: the pointer keeps the
        // tokens that fit, whole.
        let half = "h".repeat(INPUT_LIMIT / 2 - 1);
        let violation = Violation::at_path("x", [half.as_str(), half.as_str(), half.as_str()]);
        let expected = alloc::format!("/{half}/{half}");
        assert_eq!(violation.pointer(), Some(expected.as_str()));
        assert!(expected.chars().count() <= INPUT_LIMIT);
    }

    #[test]
    fn an_ancestor_of_exactly_the_limit_is_kept() {
        let fits = alloc::format!("/{}", "a".repeat(INPUT_LIMIT - 1));
        let long = alloc::format!("{fits}/{}", "b".repeat(10));
        assert_eq!(
            Violation::at_pointer("x", long).pointer(),
            Some(fits.as_str())
        );
        let over = alloc::format!("/{}/{}", "a".repeat(INPUT_LIMIT), "b");
        assert_eq!(Violation::at_pointer("x", over).pointer(), Some(""));
    }

    #[test]
    fn a_violation_decodes_only_from_an_object() {
        let error = serde_json::from_str::<Violation>("[1]").unwrap_err();
        assert!(
            error.to_string().contains("expected a violation object"),
            "{error}"
        );
    }

    #[test]
    fn violations_collect_in_the_order_given() {
        let first = || Violation::at_parameter("missing", "q");
        let second = || Violation::at_path("too_long", ["name"]);
        let mut violations = Violations::new();
        assert!(violations.is_empty());
        violations.push(first());
        assert_eq!((violations.len(), violations.is_empty()), (1, false));
        violations.extend([second()]);
        let expected = alloc::vec![first(), second()];
        assert_eq!(violations.as_slice(), expected.as_slice());
        assert_eq!(violations.iter().cloned().collect::<Vec<_>>(), expected);
        assert_eq!((&violations).into_iter().count(), 2);
        assert_eq!(violations.clone().into_iter().collect::<Vec<_>>(), expected);
        assert_eq!(violations.clone().into_vec(), expected);
        assert_eq!(Violations::from(expected.clone()).into_vec(), expected);
        assert_eq!(Violations::from(first()).into_vec(), [first()]);
        assert_eq!(expected.iter().cloned().collect::<Violations>().len(), 2);

        let fields = [("b", ["taken", "short"]), ("a", ["bad", "worse"])];
        let keyed = Violations::from_field_messages("invalid", fields);
        let found: Vec<(&str, Option<&str>)> = keyed
            .iter()
            .map(|violation| (violation.message(), violation.pointer()))
            .collect();
        assert_eq!(
            found,
            [
                ("taken", Some("/b")),
                ("short", Some("/b")),
                ("bad", Some("/a")),
                ("worse", Some("/a")),
            ]
        );
        assert!(keyed.iter().all(|violation| violation.code() == "invalid"));
    }

    #[test]
    fn a_long_parameter_name_is_cut() {
        let violation = Violation::at_parameter("unknown_member", "p".repeat(1 << 20));
        let name = violation.parameter().unwrap();
        assert_eq!(name.chars().count(), INPUT_LIMIT);
        assert!(name.ends_with('…'));
    }

    #[test]
    fn escapes() {
        let violation = Violation::at_path("x", ["~/", "/~", "~~", "plain"]);
        assert_eq!(violation.pointer(), Some("/~0~1/~1~0/~0~0/plain"));
        assert_eq!(Violation::at_path("x", [""]).pointer(), Some("/"));
        assert_eq!(Violation::at_path("x", [3]).pointer(), Some("/3"));
    }

    #[cfg(any(feature = "validator-0_21", feature = "garde-0_23"))]
    #[test]
    fn a_pointer_becomes_its_first_member_as_a_parameter() {
        let violation = Violation::at_path("too_long", ["a/b~c", "0"]).with_message("Long.");
        let parameter = violation.into_parameter();
        assert_eq!(parameter.parameter(), Some("a/b~c"));
        assert_eq!(
            (parameter.code(), parameter.message()),
            ("too_long", "Long.")
        );
        let whole = Violation::at_pointer("invalid", "").into_parameter();
        assert_eq!(whole.pointer(), Some(""));
        let named = Violation::at_parameter("missing", "q").into_parameter();
        assert_eq!(named.parameter(), Some("q"));
    }

    #[test]
    fn round_trip() {
        let violation = Violation::at_parameter("missing", "q").with_message("Say it.");
        let text = serde_json::to_string(&violation).unwrap();
        assert_eq!(serde_json::from_str::<Violation>(&text).unwrap(), violation);
        let both = r#"{"code":"x","message":"y","pointer":"","parameter":"q"}"#;
        let error = serde_json::from_str::<Violation>(both).unwrap_err();
        assert!(error.to_string().contains("not both"), "{error}");
        assert_eq!(
            Violations::new().to_string(),
            crate::StandardError::ValidationError.to_string()
        );
    }

    #[test]
    fn a_constraint_names_the_first_member_it_protects() {
        const FIELDS: &[(&str, &str)] = &[
            ("users_email_key", "email"),
            ("users_name_key", "name"),
            ("users_email_key", "login"),
        ];
        let violation = Violation::from_constraint("users_email_key", FIELDS, "taken").unwrap();
        assert_eq!(
            (violation.code(), violation.pointer()),
            ("taken", Some("/email"))
        );
        assert_eq!(violation.message(), "This value is invalid.");
        let violation = Violation::from_constraint("users_name_key", FIELDS, "taken").unwrap();
        assert_eq!(violation.pointer(), Some("/name"));
        assert!(Violation::from_constraint("users_pkey", FIELDS, "taken").is_none());
        assert!(Violation::from_constraint("", FIELDS, "taken").is_none());
    }

    #[test]
    fn every_known_code_has_its_own_default_message() {
        for (code, message) in Violation::DEFAULT_MESSAGES {
            assert_eq!(Violation::default_message(code), *message, "{code}");
            assert_ne!(*message, "This value is invalid.", "{code}");
            assert_eq!(Violation::at_parameter(*code, "q").message(), *message);
        }
        assert_eq!(
            Violation::default_message("made_up"),
            "This value is invalid."
        );
        assert_eq!(Violation::default_message(""), "This value is invalid.");
    }

    #[cfg(any(feature = "validator-0_21", feature = "garde-0_23"))]
    #[test]
    fn violations_sort_by_path_with_numeric_indexes_and_keep_ties_in_order() {
        let at = |tokens: &[Token], code: &'static str| {
            let names: Vec<String> = tokens.iter().map(ToString::to_string).collect();
            (tokens.to_vec(), Violation::at_path(code, names))
        };
        let key = |name: &str| Token::Key(name.to_string());
        let found = alloc::vec![
            at(&[key("b")], "first_b"),
            at(&[key("a"), Token::Index(10)], "ten"),
            at(&[key("a"), Token::Index(2)], "two"),
            at(&[key("b")], "second_b"),
            at(&[key("a")], "a"),
        ];
        assert_eq!(key("a~b").to_string(), "a~b");
        assert_eq!(Token::Index(10).to_string(), "10");
        let sorted = sorted_by_path(found);
        let codes: Vec<&str> = sorted.iter().map(Violation::code).collect();
        assert_eq!(codes, ["a", "two", "ten", "first_b", "second_b"]);
    }
}
