//! Messages in the user's language: Fluent translations of every error's message,
//! negotiated by `Accept-Language`.
//!
//! Each variant has a message key (its code by default; see
//! [`Entry::key`](crate::catalogue::Entry::key)) and arguments: the fields its message
//! names and its extension members, by their Rust names
//! ([`Entry::arguments`](crate::catalogue::Entry::arguments)). The derive's `message` is
//! the text in the source language. [`template`] writes the FTL resource to hand to
//! translators; [`Translations`] holds their work, one locale per
//! [`add`](Translations::add); [`Translations::check`] fails a test when a locale lacks a
//! key or uses a variable the error does not have; [`Translations::localize`] picks the
//! message for a request's `Accept-Language`, and the envelope layers
//! (`with_translations`) do so for every error response.
//!
//! ```
//! use certifier_error::fluent::{template, Translations};
//! use certifier_error::CertifierError;
//!
//! #[derive(Debug, CertifierError)]
//! enum ApiError {
//!     #[certifier(code = "rate_limited", message = "Too many requests: wait {seconds} seconds.")]
//!     Slow { seconds: u32 },
//! }
//!
//! // The resource translators start from.
//! let ftl = template::<ApiError>();
//! assert!(ftl.contains("rate_limited = Too many requests: wait { $seconds } seconds."));
//!
//! let translations = Translations::new("en").add(
//!     "fr",
//!     "rate_limited = Trop de requêtes : attendez { $seconds ->
//!         [one] une seconde
//!        *[other] { $seconds } secondes
//!     }.",
//! )?;
//! translations.check::<ApiError>()?;
//!
//! let localized = translations.localize(&ApiError::Slow { seconds: 1 }, "fr-CH, en;q=0.5");
//! assert_eq!(localized.locale, "fr");
//! assert_eq!(localized.message, "Trop de requêtes : attendez une seconde.");
//!
//! let localized = translations.localize(&ApiError::Slow { seconds: 3 }, "de");
//! assert_eq!(localized.locale, "en");
//! assert_eq!(localized.message, "Too many requests: wait 3 seconds.");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{self, Display};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::catalogue::Entry;
use crate::violation::Violation;
use crate::{CertifierError, ErrorCatalogue};

/// The most bytes of an `Accept-Language` header read: the rest is ignored, so a huge
/// header costs no more than this.
pub const MAX_ACCEPT_LANGUAGE_LEN: usize = 1024;

/// The most language ranges of an `Accept-Language` header read.
pub const MAX_LANGUAGE_RANGES: usize = 24;

/// The key prefix of the messages of [`Violation`]s with their code's default message:
/// `violation-<code>`, and `violation-other` for a code without a default of its own.
pub const VIOLATION_KEY_PREFIX: &str = "violation-";

/// The key of the violations whose code has no default message of its own.
const VIOLATION_OTHER: &str = "violation-other";

/// The translations of a service's error messages, by locale, and the source locale the
/// derive's messages are written in. Build it once at start-up; it is `Send + Sync`
/// and cheap to share behind an `Arc` (the layers do).
///
/// ```
/// use certifier_error::fluent::Translations;
///
/// let translations = Translations::new("en")
///     .add("fr", "not_found = La ressource demandée n'existe pas.")?
///     .add("de", "not_found = Die angeforderte Ressource existiert nicht.")?;
/// assert_eq!(translations.source_locale(), "en");
/// assert_eq!(translations.locales().collect::<Vec<_>>(), ["fr", "de"]);
/// # Ok::<(), certifier_error::fluent::TranslationError>(())
/// ```
pub struct Translations {
    source: Locale,
    locales: Vec<Translated>,
}

struct Locale {
    id: LanguageIdentifier,
    tag: String,
}

struct Translated {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
}

impl fmt::Debug for Translations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Translations")
            .field("source", &self.source.tag)
            .field("locales", &self.locales().collect::<Vec<_>>())
            .finish()
    }
}

impl Locale {
    fn parse(tag: &str) -> Option<Locale> {
        let id: LanguageIdentifier = tag.parse().ok()?;
        Some(Locale {
            tag: id.to_string(),
            id,
        })
    }
}

impl Translations {
    /// No translations yet: every message is the derive's own, in `source_locale` (a
    /// BCP 47 language tag such as `en` or `en-US`).
    ///
    /// # Panics
    ///
    /// When `source_locale` is not a language tag: it is a constant of the program.
    ///
    /// ```
    /// let translations = certifier_error::fluent::Translations::new("en-GB");
    /// assert_eq!(translations.source_locale(), "en-GB");
    /// ```
    #[must_use]
    #[track_caller]
    pub fn new(source_locale: &str) -> Translations {
        let Some(source) = Locale::parse(source_locale) else {
            panic!("the source locale must be a language tag such as `en`, not {source_locale:?}")
        };
        Translations {
            source,
            locales: Vec::new(),
        }
    }

