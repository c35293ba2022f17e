//! Error codes as a contract (feature `std`): a type's catalogue compared, in a test, with
//! a lock file committed beside the code.
//!
//! Clients branch on codes, so removing a code, changing the status it answers with, or
//! removing or retyping one of its members breaks them. [`check`] compares the type's
//! [`ErrorCatalogue`] with the lock file and panics listing every such change at once;
//! additions (a new code, a new member, another status for a code) are compatible and
//! pass. With the environment variable `CERTIFIER_LOCK=update` ([`MODE_VAR`], [`UPDATE_MODE`])
//! it writes the file instead, additions and intended breaks included:
//!
//! ```sh
//! CERTIFIER_LOCK=update cargo test
//! ```
//!
//! ```
//! use certifier_error::catalogue::lock;
//! use certifier_error::CertifierError;
//!
//! #[derive(Debug, CertifierError)]
//! enum ApiError {
//!     #[certifier(code = "not_found")]
//!     NotFound,
//!     #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
//!     RateLimited {
//!         #[certifier(extend)]
//!         retry_after: u64,
//!     },
//! }
//!
//! # let dir = std::env::temp_dir().join(format!("certifier-lock-doc-{}", std::process::id()));
//! # std::fs::create_dir_all(&dir).unwrap();
//! # let path = dir.join("errors.lock.json");
//! # std::fs::write(&path, lock::Lock::of::<ApiError>().to_json()).unwrap();
//! # /*
//! #[test]
//! fn error_codes_are_stable() {
//!     // Relative to the package root, where `cargo test` runs tests.
//!     lock::check::<ApiError>("errors.lock.json");
//! }
//! # */
//! # lock::check::<ApiError>(&path);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```
//!
//! The lock file lists, for each code, the statuses it answers with and its members with
//! their Rust types (see [`Entry::member_types`]), in sorted order, so that it diffs
//! well in review:
//!
//! ```json
//! {
//!   "codes": {
//!     "not_found": {
//!       "members": {},
//!       "statuses": [404]
//!     },
//!     "rate_limited": {
//!       "members": {
//!         "retry_after": "u64"
//!       },
//!       "statuses": [429]
//!     }
//!   },
//!   "format": 1
//! }
//! ```
//!
//! A member several variants of one code share, with different types, is locked with
//! all of them (`"&'static str | String"`). Members of `flatten` fields are not known at
//! compile time and are not locked; nor are the errors of an
//! [open](super::Catalogue::is_complete) catalogue that it cannot list.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::{self, Display};
use std::path::Path;
use std::{fs, io};

use serde_json::{Map, Value};

use super::{Catalogue, Entry};
use crate::ErrorCatalogue;

/// The environment variable that makes [`check`] write the lock file: `CERTIFIER_LOCK`.
///
/// ```
/// assert_eq!(certifier_error::catalogue::lock::MODE_VAR, "CERTIFIER_LOCK");
/// ```
pub const MODE_VAR: &str = "CERTIFIER_LOCK";

/// The value of [`MODE_VAR`] that writes the lock file: `update`. Unset, empty or
/// `check`, the file is compared; any other value is a mistake and fails the check.
///
/// ```
/// assert_eq!(certifier_error::catalogue::lock::UPDATE_MODE, "update");
/// ```
pub const UPDATE_MODE: &str = "update";

/// The version of the lock file's layout, its `format` member.
const FORMAT: u64 = 1;

