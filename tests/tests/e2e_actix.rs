//! The `actix_server` example's app on a loopback port, called over HTTP.
#![cfg(feature = "actix-web")]

mod e2e;

#[allow(dead_code)]
#[path = "../../runtime/examples/support/actix_app.rs"]
mod actix_app;

use std::net::SocketAddr;
use std::sync::mpsc;

use actix_web::{web, App, HttpServer};
use certifier_error::actix_web::{
    json_config, path_config, query_config, CertifierVersion, RequireVersion,
};
use certifier_error::server::SupportedVersions;
use http_body_util::Full;

use actix_app::api;

/// Runs the app `configure` builds on its own thread and actix system; returns its
/// address.
fn serve_with<F>(configure: F) -> SocketAddr
where
    F: Fn(&mut web::ServiceConfig) + Clone + Send + 'static,
{
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(move || App::new().configure(configure.clone()))
                .workers(1)
                .bind(("127.0.0.1", 0))
                .unwrap();
            sender.send(server.addrs()[0]).unwrap();
            server.run().await
        })
    });
    receiver
        .recv_timeout(e2e::TIMEOUT)
        .expect("the server did not start in time")
}

/// The example's app, wrapped as the example wraps it, on a server hardened as the
/// example's, with `limits`.
fn serve_api(limits: api::Limits) -> SocketAddr {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let (server, addresses) = actix_app::server(("127.0.0.1", 0), limits, 1).unwrap();
            sender.send(addresses[0]).unwrap();
            server.await
        })
    });
    receiver
        .recv_timeout(e2e::TIMEOUT)
        .expect("the server did not start in time")
}

fn serve() -> SocketAddr {
    serve_api(api::Limits::default())
}

#[tokio::test]
async fn every_code_answers_in_the_envelope() {
    e2e::check_all(serve()).await;
}

#[test]
fn the_banner_lists_every_case() {
    e2e::check_banner("actix-web");
}

async fn get(address: SocketAddr, path: &str, version: Option<&str>) -> (u16, String) {
    let mut request = hyper::Request::get(format!("http://{address}{path}"));
    if let Some(version) = version {
        request = request.header("Certifier-Version", version);
    }
    let answer = e2e::exchange(path, request.body(Full::default()).unwrap()).await;
    if answer.status >= 400 {
        assert_eq!(answer.headers["content-type"], "application/json", "{path}");
    }
    (
        answer.status,
        String::from_utf8(answer.body.to_vec()).unwrap(),
    )
}

