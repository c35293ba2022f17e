//! How a derived error hands its message's arguments to a translation: the receiver
//! trait the generated `translatable` method calls, and the question that passes a
//! number as a number (so that plural rules apply) and anything else as its text.

use core::fmt::Display;

use super::choice::{FirstChoice, LastChoice, SecondChoice};

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
    /// The `f64` with the `f32`'s shortest text (`0.1`, not `0.10000000149011612`),
    /// which Fluent then writes as `Display` writes the `f32`.
    fn as_number(&self) -> Option<f64> {
        if !self.is_finite() {
            return None;
        }
        let mut text = ShortText::default();
        core::fmt::Write::write_fmt(&mut text, format_args!("{self}")).ok()?;
        core::str::from_utf8(&text.bytes[..text.len])
            .ok()?
            .parse()
            .ok()
    }
}

/// A small buffer on the stack: a number's text, without allocating.
struct ShortText {
    bytes: [u8; 64],
    len: usize,
}

impl Default for ShortText {
    fn default() -> Self {
        ShortText {
            bytes: [0; 64],
            len: 0,
        }
    }
}

impl core::fmt::Write for ShortText {
    fn write_str(&mut self, text: &str) -> core::fmt::Result {
        let end = self.len + text.len();
        let room = self.bytes.get_mut(self.len..end).ok_or(core::fmt::Error)?;
        room.copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl<T: Numeric + ?Sized> Numeric for &T {
    fn as_number(&self) -> Option<f64> {
        (**self).as_number()
    }
}

/// The question for a plain placeholder's value: a number where its type is
/// [`Numeric`], else its `Display`. A type with neither passes nothing: the message
/// itself then fails to compile, and that one error is the user's. See
/// [`choice`](super::choice).
pub struct ArgumentOf<'a, T>(pub &'a T);

impl<T> Clone for ArgumentOf<'_, T> {
    #[inline(always)]
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for ArgumentOf<'_, T> {}

/// The answer to [`ArgumentOf`] and to the format questions: hands the value over.
pub struct Argument<'a> {
    number: Option<f64>,
    text: Option<&'a dyn Display>,
}

impl<'a> Argument<'a> {
    /// Hands the value to `arguments` under `name`.
    #[inline]
    pub fn pass(self, name: &'static str, arguments: &mut dyn MessageArguments) {
        match (self.number, self.text) {
            (Some(number), _) => arguments.number(name, number),
            (None, Some(text)) => arguments.text(name, text),
            (None, None) => {}
        }
    }

    /// The text of a value formatted as the message formats it.
    #[inline]
    pub fn text(text: &'a dyn Display) -> Self {
        Argument {
            number: None,
            text: Some(text),
        }
    }

    /// No value: the type lacks the trait, which the message reports.
    pub const NONE: Argument<'static> = Argument {
        number: None,
        text: None,
    };
}

impl<'a, T: Numeric + Display> FirstChoice for &&ArgumentOf<'a, T> {
    type Choice = Argument<'a>;
    #[inline]
    fn choose(self) -> Argument<'a> {
        Argument {
            number: self.0.as_number(),
            text: Some(self.0),
        }
    }
}

impl<'a, T: Display> SecondChoice for &ArgumentOf<'a, T> {
    type Choice = Argument<'a>;
    #[inline]
    fn choose(self) -> Argument<'a> {
        Argument::text(self.0)
    }
}

impl<'a, T> LastChoice for ArgumentOf<'a, T> {
    type Choice = Argument<'a>;
    #[inline]
    fn choose(self) -> Argument<'a> {
        Argument::NONE
    }
}

/// Declares the question for a placeholder with a format spec that asks `$trait_`:
/// the value as a `&dyn $trait_` when its type has the trait, else nothing (the message
/// reports the missing trait once).
macro_rules! format_questions {
    ($($question:ident $trait_:ident,)*) => {$(
        #[doc = concat!("The question for a `", stringify!($trait_), "` placeholder with a format spec; see [`ArgumentOf`].")]
        pub struct $question<'a, T>(pub &'a T);

        impl<T> Clone for $question<'_, T> {
            #[inline(always)]
            fn clone(&self) -> Self {
                *self
            }
        }

        impl<T> Copy for $question<'_, T> {}

        impl<'a, T: core::fmt::$trait_> FirstChoice for &&$question<'a, T> {
            type Choice = Option<&'a dyn core::fmt::$trait_>;
            #[inline]
            fn choose(self) -> Self::Choice {
                Some(self.0)
            }
        }

        impl<'a, T> LastChoice for $question<'a, T> {
            type Choice = Option<&'a dyn core::fmt::$trait_>;
            #[inline]
            fn choose(self) -> Self::Choice {
                None
            }
        }
    )*};
}

format_questions! {
    DisplayOf Display,
    DebugOf Debug,
    LowerHexOf LowerHex,
    UpperHexOf UpperHex,
    OctalOf Octal,
    BinaryOf Binary,
    LowerExpOf LowerExp,
    UpperExpOf UpperExp,
    PointerOf Pointer,
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
    fn an_f32_keeps_its_shortest_text() {
        assert_eq!(0.1_f32.as_number(), Some(0.1_f64));
        assert_eq!(1.5e-7_f32.as_number(), Some(1.5e-7_f64));
        assert_eq!(f32::MAX.as_number(), Some(3.4028235e38_f64));
        assert_eq!(f32::INFINITY.as_number(), None);
    }

    #[test]
    fn the_exact_bound() {
        assert_eq!((1_u64 << 53).as_number(), Some(9_007_199_254_740_992.0));
        assert_eq!(((1_u64 << 53) + 1).as_number(), None);
        assert_eq!(i64::MIN.as_number(), None);
    }
}
