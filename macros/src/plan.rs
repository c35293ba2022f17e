//! The resolved plan: every fact the emitters need, computed once from a model that
//! passed the checks. Emitters read the plan and never look back at attributes.

use proc_macro2::{Punct, Spacing, Span, TokenStream};
use quote::{format_ident, quote, quote_spanned, ToTokens, TokenStreamExt};
use syn::{Ident, LitStr, Member, Type};

use crate::ast::{Input, Style, Target, Variant};
use crate::attr::Integration;
use crate::codes;
use crate::fmt::{rewrite_members, Arg, FmtTrait, Segment};
use crate::generics::ParamsInScope;
use crate::translation::{CodeGroups, Translation};

/// The whole derive, resolved. It is also the context every emitter is handed.
pub struct Plan<'a> {
    pub input: &'a Input<'a>,
    /// The runtime crate's path: `::certifier_error` unless `crate = "..."` says otherwise.
    pub runtime: TokenStream,
    pub params: ParamsInScope<'a>,
    /// `Display` and `Error` are left to another derive.
    pub skip_display: bool,
    /// Whether to write the `translatable` method (the runtime's `fluent` feature).
    pub translations: bool,
    /// The integrations whose impls the type writes itself (`skip_impl(...)`).
    pub skipped_impls: Vec<Integration>,
    /// The index of the `catch_all` variant: the type converts every error into it, and
    /// is not a `core::error::Error` (which would make `From` overlap).
    pub catch_all: Option<usize>,
    pub doc_url: Option<LitStr>,
    /// `domain = "..."`: the gRPC `ErrorInfo` domain (default: the package's name).
    pub domain: Option<LitStr>,
    /// A variant or field is `#[deprecated]`: the arms that name them allow it, and only
    /// then, so a crate that forbids the lint still compiles.
    pub names_deprecated: bool,
    /// The `#[allow(...)]` attributes written on fields, each once: every generated impl
    /// may name a field's type, so they cover the whole expansion.
    pub field_allows: Vec<TokenStream>,
    pub variants: Vec<VariantPlan<'a>>,
}

pub struct VariantPlan<'a> {
    /// Position among the type's variants.
    pub index: usize,
    /// `Self::Variant`, or `Self` for a struct.
    pub path: VariantPath,
    /// The patterns binding every field and none, which most arms use: built once.
    pattern_all: TokenStream,
    pattern_none: TokenStream,
    pub style: Style,
    pub fields: Vec<FieldPlan<'a>>,
    pub kind: Kind,
    /// The members after `code` and `message` (and `doc_url`), in field order: the one
    /// list both member writers (serde's and the direct one) are generated from. Those of
    /// a transparent variant follow its inner error's members.
    pub members: Vec<MemberPlan>,
    /// The field `source()` returns.
    pub source: Option<usize>,
    /// The field a `From` impl builds the variant from.
    pub from: Option<usize>,
    /// The fixed headers in written order, then the header fields in field order; a
    /// transparent variant's field adds its own after these.
    pub headers: Vec<HeaderPlan>,
    /// The doc comment, for the catalogue.
    pub docs: String,
    /// `Type::Variant` (or `Type`) without `r#`, for the catalogue.
    pub qualified_name: String,
    /// `Variant` (or `Type`) without `r#`, for the logs.
    pub name: String,
    /// `grpc = "..."`: the gRPC code that overrides the one of the status.
    pub grpc: Option<LitStr>,
}

/// `tokens`, handed over to the compiler once: a token stream built here keeps its
/// tokens until it is joined to another, and each copy of it would hand them over again,
/// for a pattern once per arm that uses it.
fn settled(tokens: TokenStream) -> TokenStream {
    let mut settled = TokenStream::new();
    // `once`, as `quote!` itself joins a stream: the same compiled code.
    settled.extend(std::iter::once(tokens));
    settled
}

/// `Self::Variant`, or `Self` for a struct: written token by token where it is
/// interpolated, as `build_pattern` says why.
pub struct VariantPath(Option<Ident>);

