//! A borrowed model of the derive input with its attributes parsed.

use proc_macro2::Span;
use quote::format_ident;
use syn::{Data, DeriveInput, Fields, Generics, Ident, Member, Type};

use crate::attr::{Attrs, Place};
use crate::case::RenameRule;
use crate::ctx::Ctxt;

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub attrs: Attrs,
    pub shape: Shape<'a>,
}

pub enum Shape<'a> {
    Enum(Vec<Variant<'a>>),
    /// A struct is a single variant whose attributes are the container's.
    Struct(Box<Variant<'a>>),
}

pub struct Variant<'a> {
    pub ident: &'a Ident,
    /// For a struct, the same attributes as the container.
    pub attrs: Attrs,
    pub style: Style,
    pub fields: Vec<Field<'a>>,
}

#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Style {
    Unit,
    Tuple,
    Named,
}

pub struct Field<'a> {
    pub original: &'a syn::Field,
    pub member: Member,
    pub ty: &'a Type,
    pub attrs: Attrs,
    /// Position among the variant's fields.
    pub index: usize,
}

impl<'a> Input<'a> {
    /// Models `input`, recording attribute errors in `cx`. `None` for a union, which is
    /// reported here.
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let (attrs, shape) = match &input.data {
            Data::Enum(data) => {
                let attrs = Attrs::parse(cx, &input.attrs, Place::Enum);
                let variants = data
                    .variants
                    .iter()
                    .map(|variant| {
                        Variant::new(
                            cx,
                            &variant.ident,
                            Attrs::parse(cx, &variant.attrs, Place::Variant),
                            &variant.fields,
                        )
                    })
                    .collect();
                (attrs, Shape::Enum(variants))
            }
            Data::Struct(data) => {
                let attrs = Attrs::parse(cx, &input.attrs, Place::Struct);
                let variant = Variant::new(cx, &input.ident, attrs.clone(), &data.fields);
                (attrs, Shape::Struct(Box::new(variant)))
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    "CertifierError cannot be derived for a union: use an enum with one variant \
                     per error, or a struct",
                );
                return None;
            }
        };
        Some(Input {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            shape,
        })
    }

    pub fn variants(&self) -> &[Variant<'a>] {
        match &self.shape {
            Shape::Enum(variants) => variants,
            Shape::Struct(variant) => std::slice::from_ref(variant),
        }
    }

    pub fn rename_rule(&self) -> Option<RenameRule> {
        self.attrs.rename_all.as_ref().map(|(rule, _)| *rule)
    }
}

impl<'a> Variant<'a> {
    fn new(cx: &Ctxt, ident: &'a Ident, attrs: Attrs, fields: &'a Fields) -> Self {
        let style = match fields {
            Fields::Unit => Style::Unit,
            Fields::Unnamed(_) => Style::Tuple,
            Fields::Named(_) => Style::Named,
        };
        let fields = fields
            .iter()
            .enumerate()
            .map(|(index, field)| Field {
                original: field,
                member: field.ident.clone().map_or_else(
                    || {
                        Member::Unnamed(syn::Index {
                            index: u32::try_from(index).expect("fewer than 2^32 fields"),
                            span: Span::call_site(),
                        })
                    },
                    Member::Named,
                ),
                ty: &field.ty,
                attrs: Attrs::parse(cx, &field.attrs, Place::Field),
                index,
            })
            .collect();
        Variant {
            ident,
            attrs,
            style,
            fields,
        }
    }

    pub fn is_transparent(&self) -> bool {
        self.attrs.transparent.is_some()
    }

    /// The field that `source()` returns: `#[source]`, `#[from]`, or one named `source`.
    pub fn source_field(&self) -> Option<&Field<'a>> {
        self.fields
            .iter()
            .find(|field| field.attrs.source.is_some() || field.attrs.from.is_some())
            .or_else(|| self.fields.iter().find(|field| field.is_named("source")))
    }

    pub fn field_with_from(&self) -> Option<&Field<'a>> {
        self.fields.iter().find(|field| field.attrs.from.is_some())
    }

    /// Where errors about the variant as a whole go: its `#[certifier]` attribute, or
    /// its name where it has none.
    pub fn error_tokens(&self) -> proc_macro2::TokenStream {
        match &self.attrs.certifier {
            Some(attr) => attr.clone(),
            None => quote::ToTokens::to_token_stream(self.ident),
        }
    }
}

impl Field<'_> {
    /// The field's name without `r#`, or its index.
    pub fn unraw_name(&self) -> String {
        match &self.member {
            Member::Named(ident) => {
                let name = ident.to_string();
                name.strip_prefix("r#").map_or(name.clone(), str::to_owned)
            }
            Member::Unnamed(index) => index.index.to_string(),
        }
    }

    pub fn is_named(&self, name: &str) -> bool {
        matches!(&self.member, Member::Named(_)) && self.unraw_name() == name
    }

    pub fn is_extension(&self) -> bool {
        self.attrs.extend.is_some()
    }

    /// The JSON member name of an `extend` field: `rename`, else the field name under
    /// `rename_all`. `None` for a tuple field without `rename`.
    pub fn member_name(&self, rule: Option<RenameRule>) -> Option<String> {
        if let Some(rename) = &self.attrs.rename {
            return Some(rename.value());
        }
        match &self.member {
            Member::Named(_) => {
                let name = self.unraw_name();
                Some(rule.map_or(name.clone(), |rule| rule.apply_to_field(&name)))
            }
            Member::Unnamed(_) => None,
        }
    }

    /// The local a `match` arm binds this field to in generated code.
    pub fn binding(&self) -> Ident {
        format_ident!("__self_{}", self.index)
    }

    /// Whether the type is written `Option<...>`: an extension that is `None` is left out.
    pub fn is_option(&self) -> bool {
        let Type::Path(path) = self.ty else {
            return false;
        };
        path.qself.is_none()
            && path
                .path
                .segments
                .last()
                .is_some_and(|segment| segment.ident == "Option")
    }

    pub fn span(&self) -> Span {
        syn::spanned::Spanned::span(self.original)
    }
}