    /// Adds the FTL resource `ftl` to `locale`'s messages (a locale may be given several
    /// resources).
    ///
    /// # Errors
    ///
    /// [`TranslationError::Locale`] if `locale` is not a language tag,
    /// [`TranslationError::Syntax`] if the resource does not parse (naming the line),
    /// [`TranslationError::Duplicate`] if it defines a message the locale has already.
    ///
    /// ```
    /// use certifier_error::fluent::{TranslationError, Translations};
    ///
    /// let error = Translations::new("en").add("fr", "ok = Bien\nbroken = {").unwrap_err();
    /// assert!(matches!(error, TranslationError::Syntax { line: 2, .. }));
    /// assert!(error.to_string().starts_with("the `fr` translations do not parse at line 2"));
    /// ```
    pub fn add(
        mut self,
        locale: &str,
        ftl: impl Into<String>,
    ) -> Result<Translations, TranslationError> {
        let Some(parsed) = Locale::parse(locale) else {
            return Err(TranslationError::Locale {
                locale: locale.to_owned(),
            });
        };
        let ftl = ftl.into();
        // fluent-syntax 0.12 panics on some malformed escapes (`{"\u00é"}`) instead of
        // reporting them: a translator's file must give an error, not a panic.
        let read = std::panic::catch_unwind(|| FluentResource::try_new(ftl.clone()));
        let Ok(read) = read else {
            let line = ftl
                .lines()
                .position(|line| line.contains("\\u"))
                .map_or(1, |index| index + 1);
            return Err(TranslationError::Syntax {
                locale: parsed.tag,
                line,
                reason: "a malformed escape sequence".to_owned(),
            });
        };
        let resource = match read {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                let error = &errors[0];
                let source = resource.source();
                // An entry left open is found at the end of the text: name the line it
                // starts on instead.
                let at = match error.pos.start >= source.trim_end().len() {
                    true => error
                        .slice
                        .as_ref()
                        .map_or(error.pos.start, |slice| slice.start),
                    false => error.pos.start,
                };
                let line = source[..at.min(source.len())].matches('\n').count() + 1;
                return Err(TranslationError::Syntax {
                    locale: parsed.tag,
                    line,
                    reason: error.kind.to_string(),
                });
            }
        };
        let at = match self
            .locales
            .iter()
            .position(|translated| translated.locale.id == parsed.id)
        {
            Some(at) => at,
            None => {
                let mut bundle = FluentBundle::new_concurrent(alloc::vec![parsed.id.clone()]);
                // The message is text in a JSON string, not in a bidirectional document.
                bundle.set_use_isolating(false);
                self.locales.push(Translated {
                    locale: parsed,
                    bundle,
                });
                self.locales.len() - 1
            }
        };
        let translated = &mut self.locales[at];
        if let Err(errors) = translated.bundle.add_resource(resource) {
            let key = errors
                .iter()
                .find_map(|error| match error {
                    fluent_bundle::FluentError::Overriding { id, .. } => Some(id.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            return Err(TranslationError::Duplicate {
                locale: translated.locale.tag.clone(),
                key,
            });
        }
        Ok(self)
    }

    /// The source locale's tag, as [`new`](Translations::new) was given it (normalised).
    #[must_use]
    pub fn source_locale(&self) -> &str {
        &self.source.tag
    }

    /// The tags of the locales added, in the order added.
    pub fn locales(&self) -> impl Iterator<Item = &str> + '_ {
        self.locales
            .iter()
            .map(|translated| translated.locale.tag.as_str())
    }

    /// `error`'s message for a request whose `Accept-Language` header is
    /// `accept_language` (`""` for none): the first locale of the client's preferences
    /// (by q-value; `q=0` excludes a range; RFC 4647 lookup, so `fr-CH` finds `fr-CH`,
    /// then `fr`; a range covers more specific tags, so `pt` finds `pt-BR`) that has the
    /// message's key, else the derive's own message in the source locale. A
    /// translation that cannot be formatted with the error's arguments (it names a
    /// variable the error does not have) gives the source message too.
    ///
    /// ```
    /// use certifier_error::fluent::Translations;
    /// use certifier_error::StandardError;
    ///
    /// let translations = Translations::new("en")
    ///     .add("fr", "not_found = La ressource demandée n'existe pas.")?;
    /// let localized = translations.localize(&StandardError::NotFound, "de, fr;q=0.8");
    /// assert_eq!((localized.locale.as_str(), localized.message.as_str()),
    ///            ("fr", "La ressource demandée n'existe pas."));
    /// let localized = translations.localize(&StandardError::NotFound, "fr;q=0");
    /// assert_eq!(localized.locale, "en");
    /// # Ok::<(), certifier_error::fluent::TranslationError>(())
    /// ```
    pub fn localize<E: CertifierError + ?Sized>(
        &self,
        error: &E,
        accept_language: &str,
    ) -> Localized {
        let order = self.negotiate([accept_language.as_bytes()]);
        match self.translate(error, &order) {
            Some((locale, message)) => Localized {
                locale: locale.to_owned(),
                message,
            },
            None => Localized {
                locale: self.source.tag.clone(),
                message: MessageOf(error).to_string(),
            },
        }
    }

    /// The tag of the first locale `accept_language` leads to, translated or the
    /// source; allocates nothing. For the fuzz and allocation tests.
    #[doc(hidden)]
    #[must_use]
    pub fn first_locale_for(&self, accept_language: &[u8]) -> &str {
        match self.negotiate([accept_language]).iter().next() {
            Some(Candidate::Locale(index)) => &self.locales[index].locale.tag,
            _ => &self.source.tag,
        }
    }

    /// The locales to try for a request whose `Accept-Language` header fields are
    /// `fields`, best first.
    pub(crate) fn negotiate<'h>(&self, fields: impl IntoIterator<Item = &'h [u8]>) -> Order {
        let mut order = Order::default();
        let mut ranges = Ranges::default();
        for field in fields {
            ranges.read(field);
        }
        ranges.sort();
        // `*;q=0` excludes only the languages no range names (RFC 9110): nothing the
        // lookup below reaches.
        let is_excluded = |tag: &str| {
            ranges
                .excluded()
                .any(|range| range != "*" && matches_prefix(tag, range))
        };
        for range in ranges.accepted() {
            if range == "*" {
                order.push(Candidate::Source);
                continue;
            }
            // RFC 4647 lookup: the range, then each shorter prefix of it (`fr-CH`, then
            // `fr`), so that a message missing in one is looked up in the next...
            let mut prefix = Some(range);
            while let Some(current) = prefix {
                self.push_matching(
                    &mut order,
                    |tag| tag.eq_ignore_ascii_case(current),
                    &is_excluded,
                );
                prefix = shorter(current);
            }
            // ...then the more specific tags the range covers (`en` covers `en-GB`).
            self.push_matching(&mut order, |tag| matches_prefix(tag, range), &is_excluded);
        }
        order
    }

