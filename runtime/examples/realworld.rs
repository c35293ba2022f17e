//! A blogging API in the style of the "realworld" (Conduit) specification, served with
//! axum: users, profiles and articles over an in-memory store that fails as a
//! database does. One application that shows, in one place, what real services write
//! with this crate:
//!
//! - a `catch_all` variant that `?` reaches from any error (`anyhow::Error`);
//! - a third-party failure that is only `Debug + Display`, wrapped as a source;
//! - database constraints and field-keyed messages as `validation_error` items;
//! - validated extractors (`Valid<Json<..>>`, `Valid<Query<..>>`) and a form login
//!   (`Form<..>`);
//! - a rejection answered as it is, with members of the application's own (a
//!   `transparent` variant with `extend` fields);
//! - a fixed `Cache-Control: no-store` on the answers about credentials;
//! - the variant in every log line, so that the two kinds of 500 are told apart.
//!
//! ```sh
//! cargo run -p certifier-error --example realworld --features axum,validator,tracing [PORT]
//! ```
//!
//! Serves on 127.0.0.1 (port from the argument or `PORT`, default 3000). Try:
//!
//! ```sh
//! curl -s -X POST localhost:3000/api/users -H 'content-type: application/json' \
//!   -d '{"username": "ada", "email": "ada@example.com", "password": "correct horse"}'
//! curl -s -X POST localhost:3000/api/users -H 'content-type: application/json' \
//!   -d '{"username": "ada", "email": "ada@example.org", "password": "correct horse"}'
//! curl -s -X POST localhost:3000/api/users/login -d 'email=ada@example.com&password=wrong'
//! curl -s 'localhost:3000/api/articles?limit=1000'
//! ```

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::{get, post, put};
use axum::Router;
use certifier_error::axum::{EnvelopeLayer, Form, Json, Path, Query, Valid};
use certifier_error::server::PathRejection;
use certifier_error::{CertifierError, Violation, Violations};
use serde::{Deserialize, Serialize};
use validator::Validate;

#[path = "support/logging.rs"]
mod logging;

// ---------------------------------------------------------------------------------
// The store: what a database driver would give, failures included.

/// A failure of the store, shaped as a database driver's error (sqlx's, say).
#[derive(Debug)]
pub enum DbError {
    /// A unique constraint was violated; the driver names the constraint.
    Unique { constraint: &'static str },
    /// The database cannot be reached.
    Unavailable,
}

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DbError::Unique { constraint } => {
                write!(
                    f,
                    "duplicate key value violates unique constraint \"{constraint}\""
                )
            }
            DbError::Unavailable => f.write_str("connection pool timed out after 30 s"),
        }
    }
}

impl std::error::Error for DbError {}

/// The unique constraints of the store, with the request member each protects.
const UNIQUE: &[(&str, &str)] = &[
    ("users_username_key", "username"),
    ("users_email_key", "email"),
    ("articles_slug_key", "title"),
];

#[derive(Debug, Clone)]
struct User {
    username: String,
    email: String,
    password_hash: String,
    bio: String,
}

#[derive(Debug, Clone, Serialize)]
struct Article {
    slug: String,
    title: String,
    body: String,
    author: String,
}

/// The in-memory store. `outage` makes every call fail as a database that is down.
#[derive(Default)]
pub struct Store {
    users: Mutex<Vec<User>>,
    articles: Mutex<Vec<Article>>,
    outage: AtomicBool,
    tokens: AtomicU64,
}

impl Store {
    fn up(&self) -> Result<(), DbError> {
        match self.outage.load(Ordering::Relaxed) {
            true => Err(DbError::Unavailable),
            false => Ok(()),
        }
    }

    fn insert_user(&self, user: User) -> Result<(), DbError> {
        self.up()?;
        let mut users = self.users.lock().unwrap();
        if users.iter().any(|other| other.username == user.username) {
            return Err(DbError::Unique {
                constraint: "users_username_key",
            });
        }
        if users.iter().any(|other| other.email == user.email) {
            return Err(DbError::Unique {
                constraint: "users_email_key",
            });
        }
        users.push(user);
        Ok(())
    }

