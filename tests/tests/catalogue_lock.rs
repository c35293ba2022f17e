//! `certifier_error::catalogue::lock`: a type's codes compared with a lock file, as a
//! user's test does it, across a version of the type that breaks its clients.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use certifier_error::catalogue::lock::{self, Lock, MODE_VAR};
use certifier_error::CertifierError;

/// `CERTIFIER_LOCK` is one per process: the tests that read it take turns.
static ENVIRONMENT: Mutex<()> = Mutex::new(());

/// A fresh folder for one test's lock file.
fn folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("certifier-lock-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

/// Runs `check` with `CERTIFIER_LOCK` set to `mode` (or unset); the panic message, if any.
fn check_with<E: certifier_error::ErrorCatalogue>(
    path: &Path,
    mode: Option<&str>,
) -> Option<String> {
    let _turn = ENVIRONMENT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    match mode {
        Some(mode) => std::env::set_var(MODE_VAR, mode),
        None => std::env::remove_var(MODE_VAR),
    }
    let outcome = catch_unwind(AssertUnwindSafe(|| lock::check::<E>(path)));
    std::env::remove_var(MODE_VAR);
    outcome.err().map(|panic| match panic.downcast::<String>() {
        Ok(message) => *message,
        Err(panic) => panic.downcast::<&str>().unwrap().to_string(),
    })
}

// The types are only read through their catalogues.
#[allow(dead_code)]
mod v1 {
    use super::CertifierError;

    #[derive(Debug, serde::Serialize)]
    pub struct FieldError {
        pub field: String,
    }

    #[derive(Debug, CertifierError)]
    pub enum ApiError {
        #[certifier(code = "validation_error")]
        Invalid {
            #[certifier(extend)]
            errors: Vec<FieldError>,
        },
        #[certifier(code = "not_found")]
        NotFound,
        #[certifier(status = 402, code = "plan_limit", message = "Upgrade.")]
        PlanLimit {
            #[certifier(extend)]
            plan: String,
            #[certifier(extend)]
            max: u32,
        },
        #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
        RateLimited {
            #[certifier(extend)]
            retry_after: u64,
        },
        #[certifier(code = "internal_server_error", status = 503)]
        Maintenance,
    }
}

/// v1 with every kind of breaking change, and additions.
#[allow(dead_code)]
mod v2 {
    use super::CertifierError;

    #[derive(Debug, CertifierError)]
    #[certifier(rename_all = "camelCase")]
    pub enum ApiError {
        // `errors` removed, `detail` added.
        #[certifier(code = "validation_error")]
        Invalid {
            #[certifier(extend)]
            detail: String,
        },
        // `not_found` removed; a new code.
        #[certifier(status = 410, code = "gone", message = "Gone.")]
        Gone,
        // `max` retyped, `plan` kept.
        #[certifier(status = 403, code = "plan_limit", message = "Upgrade.")]
        PlanLimit {
            #[certifier(extend)]
            plan: String,
            #[certifier(extend)]
            max: Option<u64>,
        },
        // Renamed by `rename_all`: `retry_after` is gone, `retryAfter` is new.
        #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
        RateLimited {
            #[certifier(extend)]
            retry_after: u64,
        },
        // 503 kept, 500 added.
        #[certifier(code = "internal_server_error", status = 503)]
        Maintenance,
        #[certifier(code = "internal_server_error")]
        Database,
    }
}

/// v1 with additions only.
#[allow(dead_code)]
mod v1_extended {
    use super::v1::FieldError;
    use super::CertifierError;

    #[derive(Debug, CertifierError)]
    pub enum ApiError {
        #[certifier(code = "validation_error")]
        Invalid {
            #[certifier(extend)]
            errors: Vec<FieldError>,
            #[certifier(extend)]
            hint: Option<String>,
        },
        #[certifier(code = "not_found")]
        NotFound,
        #[certifier(status = 402, code = "plan_limit", message = "Upgrade.")]
        PlanLimit {
            #[certifier(extend)]
            plan: String,
            #[certifier(extend)]
            max: u32,
        },
        #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
        RateLimited {
            #[certifier(extend)]
            retry_after: u64,
        },
        #[certifier(code = "internal_server_error", status = 503)]
        Maintenance,
        #[certifier(code = "internal_server_error", status = 502)]
        Upstream,
        #[certifier(code = "conflict")]
        Conflict,
    }
}

#[test]
fn the_lock_file_lists_codes_statuses_typed_members_and_message_keys() {
    assert_eq!(
        Lock::of::<v1::ApiError>().to_json(),
        r#"{
  "codes": {
    "internal_server_error": {
      "members": {},
      "messages": {
        "internal_server_error": []
      },
      "statuses": [
        503
      ]
    },
    "not_found": {
      "members": {},
      "messages": {
        "not_found": []
      },
      "statuses": [
        404
      ]
    },
    "plan_limit": {
      "members": {
        "max": "u32",
        "plan": "String"
      },
      "messages": {
        "plan_limit": [
          "max",
          "plan"
        ]
      },
      "statuses": [
        402
      ]
    },
    "rate_limited": {
      "members": {
        "retry_after": "u64"
      },
      "messages": {
        "rate_limited": [
          "retry_after"
        ]
      },
      "statuses": [
        429
      ]
    },
    "validation_error": {
      "members": {
        "errors": "Vec<FieldError>"
      },
      "messages": {
        "validation_error": [
          "errors"
        ]
      },
      "statuses": [
        400
      ]
    }
  },
  "format": 1
}
"#
    );
}

