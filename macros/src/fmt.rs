//! The `message` format string and its `format!` arguments: the placeholders, the
//! arguments' `.field` shorthand, and the rewriting that points them at the fields bound
//! in a generated `match` arm.

use std::ops::Range;

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};
use quote::TokenStreamExt;
use syn::{Ident, LitStr};

/// What a placeholder names.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Arg {
    Named(String),
    Index(usize),
    /// `{}`: the next positional argument, counted from zero.
    Next(usize),
}

/// The formatting trait a placeholder asks of its argument.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum FmtTrait {
    Display,
    Debug,
    LowerHex,
    UpperHex,
    Octal,
    Binary,
    LowerExp,
    UpperExp,
    Pointer,
}

impl FmtTrait {
    pub fn path(self) -> proc_macro2::TokenStream {
        let name = syn::Ident::new(self.name(), proc_macro2::Span::call_site());
        quote::quote!(::core::fmt::#name)
    }

    /// The trait's name in `core::fmt`.
    pub fn name(self) -> &'static str {
        match self {
            FmtTrait::Display => "Display",
            FmtTrait::Debug => "Debug",
            FmtTrait::LowerHex => "LowerHex",
            FmtTrait::UpperHex => "UpperHex",
            FmtTrait::Octal => "Octal",
            FmtTrait::Binary => "Binary",
            FmtTrait::LowerExp => "LowerExp",
            FmtTrait::UpperExp => "UpperExp",
            FmtTrait::Pointer => "Pointer",
        }
    }
}

/// One argument reference: the value of a placeholder, or a `name$` width or precision
/// (which is formatted as a `usize`, hence `trait_` is `None`).
#[derive(Clone, Debug)]
pub struct ArgRef {
    pub arg: Arg,
    /// Where the name or index sits in the string's value.
    pub range: Range<usize>,
    pub trait_: Option<FmtTrait>,
    /// For a placeholder without a format spec, such as `{count}`: where it sits, braces
    /// included.
    pub plain_placeholder: Option<Range<usize>>,
    /// For a placeholder (not a `name$` count): where it sits, braces included, and its
    /// format spec, the text after `:` (empty for none).
    pub placeholder: Option<(Range<usize>, String)>,
}

/// A piece of a message whose placeholders have no format spec.
pub enum Segment<'t> {
    Text(String),
    Arg(&'t Arg),
}

pub struct Template {
    pub lit: LitStr,
    pub value: String,
    pub args: Vec<ArgRef>,
}

impl Template {
    /// Reads the placeholders of `lit`; the error says what is malformed.
    pub fn parse(lit: &LitStr) -> Result<Template, String> {
        let value = lit.value();
        let args = scan(&value)?;
        Ok(Template {
            lit: lit.clone(),
            value,
            args,
        })
    }

    pub fn has_placeholders(&self) -> bool {
        !self.args.is_empty()
    }

    /// The text with `{{` and `}}` unescaped; only meaningful without placeholders.
    pub fn plain_text(&self) -> String {
        unescape_braces(&self.value)
    }

    /// The message as literal text and the arguments of its placeholders; `None` when a
    /// placeholder has a format spec, which only `core::fmt` applies.
    pub fn plain_segments(&self) -> Option<Vec<Segment<'_>>> {
        let mut segments = Vec::new();
        let mut copied = 0;
        for reference in &self.args {
            let placeholder = reference.plain_placeholder.as_ref()?;
            let text = unescape_braces(&self.value[copied..placeholder.start]);
            if !text.is_empty() {
                segments.push(Segment::Text(text));
            }
            segments.push(Segment::Arg(&reference.arg));
            copied = placeholder.end;
        }
        let tail = unescape_braces(&self.value[copied..]);
        if !tail.is_empty() {
            segments.push(Segment::Text(tail));
        }
        Some(segments)
    }

    /// The literal with each argument reference replaced by `rename(arg)` where that
    /// returns a name; the original token (and so rustc's exact spans) when nothing
    /// changes.
    pub fn rewrite(&self, mut rename: impl FnMut(&ArgRef) -> Option<String>) -> LitStr {
        let mut out = String::with_capacity(self.value.len());
        let mut copied = 0;
        let mut changed = false;
        for reference in &self.args {
            if let Some(new_name) = rename(reference) {
                out.push_str(&self.value[copied..reference.range.start]);
                out.push_str(&new_name);
                copied = reference.range.end;
                changed = true;
            }
        }
        if !changed {
            return self.lit.clone();
        }
        out.push_str(&self.value[copied..]);
        LitStr::new(&out, self.lit.span())
    }
}

