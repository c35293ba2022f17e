//! The error object's members after `code` and `message`, written two ways from one
//! list ([`member_writes`]): through serde's `SerializeMap` (`serialize_extensions`,
//! behind the derived `Serialize`) and by the direct writer (`write_json`). Both must
//! produce the same bytes; generating both from each [`MemberPlan`] in one place keeps
//! them in step. A transparent variant's own members follow its inner error's.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};

use super::paths::{Private, ALLOW_UNUSED_IMPORTS, OK, RESULT, SOME, STR};
use super::{local, WriterArgs};
use crate::plan::{Kind, MemberKind, MemberPlan, Plan, VariantPlan};

/// One member, as each writer writes it.
pub struct MemberWrite {
    /// Statements for `serialize_extensions`, writing into `__map`.
    pub serde: TokenStream,
    pub direct: Direct,
}

/// What the direct writer does for one member.
pub enum Direct {
    /// `,"name":` (already escaped) and the value; `optional` wraps both in
    /// `if let Some(__value) = ..`, where the value is `__value`.
    Member {
        key: Vec<u8>,
        value: TokenStream,
        optional: Option<TokenStream>,
    },
    /// Statements that append the members themselves.
    Statements(TokenStream),
}

pub fn member_writes(plan: &Plan, variant: &VariantPlan) -> Vec<MemberWrite> {
    let runtime = &plan.runtime;
    // The generated locals, named at the call site: spans borrowed from the user's
    // fields (for rustc's messages) would hide them in a `macro_rules!`-declared type.
    let (map, failed, inner) = (local("__map"), local("__failed"), local("__value"));
    let writer = WriterArgs;
    let mut writes = Vec::with_capacity(variant.members.len());
    for MemberPlan { field, kind } in &variant.members {
        writes.push({
            let field = &variant.fields[*field];
            let binding = &field.binding;
            let ty = field.ty;
            match kind {
                MemberKind::Flatten { taken } => {
                    let taken = quote!(&[#(#taken),*]);
                    MemberWrite {
                        // The turbofish names the user's type, so a type that is not
                        // `Serialize` is reported on the field's type.
                        serde: quote_spanned! {field.span=>
                            if !#failed.has_failed() {
                                #runtime::__private::serialize_flattened::<#ty, _>(#binding, #map, #taken)?;
                            }
                        },
                        direct: Direct::Statements(quote_spanned! {field.span=>
                            (&&__Flatten(#binding, #taken)).choose().write(#writer);
                        }),
                    }
                }
                MemberKind::Extend { name, .. } => {
                    let mut key = b",".to_vec();
                    super::escape::push_json_string(&mut key, name);
                    key.push(b':');
                    let (value, value_ty, optional) = match field.option_inner {
                        Some(inner_ty) => (
                            &inner,
                            inner_ty,
                            Some(quote!(if let #SOME(#inner) = #binding)),
                        ),
                        None => (binding, ty, None),
                    };
                    // Spanned on the member's type, where the bound of `serialize_entry`
                    // is reported: the call's own check of it then reports the same error
                    // at the same place, which rustc shows once.
                    let span = syn::spanned::Spanned::span(value_ty);
                    let entry = quote_spanned! {span=>
                        __member(#map, &mut #failed, #name, #value, __SerializeMap::serialize_entry::<__str, #value_ty>);
                    };
                    let serde = match &optional {
                        Some(head) => quote!(#head { #entry }),
                        None => entry,
                    };
                    MemberWrite {
                        serde,
                        direct: Direct::Member {
                            key,
                            value: quote_spanned! {field.span=>
                                (&&__Value(#value)).choose().write(#writer);
                            },
                            optional,
                        },
                    }
                }
            }
        });
    }
    writes
}

/// `serialize_extensions` and `extension_members`, or nothing where no variant has a
/// member (the trait's defaults write none). `writes` holds each variant's
/// [`member_writes`], by variant index.
pub fn methods(plan: &Plan, writes: &[Vec<MemberWrite>]) -> TokenStream {
    let has_members = plan.any_variant(&|variant| match &variant.kind {
        Kind::Transparent(_) => true,
        Kind::Own(_) => !variant.members.is_empty(),
    });
    if !has_members {
        return TokenStream::new();
    }
    let runtime = &plan.runtime;
    let private = Private(runtime);
    let serde = quote!(#private::serde);
    // Variants without members share one empty arm.
    let arms = plan.match_variants_or(
        &|variant| {
            let writes = writes[variant.index].iter().map(|write| &write.serde);
            match &variant.kind {
                Kind::Transparent(index) => {
                    // The inner error's members, then the variant's own.
                    let pattern =
                        variant.pattern(&|field| field == *index || variant.is_member(field));
                    let call = plan.delegate_with(
                        &variant.fields[*index],
                        quote!(serialize_extensions),
                        &quote!(, __map),
                    );
                    if variant.members.is_empty() {
                        Some(quote!(#pattern => #call?,))
                    } else {
                        Some(quote!(#pattern => { #call?; #(#writes)* }))
                    }
                }
                Kind::Own(_) if variant.members.is_empty() => None,
                Kind::Own(_) => {
                    let pattern = variant.pattern(&|field| variant.is_member(field));
                    Some(quote!(#pattern => { #(#writes)* }))
                }
            }
        },
        quote!({}),
    );
    // Only a variant's own members record a failure: a type whose variants only wrap
    // other errors needs no slot for one.
    let has_own_members = plan.any_variant(&|variant| !variant.members.is_empty());
    let (failed, result) = if has_own_members {
        let slot = quote! {
            #ALLOW_UNUSED_IMPORTS
            use #private::serialize_member as __member;
            #ALLOW_UNUSED_IMPORTS
            use #STR as __str;
            #ALLOW_UNUSED_IMPORTS
            use #serde::ser::SerializeMap as __SerializeMap;
            let mut __failed = #private::Failure::new();
        };
        (slot, quote!(__failed.into_result()))
    } else {
        (TokenStream::new(), quote!(#OK(())))
    };
    quote! {
        fn serialize_extensions<__M: #serde::ser::SerializeMap>(
            &self,
            __map: &mut __M,
        ) -> #RESULT<(), __M::Error> {
            #failed
            #arms
            #result
        }

        fn extension_members(
            &self,
        ) -> #RESULT<
            #private::Vec<(#private::String, #private::serde_json::Value)>,
            #private::serde_json::Error,
        > {
            #private::collect_members(self)
        }
    }
}
