//! Collects every error found while reading one derive input, so they are all reported
//! in one compile, each at its own span.

use std::cell::RefCell;

use quote::ToTokens;

/// The error collector. It must be consumed by [`Ctxt::check`]: dropping it with errors
/// still inside would lose them, so that panics.
pub struct Ctxt {
    // `None` once checked.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// Reports `message` at the span of `tokens`.
    pub fn error_spanned_by(&self, tokens: &dyn ToTokens, message: impl std::fmt::Display) {
        // Generic in the message only: each type of message copies this one call.
        self.error_at(tokens.to_token_stream(), &message);
    }

    fn error_at(&self, tokens: proc_macro2::TokenStream, message: &dyn std::fmt::Display) {
        self.syn_error(syn::Error::new_spanned(tokens, message));
    }

    pub fn syn_error(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("errors are collected before the context is checked")
            .push(error);
    }

    /// All errors combined, or `Ok` when there were none.
    pub fn check(self) -> syn::Result<()> {
        let mut errors = self
            .errors
            .borrow_mut()
            .take()
            .expect("a context is checked once")
            .into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("the error context was dropped without being checked");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Ctxt;

    #[test]
    #[should_panic(expected = "dropped without being checked")]
    fn an_unchecked_context_panics_when_dropped() {
        let cx = Ctxt::new();
        cx.error_spanned_by(&quote::quote!(x), "lost");
        drop(cx);
    }

    #[test]
    fn a_checked_context_returns_every_error() {
        let cx = Ctxt::new();
        cx.error_spanned_by(&quote::quote!(a), "first");
        cx.error_spanned_by(&quote::quote!(b), "second");
        let errors: Vec<String> = cx
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(errors, ["first", "second"]);
    }
}