/// The `format!` arguments of `message("...", args...)`, as written.
#[derive(Default)]
pub struct FormatArgs {
    pub positional: Vec<TokenStream>,
    pub named: Vec<(Ident, TokenStream)>,
}

impl FormatArgs {
    /// Splits the arguments at their top-level commas: not those between the angle
    /// brackets of a type's generic arguments, after `as` (`&x as &dyn Trait<u8, A = u8>`)
    /// or in a turbofish (`f::<A, B>()`).
    pub fn parse(tokens: &TokenStream) -> syn::Result<FormatArgs> {
        let mut args = FormatArgs::default();
        let mut pieces: Vec<Vec<TokenTree>> = vec![Vec::new()];
        let mut angles = AngleDepth::default();
        for tree in tokens.clone() {
            let depth = angles.step(&tree);
            match &tree {
                TokenTree::Punct(punct) if punct.as_char() == ',' && depth == 0 => {
                    pieces.push(Vec::new());
                }
                _ => pieces.last_mut().expect("one piece at least").push(tree),
            }
        }
        if pieces.last().is_some_and(Vec::is_empty) {
            // A trailing comma, or no arguments at all.
            pieces.pop();
        }
        for piece in pieces {
            let Some(first) = piece.first() else {
                return Err(syn::Error::new_spanned(
                    tokens,
                    "an empty format argument: remove the extra `,`",
                ));
            };
            let named = match (first, piece.get(1), piece.get(2)) {
                (TokenTree::Ident(name), Some(TokenTree::Punct(eq)), next)
                    if eq.as_char() == '='
                        && (eq.spacing() == Spacing::Alone
                            || !matches!(next, Some(TokenTree::Punct(p)) if p.as_char() == '=')) =>
                {
                    Some(name.clone())
                }
                _ => None,
            };
            match named {
                Some(name) => {
                    let value = stream_of(piece[2..].to_vec());
                    if value.is_empty() {
                        return Err(syn::Error::new_spanned(
                            &piece[1],
                            format!("`{name} =` needs a value, such as `{name} = .field`"),
                        ));
                    }
                    if args.index_of(&name).is_some() {
                        return Err(syn::Error::new_spanned(
                            &name,
                            format!("duplicate format argument `{name}`: give it once"),
                        ));
                    }
                    args.named.push((name, value));
                }
                None => {
                    let value = stream_of(piece);
                    if let Some((name, _)) = args.named.first() {
                        return Err(syn::Error::new_spanned(
                            value,
                            format!(
                                "positional format arguments come before named ones, as in \
                                 `format!`; move this before `{name} = ...`"
                            ),
                        ));
                    }
                    args.positional.push(value);
                }
            }
        }
        Ok(args)
    }

    pub fn is_empty(&self) -> bool {
        self.positional.is_empty() && self.named.is_empty()
    }

    /// The position of the named argument `name`, as written (`r#type` is not `type`).
    pub fn index_of(&self, name: &Ident) -> Option<usize> {
        for (index, (seen, _)) in self.named.iter().enumerate() {
            if seen == name {
                return Some(index);
            }
        }
        None
    }

    /// Every argument's tokens, positional first.
    pub fn values(&self) -> Vec<&TokenStream> {
        let mut values = Vec::with_capacity(self.positional.len() + self.named.len());
        for value in &self.positional {
            values.push(value);
        }
        for (_, value) in &self.named {
            values.push(value);
        }
        values
    }
}

