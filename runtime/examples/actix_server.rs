//! The certificate API of the `axum_server` example, served with actix-web: its own
//! errors and the framework's (a missing `Certifier-Version`, a body that is not JSON,
//! an unknown route) all answer in the Certifier envelope.
//!
//! ```sh
//! cargo run -p certifier-error --example actix_server --features actix-web,tracing [PORT]
//! ```
//!
//! Serves on 127.0.0.1, port from the argument or `PORT` (default 3001), and prints a
//! `curl` command for each case. Errors are logged through `tracing`.

#[path = "support/actix_app.rs"]
mod actix_app;
#[path = "support/logging.rs"]
mod logging;

use actix_app::api;
use actix_web::{web, App, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    logging::init();
    let store = web::Data::new(api::Store::default());
    let server = HttpServer::new(move || {
        let store = store.clone();
        App::new().configure(|config| actix_app::configure(config, store))
    })
    .workers(2)
    .bind(("127.0.0.1", api::port(3001)))?;
    for address in server.addrs() {
        println!("{}", api::banner("actix-web", address));
    }
    server.run().await
}
