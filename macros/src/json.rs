//! The direct JSON writer: `CertifierError::write_json` for a derived type.
//!
//! Each variant's envelope is laid out as a run of parts. The static parts (the opening
//! `{"error":{"code":"..","message":"`, a literal message, the `doc_url` of a variant
//! with a known code, member names) are escaped here, at compile time, and adjacent
//! ones are merged into a single byte string; the dynamic parts call the runtime's
//! writer helpers (`__private::json`), which pick the most direct path the field's type
//! allows. The bytes are those of the derived `Serialize` through `serde_json`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::Ident;

use crate::ast::{Field, Input, Variant};
use crate::fmt::{Segment, Template};

/// `fn write_json` for the `CertifierError` impl.
pub fn write_json_method(input: &Input, runtime: &TokenStream) -> TokenStream {
    let json = quote!(#runtime::__private::json);
    let variants = input.variants();
    let body = if variants.is_empty() {
        quote!(match *self {})
    } else {
        let arms = variants.iter().map(|variant| {
            let (pattern, parts) = variant_parts(input, variant, &json);
            let statements = emit(parts);
            quote!(#pattern => { #statements })
        });
        quote! {
            #json::guarded(__out, |__out| {
                match self { #(#arms)* }
                ::core::result::Result::Ok(())
            })
        }
    };
    let literal_message = literal_message_method(input, runtime);
    quote! {
        #literal_message

        fn write_json(
            &self,
            __out: &mut #runtime::__private::Vec<::core::primitive::u8>,
        ) -> ::core::result::Result<(), #runtime::__private::serde_json::Error> {
            #[allow(unused_imports)]
            use #json::{
                FlattenSerde as _, FlattenUnchecked as _, TextDirect as _, TextOther as _,
                ValueDirect as _, ValueSerde as _, ValueUnchecked as _,
            };
            #body
        }
    }
}

