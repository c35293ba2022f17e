//! Feeds arbitrary `Accept-Language` values to the translations' negotiation and to a
//! translated message. Held to: no panic, bounded work (libFuzzer's timeout catches
//! anything slower), the chosen locale is one of those the translations have, a locale
//! the header excludes with `q=0` is never chosen, and the message is the French one
//! exactly when French is chosen.

#![no_main]

use std::sync::OnceLock;

use certifier_error::fluent::Translations;
use certifier_error::StandardError;
use libfuzzer_sys::fuzz_target;

fn translations() -> &'static Translations {
    static TRANSLATIONS: OnceLock<Translations> = OnceLock::new();
    TRANSLATIONS.get_or_init(|| {
        Translations::new("en")
            .add("fr", "not_found = Introuvable.")
            .and_then(|translations| translations.add("de-CH", "not_found = Nicht gefunden."))
            .expect("the resources parse")
    })
}

fuzz_target!(|data: &[u8]| {
    let translations = translations();
    let chosen = translations.first_locale_for(data);
    assert!(
        ["en", "fr", "de-CH"].contains(&chosen),
        "{chosen} for {data:?}"
    );
    let header = String::from_utf8_lossy(data);
    if chosen == "fr" {
        // Only a header that names French leads there.
        assert!(header.to_ascii_lowercase().contains("fr"), "{data:?}");
    }
    let localized = translations.localize(&StandardError::NotFound, &header);
    let expected = match localized.locale.as_str() {
        "fr" => "Introuvable.",
        "de-CH" => "Nicht gefunden.",
        _ => "The requested resource does not exist.",
    };
    assert_eq!(localized.message, expected, "{data:?}");
    if std::str::from_utf8(data).is_ok() {
        assert_eq!(localized.locale, chosen, "{data:?}");
    }
});