/// `web::Path` and `web::Query` with the configurations: a typed path parameter that
/// the segment cannot hold, and a query string that does not fit, name the parameter
/// where actix-web's error lets them.
#[tokio::test]
async fn path_and_query_rejections_answer_in_the_envelope() {
    #[derive(serde::Deserialize)]
    struct Page {
        #[allow(dead_code)]
        size: u8,
        #[allow(dead_code)]
        tag: Option<String>,
    }
    #[derive(serde::Deserialize)]
    struct Named {
        #[allow(dead_code)]
        id: String,
        rev: u32,
    }
    let address = serve_with(|config| {
        config
            .app_data(path_config())
            .app_data(query_config())
            .app_data(json_config())
            .route(
                "/items/{id}",
                web::get().to(|id: web::Path<u32>| async move { id.to_string() }),
            )
            .route(
                "/pairs/{a}/{b}",
                web::get().to(|pair: web::Path<(String, u8)>| async move {
                    let (a, b) = pair.into_inner();
                    a + &b.to_string()
                }),
            )
            .route(
                "/pages",
                web::get().to(|page: web::Query<Page>| async move { page.size.to_string() }),
            )
            .route(
                "/typed/{a}/{b}",
                web::get().to(
                    |certifier_error::actix_web::Path((a, b)): certifier_error::actix_web::Path<
                        (u8, u8),
                    >| async move { (a + b).to_string() },
                ),
            )
            .route(
                "/named/{id}/{rev}",
                web::get().to(
                    |certifier_error::actix_web::Path(named): certifier_error::actix_web::Path<
                        Named,
                    >| async move { named.rev.to_string() },
                ),
            );
    });
    let invalid = |item: &str| {
        format!(
            r#"{{"error":{{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":[{item}]}}}}"#
        )
    };
    let wrong_type = |parameter: &str| {
        invalid(&format!(
            r#"{{"code":"invalid_type","message":"This value has the wrong type.","parameter":"{parameter}"}}"#
        ))
    };
    for (path, body) in [
        ("/items/seven", wrong_type("id")),
        ("/items/99999999999", wrong_type("id")),
        ("/pairs/x/y", wrong_type("b")),
        ("/pages?size=ten", wrong_type("size")),
        (
            "/pages?tag=a",
            invalid(
                r#"{"code":"missing","message":"A required value is missing.","parameter":"size"}"#,
            ),
        ),
        // Two parameters, and actix-web's error quotes no value: the parameter cannot
        // be named.
        ("/pages?tag=a&size=ten", invalid("")),
        // The crate's `Path` names it even where both segments hold the same value.
        ("/typed/x/x", wrong_type("a")),
        ("/typed/1/x", wrong_type("b")),
        ("/named/x/x", wrong_type("rev")),
        // Not UTF-8 once percent-decoded: refused as axum refuses it, where actix-web
        // would decode it lossily.
        (
            "/named/%FF/1",
            invalid(
                r#"{"code":"invalid_value","message":"This value is not one of the accepted values.","parameter":"id"}"#,
            ),
        ),
        (
            "/typed/1/%C3",
            invalid(
                r#"{"code":"invalid_value","message":"This value is not one of the accepted values.","parameter":"b"}"#,
            ),
        ),
    ] {
        assert_eq!(get(address, path, None).await, (400, body), "{path}");
    }
}

/// Bodies, query strings, path parameters and validator and garde reports: every case
/// of `e2e::validation`, with this crate's `Json` and `Query` extractors and
/// `path_config` for `web::Path`.
#[tokio::test]
async fn validation_cases_name_what_does_not_fit() {
    use certifier_error::actix_web::{Json, Query};
    use certifier_error::Violations;
    use e2e::validation::{self, Order, Search, SignupG, SignupV};

    let address = serve_with(|config| {
        config
            .app_data(path_config())
            .route(
                "/orders",
                web::post().to(|Json(order): Json<Order>| async move { validation::order(order) }),
            )
            .route(
                "/orders",
                web::get()
                    .to(|Query(search): Query<Search>| async move { validation::search(search) }),
            )
            .route(
                "/orders/{id}",
                web::get()
                    .to(|id: web::Path<u32>| async move { validation::item(id.into_inner()) }),
            )
            .route(
                "/signup/validator",
                web::post().to(|Json(signup): Json<SignupV>| async move {
                    validation::signup_validator(signup)
                }),
            )
            .route(
                "/signup/garde",
                web::post().to(|Json(signup): Json<SignupG>| async move {
                    let name = validation::signup_garde(signup)?;
                    Ok::<_, Violations>(name)
                }),
            );
    });
    validation::check_validation(address).await;
}

/// `web::Json` with `json_config`: actix-web drops the body before the error handler
/// runs, so a misfit points at the whole body, and a wrong type before the end of a
/// truncated body counts as a misfit.
#[tokio::test]
async fn web_json_answers_with_the_whole_body_as_the_pointer() {
    let address = serve_with(|config| {
        config.app_data(json_config()).route(
            "/orders",
            web::post().to(|order: web::Json<e2e::validation::Order>| async move {
                e2e::validation::order(order.into_inner())
            }),
        );
    });
    for (body, expected) in [
        (
            r#"{"certificate":{"domains":[7],"validity_days":1},"contacts":[]}"#,
            r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":[{"code":"invalid_type","message":"This value has the wrong type.","pointer":""}]}}"#,
        ),
        (
            r#"{"certificate":"#,
            r#"{"error":{"code":"invalid_json","message":"The request body is not valid JSON.","errors":[{"code":"invalid_syntax","message":"The JSON is malformed or cut short here.","pointer":""}]}}"#,
        ),
    ] {
        let request = hyper::Request::post(format!("http://{address}/orders"))
            .header("content-type", "application/json")
            .body(Full::new(body.to_owned().into()))
            .unwrap();
        let answer = e2e::exchange(body, request).await;
        assert_eq!(
            (answer.status, std::str::from_utf8(&answer.body).unwrap()),
            (400, expected),
            "{body}"
        );
    }
}

