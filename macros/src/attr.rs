//! Parsing of `#[certifier(...)]`, `#[source]` and `#[from]`, with the checks that
//! concern a single key: its place, its value's form, repeats.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::{ToTokens, TokenStreamExt};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, Ident, Lit, LitInt, LitStr, Meta, Token};

use crate::case::RenameRule;
use crate::ctx::Ctxt;

/// Where an attribute list sits; decides which keys it may hold.
#[derive(Copy, Clone, PartialEq, Eq)]
pub enum Place {
    Enum,
    /// A struct is its own single variant: container and variant keys both apply.
    Struct,
    Variant,
    Field,
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Level {
    Container,
    Variant,
    /// On the container (for every variant) or on one variant.
    ContainerOrVariant,
    Field,
}

impl Place {
    fn accepts(self, level: Level) -> bool {
        match self {
            Place::Enum => matches!(level, Level::Container | Level::ContainerOrVariant),
            Place::Struct => level != Level::Field,
            Place::Variant => matches!(level, Level::Variant | Level::ContainerOrVariant),
            Place::Field => level == Level::Field,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Place::Enum => "an enum",
            Place::Struct => "a struct",
            Place::Variant => "a variant",
            Place::Field => "a field",
        }
    }
}

#[derive(Copy, Clone, PartialEq, Eq)]
enum Value {
    /// A bare flag: `transparent`.
    Flag,
    Str,
    Int,
    /// `message = "..."`, or the list form `message("...", args...)`.
    Message,
    /// `skip_impl(axum, utoipa)`: integration names in parentheses.
    Integrations,
}

/// An integration whose impls the derive emits through the runtime's relays, unless the
/// type says `skip_impl(...)`.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Integration {
    Axum,
    ActixWeb,
    Utoipa,
    Schemars,
    Tonic,
}

impl Integration {
    pub const ALL: [Integration; 5] = [
        Integration::Axum,
        Integration::ActixWeb,
        Integration::Utoipa,
        Integration::Schemars,
        Integration::Tonic,
    ];

    /// The name written in `skip_impl(...)`: the runtime's module or crate name.
    pub fn name(self) -> &'static str {
        match self {
            Integration::Axum => "axum",
            Integration::ActixWeb => "actix_web",
            Integration::Utoipa => "utoipa",
            Integration::Schemars => "schemars",
            Integration::Tonic => "tonic",
        }
    }

    /// The integration `name` names in `skip_impl(...)`.
    pub fn from_name(name: &str) -> Option<Integration> {
        for &integration in &Integration::ALL {
            if integration.name() == name {
                return Some(integration);
            }
        }
        None
    }

    /// What the integration implements, for the error on an unknown name.
    fn implements(self) -> &'static str {
        match self {
            Integration::Axum => "`IntoResponse`",
            Integration::ActixWeb => "`ResponseError`",
            Integration::Utoipa => "`IntoResponses`",
            Integration::Schemars => "`JsonSchema`",
            Integration::Tonic => "`From<E> for tonic::Status`",
        }
    }
}

/// Every key `#[certifier(...)]` accepts.
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum Key {
    RenameAll,
    Crate,
    DocUrl,
    SkipDisplay,
    SkipImpl,
    Domain,
    Code,
    Status,
    Message,
    Transparent,
    CatchAll,
    Grpc,
    Translation,
    AllowSourceInMessage,
    Log,
    Extend,
    Rename,
    Flatten,
    Header,
}

impl Key {
    const ALL: [Key; 19] = [
        Key::RenameAll,
        Key::Crate,
        Key::DocUrl,
        Key::SkipDisplay,
        Key::SkipImpl,
        Key::Domain,
        Key::Code,
        Key::Status,
        Key::Message,
        Key::Transparent,
        Key::CatchAll,
        Key::Grpc,
        Key::Translation,
        Key::AllowSourceInMessage,
        Key::Log,
        Key::Extend,
        Key::Rename,
        Key::Flatten,
        Key::Header,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Key::RenameAll => "rename_all",
            Key::Crate => "crate",
            Key::DocUrl => "doc_url",
            Key::SkipDisplay => "skip_display",
            Key::SkipImpl => "skip_impl",
            Key::Domain => "domain",
            Key::Code => "code",
            Key::Status => "status",
            Key::Message => "message",
            Key::Transparent => "transparent",
            Key::CatchAll => "catch_all",
            Key::Grpc => "grpc",
            Key::Translation => "key",
            Key::AllowSourceInMessage => "allow_source_in_message",
            Key::Log => "log",
            Key::Extend => "extend",
            Key::Rename => "rename",
            Key::Flatten => "flatten",
            Key::Header => "header",
        }
    }

    fn level(self) -> Level {
        match self {
            Key::RenameAll
            | Key::Crate
            | Key::DocUrl
            | Key::SkipDisplay
            | Key::SkipImpl
            | Key::Domain => Level::Container,
            Key::Code
            | Key::Transparent
            | Key::CatchAll
            | Key::Grpc
            | Key::Translation
            | Key::AllowSourceInMessage => Level::Variant,
            // On an enum, the default of the variants that give none.
            Key::Status | Key::Message | Key::Log => Level::ContainerOrVariant,
            Key::Extend | Key::Rename | Key::Flatten | Key::Header => Level::Field,
        }
    }

    fn value(self) -> Value {
        match self {
            Key::SkipDisplay
            | Key::Transparent
            | Key::CatchAll
            | Key::AllowSourceInMessage
            | Key::Extend
            | Key::Flatten => Value::Flag,
            Key::RenameAll
            | Key::Crate
            | Key::DocUrl
            | Key::Domain
            | Key::Grpc
            | Key::Translation
            | Key::Code
            | Key::Log
            | Key::Rename
            | Key::Header => Value::Str,
            Key::Status => Value::Int,
            Key::Message => Value::Message,
            Key::SkipImpl => Value::Integrations,
        }
    }

    fn from_name(name: &str) -> Option<Key> {
        for &key in &Key::ALL {
            if key.name() == name {
                return Some(key);
            }
        }
        None
    }

    /// The keys an attribute list at `place` may hold.
    /// The names of the keys `place` accepts, in `Key::ALL`'s order.
    fn names_accepted_at(place: Place) -> Vec<&'static str> {
        let mut names = Vec::new();
        for &key in &Key::ALL {
            if place.accepts(key.level()) {
                names.push(key.name());
            }
        }
        names
    }
}