/// How deep a token stands in generic arguments' angle brackets. A `<` opens them after
/// a path segment in a type (after `as`, or already inside brackets) and after `::`; in
/// an expression it is a comparison, as rustc reads it.
#[derive(Default)]
struct AngleDepth {
    depth: usize,
    /// After `as`: a type is being written, until an argument's comma ends it.
    in_type: bool,
    /// The previous token, as far as the rules above need it.
    previous: Previous,
}

#[derive(Default, PartialEq, Eq, Clone, Copy)]
enum Previous {
    #[default]
    Other,
    Ident,
    /// `::`, or the first `:` of it.
    PathSeparator,
    /// A `-` joined to what follows: `->` is not a closing bracket.
    Minus,
}

impl AngleDepth {
    /// Takes in `tree` and returns the depth it stands at.
    fn step(&mut self, tree: &TokenTree) -> usize {
        let at = self.depth;
        let mut next = Previous::Other;
        match tree {
            TokenTree::Ident(ident) => {
                if ident == "as" {
                    self.in_type = true;
                }
                next = Previous::Ident;
            }
            TokenTree::Punct(punct) => match punct.as_char() {
                '<' if self.previous == Previous::PathSeparator
                    || (self.previous == Previous::Ident && (self.in_type || self.depth > 0)) =>
                {
                    self.depth += 1;
                }
                '>' if self.depth > 0 && self.previous != Previous::Minus => self.depth -= 1,
                ',' if self.depth == 0 => self.in_type = false,
                ':' => next = Previous::PathSeparator,
                '-' if punct.spacing() == Spacing::Joint => next = Previous::Minus,
                _ => {}
            },
            TokenTree::Group(_) | TokenTree::Literal(_) => {}
        }
        self.previous = next;
        at
    }
}

/// A `.field` or `.0` shorthand found in a format argument.
pub struct MemberRef {
    pub name: String,
    /// The `.` and the name, for errors.
    pub tokens: TokenStream,
}

/// Replaces each `.field` / `.0` shorthand in `tokens` by `resolve(member)`. A `.` is a
/// shorthand where an expression starts: first in the argument or in a group, after an
/// operator, or after a keyword that an expression follows (`match .0 { .. }`); after a
/// value (`x.len()`) it is a method call or field access. `.0.1` is lexed as `.` and the
/// float `0.1`: the field `0`, then its own field `1`.
pub fn rewrite_members(
    tokens: &TokenStream,
    resolve: &mut dyn FnMut(&MemberRef) -> TokenStream,
) -> TokenStream {
    let trees = token_trees(tokens);
    let mut out = TokenStream::new();
    let mut at = 0;
    let mut after_value = false;
    while at < trees.len() {
        match &trees[at] {
            TokenTree::Punct(dot) if dot.as_char() == '.' && dot.spacing() == Spacing::Joint => {
                // `..` or `..=`: a range, copied as is.
                out.extend(trees[at..trees.len().min(at + 2)].to_vec());
                at += 2;
                after_value = false;
                continue;
            }
            TokenTree::Punct(dot) if dot.as_char() == '.' && !after_value => {
                if let Some((name, nested)) = trees.get(at + 1).and_then(shorthand_name) {
                    let member = MemberRef {
                        name,
                        tokens: stream_of(trees[at..at + 2].to_vec()),
                    };
                    out.extend(resolve(&member));
                    if let Some(nested) = nested {
                        out.extend(nested);
                    }
                    at += 2;
                    after_value = true;
                    continue;
                }
                out.append(trees[at].clone());
                after_value = false;
            }
            TokenTree::Group(group) => {
                let inner = rewrite_members(&group.stream(), resolve);
                let mut rewritten = Group::new(group.delimiter(), inner);
                rewritten.set_span(group.span());
                out.append(rewritten);
                // `(a).b` reads a field of a value; `x` `(..)` is a call.
                after_value = group.delimiter() != Delimiter::None || after_value;
            }
            TokenTree::Ident(ident) => {
                out.append(trees[at].clone());
                after_value = !EXPRESSION_FOLLOWS.contains(&ident.to_string().as_str());
            }
            TokenTree::Literal(_) => {
                out.append(trees[at].clone());
                after_value = true;
            }
            TokenTree::Punct(punct) => {
                out.append(trees[at].clone());
                // `?` ends a value (`x?.y`); every other operator starts an operand.
                after_value = punct.as_char() == '?';
            }
        }
        at += 1;
    }
    out
}

