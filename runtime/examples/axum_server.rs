//! A certificate-issuing API served with axum, answering every error in the Certifier
//! envelope: its own errors, and the framework's (a missing `Certifier-Version`, a body
//! that is not JSON, an unknown route).
//!
//! ```sh
//! cargo run -p certifier-error --example axum_server --features axum,tracing [PORT]
//! ```
//!
//! Serves on 127.0.0.1, port from the argument or `PORT` (default 3000), and prints a
//! `curl` command for each case. Errors are logged through `tracing`: 5xx at error
//! level with their cause, 4xx at debug level (`RUST_LOG` is not read; all levels from
//! debug up are shown).

#[path = "support/axum_app.rs"]
mod axum_app;
#[path = "support/logging.rs"]
mod logging;

use axum_app::api;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    logging::init();
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", api::port(3000))).await?;
    println!("{}", api::banner("axum", listener.local_addr()?));
    axum::serve(listener, axum_app::router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