/// Compares `E`'s catalogue with the lock file at `path` (relative paths are relative to
/// the current directory: the package root under `cargo test`), for use in a test.
///
/// # Panics
///
/// When the lock file lacks something the catalogue still promised clients, listing every
/// breaking [`Change`]; when the file is missing or is not a lock file; when [`MODE_VAR`]
/// holds an unknown value. With `CERTIFIER_LOCK=update` it writes the file (when its
/// content changes) and panics only if that fails.
///
/// ```should_panic
/// use certifier_error::catalogue::lock;
/// use certifier_error::StandardError;
///
/// // panics: `.../missing.lock.json` does not exist; run `CERTIFIER_LOCK=update cargo test` ...
/// lock::check::<StandardError>(std::env::temp_dir().join("missing.lock.json"));
/// ```
pub fn check<E: ErrorCatalogue + ?Sized>(path: impl AsRef<Path>) {
    let path = path.as_ref();
    let current = Lock::of::<E>();
    let update = match std::env::var(MODE_VAR) {
        Ok(value) if value == UPDATE_MODE => true,
        Ok(value) if value.is_empty() || value == "check" => false,
        Err(std::env::VarError::NotPresent) => false,
        Ok(value) => panic!(
            "{MODE_VAR}={value:?} is not understood: set it to `{UPDATE_MODE}` to write the lock file, \
             or leave it unset to compare"
        ),
        Err(std::env::VarError::NotUnicode(value)) => {
            panic!("{MODE_VAR}={value:?} is not understood: set it to `{UPDATE_MODE}` or leave it unset")
        }
    };
    let existing = match fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => panic!("cannot read the lock file {}: {error}", path.display()),
    };
    if update {
        let text = current.to_json();
        if existing.as_deref() != Some(text.as_str()) {
            if let Err(error) = fs::write(path, text) {
                panic!("cannot write the lock file {}: {error}", path.display());
            }
            // What the new file accepts, for the log of the run that wrote it.
            let previous = existing
                .as_deref()
                .and_then(|text| text.parse::<Lock>().ok());
            std::eprintln!("wrote the lock file {}", path.display());
            for change in previous
                .map(|previous| previous.changes(&current))
                .unwrap_or_default()
            {
                let kind = if change.is_breaking() {
                    "breaking"
                } else {
                    "compatible"
                };
                std::eprintln!("  - {kind}: {change}");
            }
        }
        return;
    }
    let Some(existing) = existing else {
        panic!(
            "the lock file {} does not exist: run `{MODE_VAR}={UPDATE_MODE} cargo test` once to write \
             it, and commit it",
            path.display()
        );
    };
    let locked = match str::parse::<Lock>(&existing) {
        Ok(locked) => locked,
        Err(error) => panic!("{} is not a lock file: {error}", path.display()),
    };
    let changes = locked.changes(&current);
    let (breaking, additions): (Vec<&Change>, Vec<&Change>) =
        changes.iter().partition(|change| change.is_breaking());
    if !breaking.is_empty() {
        let mut message = format!(
            "{} breaking change(s) to the error codes locked in {}:\n",
            breaking.len(),
            path.display()
        );
        for change in &breaking {
            message += &format!("  - {change}\n");
        }
        message += &format!(
            "Clients branch on these codes. If the changes are intended, run \
             `{MODE_VAR}={UPDATE_MODE} cargo test` and commit the lock file."
        );
        panic!("{message}");
    }
    if !additions.is_empty() {
        // Compatible, so not a failure; shown with `--nocapture` or beside a failure.
        std::eprintln!(
            "{} addition(s) to the error codes are not in {} yet; `{MODE_VAR}={UPDATE_MODE} cargo \
             test` records them",
            additions.len(),
            path.display()
        );
    }
}

/// The content of a lock file: for each code, its statuses and its typed members.
///
/// ```
/// use certifier_error::catalogue::lock::Lock;
/// use certifier_error::StandardError;
///
/// let lock = Lock::of::<StandardError>();
/// assert_eq!(lock.codes().count(), 12);
/// assert_eq!(lock.statuses("not_found").unwrap(), [404]);
/// assert_eq!(str::parse::<Lock>(&lock.to_json()).unwrap(), lock);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lock {
    codes: BTreeMap<String, Locked>,
}

/// What is locked for one code.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Locked {
    statuses: BTreeSet<u16>,
    /// Member name to its types, sorted and joined with ` | `; empty when not known.
    members: BTreeMap<String, String>,
    /// Message key to its arguments, sorted: what translations of the code's messages
    /// rely on. `None` in a lock file written before keys were recorded.
    messages: Option<BTreeMap<String, Vec<String>>>,
}

