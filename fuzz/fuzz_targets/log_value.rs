//! Feeds arbitrary text to the escaping of log values a client can shape, and reads the
//! line back as a logfmt parser does. Held to: no panic; one quoted value on one line,
//! without control characters; the value reads back as the text, and no text adds a
//! field.

#![no_main]

use certifier_error::__private::fuzz::escape_log_value;
use libfuzzer_sys::fuzz_target;

#[path = "../../runtime/examples/support/logfmt.rs"]
#[allow(dead_code)]
mod logfmt;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let escaped = escape_log_value(&text);
    assert!(escaped.starts_with('"') && escaped.ends_with('"') && escaped.len() >= 2);
    assert!(!escaped.chars().any(char::is_control), "{escaped:?}");
    let line = format!("level=error public_message={escaped} request_id=\"r\"");
    let pairs = logfmt::pairs(&line);
    let keys: Vec<&str> = pairs.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["level", "public_message", "request_id"], "{line:?}");
    assert_eq!(pairs[1].1, text, "{line:?}");
});
