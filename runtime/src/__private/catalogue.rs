//! What a derived `ErrorCatalogue` is built from: its parts, its entries, and the
//! catalogue of a transparent field's type, found by type alone so that it works in the
//! `const`.

use core::marker::PhantomData;

pub use crate::catalogue::part::Part;
use crate::catalogue::{Catalogue, Entry};
use crate::choice::{type_question, FirstChoice, LastChoice};
use crate::{ErrorCatalogue, LogLevel};

/// The catalogue made of `parts`, in variant order.
#[must_use]
pub const fn new_catalogue(parts: &'static [Part]) -> Catalogue {
    Catalogue { parts }
}

/// The entry of one variant; `members` and `member_types` run side by side. Its log
/// level follows its status unless [`entry_logged_at`] sets one.
#[allow(clippy::too_many_arguments)]
#[must_use]
pub const fn new_entry(
    status: u16,
    code: &'static str,
    message: &'static str,
    members: &'static [&'static str],
    member_types: &'static [&'static str],
    flattened: bool,
    docs: &'static str,
    doc_url: Option<&'static str>,
    variant: &'static str,
) -> Entry {
    Entry {
        status,
        code,
        message,
        members,
        member_types,
        flattened,
        docs,
        doc_url,
        variant,
        log_level: None,
        grpc: None,
        key: None,
        arguments: &[],
        pattern: None,
    }
}

/// The entry of a variant without members: [`new_entry`] with none.
#[must_use]
pub const fn new_plain_entry(
    status: u16,
    code: &'static str,
    message: &'static str,
    docs: &'static str,
    doc_url: Option<&'static str>,
    variant: &'static str,
) -> Entry {
    new_entry(
        status,
        code,
        message,
        &[],
        &[],
        false,
        docs,
        doc_url,
        variant,
    )
}

/// The entry with the gRPC code its `#[certifier(grpc = "...")]` names.
#[must_use]
pub const fn entry_answered_as(mut entry: Entry, grpc: &'static str) -> Entry {
    entry.grpc = Some(grpc);
    entry
}

/// The entry with its message key, its arguments and its source message in Fluent
/// syntax, where they are not the code, none and the message itself.
#[must_use]
pub const fn entry_translated(
    mut entry: Entry,
    key: &'static str,
    arguments: &'static [&'static str],
    pattern: &'static str,
) -> Entry {
    entry.key = Some(key);
    entry.arguments = arguments;
    entry.pattern = Some(pattern);
    entry
}

/// The entry with the level its `#[certifier(log = "...")]` names.
#[must_use]
pub const fn entry_logged_at(mut entry: Entry, level: LogLevel) -> Entry {
    entry.log_level = Some(level);
    entry
}

/// The number of member names (and of types) the entries of `inner` list once `own`
/// more follow each entry's own: the length of [`appended_members`]'s arrays.
#[must_use]
pub const fn appended_len(inner: Catalogue, own: usize) -> usize {
    let mut count = 0;
    let mut index = 0;
    while let Some(entry) = inner.get(index) {
        count += entry.members.len() + own;
        index += 1;
    }
    count
}

/// The member names of each entry of `inner` followed by `names`, entry after entry:
/// what the entries a transparent variant with `extend` fields reaches list. The entries
/// themselves, made by [`appended_entries`], are slices of this array.
#[must_use]
pub const fn appended_members<const N: usize>(
    inner: Catalogue,
    names: &'static [&'static str],
) -> [&'static str; N] {
    appended::<N>(inner, names, false)
}

/// The member types of each entry of `inner` followed by `types`, laid out as
/// [`appended_members`] lays out the names. An entry that records no types (none of its
/// members has one) leaves its part empty, and then records none either.
#[must_use]
pub const fn appended_member_types<const N: usize>(
    inner: Catalogue,
    types: &'static [&'static str],
) -> [&'static str; N] {
    appended::<N>(inner, types, true)
}

/// Each entry's member names (or `types`, their types) followed by `own`.
const fn appended<const N: usize>(
    inner: Catalogue,
    own: &'static [&'static str],
    types: bool,
) -> [&'static str; N] {
    let mut out = [""; N];
    let mut at = 0;
    let mut index = 0;
    while let Some(entry) = inner.get(index) {
        let from = if types {
            entry.member_types
        } else {
            entry.members
        };
        let len = entry.members.len() + own.len();
        // (A `&mut` to `out` in a `const fn` would need Rust 1.83: the copies are here.)
        if from.len() == entry.members.len() {
            let mut copied = 0;
            while copied < from.len() {
                out[at + copied] = from[copied];
                copied += 1;
            }
            while copied < len {
                out[at + copied] = own[copied - from.len()];
                copied += 1;
            }
        }
        at += len;
        index += 1;
    }
    assert!(at == N, "the array length must be `appended_len`");
    out
}

/// The entries of `inner`, each listing its members followed by the `own` members of
/// a transparent variant: `members` and `member_types` are the arrays of
/// [`appended_members`] and [`appended_member_types`]. `doc_url` is the container's,
/// which replaces the inner entries' own when it has one. `N` is `inner.len()`.
#[must_use]
pub const fn appended_entries<const N: usize>(
    inner: Catalogue,
    members: &'static [&'static str],
    member_types: &'static [&'static str],
    own: usize,
    doc_url: Option<&'static str>,
) -> [Entry; N] {
    let mut out = [Entry::PLACEHOLDER; N];
    let mut at = 0;
    let mut index = 0;
    while index < N {
        let Some(mut entry) = inner.get(index) else {
            panic!("the array length must be the inner catalogue's length");
        };
        let len = entry.members.len() + own;
        let recorded = entry.member_types.len() == entry.members.len();
        entry.members = sub_slice(members, at, len);
        entry.member_types = if recorded {
            sub_slice(member_types, at, len)
        } else {
            &[]
        };
        if doc_url.is_some() {
            entry.doc_url = doc_url;
        }
        out[index] = entry;
        at += len;
        index += 1;
    }
    out
}

