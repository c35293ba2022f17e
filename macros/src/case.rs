//! `rename_all`: serde's case conventions, applied to extension member names (which
//! start as snake_case Rust field names).

// The variant names are serde's case names.
#[allow(clippy::enum_variant_names)]
#[derive(Copy, Clone, PartialEq, Eq, Debug)]
pub enum RenameRule {
    LowerCase,
    UpperCase,
    PascalCase,
    CamelCase,
    SnakeCase,
    ScreamingSnakeCase,
    KebabCase,
    ScreamingKebabCase,
}

pub const RENAME_RULES: &[(&str, RenameRule)] = &[
    ("lowercase", RenameRule::LowerCase),
    ("UPPERCASE", RenameRule::UpperCase),
    ("PascalCase", RenameRule::PascalCase),
    ("camelCase", RenameRule::CamelCase),
    ("snake_case", RenameRule::SnakeCase),
    ("SCREAMING_SNAKE_CASE", RenameRule::ScreamingSnakeCase),
    ("kebab-case", RenameRule::KebabCase),
    ("SCREAMING-KEBAB-CASE", RenameRule::ScreamingKebabCase),
];

impl RenameRule {
    pub fn from_name(name: &str) -> Option<Self> {
        for (rule_name, rule) in RENAME_RULES {
            if *rule_name == name {
                return Some(*rule);
            }
        }
        None
    }

    /// The names `rename_all` accepts, for error messages.
    pub fn expected() -> String {
        let mut names = Vec::with_capacity(RENAME_RULES.len());
        for (name, _) in RENAME_RULES {
            names.push(*name);
        }
        crate::attr::listed(&names, "\"", "\"")
    }

    pub fn apply_to_field(self, field: &str) -> String {
        match self {
            Self::LowerCase | Self::SnakeCase => field.to_owned(),
            Self::UpperCase | Self::ScreamingSnakeCase => field.to_ascii_uppercase(),
            Self::PascalCase => {
                let mut pascal = String::with_capacity(field.len());
                let mut capitalize = true;
                for ch in field.chars() {
                    if ch == '_' {
                        capitalize = true;
                    } else if capitalize {
                        pascal.push(ch.to_ascii_uppercase());
                        capitalize = false;
                    } else {
                        pascal.push(ch);
                    }
                }
                pascal
            }
            Self::CamelCase => {
                let pascal = Self::PascalCase.apply_to_field(field);
                let mut chars = pascal.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
                    None => pascal,
                }
            }
            Self::KebabCase => crate::text::replace(field, "_", "-"),
            Self::ScreamingKebabCase => crate::text::replace(&field.to_ascii_uppercase(), "_", "-"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RenameRule;

    #[test]
    fn fields_follow_serde_conventions() {
        let cases = [
            (RenameRule::LowerCase, "retry_after"),
            (RenameRule::UpperCase, "RETRY_AFTER"),
            (RenameRule::PascalCase, "RetryAfter"),
            (RenameRule::CamelCase, "retryAfter"),
            (RenameRule::SnakeCase, "retry_after"),
            (RenameRule::ScreamingSnakeCase, "RETRY_AFTER"),
            (RenameRule::KebabCase, "retry-after"),
            (RenameRule::ScreamingKebabCase, "RETRY-AFTER"),
        ];
        for (rule, expected) in cases {
            assert_eq!(rule.apply_to_field("retry_after"), expected, "{rule:?}");
        }
        assert_eq!(RenameRule::CamelCase.apply_to_field("x"), "x");
    }
}
