use certifier_error::CertifierError;

// SCREAMING_CASE names are constants, captured as `format!` captures them; any other
// name must be a field, and a near miss is suggested.
const MAX_LEN: usize = 64;
#[allow(non_upper_case_globals)]
const max_len: usize = 64;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(code = "bad_request", message = "Names are at most {MAX_LEN} long; {name} is not.")]
    TooLong { name: String },
    #[certifier(code = "bad_request", message = "At most {max_len} for {nme}.")]
    Lowercase { name: String },
    // Mixed case is not SCREAMING_CASE.
    #[certifier(code = "bad_request", message = "At most {maxLen}.")]
    Mixed { name: String },
}

fn main() {}