async fn versioned(version: CertifierVersion) -> String {
    version.0
}

/// The middleware carries its versions; the extractor sees them. Without the
/// middleware and without versions in the app data, the extractor accepts nothing.
#[tokio::test]
async fn the_version_middleware_carries_its_versions() {
    let address = serve_with(|config| {
        config
            .service(
                web::scope("/checked")
                    .wrap(RequireVersion::new(SupportedVersions::new([api::VERSION])))
                    .route("", web::get().to(versioned)),
            )
            .route("/unchecked", web::get().to(versioned));
    });
    assert_eq!(
        get(address, "/checked", Some(api::VERSION)).await,
        (200, api::VERSION.into())
    );
    let (status, body) = get(address, "/checked", Some("1999-01-01")).await;
    assert_eq!(status, 400);
    assert!(body.contains(r#""code":"invalid_version""#), "{body}");
    let (status, body) = get(address, "/checked", None).await;
    assert_eq!(status, 400);
    assert!(body.contains(r#""code":"missing_version""#), "{body}");
    for version in [Some(api::VERSION), Some("1999-01-01"), None] {
        let (status, body) = get(address, "/unchecked", version).await;
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

#[tokio::test]
async fn a_second_domain_check_is_throttled() {
    e2e::check_domain_throttle(serve()).await;
}

/// The crate's `Json` keeps `web::PayloadConfig`'s limit (256 KiB by default): a body
/// over it is a bad request, a body without a JSON content type is `invalid_json`.
#[tokio::test]
async fn the_json_extractor_refuses_large_and_untyped_bodies() {
    use certifier_error::actix_web::Json;

    let address = serve_with(|config| {
        config.route(
            "/orders",
            web::post().to(|Json(order): Json<e2e::validation::Order>| async move {
                e2e::validation::order(order)
            }),
        );
    });
    let big = format!(
        r#"{{"certificate":{{"domains":["{}"]}}}}"#,
        "a".repeat(300 << 10)
    );
    for (content_type, body, expected) in [
        (
            "application/json",
            big,
            r#"{"error":{"code":"bad_request","message":"The request body is too large."}}"#,
        ),
        (
            "text/plain",
            "{}".to_owned(),
            r#"{"error":{"code":"invalid_json","message":"The request body must be JSON, sent with `content-type: application/json`."}}"#,
        ),
    ] {
        let request = hyper::Request::post(format!("http://{address}/orders"))
            .header("content-type", content_type)
            .body(Full::new(body.into()))
            .unwrap();
        let answer = e2e::exchange(content_type, request).await;
        assert_eq!(
            (answer.status, std::str::from_utf8(&answer.body).unwrap()),
            (400, expected),
            "{content_type}"
        );
    }
}

/// An app whose handlers answer bare statuses, behind the envelope middleware.
fn serve_bare() -> SocketAddr {
    use actix_web::http::StatusCode;
    use actix_web::HttpResponse;
    use certifier_error::actix_web::Envelope;
    use e2e::envelope::{bare_headers, Echo, BARE_BODY, CHALLENGE};

    async fn bare(status: web::Path<u16>) -> HttpResponse {
        let mut response = HttpResponse::build(StatusCode::from_u16(*status).unwrap());
        for header in bare_headers(*status) {
            response.insert_header(header);
        }
        response.body(BARE_BODY)
    }
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new()
                    .wrap(
                        Envelope::new()
                            .with_request_id()
                            .with_challenge(CHALLENGE)
                            .with_problem_details(),
                    )
                    .route("/status/{status}", web::get().to(bare))
                    .route(
                        "/challenged",
                        web::get().to(|| async {
                            HttpResponse::Unauthorized()
                                .insert_header(("www-authenticate", "Basic realm=\"own\""))
                                .finish()
                        }),
                    )
                    .route("/ok", web::get().to(|| async { "fine" }))
                    .route(
                        "/echo/{text}",
                        web::get().to(|text: web::Path<String>| async move {
                            Err::<HttpResponse, _>(Echo(text.into_inner()))
                        }),
                    )
            })
            .workers(1)
            .bind(("127.0.0.1", 0))
            .unwrap();
            sender.send(server.addrs()[0]).unwrap();
            server.run().await
        })
    });
    receiver.recv_timeout(e2e::TIMEOUT).unwrap()
}

