//! The certificate API of the `axum_server` example, served with actix-web: its own
//! errors, the framework's and those of the stack around it all answer in the
//! Certifier envelope, each with the request's `x-request-id`.
//!
//! ```sh
//! cargo run -p certifier-error --example actix_server --features actix-web,tracing [PORT]
//! ```
//!
//! Serves on 127.0.0.1, port from the argument or `PORT` (default 3001), and prints a
//! `curl` command for each case. Hardened as the axum example: 5 s for the request head
//! (slowloris), every request's head, as each connection serves one request (see
//! `actix_app::server`), 10 s per handler (`REQUEST_TIMEOUT_MS`), 1 MiB per body (a
//! larger declared `Content-Length` is refused at once). Errors are logged through
//! `tracing`.

#[path = "support/actix_app.rs"]
mod actix_app;
#[path = "support/logging.rs"]
mod logging;

use actix_app::api;

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    logging::init();
    let limits = api::Limits::from_env();
    let (server, addresses) = actix_app::server(("127.0.0.1", api::port(3001)), limits, 2)?;
    for address in addresses {
        println!("{}", api::banner("actix-web", address));
    }
    server.await
}