    fn user_by(&self, matches: impl Fn(&User) -> bool) -> Result<Option<User>, DbError> {
        self.up()?;
        Ok(self
            .users
            .lock()
            .unwrap()
            .iter()
            .find(|user| matches(user))
            .cloned())
    }

    fn insert_article(&self, article: Article) -> Result<(), DbError> {
        self.up()?;
        let mut articles = self.articles.lock().unwrap();
        if articles.iter().any(|other| other.slug == article.slug) {
            return Err(DbError::Unique {
                constraint: "articles_slug_key",
            });
        }
        articles.push(article);
        Ok(())
    }

    fn articles(&self) -> Result<Vec<Article>, DbError> {
        self.up()?;
        Ok(self.articles.lock().unwrap().clone())
    }

    fn update_article(&self, slug: &str, body: String) -> Result<(), DbError> {
        self.up()?;
        let mut articles = self.articles.lock().unwrap();
        if let Some(article) = articles.iter_mut().find(|article| article.slug == slug) {
            article.body = body;
        }
        Ok(())
    }
}

/// A password hasher from another crate, whose error is only `Debug + Display`: not a
/// `std::error::Error`, so it cannot be a source as it is.
mod hasher {
    #[derive(Debug)]
    pub struct HashError(pub &'static str);

    impl std::fmt::Display for HashError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "hashing failed: {}", self.0)
        }
    }

    pub fn hash(password: &str) -> Result<String, HashError> {
        if password.contains('\0') {
            return Err(HashError("NUL byte in input"));
        }
        Ok(format!("hash:{}", password.len()))
    }
}

/// The hasher's error made a source: a `std::error::Error` around it.
#[derive(Debug)]
pub struct HashFailure(hasher::HashError);

impl std::fmt::Display for HashFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for HashFailure {}

// ---------------------------------------------------------------------------------
// The application's errors.

