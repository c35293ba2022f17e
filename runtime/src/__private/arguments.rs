//! How a derived error hands its message's arguments to a translation: the receiver
//! trait the generated `translatable` method calls, and the question that passes a
//! number as a number (so that plural rules apply) and anything else as its text.

use core::fmt::Display;

use super::choice::{FirstChoice, LastChoice};

/// What receives a message's arguments, by the names the translations use.
pub trait MessageArguments {
    /// A numeric argument.
    fn number(&mut self, name: &'static str, value: f64);
    /// An argument given as its text.
    fn text(&mut self, name: &'static str, value: &dyn Display);
    /// An extension member, read from the error's members by its JSON name.
    fn member(&mut self, name: &'static str, member: &'static str);
}

/// A value Fluent formats as a number: the primitive numeric types. An integer that an
/// `f64` does not hold exactly, or a float that is not finite, is passed as text.
pub trait Numeric {
    /// The value as a Fluent number, if it is one exactly.
    fn as_number(&self) -> Option<f64>;
}

/// Integers beyond 2^53 lose digits in an `f64`.
const EXACT: u128 = 1 << 53;

macro_rules! numeric_integers {
    ($($type_:ty)*) => {$(
        impl Numeric for $type_ {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless, trivial_numeric_casts)]
            fn as_number(&self) -> Option<f64> {
                (self.unsigned_abs() as u128 <= EXACT).then_some(*self as f64)
            }
        }
    )*};
}

macro_rules! numeric_unsigned {
    ($($type_:ty)*) => {$(
        impl Numeric for $type_ {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless, trivial_numeric_casts)]
            fn as_number(&self) -> Option<f64> {
                (*self as u128 <= EXACT).then_some(*self as f64)
            }
        }
    )*};
}

numeric_integers!(i8 i16 i32 i64 i128 isize);
numeric_unsigned!(u8 u16 u32 u64 u128 usize);

impl Numeric for f64 {
    fn as_number(&self) -> Option<f64> {
        self.is_finite().then_some(*self)
    }
}

impl Numeric for f32 {
    fn as_number(&self) -> Option<f64> {
        self.is_finite().then_some(f64::from(*self))
    }
}

impl<T: Numeric + ?Sized> Numeric for &T {
    fn as_number(&self) -> Option<f64> {
        (**self).as_number()
    }
}

/// The question for a plain placeholder's value: a number where its type is
/// [`Numeric`], else its `Display`. See [`choice`](super::choice).
pub struct ArgumentOf<'a, T: ?Sized>(pub &'a T);

super::choice::questions_are_copy!(ArgumentOf);

/// The answer to [`ArgumentOf`]: hands the value over.
pub struct Argument<'a, T: ?Sized> {
    number: Option<f64>,
    text: &'a T,
}

impl<T: Display + ?Sized> Argument<'_, T> {
    /// Hands the value to `arguments` under `name`.
    #[inline]
    pub fn pass(self, name: &'static str, arguments: &mut dyn MessageArguments) {
        match self.number {
            Some(number) => arguments.number(name, number),
            None => arguments.text(name, &self.text),
        }
    }
}

impl<'a, T: Numeric + Display + ?Sized> FirstChoice for &&ArgumentOf<'a, T> {
    type Choice = Argument<'a, T>;
    #[inline]
    fn choose(self) -> Argument<'a, T> {
        Argument {
            number: self.0.as_number(),
            text: self.0,
        }
    }
}

impl<'a, T: Display + ?Sized> LastChoice for ArgumentOf<'a, T> {
    type Choice = Argument<'a, T>;
    #[inline]
    fn choose(self) -> Argument<'a, T> {
        Argument {
            number: None,
            text: self.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    use super::*;

    #[derive(Default)]
    struct Seen(Vec<(&'static str, String)>);

    impl MessageArguments for Seen {
        fn number(&mut self, name: &'static str, value: f64) {
            self.0.push((name, alloc::format!("number {value}")));
        }
        fn text(&mut self, name: &'static str, value: &dyn Display) {
            self.0.push((name, alloc::format!("text {value}")));
        }
        fn member(&mut self, name: &'static str, member: &'static str) {
            self.0.push((name, member.to_string()));
        }
    }

    #[test]
    // As generated code asks: the borrows pick the answer.
    #[allow(clippy::needless_borrow)]
    fn numbers_pass_as_numbers_and_the_rest_as_text() {
        let mut seen = Seen::default();
        (&&ArgumentOf(&3_u32)).choose().pass("a", &mut seen);
        (&&ArgumentOf(&-2.5_f64)).choose().pass("b", &mut seen);
        (&&ArgumentOf(&"x")).choose().pass("c", &mut seen);
        (&&ArgumentOf(&u64::MAX)).choose().pass("d", &mut seen);
        (&&ArgumentOf(&f64::NAN)).choose().pass("e", &mut seen);
        (&&ArgumentOf(&&7_i8)).choose().pass("f", &mut seen);
        let expected = [
            ("a", "number 3"),
            ("b", "number -2.5"),
            ("c", "text x"),
            ("d", "text 18446744073709551615"),
            ("e", "text NaN"),
            ("f", "number 7"),
        ];
        let seen: Vec<(&str, &str)> = seen.0.iter().map(|(n, v)| (*n, v.as_str())).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn the_exact_bound() {
        assert_eq!((1_u64 << 53).as_number(), Some(9_007_199_254_740_992.0));
        assert_eq!(((1_u64 << 53) + 1).as_number(), None);
        assert_eq!(i64::MIN.as_number(), None);
    }
}
