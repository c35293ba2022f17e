//! Feature `garde`: a `garde::Report` as [`Violations`].

use alloc::string::ToString;
use alloc::vec::Vec;

use garde::error::Kind;
use garde::Report;

use super::{bounded_text, sorted_by_path, Token, Violation, Violations};

/// One violation per failed rule, with the pointer of its member (nested structs and
/// list indexes included; garde's keyless steps, such as the inside of an `Option`, add
/// nothing), sorted by pointer (list indexes in numeric order); a member's rules keep
/// the report's order.
///
/// A garde report carries a message but no code: every item's code is `invalid`, and
/// its message is garde's (localised where the API installs garde's `I18n`), cut to 200
/// characters.
///
/// ```
/// use certifier_error::Violations;
/// use garde::{Error, Path, Report};
///
/// let mut report = Report::new();
/// report.append(Path::new("domains").join(1), Error::new("length is lower than 3"));
/// let violations = Violations::from(report);
/// let item = &violations.as_slice()[0];
/// assert_eq!((item.code(), item.pointer()), ("invalid", Some("/domains/1")));
/// assert_eq!(item.message(), "length is lower than 3");
/// ```
impl From<Report> for Violations {
    fn from(report: Report) -> Self {
        let found = report
            .iter()
            .map(|(path, error)| {
                // garde lists the components from the innermost out.
                let tokens: Vec<Token> = path
                    .__iter()
                    .rev()
                    .filter_map(|(kind, component)| match kind {
                        Kind::None => None,
                        Kind::Index => Some(match component.parse() {
                            Ok(index) => Token::Index(index),
                            Err(_) => Token::Key(component.to_string()),
                        }),
                        Kind::Key => Some(Token::Key(component.to_string())),
                    })
                    .collect();
                let violation = Violation::at_path("invalid", &tokens)
                    .with_message(bounded_text(error.message().to_string()));
                (tokens, violation)
            })
            .collect();
        sorted_by_path(found)
    }
}