#[derive(Debug, CertifierError)]
pub enum AppError {
    /// No token, or one the service did not issue; never cached.
    #[certifier(code = "unauthorized", header("Cache-Control", "no-store"))]
    Unauthorized,
    /// An email and password that do not match.
    #[certifier(
        code = "unauthorized",
        message = "The email or password is wrong.",
        header("Cache-Control", "no-store")
    )]
    WrongCredentials,
    /// Only an article's author may change it.
    #[certifier(
        code = "forbidden",
        message = "Only the author may change this article."
    )]
    NotAuthor,
    /// No such user or article.
    #[certifier(code = "not_found", message = "No {what} matches `{key}`.")]
    NotFound { what: &'static str, key: String },
    /// A request member that does not fit, or a value another record already holds.
    #[certifier(transparent)]
    Invalid(Violations),
    /// A path segment that does not fit, answered as the rejection says, with the
    /// route it was sent to.
    #[certifier(transparent)]
    BadPath {
        rejection: PathRejection,
        #[certifier(extend)]
        route: &'static str,
    },
    /// The database failed; the log keeps the driver's words.
    #[certifier(code = "internal_server_error")]
    Database(#[source] DbError),
    /// The password hasher failed.
    #[certifier(code = "internal_server_error")]
    Hashing(#[source] HashFailure),
    /// Anything else: `?` reaches it from any error.
    #[certifier(code = "internal_server_error", catch_all)]
    Other(anyhow::Error),
}

impl AppError {
    /// A store failure: a unique constraint is the request's fault, at the member it
    /// protects; anything else is the database's.
    fn from_db(error: DbError) -> Self {
        if let DbError::Unique { constraint } = error {
            if let Some(violation) = Violation::from_constraint(constraint, UNIQUE, "taken") {
                return AppError::Invalid(violation.with_message("has already been taken").into());
            }
        }
        AppError::Database(error)
    }
}

// ---------------------------------------------------------------------------------
// Requests and handlers.

type Shared = State<Arc<Store>>;

#[derive(Deserialize, Validate)]
struct NewUser {
    #[validate(length(min = 1, max = 40))]
    username: String,
    #[validate(email)]
    email: String,
    #[validate(length(min = 8))]
    password: String,
}

#[derive(Deserialize)]
struct Login {
    email: String,
    password: String,
}

#[derive(Serialize)]
struct UserAnswer {
    username: String,
    email: String,
    token: String,
    bio: String,
}

#[derive(Serialize)]
struct Profile {
    username: String,
    bio: String,
}

#[derive(Deserialize, Validate)]
struct NewArticle {
    #[validate(length(min = 1, max = 120))]
    title: String,
    #[validate(length(min = 1))]
    body: String,
}

#[derive(Deserialize, Validate)]
struct ArticleList {
    #[validate(range(min = 1, max = 100))]
    limit: Option<u32>,
}

/// Imported author names, one per line, each `name:bio`: a failure here is the
/// catch-all's (the text does not parse).
#[derive(Deserialize)]
struct Import {
    authors: String,
}

fn token_for(store: &Store, username: &str) -> String {
    let serial = store.tokens.fetch_add(1, Ordering::Relaxed);
    format!("{username}.{serial}")
}

/// The user a `Authorization: Token <username>.<serial>` header names.
fn authenticated(store: &Store, headers: &HeaderMap) -> Result<User, AppError> {
    let value = headers
        .get("authorization")
        .and_then(|value| value.to_str().ok());
    let token = value
        .and_then(|value| value.strip_prefix("Token "))
        .ok_or(AppError::Unauthorized)?;
    let (username, _serial) = token.split_once('.').ok_or(AppError::Unauthorized)?;
    let user = store
        .user_by(|user| user.username == username)
        .map_err(AppError::from_db)?;
    user.ok_or(AppError::Unauthorized)
}

async fn register(
    State(store): Shared,
    Valid(Json(new)): Valid<Json<NewUser>>,
) -> Result<Json<UserAnswer>, AppError> {
    let password_hash =
        hasher::hash(&new.password).map_err(|error| AppError::Hashing(HashFailure(error)))?;
    let user = User {
        username: new.username,
        email: new.email,
        password_hash,
        bio: String::new(),
    };
    store.insert_user(user.clone()).map_err(AppError::from_db)?;
    let token = token_for(&store, &user.username);
    Ok(Json(UserAnswer {
        username: user.username,
        email: user.email,
        token,
        bio: user.bio,
    }))
}

async fn login(
    State(store): Shared,
    Form(login): Form<Login>,
) -> Result<Json<UserAnswer>, AppError> {
    let user = store
        .user_by(|user| user.email == login.email)
        .map_err(AppError::from_db)?;
    let hash =
        hasher::hash(&login.password).map_err(|error| AppError::Hashing(HashFailure(error)))?;
    let user = user
        .filter(|user| user.password_hash == hash)
        .ok_or(AppError::WrongCredentials)?;
    let token = token_for(&store, &user.username);
    Ok(Json(UserAnswer {
        username: user.username,
        email: user.email,
        token,
        bio: user.bio,
    }))
}

async fn profile(
    State(store): Shared,
    Path(username): Path<String>,
) -> Result<Json<Profile>, AppError> {
    let user = store
        .user_by(|user| user.username == username)
        .map_err(AppError::from_db)?;
    let user = user.ok_or(AppError::NotFound {
        what: "user",
        key: username,
    })?;
    Ok(Json(Profile {
        username: user.username,
        bio: user.bio,
    }))
}

fn slug_of(title: &str) -> String {
    let words = title
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty());
    words
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

async fn create_article(
    State(store): Shared,
    headers: HeaderMap,
    Valid(Json(new)): Valid<Json<NewArticle>>,
) -> Result<Json<Article>, AppError> {
    let author = authenticated(&store, &headers)?;
    let article = Article {
        slug: slug_of(&new.title),
        title: new.title,
        body: new.body,
        author: author.username,
    };
    store
        .insert_article(article.clone())
        .map_err(AppError::from_db)?;
    Ok(Json(article))
}

async fn update_article(
    State(store): Shared,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    Json(update): Json<BTreeMap<String, String>>,
) -> Result<&'static str, AppError> {
    let Path(slug) = path.map_err(|rejection| AppError::BadPath {
        rejection,
        route: "/api/articles/{slug}",
    })?;
    let author = authenticated(&store, &headers)?;
    let articles = store.articles().map_err(AppError::from_db)?;
    let article = articles.iter().find(|article| article.slug == slug);
    let article = article.ok_or(AppError::NotFound {
        what: "article",
        key: slug.clone(),
    })?;
    if article.author != author.username {
        return Err(AppError::NotAuthor);
    }
    // realworld answers field-keyed messages; they become `validation_error` items.
    let mut problems: BTreeMap<&str, Vec<&'static str>> = BTreeMap::new();
    for field in update.keys().filter(|field| field.as_str() != "body") {
        problems
            .entry(field.as_str())
            .or_default()
            .push("cannot be changed");
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(Violations::from_field_messages(
            "read_only",
            problems,
        )));
    }
    let body = update.get("body").cloned().unwrap_or_default();
    store
        .update_article(&slug, body)
        .map_err(AppError::from_db)?;
    Ok("updated")
}

