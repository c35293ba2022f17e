//! Rules that look at more than one key or item at a time. Each rule is one function;
//! all of them run, so every problem is reported in one compile.

use quote::ToTokens;

use crate::ast::{Field, Input, Style, Variant};
use crate::attr::{self, Key};
use crate::codes;
use crate::ctx::Ctxt;
use crate::fmt::{rewrite_members, Arg};
use crate::seen::Seen;

pub fn check(cx: &Ctxt, input: &Input) {
    thiserror_messages_need_skip_display(cx, input);
    the_type_is_sized(cx, input);
    for variant in input.variants() {
        if variant.is_transparent() {
            transparent_stands_alone(cx, variant);
            fields_beside_the_inner_error_are_members(cx, variant);
            members_follow_a_concrete_inner_error(cx, input, variant);
            log_stays_with_the_inner_error(cx, variant);
        } else {
            code_is_given(cx, input, variant);
            custom_code_has_status_and_message(cx, variant);
            standard_code_keeps_its_status(cx, variant);
            placeholders_name_fields(cx, variant);
            optional_paths_are_not_shown(cx, variant);
            format_args_name_fields(cx, variant);
            format_args_are_used(cx, variant);
        }
        if !variant.is_transparent() {
            // A transparent variant's rules say where its source and `From` come from.
            one_source_per_variant(cx, variant);
            from_field_stands_alone(cx, variant);
        }
        source_does_not_borrow(cx, variant);
        server_messages_leave_out_the_source(cx, variant);
        for field in &variant.fields {
            member_keys_fit_the_field(cx, variant, field);
        }
        member_names_are_unique(cx, input, variant);
        headers_are_distinct(cx, variant);
    }
    from_types_are_distinct(cx, input);
    catch_all_is_the_only_conversion(cx, input);
}

