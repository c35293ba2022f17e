//! The catalogue of a transparent field's type, found by type alone so that it works in
//! the `const` of a derived `ErrorCatalogue`.

use core::marker::PhantomData;

use super::choice::{type_question, FirstChoice, LastChoice};
use crate::catalogue::Catalogue;
use crate::ErrorCatalogue;

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
