// `Valid` checks the value with validator: a type without `#[derive(Validate)]` is
// refused where the handler names it, not at run time.
use certifier_error::axum::{Json, Valid};

#[derive(serde::Deserialize)]
struct Order {
    domain: String,
}

/// What axum asks of a handler's last argument.
fn extractor<T: axum::extract::FromRequest<()>>() {}

fn main() {
    extractor::<Valid<Json<Order>>>();
}
