//! A borrowed model of the derive input with its attributes parsed.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, ToTokens};
use syn::{Data, DeriveInput, Fields, Generics, Ident, Member, Type};

use crate::attr::{Attrs, Place};
use crate::case::RenameRule;
use crate::codes;
use crate::ctx::Ctxt;
use crate::fmt::{Arg, Template};

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
    /// The variant stands for a whole struct: its path is `Self`.
    pub is_struct: bool,
    /// The parsed `message`, when it is well formed (the checks report it otherwise).
    pub template: Option<Template>,
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
                            false,
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
                let variant = Variant::new(cx, true, &input.ident, attrs.clone(), &data.fields);
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

    /// Members every envelope of this type has before any extension.
    pub fn reserved_member_names(&self) -> Vec<&'static str> {
        let mut reserved = vec!["code", "message"];
        if self.attrs.doc_url.is_some() {
            reserved.push("doc_url");
        }
        reserved
    }

    /// The member names a flattened field of `variant` must not repeat: the reserved
    /// ones and the variant's extension members, as a `&'static [&str]` expression.
    pub fn names_taken_before_flatten(&self, variant: &Variant) -> TokenStream {
        let rule = self.rename_rule();
        let extensions = variant
            .fields
            .iter()
            .filter(|field| field.is_extension())
            .filter_map(|field| field.member_name(rule));
        let reserved = self.reserved_member_names().into_iter().map(str::to_owned);
        let names: Vec<String> = reserved.chain(extensions).collect();
        quote!(&[#(#names),*])
    }

    pub fn rename_rule(&self) -> Option<RenameRule> {
        self.attrs.rename_all.as_ref().map(|(rule, _)| *rule)
    }
}

impl<'a> Variant<'a> {
    fn new(cx: &Ctxt, is_struct: bool, ident: &'a Ident, attrs: Attrs, fields: &'a Fields) -> Self {
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
        let template = attrs
            .message
            .as_ref()
            .and_then(|lit| Template::parse(lit).ok());
        Variant {
            ident,
            is_struct,
            template,
            attrs,
            style,
            fields,
        }
    }

    pub fn is_transparent(&self) -> bool {
        self.attrs.transparent.is_some()
    }

    /// The status: the explicit one, else the standard code's canonical one. `None` for
    /// a transparent variant, or a custom code without one (which the checks report).
    pub fn status(&self) -> Option<u16> {
        if let Some(status) = &self.attrs.status {
            return Some(status.value);
        }
        let code = self.attrs.code.as_ref()?.value();
        codes::lookup(&code).map(|standard| standard.statuses[0])
    }

    /// The field a placeholder argument names.
    pub fn field_named_by(&self, arg: &Arg) -> Option<&Field<'a>> {
        self.fields.iter().find(|field| field.is_named_by(arg))
    }

    /// The message when it has no placeholders: the literal with its braces unescaped,
    /// or the standard code's default. `None` for a transparent variant.
    pub fn literal_message(&self) -> Option<String> {
        if self.is_transparent() {
            return None;
        }
        match (&self.attrs.message, &self.template) {
            (None, _) => {
                let code = self.attrs.code.as_ref()?.value();
                codes::lookup(&code).map(|standard| standard.message.to_owned())
            }
            (Some(_), Some(template)) if !template.has_placeholders() => {
                Some(template.plain_text())
            }
            (Some(_), _) => None,
        }
    }

    /// `Self::Variant`, or `Self` for a struct.
    pub fn path(&self) -> TokenStream {
        if self.is_struct {
            quote!(Self)
        } else {
            let ident = self.ident;
            quote!(Self::#ident)
        }
    }

    /// `Self::Variant { field: binding, .. }`, binding the fields `bind` names (and
    /// using the shorthand where a binding is the field's own name); `Self { .. }` for
    /// a struct.
    pub fn pattern(&self, bind: impl Fn(&Field) -> Option<Ident>) -> TokenStream {
        let path = self.path();
        match self.style {
            Style::Unit => path,
            Style::Named => {
                let bound = self.fields.iter().filter_map(|field| {
                    let binding = bind(field)?;
                    let member = &field.member;
                    Some(
                        if matches!(member, Member::Named(ident) if *ident == binding) {
                            quote!(#binding)
                        } else {
                            quote!(#member: #binding)
                        },
                    )
                });
                quote!(#path { #(#bound,)* .. })
            }
            Style::Tuple => {
                let positions = self.fields.iter().map(|field| match bind(field) {
                    Some(binding) => binding.into_token_stream(),
                    None => quote!(_),
                });
                quote!(#path(#(#positions),*))
            }
        }
    }

    /// The inner error of a `transparent` variant.
    pub fn transparent_field(&self) -> Option<&Field<'a>> {
        if self.is_transparent() {
            self.fields.first()
        } else {
            None
        }
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

    /// Whether a placeholder argument (`{name}` or `{0}`) names this field.
    pub fn is_named_by(&self, arg: &Arg) -> bool {
        match (arg, &self.member) {
            (Arg::Named(name), Member::Named(_)) => self.unraw_name() == *name,
            (Arg::Index(index), Member::Unnamed(_)) => *index == self.index,
            _ => false,
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

    /// Whether the type is written as the standard `Option`: an extension or header that
    /// is `None` is left out, and an optional source is `None` there too.
    pub fn is_option(&self) -> bool {
        option_inner(self.ty).is_some()
    }

    pub fn span(&self) -> Span {
        syn::spanned::Spanned::span(self.original)
    }
}

/// `T` of a type written `Option<T>`, `std::option::Option<T>` or
/// `core::option::Option<T>` (with or without a leading `::`). The macro cannot resolve
/// names, so another type that is imported as plain `Option` is taken for it too; one
/// written with its own path (`mine::Option<T>`) is not.
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    if path.qself.is_some() {
        return None;
    }
    let segments: Vec<&syn::PathSegment> = path.path.segments.iter().collect();
    let is_standard_path = match segments.as_slice() {
        [_] => path.path.leading_colon.is_none(),
        [root, module, _] => {
            (root.ident == "std" || root.ident == "core") && module.ident == "option"
        }
        _ => false,
    };
    let last = segments.last()?;
    if !is_standard_path || last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.first()? {
        syn::GenericArgument::Type(inner) if arguments.args.len() == 1 => Some(inner),
        _ => None,
    }
}