/// A struct whose last field is unsized (`str`, a slice, `Path`, a trait object) is
/// itself unsized, and an error is returned and serialised by value. Said here, once,
/// instead of as rustc's errors from deep in the expansion. (A type parameter declared
/// `?Sized` cannot be told apart and is left to rustc.)
fn the_type_is_sized(cx: &Ctxt, input: &Input) {
    let crate::ast::Shape::Struct(variant) = &input.shape else {
        return;
    };
    let Some(last) = variant.fields.last() else {
        return;
    };
    let unsized_name = match last.ty {
        syn::Type::Slice(_) => Some("a slice"),
        syn::Type::TraitObject(_) => Some("a trait object"),
        syn::Type::Path(path) if path.qself.is_none() => {
            let name = path
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string());
            match name.as_deref() {
                Some("str") if path.path.segments.len() == 1 => Some("`str`"),
                Some(name @ ("Path" | "OsStr" | "CStr")) => {
                    return cx.error_spanned_by(
                        last.ty,
                        format!(
                            "the field `{}` is unsized (`{name}`), which makes `{}` unsized; a \
                             `CertifierError` is returned and serialised by value, so it must \
                             be sized: own it as `{}` or `Box<{name}>`",
                            last.name,
                            input.ident,
                            match name {
                                "Path" => "PathBuf",
                                "OsStr" => "OsString",
                                _ => "CString",
                            }
                        ),
                    );
                }
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(what) = unsized_name {
        cx.error_spanned_by(
            last.ty,
            format!(
                "the field `{}` is unsized ({what}), which makes `{}` unsized; a \
                 `CertifierError` is returned and serialised by value, so it must be sized: \
                 own the data, as in `String`, `Vec<T>` or `Box<...>`",
                last.name, input.ident
            ),
        );
    }
}

/// `#[error(...)]` is thiserror's: it is read only by thiserror's derive, which writes
/// `Display` too, so it belongs beside `skip_display`.
fn thiserror_messages_need_skip_display(cx: &Ctxt, input: &Input) {
    if input.attrs.skip_display.is_some() {
        return;
    }
    let mut written_at = Vec::new();
    written_at.extend(input.attrs.thiserror_message.as_ref());
    for variant in input.variants() {
        written_at.extend(variant.attrs.thiserror_message.as_ref());
    }
    for &written in &written_at {
        cx.error_spanned_by(
            written,
            "`#[error(...)]` is thiserror's attribute: here the message goes in \
             `#[certifier(message = \"...\")]`. To derive `thiserror::Error` beside this \
             derive, add `#[certifier(skip_display)]` to the type: thiserror then writes \
             `Display` (the text for logs) and the envelope keeps the `certifier` message",
        );
    }
}

fn code_is_given(cx: &Ctxt, input: &Input, variant: &Variant) {
    // A code written with a bad value, in an attribute that could not be read, or on the
    // enum instead of its variants (as is `transparent`) is reported where it was written.
    let attrs = &variant.attrs;
    let reported = attrs.mentions(Key::Code)
        || attrs.malformed
        || input.attrs.mentions(Key::Code)
        || input.attrs.mentions(Key::Transparent);
    if attrs.code.is_none() && !reported {
        cx.error_spanned_by(
            &variant.error_tokens(),
            format!(
                "`{}` has no code: add `#[certifier(code = \"...\")]` with a code from the \
                 Certifier table or a snake_case code of your own, or mark it `transparent`",
                variant.ident
            ),
        );
    }
}

fn custom_code_has_status_and_message(cx: &Ctxt, variant: &Variant) {
    let Some(code) = &variant.attrs.code_name else {
        return;
    };
    if codes::lookup(code).is_some() || variant.attrs.malformed {
        return;
    }
    // A misspelt standard code, such as `NotFound`, is reported as such.
    if attr::snake_case_suggestion(code).is_some_and(|code| codes::lookup(&code).is_some()) {
        return;
    }
    let attrs = &variant.attrs;
    let missing = match (attrs.mentions(Key::Status), attrs.mentions(Key::Message)) {
        (false, false) => "`status` and `message`",
        (false, true) => "`status`",
        (true, false) => "`message`",
        (true, true) => return,
    };
    let status = attrs
        .status
        .as_ref()
        .map_or_else(|| "4xx".to_owned(), |status| status.value.to_string());
    cx.error_spanned_by(
        &variant.error_tokens(),
        format!(
            "`{code}` is not a standard Certifier code, so it needs {missing}, as in \
             `#[certifier(code = \"{code}\", status = {status}, message = \"...\")]`"
        ),
    );
}

fn standard_code_keeps_its_status(cx: &Ctxt, variant: &Variant) {
    let (Some(code), Some(status)) = (&variant.attrs.code_name, &variant.attrs.status) else {
        return;
    };
    let Some(standard) = codes::lookup(code) else {
        return;
    };
    if standard.statuses.contains(&status.value) {
        return;
    }
    let allowed = match standard.statuses {
        [only] => format!("{only}"),
        [init @ .., last] => {
            let mut list = String::new();
            for status in init {
                if !list.is_empty() {
                    list.push_str(", ");
                }
                list += &status.to_string();
            }
            format!("{list} or {last}")
        }
        [] => unreachable!("every standard code has a status"),
    };
    cx.error_spanned_by(
        &status.lit,
        format!(
            "`{}` is answered with status {allowed}, not {}; drop `status` to use the \
             standard one, or choose a code of your own",
            standard.code, status.value
        ),
    );
}

fn transparent_stands_alone(cx: &Ctxt, variant: &Variant) {
    let attrs = &variant.attrs;
    for &key in &[
        Key::Code,
        Key::Status,
        Key::Message,
        Key::Grpc,
        Key::Translation,
    ] {
        if let Some(written) = attrs.written_at(key) {
            let key = key.name();
            cx.error_spanned_by(
                &written,
                format!(
                    "`transparent` takes status, code and message from the inner error, so \
                     `{key}` cannot be given beside it: remove `{key}`, or remove \
                     `transparent` to describe this variant yourself"
                ),
            );
        }
    }
    let mut inner: Vec<&Field> = Vec::new();
    for field in &variant.fields {
        if !field.is_extension() {
            inner.push(field);
        }
    }
    let field = match inner[..] {
        [field] => field,
        // The one field is `extend`: said at `extend` below.
        [] if variant.fields.len() == 1 => &variant.fields[0],
        [] if variant.fields.is_empty() => {
            return cx.error_spanned_by(
                &attrs.transparent.as_ref(),
                format!(
                    "`transparent` needs a field, the inner error, whose type is a \
                     `CertifierError` (any other field is an `extend` member after the \
                     inner error's); `{}` has none: add it, as in `{}(StandardError)`",
                    variant.ident, variant.ident
                ),
            );
        }
        [] => {
            return cx.error_spanned_by(
                &attrs.transparent.as_ref(),
                format!(
                    "`transparent` needs exactly one field without `extend`, the inner \
                     error, and takes the others as members after the inner error's; every \
                     field of `{}` is `extend`: remove `extend` from the inner error",
                    variant.ident
                ),
            );
        }
        // Each field after the first without `extend` is said to need it, in
        // `fields_beside_the_inner_error_are_members`.
        [first, ..] => first,
    };
    if let Some(source) = &field.attrs.source {
        cx.error_spanned_by(
            source,
            "`transparent` takes the source from the inner error (its own `source()`), so \
             the field cannot be `#[source]`: remove `#[source]`, or remove `transparent` \
             and give the variant a code to keep this error as its source",
        );
    }
    for &(key, written) in &[
        ("extend", &field.attrs.extend),
        ("flatten", &field.attrs.flatten),
    ] {
        if let Some(written) = written {
            cx.error_spanned_by(
                written,
                format!(
                    "the inner error of a `transparent` variant cannot be `{key}`: its \
                     members come from its own type; remove `{key}` (a field beside the \
                     inner error can be `extend`, a member after the inner error's)"
                ),
            );
        }
    }
    if let Some(from) = &field.attrs.from {
        if variant.fields.len() > 1 {
            cx.error_spanned_by(
                from,
                format!(
                    "`#[from]` builds `{}` from this field alone, so the variant cannot have \
                     `extend` fields beside it: remove `#[from]` and build the variant by hand",
                    variant.ident
                ),
            );
        }
    }
}

/// Beside its inner error (its first field without `extend`), a transparent variant's
/// fields are members after the inner error's: `extend`, with `rename` where needed,
/// and nothing else.
fn fields_beside_the_inner_error_are_members(cx: &Ctxt, variant: &Variant) {
    let Some(inner) = variant.transparent_field() else {
        return;
    };
    for field in &variant.fields {
        if field.index == inner.index {
            continue;
        }
        if !field.is_extension() {
            let (at, mark) = match &field.original.ident {
                Some(ident) => (ident.to_token_stream(), "#[certifier(extend)]"),
                None => (
                    field.ty.to_token_stream(),
                    "#[certifier(extend, rename = \"...\")]",
                ),
            };
            cx.error_spanned_by(
                &at,
                format!(
                    "`{}` is `transparent`, with its inner error in field `{}`: every other \
                     field is a member after the inner error's, so mark this one `{mark}`, \
                     or remove `transparent`",
                    variant.ident, inner.name
                ),
            );
        }
        let beside = "beside the inner error of a `transparent` variant, a field is an \
                      `extend` member";
        if let Some(flatten) = &field.attrs.flatten {
            cx.error_spanned_by(
                flatten,
                format!(
                    "{beside} and cannot be `flatten` (the members of its own fields): \
                     remove `flatten`"
                ),
            );
        }
        if let Some(header) = &field.attrs.header {
            cx.error_spanned_by(
                header,
                format!(
                    "{beside} and cannot set a header: the variant sends its inner error's \
                     headers; remove `header`, or set a fixed `header(\"Name\", \"value\")` \
                     on the variant"
                ),
            );
        }
        if let Some(source) = &field.attrs.source {
            cx.error_spanned_by(
                source,
                format!(
                    "{beside} and cannot be `#[source]`: the source is the inner error's \
                     own; remove `#[source]`"
                ),
            );
        }
        if let Some(from) = &field.attrs.from {
            cx.error_spanned_by(
                from,
                format!(
                    "{beside} and cannot be `#[from]`: `From` builds a variant from one \
                     field alone; remove `#[from]`"
                ),
            );
        }
    }
}

/// The catalogue copies the inner type's entries with the variant's members after each
/// one's, at compile time: it cannot wait for a type parameter.
fn members_follow_a_concrete_inner_error(cx: &Ctxt, input: &Input, variant: &Variant) {
    let Some(inner) = variant.transparent_field() else {
        return;
    };
    if !variant.has_extension() {
        return;
    }
    let mut params: Vec<&syn::Ident> = Vec::new();
    for param in input.generics.type_params() {
        params.push(&param.ident);
    }
    for param in input.generics.const_params() {
        params.push(&param.ident);
    }
    if let Some(param) = mentioned_param(inner.ty.to_token_stream(), &params) {
        cx.error_spanned_by(
            inner.ty,
            format!(
                "the inner error's type names the type parameter `{param}`, but a \
                 `transparent` variant with `extend` fields needs a concrete one: the \
                 catalogue lists each of the inner type's entries with this variant's \
                 members after its own, built at compile time, before `{param}` is known. \
                 Name a concrete type here, or remove the `extend` fields"
            ),
        );
    }
}

/// The first of `params` that `tokens` name.
fn mentioned_param(tokens: proc_macro2::TokenStream, params: &[&syn::Ident]) -> Option<syn::Ident> {
    use proc_macro2::TokenTree;
    let mut after_quote = false;
    for tree in tokens {
        let found = match &tree {
            // `'a` is a lifetime, not a parameter of that name.
            TokenTree::Ident(ident) if !after_quote && params.contains(&ident) => {
                Some(ident.clone())
            }
            TokenTree::Group(group) => mentioned_param(group.stream(), params),
            _ => None,
        };
        if found.is_some() {
            return found;
        }
        after_quote = matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == '\'');
    }
    None
}

/// A transparent variant logs at its field's level, which the field's own type (and
/// its catalogue) declares: a level beside `transparent` would contradict it.
fn log_stays_with_the_inner_error(cx: &Ctxt, variant: &Variant) {
    if variant.is_struct {
        return;
    }
    if let Some(written) = variant.attrs.written_at(Key::Log) {
        cx.error_spanned_by(
            &written,
            "`transparent` logs at the level of the inner error, so `log` cannot be given \
             beside it: set `log` on the inner error's type instead",
        );
    }
}

fn placeholders_name_fields(cx: &Ctxt, variant: &Variant) {
    let (Some(message), Some(template)) = (&variant.attrs.message, &variant.template) else {
        return;
    };
    if variant.format_args.is_none() {
        // Malformed arguments, already reported: what the placeholders name is unknown.
        return;
    }
    let lit = &message.template;
    let positional = variant.positional_args();
    for reference in &template.args {
        if variant.resolve(&reference.arg).is_some() || is_captured_constant(&reference.arg) {
            continue;
        }
        let problem = match (&reference.arg, variant.style) {
            (Arg::Named(name), _) if name == "self" => format!(
                "`self` is not a field: a message shows fields, not the error itself (its \
                 `Display` is this message, and its `Debug` would show every field). Name \
                 the fields to show{}",
                match variant.fields.first() {
                    Some(field) if variant.style == Style::Named =>
                        format!(", as in `{{{}}}`", field.name),
                    Some(_) => ", as in `{0}`".to_owned(),
                    None => String::new(),
                }
            ),
            (Arg::Next(_), _) if positional == 0 => "`{}` needs an argument: name a field, as \
                 in `{count}`, give a tuple field's index, as in `{0}`, or pass it as in \
                 `message(\"{}\", .count)`"
                .to_owned(),
            (Arg::Next(index) | Arg::Index(index), _)
                if positional > 0 && variant.style != Style::Tuple =>
            {
                format!(
                "the message has a placeholder for positional argument {index} (counting from 0), \
                 but `message(...)` passes {positional}: add the argument, or name a field in \
                 the placeholder"
            )
            }
            (Arg::Index(_), Style::Tuple) if positional > 0 => {
                "`{0}`-style placeholders are ambiguous \
                 beside positional format arguments in a tuple variant: they could name a field \
                 or an argument; pass the field as a named argument, as in `value = .0`, and \
                 write `{value}`"
                    .to_owned()
            }
            (Arg::Next(_), _) => {
                unreachable!("a positional reference without arguments is handled above")
            }
            _ if variant.fields.is_empty() => format!(
                "`{}` has no fields, so its message cannot have placeholders; write `{{{{` and \
                 `}}}}` for literal braces",
                variant.ident
            ),
            (Arg::Named(name), Style::Named) => match attr::closest(name, &variant.field_names()) {
                Some(meant) => format!(
                    "the message names `{{{name}}}`, but `{}` has no field `{name}`; did you \
                         mean `{{{meant}}}`?",
                    variant.ident
                ),
                None => format!(
                    "the message names `{{{name}}}`, but `{}` has no field `{name}`; its \
                         fields are {} (a name in SCREAMING_CASE would be a constant)",
                    variant.ident,
                    field_list(variant),
                ),
            },
            (Arg::Index(index), Style::Tuple) => format!(
                "the message names `{{{index}}}`, but `{}` has {} field{}: use `{{0}}`{}",
                variant.ident,
                variant.fields.len(),
                if variant.fields.len() == 1 { "" } else { "s" },
                if variant.fields.len() > 1 {
                    format!(" to `{{{}}}`", variant.fields.len() - 1)
                } else {
                    String::new()
                }
            ),
            (Arg::Index(_), Style::Named) => format!(
                "`{}` has named fields: refer to them by name, such as {}",
                variant.ident,
                field_list(variant)
            ),
            (Arg::Named(name), _) => format!(
                "the message names `{{{name}}}`, but the fields of `{}` have no names: refer to \
                 them by position, `{{0}}` for the first",
                variant.ident,
            ),
            (Arg::Index(_), Style::Unit) => unreachable!("a unit variant has no fields"),
        };
        cx.error_spanned_by(lit, problem);
    }
}

/// A placeholder in SCREAMING_CASE that names no field or argument, such as
/// `{MAX_LEN}`: a constant in scope, captured as `format!` captures it.
pub fn is_captured_constant(arg: &Arg) -> bool {
    let Arg::Named(name) = arg else {
        return false;
    };
    let mut has_upper = false;
    for byte in name.bytes() {
        match byte {
            b'A'..=b'Z' => has_upper = true,
            b'0'..=b'9' | b'_' => {}
            _ => return false,
        }
    }
    has_upper
}

/// A path field shows as its `display()`; an `Option` of one has no text to show, in
/// `format!` as in thiserror: said here, with what to write instead.
fn optional_paths_are_not_shown(cx: &Ctxt, variant: &Variant) {
    let (Some(message), Some(template)) = (&variant.attrs.message, &variant.template) else {
        return;
    };
    for reference in &template.args {
        let Some(crate::ast::Target::Field(field)) = variant.resolve(&reference.arg) else {
            continue;
        };
        let is_optional_path = field
            .option_inner()
            .is_some_and(|inner| crate::ast::names_a_path(&inner.to_token_stream()));
        if reference.trait_ == Some(crate::fmt::FmtTrait::Display) && is_optional_path {
            let member = match &field.member {
                syn::Member::Named(_) => field.name.clone(),
                syn::Member::Unnamed(_) => field.index.to_string(),
            };
            cx.error_spanned_by(
                &message.template,
                format!(
                    "`{{{member}}}` is an `Option` of a path, which has no text of its own: \
                     show the path where there is one, as in `message(\"{{}}\", \
                     .{member}.as_deref().unwrap_or(std::path::Path::new(\"-\")).display())`, \
                     or write `{{{member}:?}}`"
                ),
            );
        }
    }
}

/// Each `.field` or `.0` in a format argument names one of the variant's fields, and a
/// field is not named bare (`token` for `.token`): arms bind fields under names of
/// their own, so a bare name would not find it.
fn format_args_name_fields(cx: &Ctxt, variant: &Variant) {
    let Some(args) = &variant.format_args else {
        return;
    };
    for &value in &args.values() {
        for bare in crate::fmt::bare_names(value) {
            let name = syn::ext::IdentExt::unraw(&bare).to_string();
            if variant
                .field_by_name(&name)
                .is_some_and(|field| field.original.ident.is_some())
            {
                cx.error_spanned_by(
                    &bare,
                    format!(
                        "`{name}` is a field of `{}`: in a format argument, name it as \
                         `.{name}`",
                        variant.ident
                    ),
                );
            }
        }
    }
    for &value in &args.values() {
        rewrite_members(value, &mut |member| {
            if variant.field_by_name(&member.name).is_none() {
                let problem = match attr::closest(&member.name, &variant.field_names()) {
                    _ if variant.fields.is_empty() => {
                        format!(
                            "`{}` has no fields for `.{}` to name",
                            variant.ident, member.name
                        )
                    }
                    Some(meant) => format!(
                        "`{}` has no field `{}`; did you mean `.{meant}`?",
                        variant.ident, member.name
                    ),
                    None => format!(
                        "`{}` has no field `{}`; its fields are {}",
                        variant.ident,
                        member.name,
                        field_list(variant)
                    ),
                };
                cx.error_spanned_by(&member.tokens, problem);
            }
            member.tokens.clone()
        });
    }
}

/// Every format argument is used by a placeholder, as `format!` requires.
fn format_args_are_used(cx: &Ctxt, variant: &Variant) {
    let (Some(args), Some(template)) = (&variant.format_args, &variant.template) else {
        return;
    };
    let mut positional_used = vec![false; args.positional.len()];
    let mut named_used = vec![false; args.named.len()];
    for reference in &template.args {
        match variant.resolve(&reference.arg) {
            Some(crate::ast::Target::Positional(i)) => positional_used[i] = true,
            Some(crate::ast::Target::Named(i)) => named_used[i] = true,
            _ => {}
        }
    }
    for (index, value) in args.positional.iter().enumerate() {
        if !positional_used[index] {
            cx.error_spanned_by(
                value,
                format!(
                    "the format argument {index} is used by no placeholder: add a `{{}}` for it \
                     to the message, or remove it"
                ),
            );
        }
    }
    for (index, (name, value)) in args.named.iter().enumerate() {
        if !named_used[index] {
            cx.error_spanned_by(
                &quote::quote!(#name = #value),
                format!(
                    "the format argument `{name}` is used by no placeholder: add `{{{name}}}` to \
                     the message, or remove it"
                ),
            );
        }
    }
}

fn field_list(variant: &Variant) -> String {
    attr::listed(&variant.field_names(), "`{", "}`")
}

/// A server error's cause lives on the server: the text of its source (an I/O, database
/// or upstream error) describes internals, so a 5xx message may show it only where the
/// author opted in with `allow_source_in_message`. A 4xx message may: there the source
/// is usually about the request, such as a JSON syntax error.
fn server_messages_leave_out_the_source(cx: &Ctxt, variant: &Variant) {
    let shown = server_message_showing_the_source(variant);
    match (shown, &variant.attrs.allow_source_in_message) {
        (Some((status, source, lit, through_argument)), None) => {
            let name = if through_argument {
                format!(".{}", source.name)
            } else {
                format!("{{{}}}", source.name)
            };
            cx.error_spanned_by(
                lit,
                format!(
                    "`{}` answers with status {status}, a server error, so its message must not \
                     show its source `{name}`: a source's text can describe the server's \
                     internals. Leave it out of the message (`Error::source()` still hands it to \
                     your logs), or add `allow_source_in_message` if its text is safe to show",
                    variant.ident
                ),
            );
        }
        (None, Some(flag)) => cx.error_spanned_by(
            flag,
            format!(
                "`allow_source_in_message` has no effect here: `{}` has no server-error message \
                 that shows a source; remove it",
                variant.ident
            ),
        ),
        _ => {}
    }
}

/// The status, source field and message of a 5xx variant whose message shows its source,
/// through a placeholder or a format argument.
fn server_message_showing_the_source<'v, 'a>(
    variant: &'v Variant<'a>,
) -> Option<(u16, &'v Field<'a>, &'v syn::LitStr, bool)> {
    if variant.is_transparent() {
        return None;
    }
    let message = variant.attrs.message.as_ref()?;
    let status = variant.status()?;
    if status < 500 {
        return None;
    }
    let source = variant.source_field()?;
    let mut in_placeholder = false;
    for reference in &variant.template.as_ref()?.args {
        if let Some(crate::ast::Target::Field(field)) = variant.resolve(&reference.arg) {
            in_placeholder |= field.index == source.index;
        }
    }
    let mut in_argument = false;
    if let Some(args) = &variant.format_args {
        for &value in &args.values() {
            rewrite_members(value, &mut |member| {
                in_argument |= member.name == source.name;
                member.tokens.clone()
            });
        }
    }
    (in_placeholder || in_argument).then_some((status, source, &message.template, !in_placeholder))
}

fn one_source_per_variant(cx: &Ctxt, variant: &Variant) {
    let mut marked: Vec<&Field> = Vec::new();
    for field in &variant.fields {
        if field.attrs.source.is_some() || field.attrs.from.is_some() {
            marked.push(field);
        }
    }
    let Some((first, extras)) = marked.split_first() else {
        return;
    };
    for extra in extras {
        let attr = extra.attrs.source.as_ref().or(extra.attrs.from.as_ref());
        cx.error_spanned_by(
            &attr,
            format!(
                "`{}` already has a source, field `{}`: a variant has at most one, so keep \
                 `#[source]` or `#[from]` on one field",
                variant.ident, first.name
            ),
        );
    }
}

/// `Error::source()` hands the source out as `&(dyn Error + 'static)`, which a type that
/// borrows for a shorter lifetime cannot be: said here, at the lifetime, instead of as
/// rustc's lifetime errors from inside the expansion.
fn source_does_not_borrow(cx: &Ctxt, variant: &Variant) {
    if variant.is_transparent() {
        return;
    }
    let Some(field) = variant.source_field() else {
        return;
    };
    let Some(lifetime) = borrowed_lifetime(field.ty.to_token_stream()) else {
        return;
    };
    let role = if field.attrs.from.is_some() {
        "`#[from]` field"
    } else {
        "source"
    };
    let name = crate::text::replace(&lifetime.to_string(), " ", "");
    cx.error_spanned_by(
        &lifetime,
        format!(
            "the {role} of `{}` borrows for `{name}`, but `Error::source()` returns the \
             source as `&(dyn Error + 'static)`, so it cannot hold a reference that \
             does not live forever: own the data (an owned error type, `String` instead of \
             `&{name} str`), or keep the field without `#[from]`/`#[source]`",
            variant.ident
        ),
    );
}

/// The first lifetime other than `'static` in `tokens`, as its `'` and name.
fn borrowed_lifetime(tokens: proc_macro2::TokenStream) -> Option<proc_macro2::TokenStream> {
    use proc_macro2::TokenTree;
    let trees = crate::fmt::token_trees(&tokens);
    for (at, tree) in trees.iter().enumerate() {
        match (tree, trees.get(at + 1)) {
            (TokenTree::Punct(quote), Some(TokenTree::Ident(name)))
                if quote.as_char() == '\'' && name != "static" =>
            {
                return Some(crate::fmt::stream_of(trees[at..at + 2].to_vec()));
            }
            (TokenTree::Group(group), _) => {
                if let Some(found) = borrowed_lifetime(group.stream()) {
                    return Some(found);
                }
            }
            _ => {}
        }
    }
    None
}

fn from_field_stands_alone(cx: &Ctxt, variant: &Variant) {
    let Some(from) = variant.field_with_from() else {
        return;
    };
    if variant.fields.len() > 1 {
        cx.error_spanned_by(
            &from.attrs.from.as_ref(),
            format!(
                "`#[from]` builds `{}` from this field alone, so the variant cannot have other \
                 fields; drop them or use `#[source]` and build the variant by hand",
                variant.ident
            ),
        );
    }
}

fn member_keys_fit_the_field(cx: &Ctxt, variant: &Variant, field: &Field) {
    let attrs = &field.attrs;
    // A transparent variant's source is its inner error's, and its rules say what a
    // field beside the inner error cannot be.
    let transparent = variant.is_transparent();
    let is_source = !transparent
        && (attrs.source.is_some() || attrs.from.is_some() || is_named_source(variant, field));
    if is_source {
        for written in &[&attrs.extend, &attrs.flatten] {
            if let Some(key) = written {
                cx.error_spanned_by(
                    key,
                    format!(
                        "a source is never serialised, so it cannot be `{key}`: the error \
                         chain stays out of the response"
                    ),
                );
            }
        }
    }
    if let (Some(_), Some(flatten), false) = (&attrs.extend, &attrs.flatten, transparent) {
        cx.error_spanned_by(
            flatten,
            "a field is either `extend` (one member) or `flatten` (its own members), not both",
        );
    }
    if let Some(rename) = &attrs.rename {
        if attrs.extend.is_none() {
            cx.error_spanned_by(rename, "`rename` names an extension member: add `extend`");
        }
    }
    if attrs.extend.is_some() && attrs.rename.is_none() && field.member_name(None).is_none() {
        cx.error_spanned_by(
            &attrs.extend.as_ref(),
            "a tuple field has no name to serialise under: add `rename = \"...\"`",
        );
    }
}

/// A field named `source` is the source unless another field is marked.
fn is_named_source(variant: &Variant, field: &Field) -> bool {
    variant
        .source_field()
        .is_some_and(|source| source.index == field.index)
}

fn member_names_are_unique(cx: &Ctxt, input: &Input, variant: &Variant) {
    let rule = input.rename_rule();
    let reserved = input.reserved_member_names();
    let mut seen = Seen::default();
    for field in &variant.fields {
        if !field.is_extension() {
            continue;
        }
        let Some(name) = field.member_name(rule) else {
            continue;
        };
        let at = match &field.attrs.rename {
            Some(rename) => rename.to_token_stream(),
            None => field.original.ident.to_token_stream(),
        };
        if reserved.contains(&name.as_str()) {
            cx.error_spanned_by(
                &at,
                format!(
                    "the member `{name}` is already in every envelope; rename the extension, as in \
                     `#[certifier(extend, rename = \"{name}_detail\")]`"
                ),
            );
        } else if let Some(previous) = seen.last(name.clone(), field.index) {
            cx.error_spanned_by(
                &at,
                format!(
                    "the member `{name}` is already written by field `{}`; rename one of them",
                    variant.fields[previous].name
                ),
            );
        }
    }
}

fn headers_are_distinct(cx: &Ctxt, variant: &Variant) {
    // Where each header was last set: a fixed header counts as position 0, a field as
    // 1 + its index.
    let mut seen = Seen::default();
    let mut written: Vec<(&syn::LitStr, Option<&Field>)> = Vec::new();
    for (name, _) in &variant.attrs.fixed_headers {
        written.push((name, None));
    }
    for field in &variant.fields {
        if let Some(name) = &field.attrs.header {
            written.push((name, Some(field)));
        }
    }
    for &(lit, field) in &written {
        let inner = variant.transparent_field();
        if field.is_some_and(|field| inner.is_some_and(|inner| inner.index == field.index)) {
            cx.error_spanned_by(
                lit,
                "a transparent variant takes its headers from its field's own type; \
                 remove `header` here",
            );
            continue;
        }
        if field.is_some() && variant.is_transparent() {
            // Beside the inner error: said in `fields_beside_the_inner_error_are_members`.
            continue;
        }
        let at = field.map_or(0, |field| 1 + field.index);
        if let Some(previous) = seen.last(lit.value().to_ascii_lowercase(), at) {
            let by = if previous == 0 {
                "a fixed `header(...)` of"
            } else {
                "another field of"
            };
            cx.error_spanned_by(
                lit,
                format!(
                    "the `{}` header is already set by {by} `{}`",
                    lit.value(),
                    variant.ident
                ),
            );
        }
    }
}

/// A `catch_all` variant takes every error through one `From` impl for each type that
/// converts into its field: so one such variant, with one field, and no other `From`
/// (it would overlap), no `transparent`, and no `Error` impl written by another derive.
fn catch_all_is_the_only_conversion(cx: &Ctxt, input: &Input) {
    let mut first: Option<&Variant> = None;
    for variant in input.variants() {
        let Some(flag) = &variant.attrs.catch_all else {
            continue;
        };
        if let Some(first) = first {
            cx.error_spanned_by(
                flag,
                format!(
                    "`{}` is already the `catch_all` variant: every error converts into one \
                      variant; remove `catch_all` here",
                    first.ident
                ),
            );
            continue;
        }
        first = Some(variant);
        if variant.fields.len() != 1 {
            cx.error_spanned_by(
                flag,
                format!(
                    "`catch_all` needs exactly one field, the error every other converts into \
                      (such as `anyhow::Error` or `Box<dyn std::error::Error + Send + Sync>`); \
                      `{}` has {}",
                    variant.ident,
                    variant.fields.len()
                ),
            );
        }
        if let Some(transparent) = &variant.attrs.transparent {
            cx.error_spanned_by(
                transparent,
                "a `catch_all` variant keeps what it caught as its source and answers with its \
                  own code: remove `transparent`",
            );
        }
        if let Some(from) = variant
            .fields
            .first()
            .and_then(|field| field.attrs.from.as_ref())
        {
            cx.error_spanned_by(
                from,
                "`catch_all` already converts every error into this field: remove `#[from]`",
            );
        }
        if let Some(skip_display) = &input.attrs.skip_display {
            cx.error_spanned_by(
                skip_display,
                "a type with a `catch_all` variant cannot be a `std::error::Error` (its `From` \
                  for every error would overlap with `From<T> for T`), and `skip_display` \
                  leaves `Error` to another derive: write the messages with `message` instead",
            );
        }
    }
    let Some(catch_all) = first else {
        return;
    };
    for variant in input.variants() {
        let Some(from) = variant
            .field_with_from()
            .and_then(|field| field.attrs.from.as_ref())
        else {
            continue;
        };
        if variant.ident == catch_all.ident {
            continue;
        }
        cx.error_spanned_by(
            from,
            format!(
                "`{}` converts every error through `catch_all`, so a `From` for this field \
                  would overlap with it: remove `#[from]` and build this variant with \
                  `.map_err({}::{})`",
                input.ident, input.ident, variant.ident
            ),
        );
    }
}

fn from_types_are_distinct(cx: &Ctxt, input: &Input) {
    let variants = input.variants();
    let mut seen = Seen::default();
    for (at, variant) in variants.iter().enumerate() {
        let Some(field) = variant.field_with_from() else {
            continue;
        };
        // `#[from]` on an `Option<E>` converts from `E`.
        let ty = field.option_inner().unwrap_or(field.ty);
        let ty = ty.to_token_stream().to_string();
        if let Some(previous) = seen.last(ty, at) {
            cx.error_spanned_by(
                field.ty,
                format!(
                    "`{}` already has `#[from]` for this type, so `From` would be implemented \
                     twice; keep `#[from]` on one variant",
                    variants[previous].ident
                ),
            );
        }
    }
}

/// `names` in order, sorted by insertion: a variant has a few, and a sort of the
/// standard library would compile into the macro for them alone.
fn sorted(mut names: Vec<&str>) -> Vec<&str> {
    for end in 1..names.len() {
        let mut at = end;
        while at > 0 && names[at - 1] > names[at] {
            names.swap(at - 1, at);
            at -= 1;
        }
    }
    names
}

/// Variants that share a key share its translations: they must hand over the same
/// variables and have the same source message, or a translation written for one would
/// be wrong for the other.
pub fn keys_have_one_meaning(cx: &Ctxt, plan: &crate::plan::Plan) {
    let mut own: Vec<(&crate::plan::VariantPlan, &crate::translation::Translation)> = Vec::new();
    for variant in &plan.variants {
        if let crate::plan::Kind::Own(own_answers) = &variant.kind {
            own.push((variant, &own_answers.translation));
        }
    }
    // The first variant of each key, found in one pass.
    let mut firsts = Seen::default();
    for (at, (variant, translation)) in own.iter().enumerate() {
        let Some(first_at) = firsts.first(translation.key.clone(), at) else {
            continue;
        };
        let (first, earlier) = own[first_at];
        let names = sorted(translation.argument_names());
        let earlier_names = sorted(earlier.argument_names());
        let differs = if names != earlier_names {
            let list = |names: &[&str]| match names {
                [] => "none".to_owned(),
                names => attr::listed(names, "`$", "`"),
            };
            format!(
                "variables ({} has {}, {} has {})",
                first.name,
                list(&earlier_names),
                variant.name,
                list(&names)
            )
        } else if translation.pattern != earlier.pattern {
            "messages".to_owned()
        } else {
            continue;
        };
        cx.syn_error(syn::Error::new(
            translation.key_span,
            format!(
                "`{}` and `{}` share the message key `{}` but not their {differs}: one key \
                 stands for one message in every language; give one of them a `key` of \
                 its own",
                first.name, variant.name, translation.key
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::sorted;

    #[test]
    fn sorted_orders_as_the_standard_sort() {
        let lists: [&[&str]; 6] = [
            &[],
            &["a"],
            &["b", "a"],
            &["c", "a", "b", "a"],
            &["field0", "count", "Count", "name-2", "name"],
            &["e", "d", "c", "b", "a"],
        ];
        for list in lists {
            let mut expected = list.to_vec();
            expected.sort_unstable();
            assert_eq!(sorted(list.to_vec()), expected, "{list:?}");
        }
    }
}