#[test]
fn every_breaking_change_is_listed_at_once() {
    let folder = folder("breaking");
    let path = folder.join("errors.lock.json");
    assert_eq!(check_with::<v1::ApiError>(&path, Some("update")), None);
    let locked = std::fs::read_to_string(&path).unwrap();
    assert_eq!(locked, Lock::of::<v1::ApiError>().to_json());

    let message = check_with::<v2::ApiError>(&path, None).expect("v2 breaks clients");
    assert_eq!(
        message,
        format!(
            "6 breaking change(s) to the error codes locked in {}:
  - the code `not_found` (status 404) was removed
  - `plan_limit` no longer answers with status 402 (it now answers with 403)
  - `plan_limit`'s member `max` changed type from u32 to Option<u64>
  - `rate_limited` no longer has the member `retry_after` (u64)
  - `validation_error` no longer has the member `errors` (Vec<FieldError>)
  - `validation_error`'s message `validation_error` no longer has the argument `$errors`
Clients branch on these codes. If the changes are intended, run `CERTIFIER_LOCK=update cargo test` and commit the lock file.",
            path.display()
        ),
        "{message}"
    );
    // Failing leaves the file alone.
    assert_eq!(std::fs::read_to_string(&path).unwrap(), locked);
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn additions_pass_and_are_recorded_on_update() {
    let folder = folder("additions");
    let path = folder.join("errors.lock.json");
    std::fs::write(&path, Lock::of::<v1::ApiError>().to_json()).unwrap();
    assert_eq!(check_with::<v1_extended::ApiError>(&path, None), None);
    // Compatible changes leave the file alone unless asked.
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        Lock::of::<v1::ApiError>().to_json()
    );
    assert_eq!(
        check_with::<v1_extended::ApiError>(&path, Some("update")),
        None
    );
    let updated = str::parse::<Lock>(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(updated, Lock::of::<v1_extended::ApiError>());
    assert_eq!(
        updated.statuses("internal_server_error").unwrap(),
        [502, 503]
    );
    assert_eq!(
        updated
            .members("validation_error")
            .unwrap()
            .collect::<Vec<_>>(),
        [("errors", "Vec<FieldError>"), ("hint", "Option<String>")]
    );
    // The old version is now a break: the additions are part of the contract.
    let message = check_with::<v1::ApiError>(&path, None).unwrap();
    // The member `hint` is also an argument of the message, which translations may use.
    assert!(message.starts_with("4 breaking change(s)"), "{message}");
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn the_retyped_spelling_of_a_path_counts() {
    // Same type, other spelling: reported, so that a reviewer looks at it.
    let before = str::parse::<Lock>(
        r#"{"format":1,"codes":{"validation_error":{"statuses":[400],"members":{"errors":"Vec<v1::FieldError>"}}}}"#,
    )
    .unwrap();
    let changes = before.changes(&Lock::of::<v1_extended::ApiError>());
    assert!(changes
        .iter()
        .any(|change| change.is_breaking()
            && change.to_string()
                == "`validation_error`'s member `errors` changed type from Vec<v1::FieldError> to Vec<FieldError>"));
}

#[test]
fn a_missing_or_broken_lock_file_fails_clearly() {
    let folder = folder("missing");
    let path = folder.join("errors.lock.json");
    let message = check_with::<v1::ApiError>(&path, None).unwrap();
    assert_eq!(
        message,
        format!(
            "the lock file {} does not exist: run `CERTIFIER_LOCK=update cargo test` once to write it, and commit it",
            path.display()
        )
    );
    std::fs::write(&path, r#"{"format":2,"codes":{}}"#).unwrap();
    let message = check_with::<v1::ApiError>(&path, None).unwrap();
    assert_eq!(
        message,
        format!(
            "{} is not a lock file: `format` 2 is not understood by this version (it writes 1)",
            path.display()
        )
    );
    std::fs::write(&path, "not json").unwrap();
    let message = check_with::<v1::ApiError>(&path, None).unwrap();
    assert!(
        message.ends_with("is not a lock file: not JSON: expected ident at line 1 column 2"),
        "{message}"
    );
    std::fs::write(&path, Lock::of::<v1::ApiError>().to_json()).unwrap();
    let message = check_with::<v1::ApiError>(&path, Some("yes")).unwrap();
    assert_eq!(
        message,
        "CERTIFIER_LOCK=\"yes\" is not understood: set it to `update` to write the lock file, or leave it unset to compare"
    );
    assert_eq!(check_with::<v1::ApiError>(&path, Some("check")), None);
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn a_renamed_key_or_a_removed_argument_breaks_translations() {
    #[allow(dead_code)]
    mod before {
        #[derive(Debug, certifier_error::CertifierError)]
        pub enum ApiError {
            #[certifier(code = "conflict", key = "name-taken", message = "{name} is taken.")]
            Taken { name: String },
        }
    }
    #[allow(dead_code)]
    mod after {
        #[derive(Debug, certifier_error::CertifierError)]
        pub enum ApiError {
            #[certifier(code = "conflict", key = "taken", message = "That name is taken.")]
            Taken { name: String },
        }
    }
    #[allow(dead_code)]
    mod fewer {
        #[derive(Debug, certifier_error::CertifierError)]
        pub enum ApiError {
            #[certifier(code = "conflict", key = "name-taken", message = "That name is taken.")]
            Taken { name: String },
        }
    }
    let before = Lock::of::<before::ApiError>();
    let render = |changes: Vec<certifier_error::catalogue::lock::Change>| {
        changes
            .iter()
            .map(|change| (change.is_breaking(), change.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        render(before.changes(&Lock::of::<after::ApiError>())),
        [
            (
                true,
                "`conflict` no longer has the message key `name-taken`".to_string()
            ),
            (
                false,
                "`conflict` has the new message key `taken`".to_string()
            ),
        ]
    );
    assert_eq!(
        render(before.changes(&Lock::of::<fewer::ApiError>())),
        [(
            true,
            "`conflict`'s message `name-taken` no longer has the argument `$name`".to_string()
        )]
    );
    // A lock written before keys were recorded compares without them.
    let old =
        str::parse::<Lock>(r#"{"format":1,"codes":{"conflict":{"statuses":[409],"members":{}}}}"#)
            .unwrap();
    assert!(old.changes(&Lock::of::<after::ApiError>()).is_empty());
    let error = str::parse::<Lock>(
        r#"{"format":1,"codes":{"conflict":{"statuses":[409],"members":{},"messages":{"k":"x"}}}}"#,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "`codes.conflict.messages.k` must be an array of argument names"
    );
}