    /// Adds to `order` the added locales whose tag `matches` (and is not excluded), then
    /// the source locale if its tag matches.
    fn push_matching(
        &self,
        order: &mut Order,
        matches: impl Fn(&str) -> bool,
        is_excluded: &impl Fn(&str) -> bool,
    ) {
        for (index, translated) in self.locales.iter().enumerate() {
            let tag = &translated.locale.tag;
            if matches(tag) && !is_excluded(tag) {
                order.push(Candidate::Locale(index));
            }
        }
        if matches(&self.source.tag) {
            order.push(Candidate::Source);
        }
    }

    /// The message in the first locale of `order` that has it, and that locale, or
    /// `None` where the derive's own message is the answer.
    pub(crate) fn translate<E: CertifierError + ?Sized>(
        &self,
        error: &E,
        order: &Order,
    ) -> Option<(&str, String)> {
        if !order.translates() {
            return None;
        }
        let mut collected = Collected::default();
        let key = error.translatable(&mut collected)?;
        let arguments = collected.into_arguments(error);
        for candidate in order.iter() {
            let translated = match candidate {
                Candidate::Source => return None,
                Candidate::Locale(index) => &self.locales[index],
            };
            if let Some(message) = format(&translated.bundle, key, &arguments) {
                return message.map(|message| (translated.locale.tag.as_str(), message));
            }
        }
        None
    }

    // Only the envelope layers translate a body.
    #[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
    /// A violation's message in `locale` (an index into the locales), when the
    /// violation carries its code's default message and the locale translates it.
    pub(crate) fn violation_message(&self, locale: usize, code: &str) -> Option<String> {
        let key = violation_key(code);
        let bundle = &self.locales.get(locale)?.bundle;
        format(bundle, &key, &FluentArgs::new()).flatten()
    }

    // Only the envelope layers translate a body.
    #[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
    /// The index of the locale tagged `tag`.
    pub(crate) fn locale_index(&self, tag: &str) -> Option<usize> {
        self.locales
            .iter()
            .position(|translated| translated.locale.tag == tag)
    }

