//! Every compile-fail case of `tests/ui`, run through the pipeline in process: each error
//! the derive reports is in the case's `.stderr` snapshot with the same position, and each
//! error of a snapshot without a rustc error code (`error[E0277]`) is one the derive
//! reports. The snapshots
//! themselves are checked against rustc by `tests/tests/ui.rs`; this test pins the same
//! diagnostics at the speed of a unit test, which is what mutation testing runs.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use syn::visit::Visit;

/// An error as a snapshot shows it: the first line of its message, and where it points.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Diagnostic {
    message: String,
    line: usize,
    column: usize,
}

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/ui")
}

fn cases(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("the compile-fail cases are in tests/ui") {
        let path = entry.unwrap().path();
        if path.is_dir() {
            cases(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// The derive inputs of a file: every struct and enum deriving `CertifierError`, at any
/// depth.
#[derive(Default)]
struct Derives(Vec<syn::DeriveInput>);

fn derives_certifier_error(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("derive")
            && attr
                .meta
                .require_list()
                .is_ok_and(|list| list.tokens.to_string().contains("CertifierError"))
    })
}

impl Visit<'_> for Derives {
    fn visit_item_struct(&mut self, item: &syn::ItemStruct) {
        if derives_certifier_error(&item.attrs) {
            self.0.push(item.clone().into());
        }
    }
    fn visit_item_enum(&mut self, item: &syn::ItemEnum) {
        if derives_certifier_error(&item.attrs) {
            self.0.push(item.clone().into());
        }
    }
    fn visit_item_union(&mut self, item: &syn::ItemUnion) {
        if derives_certifier_error(&item.attrs) {
            self.0.push(item.clone().into());
        }
    }
}

/// The errors in the derive's output: each `compile_error!` with its first token's
/// position, as rustc reports it (lines from 1, columns from 1).
fn reported(tokens: TokenStream, found: &mut Vec<Diagnostic>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (index, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(ident) if ident == "compile_error" => {
                let Some(TokenTree::Group(group)) = tokens.get(index + 2) else {
                    continue;
                };
                let literal: syn::LitStr = syn::parse2(group.stream()).unwrap();
                // Every token of `::core::compile_error!` has the error's start span.
                let start = ident.span().start();
                found.push(Diagnostic {
                    message: literal.value().lines().next().unwrap_or("").to_string(),
                    line: start.line,
                    column: start.column + 1,
                });
            }
            TokenTree::Group(group) => reported(group.stream(), found),
            _ => {}
        }
    }
}

/// The errors of a snapshot that have no rustc error code, as `error: ...` then
/// ` --> path:line:column`.
fn snapshot(text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(message) = line.strip_prefix("error: ") else {
            continue;
        };
        if message.starts_with("aborting due to") || message.starts_with("could not compile") {
            continue;
        }
        let Some(location) = lines
            .next()
            .and_then(|next| next.trim().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = location.rsplitn(3, ':');
        let column = parts.next().unwrap().parse().unwrap();
        let line = parts.next().unwrap().parse().unwrap();
        found.push(Diagnostic {
            message: message.to_string(),
            line,
            column,
        });
    }
    found
}

#[test]
fn the_derive_reports_what_the_snapshots_show() {
    let mut files = Vec::new();
    cases(&ui_dir(), &mut files);
    files.sort();
    assert!(files.len() > 100, "{} cases", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let source = fs::read_to_string(file).unwrap();
        let parsed =
            syn::parse_file(&source).unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        let mut derives = Derives::default();
        derives.visit_file(&parsed);
        let mut produced = Vec::new();
        for input in &derives.0 {
            reported(
                crate::derive(input, crate::Emit { translations: true }),
                &mut produced,
            );
        }
        let stderr = file.with_extension("stderr");
        let expected =
            fs::read_to_string(&stderr).map_or_else(|_| Vec::new(), |text| snapshot(&text));
        let mut left: BTreeMap<&Diagnostic, usize> = BTreeMap::new();
        for diagnostic in &expected {
            *left.entry(diagnostic).or_default() += 1;
        }
        for diagnostic in &produced {
            match left.get_mut(diagnostic) {
                Some(count) if *count > 0 => *count -= 1,
                _ => failures.push(format!(
                    "{}: reported but not in the snapshot: {diagnostic:?}",
                    file.display()
                )),
            }
        }
        for (diagnostic, count) in left {
            if count > 0 {
                failures.push(format!(
                    "{}: in the snapshot but not reported: {diagnostic:?}",
                    file.display()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
