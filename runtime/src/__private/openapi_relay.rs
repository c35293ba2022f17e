//! What the OpenAPI relay's generated impls name (`openapi!` in `crate::openapi`):
//! the relay and its gates, the integrations' crates, and the helpers of the impls.

pub use crate::__certifier_if_schemars as if_schemars;
pub use crate::__certifier_if_utoipa as if_utoipa;
pub use crate::__certifier_openapi as openapi;

#[cfg(feature = "schemars-1")]
pub use schemars;
#[cfg(feature = "utoipa-5")]
pub use utoipa;

/// Helpers of the generated impls.
pub mod openapi_types {
    pub use alloc::borrow::Cow;

    pub use crate::__private::{pick_catalogue, CatalogueOf};
    pub use crate::choice::{FirstChoice, LastChoice};
    #[cfg(feature = "schemars-1")]
    pub use crate::openapi::schemars::{InlineJsonSchemaOf, JsonSchemaOf, Members};
    #[cfg(feature = "utoipa-5")]
    pub use crate::openapi::utoipa::{responses, Placeholders, Responses, ResponsesOf, SchemaOf};
}
