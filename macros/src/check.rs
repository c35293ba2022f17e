//! Rules that look at more than one key or item at a time. Each rule is one function;
//! all of them run, so every problem is reported in one compile.

use std::collections::BTreeMap;

use quote::ToTokens;

use crate::ast::{Field, Input, Style, Variant};
use crate::codes;
use crate::ctx::Ctxt;
use crate::fmt::{Arg, Template};

pub fn check(cx: &Ctxt, input: &Input) {
    for variant in input.variants() {
        if variant.is_transparent() {
            transparent_stands_alone(cx, variant);
        } else {
            code_is_given(cx, variant);
            custom_code_has_status_and_message(cx, variant);
            standard_code_keeps_its_status(cx, variant);
            placeholders_name_fields(cx, variant);
        }
        one_source_per_variant(cx, variant);
        from_field_stands_alone(cx, variant);
        for field in &variant.fields {
            member_keys_fit_the_field(cx, variant, field);
        }
        member_names_are_unique(cx, input, variant);
    }
    from_types_are_distinct(cx, input);
}

fn code_is_given(cx: &Ctxt, variant: &Variant) {
    if variant.attrs.code.is_none() {
        cx.error_spanned_by(
            variant.error_tokens(),
            format!(
                "`{}` has no code: add `#[certifier(code = \"...\")]` with a code from the \
                 Certifier table or a snake_case code of your own, or mark it `transparent`",
                variant.ident
            ),
        );
    }
}

fn custom_code_has_status_and_message(cx: &Ctxt, variant: &Variant) {
    let Some(code) = &variant.attrs.code else {
        return;
    };
    if codes::lookup(&code.value()).is_some() {
        return;
    }
    let missing = match (&variant.attrs.status, &variant.attrs.message) {
        (None, None) => "`status` and `message`",
        (None, Some(_)) => "`status`",
        (Some(_), None) => "`message`",
        (Some(_), Some(_)) => return,
    };
    cx.error_spanned_by(
        variant.error_tokens(),
        format!(
            "`{}` is not a standard Certifier code, so it needs {missing}, as in \
             `#[certifier(status = 402, code = \"{}\", message = \"...\")]`",
            code.value(),
            code.value()
        ),
    );
}

fn standard_code_keeps_its_status(cx: &Ctxt, variant: &Variant) {
    let (Some(code), Some(status)) = (&variant.attrs.code, &variant.attrs.status) else {
        return;
    };
    let Some(standard) = codes::lookup(&code.value()) else {
        return;
    };
    if standard.statuses.contains(&status.value) {
        return;
    }
    let allowed = match standard.statuses {
        [only] => format!("{only}"),
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(u16::to_string).collect();
            format!("{} or {last}", init.join(", "))
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
    let keys = [
        attrs.code.as_ref().map(|_| "code"),
        attrs.status.as_ref().map(|_| "status"),
        attrs.message.as_ref().map(|_| "message"),
    ];
    for key in keys.into_iter().flatten() {
        cx.error_spanned_by(
            attrs.transparent.as_ref(),
            format!(
                "`transparent` takes status, code and message from the inner error, so \
                 `{key}` cannot be given beside it"
            ),
        );
    }
    if variant.fields.len() != 1 {
        cx.error_spanned_by(
            attrs.transparent.as_ref(),
            format!(
                "`transparent` needs exactly one field, the inner error; `{}` has {}",
                variant.ident,
                variant.fields.len()
            ),
        );
        return;
    }
    let field = &variant.fields[0];
    for (key, present) in [
        ("extend", field.attrs.extend.is_some()),
        ("flatten", field.attrs.flatten.is_some()),
    ] {
        if present {
            cx.error_spanned_by(
                field.original,
                format!(
                    "the field of a `transparent` variant cannot be `{key}`: its members come \
                     from the inner error"
                ),
            );
        }
    }
}

fn placeholders_name_fields(cx: &Ctxt, variant: &Variant) {
    let Some(lit) = &variant.attrs.message else {
        return;
    };
    let template = match Template::parse(lit) {
        Ok(template) => template,
        Err(problem) => return cx.error_spanned_by(lit, problem),
    };
    for reference in &template.args {
        let known = variant
            .fields
            .iter()
            .any(|field| match (&reference.arg, variant.style) {
                (Arg::Named(name), Style::Named) => field.unraw_name() == *name,
                (Arg::Index(index), Style::Tuple) => field.index == *index,
                _ => false,
            });
        if known {
            continue;
        }
        let problem = match (&reference.arg, variant.style) {
            (Arg::Named(name), Style::Named) => format!(
                "the message names `{{{name}}}`, but `{}` has no field `{name}`; its fields are {}",
                variant.ident,
                field_list(variant)
            ),
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
                "the message names `{{{name}}}`, but `{}` has no named fields{}",
                variant.ident,
                if variant.style == Style::Tuple {
                    "; use `{0}` for the first field"
                } else {
                    ""
                }
            ),
            (Arg::Index(_), Style::Unit) => {
                format!(
                    "the message names a field, but `{}` has none",
                    variant.ident
                )
            }
        };
        cx.error_spanned_by(lit, problem);
    }
}