    /// Checks that every locale translates every message of `E` (and, where `E` answers
    /// validation errors, every violation code's default message) and that no
    /// translation names a variable the message does not have. Call it in a test, so
    /// that CI fails before a user sees the source language.
    ///
    /// # Errors
    ///
    /// [`Incomplete`], listing per locale the missing keys and the unknown variables.
    ///
    /// ```
    /// use certifier_error::fluent::Translations;
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// enum ApiError {
    ///     #[certifier(code = "conflict", message = "The name {name} is taken.")]
    ///     Taken { name: String },
    ///     #[certifier(code = "not_found")]
    ///     Missing,
    /// }
    ///
    /// let translations = Translations::new("en")
    ///     .add("fr", "conflict = Le nom { $nom } est déjà pris.")?;
    /// let incomplete = translations.check::<ApiError>().unwrap_err();
    /// assert_eq!(
    ///     incomplete.to_string(),
    ///     "the translations are incomplete:\n\
    ///      - fr: `conflict` names the unknown variable `$nom` (it may use `$name`)\n\
    ///      - fr: `not_found` is missing",
    /// );
    /// # Ok::<(), certifier_error::fluent::TranslationError>(())
    /// ```
    pub fn check<E: ErrorCatalogue + ?Sized>(&self) -> Result<(), Incomplete> {
        let keys = Keys::of(E::CATALOGUE.iter());
        let mut problems = keys.conflicts.clone();
        for translated in &self.locales {
            let tag = &translated.locale.tag;
            for (key, arguments) in &keys.keys {
                let Some(pattern) = translated
                    .bundle
                    .get_message(key)
                    .and_then(|message| message.value())
                else {
                    problems.push(Problem::Missing {
                        locale: tag.clone(),
                        key: key.clone(),
                    });
                    continue;
                };
                let mut variables = Vec::new();
                pattern_variables(pattern, &mut variables);
                for variable in variables {
                    if !arguments.contains(&variable) {
                        problems.push(Problem::Unknown {
                            locale: tag.clone(),
                            key: key.clone(),
                            variable: variable.to_owned(),
                            known: arguments.iter().map(|name| (*name).to_owned()).collect(),
                        });
                    }
                }
            }
        }
        match problems.is_empty() {
            true => Ok(()),
            false => Err(Incomplete { problems }),
        }
    }
}

/// An error's message in one language: what [`Translations::localize`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Localized {
    /// The tag of the locale the message is in: a translated locale, or the source
    /// locale where no translation applied.
    pub locale: String,
    /// The message.
    pub message: String,
}

/// Why [`Translations::add`] refused a resource.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TranslationError {
    /// The locale is not a BCP 47 language tag.
    Locale {
        /// The locale as given.
        locale: String,
    },
    /// The resource is not valid FTL.
    Syntax {
        /// The locale the resource was for.
        locale: String,
        /// The line (from 1) of the first error.
        line: usize,
        /// What the parser found wrong.
        reason: String,
    },
    /// The resource defines a message the locale already has.
    Duplicate {
        /// The locale.
        locale: String,
        /// The message's key.
        key: String,
    },
}

/// ```
/// use certifier_error::fluent::Translations;
///
/// let error = Translations::new("en").add("not a tag!", "").unwrap_err();
/// assert_eq!(error.to_string(), "`not a tag!` is not a language tag such as `fr` or `pt-BR`");
/// let error = Translations::new("en")
///     .add("fr", "a = x")?
///     .add("fr", "a = y")
///     .unwrap_err();
/// assert_eq!(error.to_string(), "the `fr` translations define `a` twice");
/// # Ok::<(), certifier_error::fluent::TranslationError>(())
/// ```
impl Display for TranslationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TranslationError::Locale { locale } => {
                write!(
                    f,
                    "`{locale}` is not a language tag such as `fr` or `pt-BR`"
                )
            }
            TranslationError::Syntax {
                locale,
                line,
                reason,
            } => write!(
                f,
                "the `{locale}` translations do not parse at line {line}: {reason}"
            ),
            TranslationError::Duplicate { locale, key } => {
                write!(f, "the `{locale}` translations define `{key}` twice")
            }
        }
    }
}

impl core::error::Error for TranslationError {}

/// What [`Translations::check`] found missing or wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incomplete {
    problems: Vec<Problem>,
}

/// One problem [`Translations::check`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// A locale has no message for a key.
    Missing {
        /// The locale.
        locale: String,
        /// The key.
        key: String,
    },
    /// A translation names a variable the message does not have.
    Unknown {
        /// The locale.
        locale: String,
        /// The key.
        key: String,
        /// The variable, `$` left out.
        variable: String,
        /// The variables the message has.
        known: Vec<String>,
    },
    /// Two errors of the catalogue share a key but not their variables.
    Conflict {
        /// The key.
        key: String,
    },
}