/// An integer attribute value with the span of its literal.
#[derive(Clone)]
pub struct SpannedInt {
    pub value: u16,
    pub lit: LitInt,
}

/// The `message` of a variant: its template and, in the list form
/// `message("...", args...)`, the `format!` arguments after it.
#[derive(Clone)]
pub struct MessageAttr {
    pub template: LitStr,
    /// The tokens after the template's comma; empty for `message = "..."`.
    pub args: TokenStream,
}

/// Everything the attributes of one item said. Which keys can be set depends on the
/// [`Place`]; the others stay `None`.
pub struct Attrs {
    pub rename_all: Option<(RenameRule, LitStr)>,
    pub crate_path: Option<syn::Path>,
    pub doc_url: Option<LitStr>,
    /// Leaves `Display` and `Error` to another derive, such as thiserror's.
    pub skip_display: Option<Ident>,
    /// `skip_impl(...)`: the integrations whose impls the type writes itself.
    pub skip_impl: Option<Vec<Integration>>,
    pub code: Option<LitStr>,
    /// The `code`'s text, read once: most rules and emitters ask for it.
    pub code_name: Option<String>,
    pub status: Option<SpannedInt>,
    pub message: Option<MessageAttr>,
    pub transparent: Option<Ident>,
    /// `catch_all`: the variant every other error converts into (`From` for every type
    /// that converts into its field's); the type is then not a `std::error::Error`.
    pub catch_all: Option<Ident>,
    /// `domain = "..."`: the `ErrorInfo` domain of the gRPC details.
    pub domain: Option<LitStr>,
    /// `grpc = "..."`: the variant's gRPC code, overriding the one of its status.
    pub grpc: Option<LitStr>,
    /// `key = "..."`: the message's key in the translations, a Fluent identifier.
    pub key: Option<LitStr>,
    /// Lets a server-error (5xx) message show the variant's source.
    pub allow_source_in_message: Option<Ident>,
    /// `log = "..."`, a valid level name.
    pub log: Option<LitStr>,
    pub extend: Option<Ident>,
    pub rename: Option<LitStr>,
    pub flatten: Option<Ident>,
    pub header: Option<LitStr>,
    /// `header("Name", "value")` on a variant or struct: fixed response headers, in
    /// written order.
    pub fixed_headers: Vec<(LitStr, LitStr)>,
    /// `#[source]`, as written.
    pub source: Option<TokenStream>,
    /// `#[from]`, as written.
    pub from: Option<TokenStream>,
    /// thiserror's `#[error(...)]`, as written: meaningful only beside `skip_display`.
    pub thiserror_message: Option<TokenStream>,
    /// Every key written in `#[certifier(...)]`, valid or not, with where it stands
    /// (`key = value`), so a rule can point at a key and a key given with a bad value
    /// is not also reported as missing. `None` for an unknown key.
    pub written: Vec<(Option<Key>, WrittenAt)>,
    /// Valid keys that unknown keys were taken to be typos of.
    pub guessed: Vec<Key>,
    /// A `#[certifier]` attribute that could not be read: keys it may have held are not
    /// reported as missing.
    pub malformed: bool,
    /// Where the first `#[certifier(...)]` attribute stands: errors about the item as a
    /// whole are reported there.
    pub certifier: Option<WrittenAt>,
    /// The doc comment, one entry per line, leading space trimmed.
    pub docs: Vec<String>,
    /// A field's `#[allow(...)]` attributes, as written: the impls that name the field's
    /// type carry them (`#[allow(deprecated)]` beside a deprecated type).
    pub allows: Vec<TokenStream>,
}

impl Attrs {
    /// Attributes that say nothing: where parsing starts. A constant, so that a new key
    /// must be given its empty value here, and starting costs one copy.
    const EMPTY: Attrs = Attrs {
        rename_all: None,
        crate_path: None,
        doc_url: None,
        skip_display: None,
        skip_impl: None,
        code: None,
        code_name: None,
        status: None,
        message: None,
        transparent: None,
        catch_all: None,
        domain: None,
        grpc: None,
        key: None,
        allow_source_in_message: None,
        log: None,
        extend: None,
        rename: None,
        flatten: None,
        header: None,
        fixed_headers: Vec::new(),
        source: None,
        from: None,
        thiserror_message: None,
        written: Vec::new(),
        guessed: Vec::new(),
        malformed: false,
        certifier: None,
        docs: Vec::new(),
        allows: Vec::new(),
    };

    pub fn parse(cx: &Ctxt, attrs: &[Attribute], place: Place) -> Attrs {
        let mut parsed = Attrs::EMPTY;
        for attr in attrs {
            let path = attr.path();
            if path.is_ident("certifier") {
                parsed.certifier.get_or_insert(WrittenAt {
                    first: attr.pound_token.span,
                    last: attr.bracket_token.span.join(),
                });
                parsed.parse_certifier(cx, attr, place);
            } else if path.is_ident("source") {
                parsed.source = parse_marker(cx, attr, place, "source", parsed.source.take());
            } else if path.is_ident("from") {
                parsed.from = parse_marker(cx, attr, place, "from", parsed.from.take());
            } else if path.is_ident("error") {
                parsed
                    .thiserror_message
                    .get_or_insert_with(|| attr.to_token_stream());
            } else if path.is_ident("allow") && place == Place::Field {
                parsed.allows.push(attr.to_token_stream());
            } else if path.is_ident("doc") {
                if let Some(line) = doc_line(attr) {
                    parsed.docs.push(line);
                }
            }
        }
        parsed
    }

    /// Whether `key` was written, even with an invalid value.
    pub fn mentions(&self, key: Key) -> bool {
        self.written_at(key).is_some() || self.guessed.contains(&key)
    }

    /// Takes the container's `message` and `status` where this variant gives none (and
    /// wrote none with a bad value): a container's `status` only where it fits the
    /// variant's code, the one of a standard code staying otherwise. They then count as
    /// written, where the container has them. Returns whether the message is the
    /// container's.
    pub fn inherit(&mut self, container: &Attrs, standard_statuses: Option<&[u16]>) -> bool {
        let mut inherited = false;
        if self.message.is_none() && !self.mentions(Key::Message) {
            if let Some(message) = &container.message {
                self.message = Some(message.clone());
                self.written.extend(container.written_entry(Key::Message));
                inherited = true;
            }
        }
        if self.status.is_none() && !self.mentions(Key::Status) {
            if let Some(status) = &container.status {
                if standard_statuses.map_or(true, |statuses| statuses.contains(&status.value)) {
                    self.status = Some(status.clone());
                    self.written.extend(container.written_entry(Key::Status));
                }
            }
        }
        inherited
    }