/// The token trees of `tokens`, in a list to look around in.
pub fn token_trees(tokens: &TokenStream) -> Vec<TokenTree> {
    let mut trees = Vec::new();
    for tree in tokens.clone() {
        trees.push(tree);
    }
    trees
}

/// `trees` as a token stream of their own.
pub fn stream_of(trees: Vec<TokenTree>) -> TokenStream {
    let mut stream = TokenStream::new();
    stream.extend(trees);
    stream
}

/// Keywords after which an expression starts, so that a `.` there is a shorthand.
const EXPRESSION_FOLLOWS: &[&str] = &[
    "if", "match", "while", "in", "return", "break", "mut", "yield",
];

/// The field a shorthand names from the token after its `.`: an identifier or an index,
/// and for `.0.1` (a float token) the tokens `.1` that follow the field.
fn shorthand_name(tree: &TokenTree) -> Option<(String, Option<TokenStream>)> {
    match tree {
        TokenTree::Ident(ident) => Some((syn::ext::IdentExt::unraw(ident).to_string(), None)),
        TokenTree::Literal(literal) => {
            let text = literal.to_string();
            let is_index = |part: &str| {
                let mut digits = !part.is_empty();
                for byte in part.bytes() {
                    digits &= byte.is_ascii_digit();
                }
                digits
            };
            if is_index(&text) {
                return Some((text, None));
            }
            let (first, second) = text.split_once('.')?;
            if !is_index(first) || !is_index(second) {
                return None;
            }
            let index: u32 = second.parse().ok()?;
            let span = literal.span();
            let mut dot = proc_macro2::Punct::new('.', Spacing::Alone);
            dot.set_span(span);
            let mut nested = proc_macro2::Literal::u32_unsuffixed(index);
            nested.set_span(span);
            Some((
                first.to_owned(),
                Some(stream_of(vec![
                    TokenTree::Punct(dot),
                    TokenTree::Literal(nested),
                ])),
            ))
        }
        _ => None,
    }
}