impl Incomplete {
    /// The problems, locale by locale in the order the locales were added, keys in
    /// catalogue order.
    ///
    /// ```
    /// use certifier_error::fluent::{Problem, Translations};
    /// use certifier_error::StandardError;
    ///
    /// let incomplete = Translations::new("en").add("fr", "")?.check::<StandardError>().unwrap_err();
    /// assert!(matches!(&incomplete.problems()[0], Problem::Missing { key, .. } if key == "bad_request"));
    /// # Ok::<(), certifier_error::fluent::TranslationError>(())
    /// ```
    #[must_use]
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl Display for Incomplete {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the translations are incomplete:")?;
        for problem in &self.problems {
            match problem {
                Problem::Missing { locale, key } => write!(f, "\n- {locale}: `{key}` is missing")?,
                Problem::Unknown {
                    locale,
                    key,
                    variable,
                    known,
                } => {
                    write!(
                        f,
                        "\n- {locale}: `{key}` names the unknown variable `${variable}`"
                    )?;
                    match known.as_slice() {
                        [] => f.write_str(" (it has none)")?,
                        known => {
                            let known: Vec<String> = known
                                .iter()
                                .map(|name| alloc::format!("`${name}`"))
                                .collect();
                            write!(f, " (it may use {})", known.join(", "))?;
                        }
                    }
                }
                Problem::Conflict { key } => write!(
                    f,
                    "\n- `{key}` stands for errors with different variables: give one a \
                     `key` of its own"
                )?,
            }
        }
        Ok(())
    }
}

impl core::error::Error for Incomplete {}

/// An FTL resource with every message of `E`: each key once, with its source message
/// in Fluent syntax and a comment naming its code, status and variables; where `E`
/// answers validation errors, the violations' default messages follow. Hand it to
/// translators; read back with [`Translations::add`] under the source locale, it
/// reproduces the derive's messages exactly.
///
/// ```
/// use certifier_error::fluent::{template, Translations};
/// use certifier_error::CertifierError;
///
/// #[derive(Debug, CertifierError)]
/// enum ApiError {
///     /// The plan is full.
///     #[certifier(code = "plan_limit", status = 402, message = "The {plan} plan allows {max} certificates.")]
///     PlanLimit { plan: String, max: u32 },
/// }
///
/// let ftl = template::<ApiError>();
/// assert!(ftl.contains("# plan_limit (402). Variables: $plan, $max\n"));
/// assert!(ftl.contains("plan_limit = The { $plan } plan allows { $max } certificates.\n"));
///
/// let source = Translations::new("en").add("en", ftl)?;
/// let error = ApiError::PlanLimit { plan: "Free".into(), max: 10 };
/// assert_eq!(source.localize(&error, "en").message, error.to_string());
/// # Ok::<(), certifier_error::fluent::TranslationError>(())
/// ```
#[must_use]
pub fn template<E: ErrorCatalogue + ?Sized>() -> String {
    let keys = Keys::of(E::CATALOGUE.iter());
    let mut out = String::from(
        "# The messages of the error responses, one per key. Translate the text after `=`;\n\
         # keep every `{ $variable }` (or use it in a selector, such as plurals).\n",
    );
    let mut written: Vec<&str> = Vec::new();
    for entry in E::CATALOGUE.iter() {
        let key = entry.key();
        if written.contains(&key) {
            continue;
        }
        written.push(key);
        out.push('\n');
        out.push_str(&alloc::format!("# {} ({}).", entry.code(), entry.status()));
        if !entry.arguments().is_empty() {
            let variables: Vec<String> = entry
                .arguments()
                .iter()
                .map(|name| alloc::format!("${name}"))
                .collect();
            out.push_str(" Variables: ");
            out.push_str(&variables.join(", "));
        }
        out.push('\n');
        // The derive writes a pattern for every message that is not its own.
        write_message(&mut out, key, entry.pattern.unwrap_or(entry.message()));
    }
    if keys.has_violations {
        out.push_str(
            "\n## The messages of the items of a validation error's `errors`, by their code.\n",
        );
        for (code, message) in Violation::DEFAULT_MESSAGES {
            out.push('\n');
            // The violations' default messages hold no braces: each is its own pattern.
            write_message(&mut out, &violation_key(code), message);
        }
        out.push('\n');
        write_message(&mut out, VIOLATION_OTHER, Violation::default_message(""));
    }
    out
}

