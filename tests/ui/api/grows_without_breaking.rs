// What may grow in a minor release cannot be built or matched exhaustively outside the
// crate: each of these is an error, so no user code can depend on today's shape.
use certifier_error::catalogue::lock::Change;
use certifier_error::server::{JsonRejection, PathRejection, VersionError};

fn build(source: serde_json::Error) -> JsonRejection {
    JsonRejection::Syntax { errors: Vec::new(), source }
}

fn route() -> PathRejection {
    PathRejection::Route("route".into())
}

fn versions(error: &VersionError) -> bool {
    matches!(error, VersionError::Missing { supported_versions: None })
}

fn describe(change: &Change) -> &str {
    match change {
        Change::CodeAdded { code } => code,
        _ => "",
    }
}

fn count() -> [certifier_error::StandardError; 12] {
    certifier_error::StandardError::ALL
}

fn main() {}
