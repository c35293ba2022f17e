//! The whole pipeline over random derive inputs, valid and not: it never panics, and an
//! input it refuses gets spanned errors (beside the stub impls), never nothing.

use proptest::prelude::*;

/// Everything the derive can emit.
const ALL: crate::Emit = crate::Emit { translations: true };

/// The derive's output for `source`, an enum or struct as written.
fn expand(source: &str, emit: crate::Emit) -> String {
    let input: syn::DeriveInput = syn::parse_str(source).unwrap();
    crate::derive(&input, emit).to_string()
}

const CONTAINER_ATTRS: &[&str] = &[
    "",
    "#[certifier(rename_all = \"camelCase\")]",
    "#[certifier(rename_all = \"bogus\")]",
    "#[certifier(crate = \"::certifier_error\")]",
    "#[certifier(doc_url = \"https://example.com/{code}\")]",
    "#[certifier(skip_display)]",
    "#[certifier(skip_display = 1)]",
    "#[error(\"thiserror text\")]",
    "#[certifier]",
    "#[certifier()]",
    "#[certifier(code = \"not_found\")]",
    "#[certifier(unknown)]",
    "#[deprecated]",
];

const CODES: &[&str] = &[
    "",
    "code = \"not_found\", ",
    "code = \"internal_server_error\", ",
    "code = \"plan_limit\", ",
    "code = \"NotFound\", ",
    "code = 3, ",
    "code = \"\", ",
];

const STATUSES: &[&str] = &[
    "",
    "status = 404, ",
    "status = 503, ",
    "status = 402, ",
    "status = 200, ",
    "status = \"404\", ",
    "status = 70000, ",
];

const MESSAGES: &[&str] = &[
    "",
    "message = \"Plain text.\", ",
    "message = \"{0} and {1}\", ",
    "message = \"{name} is {value:?}\", ",
    "message = \"{source}\", ",
    "message = \"{}\", ",
    "message = \"{value:>width$}\", ",
    "message = \"{ptr:p}\", ",
    "message = \"{{ {\", ",
    "message = \"}\", ",
    "message(\"{} of {n}\", .0, n = .1), ",
    "message(\"{} of {n}\", .name.len(), n = .value), ",
    "message(\"{}\", .missing), ",
    "message(\"unused\", .name), ",
    "message(3), ",
    "message = \"x\", message(\"y\"), ",
];

const VARIANT_FLAGS: &[&str] = &[
    "",
    "transparent, ",
    "allow_source_in_message, ",
    "extend, ",
    "rename_all = \"kebab-case\", ",
    "mystery = 1, ",
    "log = \"warn\", ",
];

const FIELD_TYPES: &[&str] = &[
    "u32",
    "String",
    "Option<u32>",
    "std::io::Error",
    "Option<std::io::Error>",
    "Box<i32>",
    "T",
    "certifier_error::StandardError",
    "&'static str",
    "Vec<T>",
];

const FIELD_ATTRS: &[&str] = &[
    "",
    "#[certifier(extend)]",
    "#[certifier(extend, rename = \"code\")]",
    "#[certifier(extend, rename = \"x\")]",
    "#[certifier(flatten)]",
    "#[certifier(extend, flatten)]",
    "#[certifier(header = \"Retry-After\")]",
    "#[certifier(header = \"bad header\")]",
    "#[certifier(header = \"content-type\")]",
    "#[source]",
    "#[from]",
    "#[from(x)]",
    "#[certifier(rename = \"y\")]",
    "#[certifier(code = \"x\")]",
    "#[deprecated]",
];

const FIELD_NAMES: &[&str] = &[
    "name", "value", "source", "r#source", "r#type", "ptr", "width",
];

#[derive(Debug, Clone)]
struct Field {
    name: usize,
    ty: usize,
    attr: usize,
}

#[derive(Debug, Clone)]
struct Variant {
    code: usize,
    status: usize,
    message: usize,
    flag: usize,
    named: bool,
    fields: Vec<Field>,
}

