//! What a derived `ErrorCatalogue` is built from: its parts, its entries, and the
//! catalogue of a transparent field's type, found by type alone so that it works in the
//! `const`.

use core::marker::PhantomData;

use super::choice::{type_question, FirstChoice, LastChoice};
use crate::catalogue::{Catalogue, Entry};
use crate::{ErrorCatalogue, LogLevel};

/// One piece of a [`Catalogue`].
#[derive(Clone, Copy, Debug)]
pub enum Part {
    /// Consecutive variants of the type itself.
    Entries(&'static [Entry]),
    /// A transparent variant: the field type's catalogue, with the container's `doc_url`
    /// template when it has one (it replaces the inner entries' own).
    Inner(Catalogue, Option<&'static str>),
    /// Errors that cannot be listed: a trait object's.
    Open,
}

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

/// The entry with the level its `#[certifier(log = "...")]` names.
#[must_use]
pub const fn entry_logged_at(mut entry: Entry, level: LogLevel) -> Entry {
    entry.log_level = Some(level);
    entry
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