#[tokio::test]
async fn bare_statuses_answer_in_the_envelope_of_the_table() {
    e2e::envelope::check_bare_statuses(serve_bare()).await;
}

#[tokio::test]
async fn request_ids_are_echoed_or_made_up() {
    e2e::envelope::check_request_ids(serve()).await;
}

#[tokio::test]
async fn both_frameworks_answer_alike() {
    e2e::envelope::check_same_answers(serve()).await;
}

#[tokio::test]
async fn a_slow_handler_times_out_in_the_envelope() {
    let limits = api::Limits {
        request: std::time::Duration::from_millis(300),
        ..api::Limits::default()
    };
    e2e::envelope::check_timeout(serve_api(limits)).await;
}

#[test]
fn a_declared_length_over_the_limit_is_refused_at_once() {
    e2e::envelope::check_declared_length(serve(), e2e::Framework::Actix);
}

/// A client slow to send a connection's first request head, or its second one, is cut
/// off.
#[test]
fn a_slowloris_client_is_cut_off() {
    let limits = api::Limits {
        header_read: std::time::Duration::from_secs(1),
        ..api::Limits::default()
    };
    let header_read = limits.header_read;
    let address = serve_api(limits);
    e2e::envelope::check_slowloris(address, header_read);
    e2e::envelope::check_slow_second_request(address, header_read);
}

#[tokio::test]
async fn log_lines_cannot_be_forged() {
    let log = e2e::envelope::log();
    e2e::envelope::check_log_injection(serve(), &log).await;
}

#[tokio::test]
async fn a_long_id_is_refused_before_a_message_quotes_it() {
    let log = e2e::envelope::log();
    e2e::envelope::check_bounded_ids(serve(), &log).await;
}

#[tokio::test]
async fn log_fields_read_back_as_logged() {
    let log = e2e::envelope::log();
    e2e::envelope::check_log_fields(serve_bare(), &log).await;
}

/// The routes of `e2e::apps`: forms, validated extractors and field-keyed errors.
fn apps_routes(config: &mut web::ServiceConfig) {
    use certifier_error::actix_web::{Form, Garde, Json, Path, Query, Valid};
    use e2e::apps::{self, Login, LoginV, NewUser, SearchG, SearchV, UserG, UserV};
    use e2e::validation::{SignupG, SignupV};

    config
        .route(
            "/login",
            web::post().to(|Form(login): Form<Login>| async move { apps::login(login) }),
        )
        .route(
            "/signup/valid",
            web::post().to(|Valid(Json(signup)): Valid<Json<SignupV>>| async move { signup.name }),
        )
        .route(
            "/search/valid",
            web::get().to(|search: Valid<Query<SearchV>>| async move {
                // `Deref` reaches the value through both wrappers.
                apps::search(&search.q, search.limit)
            }),
        )
        .route(
            "/login/valid",
            web::post().to(|login: Valid<Form<LoginV>>| async move { login.into_inner().0.name }),
        )
        .route(
            "/users/{name}/valid",
            web::get().to(|Valid(Path(user)): Valid<Path<UserV>>| async move { user.name }),
        )
        .route(
            "/signup/garde",
            web::post().to(|Garde(Json(signup)): Garde<Json<SignupG>>| async move { signup.name }),
        )
        .route(
            "/search/garde",
            web::get().to(|Garde(Query(search)): Garde<Query<SearchG>>| async move {
                apps::search(&search.q, search.limit)
            }),
        )
        .route(
            "/users/{name}/garde",
            web::get().to(|Garde(Path(user)): Garde<Path<UserG>>| async move { user.name }),
        )
        .route(
            "/users",
            web::post().to(|Json(user): Json<NewUser>| async move { apps::create_user(user) }),
        )
        .route(
            "/users/map",
            web::post()
                .to(|Json(user): Json<NewUser>| async move { apps::create_user_from_map(user) }),
        )
        .route(
            "/users/own",
            web::post().to(|Json(user): Json<NewUser>| async move { apps::create_user_own(user) }),
        );
}

