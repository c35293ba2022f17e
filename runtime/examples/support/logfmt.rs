//! A reader of `key=value` log lines, as log collectors' logfmt parsers read them: the
//! tests read the examples' log back with it, as an operator's tools would.

/// Texts a client can put in a message, each trying to add a field, break the line or
/// disguise it: the forged fields of a path segment, a backslash before an `n` and a
/// real line break (which must not log alike), a CR, an ANSI colour, the Unicode line
/// separator, bidirectional controls, and a quote that tries to close the value early.
pub const HOSTILE: &[&str] = &[
    "x`. status=200 code=ok request_id=FORGED10",
    "x\\n",
    "x\n",
    "a\rb",
    "\u{1b}[31mred\u{1b}[0m",
    "a\u{2028}b",
    "\u{202e}txt.exe\u{202c} \u{2067}x\u{2069}",
    "x\" status=200 y=\"",
];

/// The `key=value` pairs of `line`, in order. A value is bare (up to the next space) or
/// quoted, its `\"`, `\\`, `\n`, `\r`, `\t` and `\u{..}` escapes undone. Words without
/// `=` (the time, the level, the target, the message) are skipped. Panics on a quoted
/// value that is not closed or holds an unknown escape: the line is not logfmt.
pub fn pairs(line: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.next_if_eq(&' ').is_some() {}
        if chars.peek().is_none() {
            return pairs;
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|c| *c != ' ' && *c != '=') {
            key.push(c);
        }
        if chars.next_if_eq(&'=').is_none() {
            continue;
        }
        let value = if chars.next_if_eq(&'"').is_some() {
            quoted(&mut chars, line)
        } else {
            let mut value = String::new();
            while let Some(c) = chars.next_if(|c| *c != ' ') {
                value.push(c);
            }
            value
        };
        pairs.push((key, value));
    }
}

/// The values of `key` in `pairs`.
pub fn values<'a>(pairs: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(name, _)| name == key)
        .map(|(_, value)| value.as_str())
        .collect()
}

/// A quoted value after its opening quote, up to and including the closing one.
fn quoted(chars: &mut impl Iterator<Item = char>, line: &str) -> String {
    let mut value = String::new();
    loop {
        match chars.next() {
            Some('"') => return value,
            Some('\\') => match chars.next() {
                Some('"') => value.push('"'),
                Some('\\') => value.push('\\'),
                Some('n') => value.push('\n'),
                Some('r') => value.push('\r'),
                Some('t') => value.push('\t'),
                Some('u') => {
                    assert_eq!(chars.next(), Some('{'), "a bad escape in {line:?}");
                    let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                    let code = u32::from_str_radix(&hex, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or_else(|| panic!("a bad escape in {line:?}"));
                    value.push(code);
                }
                other => panic!("an unknown escape {other:?} in {line:?}"),
            },
            Some(c) => value.push(c),
            None => panic!("a quoted value that is not closed in {line:?}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{pairs, values};

    #[test]
    fn bare_and_quoted_values_are_read() {
        let line = r#"2026-01-01T00:00:00Z DEBUG certifier_error: error response status=404 code="not_found" public_message="a \"b\" c=d \\n \n \u{202e}" empty="""#;
        let read = pairs(line);
        assert_eq!(values(&read, "status"), ["404"]);
        assert_eq!(values(&read, "code"), ["not_found"]);
        assert_eq!(
            values(&read, "public_message"),
            ["a \"b\" c=d \\n \n \u{202e}"]
        );
        assert_eq!(values(&read, "empty"), [""]);
        // Unquoted text with spaces and `=` adds keys: what quoting prevents.
        let read = pairs("public_message=No id `x`. status=200 request_id=FORGED");
        assert_eq!(values(&read, "public_message"), ["No"]);
        assert_eq!(values(&read, "status"), ["200"]);
    }
}
