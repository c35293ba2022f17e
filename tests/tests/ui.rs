//! The compile-fail suite: every misuse of the derive is one precise error, at the
//! offending token. Regenerate the expected output with
//! `TRYBUILD=overwrite cargo test -p certifier-error-tests --test ui`.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*/*.rs");
    cases.pass("ui/accepted.rs");
}