impl Lock {
    /// The lock of `E`'s catalogue.
    ///
    /// ```
    /// use certifier_error::catalogue::lock::Lock;
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(status = 402, code = "plan_limit", message = "Upgrade.")]
    /// struct PlanLimit {
    ///     #[certifier(extend)]
    ///     max: u32,
    /// }
    ///
    /// let lock = Lock::of::<PlanLimit>();
    /// assert_eq!(lock.members("plan_limit").unwrap().collect::<Vec<_>>(), [("max", "u32")]);
    /// ```
    #[must_use]
    pub fn of<E: ErrorCatalogue + ?Sized>() -> Lock {
        Lock::from_catalogue(E::CATALOGUE)
    }

    /// The lock of a catalogue: every entry's code, status and members, merged by code.
    fn from_catalogue(catalogue: Catalogue) -> Lock {
        // For each code: its statuses, and each member's types.
        type Gathered = (
            BTreeSet<u16>,
            BTreeMap<String, BTreeSet<&'static str>>,
            BTreeMap<String, BTreeSet<&'static str>>,
        );
        let mut codes: BTreeMap<String, Gathered> = BTreeMap::new();
        for entry in catalogue.iter() {
            let (statuses, members, messages) = codes.entry(entry.code().to_string()).or_default();
            statuses.insert(entry.status());
            messages
                .entry(entry.key().to_string())
                .or_default()
                .extend(entry.arguments());
            for (index, member) in entry.members().iter().enumerate() {
                let types = members.entry(member.to_string()).or_default();
                if let Some(ty) = member_type(&entry, index) {
                    types.insert(ty);
                }
            }
        }
        let codes = codes
            .into_iter()
            .map(|(code, (statuses, members, messages))| {
                let members = members
                    .into_iter()
                    .map(|(name, types)| (name, types.into_iter().collect::<Vec<_>>().join(" | ")))
                    .collect();
                let messages = messages
                    .into_iter()
                    .map(|(key, arguments)| {
                        (key, arguments.into_iter().map(str::to_string).collect())
                    })
                    .collect();
                let messages = Some(messages);
                (
                    code,
                    Locked {
                        statuses,
                        members,
                        messages,
                    },
                )
            })
            .collect();
        Lock { codes }
    }

    /// The lock file's text: pretty JSON, keys sorted, ending with a line break.
    ///
    /// # Panics
    ///
    /// Never: the lock is a JSON value of strings and numbers, which always serialises.
    ///
    /// ```
    /// use certifier_error::catalogue::lock::Lock;
    /// use certifier_error::CertifierError;
    ///
    /// #[derive(Debug, CertifierError)]
    /// #[certifier(code = "conflict")]
    /// struct Taken {
    ///     #[certifier(extend)]
    ///     id: String,
    /// }
    ///
    /// assert_eq!(
    ///     Lock::of::<Taken>().to_json(),
    ///     "{\n  \"codes\": {\n    \"conflict\": {\n      \"members\": {\n        \"id\": \"String\"\n      },\n      \"messages\": {\n        \"conflict\": [\n          \"id\"\n        ]\n      },\n      \"statuses\": [\n        409\n      ]\n    }\n  },\n  \"format\": 1\n}\n",
    /// );
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        // Inserted in sorted order, so the text is the same whether or not serde_json keeps
        // insertion order (its `preserve_order` feature).
        let mut codes = Map::new();
        for (code, locked) in &self.codes {
            let mut entry = Map::new();
            let members = locked
                .members
                .iter()
                .map(|(name, ty)| (name.clone(), Value::String(ty.clone())))
                .collect();
            entry.insert("members".to_string(), Value::Object(members));
            if let Some(messages) = &locked.messages {
                let messages = messages
                    .iter()
                    .map(|(key, arguments)| {
                        let arguments = arguments.iter().cloned().map(Value::String).collect();
                        (key.clone(), Value::Array(arguments))
                    })
                    .collect();
                entry.insert("messages".to_string(), Value::Object(messages));
            }
            let statuses = locked.statuses.iter().map(|&s| Value::from(s)).collect();
            entry.insert("statuses".to_string(), Value::Array(statuses));
            codes.insert(code.clone(), Value::Object(entry));
        }
        let mut root = Map::new();
        root.insert("codes".to_string(), Value::Object(codes));
        root.insert("format".to_string(), Value::from(FORMAT));
        let mut text = serde_json::to_string_pretty(&Value::Object(root))
            .expect("a JSON value always serialises");
        text.push('\n');
        text
    }

    /// The locked codes, sorted.
    ///
    /// ```
    /// use certifier_error::catalogue::lock::Lock;
    /// use certifier_error::StandardError;
    ///
    /// assert_eq!(Lock::of::<StandardError>().codes().next(), Some("bad_request"));
    /// ```
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        self.codes.keys().map(String::as_str)
    }

    /// The statuses of `code`, ascending; `None` when the code is not locked.
    ///
    /// ```
    /// use certifier_error::catalogue::lock::Lock;
    /// use certifier_error::StandardError;
    ///
    /// let lock = Lock::of::<StandardError>();
    /// assert_eq!(lock.statuses("rate_limited").unwrap(), [429]);
    /// assert!(lock.statuses("plan_limit").is_none());
    /// ```
    #[must_use]
    pub fn statuses(&self, code: &str) -> Option<Vec<u16>> {
        Some(self.codes.get(code)?.statuses.iter().copied().collect())
    }

    /// The members of `code` and their types, by name; `None` when the code is not
    /// locked.
    ///
    /// ```
    /// use certifier_error::catalogue::lock::Lock;
    /// use certifier_error::StandardError;
    ///
    /// assert_eq!(Lock::of::<StandardError>().members("not_found").unwrap().count(), 0);
    /// ```
    #[must_use]
    pub fn members(&self, code: &str) -> Option<impl Iterator<Item = (&str, &str)>> {
        let locked = self.codes.get(code)?;
        Some(
            locked
                .members
                .iter()
                .map(|(name, ty)| (name.as_str(), ty.as_str())),
        )
    }

    /// Every difference from this (locked) state to `current`, breaking or not: codes in
    /// order, and for each its statuses, then its members.
    ///
    /// ```
    /// use certifier_error::catalogue::lock::{Change, Lock};
    ///
    /// let locked = str::parse::<Lock>(r#"{"format":1,"codes":{
    ///     "conflict":{"statuses":[409],"members":{"id":"String","at":"u64"}},
    ///     "not_found":{"statuses":[404],"members":{}}}}"#).unwrap();
    /// let current = str::parse::<Lock>(r#"{"format":1,"codes":{
    ///     "conflict":{"statuses":[400],"members":{"id":"u64","extra":"bool"}}}}"#).unwrap();
    /// let changes: Vec<String> = locked.changes(&current).iter().map(|c| c.to_string()).collect();
    /// assert_eq!(changes, [
    ///     "`conflict` no longer answers with status 409 (it now answers with 400)",
    ///     "`conflict` answers with status 400 as well",
    ///     "`conflict` no longer has the member `at` (u64)",
    ///     "`conflict` has the new member `extra` (bool)",
    ///     "`conflict`'s member `id` changed type from String to u64",
    ///     "the code `not_found` (status 404) was removed",
    /// ]);
    /// assert!(matches!(locked.changes(&current)[1], Change::StatusAdded { .. }));
    /// ```
    #[must_use]
    pub fn changes(&self, current: &Lock) -> Vec<Change> {
        let mut changes = Vec::new();
        let codes: BTreeSet<&String> = self.codes.keys().chain(current.codes.keys()).collect();
        for code in codes {
            let (was, now) = match (self.codes.get(code), current.codes.get(code)) {
                (Some(was), Some(now)) => (was, now),
                (Some(was), None) => {
                    changes.push(Change::CodeRemoved {
                        code: code.clone(),
                        statuses: was.statuses.iter().copied().collect(),
                    });
                    continue;
                }
                (None, Some(_)) => {
                    changes.push(Change::CodeAdded { code: code.clone() });
                    continue;
                }
                (None, None) => continue,
            };
            let now_statuses: Vec<u16> = now.statuses.iter().copied().collect();
            for &status in was.statuses.difference(&now.statuses) {
                changes.push(Change::StatusRemoved {
                    code: code.clone(),
                    status,
                    now: now_statuses.clone(),
                });
            }
            for &status in now.statuses.difference(&was.statuses) {
                changes.push(Change::StatusAdded {
                    code: code.clone(),
                    status,
                });
            }
            let names: BTreeSet<&String> = was.members.keys().chain(now.members.keys()).collect();
            for name in names {
                match (was.members.get(name), now.members.get(name)) {
                    (Some(ty), None) => changes.push(Change::MemberRemoved {
                        code: code.clone(),
                        member: name.clone(),
                        ty: ty.clone(),
                    }),
                    (None, Some(ty)) => changes.push(Change::MemberAdded {
                        code: code.clone(),
                        member: name.clone(),
                        ty: ty.clone(),
                    }),
                    // An unknown type (empty) cannot be compared.
                    (Some(was), Some(now)) if was != now && !was.is_empty() && !now.is_empty() => {
                        changes.push(Change::MemberRetyped {
                            code: code.clone(),
                            member: name.clone(),
                            was: was.clone(),
                            now: now.clone(),
                        })
                    }
                    _ => {}
                }
            }
            // Keys are compared only where both locks record them.
            if let (Some(was), Some(now)) = (&was.messages, &now.messages) {
                message_changes(code, was, now, &mut changes);
            }
        }
        changes
    }
}

