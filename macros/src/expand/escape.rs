//! JSON string escaping at compile time, as `serde_json` escapes at run time.

/// `value` as a JSON string, quotes included.
pub fn push_json_string(out: &mut Vec<u8>, value: &str) {
    out.push(b'"');
    out.extend_from_slice(&json_string_contents(value));
    out.push(b'"');
}

/// `value` escaped as the contents of a JSON string: `"`, `\` and control characters,
/// with `serde_json`'s short forms.
pub fn json_string_contents(value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len());
    for &byte in value.as_bytes() {
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0a => out.extend_from_slice(b"\\n"),
            0x0c => out.extend_from_slice(b"\\f"),
            0x0d => out.extend_from_slice(b"\\r"),
            0x00..=0x1f => {
                out.extend_from_slice(format!("\\u{byte:04x}").as_bytes());
            }
            _ => out.push(byte),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::json_string_contents;

    #[test]
    fn escapes_like_serde_json() {
        assert_eq!(
            json_string_contents("a\"b\\c\u{8}\u{9}\n\u{c}\r\u{1}\u{1f}é\u{7f}"),
            b"a\\\"b\\\\c\\b\\t\\n\\f\\r\\u0001\\u001f\xc3\xa9\x7f"
        );
    }
}
