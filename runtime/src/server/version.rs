//! The `Certifier-Version` request header.

use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;

use crate::CertifierError;

/// The request header that names the API version a client was written against.
///
/// ```
/// assert_eq!(certifier_error::server::VERSION_HEADER, "Certifier-Version");
/// ```
pub const VERSION_HEADER: &str = "Certifier-Version";

/// The `Certifier-Version` a request names, once checked against the
/// [`SupportedVersions`] of the route: an extractor in both framework modules
/// (`certifier_error::axum::CertifierVersion`, `certifier_error::actix_web::CertifierVersion`;
/// one type), whose rejection is a [`VersionError`].
///
/// ```
/// use certifier_error::server::{CertifierVersion, SupportedVersions};
///
/// let versions = SupportedVersions::new(["2024-06-01"]);
/// let version = versions.check(Some(b"2024-06-01")).map(CertifierVersion)?;
/// assert_eq!(version.as_str(), "2024-06-01");
/// # Ok::<(), certifier_error::server::VersionError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CertifierVersion(pub String);

impl CertifierVersion {
    /// The version.
    ///
    /// ```
    /// use certifier_error::server::CertifierVersion;
    ///
    /// assert_eq!(CertifierVersion("2024-06-01".into()).as_str(), "2024-06-01");
    /// ```
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The API versions a service accepts in the `Certifier-Version` header.
///
/// Cheap to clone (the list is shared), so a framework can hand a copy to every
/// request. [`SupportedVersions::any`] accepts every well-formed value: a non-empty
/// run of visible ASCII characters.
///
/// ```
/// use certifier_error::server::{SupportedVersions, VersionError};
///
/// let versions = SupportedVersions::new(["2024-06-01", "2025-01-15"]);
/// assert_eq!(versions.check(Some(b"2025-01-15")), Ok("2025-01-15".to_string()));
/// assert!(matches!(versions.check(None), Err(VersionError::Missing { .. })));
/// assert!(matches!(versions.check(Some(b"2023")), Err(VersionError::Invalid { .. })));
///
/// let any = SupportedVersions::any();
/// assert!(any.check(Some(b"2023")).is_ok());
/// assert!(any.check(Some(b"")).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportedVersions {
    /// `None` accepts any well-formed version.
    versions: Option<Arc<[String]>>,
}

impl SupportedVersions {
    /// Accepts exactly these versions, compared byte for byte.
    ///
    /// ```
    /// use certifier_error::server::SupportedVersions;
    ///
    /// let versions = SupportedVersions::new(["2024-06-01"]);
    /// assert_eq!(versions.iter().collect::<Vec<_>>(), ["2024-06-01"]);
    /// ```
    pub fn new<I>(versions: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        SupportedVersions {
            versions: Some(versions.into_iter().map(Into::into).collect()),
        }
    }

    /// Accepts any well-formed version; only a missing or malformed header is an error.
    /// The default.
    ///
    /// ```
    /// use certifier_error::server::SupportedVersions;
    ///
    /// assert_eq!(SupportedVersions::any(), SupportedVersions::default());
    /// assert!(SupportedVersions::any().check(Some(b"v7")).is_ok());
    /// ```
    #[must_use]
    pub fn any() -> Self {
        SupportedVersions { versions: None }
    }

