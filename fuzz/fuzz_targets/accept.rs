//! Feeds arbitrary `Accept` header fields (split at `0xff`) to the problem details
//! negotiation of the envelope layers. Held to: no panic, one pass over the input
//! (libFuzzer's timeout catches anything slower), a range for an unrelated type never
//! changes the choice, and a problem is only chosen for a header that names JSON.

#![no_main]

use certifier_error::__private::fuzz::prefers_problem;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let fields: Vec<&[u8]> = data.split(|byte| *byte == 0xff).collect();
    let chosen = prefers_problem(&fields);
    // Another header field for a type that is neither JSON nor `*/*` changes nothing.
    let mut more = fields.clone();
    more.push(b"text/html;q=0.9, image/png");
    assert_eq!(prefers_problem(&more), chosen, "{data:?}");
    // The problem wins only over a JSON range that is named, or by naming its own type.
    if chosen {
        let lowered = data.to_ascii_lowercase();
        assert!(
            lowered.windows(4).any(|window| window == b"json"),
            "chose a problem for {data:?}"
        );
    }
});