    fn written_entry(&self, key: Key) -> Option<(Option<Key>, WrittenAt)> {
        self.written_at(key).map(|at| (Some(key), at))
    }

    /// Where the first `key = value` written for `key` stands.
    pub fn written_at(&self, key: Key) -> Option<WrittenAt> {
        for (written, at) in &self.written {
            if *written == Some(key) {
                return Some(*at);
            }
        }
        None
    }

    fn parse_certifier(&mut self, cx: &Ctxt, attr: &Attribute, place: Place) {
        let Meta::List(list) = &attr.meta else {
            self.malformed = true;
            cx.error_spanned_by(
                attr,
                "expected a list of keys, such as `#[certifier(code = \"not_found\")]`",
            );
            return;
        };
        if list.tokens.is_empty() {
            self.malformed = true;
            cx.error_spanned_by(
                attr,
                "empty `#[certifier()]`: add keys, such as `#[certifier(code = \"not_found\")]`",
            );
            return;
        }
        let parser = |input: ParseStream| {
            while !input.is_empty() {
                // `parse_any` accepts keywords, so `crate` can be a key.
                let key = input.call(Ident::parse_any)?;
                let value = if input.peek(syn::token::Paren) {
                    let group: proc_macro2::Group = input.parse()?;
                    Some(Written::List(group))
                } else if input.peek(Token![=]) {
                    let eq: Token![=] = input.parse()?;
                    let value = take_value(input);
                    Some(Written::Eq(eq, value))
                } else {
                    None
                };
                self.apply(cx, place, &key, value);
                if input.is_empty() {
                    break;
                }
                if input.peek(Token![,]) {
                    input.parse::<Token![,]>()?;
                } else if input.peek(Ident::peek_any) {
                    // Most likely a forgotten comma before the next key: say so, and
                    // read on so the keys after it count.
                    let next = input.fork().call(Ident::parse_any)?;
                    cx.error_spanned_by(
                        &next,
                        format!("expected `,` before `{next}`: separate keys with commas"),
                    );
                } else {
                    return Err(input.error("expected `,` between keys"));
                }
            }
            Ok(())
        };
        if let Err(error) = parser.parse2(list.tokens.clone()) {
            self.malformed = true;
            cx.syn_error(error);
        }
    }

    fn apply(&mut self, cx: &Ctxt, place: Place, ident: &Ident, value: Option<Written>) {
        let name = ident.to_string();
        let written = WrittenAt {
            first: ident.span(),
            last: match &value {
                Some(Written::Eq(eq, value)) => value.last.unwrap_or(eq.span),
                Some(Written::List(group)) => group.span(),
                None => ident.span(),
            },
        };
        let Some(key) = Key::from_name(&name) else {
            self.written.push((None, written));
            cx.error_spanned_by(ident, unknown_key_message(&name, place));
            // The key it most likely means is not also reported as missing.
            if let Some(meant) = unknown_key_suggestion(&name, place) {
                self.guessed.push(meant);
            }
            return;
        };
        self.written.push((Some(key), written));
        if key == Key::Header {
            if let Some(Written::List(group)) = &value {
                self.read_fixed_header(cx, place, ident, group);
                return;
            }
        }
        if !place.accepts(key.level()) {
            cx.error_spanned_by(ident, misplaced_key_message(key, place));
            return;
        }
        let Some(value) = read_value(cx, ident, key.value(), value) else {
            return;
        };
        let duplicate = match (key, value) {
            (Key::RenameAll, ParsedValue::Str(lit)) => match RenameRule::from_name(&lit.value()) {
                Some(rule) => set(&mut self.rename_all, (rule, lit)),
                None => {
                    cx.error_spanned_by(&lit, unknown_case_message(&lit.value()));
                    false
                }
            },
            (Key::Crate, ParsedValue::Str(lit)) => match lit.parse::<syn::Path>() {
                Ok(path) => set(&mut self.crate_path, path),
                Err(_) => {
                    cx.error_spanned_by(
                        &lit,
                        "`crate` must be a path, such as `crate = \"my_api::certifier_error\"`",
                    );
                    false
                }
            },
            (Key::DocUrl, ParsedValue::Str(lit)) => set(&mut self.doc_url, lit),
            (Key::SkipDisplay, ParsedValue::Flag) => set(&mut self.skip_display, ident.clone()),
            (Key::SkipImpl, ParsedValue::Integrations(integrations)) => {
                set(&mut self.skip_impl, integrations)
            }
            (Key::Code, ParsedValue::Str(lit)) => {
                let name = lit.value();
                check_code_format(cx, &lit, &name);
                let repeat = set(&mut self.code, lit);
                if !repeat {
                    self.code_name = Some(name);
                }
                repeat
            }
            (Key::Status, ParsedValue::Int(status)) => set(&mut self.status, status),
            (Key::Message, ParsedValue::Message(message)) => {
                if self.message.is_some() {
                    cx.error_spanned_by(
                        ident,
                        "the message is already given: write it once, as `message = \"...\"` \
                         or, with format arguments, as `message(\"...\", args...)`",
                    );
                    false
                } else {
                    set(&mut self.message, message)
                }
            }
            (Key::Transparent, ParsedValue::Flag) => set(&mut self.transparent, ident.clone()),
            (Key::CatchAll, ParsedValue::Flag) => set(&mut self.catch_all, ident.clone()),
            (Key::Domain, ParsedValue::Str(lit)) => {
                if lit.value().trim().is_empty() {
                    cx.error_spanned_by(&lit, "`domain` names the service: it cannot be empty");
                    false
                } else {
                    set(&mut self.domain, lit)
                }
            }
            (Key::Grpc, ParsedValue::Str(lit)) => {
                if check_grpc_code(cx, &lit) {
                    set(&mut self.grpc, lit)
                } else {
                    false
                }
            }
            (Key::Translation, ParsedValue::Str(lit)) => {
                if check_message_key(cx, &lit) {
                    set(&mut self.key, lit)
                } else {
                    false
                }
            }
            (Key::AllowSourceInMessage, ParsedValue::Flag) => {
                set(&mut self.allow_source_in_message, ident.clone())
            }
            (Key::Log, ParsedValue::Str(lit)) => {
                if check_log_level(cx, &lit) {
                    set(&mut self.log, lit)
                } else {
                    false
                }
            }
            (Key::Extend, ParsedValue::Flag) => set(&mut self.extend, ident.clone()),
            (Key::Rename, ParsedValue::Str(lit)) => set(&mut self.rename, lit),
            (Key::Flatten, ParsedValue::Flag) => set(&mut self.flatten, ident.clone()),
            (Key::Header, ParsedValue::Str(lit)) => {
                check_header_name(cx, &lit, "a field");
                set(&mut self.header, lit)
            }
            _ => unreachable!("`read_value` returns the kind `Key::value` names"),
        };
        if duplicate {
            cx.error_spanned_by(ident, format!("duplicate `{name}` key: give it once"));
        }
    }

