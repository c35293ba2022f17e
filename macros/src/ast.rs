//! A borrowed model of the derive input with its attributes parsed: what the user wrote,
//! checked key by key, before any rule that spans several items.

use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, Generics, Ident, Member, Type};

use crate::attr::{Attrs, MessageAttr, Place};
use crate::case::RenameRule;
use crate::codes;
use crate::ctx::Ctxt;
use crate::fmt::{Arg, FormatArgs, Template};

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
    /// The parsed `message`, when it is well formed (its problems are reported when it
    /// is read).
    pub template: Option<Template>,
    /// The `format!` arguments of `message("...", args...)` (none for `message = ".."`);
    /// `None` when they are malformed, which is reported when they are read.
    pub format_args: Option<FormatArgs>,
    /// For a struct, the same attributes as the container.
    pub attrs: Attrs,
    /// The attributes as written on the variant; none for a struct.
    pub original_attrs: &'a [syn::Attribute],
    pub style: Style,
    pub fields: Vec<Field<'a>>,
}

/// What a placeholder of the message stands for.
#[derive(Clone, Copy)]
pub enum Target<'v, 'a> {
    Field(&'v Field<'a>),
    /// The positional `format!` argument at this index.
    Positional(usize),
    /// The named `format!` argument at this index.
    Named(usize),
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
    /// The name without `r#`, or the index, as placeholders and members spell it.
    pub name: String,
    /// [`Field::is_path`], answered once: the plan and the translation both ask.
    is_path: std::cell::OnceCell<bool>,
}

