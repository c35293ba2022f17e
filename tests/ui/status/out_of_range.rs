use certifier_error::CertifierError;

#[derive(Debug, CertifierError)]
enum ApiError {
    #[certifier(status = 200, code = "all_good", message = "Nothing is wrong.")]
    AllGood,
}

fn main() {}
