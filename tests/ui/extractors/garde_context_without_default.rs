// `Garde` checks the value in the default value of its garde context: a context
// without `Default` is refused at compile time.
use certifier_error::axum::{Garde, Json};

struct Limits {
    max: usize,
}

fn at_most(value: &str, limits: &Limits) -> garde::Result {
    if value.len() > limits.max {
        return Err(garde::Error::new("too long"));
    }
    Ok(())
}

#[derive(serde::Deserialize, garde::Validate)]
#[garde(context(Limits))]
struct Order {
    #[garde(custom(at_most))]
    domain: String,
}

/// What axum asks of a handler's last argument.
fn extractor<T: axum::extract::FromRequest<()>>() {}

fn main() {
    extractor::<Garde<Json<Order>>>();
}
