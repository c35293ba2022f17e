//! The envelope layers' cost on the success path: one `GET /ok` through an axum
//! `Router` and an actix-web app in process, without the layer, with it, and with
//! request ids, side by side in one run. Then an error through the layer, as an
//! envelope and as RFC 9457 problem details; and translated (feature `fluent`) or not.

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

/// The error the problem benchmarks answer with: a derived error with a member, as an
/// endpoint answers.
#[derive(Debug, certifier_error::CertifierError)]
#[certifier(
    code = "conflict",
    message = "`{domain}` already has an active certificate."
)]
struct Taken {
    domain: String,
    #[certifier(extend)]
    certificate_id: &'static str,
}

fn taken() -> Taken {
    Taken {
        domain: "example.com".into(),
        certificate_id: "cert_1",
    }
}

const PROBLEM: &str = "application/problem+json";
/// What a JSON client sends: each request carries an `Accept`, so that both formats
/// pay for building and reading one.
const JSON: &str = "application/json";

/// One error through the axum layer: problem details off; on, asked for the envelope;
/// on, asked for a problem.
fn problem_axum(c: &mut Criterion) {
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use certifier_error::axum::EnvelopeLayer;
    use tower::ServiceExt;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let route: Router = Router::new().route("/taken", get(|| async { taken() }));
    let off = route.clone().layer(EnvelopeLayer::new());
    let on = route.layer(EnvelopeLayer::new().with_problem_details());
    let mut group = c.benchmark_group("problem_axum");
    for (name, router, accept) in [
        ("off/envelope", off, JSON),
        ("on/envelope", on.clone(), JSON),
        ("on/problem", on, PROBLEM),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                runtime.block_on(async {
                    let request = http::Request::get("/taken")
                        .header("accept", accept)
                        .body(Body::empty())
                        .unwrap();
                    let response = router.clone().oneshot(request).await.unwrap();
                    assert_eq!(response.status(), 409);
                    let body = axum::body::to_bytes(response.into_body(), 4096)
                        .await
                        .unwrap();
                    // The error's own message, in either format.
                    assert!(body.windows(11).any(|w| w == b"example.com"), "{body:?}");
                    body
                })
            })
        });
    }
    group.finish();
}

/// The same through the actix-web middleware.
fn problem_actix(c: &mut Criterion) {
    use actix_web::{test, web, App};
    use certifier_error::actix_web::Envelope;

    let system = actix_web::rt::System::new();
    let mut group = c.benchmark_group("problem_actix");
    for (name, envelope, accept) in [
        ("off/envelope", Envelope::new(), JSON),
        ("on/envelope", Envelope::new().with_problem_details(), JSON),
        (
            "on/problem",
            Envelope::new().with_problem_details(),
            PROBLEM,
        ),
    ] {
        let route = web::get().to(|| async { Err::<String, _>(taken()) });
        let app = system.block_on(test::init_service(
            App::new().wrap(envelope).route("/taken", route),
        ));
        group.bench_function(name, |b| {
            b.iter(|| {
                system.block_on(async {
                    let request = test::TestRequest::get()
                        .uri("/taken")
                        .insert_header(("accept", accept))
                        .to_request();
                    let response = test::call_service(&app, request).await;
                    assert_eq!(response.status(), 409);
                    let body = test::read_body(response).await;
                    assert!(body.windows(11).any(|w| w == b"example.com"), "{body:?}");
                    body
                })
            })
        });
    }
    group.finish();
}

/// The French resource the translation benchmarks use: the error's key, with its
/// variable.
const FRENCH: &str = "conflict = `{ $domain }` a déjà un certificat actif.";

fn translations() -> certifier_error::fluent::Translations {
    certifier_error::fluent::Translations::new("en")
        .add("fr", FRENCH)
        .unwrap()
}

/// What one error costs through the axum layer: without translations; with them but no
/// `Accept-Language`; with them and a language that has none (`de`, the source message);
/// with them and `fr` (translated).
fn language_axum(c: &mut Criterion) {
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use certifier_error::axum::EnvelopeLayer;
    use tower::ServiceExt;

    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let route: Router = Router::new().route("/taken", get(|| async { taken() }));
    let off = route.clone().layer(EnvelopeLayer::new());
    let on = route.layer(EnvelopeLayer::new().with_translations(translations()));
    let mut group = c.benchmark_group("language_axum");
    for (name, router, language, expected) in [
        ("off", off, None, "already has"),
        ("on/no_header", on.clone(), None, "already has"),
        ("on/untranslated", on.clone(), Some("de"), "already has"),
        ("on/translated", on, Some("fr-CH, en;q=0.5"), "a déjà"),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                runtime.block_on(async {
                    let mut request = http::Request::get("/taken");
                    if let Some(language) = language {
                        request = request.header("accept-language", language);
                    }
                    let request = request.body(Body::empty()).unwrap();
                    let response = router.clone().oneshot(request).await.unwrap();
                    assert_eq!(response.status(), 409);
                    let body = axum::body::to_bytes(response.into_body(), 4096)
                        .await
                        .unwrap();
                    let expected = expected.as_bytes();
                    assert!(
                        body.windows(expected.len()).any(|w| w == expected),
                        "{body:?}"
                    );
                    body
                })
            })
        });
    }
    group.finish();
}

/// The same through the actix-web middleware.
fn language_actix(c: &mut Criterion) {
    use actix_web::{test, web, App};
    use certifier_error::actix_web::Envelope;

    let system = actix_web::rt::System::new();
    let mut group = c.benchmark_group("language_actix");
    for (name, envelope, language, expected) in [
        ("off", Envelope::new(), None, "already has"),
        (
            "on/no_header",
            Envelope::new().with_translations(translations()),
            None,
            "already has",
        ),
        (
            "on/untranslated",
            Envelope::new().with_translations(translations()),
            Some("de"),
            "already has",
        ),
        (
            "on/translated",
            Envelope::new().with_translations(translations()),
            Some("fr-CH, en;q=0.5"),
            "a déjà",
        ),
    ] {
        let route = web::get().to(|| async { Err::<String, _>(taken()) });
        let app = system.block_on(test::init_service(
            App::new().wrap(envelope).route("/taken", route),
        ));
        group.bench_function(name, |b| {
            b.iter(|| {
                system.block_on(async {
                    let mut request = test::TestRequest::get().uri("/taken");
                    if let Some(language) = language {
                        request = request.insert_header(("accept-language", language));
                    }
                    let response = test::call_service(&app, request.to_request()).await;
                    assert_eq!(response.status(), 409);
                    let body = test::read_body(response).await;
                    let expected = expected.as_bytes();
                    assert!(
                        body.windows(expected.len()).any(|w| w == expected),
                        "{body:?}"
                    );
                    body
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
    targets = axum, actix, problem_axum, problem_actix, language_axum, language_actix
}
criterion_main!(benches);