/// The identifiers in `tokens` that stand alone as a value: not a member (`x.name`), a
/// path segment (`a::name`, `name::f`), a call (`name(..)`), a macro (`name!`) or a
/// struct literal's field (`name: ..`), nor a name inside a type's generic arguments
/// (`Trait<A = u8>`).
pub fn bare_names(tokens: &TokenStream) -> Vec<Ident> {
    let trees = token_trees(tokens);
    let mut names = Vec::new();
    let mut angles = AngleDepth::default();
    for (at, tree) in trees.iter().enumerate() {
        if angles.step(tree) > 0 {
            continue;
        }
        match tree {
            TokenTree::Group(group) => names.extend(bare_names(&group.stream())),
            TokenTree::Ident(ident) => {
                let is_punct = |index: Option<usize>, chars: &[char]| {
                    index.and_then(|index| trees.get(index)).is_some_and(
                        |tree| matches!(tree, TokenTree::Punct(p) if chars.contains(&p.as_char())),
                    )
                };
                let after_member_or_path = is_punct(at.checked_sub(1), &['.', '\''])
                    || (is_punct(at.checked_sub(1), &[':']) && is_punct(at.checked_sub(2), &[':']));
                let before_call_or_path = match trees.get(at + 1) {
                    Some(TokenTree::Group(group)) => group.delimiter() == Delimiter::Parenthesis,
                    Some(TokenTree::Punct(p)) => matches!(p.as_char(), '!' | ':'),
                    _ => false,
                };
                if !after_member_or_path && !before_call_or_path {
                    names.push(ident.clone());
                }
            }
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
    names
}

fn scan(text: &str) -> Result<Vec<ArgRef>, String> {
    let bytes = text.as_bytes();
    let mut args = Vec::new();
    let mut next_positional = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'{' if bytes.get(at + 1) == Some(&b'{') => at += 2,
            b'}' if bytes.get(at + 1) == Some(&b'}') => at += 2,
            b'}' => {
                return Err("unmatched `}` in the message; write `}}` for a literal brace".into())
            }
            b'{' => {
                let Some(close) = text[at..].find('}').map(|offset| at + offset) else {
                    return Err(
                        "unmatched `{` in the message; write `{{` for a literal brace".into(),
                    );
                };
                let inner_start = at + 1;
                let inner = &text[inner_start..close];
                let (name, spec) = inner.split_once(':').unwrap_or((inner, ""));
                let plain_placeholder = (!inner.contains(':')).then_some(at..close + 1);
                let name_range = trimmed_range(inner_start, name);
                let arg = if name.trim().is_empty() {
                    next_positional += 1;
                    Some(Arg::Next(next_positional - 1))
                } else {
                    parse_arg(&text[name_range.clone()])
                };
                let arg = arg.ok_or_else(|| {
                    if let Some(unraw) = name.trim().strip_prefix("r#") {
                        format!("write `{{{unraw}}}` for the field `r#{unraw}`: placeholders name raw fields without `r#`")
                    } else {
                        format!("`{}` is not a field name or index", name.trim())
                    }
                })?;
                args.push(ArgRef {
                    arg,
                    range: name_range,
                    trait_: Some(spec_trait(spec)),
                    plain_placeholder,
                    placeholder: Some((at..close + 1, spec.to_owned())),
                });
                let spec_start = inner_start + name.len() + 1;
                scan_spec_args(spec, spec_start, &mut args)?;
                at = close + 1;
            }
            _ => at += 1,
        }
    }
    Ok(args)
}

/// A template's text as shown: `{{` and `}}` become `{` and `}`.
pub fn unescape_braces(text: &str) -> String {
    crate::text::replace(&crate::text::replace(text, "{{", "{"), "}}", "}")
}

fn trimmed_range(start: usize, text: &str) -> Range<usize> {
    let leading = text.len() - text.trim_start().len();
    let begin = start + leading;
    begin..begin + text.trim().len()
}

fn parse_arg(name: &str) -> Option<Arg> {
    let first = name.chars().next()?;
    if first.is_ascii_digit() {
        return name.parse().ok().map(Arg::Index);
    }
    let is_ident = (first == '_' || first.is_alphabetic())
        && name.chars().all(|c| c == '_' || c.is_alphanumeric());
    (is_ident && name != "_").then(|| Arg::Named(name.to_owned()))
}

/// The trait named by a format spec's type, such as `?` in `{id:?}`.
fn spec_trait(spec: &str) -> FmtTrait {
    let spec = spec.trim_end();
    if spec.ends_with('?') {
        return FmtTrait::Debug;
    }
    // A `name$` count ends in `$`, never in a type letter.
    match spec.chars().next_back() {
        Some('x') => FmtTrait::LowerHex,
        Some('X') => FmtTrait::UpperHex,
        Some('o') => FmtTrait::Octal,
        Some('b') => FmtTrait::Binary,
        Some('e') => FmtTrait::LowerExp,
        Some('E') => FmtTrait::UpperExp,
        Some('p') => FmtTrait::Pointer,
        _ => FmtTrait::Display,
    }
}

