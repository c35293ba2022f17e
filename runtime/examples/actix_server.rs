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
//! (slowloris), 10 s per handler (`REQUEST_TIMEOUT_MS`), 1 MiB per body (a larger
//! declared `Content-Length` is refused at once). Errors are logged through `tracing`.

#[path = "support/actix_app.rs"]
mod actix_app;
#[path = "support/logging.rs"]
mod logging;

use actix_app::api;
use actix_web::middleware::from_fn;
use actix_web::{web, App, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    logging::init();
    let limits = api::Limits::from_env();
    let store = web::Data::new(api::Store::default());
    let header_read = limits.header_read;
    let server = HttpServer::new(move || {
        let (store, limits) = (store.clone(), limits.clone());
        App::new()
            .wrap(from_fn(actix_app::limits))
            .wrap(actix_app::envelope())
            .configure(|config| actix_app::configure(config, store, limits))
    })
    .workers(2)
    // A client gets this long to send its request head, then is cut off (slowloris).
    .client_request_timeout(header_read)
    .client_disconnect_timeout(std::time::Duration::from_secs(1))
    .bind(("127.0.0.1", api::port(3001)))?;
    for address in server.addrs() {
        println!("{}", api::banner("actix-web", address));
    }
    server.run().await
}
