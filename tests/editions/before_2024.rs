// Included by the crates of editions before 2024, where `gen` is not yet a keyword.

/// `gen` is an identifier before edition 2024: the derive must not trip the lint that
/// warns of it beyond the item the user allowed it on.
#[allow(keyword_idents_2024)]
#[derive(Debug, CertifierError)]
#[certifier(code = "conflict", message = "Generation {gen} is stale.")]
pub struct Stale {
    /// The generation.
    #[certifier(extend)]
    pub gen: u32,
}

#[test]
#[allow(keyword_idents_2024)]
fn gen_is_a_field_name() {
    let error = Stale { gen: 3 };
    assert_eq!(error.to_string(), "Generation 3 is stale.");
    assert_eq!(
        serde_json::to_string(&error).unwrap(),
        r#"{"error":{"code":"conflict","message":"Generation 3 is stale.","gen":3}}"#
    );
}
