//! The direct JSON writer: `CertifierError::write_json` for a derived type.
//!
//! Each variant's envelope is laid out as a run of parts. The static parts (the opening
//! `{"error":{"code":"..","message":"`, a literal message, the `doc_url` of a variant
//! with a known code, member names) are escaped here, at compile time, and adjacent
//! ones are merged into a single byte string; the dynamic parts call the runtime's
//! writer helpers (`__private::json`, named `__json` inside the method, and its
//! questions `__Text`, `__Value` and `__Flatten`), which pick the most direct path the
//! field's type allows (see `__private::choice`). The bytes are those of the derived
//! `Serialize` through `serde_json`. A field write that can fail records the failure
//! in `__failure` (`__private::Failure`) instead of returning it: no `?` per field,
//! which in a large enum is much of what the user's crate compiles.
use proc_macro2::{Literal, TokenStream};
use quote::{quote, quote_spanned};

use super::escape::{json_string_contents, push_json_string};
use super::members::{Direct, MemberWrite};
use super::paths::{Private, ALLOW_UNUSED_IMPORTS, OK, RESULT, U8};
use super::WriterArgs;
use crate::plan::{Kind, Message, Own, PlainSegment, Plan, VariantPlan};

/// `fn write_json` for the `CertifierError` impl. `writes` holds each variant's
/// [`member_writes`](super::members::member_writes), by variant index.
pub fn write_json_method(plan: &Plan, writes: &[Vec<MemberWrite>]) -> TokenStream {
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let body = if plan.variants.is_empty() {
        quote!(match *self {})
    } else {
        let arms = plan.match_variants(&|variant| {
            let (pattern, parts) = variant_parts(plan, variant, &writes[variant.index]);
            let statements = emit(parts);
            quote!(#pattern => { #statements })
        });
        quote! {
            __json::guarded(__out, |__out, __failure| {
                #arms
                #OK(())
            })
        }
    };
    quote! {
        fn write_json(
            &self,
            __out: &mut #private::Vec<#U8>,
        ) -> #RESULT<(), #private::serde_json::Error> {
            #ALLOW_UNUSED_IMPORTS
            use #private::{
                choice::{FirstChoice as _, LastChoice as _, SecondChoice as _},
                json::{self as __json, Flatten as __Flatten, Text as __Text, Value as __Value},
            };
            #body
        }
    }
}

/// A piece of one variant's envelope.
enum Part {
    /// Bytes known at compile time, already escaped.
    Static(Vec<u8>),
    /// Statements that append to `__out`.
    Code(TokenStream),
    /// `#head { body }`, such as `if let Some(..) = ..`; nothing moves in or out.
    Block { head: TokenStream, body: Vec<Part> },
}