/// `key = pattern`, the pattern laid out as FTL wants it: continuation lines indented,
/// white space at the edges of a line (which FTL would drop) and the characters that
/// would start a variant or attribute kept as string literals.
fn write_message(out: &mut String, key: &str, pattern: &str) {
    out.push_str(key);
    out.push_str(" =");
    let lines: Vec<&str> = pattern.split('\n').collect();
    let last = lines.len() - 1;
    for (index, line) in lines.iter().enumerate() {
        out.push_str(if index == 0 { " " } else { "\n    " });
        let body = line.trim_start_matches(' ');
        let leading = &line[..line.len() - body.len()];
        if !leading.is_empty() {
            out.push_str(&alloc::format!("{{\"{leading}\"}}"));
        }
        let (body, trailing) = match index == last {
            true => {
                let trimmed = body.trim_end_matches(' ');
                (trimmed, &body[trimmed.len()..])
            }
            false => (body, ""),
        };
        match body.chars().next() {
            Some(first @ ('[' | '*' | '.')) if index > 0 => {
                out.push_str(&alloc::format!("{{\"{first}\"}}"));
                out.push_str(&body[1..]);
            }
            None if leading.is_empty() && trailing.is_empty() => out.push_str("{\"\"}"),
            _ => out.push_str(body),
        }
        if !trailing.is_empty() {
            out.push_str(&alloc::format!("{{\"{trailing}\"}}"));
        }
    }
    out.push('\n');
}

fn violation_key(code: &str) -> String {
    match Violation::DEFAULT_MESSAGES
        .iter()
        .any(|(known, _)| *known == code)
    {
        true => alloc::format!("{VIOLATION_KEY_PREFIX}{code}"),
        false => VIOLATION_OTHER.to_owned(),
    }
}

/// The keys of a catalogue, each with its variables, and the keys whose entries
/// disagree on them.
struct Keys {
    keys: Vec<(String, Vec<&'static str>)>,
    conflicts: Vec<Problem>,
    has_violations: bool,
}

impl Keys {
    fn of(entries: impl Iterator<Item = Entry>) -> Keys {
        let mut keys: Vec<(String, Vec<&'static str>)> = Vec::new();
        let mut conflicts = Vec::new();
        let mut has_violations = false;
        for entry in entries {
            has_violations |=
                entry.code() == "validation_error" && entry.members().contains(&"errors");
            let mut arguments = entry.arguments().to_vec();
            arguments.sort_unstable();
            match keys.iter().find(|(key, _)| key == entry.key()) {
                Some((_, seen)) if *seen != arguments => conflicts.push(Problem::Conflict {
                    key: entry.key().to_owned(),
                }),
                Some(_) => {}
                None => keys.push((entry.key().to_owned(), arguments)),
            }
        }
        if has_violations {
            for (code, _) in Violation::DEFAULT_MESSAGES {
                keys.push((violation_key(code), Vec::new()));
            }
            keys.push((VIOLATION_OTHER.to_owned(), Vec::new()));
        }
        Keys {
            keys,
            conflicts,
            has_violations,
        }
    }
}

/// The variables `pattern` names, in order, each once.
fn pattern_variables<'p>(pattern: &ast::Pattern<&'p str>, out: &mut Vec<&'p str>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables<'p>(expression: &ast::Expression<&'p str>, out: &mut Vec<&'p str>) {
    match expression {
        ast::Expression::Inline(inline) => inline_variables(inline, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
    }
}

fn inline_variables<'p>(inline: &ast::InlineExpression<&'p str>, out: &mut Vec<&'p str>) {
    match inline {
        ast::InlineExpression::VariableReference { id } if !out.contains(&id.name) => {
            out.push(id.name);
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
            for argument in &arguments.named {
                inline_variables(&argument.value, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

/// `key`'s message in `bundle` with `arguments`: `None` if the bundle has no such
/// message, `Some(None)` if it has one that does not format without errors.
fn format(
    bundle: &FluentBundle<FluentResource>,
    key: &str,
    arguments: &FluentArgs<'_>,
) -> Option<Option<String>> {
    let pattern = bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let message = bundle.format_pattern(pattern, Some(arguments), &mut errors);
    Some(errors.is_empty().then(|| message.into_owned()))
}

/// The arguments a derived error hands over, as Fluent values.
#[derive(Default)]
struct Collected {
    arguments: FluentArgs<'static>,
    /// Members, read from the error's members once every name is known.
    members: Vec<(&'static str, &'static str)>,
}

impl crate::__private::MessageArguments for Collected {
    fn number(&mut self, name: &'static str, value: f64) {
        self.arguments.set(name, FluentValue::from(value));
    }

    fn text(&mut self, name: &'static str, value: &dyn Display) {
        // Text, never parsed as Fluent: a client's input stays what it is.
        self.arguments
            .set(name, FluentValue::from(value.to_string()));
    }

    fn member(&mut self, name: &'static str, member: &'static str) {
        self.members.push((name, member));
    }
}

impl Collected {
    fn into_arguments<E: CertifierError + ?Sized>(mut self, error: &E) -> FluentArgs<'static> {
        if self.members.is_empty() {
            return self.arguments;
        }
        let Ok(members) = error.extension_members() else {
            return self.arguments;
        };
        for (name, member) in &self.members {
            let value = members
                .iter()
                .rev()
                .find(|(json_name, _)| json_name == member)
                .map(|(_, value)| value);
            let value = match value {
                None | Some(serde_json::Value::Null) => FluentValue::None,
                Some(serde_json::Value::String(text)) => FluentValue::from(text.clone()),
                Some(serde_json::Value::Number(number)) => {
                    match number.as_f64().filter(|value| {
                        value.is_finite()
                            && (number.is_f64() || value.abs() <= 9_007_199_254_740_992.0)
                    }) {
                        Some(value) => FluentValue::from(value),
                        None => FluentValue::from(number.to_string()),
                    }
                }
                Some(other) => FluentValue::from(other.to_string()),
            };
            self.arguments.set(*name, value);
        }
        self.arguments
    }
}

/// Writes an error's public message.
struct MessageOf<'a, E: ?Sized>(&'a E);

impl<E: CertifierError + ?Sized> Display for MessageOf<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt_message(f)
    }
}

/// Whether the language tag `tag` is `range` or starts with `range-` (ASCII case
/// ignored).
fn matches_prefix(tag: &str, range: &str) -> bool {
    tag.eq_ignore_ascii_case(range)
        || (tag.len() > range.len()
            && tag.as_bytes()[range.len()] == b'-'
            && tag[..range.len()].eq_ignore_ascii_case(range))
}

/// RFC 4647's next range to look up: the last subtag dropped, and a single-letter
/// subtag (an extension's singleton) before it with it.
fn shorter(range: &str) -> Option<&str> {
    let cut = range.rfind('-')?;
    let rest = &range[..cut];
    match rest.rfind('-') {
        Some(before) if rest.len() - before == 2 => Some(&rest[..before]),
        _ => Some(rest),
    }
}

/// The most locales an [`Order`] holds: preferences beyond this are not tried.
const MAX_CANDIDATES: usize = 16;

/// A locale to try: an added locale's index, or the source locale.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Candidate {
    Locale(usize),
    Source,
}

/// The locales to try for one request, best first, each once; built without
/// allocating.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Order {
    candidates: [Candidate; MAX_CANDIDATES],
    len: usize,
}

impl Default for Order {
    fn default() -> Self {
        Order {
            candidates: [Candidate::Source; MAX_CANDIDATES],
            len: 0,
        }
    }
}

impl Order {
    fn push(&mut self, candidate: Candidate) {
        if self.len < MAX_CANDIDATES && !self.iter().any(|seen| seen == candidate) {
            self.candidates[self.len] = candidate;
            self.len += 1;
        }
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = Candidate> + '_ {
        self.candidates[..self.len].iter().copied()
    }

