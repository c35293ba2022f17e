//! A variant's message as translators see it: its key, the variables a translation may
//! use (and the values the generated code hands over for them), and the source message
//! in Fluent syntax, for the runtime's template.

use proc_macro2::Span;

use crate::ast::{Input, Target, Variant};
use crate::attr::snake_case_suggestion;
use crate::fmt::{unescape_braces, Arg, FmtTrait};
use crate::seen::Seen;

/// The keys that start with this are the messages of validation violations
/// (`violation-<code>`), which the runtime translates itself.
pub const VIOLATION_KEY_PREFIX: &str = "violation-";

pub struct Translation {
    pub key: String,
    /// Where `key = "..."` is written, else the variant.
    pub key_span: Span,
    /// In the order the message names them, then the members in field order.
    pub arguments: Vec<Argument>,
    /// The source message in Fluent syntax: `{ $name }` for each placeholder, literal
    /// braces as string literals. Line layout is the template writer's.
    pub pattern: String,
}

pub struct Argument {
    /// The Fluent variable's name, `$` left out.
    pub name: String,
    pub value: ArgumentValue,
}

/// Where an argument's value comes from, and how it is handed over.
pub enum ArgumentValue {
    /// A placeholder without a format spec: a number where the type is one (so plural
    /// rules apply), else its `Display`.
    Plain(Source),
    /// A placeholder with a format spec: the text it formats to.
    Formatted {
        source: Source,
        spec: String,
        trait_: FmtTrait,
    },
    /// A path field's `{name}`: its `display()`.
    Path(usize),
    /// An extension member not named by the message: its JSON value, read by its JSON
    /// name.
    Member(String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Field(usize),
    Positional(usize),
    Named(usize),
}

impl Translation {
    /// The translation of a variant that is not transparent, with its message template
    /// `template` (`None` for a message without placeholders, given as `text`).
    pub fn new(
        input: &Input,
        groups: &CodeGroups,
        variant: &Variant,
        code: &str,
        text: &str,
    ) -> Self {
        let key = match &variant.attrs.key {
            Some(key) => key.value(),
            None if groups.shared(variant, code) => {
                let name = variant.ident.to_string();
                let name = name.strip_prefix("r#").unwrap_or(&name);
                let snake = snake_case_suggestion(name).unwrap_or_else(|| name.to_lowercase());
                let key = fluent_identifier(&format!("{code}-{snake}"));
                // The violations' keys are the runtime's.
                match key.starts_with(VIOLATION_KEY_PREFIX) {
                    true => key.replacen('-', "_", 1),
                    false => key,
                }
            }
            None => code.to_owned(),
        };
        let key_span = variant
            .attrs
            .key
            .as_ref()
            .map_or_else(|| variant.ident.span(), syn::LitStr::span);
        let mut translation = Translation {
            key,
            key_span,
            arguments: Vec::new(),
            pattern: String::new(),
        };
        match (&variant.template, variant.attrs.message.is_some()) {
            (Some(template), true) if template.has_placeholders() => {
                translation.read_template(variant, template);
            }
            _ => translation.pattern = escape_text(text),
        }
        translation.add_members(input, variant);
        translation
    }