#[derive(Debug, Clone)]
struct Input {
    kind: u8,
    generic: bool,
    container: Vec<usize>,
    variants: Vec<Variant>,
}

fn field() -> impl Strategy<Value = Field> {
    (
        0..FIELD_NAMES.len(),
        0..FIELD_TYPES.len(),
        0..FIELD_ATTRS.len(),
    )
        .prop_map(|(name, ty, attr)| Field { name, ty, attr })
}

fn variant() -> impl Strategy<Value = Variant> {
    (
        0..CODES.len(),
        0..STATUSES.len(),
        0..MESSAGES.len(),
        0..VARIANT_FLAGS.len(),
        any::<bool>(),
        proptest::collection::vec(field(), 0..4),
    )
        .prop_map(|(code, status, message, flag, named, fields)| Variant {
            code,
            status,
            message,
            flag,
            named,
            fields,
        })
}

fn input() -> impl Strategy<Value = Input> {
    (
        0u8..10,
        any::<bool>(),
        proptest::collection::vec(0..CONTAINER_ATTRS.len(), 0..3),
        proptest::collection::vec(variant(), 0..4),
    )
        .prop_map(|(kind, generic, container, variants)| Input {
            kind,
            generic,
            container,
            variants,
        })
}

fn fields_source(variant: &Variant) -> String {
    if variant.fields.is_empty() {
        return String::new();
    }
    let mut seen = Vec::new();
    let fields: Vec<String> = variant
        .fields
        .iter()
        .map(|field| {
            let attr = FIELD_ATTRS[field.attr];
            let ty = FIELD_TYPES[field.ty];
            if variant.named {
                // Field names must be distinct for the input to parse as Rust.
                let mut name = FIELD_NAMES[field.name].to_owned();
                while seen.contains(&name) {
                    name.push('_');
                }
                seen.push(name.clone());
                format!("{attr} {name}: {ty}")
            } else {
                format!("{attr} {ty}")
            }
        })
        .collect();
    if variant.named {
        format!(" {{ {} }}", fields.join(", "))
    } else {
        format!("({})", fields.join(", "))
    }
}

fn variant_attr(variant: &Variant) -> String {
    let keys = format!(
        "{}{}{}{}",
        CODES[variant.code],
        STATUSES[variant.status],
        MESSAGES[variant.message],
        VARIANT_FLAGS[variant.flag]
    );
    if keys.is_empty() {
        String::new()
    } else {
        format!("#[certifier({})]", keys.trim_end_matches(", "))
    }
}