    /// `header("Name", "value")`: a fixed header of a variant or struct, repeatable.
    fn read_fixed_header(
        &mut self,
        cx: &Ctxt,
        place: Place,
        ident: &Ident,
        group: &proc_macro2::Group,
    ) {
        if !matches!(place, Place::Variant | Place::Struct) {
            let fix = if place == Place::Field {
                "on a field, `header = \"Name\"` sends the field's value under that name"
            } else {
                "give it to each variant that sends the header"
            };
            cx.error_spanned_by(
                ident,
                format!(
                    "a fixed `header(\"Name\", \"value\")` belongs on a variant or a struct, \
                     not on {}: {fix}",
                    place.noun()
                ),
            );
            return;
        }
        // Any other form leaves no literal, and is reported as not two.
        let mut lits: Vec<Lit> = Vec::new();
        for item in list_items(group).unwrap_or_default() {
            let Some(lit) = literal_of(&item) else {
                lits.clear();
                break;
            };
            lits.push(lit);
        }
        let [Lit::Str(name), Lit::Str(value)] = &lits[..] else {
            cx.error_spanned_by(group, FIXED_HEADER_FORM);
            return;
        };
        let name_ok = check_header_name(cx, name, "a variant");
        let value_ok = check_header_value(cx, value);
        if name_ok && value_ok {
            self.fixed_headers.push((name.clone(), value.clone()));
        }
    }
}

/// What a fixed header looks like, for the error on any other form.
const FIXED_HEADER_FORM: &str = "a fixed header is a name and a value, both string literals: \
     `header(\"Cache-Control\", \"no-store\")`";

/// Where a key stands, from its name to the end of its value: an error about the key
/// points at all of it. Kept as two spans, not as tokens, as most keys never need it.
#[derive(Clone, Copy)]
pub struct WrittenAt {
    first: Span,
    last: Span,
}

impl ToTokens for WrittenAt {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        // An error spanned by tokens runs from the first one's start to the last one's end.
        for &span in &[self.first, self.last] {
            let mut mark = proc_macro2::Punct::new('#', proc_macro2::Spacing::Alone);
            mark.set_span(span);
            tokens.append(mark);
        }
    }
}

/// A key's value as written: `= value` or a parenthesised list.
enum Written {
    Eq(Token![=], WrittenValue),
    List(proc_macro2::Group),
}

/// The tokens after `=`, up to the next comma.
struct WrittenValue {
    tokens: TokenStream,
    /// The span of the last token; `None` for no token.
    last: Option<Span>,
    /// The literal, where the value is one.
    literal: Option<Lit>,
}

/// Stores `value` unless a value is already there; returns whether it was a repeat.
fn set<T>(slot: &mut Option<T>, value: T) -> bool {
    if slot.is_some() {
        return true;
    }
    *slot = Some(value);
    false
}

enum ParsedValue {
    Flag,
    Str(LitStr),
    Int(SpannedInt),
    Message(MessageAttr),
    Integrations(Vec<Integration>),
}

/// `skip_impl(axum, actix_web, ...)`: known integration names, each once, at least one.
fn read_integrations(cx: &Ctxt, key: &Ident, group: &proc_macro2::Group) -> Option<ParsedValue> {
    let mut names = Vec::new();
    let mut well_formed = false;
    if let Some(items) = list_items(group) {
        well_formed = true;
        for item in items {
            // `syn`'s reading of an identifier: no keyword or `_`, and one passed in
            // through a `macro_rules!` fragment is read inside its invisible group.
            match syn::parse2::<Ident>(TokenStream::from(item)) {
                Ok(name) => names.push(name),
                Err(_) => well_formed = false,
            }
        }
    }
    if !well_formed {
        cx.error_spanned_by(
            group,
            format!("`{key}` takes integration names: `{key}(axum, utoipa)`"),
        );
        return None;
    }
    if names.is_empty() {
        cx.error_spanned_by(
            group,
            format!("`{key}()` names no integration: write `{key}(axum)`, or remove it"),
        );
        return None;
    }
    let mut integrations = Vec::new();
    let mut valid = true;
    for name in &names {
        let written = name.to_string();
        match Integration::from_name(&written) {
            Some(integration) if integrations.contains(&integration) => {
                cx.error_spanned_by(name, format!("`{written}` is named twice: name it once"));
                valid = false;
            }
            Some(integration) => integrations.push(integration),
            None => {
                let mut known = String::new();
                let mut names = Vec::with_capacity(Integration::ALL.len());
                for &integration in &Integration::ALL {
                    if !known.is_empty() {
                        known.push_str(", ");
                    }
                    known += &format!("`{}` ({})", integration.name(), integration.implements());
                    names.push(integration.name());
                }
                // `actix` for `actix_web`: a prefix is as likely a slip as a typo.
                let meant = match closest(&written, &names) {
                    Some(meant) => Some(meant),
                    None => first_with_prefix(&names, &written),
                };
                let hint = match meant {
                    Some(meant) => format!("did you mean `{meant}`? "),
                    None => String::new(),
                };
                cx.error_spanned_by(
                    name,
                    format!("unknown integration `{written}`: {hint}`{key}` takes {known}"),
                );
                valid = false;
            }
        }
    }
    valid.then_some(ParsedValue::Integrations(integrations))
}