/// Width and precision given as `name$` or `N$` refer to arguments too.
fn scan_spec_args(spec: &str, spec_start: usize, args: &mut Vec<ArgRef>) -> Result<(), String> {
    // A fill character may itself be `$`: skip it when an alignment follows.
    let mut chars = spec.char_indices();
    let skip = match (chars.next(), chars.next()) {
        (Some((_, fill)), Some((_, '<' | '^' | '>'))) => fill.len_utf8(),
        _ => 0,
    };
    if crate::text::find(spec, ".*").is_some() {
        return Err(
            "`.*` precision is not supported in a message; name a field instead, as \
                    in `{value:.digits$}`"
                .into(),
        );
    }
    let body = &spec[skip..];
    for (dollar, _) in body.match_indices('$') {
        let before = &body[..dollar];
        let mut name_len = 0;
        for c in before.chars().rev() {
            if c != '_' && !c.is_alphanumeric() {
                break;
            }
            name_len += c.len_utf8();
        }
        let start = spec_start + skip + dollar - name_len;
        let name = &body[dollar - name_len..dollar];
        let arg = parse_arg(name).ok_or_else(|| format!("`{name}$` names no field"))?;
        args.push(ArgRef {
            arg,
            range: start..start + name_len,
            trait_: None,
            plain_placeholder: None,
            placeholder: None,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::{rewrite_members, scan, Arg, FmtTrait, FormatArgs, Segment, Template};

    #[test]
    fn format_args_split_and_members_resolve() {
        let args = FormatArgs::parse(&quote!(.domains.len(), .a + .b, max = .limit,)).unwrap();
        assert_eq!(args.positional.len(), 2);
        assert_eq!(args.named.len(), 1);
        let rewritten: Vec<String> = args
            .values()
            .into_iter()
            .map(|value| {
                rewrite_members(value, &mut |member| {
                    let ident = quote::format_ident!("f_{}", member.name);
                    quote!(#ident)
                })
                .to_string()
            })
            .collect();
        assert_eq!(rewritten, ["f_domains . len ()", "f_a + f_b", "f_limit"]);
        let kept = rewrite_members(
            &quote!(x.len() + (.0).max(1) + y?.z + (0..3).len()),
            &mut |m| {
                let ident = quote::format_ident!("f_{}", m.name);
                quote!(#ident)
            },
        );
        assert_eq!(
            kept.to_string(),
            "x . len () + (f_0) . max (1) + y ? . z + (0 .. 3) . len ()"
        );
        let kept = rewrite_members(
            &quote!(match .0 { x => x } + if .a { .b.0 } else { .c.1.0 }),
            &mut |m| {
                let ident = quote::format_ident!("f_{}", m.name);
                quote!(#ident)
            },
        );
        assert_eq!(
            kept.to_string(),
            "match f_0 { x => x } + if f_a { f_b . 0 } else { f_c . 1.0 }"
        );
        let split = FormatArgs::parse(&quote!(
            &0 as &dyn T<i32, A = i32>,
            f::<u8, u16>(),
            a < b,
            c > d,
            g = |x: u8| -> Vec<u8> { vec![x, x] },
        ))
        .unwrap();
        assert_eq!(split.positional.len(), 4);
        assert_eq!(split.named.len(), 1);
        let bare: Vec<String> = super::bare_names(&quote!(
            token.len() + x.token + a::token + token::f() + f(token) + m!(y) + S { token: z },
            &0 as &dyn T<i32, A = i32>
        ))
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            bare,
            ["token", "x", "token", "y", "S", "z", "as", "dyn", "T"]
        );
        assert!(FormatArgs::parse(&quote!(a = 1, .b)).is_err());
        assert!(FormatArgs::parse(&quote!(a = 1, a = 2)).is_err());
        assert!(FormatArgs::parse(&quote!(.a,, .b)).is_err());
        assert!(FormatArgs::parse(&quote!(a == 1)).unwrap().named.is_empty());
    }

    #[test]
    fn arguments_split_where_rustc_splits_them() {
        let pieces = |tokens: proc_macro2::TokenStream| {
            let args = FormatArgs::parse(&tokens).unwrap();
            let positional: Vec<String> = args.positional.iter().map(ToString::to_string).collect();
            let named: Vec<String> = args
                .named
                .iter()
                .map(|(name, _)| name.to_string())
                .collect();
            (positional, named)
        };
        assert_eq!(
            pieces(quote!(
                &0 as &dyn T<i32, A = i32>,
                a < b,
                c > d,
                f::<Vec<u8>, u16>()
            )),
            (
                vec![
                    "& 0 as & dyn T < i32 , A = i32 >".to_string(),
                    "a < b".to_string(),
                    "c > d".to_string(),
                    "f :: < Vec < u8 > , u16 > ()".to_string(),
                ],
                vec![]
            )
        );
        // A type ends at the comma after it; a return arrow closes no bracket.
        assert_eq!(
            pieces(quote!(.n as u64, m < k, x as &dyn Tr<fn() -> u8, u16>, w = 1)).0,
            [". n as u64", "m < k", "x as & dyn Tr < fn () -> u8 , u16 >"]
        );
        let empty = FormatArgs::parse(&quote!()).unwrap();
        assert!(empty.is_empty());
        assert!(!FormatArgs::parse(&quote!(.a)).unwrap().is_empty());
        assert!(!FormatArgs::parse(&quote!(a = .a)).unwrap().is_empty());
        // `a = b` names an argument; `a == b` compares.
        assert_eq!(pieces(quote!(a == b)).0, ["a == b"]);
        assert_eq!(pieces(quote!(a = b)).1, ["a"]);
    }

    #[test]
    fn counts_and_padded_names_point_at_their_text() {
        let found = names("{ count } {v:$>my_width$.p2$} {_x:>0$}");
        assert_eq!(
            found,
            [
                (
                    Arg::Named("count".into()),
                    Some(FmtTrait::Display),
                    "count".into()
                ),
                (Arg::Named("v".into()), Some(FmtTrait::Display), "v".into()),
                (Arg::Named("my_width".into()), None, "my_width".into()),
                (Arg::Named("p2".into()), None, "p2".into()),
                (
                    Arg::Named("_x".into()),
                    Some(FmtTrait::Display),
                    "_x".into()
                ),
                (Arg::Index(0), None, "0".into()),
            ]
        );
        // Each placeholder's whole text, braces included, and its spec.
        let text = "a {v:>8} b {w}";
        let placeholders: Vec<(&str, String)> = scan(text)
            .unwrap()
            .into_iter()
            .filter_map(|found| found.placeholder)
            .map(|(range, spec)| (&text[range], spec))
            .collect();
        assert_eq!(
            placeholders,
            [("{v:>8}", ">8".to_string()), ("{w}", String::new())]
        );
        assert!(scan("{_}").is_err());
        assert!(scan("{v:>-$}").is_err());
    }

    #[test]
    fn a_shorthand_names_an_identifier_or_an_index() {
        let name = |text: &str| {
            let tree: proc_macro2::TokenTree = text
                .parse::<proc_macro2::TokenStream>()
                .unwrap()
                .into_iter()
                .next()
                .unwrap();
            super::shorthand_name(&tree)
                .map(|(name, rest)| (name, rest.map(|rest| rest.to_string())))
        };
        assert_eq!(name("count"), Some(("count".into(), None)));
        assert_eq!(name("r#type"), Some(("type".into(), None)));
        assert_eq!(name("0"), Some(("0".into(), None)));
        assert_eq!(name("0.1"), Some(("0".into(), Some(". 1".into()))));
        for not_a_field in ["1e3", "0u8", "1.", "1.5e3", "2.0f32", "\"x\""] {
            assert_eq!(name(not_a_field), None, "{not_a_field}");
        }
    }

    fn names(text: &str) -> Vec<(Arg, Option<FmtTrait>, String)> {
        scan(text)
            .unwrap()
            .into_iter()
            .map(|r| (r.arg, r.trait_, text[r.range].to_owned()))
            .collect()
    }

    #[test]
    fn finds_placeholders_and_traits() {
        let found = names("{count} of {0:?}, {{literal}} {amount:>8.2} {id:#x} {v:w$}");
        let args: Vec<_> = found
            .iter()
            .map(|(a, t, s)| (a.clone(), *t, s.as_str()))
            .collect();
        assert_eq!(
            args,
            [
                (Arg::Named("count".into()), Some(FmtTrait::Display), "count"),
                (Arg::Index(0), Some(FmtTrait::Debug), "0"),
                (
                    Arg::Named("amount".into()),
                    Some(FmtTrait::Display),
                    "amount"
                ),
                (Arg::Named("id".into()), Some(FmtTrait::LowerHex), "id"),
                (Arg::Named("v".into()), Some(FmtTrait::Display), "v"),
                (Arg::Named("w".into()), None, "w"),
            ]
        );
    }

    #[test]
    fn each_spec_asks_its_trait_of_core_fmt() {
        let spec = "{a} {b:?} {c:x} {d:X} {e:o} {f:b} {g:e} {h:E} {i:p} {j:#?} {k:08.3}";
        let traits: Vec<(Option<FmtTrait>, String, String)> = names(spec)
            .into_iter()
            .map(|(_, found, _)| {
                let trait_ = found.unwrap();
                (found, trait_.name().to_string(), trait_.path().to_string())
            })
            .collect();
        let expected = [
            "Display", "Debug", "LowerHex", "UpperHex", "Octal", "Binary", "LowerExp", "UpperExp",
            "Pointer", "Debug", "Display",
        ];
        assert_eq!(traits.len(), expected.len());
        for ((_, name, path), expected) in traits.iter().zip(expected) {
            assert_eq!(name, expected);
            assert_eq!(path, &format!(":: core :: fmt :: {expected}"));
        }
    }

    #[test]
    fn a_template_knows_whether_it_has_placeholders() {
        let template = |text: &str| {
            Template::parse(&syn::LitStr::new(text, proc_macro2::Span::call_site())).unwrap()
        };
        assert!(!template("Plain {{braces}}.").has_placeholders());
        assert!(template("{count} left.").has_placeholders());
        assert!(template("{:?}").has_placeholders());
    }

    #[test]
    fn malformed_strings_are_errors() {
        assert!(scan("{").is_err());
        assert!(scan("}").is_err());
        assert!(scan("{a b}").is_err());
        assert!(scan("{a-b}").is_err());
        assert!(scan("{x:.*}").is_err());
        assert!(scan("{{}}").unwrap().is_empty());
    }

    #[test]
    fn splits_plain_placeholders() {
        let lit = syn::LitStr::new("{{a}} {count} of {0}}}", proc_macro2::Span::call_site());
        let template = Template::parse(&lit).unwrap();
        let shown: Vec<String> = template
            .plain_segments()
            .unwrap()
            .iter()
            .map(|segment| match segment {
                Segment::Text(text) => format!("text {text}"),
                Segment::Arg(Arg::Named(name)) => format!("named {name}"),
                Segment::Arg(Arg::Index(index) | Arg::Next(index)) => format!("index {index}"),
            })
            .collect();
        assert_eq!(
            shown,
            ["text {a} ", "named count", "text  of ", "index 0", "text }"]
        );
        for with_spec in ["{amount:.2}", "{id:?}", "{v:w$}"] {
            let lit = syn::LitStr::new(with_spec, proc_macro2::Span::call_site());
            assert!(Template::parse(&lit).unwrap().plain_segments().is_none());
        }
    }

    #[test]
    fn rewrites_only_what_is_renamed() {
        let lit = syn::LitStr::new("{0} and {name} and {0:?}", proc_macro2::Span::call_site());
        let template = Template::parse(&lit).unwrap();
        let rewritten = template.rewrite(|reference| match &reference.arg {
            Arg::Index(i) => Some(format!("__self_{i}")),
            Arg::Named(_) | Arg::Next(_) => None,
        });
        assert_eq!(rewritten.value(), "{__self_0} and {name} and {__self_0:?}");
        assert_eq!(Template::parse(&lit).unwrap().plain_text(), lit.value());
    }
}