    /// The accepted versions, in the order given; nothing for [`any`](Self::any).
    ///
    /// ```
    /// use certifier_error::server::SupportedVersions;
    ///
    /// let versions = SupportedVersions::new(["a", "b"]);
    /// assert_eq!(versions.iter().count(), 2);
    /// assert_eq!(SupportedVersions::any().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.versions
            .iter()
            .flat_map(|versions| versions.iter().map(String::as_str))
    }

    /// Checks the raw value of the `Certifier-Version` header (`None` when the request
    /// has none) and returns the version it names.
    ///
    /// # Errors
    ///
    /// A [`VersionError`]: `missing_version` without a header, `invalid_version` for a
    /// value that is not one of the supported versions (or not visible ASCII).
    ///
    /// ```
    /// use certifier_error::server::SupportedVersions;
    /// use certifier_error::CertifierError;
    ///
    /// let versions = SupportedVersions::new(["2024-06-01"]);
    /// let error = versions.check(Some(b"1999-01-01")).unwrap_err();
    /// assert_eq!((error.status(), error.code()), (400, "invalid_version"));
    /// assert_eq!(
    ///     serde_json::to_value(&error)?["error"]["supported_versions"],
    ///     serde_json::json!(["2024-06-01"]),
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, header: Option<&[u8]>) -> Result<String, VersionError> {
        let Some(value) = header else {
            return Err(VersionError::Missing {
                supported_versions: self.listed(),
            });
        };
        let accepted = match (&self.versions, core::str::from_utf8(value)) {
            (_, Err(_)) => None,
            (None, Ok(version)) => is_well_formed(version).then_some(version),
            (Some(versions), Ok(version)) => versions
                .iter()
                .any(|supported| supported == version)
                .then_some(version),
        };
        match accepted {
            Some(version) => Ok(version.to_string()),
            None => Err(VersionError::Invalid {
                supported_versions: self.listed(),
            }),
        }
    }

    fn listed(&self) -> Option<Vec<String>> {
        self.versions.as_ref().map(|versions| versions.to_vec())
    }
}

/// Checks `header` against the versions a framework adapter found for the request;
/// `None` means the service forgot to configure them. That is a programming error, not
/// a reason to accept every version: it answers `500 internal_server_error`
/// ([`VersionError::Unconfigured`]) and, with the `tracing` feature, logs at error level.
#[cfg(any(feature = "axum-0_8", feature = "actix-web-4"))]
pub(crate) fn check_configured(
    configured: Option<&SupportedVersions>,
    header: Option<&[u8]>,
) -> Result<String, VersionError> {
    match configured {
        Some(versions) => versions.check(header),
        None => {
            #[cfg(feature = "tracing")]
            tracing::error!(
                target: "certifier_error",
                "`CertifierVersion` found no `SupportedVersions` for this request: add the \
                 version layer or middleware (`RequireVersionLayer`, `RequireVersion`) around the route; \
                 answering 500 internal_server_error",
            );
            Err(VersionError::Unconfigured)
        }
    }
}

/// [`SupportedVersions::any`].
///
/// ```
/// use certifier_error::server::SupportedVersions;
/// assert!(SupportedVersions::default().iter().next().is_none());
/// ```
impl Default for SupportedVersions {
    fn default() -> Self {
        SupportedVersions::any()
    }
}

fn is_well_formed(version: &str) -> bool {
    !version.is_empty() && version.bytes().all(|byte| byte.is_ascii_graphic())
}

/// A request whose `Certifier-Version` header is missing or names no supported
/// version. Both list the supported versions in a `supported_versions` member, unless
/// any version is accepted. Like every member the crate's own errors add, the name is
/// snake_case, as the envelope's own `code` and `message` are.
///
/// [`Unconfigured`](VersionError::Unconfigured) is the server's fault, not the
/// client's: the version check ran where no [`SupportedVersions`] were configured.
///
/// ```
/// use certifier_error::server::SupportedVersions;
///
/// let error = SupportedVersions::new(["2024-06-01"]).check(None).unwrap_err();
/// assert_eq!(
///     serde_json::to_string(&error)?,
///     r#"{"error":{"code":"missing_version","message":"The Certifier-Version header is required.","supported_versions":["2024-06-01"]}}"#,
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, CertifierError)]
#[non_exhaustive]
pub enum VersionError {
    /// `400 missing_version`: the request has no `Certifier-Version` header.
    #[certifier(code = "missing_version")]
    #[non_exhaustive]
    Missing {
        /// The versions the service accepts; `None` when it accepts any.
        #[certifier(extend)]
        supported_versions: Option<Vec<String>>,
    },
    /// `400 invalid_version`: the header names no supported version.
    #[certifier(code = "invalid_version")]
    #[non_exhaustive]
    Invalid {
        /// The versions the service accepts; `None` when it accepts any.
        #[certifier(extend)]
        supported_versions: Option<Vec<String>>,
    },
    /// `500 internal_server_error`: the version check found no [`SupportedVersions`]
    /// for the request (for example an extractor used without the layer that provides
    /// them). Never accepts the request: a forgotten configuration must not let every
    /// version through.
    #[certifier(code = "internal_server_error")]
    Unconfigured,
}
