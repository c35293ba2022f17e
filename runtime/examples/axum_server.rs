//! A certificate-issuing API served with axum, answering every error in the Certifier
//! envelope: its own errors, the framework's (a missing `Certifier-Version`, a body
//! that is not JSON, an unknown route or method), and those of the stack around it (a
//! body over the limit, a request timeout, a handler's bare status or panic), each
//! with the request's `x-request-id`.
//!
//! ```sh
//! cargo run -p certifier-error --example axum_server --features axum,tracing [PORT]
//! ```
//!
//! Serves on 127.0.0.1, port from the argument or `PORT` (default 3000), and prints a
//! `curl` command for each case. Hardened as a copied server should be: a client gets
//! 5 s to send its request head (a slowloris client is cut off after that), a handler
//! 10 s (`REQUEST_TIMEOUT_MS` overrides it), a body at most 1 MiB (a larger declared
//! `Content-Length` is refused at once). Errors are logged through `tracing`: 5xx at
//! error level with their cause, 4xx at debug level (`RUST_LOG` is not read; all levels
//! from debug up are shown).

#[path = "support/axum_app.rs"]
mod axum_app;
#[path = "support/logging.rs"]
mod logging;

use axum_app::api;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    logging::init();
    let limits = api::Limits::from_env();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", api::port(3000))).await?;
    println!("{}", api::banner("axum", listener.local_addr()?));
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    axum_app::serve(listener, axum_app::router(&limits), &limits, shutdown).await;
    Ok(())
}