/// `message("template", args...)`: the template literal, then the `format!` arguments.
fn read_message_list(cx: &Ctxt, group: &proc_macro2::Group) -> Option<ParsedValue> {
    let mut trees = group.stream().into_iter();
    let first = trees.next();
    let template = first.as_ref().and_then(literal_of);
    let Some(Lit::Str(template)) = template else {
        cx.error_spanned_by(
            &first.map_or_else(|| group.to_token_stream(), ToTokens::into_token_stream),
            "`message(...)` starts with the message's string literal, as in \
             `message(\"{} of {max} domains are invalid.\", .domains.len(), max = .limit)`",
        );
        return None;
    };
    let args: TokenStream = match trees.next() {
        None => TokenStream::new(),
        Some(TokenTree::Punct(comma)) if comma.as_char() == ',' => trees.collect(),
        Some(other) => {
            cx.error_spanned_by(&other, "expected `,` after the message's string literal");
            return None;
        }
    };
    Some(ParsedValue::Message(MessageAttr { template, args }))
}

/// Collects the tokens of a value: one literal, or anything else up to the next
/// top-level comma (to be reported whole). After a literal, a key without a comma
/// before it is left for the caller to report.
fn take_value(input: ParseStream) -> WrittenValue {
    let mut tokens = TokenStream::new();
    let mut last = None;
    if literal_next(input) {
        let tree: TokenTree = input.parse().expect("a literal remains");
        last = Some(tree.span());
        let literal = literal_of(&tree);
        tokens.append(tree);
        return WrittenValue {
            tokens,
            last,
            literal,
        };
    }
    while !input.is_empty() && !input.peek(Token![,]) {
        let tree: TokenTree = input.parse().expect("a token remains");
        last = Some(tree.span());
        tokens.append(tree);
    }
    WrittenValue {
        tokens,
        last,
        literal: None,
    }
}

/// Whether a literal comes next, as `input.peek(Lit)` answers (`true` and `false`, and
/// a number after `-`, count), without building the literal: `peek` parses its value,
/// which for every key of every variant is a good part of the derive's time.
fn literal_next(input: ParseStream) -> bool {
    let cursor = input.cursor();
    if cursor.literal().is_some() {
        return true;
    }
    if let Some((ident, _)) = cursor.ident() {
        return ident == "true" || ident == "false";
    }
    match cursor.punct() {
        Some((minus, rest)) if minus.as_char() == '-' => {
            rest.literal().is_some_and(|(literal, _)| {
                matches!(literal.to_string().as_bytes().first(), Some(b'0'..=b'9'))
            })
        }
        _ => false,
    }
}

