//! `Accept` negotiation (RFC 9110): which of two media types a client prefers. The
//! problem details of the envelope layers and the error reference both choose by it.

/// A media type, `type/subtype`, compared without regard to case.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MediaType {
    kind: &'static [u8],
    subtype: &'static [u8],
}

/// `application/json`: the envelope, the catalogue as JSON.
pub(crate) const JSON: MediaType = MediaType {
    kind: b"application",
    subtype: b"json",
};

/// `application/problem+json`: RFC 9457 problem details.
pub(crate) const PROBLEM_JSON: MediaType = MediaType {
    kind: b"application",
    subtype: b"problem+json",
};

/// `text/html`: the error reference's pages.
pub(crate) const HTML: MediaType = MediaType {
    kind: b"text",
    subtype: b"html",
};

/// Whether the `Accept` header fields `values` prefer `wanted` to `other`: the quality
/// the most specific matching range gives `wanted` is higher than the one it gives
/// `other`. Without an `Accept`, with `*/*`, or with both at one quality, `other` stays.
///
/// Ranges are read as RFC 9110 writes them (`type/subtype`, parameters, `q` between 0
/// and 1 with at most three decimals); a range that does not parse is skipped. A range
/// with parameters other than `q` is more specific than one without, and matches only
/// when they are `charset=utf-8`, the only charset the crate's bodies have. The time
/// taken is linear in the header's length, and nothing is allocated.
pub(crate) fn prefers<'a>(
    values: impl IntoIterator<Item = &'a [u8]>,
    wanted: MediaType,
    other: MediaType,
) -> bool {
    let mut first = Preference::NONE;
    let mut second = Preference::NONE;
    let mut any_range = false;
    for value in values {
        for range in split_outside_quotes(value, b',') {
            let Some(range) = MediaRange::parse(range) else {
                continue;
            };
            any_range = true;
            first.consider(&range, wanted);
            second.consider(&range, other);
        }
    }
    any_range && first.quality > second.quality
}

/// The quality the most specific range so far gives one media type.
#[derive(Debug, Clone, Copy)]
struct Preference {
    /// 0 when no range matched; 1 `*/*`, 2 `type/*`, 3 the type, 4 the type with
    /// parameters.
    specificity: u8,
    /// Thousandths.
    quality: u16,
}

impl Preference {
    const NONE: Preference = Preference {
        specificity: 0,
        quality: 0,
    };

    /// Takes `range` into account for `media`.
    fn consider(&mut self, range: &MediaRange<'_>, media: MediaType) {
        let specificity = match (range.kind, range.subtype) {
            (b"*", b"*") => 1,
            (kind, b"*") if kind.eq_ignore_ascii_case(media.kind) => 2,
            (kind, sub)
                if kind.eq_ignore_ascii_case(media.kind)
                    && sub.eq_ignore_ascii_case(media.subtype) =>
            {
                match range.parameters {
                    Parameters::None => 3,
                    Parameters::Utf8 => 4,
                    Parameters::Other => return,
                }
            }
            _ => return,
        };
        // Of two equally specific ranges, the first counts.
        if specificity > self.specificity {
            *self = Preference {
                specificity,
                quality: range.quality,
            };
        }
    }
}

/// One media range of an `Accept` header.
#[derive(Debug)]
struct MediaRange<'a> {
    kind: &'a [u8],
    subtype: &'a [u8],
    parameters: Parameters,
    quality: u16,
}

/// The parameters of a media range, other than `q` and what follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parameters {
    None,
    /// Only `charset=utf-8`, which every JSON body has.
    Utf8,
    Other,
}

impl<'a> MediaRange<'a> {
    fn parse(text: &'a [u8]) -> Option<Self> {
        let mut pieces = split_outside_quotes(text, b';');
        let media = trim(pieces.next()?);
        let slash = media.iter().position(|&byte| byte == b'/')?;
        let (kind, subtype) = (&media[..slash], &media[slash + 1..]);
        if !is_token(kind) || !is_token(subtype) || (kind == b"*" && subtype != b"*") {
            return None;
        }
        let mut parameters = Parameters::None;
        let mut quality = 1000;
        for parameter in pieces {
            let parameter = trim(parameter);
            let equals = parameter.iter().position(|&byte| byte == b'=')?;
            let name = trim(&parameter[..equals]);
            let value = trim(&parameter[equals + 1..]);
            if !is_token(name) {
                return None;
            }
            if name.eq_ignore_ascii_case(b"q") {
                quality = parse_quality(value)?;
                // What follows `q` are accept-extensions, not media type parameters.
                break;
            }
            let value = unquote(value)?;
            parameters = if name.eq_ignore_ascii_case(b"charset")
                && value.eq_ignore_ascii_case(b"utf-8")
                && parameters != Parameters::Other
            {
                Parameters::Utf8
            } else {
                Parameters::Other
            };
        }
        Some(MediaRange {
            kind,
            subtype,
            parameters,
            quality,
        })
    }
}

