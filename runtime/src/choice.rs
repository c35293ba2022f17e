//! Choosing, by a type's traits, what generated code does with a value of that type.
//! Generated code names the traits as `__private::choice::*`; the runtime's own modules
//! (`__private`, `openapi`) import them from here.
//!
//! The derive often has to do one thing for a field whose type implements some trait and
//! another thing otherwise: write a string without `serde`, read a transparent field's
//! catalogue where its type has one. It only sees the type as written, which may be an
//! alias or come from another crate, and stable Rust has no specialisation. Method
//! resolution gives the same effect, and every such choice in this crate is made the
//! same way:
//!
//! - a **question** is a small `Copy` type wrapping the value (`json::Text`,
//!   `json::Value`, `json::Flatten`, [`LiteralOf`](crate::__private::LiteralOf)), or only naming
//!   the type
//!   ([`CatalogueOf`](crate::__private::CatalogueOf), and the OpenAPI relays' `SchemaOf`,
//!   `ResponsesOf`, `JsonSchemaOf` and `InlineJsonSchemaOf`), declared with `type_question!`;
//! - its **answers** are impls of [`FirstChoice`] for `&&Question`, [`SecondChoice`]
//!   for `&Question` and [`LastChoice`] for `Question`, each bounded by what it needs (a
//!   question with two answers skips the second);
//! - generated code calls `(&&question).choose()` with the three traits in scope. Method
//!   resolution looks for `choose` on `&&Question`, then on `&Question`, then on
//!   `Question`, and takes the first impl whose bounds hold;
//! - `choose` returns the chosen answer, a value whose own methods do the work.
//!
//! ```
//! use certifier_error::__private::choice::{FirstChoice, LastChoice};
//!
//! #[derive(Clone, Copy)]
//! struct IsText<'a, T: ?Sized>(&'a T);
//!
//! impl<T: AsRef<str> + ?Sized> FirstChoice for &&IsText<'_, T> {
//!     type Choice = bool;
//!     fn choose(self) -> bool {
//!         true
//!     }
//! }
//!
//! impl<T: ?Sized> LastChoice for IsText<'_, T> {
//!     type Choice = bool;
//!     fn choose(self) -> bool {
//!         false
//!     }
//! }
//!
//! assert!((&&IsText(&String::new())).choose());
//! assert!(!(&&IsText(&5)).choose());
//! ```
//!
//! The choice is made where the calling code is type-checked. For a field whose type
//! names a type parameter, that is once, for the parameter, in the generic impl: the
//! derive then either bounds the type by the trait or takes the general path itself, so
//! that no choice depends on a bound it cannot see.

/// The preferred answer to a question, implemented for `&&Question`; see the module
/// `choice` (`runtime/src/choice.rs`).
pub trait FirstChoice {
    /// What the answer does or is.
    type Choice;
    /// The answer.
    fn choose(self) -> Self::Choice;
}

/// The answer when the first one's bounds do not hold, implemented for `&Question`; see
/// the module `choice`.
pub trait SecondChoice {
    /// What the answer does or is.
    type Choice;
    /// The answer.
    fn choose(self) -> Self::Choice;
}

/// The answer for every other type, implemented for `Question`; see the module `choice`.
pub trait LastChoice {
    /// What the answer does or is.
    type Choice;
    /// The answer.
    fn choose(self) -> Self::Choice;
}

/// Declares a question that only names a type, asked as `(&&Name::<T>::NEW).choose()`.
macro_rules! type_question {
    ($(#[$attr:meta])* $name:ident) => {
        $(#[$attr])*
        pub struct $name<T: ?Sized>(core::marker::PhantomData<T>);

        impl<T: ?Sized> $name<T> {
            /// The question; only its type matters.
            pub const NEW: Self = $name(core::marker::PhantomData);
        }

        impl<T: ?Sized> Clone for $name<T> {
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<T: ?Sized> Copy for $name<T> {}
    };
}

pub(crate) use type_question;

/// Makes questions that wrap a borrowed value (`Question<'_, T>(&T, ..)`) `Copy`, as the
/// last answer takes the question by value; derived impls would ask `T: Copy`.
macro_rules! questions_are_copy {
    ($($question:ident),*) => {$(
        impl<T: ?Sized> Clone for $question<'_, T> {
            #[inline(always)]
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<T: ?Sized> Copy for $question<'_, T> {}
    )*};
}

pub(crate) use questions_are_copy;