    /// Whether a translated locale comes before the source locale: only then can a
    /// message change.
    pub(crate) fn translates(&self) -> bool {
        matches!(self.iter().next(), Some(Candidate::Locale(_)))
    }
}

/// The language ranges of an `Accept-Language` header, with their weights in
/// thousandths, read without allocating: at most [`MAX_LANGUAGE_RANGES`] ranges from
/// the first [`MAX_ACCEPT_LANGUAGE_LEN`] bytes. Malformed ranges are skipped.
struct Ranges<'h> {
    ranges: [(&'h str, u16); MAX_LANGUAGE_RANGES],
    len: usize,
    /// The bytes read so far, of [`MAX_ACCEPT_LANGUAGE_LEN`].
    read: usize,
}

impl Default for Ranges<'_> {
    fn default() -> Self {
        Ranges {
            ranges: [("", 0); MAX_LANGUAGE_RANGES],
            len: 0,
            read: 0,
        }
    }
}

impl<'h> Ranges<'h> {
    /// The ranges of one header value.
    #[cfg(test)]
    fn parse(header: &'h [u8]) -> Ranges<'h> {
        let mut ranges = Ranges::default();
        ranges.read(header);
        ranges
    }

    /// Adds the ranges of one header field, within what is left of the byte budget
    /// the fields share.
    fn read(&mut self, field: &'h [u8]) {
        let budget = MAX_ACCEPT_LANGUAGE_LEN - self.read;
        // A range cut by the limit is no range: read up to the last complete one.
        let field = match field.len() > budget {
            true => {
                let kept = &field[..budget];
                &kept[..kept.iter().rposition(|&b| b == b',').unwrap_or(0)]
            }
            false => field,
        };
        self.read += field.len();
        let Ok(field) = core::str::from_utf8(field) else {
            return;
        };
        for item in field.split(',') {
            if self.len == MAX_LANGUAGE_RANGES {
                break;
            }
            let mut parts = item.split(';');
            let range = parts.next().unwrap_or("").trim_matches([' ', '\t']);
            if !is_language_range(range) {
                continue;
            }
            let mut weight = Some(1000);
            for parameter in parts {
                let parameter = parameter.trim_matches([' ', '\t']);
                if let Some(value) = parameter
                    .strip_prefix("q=")
                    .or_else(|| parameter.strip_prefix("Q="))
                {
                    weight = parse_weight(value);
                }
            }
            if let Some(weight) = weight {
                self.ranges[self.len] = (range, weight);
                self.len += 1;
            }
        }
    }

    /// Orders the ranges by weight, highest first, keeping the header's order among
    /// equals.
    fn sort(&mut self) {
        self.ranges[..self.len].sort_by_key(|(_, weight)| core::cmp::Reverse(*weight));
    }

    fn accepted(&self) -> impl Iterator<Item = &'h str> + '_ {
        self.ranges[..self.len]
            .iter()
            .filter(|(_, weight)| *weight > 0)
            .map(|(range, _)| *range)
    }

    fn excluded(&self) -> impl Iterator<Item = &'h str> + '_ {
        self.ranges[..self.len]
            .iter()
            .filter(|(_, weight)| *weight == 0)
            .map(|(range, _)| *range)
    }
}

/// RFC 4647 `language-range`: `*`, or 1 to 8 letters then `-` and 1 to 8 letters or
/// digits, repeated.
fn is_language_range(range: &str) -> bool {
    if range == "*" {
        return true;
    }
    let mut subtags = range.split('-');
    let first_ok = subtags.next().is_some_and(|first| {
        (1..=8).contains(&first.len()) && first.bytes().all(|b| b.is_ascii_alphabetic())
    });
    first_ok
        && subtags.all(|subtag| {
            (1..=8).contains(&subtag.len()) && subtag.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

/// RFC 9110 `qvalue` in thousandths: `0`, `1`, `0.` or `1.` with up to three digits.
fn parse_weight(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut thousandths: u16 = 0;
    for (index, digit) in fraction.bytes().enumerate() {
        thousandths += u16::from(digit - b'0') * [100, 10, 1][index];
    }
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights() {
        for (value, weight) in [
            ("1", Some(1000)),
            ("1.000", Some(1000)),
            ("0", Some(0)),
            ("0.5", Some(500)),
            ("0.123", Some(123)),
            ("0.1234", None),
            ("1.5", None),
            ("2", None),
            ("", None),
            ("0.x", None),
            ("-0.5", None),
        ] {
            assert_eq!(parse_weight(value), weight, "{value:?}");
        }
    }

    #[test]
    fn ranges() {
        for (range, valid) in [
            ("fr", true),
            ("fr-CH", true),
            ("zh-Hant-TW", true),
            ("*", true),
            ("", false),
            ("fr_CH", false),
            ("toolongtag", false),
            ("1fr", false),
            ("fr-", false),
            ("fr--CH", false),
        ] {
            assert_eq!(is_language_range(range), valid, "{range:?}");
        }
    }

    #[test]
    fn lookup_drops_subtags_and_singletons() {
        assert_eq!(shorter("fr-CH"), Some("fr"));
        assert_eq!(shorter("zh-Hant-TW"), Some("zh-Hant"));
        assert_eq!(shorter("de-DE-x-private"), Some("de-DE"));
        assert_eq!(shorter("fr"), None);
    }

    #[test]
    fn parsing_is_bounded() {
        let header = "fr;q=0.5, ".repeat(1000);
        let ranges = Ranges::parse(header.as_bytes());
        assert_eq!(ranges.len, MAX_LANGUAGE_RANGES);
        let cut = alloc::format!("{}de-DE-verylongsubtag", "x, ".repeat(340));
        assert!(cut.len() > MAX_ACCEPT_LANGUAGE_LEN);
        let ranges = Ranges::parse(cut.as_bytes());
        assert!(ranges.accepted().all(|range| range == "x"));
    }

    #[test]
    fn layout_keeps_what_ftl_would_drop() {
        let mut out = String::new();
        write_message(
            &mut out,
            "k",
            "  lead\n[not a variant]\n*star\n.dot\n\nend  ",
        );
        assert_eq!(
            out,
            "k = {\"  \"}lead\n    {\"[\"}not a variant]\n    {\"*\"}star\n    {\".\"}dot\n    {\"\"}\n    end{\"  \"}\n"
        );
    }
}