/// A `qvalue` in thousandths: `0`, `0.5`, `1.000`; `None` for anything else.
fn parse_quality(text: &[u8]) -> Option<u16> {
    let (&first, rest) = text.split_first()?;
    let decimals = match rest {
        [] => &[][..],
        [b'.', decimals @ ..] if decimals.len() <= 3 => decimals,
        _ => return None,
    };
    let mut thousandths = match first {
        b'0' => 0,
        b'1' => 1000,
        _ => return None,
    };
    let mut scale = 100;
    for &digit in decimals {
        if !digit.is_ascii_digit() || (first == b'1' && digit != b'0') {
            return None;
        }
        thousandths += u16::from(digit - b'0') * scale;
        scale /= 10;
    }
    Some(thousandths)
}

/// The text of a parameter value: a token, or a quoted string without its quotes
/// (escapes left in place: only `utf-8` is ever compared).
fn unquote(value: &[u8]) -> Option<&[u8]> {
    match value {
        [b'"', inner @ .., b'"'] => Some(inner),
        _ if is_token(value) => Some(value),
        _ => None,
    }
}

/// RFC 9110's `token`.
fn is_token(text: &[u8]) -> bool {
    !text.is_empty() && text.iter().all(|&byte| TOKEN[usize::from(byte)])
}

/// Which bytes a `token` may hold.
const TOKEN: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let c = byte as u8;
        table[byte] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#'
                    | b'$'
                    | b'%'
                    | b'&'
                    | b'\''
                    | b'*'
                    | b'+'
                    | b'-'
                    | b'.'
                    | b'^'
                    | b'_'
                    | b'`'
                    | b'|'
                    | b'~'
            );
        byte += 1;
    }
    table
};

fn trim(text: &[u8]) -> &[u8] {
    let start = text.iter().position(|&byte| byte != b' ' && byte != b'\t');
    let end = text.iter().rposition(|&byte| byte != b' ' && byte != b'\t');
    match (start, end) {
        (Some(start), Some(end)) => &text[start..=end],
        _ => &[],
    }
}

/// The pieces of `text` between the `separator`s that are not inside a quoted string.
fn split_outside_quotes(text: &[u8], separator: u8) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let text = rest?;
        let mut at = 0;
        loop {
            // Most ranges hold no quotes: jump to the next byte that matters.
            let Some(next) = text[at..]
                .iter()
                .position(|&byte| byte == separator || byte == b'"')
            else {
                rest = None;
                return Some(text);
            };
            at += next;
            if text[at] == separator {
                rest = Some(&text[at + 1..]);
                return Some(&text[..at]);
            }
            // A quoted string: up to its closing quote, past escaped ones.
            at += 1;
            while at < text.len() && text[at] != b'"' {
                at += if text[at] == b'\\' { 2 } else { 1 };
            }
            at = (at + 1).min(text.len());
        }
    })
}

/// Checks that each of `kept` keeps `other` and each of `chosen` prefers `wanted`.
#[cfg(test)]
pub(crate) fn check_choice(wanted: MediaType, other: MediaType, kept: &[&str], chosen: &[&str]) {
    for accept in kept {
        assert!(!prefers([accept.as_bytes()], wanted, other), "{accept:?}");
    }
    for accept in chosen {
        assert!(prefers([accept.as_bytes()], wanted, other), "{accept:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualities_read_as_rfc_9110_writes_them() {
        assert_eq!(parse_quality(b"0"), Some(0));
        assert_eq!(parse_quality(b"0.5"), Some(500));
        assert_eq!(parse_quality(b"0.125"), Some(125));
        assert_eq!(parse_quality(b"1.000"), Some(1000));
        assert_eq!(parse_quality(b"1."), Some(1000));
        for invalid in [&b""[..], b"1.5", b"0.1234", b"2", b".5", b"-0", b"0,5"] {
            assert_eq!(parse_quality(invalid), None, "{invalid:?}");
        }
    }

    #[test]
    fn json_over_html_only_when_preferred() {
        check_choice(
            JSON,
            HTML,
            &[
                "",
                "*/*",
                "text/html",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "application/json, text/html",
                "text/*, application/json;q=0.9",
                "application/json;q=0",
            ],
            &[
                "application/json",
                "application/json, text/html;q=0.5",
                "text/html;q=0.1, application/*",
                "TEXT/HTML;q=0, */*",
                "application/json;charset=utf-8",
            ],
        );
    }
}
