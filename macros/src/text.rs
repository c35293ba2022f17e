//! Finding and replacing one string in another, written out. `str`'s own methods are
//! generic over the pattern, and a string pattern compiles a whole searcher into the
//! macro; the texts here are a few words long.

/// The byte position of the first `needle` in `text`. A needle starts with the first
/// byte of a character, which no other byte of a character equals, so comparing bytes
/// at every position finds only whole characters.
pub fn find(text: &str, needle: &str) -> Option<usize> {
    let (text, needle) = (text.as_bytes(), needle.as_bytes());
    let mut at = 0;
    while at + needle.len() <= text.len() {
        if &text[at..at + needle.len()] == needle {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// `text` with each `from` replaced by `to`, left to right, as `str::replace`. `from`
/// is not empty.
pub fn replace(text: &str, from: &str, to: &str) -> String {
    assert!(!from.is_empty(), "a replaced text is not empty");
    let mut replaced = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = find(rest, from) {
        replaced.push_str(&rest[..at]);
        replaced.push_str(to);
        rest = &rest[at + from.len()..];
    }
    replaced.push_str(rest);
    replaced
}

#[cfg(test)]
mod tests {
    use super::{find, replace};

    #[test]
    fn finds_and_replaces_as_the_standard_library_does() {
        let cases = [
            ("", "{code}"),
            ("{code}", "{code}"),
            ("see /errors/{code}#{code}", "{code}"),
            ("{{{", "{{"),
            ("é_{{é}}_é", "é"),
            ("a_b-c", "_"),
            ("'a", " "),
            ("{cod", "{code}"),
        ];
        for (text, needle) in cases {
            assert_eq!(find(text, needle), text.find(needle), "{text:?} {needle:?}");
            assert_eq!(replace(text, needle, "X"), text.replace(needle, "X"));
            assert_eq!(replace(text, needle, ""), text.replace(needle, ""));
        }
    }
}