    fn read_template(&mut self, variant: &Variant, template: &crate::fmt::Template) {
        let is_server_error = variant.status().is_some_and(|status| status >= 500);
        let source = variant.source_field().map(|field| field.index);
        let mut copied = 0;
        for reference in &template.args {
            let (Some(trait_), Some((range, spec))) = (reference.trait_, &reference.placeholder)
            else {
                continue;
            };
            self.pattern.push_str(&escape_text(&unescape_braces(
                &template.value[copied..range.start],
            )));
            copied = range.end;
            let Some(target) = variant.resolve(&reference.arg) else {
                continue;
            };
            let (base, source_of) = match target {
                Target::Field(field) => {
                    let name = match field.name.parse::<usize>() {
                        Ok(index) => format!("field{index}"),
                        Err(_) => fluent_identifier(&field.name),
                    };
                    (name, Source::Field(field.index))
                }
                Target::Positional(index) => (format!("arg{index}"), Source::Positional(index)),
                Target::Named(index) => {
                    let Arg::Named(name) = &reference.arg else {
                        continue;
                    };
                    (fluent_identifier(name), Source::Named(index))
                }
            };
            let value = match target {
                Target::Field(field) if field.is_path() && trait_ == FmtTrait::Display => {
                    ArgumentValue::Path(field.index)
                }
                _ if spec.is_empty() => ArgumentValue::Plain(source_of),
                _ => ArgumentValue::Formatted {
                    source: source_of,
                    trait_,
                    // A count taken from another argument (`{x:>width$}`) is left out:
                    // the value is the text with its own spec only.
                    spec: if spec.contains('$') {
                        trait_spec(trait_).to_owned()
                    } else {
                        spec.clone()
                    },
                },
            };
            // A server error's source is never handed to a translation, nor shown by
            // the template's source message: a translation cannot bring it back. That
            // holds for a `format!` argument that reads it too.
            if is_server_error && shows_source(variant, source_of, source) {
                continue;
            }
            // The same value asked with another spec gets a variable of its own.
            let same = |argument: &Argument| match (&argument.value, &value) {
                (ArgumentValue::Plain(a), ArgumentValue::Plain(b)) => a == b,
                (ArgumentValue::Path(a), ArgumentValue::Path(b)) => a == b,
                (
                    ArgumentValue::Formatted { source, spec, .. },
                    ArgumentValue::Formatted {
                        source: other,
                        spec: other_spec,
                        ..
                    },
                ) => source == other && spec == other_spec,
                _ => false,
            };
            let name = match self.first_argument(&same) {
                Some(argument) => argument.name.clone(),
                None => {
                    let mut name = base.clone();
                    let mut count = 1;
                    while self
                        .first_argument(&|argument| argument.name == name)
                        .is_some()
                    {
                        count += 1;
                        name = format!("{base}-{count}");
                    }
                    self.arguments.push(Argument {
                        name: name.clone(),
                        value,
                    });
                    name
                }
            };
            self.pattern.push_str("{ $");
            self.pattern.push_str(&name);
            self.pattern.push_str(" }");
        }
        self.pattern
            .push_str(&escape_text(&unescape_braces(&template.value[copied..])));
    }

    /// The `extend` members the message does not name, by field name.
    fn add_members(&mut self, input: &Input, variant: &Variant) {
        let rule = input.rename_rule();
        for field in &variant.fields {
            if !field.is_extension() {
                continue;
            }
            let Some(json_name) = field.member_name(rule) else {
                continue;
            };
            let name = match field.name.parse::<usize>() {
                Ok(index) => format!("field{index}"),
                Err(_) => fluent_identifier(&field.name),
            };
            let named = self.first_argument(&|argument| {
                argument.name == name
                    || matches!(
                        argument.value,
                        ArgumentValue::Plain(Source::Field(index)) if index == field.index
                    )
            });
            if named.is_none() {
                self.arguments.push(Argument {
                    name,
                    value: ArgumentValue::Member(json_name),
                });
            }
        }
    }

    /// The first argument `wanted` answers `true` for.
    fn first_argument(&self, wanted: &dyn Fn(&Argument) -> bool) -> Option<&Argument> {
        for argument in &self.arguments {
            if wanted(argument) {
                return Some(argument);
            }
        }
        None
    }

    pub fn argument_names(&self) -> Vec<&str> {
        let mut names = Vec::with_capacity(self.arguments.len());
        for argument in &self.arguments {
            names.push(argument.name.as_str());
        }
        names
    }
}

/// The variants of each code that take the default key (not transparent, without a
/// `key` of their own), read once for the whole type: the default keys of a large enum
/// cost one pass, not one per pair of variants.
pub struct CodeGroups<'v, 'a> {
    /// Each code's group, by its position in `groups`.
    codes: Seen,
    groups: Vec<Vec<&'v Variant<'a>>>,
}

impl<'v, 'a> CodeGroups<'v, 'a> {
    pub fn new(input: &'v Input<'a>) -> Self {
        let mut codes = Seen::default();
        let mut groups: Vec<Vec<&'v Variant<'a>>> = Vec::new();
        for variant in input.variants() {
            if variant.is_transparent() || variant.attrs.key.is_some() {
                continue;
            }
            if let Some(code) = &variant.attrs.code_name {
                match codes.first(code.clone(), groups.len()) {
                    Some(group) => groups[group].push(variant),
                    None => groups.push(vec![variant]),
                }
            }
        }
        CodeGroups { codes, groups }
    }

