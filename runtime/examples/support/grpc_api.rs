//! The certificate service of the gRPC examples, written by hand with tonic's server
//! and client building blocks and prost messages (no `.proto` build step): one unary
//! method, `certifier.Certificates/Get`, that answers each kind of error by the id it
//! is asked for.

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::task::{Context, Poll};

use certifier_error::tonic::StatusLayer;
use certifier_error::{CertifierError, StandardError, Violation, Violations};
use tonic::codegen::http;
use tonic::codegen::http::uri::PathAndQuery;
use tonic::server::{Grpc, NamedService, UnaryService};
use tonic::{Request, Response, Status};
use tonic_prost::ProstCodec;

/// The method's path.
pub const GET: &str = "/certifier.Certificates/Get";

#[derive(Clone, PartialEq, prost::Message)]
pub struct GetRequest {
    #[prost(string, tag = "1")]
    pub id: String,
}

#[derive(Clone, PartialEq, prost::Message)]
pub struct Certificate {
    #[prost(string, tag = "1")]
    pub id: String,
    #[prost(string, tag = "2")]
    pub domain: String,
}

/// A failure of the store: the cause the log keeps and the client never sees.
#[derive(Debug)]
pub struct StoreDown;

impl std::fmt::Display for StoreDown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("replica db-2 refused the connection")
    }
}

impl std::error::Error for StoreDown {}

/// The service's errors, the same type an HTTP API would answer with.
#[derive(Debug, CertifierError)]
#[certifier(domain = "certifier.example.com")]
pub enum ServiceError {
    #[certifier(code = "not_found", message = "No certificate has the id `{id}`.")]
    NotFound {
        #[certifier(extend)]
        id: String,
    },
    #[certifier(
        code = "conflict",
        message = "`{domain}` already has an active certificate.",
        grpc = "already_exists"
    )]
    Exists {
        domain: String,
        #[certifier(extend)]
        certificate_id: String,
    },
    #[certifier(
        code = "rate_limited",
        message = "Slow down; retry in {retry_after} s."
    )]
    Throttled {
        #[certifier(extend, header = "Retry-After")]
        retry_after: u64,
    },
    #[certifier(transparent)]
    Invalid(Violations),
    #[certifier(transparent)]
    Common(StandardError),
    #[certifier(code = "internal_server_error")]
    Store(#[source] StoreDown),
}

/// The answer to `Get` for `id`: each id names a case.
pub fn answer(id: &str) -> Result<Certificate, ServiceError> {
    match id {
        "cert_1" => Ok(Certificate {
            id: id.into(),
            domain: "example.com".into(),
        }),
        "taken" => Err(ServiceError::Exists {
            domain: "example.com".into(),
            certificate_id: "cert_1".into(),
        }),
        "throttled" => Err(ServiceError::Throttled { retry_after: 30 }),
        "invalid" => Err(ServiceError::Invalid(Violations::from_iter([
            Violation::at_path("too_long", ["domains", "0"]),
            Violation::at_parameter("missing", "limit"),
        ]))),
        "forbidden" => Err(ServiceError::Common(StandardError::Forbidden)),
        "down" => Err(ServiceError::Store(StoreDown)),
        "panic" => panic!("the handler panicked with a secret: hunter2"),
        _ => Err(ServiceError::NotFound { id: id.into() }),
    }
}

/// The ids of the cases, in the order the client example calls them.
pub const CASES: &[&str] = &[
    "cert_1",
    "missing",
    "taken",
    "throttled",
    "invalid",
    "forbidden",
    "down",
    "panic",
];

/// `Get`, as tonic's unary service.
struct GetMethod;

impl UnaryService<GetRequest> for GetMethod {
    type Response = Certificate;
    type Future = Pin<Box<dyn Future<Output = Result<Response<Certificate>, Status>> + Send>>;

    fn call(&mut self, request: Request<GetRequest>) -> Self::Future {
        Box::pin(async move {
            // `?` turns the derived error into a `Status` with its details.
            let certificate = answer(&request.get_ref().id)?;
            Ok(Response::new(certificate))
        })
    }
}

/// The service, routed by method path, as tonic's generated servers are.
#[derive(Clone, Default)]
pub struct Certificates;

impl NamedService for Certificates {
    const NAME: &'static str = "certifier.Certificates";
}

impl<B> tonic::codegen::Service<http::Request<B>> for Certificates
where
    B: tonic::codegen::Body + Send + 'static,
    B::Error: Into<tonic::codegen::StdError> + Send + 'static,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        if request.uri().path() != GET {
            return Box::pin(async { Ok(Status::unimplemented("no such method").into_http()) });
        }
        Box::pin(async move {
            let mut grpc = Grpc::new(ProstCodec::<Certificate, GetRequest>::default());
            Ok(grpc.unary(GetMethod, request).await)
        })
    }
}

/// Serves the service on `listener` behind [`StatusLayer`] with request ids, until
/// `shutdown` completes.
pub async fn serve(listener: tokio::net::TcpListener, shutdown: impl Future<Output = ()>) {
    let incoming = tonic::transport::server::TcpIncoming::from(listener);
    tonic::transport::Server::builder()
        .layer(StatusLayer::new().with_request_id())
        .add_service(Certificates)
        .serve_with_incoming_shutdown(incoming, shutdown)
        .await
        .expect("the gRPC server failed");
}

/// Calls `Get` for `id` on the server at `address`, with `request_id` as the
/// `x-request-id` metadata if given.
pub async fn get(
    address: SocketAddr,
    id: &str,
    request_id: Option<&str>,
) -> Result<Certificate, Status> {
    let channel = tonic::transport::Endpoint::from_shared(format!("http://{address}"))
        .expect("a valid address")
        .connect()
        .await
        .map_err(|error| Status::unavailable(error.to_string()))?;
    let mut client = tonic::client::Grpc::new(channel);
    client
        .ready()
        .await
        .map_err(|error| Status::unavailable(error.to_string()))?;
    let mut request = Request::new(GetRequest { id: id.into() });
    if let Some(request_id) = request_id {
        let value = request_id.parse().expect("an ASCII request id");
        request.metadata_mut().insert("x-request-id", value);
    }
    let codec = ProstCodec::<GetRequest, Certificate>::default();
    let path = PathAndQuery::from_static(GET);
    client
        .unary(request, path, codec)
        .await
        .map(Response::into_inner)
}
