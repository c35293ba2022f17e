//! The `axum_server` example's router on a loopback port, called over HTTP.
#![cfg(feature = "axum")]

mod e2e;

#[allow(dead_code)]
#[path = "../../runtime/examples/support/axum_app.rs"]
mod axum_app;

use std::net::SocketAddr;

use axum::routing::get;
use axum::{Extension, Router};
use certifier_error::axum::{CertifierVersion, RequireVersionLayer};
use certifier_error::server::SupportedVersions;
use http_body_util::Full;
use hyper::body::Bytes;

use axum_app::api;

async fn serve_router(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    address
}

/// The example's router on its hardened server, with `limits`.
async fn serve_api(limits: api::Limits) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let router = axum_app::router(&limits);
        axum_app::serve(listener, router, &limits, std::future::pending()).await;
    });
    address
}

async fn serve() -> SocketAddr {
    serve_api(api::Limits::default()).await
}

#[tokio::test]
async fn every_code_answers_in_the_envelope() {
    e2e::check_all(serve().await).await;
}

#[test]
fn the_banner_lists_every_case() {
    e2e::check_banner("axum");
}

#[tokio::test]
async fn a_body_too_large_is_a_bad_request() {
    let address = serve().await;
    // The example's limit is 1 MiB.
    let big = format!(r#"{{"domain": "{}"}}"#, "a".repeat(3 << 20));
    let request = hyper::Request::post(format!("http://{address}/certificates"))
        .header("Certifier-Version", "2024-06-01")
        .header("Content-Type", "application/json")
        .body(Full::new(Bytes::from(big)))
        .unwrap();
    let answer = e2e::exchange("body too large", request).await;
    assert_eq!(answer.status, 400);
    assert_eq!(
        e2e::without_request_id("body too large", &answer),
        r#"{"error":{"code":"bad_request","message":"The request body is too large."}}"#
    );
}

/// A server that accepts the connection and never answers fails the test rather than
/// hanging it.
#[tokio::test]
#[should_panic(expected = "hung: no answer within")]
async fn a_hung_server_fails_the_test() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (_connection, _) = listener.accept().await.unwrap();
        std::future::pending::<()>().await;
    });
    let request = hyper::Request::get(format!("http://{address}/"))
        .body(Full::default())
        .unwrap();
    e2e::exchange_within(std::time::Duration::from_millis(200), "hung", request).await;
}

/// A typed path parameter that the segment cannot hold is a malformed parameter: the
/// answer names it.
#[tokio::test]
async fn a_path_segment_of_the_wrong_type_names_the_parameter() {
    use certifier_error::axum::Path;

    let router = Router::new()
        .route(
            "/items/{id}",
            get(|Path(id): Path<u32>| async move { id.to_string() }),
        )
        .route(
            "/pairs/{a}/{b}",
            get(|Path((a, b)): Path<(String, u8)>| async move { a + &b.to_string() }),
        );
    let address = serve_router(router).await;
    for (path, parameter, code, message) in [
        (
            "/items/seven",
            "id",
            "invalid_type",
            "This value has the wrong type.",
        ),
        (
            "/items/99999999999",
            "id",
            "invalid_type",
            "This value has the wrong type.",
        ),
        (
            "/items/%FF",
            "id",
            "invalid_value",
            "This value is not one of the accepted values.",
        ),
        (
            "/pairs/x/y",
            "b",
            "invalid_type",
            "This value has the wrong type.",
        ),
    ] {
        let request = hyper::Request::get(format!("http://{address}{path}"))
            .body(Full::default())
            .unwrap();
        let answer = e2e::exchange(path, request).await;
        assert_eq!(answer.status, 400, "{path}");
        assert_eq!(answer.headers["content-type"], "application/json", "{path}");
        let expected = format!(
            r#"{{"error":{{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":[{{"code":"{code}","message":"{message}","parameter":"{parameter}"}}]}}}}"#
        );
        assert_eq!(
            std::str::from_utf8(&answer.body).unwrap(),
            expected,
            "{path}"
        );
    }
}