impl ToTokens for VariantPath {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        tokens.append(Ident::new("Self", Span::call_site()));
        if let Some(variant) = &self.0 {
            tokens.append(Punct::new(':', Spacing::Joint));
            tokens.append(Punct::new(':', Spacing::Alone));
            tokens.append(variant.clone());
        }
    }
}

pub struct FieldPlan<'a> {
    pub member: &'a Member,
    pub ty: &'a Type,
    /// The one name a generated `match` arm binds this field to.
    pub binding: Ident,
    /// Whether the type mentions one of the derived type's type parameters.
    pub uses_param: bool,
    /// The `T` of an `Option<T>` field.
    pub option_inner: Option<&'a Type>,
    pub span: Span,
}

pub enum Kind {
    /// Everything comes from the field at this index, but for the variant's own
    /// members, which follow the field's.
    Transparent(usize),
    Own(Box<Own>),
}

pub struct Own {
    pub status: u16,
    pub code: LitStr,
    /// The code's text, read from `code` once.
    pub code_name: String,
    pub message: Message,
    /// The `LogLevel` variant `log = "..."` names, on the variant or else the container,
    /// spanned on the literal.
    pub log: Option<(Ident, Span)>,
    /// The message's key and variables in the translations.
    pub translation: Translation,
}

pub enum Message {
    /// No placeholders: the text itself, braces unescaped.
    Literal(String),
    Template(TemplatePlan),
}

pub struct TemplatePlan {
    /// The template as written, for the catalogue and OpenAPI examples.
    pub written: String,
    /// The literal for `write!`, placeholders pointing at the arguments below.
    pub lit: LitStr,
    /// The `format!` arguments after the literal.
    pub args: Vec<FormatArg>,
    /// The positional and the named arguments' values, fields rewritten to the
    /// bindings: what a translation's `arg0` or named variable is.
    pub positional: Vec<TokenStream>,
    pub named: Vec<TokenStream>,
    /// Fields a placeholder formats, with the trait it asks of them.
    pub bounds: Vec<(usize, FmtTrait)>,
    /// The message as text and plain `{field}` placeholders, when it has nothing else:
    /// the direct writer can then write it without `core::fmt`.
    pub plain: Option<Vec<PlainSegment>>,
}

/// One `format!` argument after the literal. Most are `name = binding`, written as
/// three tokens where interpolated (as `build_pattern` says why).
pub enum FormatArg {
    Binding(Ident, Ident),
    Tokens(TokenStream),
}

impl ToTokens for FormatArg {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        match self {
            FormatArg::Binding(name, binding) => {
                tokens.append(name.clone());
                tokens.append(Punct::new('=', Spacing::Alone));
                tokens.append(binding.clone());
            }
            FormatArg::Tokens(arg) => arg.to_tokens(tokens),
        }
    }
}

pub enum PlainSegment {
    Text(String),
    Field(usize),
}

pub struct MemberPlan {
    pub field: usize,
    pub kind: MemberKind,
}

pub enum MemberKind {
    /// One member, under this JSON name; `ty` is its Rust type as written, for the
    /// catalogue (a lock file compares it across versions).
    Extend { name: String, ty: String },
    /// The field's own members, which must not repeat these names.
    Flatten { taken: Vec<String> },
}

/// A response header the variant sets.
pub struct HeaderPlan {
    pub name: LitStr,
    pub value: HeaderValue,
}

pub enum HeaderValue {
    /// `header("Name", "value")` on the variant.
    Fixed(LitStr),
    /// The field at this index, with `header = "Name"`.
    Field(usize),
}

impl<'a> Plan<'a> {
    /// Resolves a model that passed every check.
    pub fn new(input: &'a Input<'a>, emit: crate::Emit) -> Self {
        let groups = CodeGroups::new(input);
        let params = ParamsInScope::new(input.generics);
        let mut variants = Vec::with_capacity(input.variants().len());
        let mut catch_all = None;
        for (index, variant) in input.variants().iter().enumerate() {
            if catch_all.is_none() && variant.attrs.catch_all.is_some() {
                catch_all = Some(index);
            }
            variants.push(VariantPlan::new(input, &groups, &params, index, variant));
        }
        Plan {
            input,
            runtime: runtime_path(input),
            params,
            skip_display: input.attrs.skip_display.is_some(),
            translations: emit.translations,
            skipped_impls: input.attrs.skip_impl.clone().unwrap_or_default(),
            catch_all,
            doc_url: input.attrs.doc_url.clone(),
            domain: input.attrs.domain.clone(),
            names_deprecated: names_deprecated(input),
            field_allows: field_allows(input),
            variants,
        }
    }