fn field_list(variant: &Variant) -> String {
    let names: Vec<String> = variant
        .fields
        .iter()
        .map(|field| format!("`{{{}}}`", field.unraw_name()))
        .collect();
    names.join(", ")
}

fn one_source_per_variant(cx: &Ctxt, variant: &Variant) {
    let marked: Vec<&Field> = variant
        .fields
        .iter()
        .filter(|field| field.attrs.source.is_some() || field.attrs.from.is_some())
        .collect();
    for extra in marked.iter().skip(1) {
        cx.error_spanned_by(
            extra.original,
            "a variant has at most one source: keep `#[source]` or `#[from]` on one field",
        );
    }
}

fn from_field_stands_alone(cx: &Ctxt, variant: &Variant) {
    let Some(from) = variant.field_with_from() else {
        return;
    };
    if variant.fields.len() > 1 {
        cx.error_at(
            from.attrs.from.expect("a from field has the attribute"),
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
    let is_source =
        attrs.source.is_some() || attrs.from.is_some() || is_named_source(variant, field);
    for key in [attrs.extend.as_ref(), attrs.flatten.as_ref()]
        .into_iter()
        .flatten()
    {
        if is_source {
            cx.error_spanned_by(
                key,
                format!(
                    "a source is never serialised, so it cannot be `{key}`: the error chain \
                     stays out of the response"
                ),
            );
        }
    }
    if let (Some(_), Some(flatten)) = (&attrs.extend, &attrs.flatten) {
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
            attrs.extend.as_ref(),
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
    let mut reserved = vec!["code", "message"];
    if input.attrs.doc_url.is_some() {
        reserved.push("doc_url");
    }
    let mut seen = BTreeMap::new();
    for field in variant.fields.iter().filter(|field| field.is_extension()) {
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
        } else if let Some(first) = seen.insert(name.clone(), field.unraw_name()) {
            cx.error_spanned_by(
                &at,
                format!(
                    "the member `{name}` is already written by field `{first}`; rename one of them"
                ),
            );
        }
    }
}

fn from_types_are_distinct(cx: &Ctxt, input: &Input) {
    let mut seen = BTreeMap::new();
    for variant in input.variants() {
        let Some(field) = variant.field_with_from() else {
            continue;
        };
        let ty = field.ty.to_token_stream().to_string();
        if let Some(first) = seen.insert(ty, variant.ident.to_string()) {
            cx.error_spanned_by(
                field.ty,
                format!(
                    "`{first}` already has `#[from]` for this type, so `From` would be implemented \
                     twice; keep `#[from]` on one variant"
                ),
            );
        }
    }
}
