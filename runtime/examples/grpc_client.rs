//! Calls the `grpc_server` example once per case and prints what a client reads from
//! each answer with `ErrorResponse::from_status`: the same code path as an HTTP
//! client's.
//!
//! ```sh
//! cargo run -p certifier-error --example grpc_client --features tonic [PORT]
//! ```

// Each example uses its own side of the service.
#[allow(dead_code)]
#[path = "support/grpc_api.rs"]
mod grpc_api;

use certifier_error::ErrorResponse;

#[tokio::main]
async fn main() {
    let port: u16 = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("PORT").ok())
        .and_then(|port| port.parse().ok())
        .unwrap_or(50051);
    let address = std::net::SocketAddr::from(([127, 0, 0, 1], port));
    for (at, id) in grpc_api::CASES.iter().enumerate() {
        let request_id = format!("client-{at}");
        match grpc_api::get(address, id, Some(&request_id)).await {
            Ok(certificate) => println!("{id}: ok, {} for {}", certificate.id, certificate.domain),
            Err(status) => {
                let error = ErrorResponse::from_status(&status);
                println!(
                    "{id}: gRPC {:?} -> {error}; members {}; retry after {:?}; request id {:?}",
                    status.code(),
                    serde_json::Value::Object(error.error.extensions.clone()),
                    error.retry_after(),
                    error.request_id(),
                );
            }
        }
    }
}
