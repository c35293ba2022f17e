//! The paths that many templates name, and the imports they share, each one value.
//!
//! `quote!` writes a path such as `::core::option::Option::Some` as one push per
//! separator and segment, each a call the macro crate compiles; a value here is one
//! push in every template that names it. The tokens are the ones `quote!` writes:
//! `::` as a joint and an alone `:`, every token at the call site. So a value may
//! stand in `quote!`, but not in `quote_spanned!`, whose tokens take the given span.

use proc_macro2::{Delimiter, Group, Punct, Spacing, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};

use super::local;

/// `::`, as `quote!` writes it.
fn append_separator(tokens: &mut TokenStream) {
    tokens.append(Punct::new(':', Spacing::Joint));
    tokens.append(Punct::new(':', Spacing::Alone));
}

/// An absolute path into `core`, `::core::segment…`, written at the call site.
pub struct CorePath(&'static [&'static str]);

impl ToTokens for CorePath {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        for segment in self.0 {
            append_separator(tokens);
            tokens.append(local(segment));
        }
    }
}

pub const OPTION: CorePath = CorePath(&["core", "option", "Option"]);
pub const SOME: CorePath = CorePath(&["core", "option", "Option", "Some"]);
pub const NONE: CorePath = CorePath(&["core", "option", "Option", "None"]);
pub const RESULT: CorePath = CorePath(&["core", "result", "Result"]);
pub const OK: CorePath = CorePath(&["core", "result", "Result", "Ok"]);
pub const STR: CorePath = CorePath(&["core", "primitive", "str"]);
pub const U8: CorePath = CorePath(&["core", "primitive", "u8"]);
pub const U16: CorePath = CorePath(&["core", "primitive", "u16"]);
pub const USIZE: CorePath = CorePath(&["core", "primitive", "usize"]);
pub const DISPLAY: CorePath = CorePath(&["core", "fmt", "Display"]);
pub const DEBUG: CorePath = CorePath(&["core", "fmt", "Debug"]);
pub const FORMATTER: CorePath = CorePath(&["core", "fmt", "Formatter"]);
pub const FMT_RESULT: CorePath = CorePath(&["core", "fmt", "Result"]);
pub const ERROR: CorePath = CorePath(&["core", "error", "Error"]);
pub const FROM: CorePath = CorePath(&["core", "convert", "From"]);
pub const INTO: CorePath = CorePath(&["core", "convert", "Into"]);
pub const FN_MUT: CorePath = CorePath(&["core", "ops", "FnMut"]);
pub const UNREACHABLE: CorePath = CorePath(&["core", "unreachable"]);
pub const WRITE: CorePath = CorePath(&["core", "write"]);
pub const FORMAT_ARGS: CorePath = CorePath(&["core", "format_args"]);
pub const ENV: CorePath = CorePath(&["core", "env"]);

/// `#[allow(unused_imports)]`, on an import that some arms of a `match` leave unused.
pub struct AllowUnusedImports;

pub const ALLOW_UNUSED_IMPORTS: AllowUnusedImports = AllowUnusedImports;

impl ToTokens for AllowUnusedImports {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        let lint = TokenStream::from(TokenTree::Ident(local("unused_imports")));
        let mut allow = TokenStream::from(TokenTree::Ident(local("allow")));
        allow.append(Group::new(Delimiter::Parenthesis, lint));
        tokens.append(Punct::new('#', Spacing::Alone));
        tokens.append(Group::new(Delimiter::Bracket, allow));
    }
}

/// The runtime's hidden module, `#runtime::__private`: the runtime's path, then
/// `::__private`.
#[derive(Clone, Copy)]
pub struct Private<'a>(pub &'a TokenStream);

impl<'a> Private<'a> {
    /// `use #runtime::__private::choice::{FirstChoice as _, …};` with `traits`, the
    /// traits among which a `choose()` call picks by autoref; after
    /// `#[allow(unused_imports)]` where `allow_unused`, for a scope where some of the
    /// traits may go unused (one is picked, or no arm calls `choose()`).
    pub fn choice_imports(
        self,
        traits: &'static [&'static str],
        allow_unused: bool,
    ) -> ChoiceImports<'a> {
        ChoiceImports {
            private: self,
            traits,
            allow_unused,
        }
    }
}

impl ToTokens for Private<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens);
        append_separator(tokens);
        tokens.append(local("__private"));
    }
}

/// See [`Private::choice_imports`].
pub struct ChoiceImports<'a> {
    private: Private<'a>,
    traits: &'static [&'static str],
    allow_unused: bool,
}

impl ToTokens for ChoiceImports<'_> {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        if self.allow_unused {
            ALLOW_UNUSED_IMPORTS.to_tokens(tokens);
        }
        tokens.append(local("use"));
        self.private.to_tokens(tokens);
        append_separator(tokens);
        tokens.append(local("choice"));
        append_separator(tokens);
        let mut names = TokenStream::new();
        for (index, name) in self.traits.iter().enumerate() {
            if index > 0 {
                names.append(Punct::new(',', Spacing::Alone));
            }
            names.append(local(name));
            names.append(local("as"));
            names.append(local("_"));
        }
        tokens.append(Group::new(Delimiter::Brace, names));
        tokens.append(Punct::new(';', Spacing::Alone));
    }
}