/// What changed in the message keys of `code` and their arguments.
fn message_changes(
    code: &str,
    was: &BTreeMap<String, Vec<String>>,
    now: &BTreeMap<String, Vec<String>>,
    changes: &mut Vec<Change>,
) {
    for (key, arguments) in was {
        let Some(current) = now.get(key) else {
            changes.push(Change::MessageRemoved {
                code: code.to_string(),
                key: key.clone(),
            });
            continue;
        };
        for argument in arguments
            .iter()
            .filter(|argument| !current.contains(argument))
        {
            changes.push(Change::ArgumentRemoved {
                code: code.to_string(),
                key: key.clone(),
                argument: argument.clone(),
            });
        }
        for argument in current
            .iter()
            .filter(|argument| !arguments.contains(argument))
        {
            changes.push(Change::ArgumentAdded {
                code: code.to_string(),
                key: key.clone(),
                argument: argument.clone(),
            });
        }
    }
    for key in now.keys().filter(|key| !was.contains_key(*key)) {
        changes.push(Change::MessageAdded {
            code: code.to_string(),
            key: key.clone(),
        });
    }
}

/// `codes.<code>.messages`: each key with the names of its arguments.
fn parse_messages(
    code: &str,
    messages: &Value,
) -> Result<BTreeMap<String, Vec<String>>, LockError> {
    let place = format!("`codes.{code}.messages`");
    object(messages, &place)?
        .iter()
        .map(|(key, arguments)| {
            let error = || {
                LockError(format!(
                    "`codes.{code}.messages.{key}` must be an array of argument names"
                ))
            };
            let arguments = arguments
                .as_array()
                .ok_or_else(error)?
                .iter()
                .map(|argument| argument.as_str().map(str::to_string).ok_or_else(error))
                .collect::<Result<_, _>>()?;
            Ok((key.clone(), arguments))
        })
        .collect()
}

