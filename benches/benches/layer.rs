//! The envelope layers' cost on the success path: one `GET /ok` through an axum
//! `Router` and an actix-web app in process, without the layer, with it, and with
//! request ids, side by side in one run.

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};

fn axum(c: &mut Criterion) {
    use axum::body::Body;
    use axum::response::Response;
    use axum::routing::get;
    use axum::Router;
    use certifier_error::axum::EnvelopeLayer;
    use tower::ServiceExt;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let plain: Router = Router::new().route("/ok", get(|| async { "ok" }));
    // What any layer costs in axum (`Router::layer` boxes and clones each route): a
    // layer that passes the response through.
    let identity = tower::util::MapResponseLayer::new(|response: Response| response);
    let routers = [
        ("off", plain.clone()),
        ("pass_through_layer", plain.clone().layer(identity)),
        ("on", plain.clone().layer(EnvelopeLayer::new())),
        ("ids", plain.layer(EnvelopeLayer::new().with_request_id())),
    ];
    let mut group = c.benchmark_group("layer_axum");
    for (name, router) in routers {
        group.bench_function(name, |b| {
            b.iter(|| {
                runtime.block_on(async {
                    let request = http::Request::get("/ok").body(Body::empty()).unwrap();
                    let response = router.clone().oneshot(request).await.unwrap();
                    assert_eq!(response.status(), 200);
                })
            })
        });
    }
    group.finish();
}

fn actix(c: &mut Criterion) {
    use actix_web::{test, web, App};
    use certifier_error::actix_web::Envelope;

    let system = actix_web::rt::System::new();
    let mut group = c.benchmark_group("layer_actix");
    let ok = || web::get().to(|| async { "ok" });
    let plain = system.block_on(test::init_service(App::new().route("/ok", ok())));
    group.bench_function("off", |b| {
        b.iter(|| {
            system.block_on(async {
                let request = test::TestRequest::get().uri("/ok").to_request();
                assert_eq!(test::call_service(&plain, request).await.status(), 200);
            })
        })
    });
    for (name, envelope) in [
        ("on", Envelope::new()),
        ("ids", Envelope::new().with_request_id()),
    ] {
        let app = system.block_on(test::init_service(
            App::new().wrap(envelope).route("/ok", ok()),
        ));
        group.bench_function(name, |b| {
            b.iter(|| {
                system.block_on(async {
                    let request = test::TestRequest::get().uri("/ok").to_request();
                    assert_eq!(test::call_service(&app, request).await.status(), 200);
                })
            })
        });
    }
    group.finish();
}

fn configured() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

criterion_group! {
    name = benches;
    config = configured();
    targets = axum, actix
}
criterion_main!(benches);