async fn list_articles(
    State(store): Shared,
    Valid(Query(list)): Valid<Query<ArticleList>>,
) -> Result<Json<Vec<Article>>, AppError> {
    // A store failure here goes through `?` to the catch-all: the log tells the two
    // 500s apart by their variant (`Database` above, `Other` here).
    let mut articles = store.articles()?;
    articles.truncate(list.limit.unwrap_or(20) as usize);
    Ok(Json(articles))
}

async fn import_authors(
    State(store): Shared,
    Json(import): Json<Import>,
) -> Result<String, AppError> {
    let mut imported = 0;
    for line in import.authors.lines() {
        let (name, bio) = line
            .split_once(':')
            .ok_or_else(|| anyhow::anyhow!("line {:?} has no `:`", line))?;
        let user = User {
            username: name.to_owned(),
            email: format!("{name}@imported.invalid"),
            password_hash: String::new(),
            bio: bio.to_owned(),
        };
        store.insert_user(user).map_err(AppError::from_db)?;
        imported += 1;
    }
    Ok(format!("{imported} imported"))
}

/// The API's router around `store`, every error in the envelope with request ids.
pub fn router(store: Arc<Store>) -> Router {
    Router::new()
        .route("/api/users", post(register))
        .route("/api/users/login", post(login))
        .route("/api/profiles/{username}", get(profile))
        .route("/api/articles", post(create_article).get(list_articles))
        .route("/api/articles/{slug}", put(update_article))
        .route("/api/authors/import", post(import_authors))
        .with_state(store)
        .layer(
            EnvelopeLayer::new()
                .with_request_id()
                .with_challenge(r#"Token realm="conduit""#),
        )
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    logging::init();
    let port = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("PORT").ok())
        .and_then(|port| port.parse().ok())
        .unwrap_or(3000);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("realworld API on http://{}", listener.local_addr()?);
    let store = Arc::new(Store::default());
    axum::serve(listener, router(store))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

#[cfg(test)]
mod tests {
    use std::net::SocketAddr;
    use std::sync::atomic::Ordering;
    use std::sync::Arc;
    use std::time::Duration;

    use certifier_error::ErrorResponse;
    use http_body_util::{BodyExt, Full};
    use hyper::body::Bytes;
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;

    use super::{router, Store};

    struct Answer {
        status: u16,
        headers: hyper::HeaderMap,
        body: String,
    }

    impl Answer {
        fn error(&self) -> ErrorResponse {
            ErrorResponse::from_parts(self.status, &self.headers, self.body.as_bytes())
        }

        /// The body without its last member, the request id.
        fn envelope(&self) -> &str {
            let at = self.body.rfind(r#","request_id":"#).expect("a request id");
            &self.body[..at]
        }
    }

    async fn serve() -> (SocketAddr, Arc<Store>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let store = Arc::new(Store::default());
        let app = router(store.clone());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        (address, store)
    }

    async fn send(
        address: SocketAddr,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        assert!(address.ip().is_loopback());
        let client = Client::builder(TokioExecutor::new()).build_http();
        let mut request = hyper::Request::builder()
            .method(method)
            .uri(format!("http://{address}{path}"));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request
            .body(Full::new(Bytes::from(body.to_owned())))
            .unwrap();
        let exchange = async {
            let response = client.request(request).await.unwrap();
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            Answer {
                status,
                headers,
                body: String::from_utf8(body.to_vec()).unwrap(),
            }
        };
        tokio::time::timeout(Duration::from_secs(10), exchange)
            .await
            .expect("an answer within 10 s")
    }

    const JSON: (&str, &str) = ("content-type", "application/json");
    const FORM: (&str, &str) = ("content-type", "application/x-www-form-urlencoded");

    async fn register(address: SocketAddr, username: &str, email: &str) -> Answer {
        let body = format!(
            r#"{{"username": "{username}", "email": "{email}", "password": "correct horse"}}"#
        );
        send(address, "POST", "/api/users", &[JSON], &body).await
    }

    fn token_of(answer: &Answer) -> String {
        let value: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
        format!("Token {}", value["token"].as_str().unwrap())
    }

    #[tokio::test]
    async fn a_unique_constraint_is_a_validation_error_at_its_member() {
        let (address, _) = serve().await;
        assert_eq!(
            register(address, "ada", "ada@example.com").await.status,
            200
        );
        let taken = register(address, "ada", "ada@example.org").await;
        assert_eq!(taken.status, 400);
        assert_eq!(
            taken.envelope(),
            r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":[{"code":"taken","message":"has already been taken","pointer":"/username"}]"#
        );
        let taken = register(address, "grace", "ada@example.com").await;
        assert!(
            taken.body.contains(r#""pointer":"/email""#),
            "{}",
            taken.body
        );
    }

    #[tokio::test]
    async fn a_body_that_breaks_its_rules_names_each_member() {
        let (address, _) = serve().await;
        let body = r#"{"username": "", "email": "not an email", "password": "short"}"#;
        let answer = send(address, "POST", "/api/users", &[JSON], body).await;
        assert_eq!(answer.status, 400);
        let error = answer.error();
        let errors = error.error.extensions["errors"].as_array().unwrap();
        let pointers: Vec<&str> = errors
            .iter()
            .map(|item| item["pointer"].as_str().unwrap())
            .collect();
        assert_eq!(pointers, ["/email", "/password", "/username"]);
    }

    #[tokio::test]
    async fn a_wrong_password_is_never_cached() {
        let (address, _) = serve().await;
        register(address, "ada", "ada@example.com").await;
        let answer = send(
            address,
            "POST",
            "/api/users/login",
            &[FORM],
            "email=ada%40example.com&password=wrong+horse",
        )
        .await;
        assert_eq!(answer.status, 401);
        assert_eq!(answer.headers["cache-control"], "no-store");
        assert_eq!(
            answer.headers["www-authenticate"],
            r#"Token realm="conduit""#
        );
        assert_eq!(
            answer.envelope(),
            r#"{"error":{"code":"unauthorized","message":"The email or password is wrong.""#
        );
        let answer = send(
            address,
            "POST",
            "/api/users/login",
            &[FORM],
            "email=ada%40example.com&password=correct+horse",
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        // A form field that is missing is a parameter of the form.
        let answer = send(
            address,
            "POST",
            "/api/users/login",
            &[FORM],
            "email=ada%40example.com",
        )
        .await;
        assert_eq!(answer.status, 400);
        assert!(
            answer.body.contains(r#""parameter":"password""#),
            "{}",
            answer.body
        );
    }

    #[tokio::test]
    async fn articles_belong_to_their_author() {
        let (address, _) = serve().await;
        let ada = token_of(&register(address, "ada", "ada@example.com").await);
        let grace = token_of(&register(address, "grace", "grace@example.com").await);
        let article = r#"{"title": "On Engines", "body": "Notes."}"#;
        let answer = send(
            address,
            "POST",
            "/api/articles",
            &[JSON, ("authorization", &ada)],
            article,
        )
        .await;
        assert_eq!(answer.status, 200, "{}", answer.body);
        // The slug is unique: the constraint points at the title.
        let again = send(
            address,
            "POST",
            "/api/articles",
            &[JSON, ("authorization", &grace)],
            article,
        )
        .await;
        assert!(
            again.body.contains(r#""pointer":"/title""#),
            "{}",
            again.body
        );
        // Without a token.
        let answer = send(address, "POST", "/api/articles", &[JSON], article).await;
        assert_eq!(
            (
                answer.status,
                answer.headers["cache-control"].to_str().unwrap()
            ),
            (401, "no-store")
        );
        // Another author.
        let update = r#"{"body": "Mine now."}"#;
        let answer = send(
            address,
            "PUT",
            "/api/articles/on-engines",
            &[JSON, ("authorization", &grace)],
            update,
        )
        .await;
        assert_eq!(answer.status, 403);
        // Field-keyed messages, as realworld writes them, become items.
        let update = r#"{"body": "More.", "slug": "x", "title": "y"}"#;
        let answer = send(
            address,
            "PUT",
            "/api/articles/on-engines",
            &[JSON, ("authorization", &ada)],
            update,
        )
        .await;
        assert_eq!(
            answer.envelope(),
            concat!(
                r#"{"error":{"code":"validation_error","message":"One or more parameters are missing or invalid.","errors":["#,
                r#"{"code":"read_only","message":"cannot be changed","pointer":"/slug"},"#,
                r#"{"code":"read_only","message":"cannot be changed","pointer":"/title"}]"#
            )
        );
        let answer = send(
            address,
            "PUT",
            "/api/articles/nothing",
            &[JSON, ("authorization", &ada)],
            update,
        )
        .await;
        assert_eq!(
            answer.envelope(),
            r#"{"error":{"code":"not_found","message":"No article matches `nothing`.""#
        );
    }

    #[tokio::test]
    async fn a_rejection_keeps_its_answer_and_gains_the_route() {
        let (address, _) = serve().await;
        let ada = token_of(&register(address, "ada", "ada@example.com").await);
        let answer = send(
            address,
            "PUT",
            "/api/articles/%FF",
            &[JSON, ("authorization", &ada)],
            "{}",
        )
        .await;
        assert_eq!(answer.status, 400, "{}", answer.body);
        let error = answer.error();
        assert_eq!(error.code().as_str(), "validation_error");
        assert_eq!(error.error.extensions["route"], "/api/articles/{slug}");
        assert_eq!(error.error.extensions["errors"][0]["parameter"], "slug");
    }

    #[tokio::test]
    async fn a_query_out_of_range_names_its_parameter() {
        let (address, _) = serve().await;
        let answer = send(address, "GET", "/api/articles?limit=1000", &[], "").await;
        assert_eq!(answer.status, 400);
        assert_eq!(
            answer.error().error.extensions["errors"][0]["parameter"],
            "limit"
        );
    }

    #[tokio::test]
    async fn an_outage_and_a_bad_import_are_500s_without_their_causes() {
        let (address, store) = serve().await;
        let answer = send(
            address,
            "POST",
            "/api/authors/import",
            &[JSON],
            r#"{"authors": "ada: engines\nno colon"}"#,
        )
        .await;
        assert_eq!(answer.status, 500);
        assert!(!answer.body.contains("colon"), "{}", answer.body);
        store.outage.store(true, Ordering::Relaxed);
        for (method, path, body) in [
            ("GET", "/api/profiles/ada", ""),
            ("GET", "/api/articles", ""),
            (
                "POST",
                "/api/users",
                r#"{"username": "bo", "email": "bo@example.com", "password": "correct horse"}"#,
            ),
        ] {
            let answer = send(address, method, path, &[JSON], body).await;
            assert_eq!(answer.status, 500, "{path}");
            assert_eq!(
                answer.envelope(),
                r#"{"error":{"code":"internal_server_error","message":"Something went wrong on our side; please try again later.""#,
                "{path}"
            );
            assert!(!answer.body.contains("pool"));
        }
    }

    #[tokio::test]
    async fn a_hasher_failure_is_a_source_not_a_message() {
        let (address, _) = serve().await;
        let body =
            r#"{"username": "nul", "email": "nul@example.com", "password": "correct\u0000horse"}"#;
        let answer = send(address, "POST", "/api/users", &[JSON], body).await;
        assert_eq!(answer.status, 500);
        assert!(!answer.body.contains("NUL"), "{}", answer.body);
    }

    #[tokio::test]
    async fn an_unknown_user_is_not_found() {
        let (address, _) = serve().await;
        let answer = send(address, "GET", "/api/profiles/nobody", &[], "").await;
        assert_eq!(
            answer.envelope(),
            r#"{"error":{"code":"not_found","message":"No user matches `nobody`.""#
        );
    }
}