/// The type of the entry's member at `index`, when the entry records it.
fn member_type(entry: &Entry, index: usize) -> Option<&'static str> {
    let types = entry.member_types();
    // Recorded for every member or for none.
    (types.len() == entry.members().len()).then(|| types[index])
}

fn object<'a>(value: &'a Value, place: &str) -> Result<&'a Map<String, Value>, LockError> {
    value
        .as_object()
        .ok_or_else(|| LockError(format!("{place} must be an object")))
}

/// Reads a lock file's text: `text.parse::<Lock>()`.
///
/// # Errors
///
/// When the text is not JSON, or not a lock file of this format: the [`LockError`] says
/// which member is wrong.
///
/// ```
/// use certifier_error::catalogue::lock::Lock;
///
/// let lock = str::parse::<Lock>(r#"{"format":1,"codes":{"conflict":{"statuses":[409],"members":{"id":"String"}}}}"#).unwrap();
/// assert_eq!(lock.statuses("conflict").unwrap(), [409]);
///
/// let error = str::parse::<Lock>(r#"{"format":1,"codes":{"conflict":{"statuses":"409","members":{}}}}"#).unwrap_err();
/// assert_eq!(error.to_string(), "`codes.conflict.statuses` must be an array of HTTP statuses");
/// ```
impl std::str::FromStr for Lock {
    type Err = LockError;

