//! The `actix_server` example's app on a loopback port, called over HTTP.
#![cfg(feature = "actix-web")]

mod e2e;

#[allow(dead_code)]
#[path = "../../runtime/examples/support/actix_app.rs"]
mod actix_app;

use std::net::SocketAddr;
use std::sync::mpsc;

use actix_web::{web, App, HttpServer};

/// Runs the app on its own thread and actix system; returns its address.
fn serve() -> SocketAddr {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let store = web::Data::new(actix_app::api::Store::default());
            let server = HttpServer::new(move || {
                let store = store.clone();
                App::new().configure(|config| actix_app::configure(config, store))
            })
            .workers(1)
            .bind(("127.0.0.1", 0))
            .unwrap();
            sender.send(server.addrs()[0]).unwrap();
            server.run().await
        })
    });
    receiver.recv().unwrap()
}

#[tokio::test]
async fn every_code_answers_in_the_envelope() {
    e2e::check_all(serve()).await;
}

/// A generic derived type answers as well, headers included, through its inner error.
#[derive(Debug, certifier_error::CertifierError)]
enum Wrapped<E> {
    #[certifier(transparent)]
    Inner(E),
}

#[derive(Debug, certifier_error::CertifierError)]
#[certifier(code = "rate_limited")]
struct Slow {
    #[certifier(header = "Retry-After")]
    retry_after: Option<u32>,
}

#[test]
fn a_generic_type_is_a_response_error() {
    use actix_web::ResponseError;

    let error = Wrapped::Inner(Slow {
        retry_after: Some(7),
    });
    assert_eq!(error.status_code().as_u16(), 429);
    let response = error.error_response();
    assert_eq!(response.headers().get("retry-after").unwrap(), "7");
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "application/json"
    );
    let error = Wrapped::Inner(Slow { retry_after: None });
    assert!(error
        .error_response()
        .headers()
        .get("retry-after")
        .is_none());
    let standard = certifier_error::StandardError::Forbidden;
    assert_eq!(standard.error_response().status().as_u16(), 403);
}