/// The `match` pattern for the variant and the parts of its envelope.
fn variant_parts(
    plan: &Plan,
    variant: &VariantPlan,
    writes: &[MemberWrite],
) -> (TokenStream, Vec<Part>) {
    let mut bound: Vec<usize> = Vec::with_capacity(variant.members.len());
    for member in &variant.members {
        bound.push(member.field);
    }
    let own = match &variant.kind {
        Kind::Transparent(_) if plan.doc_url.is_some() => {
            // The container's link replaces the field's: the whole envelope goes through
            // the derived `Serialize`.
            let write = quote!(__json::write_serialize(__out, self)?;);
            return (variant.pattern_none(), vec![Part::Code(write)]);
        }
        Kind::Transparent(index) => {
            let call = plan.delegate_with(
                &variant.fields[*index],
                quote!(write_json),
                &quote!(, __out),
            );
            bound.push(*index);
            let mut parts = vec![Part::Code(quote!(#call?;))];
            if !variant.members.is_empty() {
                // The inner error's envelope, reopened for the variant's own members.
                parts.push(Part::Code(quote!(__json::reopen_envelope(__out)?;)));
                parts.extend(members(writes));
                parts.push(Part::Static(b"}}".to_vec()));
            }
            return (variant.pattern(&|index| bound.contains(&index)), parts);
        }
        Kind::Own(own) => own,
    };
    let code = &own.code_name;
    let mut head = b"{\"error\":{\"code\":".to_vec();
    push_json_string(&mut head, code);
    head.extend_from_slice(b",\"message\":\"");
    let mut parts = vec![Part::Static(head)];
    parts.extend(message(plan, own, variant, &mut bound));
    parts.push(Part::Static(b"\"".to_vec()));

    if let Some(template) = &plan.doc_url {
        let mut member = b",\"doc_url\":".to_vec();
        push_json_string(
            &mut member,
            &crate::text::replace(&template.value(), "{code}", code),
        );
        parts.push(Part::Static(member));
    }
    parts.extend(members(writes));
    parts.push(Part::Static(b"}}".to_vec()));
    (variant.pattern(&|index| bound.contains(&index)), parts)
}

/// The variant's members, each as `,"name":value`.
fn members(writes: &[MemberWrite]) -> Vec<Part> {
    let mut parts = Vec::new();
    for write in writes {
        // The writes are shared with `serialize_extensions`: each piece is copied here.
        match &write.direct {
            Direct::Statements(statements) => parts.push(Part::Code(statements.clone())),
            Direct::Member {
                key,
                value,
                optional: Some(head),
            } => parts.push(Part::Block {
                head: head.clone(),
                body: vec![Part::Static(key.clone()), Part::Code(value.clone())],
            }),
            Direct::Member {
                key,
                value,
                optional: None,
            } => {
                parts.push(Part::Static(key.clone()));
                parts.push(Part::Code(value.clone()));
            }
        }
    }
    parts
}

/// The message's text between its quotes.
fn message(plan: &Plan, own: &Own, variant: &VariantPlan, bound: &mut Vec<usize>) -> Vec<Part> {
    let runtime = &plan.runtime;
    let template = match &own.message {
        Message::Literal(text) => return vec![Part::Static(json_string_contents(text))],
        Message::Template(template) => template,
    };
    let through_fmt = || {
        vec![Part::Code(quote! {
            __json::write_display_contents(__out, &#runtime::Message(self))?;
        })]
    };
    let Some(segments) = &template.plain else {
        return through_fmt();
    };
    // Each placeholder names a plain `{field}`, which formats the field as its own
    // `Display` does: the text around it is static, and each field is written by the
    // most direct path its type allows. A field whose type names a type parameter
    // cannot be asked (see `__private::json::Text`): the whole message then goes
    // through `core::fmt`.
    let mut parts = Vec::new();
    for segment in segments {
        match segment {
            PlainSegment::Text(text) => parts.push(Part::Static(json_string_contents(text))),
            PlainSegment::Field(index) => {
                let field = &variant.fields[*index];
                if field.uses_param {
                    return through_fmt();
                }
                if !bound.contains(index) {
                    bound.push(*index);
                }
                let value = &field.binding;
                let writer = WriterArgs;
                parts.push(Part::Code(quote_spanned! {field.span=>
                    (&&__Text(#value)).choose().write(#writer);
                }));
            }
        }
    }
    parts
}

/// The statements for `parts`, with adjacent static parts merged.
fn emit(parts: Vec<Part>) -> TokenStream {
    let mut merged: Vec<Part> = Vec::new();
    for part in parts {
        match (merged.last_mut(), part) {
            (Some(Part::Static(previous)), Part::Static(bytes)) => {
                previous.extend_from_slice(&bytes)
            }
            (_, part) => merged.push(part),
        }
    }
    let mut statements = Vec::with_capacity(merged.len());
    for part in merged {
        statements.push(match part {
            Part::Static(bytes) => {
                let bytes = Literal::byte_string(&bytes);
                quote!(__out.extend_from_slice(#bytes);)
            }
            Part::Code(code) => code,
            Part::Block { head, body } => {
                let body = emit(body);
                quote!(#head { #body })
            }
        });
    }
    super::joined(statements)
}
