//! A server with one success route, `GET /ok`, with or without the envelope layer, for
//! `scripts/load-test.sh` to measure what the layer costs on the success path.
//!
//! ```sh
//! overhead_server axum|actix on|off|ids PORT
//! ```
//!
//! `on` wraps the app in the envelope layer, `ids` in the layer with request ids, `off`
//! serves it bare. Listens on 127.0.0.1 only, with one worker thread.

use std::net::SocketAddr;

fn main() {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let [framework, layer, port] = &arguments[..] else {
        eprintln!("usage: overhead_server axum|actix on|off|ids PORT");
        std::process::exit(2);
    };
    let port: u16 = port.parse().expect("PORT is a number");
    let address = SocketAddr::from(([127, 0, 0, 1], port));
    let layer = match layer.as_str() {
        "off" => Layer::Off,
        "on" => Layer::On,
        "ids" => Layer::WithIds,
        other => panic!("unknown layer setting {other:?}"),
    };
    match framework.as_str() {
        "axum" => axum_server(address, layer),
        "actix" => actix_server(address, layer),
        other => panic!("unknown framework {other:?}"),
    }
}

#[derive(Clone, Copy)]
enum Layer {
    Off,
    On,
    WithIds,
}

fn axum_server(address: SocketAddr, layer: Layer) {
    use axum::routing::get;
    use axum::Router;
    use certifier_error::axum::EnvelopeLayer;

    let router = Router::new().route("/ok", get(|| async { "ok" }));
    let router = match layer {
        Layer::Off => router,
        Layer::On => router.layer(EnvelopeLayer::new()),
        Layer::WithIds => router.layer(EnvelopeLayer::new().with_request_id()),
    };
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
        .block_on(async move {
            let listener = tokio::net::TcpListener::bind(address).await.unwrap();
            axum::serve(listener, router).await.unwrap();
        });
}

fn actix_server(address: SocketAddr, layer: Layer) {
    use actix_web::{web, App, HttpServer};
    use certifier_error::actix_web::Envelope;

    let ok = || web::get().to(|| async { "ok" });
    actix_web::rt::System::new().block_on(async move {
        let server = match layer {
            Layer::Off => HttpServer::new(move || App::new().route("/ok", ok()))
                .workers(1)
                .bind(address)
                .unwrap()
                .run(),
            Layer::On | Layer::WithIds => HttpServer::new(move || {
                let envelope = match layer {
                    Layer::WithIds => Envelope::new().with_request_id(),
                    _ => Envelope::new(),
                };
                App::new().wrap(envelope).route("/ok", ok())
            })
            .workers(1)
            .bind(address)
            .unwrap()
            .run(),
        };
        server.await.unwrap();
    });
}
