//! Parsing of `#[certifier(...)]`, `#[source]` and `#[from]`, with the checks that
//! concern a single key: its place, its value's form, repeats.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, Lit, LitInt, LitStr, Meta, Token};

use crate::case::RenameRule;
use crate::ctx::Ctxt;

/// Where an attribute list sits; decides which keys it may hold.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Place {
    Enum,
    /// A struct is its own single variant: container and variant keys both apply.
    Struct,
    Variant,
    Field,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Level {
    Container,
    Variant,
    Field,
}

impl Place {
    fn accepts(self, level: Level) -> bool {
        match self {
            Place::Enum => level == Level::Container,
            Place::Struct => matches!(level, Level::Container | Level::Variant),
            Place::Variant => level == Level::Variant,
            Place::Field => level == Level::Field,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Place::Enum => "an enum",
            Place::Struct => "a struct",
            Place::Variant => "a variant",
            Place::Field => "a field",
        }
    }
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Value {
    /// A bare flag: `transparent`.
    Flag,
    Str,
    Int,
}

const KEYS: &[(&str, Level, Value)] = &[
    ("rename_all", Level::Container, Value::Str),
    ("crate", Level::Container, Value::Str),
    ("doc_url", Level::Container, Value::Str),
    ("code", Level::Variant, Value::Str),
    ("status", Level::Variant, Value::Int),
    ("message", Level::Variant, Value::Str),
    ("transparent", Level::Variant, Value::Flag),
    ("extend", Level::Field, Value::Flag),
    ("rename", Level::Field, Value::Str),
    ("flatten", Level::Field, Value::Flag),
    ("header", Level::Field, Value::Str),
];

/// An integer attribute value with the span of its literal.
#[derive(Clone)]
pub struct SpannedInt {
    pub value: u16,
    pub lit: LitInt,
}

/// Everything the attributes of one item said. Which keys can be set depends on the
/// [`Place`]; the others stay `None`.
#[derive(Default, Clone)]
pub struct Attrs {
    pub rename_all: Option<(RenameRule, LitStr)>,
    pub crate_path: Option<syn::Path>,
    pub doc_url: Option<LitStr>,
    pub code: Option<LitStr>,
    pub status: Option<SpannedInt>,
    pub message: Option<LitStr>,
    pub transparent: Option<Ident>,
    pub extend: Option<Ident>,
    pub rename: Option<LitStr>,
    pub flatten: Option<Ident>,
    pub header: Option<LitStr>,
    /// `#[source]`.
    pub source: Option<Span>,
    /// `#[from]`.
    pub from: Option<Span>,
    /// The first `#[certifier(...)]` attribute, where errors about the item as a whole
    /// are reported.
    pub certifier: Option<TokenStream>,
    /// The doc comment, one entry per line, leading space trimmed.
    pub docs: Vec<String>,
}

impl Attrs {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute], place: Place) -> Attrs {
        let mut parsed = Attrs::default();
        for attr in attrs {
            let path = attr.path();
            if path.is_ident("certifier") {
                parsed
                    .certifier
                    .get_or_insert_with(|| attr.to_token_stream());
                parsed.parse_certifier(cx, attr, place);
            } else if path.is_ident("source") {
                parsed.source = parse_marker(cx, attr, place, "source", parsed.source);
            } else if path.is_ident("from") {
                parsed.from = parse_marker(cx, attr, place, "from", parsed.from);
            } else if path.is_ident("doc") {
                if let Some(line) = doc_line(attr) {
                    parsed.docs.push(line);
                }
            }
        }
        parsed
    }

    fn parse_certifier(&mut self, cx: &Ctxt, attr: &Attribute, place: Place) {
        let Meta::List(list) = &attr.meta else {
            cx.error_spanned_by(
                attr,
                "expected a list of keys, such as `#[certifier(code = \"not_found\")]`",
            );
            return;
        };
        if list.tokens.is_empty() {
            cx.error_spanned_by(
                attr,
                "empty `#[certifier()]`: add keys, such as `#[certifier(code = \"not_found\")]`",
            );
            return;
        }
        let parser = |input: ParseStream| {
            while !input.is_empty() {
                // `parse_any` accepts keywords, so `crate` can be a key.
                let key = input.call(Ident::parse_any)?;
                let value = if input.peek(Token![=]) {
                    let eq: Token![=] = input.parse()?;
                    Some((eq, take_value(input)))
                } else {
                    None
                };
                self.apply(cx, place, &key, value);
                if input.is_empty() {
                    break;
                }
                input.parse::<Token![,]>()?;
            }
            Ok(())
        };
        if let Err(error) = parser.parse2(list.tokens.clone()) {
            cx.syn_error(error);
        }
    }

    fn apply(
        &mut self,
        cx: &Ctxt,
        place: Place,
        key: &Ident,
        value: Option<(Token![=], TokenStream)>,
    ) {
        let name = key.to_string();
        let Some(&(_, level, kind)) = KEYS.iter().find(|(known, _, _)| *known == name) else {
            cx.error_spanned_by(key, unknown_key_message(&name, place));
            return;
        };
        if !place.accepts(level) {
            cx.error_spanned_by(key, misplaced_key_message(&name, level, place));
            return;
        }
        let Some(value) = read_value(cx, key, kind, value) else {
            return;
        };
        let duplicate = match (name.as_str(), value) {
            ("rename_all", ParsedValue::Str(lit)) => match RenameRule::from_name(&lit.value()) {
                Some(rule) => set(&mut self.rename_all, (rule, lit)),
                None => {
                    cx.error_spanned_by(
                        &lit,
                        format!(
                            "unknown case `{}` for `rename_all`; expected one of {}",
                            lit.value(),
                            RenameRule::expected()
                        ),
                    );
                    false
                }
            },
            ("crate", ParsedValue::Str(lit)) => match lit.parse::<syn::Path>() {
                Ok(path) => set(&mut self.crate_path, path),
                Err(_) => {
                    cx.error_spanned_by(
                        &lit,
                        "`crate` must be a path, such as `crate = \"my_api::certifier_error\"`",
                    );
                    false
                }
            },
            ("doc_url", ParsedValue::Str(lit)) => set(&mut self.doc_url, lit),
            ("code", ParsedValue::Str(lit)) => {
                check_code_format(cx, &lit);
                set(&mut self.code, lit)
            }
            ("status", ParsedValue::Int(status)) => set(&mut self.status, status),
            ("message", ParsedValue::Str(lit)) => set(&mut self.message, lit),
            ("transparent", ParsedValue::Flag) => set(&mut self.transparent, key.clone()),
            ("extend", ParsedValue::Flag) => set(&mut self.extend, key.clone()),
            ("rename", ParsedValue::Str(lit)) => set(&mut self.rename, lit),
            ("flatten", ParsedValue::Flag) => set(&mut self.flatten, key.clone()),
            ("header", ParsedValue::Str(lit)) => set(&mut self.header, lit),
            _ => unreachable!("KEYS and this match list the same keys and value kinds"),
        };
        if duplicate {
            cx.error_spanned_by(key, format!("duplicate `{name}` key: give it once"));
        }
    }
}

