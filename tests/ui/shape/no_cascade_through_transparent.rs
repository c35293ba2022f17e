use certifier_error::{CertifierError, ErrorCatalogue};

#[derive(Debug, CertifierError)]
enum StorageError {
    #[certifier(code = "internal_server_error", mesage = "Storage is unavailable.")]
    Unavailable,
}

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "not_found")]
    NotFound,
    #[certifier(transparent)]
    Storage(#[from] StorageError),
}

fn main() {
    let error = ApiError::from(StorageError::Unavailable);
    let _ = (error.status(), ApiError::CATALOGUE, StorageError::CATALOGUE);
    let _ = ApiError::NotFound;
}