fn source(input: &Input) -> String {
    let container: String = input
        .container
        .iter()
        .map(|index| CONTAINER_ATTRS[*index])
        .collect();
    let generics = if input.generic { "<T>" } else { "" };
    match input.kind {
        0 => format!("{container} union U{generics} {{ a: u32 }}"),
        1..=3 => {
            let variant = input.variants.first().cloned().unwrap_or(Variant {
                code: 1,
                status: 0,
                message: 0,
                flag: 0,
                named: true,
                fields: Vec::new(),
            });
            let body = fields_source(&variant);
            let body = if body.is_empty() {
                ";".to_owned()
            } else if variant.named {
                body
            } else {
                format!("{body};")
            };
            format!(
                "{container} {} struct S{generics}{body}",
                variant_attr(&variant)
            )
        }
        _ => {
            let variants: Vec<String> = input
                .variants
                .iter()
                .enumerate()
                .map(|(index, variant)| {
                    format!(
                        "{} V{index}{}",
                        variant_attr(variant),
                        fields_source(variant)
                    )
                })
                .collect();
            format!("{container} enum E{generics} {{ {} }}", variants.join(", "))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PIPELINE_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(512),
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_pipeline_never_panics(input in input()) {
        let text = source(&input);
        let derive_input: syn::DeriveInput = syn::parse_str(&text)
            .unwrap_or_else(|error| panic!("the generator wrote invalid Rust: {error}\n{text}"));
        let output = std::panic::catch_unwind(|| crate::derive(&derive_input, ALL).to_string());
        let output = match output {
            Ok(output) => output,
            Err(_) => panic!("the pipeline panicked on:\n{text}"),
        };
        prop_assert!(!output.is_empty(), "no output for:\n{text}");
        // Every outcome is code: the output is a well-formed token stream.
        prop_assert!(output.parse::<proc_macro2::TokenStream>().is_ok());
    }
}

#[test]
fn an_invalid_input_gets_errors_and_stubs() {
    let output = expand(
        "#[certifier(bogus)] enum E { #[certifier(code = \"NotFound\")] A }",
        ALL,
    );
    assert!(output.contains("compile_error"), "{output}");
    assert!(output.contains("unknown key `bogus`"), "{output}");
    // The stubs every type has come from the runtime's relay.
    assert!(output.contains("__private :: stubs !"), "{output}");
    assert!(output.contains("for [E]"), "{output}");
}

#[test]
fn a_valid_input_gets_code_and_no_errors() {
    let output = expand(
        "enum E { #[certifier(code = \"plan_limit\", status = 402, message(\"{} of {max}\", .a, max = .b))] A { a: u32, b: u32 } }",
        ALL,
    );
    assert!(!output.contains("compile_error"), "{output}");
    assert!(output.contains("write !"), "{output}");
}

/// The generator reaches both outcomes often enough for the property to mean something.
#[test]
fn the_generator_makes_valid_and_invalid_inputs() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    let mut runner = TestRunner::deterministic();
    let strategy = input();
    let (mut valid, mut invalid) = (0, 0);
    for _ in 0..2000 {
        let input = strategy.new_tree(&mut runner).unwrap().current();
        if expand(&source(&input), ALL).contains("compile_error") {
            invalid += 1;
        } else {
            valid += 1;
        }
    }
    eprintln!("{valid} valid, {invalid} invalid inputs");
    assert!(
        valid >= 100 && invalid >= 100,
        "{valid} valid, {invalid} invalid"
    );
}

/// `translatable` is written only for the entry point the runtime's `fluent` feature
/// re-exports, and nothing else differs.
#[test]
fn translatable_is_written_only_when_asked() {
    let source =
        "enum E { #[certifier(code = \"plan_limit\", status = 402, message = \"{a} left\")] A { a: u32 } }";
    let with = expand(source, ALL);
    let without = expand(
        source,
        crate::Emit {
            translations: false,
        },
    );
    assert!(with.contains("fn translatable"), "{with}");
    assert!(!without.contains("translatable"), "{without}");
    // Cutting the method out of the full output leaves exactly the other output.
    let start = with
        .find("# [doc (hidden)] fn translatable")
        .expect("the method");
    let method_len = with.len() - without.len();
    assert_eq!(
        with[..start].to_owned() + &with[start + method_len..],
        without
    );
}

/// A name repeated a third time is reported against the one just before it.
#[test]
fn a_repeat_names_the_one_before() {
    let cases = [
        (
            "enum E { #[certifier(code = \"a_b\", status = 400, message = \"m\")] \
             V { #[certifier(extend, rename = \"x\")] a: u8, #[certifier(extend, rename = \"x\")] b: u8, \
             #[certifier(extend, rename = \"x\")] c: u8 } }",
            "already written by field `b`",
        ),
        (
            "enum E { #[certifier(code = \"a_b\", status = 400, message = \"m\", header(\"X\", \"1\"))] \
             V { #[certifier(header = \"X\")] a: u8, #[certifier(header = \"X\")] b: u8 } }",
            "the `X` header is already set by another field of `V`",
        ),
        (
            "enum E { #[certifier(code = \"not_found\")] A(#[from] std::fmt::Error), \
             #[certifier(code = \"not_found\")] B(#[from] std::fmt::Error), \
             #[certifier(code = \"not_found\")] C(#[from] std::fmt::Error) }",
            "`B` already has `#[from]`",
        ),
    ];
    for (source, expected) in cases {
        let output = expand(source, ALL);
        assert!(output.contains(expected), "{expected}\n{output}");
    }
}
