//! Parsing of `#[certifier(...)]`, `#[source]` and `#[from]`, with the checks that
//! concern a single key: its place, its value's form, repeats.

use proc_macro2::{TokenStream, TokenTree};
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
    /// On the container (for every variant) or on one variant.
    ContainerOrVariant,
    Field,
}

impl Place {
    fn accepts(self, level: Level) -> bool {
        match self {
            Place::Enum => matches!(level, Level::Container | Level::ContainerOrVariant),
            Place::Struct => level != Level::Field,
            Place::Variant => matches!(level, Level::Variant | Level::ContainerOrVariant),
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
    ("allow_source_in_message", Level::Variant, Value::Flag),
    ("log", Level::ContainerOrVariant, Value::Str),
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
    /// Lets a server-error (5xx) message show the variant's source.
    pub allow_source_in_message: Option<Ident>,
    /// `log = "..."`, a valid level name.
    pub log: Option<LitStr>,
    pub extend: Option<Ident>,
    pub rename: Option<LitStr>,
    pub flatten: Option<Ident>,
    pub header: Option<LitStr>,
    /// `#[source]`, as written.
    pub source: Option<TokenStream>,
    /// `#[from]`, as written.
    pub from: Option<TokenStream>,
    /// Every key written in `#[certifier(...)]`, valid or not, with its tokens
    /// (`key = value`), so a rule can point at a key and a key given with a bad value
    /// is not also reported as missing.
    pub written: Vec<(String, TokenStream)>,
    /// Valid keys that unknown keys were taken to be typos of.
    pub guessed: Vec<&'static str>,
    /// A `#[certifier]` attribute that could not be read: keys it may have held are not
    /// reported as missing.
    pub malformed: bool,
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
                parsed.source = parse_marker(cx, attr, place, "source", parsed.source.take());
            } else if path.is_ident("from") {
                parsed.from = parse_marker(cx, attr, place, "from", parsed.from.take());
            } else if path.is_ident("doc") {
                if let Some(line) = doc_line(attr) {
                    parsed.docs.push(line);
                }
            }
        }
        parsed
    }

    /// Whether `key` was written, even with an invalid value.
    pub fn mentions(&self, key: &str) -> bool {
        self.written.iter().any(|(name, _)| name == key) || self.guessed.contains(&key)
    }

    /// The tokens of the first `key = value` written for `key`.
    pub fn written_tokens(&self, key: &str) -> Option<&TokenStream> {
        self.written
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, tokens)| tokens)
    }

    fn parse_certifier(&mut self, cx: &Ctxt, attr: &Attribute, place: Place) {
        let Meta::List(list) = &attr.meta else {
            self.malformed = true;
            cx.error_spanned_by(
                attr,
                "expected a list of keys, such as `#[certifier(code = \"not_found\")]`",
            );
            return;
        };
        if list.tokens.is_empty() {
            self.malformed = true;
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
                if input.peek(syn::token::Paren) {
                    let group: proc_macro2::Group = input.parse()?;
                    self.written
                        .push((key.to_string(), quote::quote!(#key #group)));
                    cx.error_spanned_by(
                        &group,
                        format!(
                            "keys take their value after `=`: write `{key} = {}`",
                            group.stream()
                        ),
                    );
                } else {
                    let value = if input.peek(Token![=]) {
                        let eq: Token![=] = input.parse()?;
                        Some((eq, take_value(input)))
                    } else {
                        None
                    };
                    self.apply(cx, place, &key, value);
                }
                if input.is_empty() {
                    break;
                }
                if input.peek(Token![,]) {
                    input.parse::<Token![,]>()?;
                } else if input.peek(Ident::peek_any) {
                    // Most likely a forgotten comma before the next key: say so, and
                    // read on so the keys after it count.
                    let next = input.fork().call(Ident::parse_any)?;
                    cx.error_spanned_by(
                        &next,
                        format!("expected `,` before `{next}`: separate keys with commas"),
                    );
                } else {
                    return Err(input.error("expected `,` between keys"));
                }
            }
            Ok(())
        };
        if let Err(error) = parser.parse2(list.tokens.clone()) {
            self.malformed = true;
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
        let written = match &value {
            Some((eq, tokens)) => quote::quote!(#key #eq #tokens),
            None => key.to_token_stream(),
        };
        self.written.push((name.clone(), written));
        let Some(&(_, level, kind)) = KEYS.iter().find(|(known, _, _)| *known == name) else {
            cx.error_spanned_by(key, unknown_key_message(&name, place));
            // The key it most likely means is not also reported as missing.
            if let Some(meant) = unknown_key_suggestion(&name, place) {
                self.guessed.push(meant);
            }
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
                    cx.error_spanned_by(&lit, unknown_case_message(&lit.value()));
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
            ("allow_source_in_message", ParsedValue::Flag) => {
                set(&mut self.allow_source_in_message, key.clone())
            }
            ("log", ParsedValue::Str(lit)) => {
                if crate::log_level::check_name(cx, &lit) {
                    set(&mut self.log, lit)
                } else {
                    false
                }
            }
            ("extend", ParsedValue::Flag) => set(&mut self.extend, key.clone()),
            ("rename", ParsedValue::Str(lit)) => set(&mut self.rename, lit),
            ("flatten", ParsedValue::Flag) => set(&mut self.flatten, key.clone()),
            ("header", ParsedValue::Str(lit)) => {
                crate::headers::check_name(cx, &lit);
                set(&mut self.header, lit)
            }
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

/// Collects the tokens of a value: one literal, or anything else up to the next
/// top-level comma (to be reported whole). After a literal, a key without a comma
/// before it is left for the caller to report.
fn take_value(input: ParseStream) -> TokenStream {
    let mut tokens = TokenStream::new();
    if input.peek(Lit) {
        let tree: TokenTree = input.parse().expect("a literal remains");
        tokens.extend([tree]);
        return tokens;
    }
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
                let problem = match tokens.clone().into_iter().collect::<Vec<_>>()[..] {
                    [TokenTree::Ident(ref word)] => {
                        format!("`{key}` takes a string literal: write `{key} = \"{word}\"`")
                    }
                    _ => format!("`{key}` takes a string literal: `{key} = \"...\"`"),
                };
                cx.error_spanned_by(
                    if tokens.is_empty() {
                        eq.to_token_stream()
                    } else {
                        tokens
                    },
                    problem,
                );
                None
            }
        },
        (Value::Int, Some((eq, tokens))) => {
            let problem = match single_literal(&tokens) {
                Some(Lit::Int(lit)) if !matches!(lit.suffix(), "" | "u16") => format!(
                    "`status` is a `u16`: write `status = {}` without the `{}` suffix",
                    lit.base10_digits(),
                    lit.suffix()
                ),
                Some(Lit::Int(lit)) => match lit.base10_parse::<u16>() {
                    Ok(value) if (400..=599).contains(&value) => {
                        return Some(ParsedValue::Int(SpannedInt { value, lit }));
                    }
                    _ => format!(
                        "status {} is not an error status: use a client error (4xx) or server \
                         error (5xx) status, from 400 to 599",
                        lit.base10_digits()
                    ),
                },
                Some(Lit::Str(lit)) if lit.value().trim().parse::<u16>().is_ok() => format!(
                    "`status` takes an integer literal, not a string: write `status = {}`",
                    lit.value().trim()
                ),
                _ => "`status` takes an integer literal from 400 to 599, such as \
                      `status = 404`; the derive reads it at compile time, so a constant or \
                      an expression cannot stand here"
                    .to_owned(),
            };
            cx.error_spanned_by(
                if tokens.is_empty() {
                    eq.to_token_stream()
                } else {
                    tokens
                },
                problem,
            );
            None
        }
    }
}

fn single_literal(tokens: &TokenStream) -> Option<Lit> {
    let mut trees = tokens.clone().into_iter();
    match (trees.next(), trees.next()) {
        (Some(TokenTree::Literal(literal)), None) => Some(Lit::new(literal)),
        // A literal passed in through a `macro_rules!` fragment arrives in an invisible group.
        (Some(TokenTree::Group(group)), None)
            if group.delimiter() == proc_macro2::Delimiter::None =>
        {
            single_literal(&group.stream())
        }
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
    if is_snake_case_code(&code) {
        return;
    }
    let fix = match snake_case_suggestion(&code) {
        Some(suggestion) => format!("write `{suggestion}`"),
        None => "use lowercase ASCII words joined by single underscores, starting with a \
                 letter, such as `plan_limit`"
            .to_owned(),
    };
    cx.error_spanned_by(lit, format!("code `{code}` is not snake_case: {fix}"));
}

/// `code` rewritten as snake_case (`NotFound`, `not-found` and `Not Found` become
/// `not_found`), when that yields a valid code.
pub fn snake_case_suggestion(code: &str) -> Option<String> {
    let mut snake = String::with_capacity(code.len() + 4);
    let mut previous: Option<char> = None;
    for ch in code.trim().chars() {
        if ch.is_ascii_uppercase() {
            if previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
                snake.push('_');
            }
            snake.push(ch.to_ascii_lowercase());
        } else if matches!(ch, '-' | ' ' | '.' | '_') {
            if !snake.is_empty() && !snake.ends_with('_') {
                snake.push('_');
            }
        } else {
            snake.push(ch);
        }
        previous = Some(ch);
    }
    let snake = snake.trim_end_matches('_').to_owned();
    (snake != code && is_snake_case_code(&snake)).then_some(snake)
}

fn parse_marker(
    cx: &Ctxt,
    attr: &Attribute,
    place: Place,
    name: &str,
    previous: Option<TokenStream>,
) -> Option<TokenStream> {
    if place != Place::Field {
        cx.error_spanned_by(
            attr,
            format!(
                "`#[{name}]` goes on a field, not on {}: put it on the field that holds the \
                 underlying error",
                place.noun()
            ),
        );
        return previous;
    }
    if previous.is_some() {
        cx.error_spanned_by(
            attr,
            format!("duplicate `#[{name}]` attribute: give it once"),
        );
        return previous;
    }
    if !matches!(attr.meta, Meta::Path(_)) {
        let what = if name == "from" {
            "the field's own type is the one converted from"
        } else {
            "it marks the field it is on"
        };
        cx.error_spanned_by(
            attr,
            format!("`#[{name}]` takes no arguments ({what}): write `#[{name}]`"),
        );
    }
    Some(attr.to_token_stream())
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

/// The valid key nearest to an unknown `name`, if near enough to be a typo.
fn unknown_key_suggestion(name: &str, place: Place) -> Option<&'static str> {
    let candidates = KEYS
        .iter()
        .filter(|(_, level, _)| place.accepts(*level))
        .map(|(key, _, _)| *key);
    closest(name, candidates)
}

fn unknown_key_message(name: &str, place: Place) -> String {
    let mut message = format!(
        "unknown key `{name}` in `#[certifier(...)]` on {}",
        place.noun()
    );
    match unknown_key_suggestion(name, place) {
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

fn unknown_case_message(name: &str) -> String {
    let normalize = |text: &str| text.replace(['_', '-'], "").to_ascii_lowercase();
    let names = crate::case::RENAME_RULES.iter().map(|(rule, _)| *rule);
    let prefixed: Vec<&str> = names
        .clone()
        .filter(|rule| !name.is_empty() && normalize(rule).starts_with(&normalize(name)))
        .collect();
    let suggestion = names
        .clone()
        .find(|rule| normalize(rule) == normalize(name))
        .or_else(|| closest(name, names))
        .or(match prefixed[..] {
            [only] => Some(only),
            _ => None,
        });
    match suggestion {
        Some(rule) => format!("unknown case `{name}` for `rename_all`; did you mean `\"{rule}\"`?"),
        None => format!(
            "unknown case `{name}` for `rename_all`; expected one of {}",
            RenameRule::expected()
        ),
    }
}

fn misplaced_key_message(name: &str, level: Level, place: Place) -> String {
    let home = match level {
        Level::Container => "the enum or struct itself",
        Level::Variant if place == Place::Enum => "each variant of an enum",
        Level::Variant => "a variant or a struct",
        Level::ContainerOrVariant => "the enum or struct itself, or a variant",
        Level::Field => "a field",
    };
    let here = match place {
        Place::Enum => "the enum itself",
        _ => place.noun(),
    };
    format!("`{name}` belongs on {home}, not on {here}")
}

/// The candidate nearest to `name` by edit distance, if near enough to be a typo.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
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
    use super::{closest, is_snake_case_code, snake_case_suggestion, unknown_case_message};

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

    #[test]
    fn snake_case_suggestions() {
        for (written, meant) in [
            ("NotFound", Some("not_found")),
            ("not-found", Some("not_found")),
            ("Not Found", Some("not_found")),
            ("PLAN_LIMIT", Some("plan_limit")),
            ("planLimit2", Some("plan_limit2")),
            ("rate__limited", Some("rate_limited")),
            ("not_found", None),
            ("404", None),
            ("", None),
        ] {
            assert_eq!(
                snake_case_suggestion(written).as_deref(),
                meant,
                "{written}"
            );
        }
    }

    #[test]
    fn case_suggestions() {
        assert!(unknown_case_message("camelcase").contains("did you mean `\"camelCase\"`"));
        assert!(unknown_case_message("kebab").contains("did you mean `\"kebab-case\"`"));
        assert!(unknown_case_message("Pascal_Case").contains("`\"PascalCase\"`"));
        assert!(unknown_case_message("title").contains("expected one of"));
    }
}