    pub fn is_generic(&self) -> bool {
        !self.params.is_empty()
    }

    /// Whether `wanted` answers `true` for a variant.
    pub fn any_variant(&self, wanted: &dyn Fn(&VariantPlan) -> bool) -> bool {
        for variant in &self.variants {
            if wanted(variant) {
                return true;
            }
        }
        false
    }
}

fn names_deprecated(input: &Input) -> bool {
    for variant in input.variants() {
        if !variant.is_struct && crate::attr::has_attribute(variant.original_attrs, "deprecated") {
            return true;
        }
        for field in &variant.fields {
            if crate::attr::has_attribute(&field.original.attrs, "deprecated") {
                return true;
            }
        }
    }
    false
}

fn field_allows(input: &Input) -> Vec<TokenStream> {
    let mut allows: Vec<TokenStream> = Vec::new();
    let mut seen = crate::seen::Seen::default();
    for variant in input.variants() {
        for field in &variant.fields {
            for allow in &field.attrs.allows {
                if seen.is_new(allow.to_string()) {
                    allows.push(allow.clone());
                }
            }
        }
    }
    allows
}

/// The runtime crate's path: `::certifier_error` unless `crate = "..."` says otherwise.
pub fn runtime_path(input: &Input) -> TokenStream {
    match &input.attrs.crate_path {
        Some(path) => path.to_token_stream(),
        None => quote!(::certifier_error),
    }
}

impl<'a> VariantPlan<'a> {
    fn new(
        input: &'a Input<'a>,
        groups: &CodeGroups,
        params: &ParamsInScope,
        index: usize,
        variant: &'a Variant<'a>,
    ) -> Self {
        let mut fields = Vec::with_capacity(variant.fields.len());
        for field in &variant.fields {
            fields.push(FieldPlan {
                member: &field.member,
                ty: field.ty,
                binding: format_ident!("__self_{}", field.index),
                uses_param: params.intersects(field.ty),
                option_inner: field.option_inner(),
                span: field.span(),
            });
        }
        let kind = match variant.transparent_field() {
            Some(field) => Kind::Transparent(field.index),
            None => Kind::Own(Box::new(Own::new(input, groups, variant, &fields))),
        };
        let path = VariantPath((!variant.is_struct).then(|| variant.ident.clone()));
        let name = if variant.is_struct {
            input.name()
        } else {
            syn::ext::IdentExt::unraw(variant.ident).to_string()
        };
        let qualified_name = if variant.is_struct {
            input.name()
        } else {
            format!("{}::{name}", input.name())
        };
        let mut plan = VariantPlan {
            index,
            path,
            pattern_all: TokenStream::new(),
            pattern_none: TokenStream::new(),
            style: variant.style,
            fields,
            kind,
            source: variant.source_field().map(|field| field.index),
            from: variant.field_with_from().map(|field| field.index),
            headers: headers(variant),
            docs: docs(&variant.attrs.docs),
            qualified_name,
            name,
            members: members(input, variant),
            grpc: variant.attrs.grpc.clone(),
        };
        plan.pattern_all = settled(plan.build_pattern(&|_| true));
        plan.pattern_none = if plan.fields.is_empty() {
            plan.pattern_all.clone()
        } else {
            settled(plan.build_pattern(&|_| false))
        };
        plan
    }

    /// `Self::Variant { field: __self_0, .. }` binding the fields `bind` selects; `_`
    /// for a tuple field left out.
    pub fn pattern(&self, bind: &dyn Fn(usize) -> bool) -> TokenStream {
        let mut bound = 0;
        for index in 0..self.fields.len() {
            if bind(index) {
                bound += 1;
            }
        }
        if bound == self.fields.len() {
            self.pattern_all.clone()
        } else if bound == 0 {
            self.pattern_none.clone()
        } else {
            self.build_pattern(bind)
        }
    }