    fn from_str(text: &str) -> Result<Lock, LockError> {
        let value: Value =
            serde_json::from_str(text).map_err(|error| LockError(format!("not JSON: {error}")))?;
        let root = object(&value, "the lock file")?;
        match root.get("format").and_then(Value::as_u64) {
            Some(FORMAT) => {}
            Some(other) => {
                return Err(LockError(format!(
                    "`format` {other} is not understood by this version (it writes {FORMAT})"
                )))
            }
            None => return Err(LockError(format!("`format` must be the number {FORMAT}"))),
        }
        let codes = root
            .get("codes")
            .ok_or_else(|| LockError("`codes` is missing".to_string()))?;
        let mut lock = Lock::default();
        for (code, locked) in object(codes, "`codes`")? {
            let place = format!("`codes.{code}`");
            let locked = object(locked, &place)?;
            let statuses_error = || {
                LockError(format!(
                    "`codes.{code}.statuses` must be an array of HTTP statuses"
                ))
            };
            let statuses = locked
                .get("statuses")
                .and_then(Value::as_array)
                .ok_or_else(statuses_error)?
                .iter()
                .map(|status| {
                    status
                        .as_u64()
                        .and_then(|status| u16::try_from(status).ok())
                        .ok_or_else(statuses_error)
                })
                .collect::<Result<_, _>>()?;
            let members_place = format!("`codes.{code}.members`");
            let members = locked
                .get("members")
                .ok_or_else(|| LockError(format!("{members_place} is missing")))?;
            let members = object(members, &members_place)?
                .iter()
                .map(|(name, ty)| match ty.as_str() {
                    Some(ty) => Ok((name.clone(), ty.to_string())),
                    None => Err(LockError(format!(
                        "`codes.{code}.members.{name}` must be a string: the member's type"
                    ))),
                })
                .collect::<Result<_, _>>()?;
            let messages = match locked.get("messages") {
                None => None,
                Some(messages) => Some(parse_messages(code, messages)?),
            };
            lock.codes.insert(
                code.clone(),
                Locked {
                    statuses,
                    members,
                    messages,
                },
            );
        }
        Ok(lock)
    }
}

/// One difference between a lock file and the current catalogue.
///
/// ```
/// use certifier_error::catalogue::lock::{Change, Lock};
///
/// let locked: Lock = r#"{"format":1,"codes":{"plan_limit":{"statuses":[402],"members":{}}}}"#.parse()?;
/// let changes = locked.changes(&Lock::default());
/// assert!(matches!(&changes[0], Change::CodeRemoved { code, .. } if code == "plan_limit"));
/// assert!(changes[0].is_breaking());
/// assert_eq!(changes[0].to_string(), "the code `plan_limit` (status 402) was removed");
/// # Ok::<(), certifier_error::catalogue::lock::LockError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Change {
    /// A locked code is gone. Breaking.
    #[non_exhaustive]
    CodeRemoved {
        /// The code.
        code: String,
        /// The statuses it answered with.
        statuses: Vec<u16>,
    },
    /// A locked code no longer answers with one of its statuses. Breaking.
    #[non_exhaustive]
    StatusRemoved {
        /// The code.
        code: String,
        /// The status it no longer answers with.
        status: u16,
        /// The statuses it answers with now.
        now: Vec<u16>,
    },
    /// A locked member of a code is gone. Breaking.
    #[non_exhaustive]
    MemberRemoved {
        /// The code.
        code: String,
        /// The member's JSON name.
        member: String,
        /// Its locked type.
        ty: String,
    },
    /// A locked message key of a code is gone: its translations no longer apply.
    /// Breaking.
    #[non_exhaustive]
    MessageRemoved {
        /// The code.
        code: String,
        /// The message key.
        key: String,
    },
    /// A locked argument of a message is gone: translations that use it fall back to
    /// the source message. Breaking.
    #[non_exhaustive]
    ArgumentRemoved {
        /// The code.
        code: String,
        /// The message key.
        key: String,
        /// The argument's name.
        argument: String,
    },
    /// A message key is new: its translations are to be written.
    #[non_exhaustive]
    MessageAdded {
        /// The code.
        code: String,
        /// The message key.
        key: String,
    },
    /// A message has a new argument, which translations may use.
    #[non_exhaustive]
    ArgumentAdded {
        /// The code.
        code: String,
        /// The message key.
        key: String,
        /// The argument's name.
        argument: String,
    },
    /// A locked member of a code has another type. Breaking.
    #[non_exhaustive]
    MemberRetyped {
        /// The code.
        code: String,
        /// The member's JSON name.
        member: String,
        /// Its locked type.
        was: String,
        /// Its type now.
        now: String,
    },
    /// A new code. Compatible: clients tolerate codes they do not know.
    #[non_exhaustive]
    CodeAdded {
        /// The code.
        code: String,
    },
    /// A code answers with a status it did not before. Compatible.
    #[non_exhaustive]
    StatusAdded {
        /// The code.
        code: String,
        /// The new status.
        status: u16,
    },
    /// A code has a new member. Compatible: clients ignore members they do not know.
    #[non_exhaustive]
    MemberAdded {
        /// The code.
        code: String,
        /// The member's JSON name.
        member: String,
        /// Its type.
        ty: String,
    },
}

