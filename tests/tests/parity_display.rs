//! Display and format specs as thiserror writes them: each message is compared with
//! thiserror's for the same template and fields.

use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum Ours {
    #[certifier(
        code = "bad_request",
        message = "[{n:>5}] [{n:<5}] [{n:^5}] [{n:05}] [{n:+}]"
    )]
    Aligned { n: i32 },
    #[certifier(
        code = "bad_request",
        message = "{v:#x} {v:x} {v:X} {v:#o} {v:#b} {v:e} {v:E}"
    )]
    Radix { v: u32 },
    #[certifier(
        code = "bad_request",
        message = "[{v:w$}] [{v:>w$}] [{f:.p$}] [{f:8.3}]"
    )]
    Counts { v: u32, w: usize, f: f64, p: usize },
    #[certifier(code = "bad_request", message = "{id:?} {id:#?} {{literal}} }}{{")]
    Debug { id: (u8, &'static str) },
    #[certifier(code = "bad_request", message = "{0} {1:?} {0}")]
    Tuple(&'static str, Option<u8>),
    #[certifier(code = "bad_request", message = "{type} {fn:>4}")]
    Raw { r#type: &'static str, r#fn: u8 },
}

#[derive(Debug, thiserror::Error)]
enum Theirs {
    #[error("[{n:>5}] [{n:<5}] [{n:^5}] [{n:05}] [{n:+}]")]
    Aligned { n: i32 },
    #[error("{v:#x} {v:x} {v:X} {v:#o} {v:#b} {v:e} {v:E}")]
    Radix { v: u32 },
    #[error("[{v:w$}] [{v:>w$}] [{f:.p$}] [{f:8.3}]")]
    Counts { v: u32, w: usize, f: f64, p: usize },
    #[error("{id:?} {id:#?} {{literal}} }}{{")]
    Debug { id: (u8, &'static str) },
    #[error("{0} {1:?} {0}")]
    Tuple(&'static str, Option<u8>),
    #[error("{type} {fn:>4}")]
    Raw { r#type: &'static str, r#fn: u8 },
}

#[test]
fn format_specs_match_thiserror() {
    let pairs = [
        (Ours::Aligned { n: 42 }, Theirs::Aligned { n: 42 }),
        (Ours::Radix { v: 255 }, Theirs::Radix { v: 255 }),
        (
            Ours::Counts {
                v: 7,
                w: 4,
                f: 1.23456,
                p: 2,
            },
            Theirs::Counts {
                v: 7,
                w: 4,
                f: 1.23456,
                p: 2,
            },
        ),
        (
            Ours::Debug { id: (1, "a\"b") },
            Theirs::Debug { id: (1, "a\"b") },
        ),
        (Ours::Tuple("x", Some(3)), Theirs::Tuple("x", Some(3))),
        (
            Ours::Raw {
                r#type: "t",
                r#fn: 5,
            },
            Theirs::Raw {
                r#type: "t",
                r#fn: 5,
            },
        ),
    ];
    for (ours, theirs) in pairs {
        assert_eq!(ours.to_string(), theirs.to_string());
        // The envelope carries the same text.
        let body: serde_json::Value = serde_json::from_str(&ours.to_json().unwrap()).unwrap();
        assert_eq!(body["error"]["message"], theirs.to_string());
    }
    assert_eq!(
        Ours::Aligned { n: 42 }.to_string(),
        "[   42] [42   ] [ 42  ] [00042] [+42]"
    );
    assert_eq!(
        Ours::Radix { v: 255 }.to_string(),
        "0xff ff FF 0o377 0b11111111 2.55e2 2.55E2"
    );
}

#[test]
fn constants_in_screaming_case_are_captured() {
    const MSG: &str = "failed to do";
    const CODE: usize = 9;

    #[derive(Debug, CertifierError)]
    enum Captured {
        #[certifier(code = "bad_request", message = "{MSG}: {id:?} (code {CODE:?})")]
        Named { id: &'static str },
        #[certifier(code = "bad_request", message = "{MSG} {0} {CODE:>3}")]
        Tuple(u8),
        #[certifier(code = "conflict", message = "{MSG}")]
        Unit,
    }

    #[derive(Debug, thiserror::Error)]
    #[error("{MSG}: {id:?} (code {CODE:?})")]
    struct Theirs {
        id: &'static str,
    }

    let error = Captured::Named { id: "" };
    assert_eq!(error.to_string(), Theirs { id: "" }.to_string());
    assert_eq!(error.to_string(), "failed to do: \"\" (code 9)");
    assert_eq!(
        error.to_json().unwrap(),
        serde_json::to_string(&error).unwrap()
    );
    assert_eq!(Captured::Tuple(1).to_string(), "failed to do 1   9");
    assert_eq!(
        Captured::Unit.to_json().unwrap(),
        r#"{"error":{"code":"conflict","message":"failed to do"}}"#
    );
}

#[test]
fn a_path_shows_as_its_display() {
    use std::path::{Path, PathBuf};

    #[derive(Debug, CertifierError)]
    enum Paths<'a> {
        #[certifier(code = "not_found", message = "failed to read '{file}'")]
        Owned { file: PathBuf },
        #[certifier(code = "not_found", message = "failed to read '{0}'")]
        Borrowed(&'a Path),
        #[certifier(code = "not_found", message = "failed to read '{0}' ({0:?})")]
        Boxed(Box<Path>),
        #[certifier(code = "not_found", message = "[{0:>12}] {1}")]
        Qualified(std::path::PathBuf, std::borrow::Cow<'a, Path>),
        #[certifier(code = "not_found", message("{}", .0.as_deref().unwrap_or(Path::new("-")).display()))]
        Optional(Option<PathBuf>),
    }

    #[derive(Debug, thiserror::Error)]
    enum Theirs {
        #[error("failed to read '{file}'")]
        Owned { file: PathBuf },
        #[error("failed to read '{0}' ({0:?})")]
        Boxed(Box<Path>),
    }

    let path = Path::new("/certs/a.pem");
    let owned = Paths::Owned {
        file: path.to_owned(),
    };
    assert_eq!(owned.to_string(), "failed to read '/certs/a.pem'");
    assert_eq!(
        owned.to_string(),
        Theirs::Owned {
            file: path.to_owned()
        }
        .to_string()
    );
    assert_eq!(
        owned.to_json().unwrap(),
        serde_json::to_string(&owned).unwrap()
    );
    assert_eq!(
        Paths::Borrowed(path).to_string(),
        "failed to read '/certs/a.pem'"
    );
    let boxed = Paths::Boxed(path.into());
    assert_eq!(boxed.to_string(), Theirs::Boxed(path.into()).to_string());
    assert_eq!(
        Paths::Qualified("/x".into(), path.into()).to_string(),
        "[          /x] /certs/a.pem"
    );
    assert_eq!(Paths::Optional(None).to_string(), "-");
    assert_eq!(
        Paths::Optional(Some(path.into())).to_string(),
        "/certs/a.pem"
    );
}
