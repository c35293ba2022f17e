//! `source()` and `From` as thiserror gives them.

use std::error::Error as _;
use std::io;

use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum Ours {
    #[certifier(code = "internal_server_error")]
    Marked(#[source] io::Error),
    #[certifier(code = "internal_server_error")]
    Converted(#[from] std::fmt::Error),
    #[certifier(code = "internal_server_error")]
    Named { source: io::Error },
    #[certifier(code = "internal_server_error")]
    Optional {
        #[source]
        cause: Option<io::Error>,
    },
    #[certifier(code = "bad_request", message = "{source}")]
    RawName { r#source: String },
    #[certifier(code = "internal_server_error")]
    Boxed(#[from] Box<dyn std::error::Error + Send + Sync>),
    #[certifier(code = "not_found")]
    NoSource { detail: String },
}

#[test]
fn sources_are_the_marked_or_named_field() {
    let error = Ours::Marked(io::Error::other("marked"));
    assert_eq!(error.source().unwrap().to_string(), "marked");
    let error = Ours::from(std::fmt::Error);
    assert_eq!(
        error.source().unwrap().to_string(),
        std::fmt::Error.to_string()
    );
    let error = Ours::Named {
        source: io::Error::other("named"),
    };
    assert_eq!(error.source().unwrap().to_string(), "named");
    assert!(Ours::Optional { cause: None }.source().is_none());
    let error = Ours::Optional {
        cause: Some(io::Error::other("some")),
    };
    assert_eq!(error.source().unwrap().to_string(), "some");
    // `r#source` opts out, as in thiserror.
    let error = Ours::RawName {
        r#source: "text".into(),
    };
    assert!(error.source().is_none());
    assert_eq!(error.to_string(), "text");
    assert!(Ours::NoSource { detail: "d".into() }.source().is_none());
}

#[test]
fn from_converts_and_keeps_the_chain() {
    let boxed: Box<dyn std::error::Error + Send + Sync> = "boxed".into();
    let error = Ours::from(boxed);
    assert_eq!(error.source().unwrap().to_string(), "boxed");
    fn question_mark() -> Result<(), Ours> {
        Err(std::fmt::Error)?;
        Ok(())
    }
    assert!(matches!(question_mark(), Err(Ours::Converted(_))));
}

#[test]
fn an_optional_from_field_converts_from_the_inner_type() {
    #[derive(Debug, CertifierError)]
    enum Optional {
        #[certifier(code = "internal_server_error")]
        Io {
            #[from]
            source: Option<io::Error>,
        },
    }
    let error = Optional::from(io::Error::other("inner"));
    assert_eq!(error.source().unwrap().to_string(), "inner");
}