/// `slice[start..start + len]`, in a `const fn`.
const fn sub_slice(
    slice: &'static [&'static str],
    start: usize,
    len: usize,
) -> &'static [&'static str] {
    let (_, rest) = slice.split_at(start);
    let (part, _) = rest.split_at(len);
    part
}

/// What follows the entries [`appended_entries`] made: a mark that the inner
/// catalogue is open where it is, so that the catalogue holding them is open too.
#[must_use]
pub const fn appended_rest(inner: Catalogue) -> Part {
    if inner.is_complete() {
        Part::Entries(&[])
    } else {
        Part::Open
    }
}

type_question! {
    /// The question: does the field type have a catalogue? Its answers are types: the
    /// derive writes `pick_catalogue(|| (&&CatalogueOf::<T>::NEW).choose())`, which reads
    /// the chosen type's constant without calling the closure (a `const` cannot call a
    /// trait method on stable Rust; the closure is only type-checked, to name the
    /// answer). See [`choice`](super::choice).
    ///
    /// [`Listed`] when `T: ErrorCatalogue`; [`Unlisted`], whose catalogue is
    /// [`Catalogue::OPEN`], for a type that implements `CertifierError` by hand without
    /// one. For a field type that names a type parameter the choice would be made once,
    /// for the parameter (always `Unlisted`), so the derive bounds such a type by
    /// `ErrorCatalogue` instead of asking.
    CatalogueOf
}

/// The answer for a field type with a catalogue.
pub struct Listed<T: ?Sized>(PhantomData<T>);

/// The answer for a field type without one: its errors cannot be listed.
pub struct Unlisted;

impl<T: ErrorCatalogue + ?Sized> FirstChoice for &&CatalogueOf<T> {
    type Choice = Listed<T>;
    fn choose(self) -> Listed<T> {
        Listed(PhantomData)
    }
}

impl<T: ?Sized> LastChoice for CatalogueOf<T> {
    type Choice = Unlisted;
    fn choose(self) -> Unlisted {
        Unlisted
    }
}

/// The catalogue an answer stands for.
pub trait ChosenCatalogue {
    /// The field type's catalogue, or [`Catalogue::OPEN`].
    const CATALOGUE: Catalogue;
}

impl<T: ErrorCatalogue + ?Sized> ChosenCatalogue for Listed<T> {
    const CATALOGUE: Catalogue = T::CATALOGUE;
}

impl ChosenCatalogue for Unlisted {
    const CATALOGUE: Catalogue = Catalogue::OPEN;
}

/// The catalogue of the answer `choose` returns; `choose` is not called.
pub const fn pick_catalogue<K: ChosenCatalogue, F: FnOnce() -> K>(choose: F) -> Catalogue {
    core::mem::forget(choose);
    K::CATALOGUE
}

#[cfg(test)]
mod tests {
    use super::{
        appended_entries, appended_len, appended_member_types, appended_members, appended_rest,
        new_catalogue, new_entry, Part,
    };
    use crate::catalogue::{Catalogue, Entry};

    const UNTYPED: Entry = new_entry(400, "a", "A.", &["x", "y"], &[], false, "", None, "T::A");
    const TYPED: Entry = new_entry(
        409,
        "b",
        "B.",
        &["z"],
        &["u8"],
        false,
        "",
        Some("https://example.com/{code}"),
        "T::B",
    );
    const INNER: Catalogue = new_catalogue(&[Part::Entries(&[UNTYPED, TYPED]), Part::Open]);
    const LEN: usize = appended_len(INNER, 1);
    const MEMBERS: [&str; LEN] = appended_members(INNER, &["own"]);
    const TYPES: [&str; LEN] = appended_member_types(INNER, &["String"]);
    const ENTRIES: [Entry; INNER.len()] = appended_entries(INNER, &MEMBERS, &TYPES, 1, None);
    const LINKED: [Entry; INNER.len()] =
        appended_entries(INNER, &MEMBERS, &TYPES, 1, Some("https://docs.example.com"));

    #[test]
    fn each_entry_lists_the_members_after_its_own() {
        assert_eq!(LEN, 5);
        assert_eq!(ENTRIES[0].members(), ["x", "y", "own"]);
        assert_eq!(ENTRIES[1].members(), ["z", "own"]);
        assert_eq!(ENTRIES[1].member_types(), ["u8", "String"]);
        // An entry that records no types records none with the members after it.
        assert!(ENTRIES[0].member_types().is_empty());
        assert_eq!(
            (ENTRIES[1].status(), ENTRIES[1].code(), ENTRIES[1].variant()),
            (409, "b", "T::B")
        );
        // The entry keeps its link unless the container has one.
        assert_eq!(ENTRIES[1].doc_url, Some("https://example.com/{code}"));
        assert_eq!(LINKED[0].doc_url, Some("https://docs.example.com"));
        assert_eq!(LINKED[1].doc_url, Some("https://docs.example.com"));
        assert!(matches!(appended_rest(INNER), Part::Open));
        assert!(matches!(
            appended_rest(Catalogue::EMPTY),
            Part::Entries(&[])
        ));
    }
}