    fn build_pattern(&self, bind: &dyn Fn(usize) -> bool) -> TokenStream {
        // Written with identifiers and punctuation only: each piece built as a token
        // stream of its own would be joined to the pattern in a call to the compiler.
        let path = &self.path;
        match self.style {
            Style::Unit => quote!(#path),
            Style::Named => {
                let mut members = Vec::new();
                let mut bindings = Vec::new();
                for (index, field) in self.fields.iter().enumerate() {
                    if bind(index) {
                        members.push(field.member);
                        bindings.push(&field.binding);
                    }
                }
                quote!(#path { #(#members: #bindings,)* .. })
            }
            Style::Tuple => {
                let mut positions = Vec::with_capacity(self.fields.len());
                for (index, field) in self.fields.iter().enumerate() {
                    positions.push(if bind(index) {
                        field.binding.clone()
                    } else {
                        Ident::new("_", Span::call_site())
                    });
                }
                quote!(#path(#(#positions),*))
            }
        }
    }

    /// The pattern binding every field.
    pub fn pattern_all(&self) -> TokenStream {
        self.pattern_all.clone()
    }

    /// The pattern binding no field.
    pub fn pattern_none(&self) -> TokenStream {
        self.pattern_none.clone()
    }

    /// The pattern binding only the field at `index`.
    pub fn pattern_one(&self, index: usize) -> TokenStream {
        self.pattern(&|candidate| candidate == index)
    }

    /// Whether the field at `index` is one of the variant's members.
    pub fn is_member(&self, index: usize) -> bool {
        for member in &self.members {
            if member.field == index {
                return true;
            }
        }
        false
    }

    /// Whether the field at `index` is one of the variant's header fields.
    pub fn is_header(&self, index: usize) -> bool {
        for header in &self.headers {
            if matches!(header.value, HeaderValue::Field(field) if field == index) {
                return true;
            }
        }
        false
    }

    pub fn transparent_field(&self) -> Option<&FieldPlan<'a>> {
        match &self.kind {
            Kind::Transparent(index) => Some(&self.fields[*index]),
            Kind::Own(_) => None,
        }
    }
}

/// The variant's fixed headers, then its header fields.
fn headers(variant: &Variant) -> Vec<HeaderPlan> {
    let mut headers = Vec::new();
    for (name, value) in &variant.attrs.fixed_headers {
        headers.push(HeaderPlan {
            name: name.clone(),
            value: HeaderValue::Fixed(value.clone()),
        });
    }
    for field in &variant.fields {
        if let Some(name) = &field.attrs.header {
            headers.push(HeaderPlan {
                name: name.clone(),
                value: HeaderValue::Field(field.index),
            });
        }
    }
    headers
}

impl FieldPlan<'_> {
    /// The binding, pointing at `span` in rustc's messages but resolved where the
    /// patterns bind it: with variants written at a `macro_rules!` call site, `span` (a
    /// field's type) has another hygiene than the derive's own tokens.
    pub fn binding_at(&self, span: Span) -> Ident {
        Ident::new(
            &self.binding.to_string(),
            span.resolved_at(self.binding.span()),
        )
    }
}

impl Own {
    fn new(input: &Input, groups: &CodeGroups, variant: &Variant, fields: &[FieldPlan]) -> Self {
        let code = variant
            .attrs
            .code
            .clone()
            .expect("checked: a variant that is not transparent has a code");
        let code_name = variant
            .attrs
            .code_name
            .clone()
            .expect("checked: read with the code");
        let status = variant
            .status()
            .expect("checked: a custom code has a status");
        let message = match (&variant.attrs.message, &variant.template) {
            (None, _) => Message::Literal(
                codes::lookup(&code_name)
                    .expect("checked: a custom code has a message")
                    .message
                    .to_owned(),
            ),
            (Some(message), Some(template))
                if !template.has_placeholders() && message.args.is_empty() =>
            {
                Message::Literal(template.plain_text())
            }
            (Some(_), _) => {
                Message::Template(TemplatePlan::new(&runtime_path(input), variant, fields))
            }
        };
        let translation = Translation::new(
            input,
            groups,
            variant,
            &code_name,
            match &message {
                Message::Literal(text) => text,
                Message::Template(template) => &template.written,
            },
        );
        let log = match variant.attrs.log.as_ref().or(input.attrs.log.as_ref()) {
            Some(lit) => {
                let level = crate::attr::log_level(&lit.value()).expect("checked: a known level");
                Some((Ident::new(level, lit.span()), lit.span()))
            }
            None => None,
        };
        Own {
            log,
            translation,
            status,
            code,
            code_name,
            message,
        }
    }
}

/// The variant's members: its `extend` fields, and for a variant that is not
/// transparent its `flatten` fields, in field order.
fn members(input: &Input, variant: &Variant) -> Vec<MemberPlan> {
    let rule = input.rename_rule();
    let mut taken: Vec<String> = Vec::new();
    for &name in &input.reserved_member_names() {
        taken.push(name.to_owned());
    }
    for field in &variant.fields {
        if field.is_extension() {
            if let Some(name) = field.member_name(rule) {
                taken.push(name);
            }
        }
    }
    let mut members = Vec::new();
    for field in &variant.fields {
        let kind = if field.attrs.flatten.is_some() {
            MemberKind::Flatten {
                taken: taken.clone(),
            }
        } else if field.is_extension() {
            MemberKind::Extend {
                name: field
                    .member_name(rule)
                    .expect("checked: an extension has a member name"),
                ty: type_text(field.ty),
            }
        } else {
            continue;
        };
        members.push(MemberPlan {
            field: field.index,
            kind,
        });
    }
    members
}

impl TemplatePlan {
    fn new(runtime: &TokenStream, variant: &Variant, fields: &[FieldPlan]) -> Self {
        let template = variant
            .template
            .as_ref()
            .expect("checked: the message is well formed");
        let format_args = variant.format_args.as_ref();
        // Fields asked to format as pointers go through a wrapper that formats what the
        // field holds, as `format!` does with the field's value.
        let mut pointers: Vec<usize> = Vec::new();
        for reference in &template.args {
            if reference.trait_ == Some(FmtTrait::Pointer) {
                if let Some(Target::Field(field)) = variant.resolve(&reference.arg) {
                    pointers.push(field.index);
                }
            }
        }
        // The named arguments that hand fields to `write!`: the field's own name (raw
        // where it is a keyword) for `{name}`, the binding's for a rewritten `{0}`.
        let mut field_args: Vec<(Ident, usize)> = Vec::new();
        let mut bounds = Vec::new();
        // A path field's `{file}` goes through `DisplayPath`, under a name of its own: the
        // same field may also be asked for its `Debug`.
        let mut path_args: Vec<(Ident, usize)> = Vec::new();
        let lit = template.rewrite(|reference| {
            let arg = &reference.arg;
            let Some(Target::Field(field)) = variant.resolve(arg) else {
                return None;
            };
            if field.is_path() && reference.trait_ == Some(FmtTrait::Display) {
                let name = format_ident!("__display_{}", field.index);
                let renamed = name.to_string();
                if !names_field(&path_args, field.index) {
                    path_args.push((name, field.index));
                }
                return Some(renamed);
            }
            let (name, renamed) = match (arg, &field.member) {
                // The user's own name is kept, so rustc's notes can point into the literal.
                (Arg::Named(_), Member::Named(ident)) => {
                    let mut ident = ident.clone();
                    ident.set_span(Span::call_site());
                    (ident, None)
                }
                _ => {
                    let binding = fields[field.index].binding.clone();
                    let renamed = binding.to_string();
                    (binding, Some(renamed))
                }
            };
            if !field_args.iter().any(|(seen, _)| *seen == name) {
                field_args.push((name, field.index));
            }
            renamed
        });
        for reference in &template.args {
            if let (Some(Target::Field(field)), Some(trait_)) =
                (variant.resolve(&reference.arg), reference.trait_)
            {
                bounds.push((field.index, trait_));
            }
        }
        let rewrite = |value: &TokenStream| {
            rewrite_members(value, &mut |member| {
                let field = variant
                    .field_by_name(&member.name)
                    .expect("checked: a shorthand names a field");
                let binding = &fields[field.index].binding;
                quote!(#binding)
            })
        };
        let mut args: Vec<FormatArg> = Vec::new();
        let mut positional = Vec::new();
        let mut named = Vec::new();
        if let Some(format_args) = format_args {
            for value in &format_args.positional {
                let value = rewrite(value);
                args.push(FormatArg::Tokens(value.clone()));
                positional.push(value);
            }
            for (name, value) in &format_args.named {
                let value = rewrite(value);
                args.push(FormatArg::Tokens(quote!(#name = #value)));
                named.push(value);
            }
        }
        for (name, index) in &field_args {
            let field = &fields[*index];
            // Spanned on the field: a type without the trait is reported there.
            let binding = field.binding_at(syn::spanned::Spanned::span(field.ty));
            args.push(if pointers.contains(index) {
                FormatArg::Tokens(
                    quote_spanned!(field.span=> #name = #runtime::__private::Var(#binding)),
                )
            } else {
                FormatArg::Binding(name.clone(), binding)
            });
        }
        let choice = crate::expand::paths::Private(runtime)
            .choice_imports(&["FirstChoice", "SecondChoice"], true);
        for (name, index) in &path_args {
            let field = &fields[*index];
            let binding = field.binding_at(syn::spanned::Spanned::span(field.ty));
            let choose = quote_spanned!(field.span=> (&&#runtime::__private::DisplayPath(#binding)).choose());
            // Only one of the two answers is used, whichever the type allows.
            args.push(FormatArg::Tokens(quote! {#name = {
                #choice
                #choose
            }}));
        }
        // The direct writer asks each plain field for its `Display`, which a path has not.
        let plain = if format_args.is_some_and(|args| !args.is_empty()) || !path_args.is_empty() {
            None
        } else {
            plain_segments(variant, template)
        };
        TemplatePlan {
            written: template.value.clone(),
            lit,
            args,
            positional,
            named,
            bounds,
            plain,
        }
    }
}

/// The template as text and fields, where every placeholder is a plain `{field}`.
fn plain_segments(variant: &Variant, template: &crate::fmt::Template) -> Option<Vec<PlainSegment>> {
    let segments = template.plain_segments()?;
    let mut plain = Vec::with_capacity(segments.len());
    for segment in segments {
        plain.push(match segment {
            Segment::Text(text) => PlainSegment::Text(text),
            Segment::Arg(arg) => match variant.resolve(arg) {
                Some(Target::Field(field)) => PlainSegment::Field(field.index),
                _ => return None,
            },
        });
    }
    Some(plain)
}

/// Whether one of `args` hands over the field at `index`.
fn names_field(args: &[(Ident, usize)], index: usize) -> bool {
    for (_, field) in args {
        if *field == index {
            return true;
        }
    }
    false
}

/// A type as written, with white space only between two words (`&'static str`,
/// `Vec<FieldError>`): the same text whatever spacing tokens are printed with.
fn type_text(ty: &Type) -> String {
    let printed = ty.to_token_stream().to_string();
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '\'';
    let mut text = String::with_capacity(printed.len());
    let mut pending_space = false;
    for c in printed.chars() {
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && text.chars().next_back().is_some_and(is_word) && is_word(c) {
            text.push(' ');
        }
        pending_space = false;
        text.push(c);
    }
    text
}

/// The doc comment's lines joined with `\n`, without leading or trailing blank lines.
fn docs(lines: &[String]) -> String {
    let start = lines.iter().position(|line| !line.trim().is_empty());
    let end = lines.iter().rposition(|line| !line.trim().is_empty());
    match (start, end) {
        (Some(start), Some(end)) => {
            let mut text = lines[start].clone();
            for line in &lines[start + 1..=end] {
                text.push('\n');
                text.push_str(line);
            }
            text
        }
        _ => String::new(),
    }
}