fn read_value(cx: &Ctxt, key: &Ident, kind: Value, value: Option<Written>) -> Option<ParsedValue> {
    let (
        eq,
        WrittenValue {
            tokens, literal, ..
        },
    ) = match (kind, value) {
        (Value::Message, Some(Written::List(group))) => return read_message_list(cx, &group),
        (Value::Integrations, Some(Written::List(group))) => {
            return read_integrations(cx, key, &group)
        }
        (Value::Integrations, _) => {
            cx.error_spanned_by(
                key,
                format!("`{key}` lists integrations in parentheses: `{key}(axum, utoipa)`"),
            );
            return None;
        }
        (_, Some(Written::List(group))) => {
            cx.error_spanned_by(
                &group,
                format!(
                    "keys take their value after `=`: write `{key} = {}`",
                    group.stream()
                ),
            );
            return None;
        }
        (Value::Flag, None) => return Some(ParsedValue::Flag),
        (Value::Flag, Some(Written::Eq(eq, WrittenValue { tokens, .. }))) => {
            cx.error_spanned_by(
                &quote::quote!(#eq #tokens),
                format!("`{key}` is a flag and takes no value: write `{key}` alone"),
            );
            return None;
        }
        (_, None) => {
            let example = if kind == Value::Int { "404" } else { "\"...\"" };
            cx.error_spanned_by(key, format!("`{key}` needs a value: `{key} = {example}`"));
            return None;
        }
        (_, Some(Written::Eq(eq, value))) => (eq, value),
    };
    // Where a bad value is reported: the value, or the `=` when there is none.
    let at = if tokens.is_empty() {
        eq.to_token_stream()
    } else {
        tokens.clone()
    };
    match kind {
        Value::Flag | Value::Integrations => unreachable!("handled above"),
        Value::Message => match literal {
            Some(Lit::Str(template)) => Some(ParsedValue::Message(MessageAttr {
                template,
                args: TokenStream::new(),
            })),
            _ => {
                cx.error_spanned_by(
                    &at,
                    "`message` takes a string literal: `message = \"...\"`, or with format \
                     arguments `message(\"...\", args...)`",
                );
                None
            }
        },
        Value::Str => match literal {
            Some(Lit::Str(lit)) => Some(ParsedValue::Str(lit)),
            _ => {
                let problem = match tokens.clone().into_iter().collect::<Vec<_>>()[..] {
                    [TokenTree::Ident(ref word)] => {
                        format!("`{key}` takes a string literal: write `{key} = \"{word}\"`")
                    }
                    _ => format!("`{key}` takes a string literal: `{key} = \"...\"`"),
                };
                cx.error_spanned_by(&at, problem);
                None
            }
        },
        Value::Int => {
            let problem = match literal {
                Some(Lit::Int(lit)) if !matches!(lit.suffix(), "" | "u16") => format!(
                    "`status` is a `u16`: write `status = {}` without the `{}` suffix",
                    lit.base10_digits(),
                    lit.suffix()
                ),
                Some(Lit::Int(lit)) => match lit.base10_parse::<u16>() {
                    Ok(value) if (400..=599).contains(&value) => {
                        return Some(ParsedValue::Int(SpannedInt { value, lit }));
                    }
                    _ => format!(
                        "status {} is not an error status: use a client error (4xx) or server \
                         error (5xx) status, from 400 to 599",
                        lit.base10_digits()
                    ),
                },
                Some(Lit::Str(lit)) if lit.value().trim().parse::<u16>().is_ok() => format!(
                    "`status` takes an integer literal, not a string: write `status = {}`",
                    lit.value().trim()
                ),
                _ => "`status` takes an integer literal from 400 to 599, such as \
                      `status = 404`; the derive reads it at compile time, so a constant or \
                      an expression cannot stand here"
                    .to_owned(),
            };
            cx.error_spanned_by(&at, problem);
            None
        }
    }
}

/// The items of a list such as `skip_impl(axum, utoipa)`: one token each, separated by
/// commas, a trailing comma allowed; `None` for any other form. Read token by token:
/// `syn`'s `Punctuated` parser compiles its own copy into the macro for each item type.
fn list_items(group: &proc_macro2::Group) -> Option<Vec<TokenTree>> {
    let mut items = Vec::new();
    let mut item_next = true;
    for tree in group.stream() {
        match tree {
            TokenTree::Punct(comma) if comma.as_char() == ',' && !item_next => item_next = true,
            TokenTree::Punct(_) => return None,
            item if item_next => {
                items.push(item);
                item_next = false;
            }
            _ => return None,
        }
    }
    Some(items)
}

/// The literal `tree` is, or holds alone in an invisible group: a literal passed in
/// through a `macro_rules!` fragment arrives in one.
fn literal_of(tree: &TokenTree) -> Option<Lit> {
    match tree {
        TokenTree::Literal(literal) => Some(Lit::new(literal.clone())),
        TokenTree::Group(group) if group.delimiter() == proc_macro2::Delimiter::None => {
            let mut trees = group.stream().into_iter();
            match (trees.next(), trees.next()) {
                (Some(tree), None) => literal_of(&tree),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `^[a-z][a-z0-9]*(_[a-z0-9]+)*$`
pub fn is_snake_case_code(code: &str) -> bool {
    if !matches!(code.as_bytes().first(), Some(b'a'..=b'z')) {
        return false;
    }
    for word in code.split('_') {
        if word.is_empty() {
            return false;
        }
        for byte in word.bytes() {
            if !byte.is_ascii_lowercase() && !byte.is_ascii_digit() {
                return false;
            }
        }
    }
    true
}

fn check_code_format(cx: &Ctxt, lit: &LitStr, code: &str) {
    if is_snake_case_code(code) {
        return;
    }
    let fix = match snake_case_suggestion(code) {
        Some(suggestion) => format!("write `{suggestion}`"),
        None => "use lowercase ASCII words joined by single underscores, starting with a \
                 letter, such as `plan_limit`"
            .to_owned(),
    };
    cx.error_spanned_by(lit, format!("code `{code}` is not snake_case: {fix}"));
}

/// `code` rewritten as snake_case (`NotFound`, `not-found` and `Not Found` become
/// `not_found`), when that yields a valid code.
pub fn snake_case_suggestion(code: &str) -> Option<String> {
    let mut snake = String::with_capacity(code.len() + 4);
    let mut previous: Option<char> = None;
    for ch in code.trim().chars() {
        if ch.is_ascii_uppercase() {
            if previous.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
                snake.push('_');
            }
            snake.push(ch.to_ascii_lowercase());
        } else if matches!(ch, '-' | ' ' | '.' | '_') {
            if !snake.is_empty() && !snake.ends_with('_') {
                snake.push('_');
            }
        } else {
            snake.push(ch);
        }
        previous = Some(ch);
    }
    let snake = snake.trim_end_matches('_').to_owned();
    (snake != code && is_snake_case_code(&snake)).then_some(snake)
}

/// The names `log` accepts, with the runtime's `LogLevel` variant each stands for.
pub const LOG_LEVELS: &[(&str, &str)] = &[
    ("off", "Off"),
    ("trace", "Trace"),
    ("debug", "Debug"),
    ("info", "Info"),
    ("warn", "Warn"),
    ("error", "Error"),
];

/// The runtime's `LogLevel` variant that `name` stands for, if it names one.
pub fn log_level(name: &str) -> Option<&'static str> {
    for (level, variant) in LOG_LEVELS {
        if *level == name {
            return Some(variant);
        }
    }
    None
}

/// Whether `lit` names a log level; reports it otherwise.
fn check_log_level(cx: &Ctxt, lit: &LitStr) -> bool {
    let name = lit.value();
    if log_level(&name).is_some() {
        return true;
    }
    let mut levels = Vec::with_capacity(LOG_LEVELS.len());
    for (level, _) in LOG_LEVELS {
        levels.push(*level);
    }
    let lowered = name.trim().to_ascii_lowercase();
    // An exact match after trimming and lowering is the nearest name too.
    let hint = if lowered == "warning" {
        Some("warn")
    } else {
        closest(&lowered, &levels)
    };
    let message = match hint {
        Some(level) => format!("unknown log level `{name}`: did you mean `{level}`?"),
        None => format!(
            "unknown log level `{name}`: use one of {}",
            listed(&levels, "`", "`")
        ),
    };
    cx.error_spanned_by(lit, message);
    false
}

/// The gRPC status codes, as `grpc = "..."` names them: snake_case of tonic's `Code`.
pub const GRPC_CODES: &[&str] = &[
    "ok",
    "cancelled",
    "unknown",
    "invalid_argument",
    "deadline_exceeded",
    "not_found",
    "already_exists",
    "permission_denied",
    "resource_exhausted",
    "failed_precondition",
    "aborted",
    "out_of_range",
    "unimplemented",
    "internal",
    "unavailable",
    "data_loss",
    "unauthenticated",
];

/// Whether `grpc = "..."` names a gRPC code other than `ok`; reports it if not, with the
/// nearest name.
fn check_grpc_code(cx: &Ctxt, lit: &LitStr) -> bool {
    let name = lit.value();
    if name == "ok" {
        cx.error_spanned_by(lit, "an error cannot answer the gRPC code `ok`");
        return false;
    }
    if GRPC_CODES.contains(&name.as_str()) {
        return true;
    }
    let snake = snake_case_suggestion(&name).unwrap_or_else(|| name.to_ascii_lowercase());
    // An exact match is the nearest name too.
    let hint = closest(&snake, GRPC_CODES);
    let message = match hint {
        Some(code) => format!("unknown gRPC code `{name}`: did you mean `{code}`?"),
        None => format!(
            "unknown gRPC code `{name}`: use the snake_case name of one of tonic's `Code`s, \
             such as `already_exists` or `failed_precondition`"
        ),
    };
    cx.error_spanned_by(lit, message);
    false
}

/// Whether `key = "..."` is a Fluent message identifier (a letter, then letters, digits,
/// `_` and `-`) that is not one of the keys the runtime keeps for violations; reports it
/// if not.
fn check_message_key(cx: &Ctxt, lit: &LitStr) -> bool {
    let key = lit.value();
    if !crate::translation::is_fluent_identifier(&key) {
        cx.error_spanned_by(
            lit,
            format!(
                "`{key}` is not a Fluent message identifier: start with an ASCII letter, then \
                 use ASCII letters, digits, `_` and `-`, such as `plan-limit-reached`"
            ),
        );
        return false;
    }
    if key.starts_with(crate::translation::VIOLATION_KEY_PREFIX) {
        cx.error_spanned_by(
            lit,
            format!(
                "the keys starting with `{}` are the messages of validation violations: \
                 choose another key",
                crate::translation::VIOLATION_KEY_PREFIX
            ),
        );
        return false;
    }
    true
}

/// Headers the integrations write themselves; a field must not override them.
const RESERVED_HEADERS: &[&str] = &["content-type", "content-length", "transfer-encoding"];

/// RFC 9110 `token`: one or more of `!#$%&'*+-.^_`|~`, digits and letters.
fn is_token(name: &str) -> bool {
    if name.is_empty() {
        return false;
    }
    for byte in name.bytes() {
        if !byte.is_ascii_alphanumeric() && !b"!#$%&'*+-.^_`|~".contains(&byte) {
            return false;
        }
    }
    true
}

/// A header name the integrations may set, in `header = "..."` on a field or
/// `header("...", value)` on a variant (`setter` names which). Returns whether it is one.
fn check_header_name(cx: &Ctxt, lit: &LitStr, setter: &str) -> bool {
    let name = lit.value();
    if !is_token(&name) {
        cx.error_spanned_by(
            lit,
            format!(
                "`{name}` is not a valid header name: use letters, digits and \
                 !#$%&'*+-.^_`|~ only, such as `header = \"Retry-After\"`"
            ),
        );
    } else if RESERVED_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        cx.error_spanned_by(
            lit,
            format!("the `{name}` header is written by the integrations; {setter} cannot set it"),
        );
    } else {
        return true;
    }
    false
}

/// A fixed header's value must be one HTTP sends as written: visible ASCII, spaces
/// and tabs, without white space at either end (which HTTP would drop).
fn check_header_value(cx: &Ctxt, lit: &LitStr) -> bool {
    let value = lit.value();
    let mut bad = None;
    for c in value.chars() {
        if c != '\t' && !(' '..='~').contains(&c) {
            bad = Some(c);
            break;
        }
    }
    let problem = match bad {
        Some(c) => format!(
            "{c:?} cannot stand in a header value: use visible ASCII characters, spaces and \
             tabs only (percent-encode anything else)"
        ),
        None if value.trim() != value => {
            "a header value cannot start or end with white space: HTTP drops it".to_owned()
        }
        None => return true,
    };
    cx.error_spanned_by(lit, problem);
    false
}

fn parse_marker(
    cx: &Ctxt,
    attr: &Attribute,
    place: Place,
    name: &str,
    previous: Option<TokenStream>,
) -> Option<TokenStream> {
    if place != Place::Field {
        cx.error_spanned_by(
            attr,
            format!(
                "`#[{name}]` goes on a field, not on {}: put it on the field that holds the \
                 underlying error",
                place.noun()
            ),
        );
        return previous;
    }
    if previous.is_some() {
        cx.error_spanned_by(
            attr,
            format!("duplicate `#[{name}]` attribute: give it once"),
        );
        return previous;
    }
    if !matches!(attr.meta, Meta::Path(_)) {
        let what = if name == "from" {
            "the field's own type is the one converted from"
        } else {
            "it marks the field it is on"
        };
        cx.error_spanned_by(
            attr,
            format!("`#[{name}]` takes no arguments ({what}): write `#[{name}]`"),
        );
    }
    Some(attr.to_token_stream())
}

fn doc_line(attr: &Attribute) -> Option<String> {
    let Meta::NameValue(doc) = &attr.meta else {
        return None;
    };
    let syn::Expr::Lit(syn::ExprLit {
        lit: Lit::Str(text),
        ..
    }) = &doc.value
    else {
        return None;
    };
    let line = text.value();
    Some(
        line.strip_prefix(' ')
            .unwrap_or(&line)
            .trim_end()
            .to_owned(),
    )
}

/// The valid key nearest to an unknown `name`, if near enough to be a typo.
fn unknown_key_suggestion(name: &str, place: Place) -> Option<Key> {
    let meant = closest(name, &Key::names_accepted_at(place))?;
    Key::from_name(meant)
}

fn unknown_key_message(name: &str, place: Place) -> String {
    let mut message = format!(
        "unknown key `{name}` in `#[certifier(...)]` on {}",
        place.noun()
    );
    match unknown_key_suggestion(name, place) {
        Some(suggestion) => message += &format!("; did you mean `{}`?", suggestion.name()),
        None => {
            let valid = listed(&Key::names_accepted_at(place), "`", "`");
            message += &format!("; expected one of {valid}");
        }
    }
    message
}

fn unknown_case_message(name: &str) -> String {
    let normalize = |text: &str| {
        let text = crate::text::replace(text, "_", "");
        crate::text::replace(&text, "-", "").to_ascii_lowercase()
    };
    let normalized = normalize(name);
    let mut names = Vec::with_capacity(crate::case::RENAME_RULES.len());
    let mut same = None;
    let mut prefixed = Vec::new();
    for (rule, _) in crate::case::RENAME_RULES {
        let rule_normalized = normalize(rule);
        if same.is_none() && rule_normalized == normalized {
            same = Some(*rule);
        }
        if !name.is_empty() && rule_normalized.starts_with(&normalized) {
            prefixed.push(*rule);
        }
        names.push(*rule);
    }
    let suggestion = match (same, closest(name, &names), &prefixed[..]) {
        (Some(rule), _, _) | (None, Some(rule), _) | (None, None, &[rule]) => Some(rule),
        _ => None,
    };
    match suggestion {
        Some(rule) => format!("unknown case `{name}` for `rename_all`; did you mean `\"{rule}\"`?"),
        None => format!(
            "unknown case `{name}` for `rename_all`; expected one of {}",
            RenameRule::expected()
        ),
    }
}

fn misplaced_key_message(key: Key, place: Place) -> String {
    let home = match key.level() {
        Level::Container => "the enum or struct itself",
        Level::Variant if place == Place::Enum => "each variant of an enum",
        Level::Variant => "a variant or a struct",
        Level::ContainerOrVariant => "the enum or struct itself, or a variant",
        Level::Field => "a field",
    };
    let here = match place {
        Place::Enum => "the enum itself",
        _ => place.noun(),
    };
    let mut message = format!("`{}` belongs on {home}, not on {here}", key.name());
    if key == Key::Header && place != Place::Enum {
        message += ": a fixed header of the response is `header(\"Name\", \"value\")`";
    }
    message
}

/// The candidate nearest to `name` by edit distance, if near enough to be a typo; the
/// first of equals.
pub fn closest<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = edit_distance(name, candidate);
        let near = distance <= 2.max(candidate.len() / 3);
        if near && !best.is_some_and(|(nearest, _)| distance >= nearest) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// The first of `names` that starts with `prefix`.
pub fn first_with_prefix<'a>(names: &[&'a str], prefix: &str) -> Option<&'a str> {
    for name in names {
        if name.starts_with(prefix) {
            return Some(name);
        }
    }
    None
}