/// `fn __literal_message`: each variant's message when it has no placeholders, so the
/// `Serialize` path writes it as a plain string; nothing where no variant has one.
fn literal_message_method(input: &Input, runtime: &TokenStream) -> TokenStream {
    let variants = input.variants();
    let messages: Vec<Option<String>> = variants.iter().map(Variant::literal_message).collect();
    if messages.iter().all(Option::is_none) {
        return TokenStream::new();
    }
    let arms = variants.iter().zip(messages).map(|(variant, message)| {
        if variant.is_transparent() {
            let field = &variant.fields[0];
            let binding = binding(field);
            let ty = field.ty;
            let pattern = pattern(variant, &[field.index]);
            return quote_spanned! {field.span()=>
                #pattern => <#ty as #runtime::CertifierError>::__literal_message(#binding),
            };
        }
        let pattern = pattern(variant, &[]);
        match message {
            Some(text) => quote!(#pattern => ::core::option::Option::Some(#text),),
            None => quote!(#pattern => ::core::option::Option::None,),
        }
    });
    quote! {
        fn __literal_message(&self) -> ::core::option::Option<&'static ::core::primitive::str> {
            match self { #(#arms)* }
        }
    }
}

/// A piece of one variant's envelope.
enum Part {
    /// Bytes known at compile time, already escaped.
    Static(Vec<u8>),
    /// Statements that append to `__out`.
    Code(TokenStream),
    /// `if #cond { then } else { otherwise }`; static parts on either side are copied
    /// into both arms, so each arm writes them in one piece.
    Branch {
        cond: TokenStream,
        then: Vec<Part>,
        otherwise: Vec<Part>,
    },
    /// `#head { body }`, such as `if let Some(..) = ..`; nothing moves in or out.
    Block { head: TokenStream, body: Vec<Part> },
}

/// The `match` pattern for the variant and the parts of its envelope.
fn variant_parts(input: &Input, variant: &Variant, json: &TokenStream) -> (TokenStream, Vec<Part>) {
    let runtime = crate::expand::runtime_path(input);
    let mut bound: Vec<usize> = Vec::new();
    let mut parts = Vec::new();

    if variant.is_transparent() {
        let field = &variant.fields[0];
        bound.push(field.index);
        let binding = binding(field);
        let ty = field.ty;
        let write = if input.attrs.doc_url.is_some() {
            // The container's link replaces the field's: the whole envelope goes
            // through the derived `Serialize`.
            quote!(#json::write_serialize(__out, self)?;)
        } else {
            quote_spanned! {field.span()=>
                <#ty as #runtime::CertifierError>::write_json(#binding, __out)?;
            }
        };
        parts.push(Part::Code(write));
        return (pattern(variant, &bound), parts);
    }

    let code = variant
        .attrs
        .code
        .as_ref()
        .expect("checked: a variant that is not transparent has a code")
        .value();
    let mut head = b"{\"error\":{\"code\":".to_vec();
    push_json_string(&mut head, &code);
    head.extend_from_slice(b",\"message\":\"");
    parts.push(Part::Static(head));
    parts.push(message(variant, json, &mut bound));
    parts.push(Part::Static(b"\"".to_vec()));

    if let Some(template) = &input.attrs.doc_url {
        let mut member = b",\"doc_url\":".to_vec();
        push_json_string(&mut member, &template.value().replace("{code}", &code));
        parts.push(Part::Static(member));
    }

    let rule = input.rename_rule();
    for field in &variant.fields {
        let value = binding(field);
        if field.attrs.flatten.is_some() {
            bound.push(field.index);
            let taken = input.names_taken_before_flatten(variant);
            parts.push(Part::Code(quote_spanned! {field.span()=>
                (&#json::Flatten(#value, #taken)).write_json_members(__out)?;
            }));
        } else if field.is_extension() {
            bound.push(field.index);
            let name = field
                .member_name(rule)
                .expect("checked: an extension has a member name");
            let mut key = b",".to_vec();
            push_json_string(&mut key, &name);
            key.push(b':');
            if field.is_option() {
                let inner = format_ident!("__json_value");
                parts.push(Part::Block {
                    head: quote!(if let ::core::option::Option::Some(#inner) = #value),
                    body: vec![Part::Static(key), value_part(field, &inner, json)],
                });
            } else {
                parts.push(Part::Static(key));
                parts.push(value_part(field, &value, json));
            }
        }
    }
    parts.push(Part::Static(b"}}".to_vec()));
    (pattern(variant, &bound), parts)
}

fn value_part(field: &Field, value: &Ident, json: &TokenStream) -> Part {
    Part::Code(quote_spanned! {field.span()=>
        (&&#json::Value(#value)).write_json_value(__out)?;
    })
}

/// The message's text between its quotes.
fn message(variant: &Variant, json: &TokenStream, bound: &mut Vec<usize>) -> Part {
    if let Some(text) = variant.literal_message() {
        return Part::Static(json_string_contents(&text));
    }
    let through_display = Part::Code(quote! {
        #json::write_display_contents(__out, self)?;
    });
    let Some(segments) = variant.template.as_ref().and_then(Template::plain_segments) else {
        return through_display;
    };
    // Each placeholder names a plain `{field}`: written directly when every field's
    // type allows it, else the whole message goes through the type's own `Display`.
    let mut direct = Vec::new();
    let mut checks = Vec::new();
    for segment in segments {
        match segment {
            Segment::Text(text) => direct.push(Part::Static(json_string_contents(&text))),
            Segment::Arg(arg) => {
                let Some(field) = variant.field_named_by(arg) else {
                    return through_display;
                };
                if !bound.contains(&field.index) {
                    bound.push(field.index);
                }
                let value = binding(field);
                checks.push(quote!((&#json::Text(#value)).is_direct()));
                direct.push(Part::Code(quote! {
                    (&#json::Text(#value)).write_json_text(__out);
                }));
            }
        }
    }
    Part::Branch {
        cond: quote!(#(#checks)&&*),
        then: direct,
        otherwise: vec![through_display],
    }
}

fn binding(field: &Field) -> Ident {
    format_ident!("__json_{}", field.index)
}

/// The variant's pattern binding the fields at `bound`.
fn pattern(variant: &Variant, bound: &[usize]) -> TokenStream {
    variant.pattern(|field| bound.contains(&field.index).then(|| binding(field)))
}

/// The statements for `parts`, with adjacent static parts merged.
fn emit(parts: Vec<Part>) -> TokenStream {
    let mut merged: Vec<Part> = Vec::new();
    for part in parts {
        match (merged.last_mut(), part) {
            (Some(Part::Static(previous)), Part::Static(bytes)) => previous.extend(bytes),
            (_, part) => merged.push(part),
        }
    }
    // Move the static parts around a branch into both of its arms.
    let mut index = 0;
    while index < merged.len() {
        if let Part::Branch { .. } = merged[index] {
            if let Some(Part::Static(after)) = merged.get(index + 1) {
                let after = after.clone();
                if let Part::Branch {
                    then, otherwise, ..
                } = &mut merged[index]
                {
                    then.push(Part::Static(after.clone()));
                    otherwise.push(Part::Static(after));
                }
                merged.remove(index + 1);
            }
            if index > 0 {
                if let Part::Static(before) = &merged[index - 1] {
                    let before = before.clone();
                    if let Part::Branch {
                        then, otherwise, ..
                    } = &mut merged[index]
                    {
                        then.insert(0, Part::Static(before.clone()));
                        otherwise.insert(0, Part::Static(before));
                    }
                    merged.remove(index - 1);
                    continue;
                }
            }
        }
        index += 1;
    }
    merged
        .into_iter()
        .map(|part| match part {
            Part::Static(bytes) => {
                let bytes = Literal::byte_string(&bytes);
                quote!(__out.extend_from_slice(#bytes);)
            }
            Part::Code(code) => code,
            Part::Branch {
                cond,
                then,
                otherwise,
            } => {
                let then = emit(then);
                let otherwise = emit(otherwise);
                quote!(if #cond { #then } else { #otherwise })
            }
            Part::Block { head, body } => {
                let body = emit(body);
                quote!(#head { #body })
            }
        })
        .collect()
}

/// `value` as a JSON string, quotes included, escaped as `serde_json` escapes it.
fn push_json_string(out: &mut Vec<u8>, value: &str) {
    out.push(b'"');
    out.extend(json_string_contents(value));
    out.push(b'"');
}

/// `value` escaped as the contents of a JSON string: `"`, `\` and control characters,
/// with `serde_json`'s short forms.
fn json_string_contents(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len());
    for &byte in value.as_bytes() {
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0a => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x0d => out.extend_from_slice(b"\\r"),
            0x00..=0x1f => {
                out.extend_from_slice(format!("\\u{byte:04x}").as_bytes());
            }
            _ => out.push(byte),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::json_string_contents;

    #[test]
    fn escapes_like_serde_json() {
        assert_eq!(
            json_string_contents("a\"b\\c\u{8}\u{9}\n\u{c}\r\u{1}\u{1f}é\u{7f}"),
            b"a\\\"b\\\\c\\b\\t\\n\\f\\r\\u0001\\u001f\xc3\xa9\x7f"
        );
    }
}