/// Bodies, query strings, path parameters and validator and garde reports: every case
/// of `e2e::validation`.
#[tokio::test]
async fn validation_cases_name_what_does_not_fit() {
    use axum::routing::post;
    use certifier_error::axum::{Json, Path, Query};
    use certifier_error::Violations;
    use e2e::validation::{self, Order, Search, SignupG, SignupV};

    let router = Router::new()
        .route(
            "/orders",
            post(|Json(order): Json<Order>| async move { validation::order(order) })
                .get(|Query(search): Query<Search>| async move { validation::search(search) }),
        )
        .route(
            "/orders/{id}",
            get(|Path(id): Path<u32>| async move { validation::item(id) }),
        )
        .route(
            "/signup/validator",
            post(|Json(signup): Json<SignupV>| async move { validation::signup_validator(signup) }),
        )
        .route(
            "/signup/garde",
            post(|Json(signup): Json<SignupG>| async move {
                // The handler's own `?`, as the validation guide shows it.
                let name = validation::signup_garde(signup)?;
                Ok::<_, Violations>(name)
            }),
        );
    validation::check_validation(serve_router(router).await).await;
}

/// A route whose parameters do not fit the extractor is the server's fault.
#[tokio::test]
async fn a_path_extractor_that_does_not_fit_the_route_is_a_server_error() {
    use certifier_error::axum::Path;

    let router = Router::new().route(
        "/items/{id}",
        get(|Path((a, b)): Path<(String, String)>| async move { a + &b }),
    );
    let address = serve_router(router).await;
    let request = hyper::Request::get(format!("http://{address}/items/1"))
        .body(Full::default())
        .unwrap();
    let answer = e2e::exchange("two parameters", request).await;
    assert_eq!(answer.status, 500);
    assert_eq!(
        &answer.body[..],
        br#"{"error":{"code":"internal_server_error","message":"Something went wrong on our side; please try again later."}}"#
    );
}

/// Sends `GET /` with `version` (none if `None`); returns the status and body.
async fn get_root(address: SocketAddr, version: Option<&str>) -> (u16, String) {
    let mut request = hyper::Request::get(format!("http://{address}/"));
    if let Some(version) = version {
        request = request.header("Certifier-Version", version);
    }
    let answer = e2e::exchange("GET /", request.body(Full::default()).unwrap()).await;
    let body = String::from_utf8(answer.body.to_vec()).unwrap();
    (answer.status, body)
}

#[derive(Clone)]
struct Marker;

async fn versioned(CertifierVersion(version): CertifierVersion) -> String {
    version
}