/// Stores `value` unless a value is already there; returns whether it was a repeat.
fn set<T>(slot: &mut Option<T>, value: T) -> bool {
    if slot.is_some() {
        return true;
    }
    *slot = Some(value);
    false
}

enum ParsedValue {
    Flag,
    Str(LitStr),
    Int(SpannedInt),
}

/// Collects the tokens of a value up to the next top-level comma.
fn take_value(input: ParseStream) -> TokenStream {
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        let tree: TokenTree = input.parse().expect("a token remains");
        tokens.extend([tree]);
    }
    tokens
}

fn read_value(
    cx: &Ctxt,
    key: &Ident,
    kind: Value,
    value: Option<(Token![=], TokenStream)>,
) -> Option<ParsedValue> {
    match (kind, value) {
        (Value::Flag, None) => Some(ParsedValue::Flag),
        (Value::Flag, Some((eq, tokens))) => {
            cx.error_spanned_by(
                quote::quote!(#eq #tokens),
                format!("`{key}` is a flag and takes no value: write `{key}` alone"),
            );
            None
        }
        (Value::Str | Value::Int, None) => {
            let example = if kind == Value::Int { "404" } else { "\"...\"" };
            cx.error_spanned_by(key, format!("`{key}` needs a value: `{key} = {example}`"));
            None
        }
        (Value::Str, Some((eq, tokens))) => match single_literal(&tokens) {
            Some(Lit::Str(lit)) => Some(ParsedValue::Str(lit)),
            _ => {
                cx.error_spanned_by(
                    if tokens.is_empty() {
                        eq.to_token_stream()
                    } else {
                        tokens
                    },
                    format!("`{key}` takes a string literal: `{key} = \"...\"`"),
                );
                None
            }
        },
        (Value::Int, Some((eq, tokens))) => {
            let status = match single_literal(&tokens) {
                Some(Lit::Int(lit)) => lit
                    .base10_parse::<u16>()
                    .ok()
                    .filter(|status| (400..=599).contains(status))
                    .map(|value| SpannedInt { value, lit }),
                _ => None,
            };
            if status.is_none() {
                cx.error_spanned_by(
                    if tokens.is_empty() {
                        eq.to_token_stream()
                    } else {
                        tokens
                    },
                    "`status` must be an integer literal from 400 to 599, such as `status = 404`",
                );
            }
            status.map(ParsedValue::Int)
        }
    }
}

fn single_literal(tokens: &TokenStream) -> Option<Lit> {
    let mut trees = tokens.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Literal(literal)), None) => Some(Lit::new(literal)),
        _ => None,
    }
}