/// Every case of `e2e::apps`, and a form body over `web::PayloadConfig`'s default limit
/// (256 KiB).
#[tokio::test]
async fn app_cases_answer_in_the_envelope() {
    let address = serve_with(apps_routes);
    e2e::apps::check_apps(address).await;
    e2e::apps::check_form_too_large(address, 256 << 10).await;
}

/// The application errors of `e2e::answers`, behind the envelope middleware with request
/// ids.
fn serve_apps() -> SocketAddr {
    use certifier_error::actix_web::Envelope;

    async fn app(case: web::Path<String>) -> Result<&'static str, e2e::answers::AppError> {
        e2e::answers::app(&case)
    }
    async fn caught(case: web::Path<String>) -> Result<&'static str, e2e::answers::Caught> {
        e2e::answers::caught(&case)
    }
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            let server = HttpServer::new(|| {
                App::new()
                    .wrap(Envelope::new().with_request_id().with_problem_details())
                    .route("/apps/{case}", web::get().to(app))
                    .route("/caught/{case}", web::get().to(caught))
            })
            .workers(1)
            .bind(("127.0.0.1", 0))
            .unwrap();
            sender.send(server.addrs()[0]).unwrap();
            server.run().await
        })
    });
    receiver.recv_timeout(e2e::TIMEOUT).unwrap()
}

#[tokio::test]
async fn a_variant_sends_its_fixed_headers() {
    e2e::answers::check_fixed_headers(serve_apps()).await;
}

#[tokio::test]
async fn the_log_names_the_variant_that_answered() {
    let log = e2e::envelope::log();
    e2e::answers::check_variant_logged(serve_apps(), &log, "actix").await;
}

#[tokio::test]
async fn every_error_answers_as_a_problem_to_who_asks() {
    e2e::problem::check_problems(serve()).await;
}

#[tokio::test]
async fn the_accept_header_chooses_the_format() {
    e2e::problem::check_negotiation(serve()).await;
}

#[tokio::test]
async fn bare_statuses_answer_as_problems_too() {
    e2e::problem::check_bare_problems(serve_bare()).await;
}

#[tokio::test]
async fn a_timeout_and_a_body_limit_answer_as_problems() {
    let limits = api::Limits {
        request: std::time::Duration::from_millis(300),
        ..api::Limits::default()
    };
    e2e::problem::check_timeout_problem(serve_api(limits)).await;
    e2e::problem::check_body_limit_problem(serve()).await;
}

#[tokio::test]
async fn members_named_as_the_problems_own_are_nested() {
    e2e::problem::check_reserved_members(serve_apps()).await;
}

#[tokio::test]
async fn any_error_reaches_the_catch_all_and_its_cause_the_log() {
    let log = e2e::envelope::log();
    e2e::answers::check_catch_all(serve_apps(), &log, "actix").await;
}

#[tokio::test]
async fn a_transparent_variant_adds_its_own_members() {
    e2e::answers::check_transparent_members(serve_apps()).await;
}

#[tokio::test]
async fn every_error_answers_in_the_language_asked() {
    e2e::language::check_every_case_in(serve(), serve(), "fr-CH, en;q=0.5", "fr").await;
    e2e::language::check_every_case_in(serve(), serve(), "de", "de").await;
    let address = serve();
    e2e::language::check_exact_messages(address).await;
    e2e::language::check_fallbacks(address).await;
}

#[tokio::test]
async fn no_language_header_breaks_an_answer() {
    e2e::language::check_hostile_headers(serve()).await;
}

#[tokio::test]
async fn a_timeout_answers_in_the_language_asked() {
    let limits = api::Limits {
        request: std::time::Duration::from_millis(300),
        ..api::Limits::default()
    };
    e2e::language::check_timeout_in_french(serve_api(limits)).await;
}