/// The layer carries its versions: whichever order the router's layers are written
/// in, only a supported version gets through, and the handler sees it.
#[tokio::test]
async fn the_version_layer_works_in_either_order() {
    let versions = || RequireVersionLayer::new(SupportedVersions::new([api::VERSION]));
    let inner_first = Router::new()
        .route("/", get(versioned))
        .route_layer(versions())
        .layer(Extension(Marker));
    let outer_first = Router::new()
        .route("/", get(versioned))
        .layer(Extension(Marker))
        .route_layer(versions());
    for router in [inner_first, outer_first] {
        let address = serve_router(router).await;
        assert_eq!(
            get_root(address, Some(api::VERSION)).await,
            (200, api::VERSION.into())
        );
        let (status, body) = get_root(address, Some("1999-01-01")).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""code":"invalid_version""#), "{body}");
        let (status, body) = get_root(address, None).await;
        assert_eq!(status, 400);
        assert!(body.contains(r#""code":"missing_version""#), "{body}");
    }
}

/// `from_extractor` with the versions in an `Extension`: in the right order the check
/// works; in the wrong order the versions are missing, and the check answers 500
/// rather than accepting every version.
#[tokio::test]
async fn an_extractor_without_versions_accepts_nothing() {
    let extractor = || axum::middleware::from_extractor::<CertifierVersion>();
    let versions = || Extension(SupportedVersions::new([api::VERSION]));
    let right = Router::new()
        .route("/", get(versioned))
        .route_layer(extractor())
        .layer(versions());
    let address = serve_router(right).await;
    assert_eq!(get_root(address, Some(api::VERSION)).await.0, 200);
    assert_eq!(get_root(address, Some("1999-01-01")).await.0, 400);

    let wrong = Router::new()
        .route("/", get(versioned))
        .layer(versions())
        .route_layer(extractor());
    let address = serve_router(wrong).await;
    for version in [Some(api::VERSION), Some("1999-01-01"), None] {
        let (status, body) = get_root(address, version).await;
        assert_eq!(status, 500, "{version:?}: {body}");
        assert!(body.contains(r#""code":"internal_server_error""#), "{body}");
    }
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
fn a_generic_type_is_a_response() {
    use axum::response::IntoResponse;

    let response = Wrapped::Inner(Slow {
        retry_after: Some(7),
    })
    .into_response();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "7");
    assert_eq!(response.headers()["content-type"], "application/json");
    let response = Wrapped::Inner(Slow { retry_after: None }).into_response();
    assert!(response.headers().get("retry-after").is_none());
    let response = certifier_error::StandardError::Forbidden.into_response();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn a_second_domain_check_is_throttled() {
    e2e::check_domain_throttle(serve().await).await;
}

/// An app whose handlers answer bare statuses, behind the envelope layer.
async fn serve_bare() -> SocketAddr {
    use axum::body::Body;
    use axum::http::{HeaderValue, StatusCode};
    use axum::response::Response;
    use certifier_error::axum::{EnvelopeLayer, Path};
    use e2e::envelope::{bare_headers, Echo, BARE_BODY, CHALLENGE};

    async fn bare(axum::extract::Path(status): axum::extract::Path<u16>) -> Response {
        let mut response = Response::new(Body::from(BARE_BODY));
        *response.status_mut() = StatusCode::from_u16(status).unwrap();
        for (name, value) in bare_headers(status) {
            response
                .headers_mut()
                .insert(name, HeaderValue::from_static(value));
        }
        response
    }
    let router = Router::new()
        .route("/status/{status}", get(bare))
        .route(
            "/challenged",
            get(|| async {
                (
                    StatusCode::UNAUTHORIZED,
                    [("www-authenticate", "Basic realm=\"own\"")],
                )
            }),
        )
        .route("/ok", get(|| async { "fine" }))
        .route(
            "/echo/{text}",
            get(|Path(text): Path<String>| async move { Err::<(), _>(Echo(text)) }),
        )
        .layer(
            EnvelopeLayer::new()
                .with_request_id()
                .with_challenge(CHALLENGE)
                .with_problem_details(),
        );
    serve_router(router).await
}

#[tokio::test]
async fn bare_statuses_answer_in_the_envelope_of_the_table() {
    e2e::envelope::check_bare_statuses(serve_bare().await).await;
}

#[tokio::test]
async fn request_ids_are_echoed_or_made_up() {
    e2e::envelope::check_request_ids(serve().await).await;
}

#[tokio::test]
async fn both_frameworks_answer_alike() {
    e2e::envelope::check_same_answers(serve().await).await;
}

#[tokio::test]
async fn a_slow_handler_times_out_in_the_envelope() {
    let limits = api::Limits {
        request: std::time::Duration::from_millis(300),
        ..api::Limits::default()
    };
    e2e::envelope::check_timeout(serve_api(limits).await).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declared_length_over_the_limit_is_refused_at_once() {
    let address = serve().await;
    tokio::task::spawn_blocking(move || {
        e2e::envelope::check_declared_length(address, e2e::Framework::Axum)
    })
    .await
    .unwrap();
}

/// A client slow to send a connection's first request head, or its second one, is cut
/// off.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slowloris_client_is_cut_off() {
    let limits = api::Limits {
        header_read: std::time::Duration::from_secs(1),
        ..api::Limits::default()
    };
    let header_read = limits.header_read;
    let address = serve_api(limits).await;
    tokio::task::spawn_blocking(move || {
        e2e::envelope::check_slowloris(address, header_read);
        e2e::envelope::check_slow_second_request(address, header_read);
    })
    .await
    .unwrap();
}

#[tokio::test]
async fn log_lines_cannot_be_forged() {
    let log = e2e::envelope::log();
    e2e::envelope::check_log_injection(serve().await, &log).await;
}

#[tokio::test]
async fn a_long_id_is_refused_before_a_message_quotes_it() {
    let log = e2e::envelope::log();
    e2e::envelope::check_bounded_ids(serve().await, &log).await;
}

#[tokio::test]
async fn log_fields_read_back_as_logged() {
    let log = e2e::envelope::log();
    e2e::envelope::check_log_fields(serve_bare().await, &log).await;
}

/// The routes of `e2e::apps`: forms, validated extractors and field-keyed errors.
fn apps_router() -> Router {
    use axum::routing::post;
    use certifier_error::axum::{Form, Garde, Json, Path, Query, Valid};
    use e2e::apps::{self, Login, LoginV, NewUser, SearchG, SearchV, UserG, UserV};
    use e2e::validation::{SignupG, SignupV};

    Router::new()
        .route(
            "/login",
            post(|Form(login): Form<Login>| async move { apps::login(login) }),
        )
        .route(
            "/signup/valid",
            post(|Valid(Json(signup)): Valid<Json<SignupV>>| async move { signup.name }),
        )
        .route(
            "/search/valid",
            get(|search: Valid<Query<SearchV>>| async move {
                // `Deref` reaches the value through both wrappers.
                apps::search(&search.q, search.limit)
            }),
        )
        .route(
            "/login/valid",
            post(|login: Valid<Form<LoginV>>| async move { login.into_inner().0.name }),
        )
        .route(
            "/users/{name}/valid",
            get(|Valid(Path(user)): Valid<Path<UserV>>| async move { user.name }),
        )
        .route(
            "/signup/garde",
            post(|Garde(Json(signup)): Garde<Json<SignupG>>| async move { signup.name }),
        )
        .route(
            "/search/garde",
            get(|Garde(Query(search)): Garde<Query<SearchG>>| async move {
                apps::search(&search.q, search.limit)
            }),
        )
        .route(
            "/users/{name}/garde",
            get(|Garde(Path(user)): Garde<Path<UserG>>| async move { user.name }),
        )
        .route(
            "/users",
            post(|Json(user): Json<NewUser>| async move { apps::create_user(user) }),
        )
        .route(
            "/users/map",
            post(|Json(user): Json<NewUser>| async move { apps::create_user_from_map(user) }),
        )
        .route(
            "/users/own",
            post(|Json(user): Json<NewUser>| async move { apps::create_user_own(user) }),
        )
}

/// Every case of `e2e::apps`, and a form body over axum's default limit (2 MB).
#[tokio::test]
async fn app_cases_answer_in_the_envelope() {
    let address = serve_router(apps_router()).await;
    e2e::apps::check_apps(address).await;
    e2e::apps::check_form_too_large(address, 2 << 20).await;
}

/// The application errors of `e2e::answers`, behind the envelope layer with request ids.
async fn serve_apps() -> SocketAddr {
    use certifier_error::axum::EnvelopeLayer;

    async fn app(
        axum::extract::Path(case): axum::extract::Path<String>,
    ) -> Result<&'static str, e2e::answers::AppError> {
        e2e::answers::app(&case)
    }
    async fn caught(
        axum::extract::Path(case): axum::extract::Path<String>,
    ) -> Result<&'static str, e2e::answers::Caught> {
        e2e::answers::caught(&case)
    }
    let router = Router::new()
        .route("/apps/{case}", get(app))
        .route("/caught/{case}", get(caught))
        .layer(
            EnvelopeLayer::new()
                .with_request_id()
                .with_problem_details(),
        );
    serve_router(router).await
}

#[tokio::test]
async fn a_variant_sends_its_fixed_headers() {
    e2e::answers::check_fixed_headers(serve_apps().await).await;
}

#[tokio::test]
async fn the_log_names_the_variant_that_answered() {
    let log = e2e::envelope::log();
    e2e::answers::check_variant_logged(serve_apps().await, &log, "axum").await;
}

#[tokio::test]
async fn every_error_answers_as_a_problem_to_who_asks() {
    e2e::problem::check_problems(serve().await).await;
}

#[tokio::test]
async fn the_accept_header_chooses_the_format() {
    e2e::problem::check_negotiation(serve().await).await;
}

#[tokio::test]
async fn bare_statuses_answer_as_problems_too() {
    e2e::problem::check_bare_problems(serve_bare().await).await;
}

#[tokio::test]
async fn a_timeout_and_a_body_limit_answer_as_problems() {
    let limits = api::Limits {
        request: std::time::Duration::from_millis(300),
        ..api::Limits::default()
    };
    e2e::problem::check_timeout_problem(serve_api(limits).await).await;
    e2e::problem::check_body_limit_problem(serve().await).await;
}

#[tokio::test]
async fn members_named_as_the_problems_own_are_nested() {
    e2e::problem::check_reserved_members(serve_apps().await).await;
}

#[tokio::test]
async fn any_error_reaches_the_catch_all_and_its_cause_the_log() {
    let log = e2e::envelope::log();
    e2e::answers::check_catch_all(serve_apps().await, &log, "axum").await;
}

#[tokio::test]
async fn a_transparent_variant_adds_its_own_members() {
    e2e::answers::check_transparent_members(serve_apps().await).await;
}

#[tokio::test]
async fn every_error_answers_in_the_language_asked() {
    e2e::language::check_every_case_in(serve().await, serve().await, "fr-CH, en;q=0.5", "fr").await;
    e2e::language::check_every_case_in(serve().await, serve().await, "de", "de").await;
    let address = serve().await;
    e2e::language::check_exact_messages(address).await;
    e2e::language::check_fallbacks(address).await;
}

#[tokio::test]
async fn no_language_header_breaks_an_answer() {
    e2e::language::check_hostile_headers(serve().await).await;
}

#[tokio::test]
async fn a_timeout_answers_in_the_language_asked() {
    let limits = api::Limits {
        request: std::time::Duration::from_millis(300),
        ..api::Limits::default()
    };
    e2e::language::check_timeout_in_french(serve_api(limits).await).await;
}