/// `^[a-z][a-z0-9]*(_[a-z0-9]+)*$`
pub fn is_snake_case_code(code: &str) -> bool {
    let mut words = code.split('_');
    let first_starts_with_letter = words
        .next()
        .and_then(|first| first.bytes().next())
        .is_some_and(|byte| byte.is_ascii_lowercase());
    first_starts_with_letter
        && code.split('_').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit())
        })
}

fn check_code_format(cx: &Ctxt, lit: &LitStr) {
    let code = lit.value();
    if !is_snake_case_code(&code) {
        cx.error_spanned_by(
            lit,
            format!(
                "code `{code}` is not snake_case: use lowercase ASCII words joined by single \
                 underscores, starting with a letter, such as `plan_limit`"
            ),
        );
    }
}

fn parse_marker(
    cx: &Ctxt,
    attr: &Attribute,
    place: Place,
    name: &str,
    previous: Option<Span>,
) -> Option<Span> {
    if place != Place::Field {
        cx.error_spanned_by(
            attr,
            format!("`#[{name}]` goes on a field, not on {}", place.noun()),
        );
        return previous;
    }
    if !matches!(attr.meta, Meta::Path(_)) {
        cx.error_spanned_by(attr, format!("`#[{name}]` takes no arguments"));
        return previous;
    }
    if previous.is_some() {
        cx.error_spanned_by(attr, format!("duplicate `#[{name}]` attribute"));
        return previous;
    }
    Some(
        attr.path()
            .get_ident()
            .map_or_else(Span::call_site, Ident::span),
    )
}

fn doc_line(attr: &Attribute) -> Option<String> {
    let Meta::NameValue(doc) = &attr.meta else {
        return None;
    };
    let syn::Expr::Lit(syn::ExprLit {
        lit: Lit::Str(text),
        ..
    }) = &doc.value
    else {
        return None;
    };
    let line = text.value();
    Some(
        line.strip_prefix(' ')
            .unwrap_or(&line)
            .trim_end()
            .to_owned(),
    )
}

fn unknown_key_message(name: &str, place: Place) -> String {
    let candidates = KEYS
        .iter()
        .filter(|(_, level, _)| place.accepts(*level))
        .map(|(key, _, _)| *key);
    let mut message = format!(
        "unknown key `{name}` in `#[certifier(...)]` on {}",
        place.noun()
    );
    match closest(name, candidates) {
        Some(suggestion) => message += &format!("; did you mean `{suggestion}`?"),
        None => {
            let valid: Vec<String> = KEYS
                .iter()
                .filter(|(_, level, _)| place.accepts(*level))
                .map(|(key, _, _)| format!("`{key}`"))
                .collect();
            message += &format!("; expected one of {}", valid.join(", "));
        }
    }
    message
}

fn misplaced_key_message(name: &str, level: Level, place: Place) -> String {
    let home = match level {
        Level::Container => "the enum or struct itself",
        Level::Variant if place == Place::Enum => "each variant of an enum",
        Level::Variant => "a variant or a struct",
        Level::Field => "a field",
    };
    format!("`{name}` belongs on {home}, not on {}", place.noun())
}

/// The candidate nearest to `name` by edit distance, if near enough to be a typo.
fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= 2.max(candidate.len() / 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::{closest, is_snake_case_code};

    #[test]
    fn snake_case_codes() {
        for good in [
            "a",
            "not_found",
            "plan_limit",
            "v2",
            "error_404",
            "a1_b2_c3",
        ] {
            assert!(is_snake_case_code(good), "{good}");
        }
        for bad in [
            "", "_a", "a_", "a__b", "A", "notFound", "1a", "a-b", "a b", "é",
        ] {
            assert!(!is_snake_case_code(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        let keys = ["code", "status", "message", "transparent"];
        assert_eq!(closest("mesage", keys.into_iter()), Some("message"));
        assert_eq!(closest("stauts", keys.into_iter()), Some("status"));
        assert_eq!(closest("colour", keys.into_iter()), None);
    }
}