impl<'a> Input<'a> {
    /// Models `input`, recording attribute errors in `cx`. `None` for a union, which is
    /// reported here.
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let (attrs, shape) = match &input.data {
            Data::Enum(data) => {
                let attrs = Attrs::parse(cx, &input.attrs, Place::Enum);
                // The enum's own message is read once here, so that its mistakes are
                // reported once, not for every variant that takes it.
                if let Some(message) = &attrs.message {
                    read_message(cx, message);
                }
                let mut variants = Vec::with_capacity(data.variants.len());
                for variant in &data.variants {
                    let mut own = Attrs::parse(cx, &variant.attrs, Place::Variant);
                    let mut inherited = false;
                    if own.transparent.is_none() {
                        let standard = own.code_name.as_deref().and_then(codes::lookup);
                        inherited = own.inherit(&attrs, standard.map(|code| code.statuses));
                    }
                    variants.push(Variant::new(
                        cx,
                        (&variant.ident, &variant.attrs),
                        false,
                        (own, inherited),
                        &variant.fields,
                    ));
                }
                (attrs, Shape::Enum(variants))
            }
            Data::Struct(data) => {
                let attrs = Attrs::parse(cx, &input.attrs, Place::Struct);
                // The variant reads the same attributes again, as its own: their
                // errors are reported once, from the first reading.
                let again = Ctxt::new();
                let own = Attrs::parse(&again, &input.attrs, Place::Struct);
                let _ = again.check();
                let variant =
                    Variant::new(cx, (&input.ident, &[]), true, (own, false), &data.fields);
                (attrs, Shape::Struct(Box::new(variant)))
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    &data.union_token,
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

    pub fn rename_rule(&self) -> Option<RenameRule> {
        self.attrs.rename_all.as_ref().map(|(rule, _)| *rule)
    }

    /// The type's name without `r#`.
    pub fn name(&self) -> String {
        self.ident.unraw().to_string()
    }
}

impl<'a> Variant<'a> {
    fn new(
        cx: &Ctxt,
        (ident, original_attrs): (&'a Ident, &'a [syn::Attribute]),
        is_struct: bool,
        (attrs, inherited): (Attrs, bool),
        fields: &'a Fields,
    ) -> Self {
        let style = match fields {
            Fields::Unit => Style::Unit,
            Fields::Unnamed(_) => Style::Tuple,
            Fields::Named(_) => Style::Named,
        };
        let mut written = Vec::with_capacity(fields.len());
        for (index, field) in fields.iter().enumerate() {
            let (member, name) = match &field.ident {
                Some(ident) => (Member::Named(ident.clone()), ident.unraw().to_string()),
                None => {
                    let member = Member::Unnamed(syn::Index {
                        index: u32::try_from(index).expect("fewer than 2^32 fields"),
                        span: Span::call_site(),
                    });
                    (member, index.to_string())
                }
            };
            written.push(Field {
                original: field,
                member,
                ty: &field.ty,
                attrs: Attrs::parse(cx, &field.attrs, Place::Field),
                index,
                name,
                is_path: std::cell::OnceCell::new(),
            });
        }
        let fields = written;
        let (template, format_args) = match &attrs.message {
            // The enum's message, already read (and its mistakes reported) once.
            Some(message) if inherited => (
                Template::parse(&message.template).ok(),
                FormatArgs::parse(&message.args).ok(),
            ),
            Some(message) => read_message(cx, message),
            None => (None, None),
        };
        Variant {
            ident,
            original_attrs,
            is_struct,
            template,
            format_args,
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
        let code = self.attrs.code_name.as_deref()?;
        codes::lookup(code).map(|standard| standard.statuses[0])
    }

    /// The field a placeholder argument names.
    pub fn field_named_by(&self, arg: &Arg) -> Option<&Field<'a>> {
        self.first_field(&|field| field.is_named_by(arg))
    }

    /// The first field `wanted` answers `true` for. One loop for every such question, each
    /// asked through a reference: every closure handed to `Iterator::find` would compile
    /// a `find` of its own into the macro.
    pub fn first_field(&self, wanted: &dyn Fn(&Field<'a>) -> bool) -> Option<&Field<'a>> {
        for field in &self.fields {
            if wanted(field) {
                return Some(field);
            }
        }
        None
    }

    /// How many positional `format!` arguments follow the message's template.
    pub fn positional_args(&self) -> usize {
        match &self.format_args {
            Some(args) => args.positional.len(),
            None => 0,
        }
    }

    /// What a placeholder stands for: a field, or one of the `format!` arguments of
    /// `message("...", args...)`. `None` where it names nothing (the checks say why).
    pub fn resolve(&self, arg: &Arg) -> Option<Target<'_, 'a>> {
        let args = self.format_args.as_ref();
        let positional = self.positional_args();
        match arg {
            Arg::Named(name) => {
                let mut named = None;
                if let Some(args) = args {
                    for (index, (ident, _)) in args.named.iter().enumerate() {
                        if ident.unraw() == name.as_str() {
                            named = Some(index);
                            break;
                        }
                    }
                }
                match named {
                    Some(index) => Some(Target::Named(index)),
                    None => self.field_named_by(arg).map(Target::Field),
                }
            }
            Arg::Index(index) if positional > 0 => (self.style != Style::Tuple
                && *index < positional)
                .then_some(Target::Positional(*index)),
            Arg::Index(_) => self.field_named_by(arg).map(Target::Field),
            Arg::Next(index) => (*index < positional).then_some(Target::Positional(*index)),
        }
    }

    /// Whether a field is an `extend` one.
    pub fn has_extension(&self) -> bool {
        self.first_field(&|field| field.is_extension()).is_some()
    }

    /// The fields' names, in order, for messages.
    pub fn field_names(&self) -> Vec<&str> {
        let mut names = Vec::with_capacity(self.fields.len());
        for field in &self.fields {
            names.push(field.name.as_str());
        }
        names
    }

    /// The field a `.name` or `.0` in a format argument names.
    pub fn field_by_name(&self, name: &str) -> Option<&Field<'a>> {
        self.first_field(&|field| field.name == name)
    }

    /// The inner error of a `transparent` variant: its field without `extend` (the
    /// checks make sure there is one only).
    pub fn transparent_field(&self) -> Option<&Field<'a>> {
        if self.is_transparent() {
            self.first_field(&|field| !field.is_extension())
        } else {
            None
        }
    }

    /// The field that `source()` returns: `#[source]`, `#[from]`, or one named `source`
    /// (spelt plainly: `r#source` opts out), or a `catch_all` variant's one field.
    pub fn source_field(&self) -> Option<&Field<'a>> {
        let marked =
            self.first_field(&|field| field.attrs.source.is_some() || field.attrs.from.is_some());
        if marked.is_some() {
            return marked;
        }
        let named = self.first_field(
            &|field| matches!(&field.member, Member::Named(ident) if ident == "source"),
        );
        if named.is_some() {
            return named;
        }
        self.attrs.catch_all.as_ref().and(self.fields.first())
    }

    pub fn field_with_from(&self) -> Option<&Field<'a>> {
        self.first_field(&|field| field.attrs.from.is_some())
    }