/// Whether one of `attrs` has the path `name` (`#[name]`, `#[name(...)]`, `#[name = ...]`).
pub fn has_attribute(attrs: &[Attribute], name: &str) -> bool {
    for attr in attrs {
        if attr.path().is_ident(name) {
            return true;
        }
    }
    false
}

/// `names` for a message, each between `open` and `close`, separated by `, `.
pub fn listed(names: &[&str], open: &str, close: &str) -> String {
    let mut list = String::new();
    for name in names {
        if !list.is_empty() {
            list.push_str(", ");
        }
        list.push_str(open);
        list.push_str(name);
        list.push_str(close);
    }
    list
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::{
        closest, is_snake_case_code, is_token, list_items, literal_next, snake_case_suggestion,
        unknown_case_message,
    };

    #[test]
    fn a_list_is_single_tokens_between_commas() {
        let items = |tokens: proc_macro2::TokenStream| {
            let group = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, tokens);
            let items = list_items(&group)?;
            Some(items.iter().map(ToString::to_string).collect::<Vec<_>>())
        };
        let some = |items: &[&str]| Some(items.iter().map(|item| item.to_string()).collect());
        assert_eq!(items(quote::quote!()), some(&[]));
        assert_eq!(items(quote::quote!(axum)), some(&["axum"]));
        assert_eq!(
            items(quote::quote!(axum, "x", 1,)),
            some(&["axum", "\"x\"", "1"])
        );
        assert_eq!(items(quote::quote!((axum))), some(&["(axum)"]));
        for malformed in [
            quote::quote!(,),
            quote::quote!(, axum),
            quote::quote!(axum,, utoipa),
            quote::quote!(axum utoipa),
            quote::quote!(axum = 1),
            quote::quote!(-1),
        ] {
            assert_eq!(items(malformed.clone()), None, "{malformed}");
        }
    }

    #[test]
    fn snake_case_codes() {
        for good in [
            "a",
            "not_found",
            "plan_limit",
            "v2",
            "error_404",
            "a1_b2_c3",
        ] {
            assert!(is_snake_case_code(good), "{good}");
        }
        for bad in [
            "", "_a", "a_", "a__b", "A", "notFound", "1a", "a-b", "a b", "é",
        ] {
            assert!(!is_snake_case_code(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        let keys = ["code", "status", "message", "transparent"];
        assert_eq!(closest("mesage", &keys), Some("message"));
        assert_eq!(closest("stauts", &keys), Some("status"));
        assert_eq!(closest("colour", &keys), None);
        // Of two as near, the first.
        assert_eq!(closest("cat", &["bat", "cab"]), Some("bat"));
        assert_eq!(closest("cat", &["cab", "bat"]), Some("cab"));
    }

    #[test]
    fn snake_case_suggestions() {
        for (written, meant) in [
            ("NotFound", Some("not_found")),
            ("not-found", Some("not_found")),
            ("Not Found", Some("not_found")),
            ("PLAN_LIMIT", Some("plan_limit")),
            ("planLimit2", Some("plan_limit2")),
            ("rate__limited", Some("rate_limited")),
            ("not_found", None),
            ("404", None),
            ("", None),
        ] {
            assert_eq!(
                snake_case_suggestion(written).as_deref(),
                meant,
                "{written}"
            );
        }
    }

    #[test]
    fn case_suggestions() {
        assert!(unknown_case_message("camelcase").contains("did you mean `\"camelCase\"`"));
        assert!(unknown_case_message("kebab").contains("did you mean `\"kebab-case\"`"));
        assert!(unknown_case_message("Pascal_Case").contains("`\"PascalCase\"`"));
        assert!(unknown_case_message("title").contains("expected one of"));
    }

    #[test]
    fn header_names_are_tokens() {
        for good in [
            "Retry-After",
            "x-request-id",
            "X_Legacy",
            "a",
            "!#$%&'*+-.^_`|~09",
        ] {
            assert!(is_token(good), "{good}");
        }
        for bad in [
            "",
            "Retry After",
            "Retry-After:",
            "é",
            "a\tb",
            "(x)",
            "a/b",
            "\"q\"",
        ] {
            assert!(!is_token(bad), "{bad}");
        }
    }

    /// `literal_next` answers as `peek(Lit)` does, for literals of every kind and what
    /// only looks like one.
    #[test]
    fn literal_next_answers_as_peek_does() {
        use syn::parse::{ParseStream, Parser};
        for written in [
            "\"text\"",
            "r#\"raw\"#",
            "b\"bytes\"",
            "'c'",
            "404",
            "404u16",
            "1.5",
            "1e3",
            "-3",
            "-1.5",
            "- 3",
            "-x",
            "-\"text\"",
            "true",
            "false",
            "r#true",
            "True",
            "ident",
            "crate",
            ",",
            "(\"text\")",
            "[1]",
            "",
        ] {
            let tokens: proc_macro2::TokenStream = written.parse().unwrap();
            // Each parser answers, then takes the rest of the input.
            let answer = |question: fn(ParseStream) -> bool| {
                move |input: ParseStream| {
                    let answer = question(input);
                    input.parse::<proc_macro2::TokenStream>()?;
                    Ok(answer)
                }
            };
            let peeked = answer(|input| input.peek(syn::Lit))
                .parse2(tokens.clone())
                .unwrap();
            let ours = answer(literal_next).parse2(tokens).unwrap();
            assert_eq!(ours, peeked, "{written}");
        }
    }
}