    /// Whether another variant answers `code` with another message or other members:
    /// the two then need keys of their own. Variants that say the same thing share the
    /// code's key, so adding one does not rename the others'.
    fn shared(&self, variant: &Variant, code: &str) -> bool {
        let Some(group) = self.codes.get(code) else {
            return false;
        };
        for other in &self.groups[group] {
            if !std::ptr::eq(*other, variant) && !says_the_same(variant, other) {
                return true;
            }
        }
        false
    }
}

/// The same message (as written, with its format arguments) and the same members.
fn says_the_same(a: &Variant, b: &Variant) -> bool {
    let message = |variant: &Variant| {
        variant
            .attrs
            .message
            .as_ref()
            .map(|message| (message.template.value(), message.args.to_string()))
    };
    let members = |variant: &Variant| {
        let mut names = Vec::new();
        for field in &variant.fields {
            if field.is_extension() {
                names.push(field.name.clone());
            }
        }
        names
    };
    message(a) == message(b) && members(a) == members(b)
}

/// Whether the value `source_of` is the variant's source field (`source`), or a
/// `format!` argument whose expression reads it.
fn shows_source(variant: &Variant, source_of: Source, source: Option<usize>) -> bool {
    let Some(source) = source else {
        return false;
    };
    let expression = match (source_of, variant.format_args.as_ref()) {
        (Source::Field(index), _) => return index == source,
        (Source::Positional(index), Some(args)) => &args.positional[index],
        (Source::Named(index), Some(args)) => &args.named[index].1,
        (_, None) => return false,
    };
    let name = &variant.fields[source].name;
    let mut reads = false;
    crate::fmt::rewrite_members(expression, &mut |member| {
        reads |= member.name == *name;
        member.tokens.clone()
    });
    reads
}

/// Whether `text` is a Fluent identifier: a letter, then letters, digits, `_` and `-`.
pub fn is_fluent_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    let mut valid = matches!(chars.next(), Some(first) if first.is_ascii_alphabetic());
    for c in chars {
        valid &= c.is_ascii_alphanumeric() || c == '_' || c == '-';
    }
    valid
}

/// `text` as a Fluent identifier (a letter, then letters, digits, `_` and `-`): kept
/// where it is one, else its other characters become `_` behind a leading `v`, so that
/// every key and variable the derive makes up can be written in FTL.
pub fn fluent_identifier(text: &str) -> String {
    if is_fluent_identifier(text) {
        return text.to_owned();
    }
    let mut out = String::from("v");
    for c in text.chars() {
        out.push(if c.is_ascii_alphanumeric() || c == '-' {
            c
        } else {
            '_'
        });
    }
    out
}

fn trait_spec(trait_: FmtTrait) -> &'static str {
    match trait_ {
        FmtTrait::Display => "",
        FmtTrait::Debug => "?",
        FmtTrait::LowerHex => "x",
        FmtTrait::UpperHex => "X",
        FmtTrait::Octal => "o",
        FmtTrait::Binary => "b",
        FmtTrait::LowerExp => "e",
        FmtTrait::UpperExp => "E",
        FmtTrait::Pointer => "p",
    }
}

/// `text` as Fluent pattern text: braces become string literals.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '{' => out.push_str("{\"{\"}"),
            '}' => out.push_str("{\"}\"}"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape_text;

    #[test]
    fn made_up_names_are_fluent_identifiers() {
        use super::fluent_identifier;
        assert_eq!(fluent_identifier("retry_after"), "retry_after");
        assert_eq!(fluent_identifier("_x"), "v_x");
        assert_eq!(fluent_identifier("größe"), "vgr__e");
        assert_eq!(
            fluent_identifier("conflict-name_taken"),
            "conflict-name_taken"
        );
    }

    #[test]
    fn braces_become_literals() {
        assert_eq!(escape_text("a {b} c"), "a {\"{\"}b{\"}\"} c");
        assert_eq!(escape_text("plain"), "plain");
    }
}