    /// Where errors about the variant as a whole go: its `#[certifier]` attribute, or
    /// its name where it has none.
    pub fn error_tokens(&self) -> proc_macro2::TokenStream {
        match &self.attrs.certifier {
            Some(at) => quote::ToTokens::to_token_stream(at),
            None => quote::ToTokens::to_token_stream(self.ident),
        }
    }
}

/// The template and `format!` arguments of a `message`, reporting what is malformed.
fn read_message(cx: &Ctxt, message: &MessageAttr) -> (Option<Template>, Option<FormatArgs>) {
    (
        Template::parse(&message.template)
            .map_err(|problem| cx.error_spanned_by(&message.template, problem))
            .ok(),
        FormatArgs::parse(&message.args)
            .map_err(|error| cx.syn_error(error))
            .ok(),
    )
}

impl Field<'_> {
    /// Whether a placeholder argument (`{name}` or `{0}`) names this field.
    pub fn is_named_by(&self, arg: &Arg) -> bool {
        match (arg, &self.member) {
            (Arg::Named(name), Member::Named(_)) => self.name == *name,
            (Arg::Index(index), Member::Unnamed(_)) => *index == self.index,
            _ => false,
        }
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
                Some(rule.map_or(self.name.clone(), |rule| rule.apply_to_field(&self.name)))
            }
            Member::Unnamed(_) => None,
        }
    }

    /// The type inside the standard `Option`, when the field is one: an extension or
    /// header that is `None` is left out, and an optional source is `None` there too.
    pub fn option_inner(&self) -> Option<&Type> {
        option_inner(self.ty)
    }

    /// Whether the type is written as a filesystem path (`PathBuf`, `&Path`,
    /// `Box<Path>`), which has no `Display` but a `display()`. An `Option` of one is not.
    pub fn is_path(&self) -> bool {
        *self.is_path.get_or_init(|| {
            self.option_inner().is_none()
                && names_a_path(&quote::ToTokens::to_token_stream(self.ty))
        })
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
    let segments = &path.path.segments;
    let is_standard_path = match segments.len() {
        1 => path.path.leading_colon.is_none(),
        3 => {
            (segments[0].ident == "std" || segments[0].ident == "core")
                && segments[1].ident == "option"
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

/// Whether `tokens` name `PathBuf`, or `Path` without generic arguments (an extractor such
/// as `Path<T>` is another type).
pub fn names_a_path(tokens: &proc_macro2::TokenStream) -> bool {
    use proc_macro2::TokenTree;
    let mut trees = tokens.clone().into_iter().peekable();
    while let Some(tree) = trees.next() {
        let names = match &tree {
            TokenTree::Ident(ident) if ident == "PathBuf" => true,
            TokenTree::Ident(ident) if ident == "Path" => {
                !matches!(trees.peek(), Some(TokenTree::Punct(p)) if p.as_char() == '<')
            }
            TokenTree::Group(group) => names_a_path(&group.stream()),
            _ => false,
        };
        if names {
            return true;
        }
    }
    false
}
