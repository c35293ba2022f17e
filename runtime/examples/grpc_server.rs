//! A certificate service over gRPC (tonic), answering with the same derived errors an
//! HTTP API would: each becomes a `Status` with google.rpc details (`ErrorInfo`,
//! `RetryInfo`, `BadRequest`, `RequestInfo`), a panicking handler answers `Internal`,
//! and request ids travel in the `x-request-id` metadata.
//!
//! ```sh
//! cargo run -p certifier-error --example grpc_server --features tonic,tracing [PORT]
//! cargo run -p certifier-error --example grpc_client --features tonic [PORT]
//! ```
//!
//! Serves on 127.0.0.1 (port from the argument or `PORT`, default 50051). Errors are
//! logged through `tracing`, each once, with its variant and `error.type`.

// Each example uses its own side of the service.
#[allow(dead_code)]
#[path = "support/grpc_api.rs"]
mod grpc_api;
#[path = "support/logging.rs"]
mod logging;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    logging::init();
    let port = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("PORT").ok())
        .and_then(|port| port.parse().ok())
        .unwrap_or(50051);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("gRPC service on {}", listener.local_addr()?);
    grpc_api::serve(listener, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}
