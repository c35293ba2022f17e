//! The direct JSON writer (`CertifierError::write_json`) allocates nothing when the
//! buffer has room for the envelope, for every kind of variant, field and message.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt;

use certifier_error::{CertifierError, StandardError};

/// Counts the allocations of the current thread while counting is switched on.
struct CountingAllocator;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation() {
    // `try_with`: the thread's locals may already be gone while it shuts down.
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
    }
}

// SAFETY: every call is forwarded unchanged to the system allocator; the counting only
// touches `const`-initialised thread-local cells, which never allocate.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Writes `error` into a buffer with room to spare; returns the allocation count, after
/// checking the bytes against the `Serialize` path.
fn allocations_writing<T: CertifierError + serde::Serialize>(error: &T) -> usize {
    let mut out = Vec::with_capacity(4096);
    ALLOCATIONS.with(|count| count.set(0));
    COUNTING.with(|counting| counting.set(true));
    let result = error.write_json(&mut out);
    COUNTING.with(|counting| counting.set(false));
    result.unwrap();
    assert_eq!(out.capacity(), 4096, "the buffer itself grew");
    assert_eq!(out, serde_json::to_vec(error).unwrap());
    ALLOCATIONS.with(Cell::get)
}

#[derive(Debug, serde::Serialize)]
struct FieldError {
    field: String,
    reasons: Vec<&'static str>,
}

#[derive(Debug, serde::Serialize)]
struct Limits {
    window: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    remaining: Option<u32>,
}

#[derive(Debug)]
struct Plan(&'static str);

impl fmt::Display for Plan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} plan", self.0)
    }
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum Inner {
    #[certifier(code = "conflict", message = "Expected version {0}.")]
    Stale(#[certifier(extend, rename = "expected")] u64),
}

#[derive(Debug, CertifierError)]
#[certifier(rename_all = "camelCase")]
enum ApiError {
    #[certifier(code = "not_found")]
    Unit,
    #[certifier(status = 418, code = "teapot", message = "Literal \"quoted\"\n text.")]
    Literal,
    #[certifier(code = "invalid_version", message = "`{0}` is not supported.")]
    Tuple(String),
    #[certifier(code = "validation_error", message = "{count} invalid.")]
    Struct {
        count: usize,
        #[certifier(extend)]
        field_errors: Vec<FieldError>,
        #[certifier(extend)]
        tags: Vec<String>,
    },
    #[certifier(code = "rate_limited", message = "Retry in {retry_after} s.")]
    Extension {
        #[certifier(extend)]
        retry_after: u64,
        #[certifier(extend)]
        quota: Option<u32>,
        #[certifier(extend)]
        ratio: f64,
        #[certifier(flatten)]
        limits: Limits,
    },
    #[certifier(
        status = 402,
        code = "plan_limit",
        message = "The {plan} allows {max:>4}."
    )]
    Formatted {
        plan: Plan,
        #[certifier(extend)]
        max: u32,
    },
    #[certifier(transparent)]
    Standard(StandardError),
    #[certifier(transparent)]
    Derived(Inner),
}

#[derive(Debug, CertifierError)]
#[certifier(status = 409, code = "generic", message = "Label {label}.")]
struct Generic<T: fmt::Display + fmt::Debug + serde::Serialize> {
    label: T,
    #[certifier(extend)]
    value: T,
}

#[derive(Debug, CertifierError)]
#[certifier(doc_url = "https://docs.example.com/errors/{code}")]
enum Documented {
    #[certifier(code = "forbidden")]
    Forbidden,
    #[certifier(transparent)]
    Inner(Inner),
}

#[test]
fn every_variant_kind_writes_without_allocating() {
    let errors = [
        ApiError::Unit,
        ApiError::Literal,
        ApiError::Tuple("2019-\"01\"".into()),
        ApiError::Struct {
            count: 2,
            field_errors: vec![FieldError {
                field: "name".into(),
                reasons: vec!["empty", "too \"short\""],
            }],
            tags: vec!["a".into(), "b\n".into()],
        },
        ApiError::Extension {
            retry_after: 30,
            quota: Some(7),
            ratio: 0.5,
            limits: Limits {
                window: 60,
                remaining: None,
            },
        },
        ApiError::Extension {
            retry_after: 0,
            quota: None,
            ratio: f64::NAN,
            limits: Limits {
                window: 1,
                remaining: Some(0),
            },
        },
        ApiError::Formatted {
            plan: Plan("free"),
            max: 3,
        },
        ApiError::Standard(StandardError::RateLimited),
        ApiError::Derived(Inner::Stale(4)),
    ];
    for error in &errors {
        assert_eq!(allocations_writing(error), 0, "{error:?}");
    }
    assert_eq!(
        allocations_writing(&Generic {
            label: "l",
            value: "v"
        }),
        0
    );
    assert_eq!(allocations_writing(&Documented::Forbidden), 0);
    assert_eq!(allocations_writing(&Documented::Inner(Inner::Stale(1))), 0);
}

#[test]
fn a_trait_object_writes_without_allocating() {
    let error = ApiError::Tuple("v".into());
    let object: &dyn CertifierError = &error;
    let mut out = Vec::with_capacity(4096);
    ALLOCATIONS.with(|count| count.set(0));
    COUNTING.with(|counting| counting.set(true));
    object.write_json(&mut out).unwrap();
    COUNTING.with(|counting| counting.set(false));
    assert_eq!(ALLOCATIONS.with(Cell::get), 0);
    assert_eq!(out, serde_json::to_vec(&error).unwrap());
}

#[test]
fn the_count_sees_an_allocation() {
    let counted = {
        ALLOCATIONS.with(|count| count.set(0));
        COUNTING.with(|counting| counting.set(true));
        let text = std::hint::black_box(String::from("allocated"));
        COUNTING.with(|counting| counting.set(false));
        drop(text);
        ALLOCATIONS.with(Cell::get)
    };
    assert_eq!(counted, 1);
}