impl Change {
    /// Whether a client written against the lock file can break.
    ///
    /// ```
    /// use certifier_error::catalogue::lock::Lock;
    ///
    /// let current: Lock = r#"{"format":1,"codes":{"plan_limit":{"statuses":[402],"members":{}}}}"#.parse()?;
    /// let added = &Lock::default().changes(&current)[0];
    /// assert!(!added.is_breaking());
    /// # Ok::<(), certifier_error::catalogue::lock::LockError>(())
    /// ```
    #[must_use]
    pub fn is_breaking(&self) -> bool {
        matches!(
            self,
            Change::CodeRemoved { .. }
                | Change::StatusRemoved { .. }
                | Change::MemberRemoved { .. }
                | Change::MemberRetyped { .. }
                | Change::MessageRemoved { .. }
                | Change::ArgumentRemoved { .. }
        )
    }
}

/// One line for a test's failure message.
impl Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Change::CodeRemoved { code, statuses } => {
                write!(
                    f,
                    "the code `{code}` (status {}) was removed",
                    List(statuses)
                )
            }
            Change::StatusRemoved { code, status, now } => write!(
                f,
                "`{code}` no longer answers with status {status} (it now answers with {})",
                List(now)
            ),
            Change::MemberRemoved { code, member, ty } => {
                write!(f, "`{code}` no longer has the member `{member}` ({ty})")
            }
            Change::MemberRetyped {
                code,
                member,
                was,
                now,
            } => write!(
                f,
                "`{code}`'s member `{member}` changed type from {was} to {now}"
            ),
            Change::MessageRemoved { code, key } => {
                write!(f, "`{code}` no longer has the message key `{key}`")
            }
            Change::ArgumentRemoved {
                code,
                key,
                argument,
            } => write!(
                f,
                "`{code}`'s message `{key}` no longer has the argument `${argument}`"
            ),
            Change::MessageAdded { code, key } => {
                write!(f, "`{code}` has the new message key `{key}`")
            }
            Change::ArgumentAdded {
                code,
                key,
                argument,
            } => write!(
                f,
                "`{code}`'s message `{key}` has the new argument `${argument}`"
            ),
            Change::CodeAdded { code } => write!(f, "the code `{code}` is new"),
            Change::StatusAdded { code, status } => {
                write!(f, "`{code}` answers with status {status} as well")
            }
            Change::MemberAdded { code, member, ty } => {
                write!(f, "`{code}` has the new member `{member}` ({ty})")
            }
        }
    }
}

/// Statuses joined with `, `.
struct List<'a>(&'a [u16]);

impl Display for List<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, status) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{status}")?;
        }
        Ok(())
    }
}

/// A lock file that cannot be read: what is wrong, and where.
///
/// ```
/// use certifier_error::catalogue::lock::Lock;
///
/// let error = str::parse::<Lock>("{}").unwrap_err();
/// assert_eq!(error.to_string(), "`format` must be the number 1");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockError(String);

impl Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LockError {}
