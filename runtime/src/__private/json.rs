//! The direct JSON writer behind [`CertifierError::write_json`]: envelopes written
//! straight into a byte buffer, byte for byte what the `Serialize` path gives through
//! `serde_json`, with only the parts that need one going through a serializer.
//!
//! The derive writes the static parts of each envelope (the code, literal messages and
//! member names) as byte strings escaped at compile time, and the dynamic parts through
//! the helpers here: strings escaped as they are copied, integers through `itoa`, other
//! `Display` values through an escaping [`fmt::Write`] adapter, and extension values
//! whose JSON form is not known here through this module's [`Serializer`], which writes
//! `serde_json`'s bytes.
//!
//! Which path a field takes is decided by its type, the way every such choice of the
//! generated code is made (see [`choice`](crate::__private::choice)): [`Text`] for
//! message placeholders, [`Value`] for extension values, [`Flatten`] for flattened
//! fields. A type parameter always takes the general path.

use alloc::borrow::Cow;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::{self, Display};

use serde::Serialize;

use super::Failure;
use crate::choice::{FirstChoice, LastChoice, SecondChoice};
use crate::CertifierError;

/// For each byte, the character after the backslash that escapes it in a JSON string,
/// or 0 where the byte is copied as it is. `u` stands for `\u00XX`. The same rules as
/// `serde_json`: `"`, `\` and the control characters below 0x20, nothing else.
static ESCAPE: [u8; 256] = escape_table();

const fn escape_table() -> [u8; 256] {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
}

/// Appends `value` escaped as the contents of a JSON string, without the quotes.
#[inline]
pub fn write_str_contents(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    if is_clean(bytes) {
        out.extend_from_slice(bytes);
    } else {
        write_escaped(out, bytes);
    }
}

/// Appends `value` as a JSON string, quotes included.
#[inline]
pub fn write_str(out: &mut Vec<u8>, value: &str) {
    let bytes = value.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if is_clean(bytes) {
        out.extend_from_slice(bytes);
    } else {
        write_escaped(out, bytes);
    }
    out.push(b'"');
}

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);

/// Non-zero when one of the eight bytes of `word` may need escaping: a byte below 0x20,
/// `"` or `\`. Never zero when one does (the lowest such byte keeps its high bit in its
/// term, and `!word` keeps it as such a byte is below 0x80); a false alarm only sends
/// the string to the byte-by-byte path.
#[inline(always)]
fn alarm(word: u64) -> u64 {
    let below_space = word.wrapping_sub(ONES * 0x20);
    let quote = (word ^ (ONES * u64::from(b'"'))).wrapping_sub(ONES);
    let backslash = (word ^ (ONES * u64::from(b'\\'))).wrapping_sub(ONES);
    (below_space | quote | backslash) & !word & HIGHS
}

/// Whether no byte of `bytes` needs escaping: eight bytes at a time without a branch per
/// word, the last (overlapping) word included; a string shorter than a word goes through
/// the table.
#[inline]
fn is_clean(bytes: &[u8]) -> bool {
    let word_at = |index: usize| {
        let chunk: [u8; 8] = bytes[index..index + 8].try_into().expect("eight bytes");
        u64::from_ne_bytes(chunk)
    };
    if bytes.len() < 8 {
        return bytes.iter().all(|&byte| ESCAPE[usize::from(byte)] == 0);
    }
    let mut found = alarm(word_at(bytes.len() - 8));
    let mut index = 0;
    while index + 8 < bytes.len() {
        found |= alarm(word_at(index));
        index += 8;
    }
    found == 0
}

/// The byte-by-byte path, for text that holds (or may hold) a byte to escape.
#[cold]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        let escape = ESCAPE[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[start..index]);
        start = index + 1;
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xf)],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
    }
    out.extend_from_slice(&bytes[start..]);
}

/// A [`fmt::Write`] that escapes what it is given into a JSON string's contents.
struct Escaping<'a>(&'a mut Vec<u8>);

impl fmt::Write for Escaping<'_> {
    #[inline]
    fn write_str(&mut self, text: &str) -> fmt::Result {
        write_str_contents(self.0, text);
        Ok(())
    }
}

/// Appends the `Display` output of `value`, escaped as the contents of a JSON string.
///
/// Fails only when `value`'s `Display` implementation reports an error.
pub fn write_display_contents<T: Display + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> Result<(), serde_json::Error> {
    fmt::write(&mut Escaping(out), format_args!("{value}")).map_err(|fmt::Error| {
        <serde_json::Error as serde::ser::Error>::custom(
            "a Display implementation returned an error unexpectedly",
        )
    })
}

/// Appends `value` as a JSON value, exactly as `serde_json::to_vec` would, through
/// [`Serializer`].
#[inline]
pub fn write_serialize<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> Result<(), serde_json::Error> {
    value.serialize(Serializer::new(out))
}

/// Appends the members of `value` (a struct or map) as `,"name":value` entries of an
/// object that is already open, the way `#[certifier(flatten)]` merges them.
///
/// `serde_json` writes a map as `{` and its entries joined by `,`, then `}`: written in
/// place, the `{` becomes the separator and the `}` is dropped, or the whole `{}` is
/// when there are no members.
pub fn write_flattened<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    taken: &'static [&'static str],
) -> Result<(), serde_json::Error> {
    let start = out.len();
    write_serialize(out, &Flattened(value, taken))?;
    if out.len() - start == 2 {
        out.truncate(start);
    } else {
        out[start] = b',';
        out.pop();
    }
    Ok(())
}

/// Serialises the members of a value as one map, the way the derived `Serialize` merges
/// a flattened field into the error object.
struct Flattened<'a, T: ?Sized>(&'a T, &'static [&'static str]);

impl<T: Serialize + ?Sized> Serialize for Flattened<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        crate::__private::serialize_flattened(self.0, &mut map, self.1)?;
        map.end()
    }
}

/// Takes back the `}}` that closes the envelope just appended to `out` (by an inner
/// error's writer), so that a transparent variant's own members can follow its inner
/// error's; the caller closes the envelope again.
///
/// Fails, leaving `out` as it is, when `out` does not end as an envelope does.
pub fn reopen_envelope(out: &mut Vec<u8>) -> Result<(), serde_json::Error> {
    if !out.ends_with(b"}}") {
        return Err(<serde_json::Error as serde::ser::Error>::custom(
            "the inner error's writer did not end with a whole envelope",
        ));
    }
    out.truncate(out.len() - 2);
    Ok(())
}

/// Runs `write`, and on failure (its own, or one it recorded in the [`Failure`]) takes
/// back whatever it appended, so that `out` holds either a whole envelope more or nothing
/// more.
#[inline]
pub fn guarded<F>(out: &mut Vec<u8>, write: F) -> Result<(), serde_json::Error>
where
    F: FnOnce(&mut Vec<u8>, &mut Failure<serde_json::Error>) -> Result<(), serde_json::Error>,
{
    let start = out.len();
    let mut failure = Failure::new();
    let result = write(out, &mut failure).and_then(|()| failure.into_result());
    if result.is_err() {
        out.truncate(start);
    }
    result
}

/// The envelope of an error known only through the trait: what
/// [`CertifierError::write_json`] writes unless the derive provides a direct writer.
///
/// The members come from [`CertifierError::extension_members`], so this allocates them.
pub fn write_envelope_dyn<T: CertifierError + ?Sized>(
    error: &T,
    out: &mut Vec<u8>,
) -> Result<(), serde_json::Error> {
    guarded(out, |out, _| {
        out.extend_from_slice(b"{\"error\":{\"code\":");
        write_str(out, error.code());
        out.extend_from_slice(b",\"message\":\"");
        write_display_contents(out, &crate::Message(error))?;
        out.push(b'"');
        if let Some(url) = error.doc_url() {
            out.extend_from_slice(b",\"doc_url\":\"");
            write_display_contents(out, &url)?;
            out.push(b'"');
        }
        for (name, value) in error.extension_members()? {
            out.push(b',');
            write_str(out, &name);
            out.push(b':');
            write_serialize(out, &value)?;
        }
        out.extend_from_slice(b"}}");
        Ok(())
    })
}

/// Types whose `Display` output the writer can produce without `core::fmt`.
///
/// Implemented for strings, integers, `bool` and `char`, and through references and
/// boxes; each writes exactly its `Display` output, escaped.
pub trait DirectText {
    /// Appends the `Display` output, escaped as the contents of a JSON string.
    fn write_text(&self, out: &mut Vec<u8>);
}

/// Types whose JSON form (as `serde_json` writes their `Serialize` output) the writer
/// produces itself.
///
/// Implemented for strings, integers, `bool`, `char`, `Option`, slices, vectors, arrays
/// and boxes of them, and references.
pub trait DirectValue {
    /// Appends the JSON value.
    fn write_value(&self, out: &mut Vec<u8>);
}

macro_rules! integers {
    ($($integer:ty),*) => {$(
        impl DirectText for $integer {
            #[inline]
            fn write_text(&self, out: &mut Vec<u8>) {
                out.extend_from_slice(itoa::Buffer::new().format(*self).as_bytes());
            }
        }

        impl DirectValue for $integer {
            #[inline]
            fn write_value(&self, out: &mut Vec<u8>) {
                self.write_text(out);
            }
        }
    )*};
}

integers!(u8, u16, u32, u64, u128, usize, i8, i16, i32, i64, i128, isize);

/// Text types: their `Display` output is their text, and their JSON value is that text
/// in quotes.
macro_rules! text_types {
    ($($ty:ty => |$value:ident| $as_str:expr),* $(,)?) => {$(
        impl DirectText for $ty {
            #[inline]
            fn write_text(&self, out: &mut Vec<u8>) {
                let $value = self;
                write_str_contents(out, $as_str);
            }
        }

        impl DirectValue for $ty {
            #[inline]
            fn write_value(&self, out: &mut Vec<u8>) {
                let $value = self;
                write_str(out, $as_str);
            }
        }
    )*};
}

text_types!(
    str => |text| text,
    String => |text| text,
    Cow<'_, str> => |text| text,
    char => |character| character.encode_utf8(&mut [0; 4]),
);

impl DirectText for bool {
    #[inline]
    fn write_text(&self, out: &mut Vec<u8>) {
        self.write_value(out);
    }
}

impl DirectValue for bool {
    #[inline]
    fn write_value(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(if *self { b"true" } else { b"false" });
    }
}

/// A reference or a box writes what it points to.
macro_rules! pointers {
    ($($pointer:ty),*) => {$(
        impl<T: DirectText + ?Sized> DirectText for $pointer {
            #[inline]
            fn write_text(&self, out: &mut Vec<u8>) {
                (**self).write_text(out);
            }
        }

        impl<T: DirectValue + ?Sized> DirectValue for $pointer {
            #[inline]
            fn write_value(&self, out: &mut Vec<u8>) {
                (**self).write_value(out);
            }
        }
    )*};
}

pointers!(&T, &mut T, Box<T>);

impl<T: DirectValue> DirectValue for Option<T> {
    #[inline]
    fn write_value(&self, out: &mut Vec<u8>) {
        match self {
            Some(value) => value.write_value(out),
            None => out.extend_from_slice(b"null"),
        }
    }
}

impl<T: DirectValue> DirectValue for [T] {
    fn write_value(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        let mut items = self.iter();
        if let Some(first) = items.next() {
            first.write_value(out);
            for item in items {
                out.push(b',');
                item.write_value(out);
            }
        }
        out.push(b']');
    }
}

impl<T: DirectValue, const N: usize> DirectValue for [T; N] {
    #[inline]
    fn write_value(&self, out: &mut Vec<u8>) {
        self.as_slice().write_value(out);
    }
}

impl<T: DirectValue> DirectValue for Vec<T> {
    #[inline]
    fn write_value(&self, out: &mut Vec<u8>) {
        self.as_slice().write_value(out);
    }
}

/// The question for a message placeholder's field (a plain `{field}`): how to write its
/// `Display` output, escaped. The generated code calls
/// `(&&Text(field)).choose().write(out, failure)` for each placeholder, between the message's
/// static parts. See [`choice`](crate::__private::choice).
///
/// A type the writer knows is written [`Direct`]ly; any other `Display` type is
/// [`Formatted`] on its own, which gives the bytes the whole message's `Display` gives, as
/// a plain `{field}` formats the field with default options. A type that is not
/// `Display` is [`Elsewhere`]: the derived `Display` reports it. A field whose type
/// names a type parameter is never asked (its bounds are not visible here): the
/// derive then writes the whole message through the error's own `Display`.
pub struct Text<'a, T: ?Sized>(pub &'a T);

/// The question for an extension member's value: written here, through `serde_json`, or
/// (for a type that is not `Serialize`) not at all, as the derived `Serialize` already
/// rejects it at compile time and the type is then reported once. The generated code
/// calls `(&&Value(field)).choose().write(out, failure)`. See
/// [`choice`](crate::__private::choice).
pub struct Value<'a, T: ?Sized>(pub &'a T);

/// The question for a flattened field, with the member names its members may not
/// repeat: merged through its `Serialize` impl, or not at all, as for [`Value`].
pub struct Flatten<'a, T: ?Sized>(pub &'a T, pub &'static [&'static str]);

crate::choice::questions_are_copy!(Text, Value, Flatten);

/// An answer: the writer writes the field itself, without `core::fmt` or `serde`.
pub struct Direct<Q>(Q);

/// An answer: the field goes through its `Display` impl, into an escaping adapter.
pub struct Formatted<Q>(Q);

/// An answer: the value goes through its `Serialize` impl.
pub struct Serialized<Q>(Q);

/// An answer for a type without the trait the field needs (`Display` for a placeholder,
/// `Serialize` for a member): the derived `Display` or `Serialize` reports the type, so
/// the code that would call this never builds, and the type is reported once.
pub struct Elsewhere;

impl<'a, T: DirectText + ?Sized> FirstChoice for &&Text<'a, T> {
    type Choice = Direct<Text<'a, T>>;
    #[inline(always)]
    fn choose(self) -> Self::Choice {
        Direct(**self)
    }
}

impl<'a, T: Display + ?Sized> SecondChoice for &Text<'a, T> {
    type Choice = Formatted<Text<'a, T>>;
    #[inline(always)]
    fn choose(self) -> Self::Choice {
        Formatted(*self)
    }
}

impl<T: ?Sized> LastChoice for Text<'_, T> {
    type Choice = Elsewhere;
    #[inline(always)]
    fn choose(self) -> Elsewhere {
        Elsewhere
    }
}

impl<T: DirectText + ?Sized> Direct<Text<'_, T>> {
    /// Appends the field's `Display` output, escaped.
    #[inline]
    pub fn write(self, out: &mut Vec<u8>, _: &mut Failure<serde_json::Error>) {
        self.0 .0.write_text(out);
    }
}

impl<T: Display + ?Sized> Formatted<Text<'_, T>> {
    /// Appends the field's `Display` output, escaped, through [`write_display_contents`].
    #[inline]
    pub fn write(self, out: &mut Vec<u8>, failure: &mut Failure<serde_json::Error>) {
        failure.check(write_display_contents(out, self.0 .0));
    }
}

impl<'a, T: DirectValue + ?Sized> FirstChoice for &&Value<'a, T> {
    type Choice = Direct<Value<'a, T>>;
    #[inline(always)]
    fn choose(self) -> Self::Choice {
        Direct(**self)
    }
}

impl<'a, T: Serialize + ?Sized> SecondChoice for &Value<'a, T> {
    type Choice = Serialized<Value<'a, T>>;
    #[inline(always)]
    fn choose(self) -> Self::Choice {
        Serialized(*self)
    }
}

impl<T: ?Sized> LastChoice for Value<'_, T> {
    type Choice = Elsewhere;
    #[inline(always)]
    fn choose(self) -> Elsewhere {
        Elsewhere
    }
}

impl<T: DirectValue + ?Sized> Direct<Value<'_, T>> {
    /// Appends the value as JSON.
    #[inline]
    pub fn write(self, out: &mut Vec<u8>, _: &mut Failure<serde_json::Error>) {
        self.0 .0.write_value(out);
    }
}

impl<T: Serialize + ?Sized> Serialized<Value<'_, T>> {
    /// Appends the value as JSON, through [`write_serialize`].
    #[inline]
    pub fn write(self, out: &mut Vec<u8>, failure: &mut Failure<serde_json::Error>) {
        failure.check(write_serialize(out, self.0 .0));
    }
}

impl<'a, T: Serialize + ?Sized> FirstChoice for &&Flatten<'a, T> {
    type Choice = Serialized<Flatten<'a, T>>;
    #[inline(always)]
    fn choose(self) -> Self::Choice {
        Serialized(**self)
    }
}

impl<T: ?Sized> LastChoice for Flatten<'_, T> {
    type Choice = Elsewhere;
    #[inline(always)]
    fn choose(self) -> Elsewhere {
        Elsewhere
    }
}

impl<T: Serialize + ?Sized> Serialized<Flatten<'_, T>> {
    /// Appends the members as entries of the open object, through [`write_flattened`].
    #[inline]
    pub fn write(self, out: &mut Vec<u8>, failure: &mut Failure<serde_json::Error>) {
        failure.check(write_flattened(out, self.0 .0, self.0 .1));
    }
}

impl Elsewhere {
    /// Writes nothing: the code that would call it does not build.
    #[inline(always)]
    pub fn write(self, _: &mut Vec<u8>, _: &mut Failure<serde_json::Error>) {}
}

/// Appends `value` as serde_json writes it: the rare values the direct writer hands over
/// to serde_json. Without `std`, serde_json has no writer interface, so the bytes go
/// through a temporary buffer.
fn append_json<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
) -> Result<(), serde_json::Error> {
    #[cfg(feature = "std")]
    {
        serde_json::to_writer(out, value)
    }
    #[cfg(not(feature = "std"))]
    {
        out.extend_from_slice(&serde_json::to_vec(value)?);
        Ok(())
    }
}

/// A `serde` serializer that writes compact JSON into a byte buffer: the bytes of
/// `serde_json::to_writer`, with faster string escaping.
///
/// Floats, byte arrays, map keys other than strings, and the private structs through
/// which `serde_json`'s optional `arbitrary_precision` and `raw_value` features write
/// numbers and raw JSON, are handed to `serde_json` itself, so their text is its text.
pub struct Serializer<'a> {
    out: &'a mut Vec<u8>,
}

impl<'a> Serializer<'a> {
    /// A serializer appending to `out`.
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Serializer { out }
    }
}

/// Structs with these names are `serde_json`'s own number and raw-value carriers.
const SERDE_JSON_PRIVATE: &str = "$serde_json::private::";

fn key_must_be_a_string() -> serde_json::Error {
    <serde_json::Error as serde::ser::Error>::custom("key must be a string")
}

/// `serializer.serialize_bytes(bytes)`, for `serde_json`.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// A one-field struct with the given names, for `serde_json`'s private carriers.
struct OneFieldStruct<'a, T: ?Sized> {
    name: &'static str,
    key: &'static str,
    value: &'a T,
}

impl<T: Serialize + ?Sized> Serialize for OneFieldStruct<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut object = serializer.serialize_struct(self.name, 1)?;
        object.serialize_field(self.key, self.value)?;
        object.end()
    }
}

/// A map with one entry whose value is `null`: how `serde_json` writes a key that is
/// not a string is read off `{"key":null}`.
struct KeyOnly<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for KeyOnly<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(self.0, &())?;
        map.end()
    }
}

/// Appends a map key as `serde_json` writes it, through `serde_json`.
fn write_key_via_serde_json<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    key: &T,
) -> Result<(), serde_json::Error> {
    let start = out.len();
    append_json(out, &KeyOnly(key))?;
    // `{` KEY `:null}`
    out.truncate(out.len() - b":null}".len());
    out.remove(start);
    Ok(())
}

impl<'a> serde::Serializer for Serializer<'a> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    #[inline]
    fn serialize_bool(self, value: bool) -> Result<(), serde_json::Error> {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    #[inline]
    fn serialize_i8(self, value: i8) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_i16(self, value: i16) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_i32(self, value: i32) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_i64(self, value: i64) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_i128(self, value: i128) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_u8(self, value: u8) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_u16(self, value: u16) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_u32(self, value: u32) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_u64(self, value: u64) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_u128(self, value: u128) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    fn serialize_f32(self, value: f32) -> Result<(), serde_json::Error> {
        append_json(self.out, &value)
    }

    fn serialize_f64(self, value: f64) -> Result<(), serde_json::Error> {
        append_json(self.out, &value)
    }

    #[inline]
    fn serialize_char(self, value: char) -> Result<(), serde_json::Error> {
        value.write_value(self.out);
        Ok(())
    }

    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), serde_json::Error> {
        write_str(self.out, value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<(), serde_json::Error> {
        append_json(self.out, &Bytes(value))
    }

    #[inline]
    fn serialize_none(self) -> Result<(), serde_json::Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    #[inline]
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }

    #[inline]
    fn serialize_unit(self) -> Result<(), serde_json::Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    #[inline]
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), serde_json::Error> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), serde_json::Error> {
        self.serialize_str(variant)
    }

    #[inline]
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        value.serialize(Serializer { out: self.out })?;
        self.out.push(b'}');
        Ok(())
    }

    #[inline]
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a>, serde_json::Error> {
        self.out.push(b'[');
        Ok(Compound::new(self.out, b"]"))
    }

    #[inline]
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a>, serde_json::Error> {
        self.serialize_seq(None)
    }

    #[inline]
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, serde_json::Error> {
        self.serialize_seq(None)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, serde_json::Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Compound::new(self.out, b"]}"))
    }

    #[inline]
    fn serialize_map(self, _: Option<usize>) -> Result<Compound<'a>, serde_json::Error> {
        self.out.push(b'{');
        Ok(Compound::new(self.out, b"}"))
    }

    #[inline]
    fn serialize_struct(
        self,
        name: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, serde_json::Error> {
        if name.starts_with(SERDE_JSON_PRIVATE) {
            return Ok(Compound {
                out: self.out,
                first: true,
                close: b"",
                carrier: Some(name),
            });
        }
        self.serialize_map(None)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Compound<'a>, serde_json::Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":{");
        Ok(Compound::new(self.out, b"}}"))
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), serde_json::Error> {
        self.out.push(b'"');
        write_display_contents(self.out, value)?;
        self.out.push(b'"');
        Ok(())
    }
}

/// An array, object or variant being written by [`Serializer`].
pub struct Compound<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
    close: &'static [u8],
    /// The name of a `serde_json` private carrier struct, whose one field `serde_json`
    /// writes itself.
    carrier: Option<&'static str>,
}

impl<'a> Compound<'a> {
    #[inline]
    fn new(out: &'a mut Vec<u8>, close: &'static [u8]) -> Self {
        Compound {
            out,
            first: true,
            close,
            carrier: None,
        }
    }

    #[inline]
    fn separate(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.out.push(b',');
        }
    }

    #[inline]
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        self.separate();
        value.serialize(Serializer { out: self.out })
    }

    #[inline]
    fn field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        if let Some(name) = self.carrier {
            return append_json(self.out, &OneFieldStruct { name, key, value });
        }
        self.separate();
        write_str(self.out, key);
        self.out.push(b':');
        value.serialize(Serializer { out: self.out })
    }

    #[inline]
    fn finish(self) -> Result<(), serde_json::Error> {
        self.out.extend_from_slice(self.close);
        Ok(())
    }
}

/// The sequence-like compounds: each element is a value of the list.
macro_rules! element_compounds {
    ($($trait_:ident::$method:ident),*) => {$(
        impl serde::ser::$trait_ for Compound<'_> {
            type Ok = ();
            type Error = serde_json::Error;

            #[inline]
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
                self.element(value)
            }

            #[inline]
            fn end(self) -> Result<(), Self::Error> {
                self.finish()
            }
        }
    )*};
}

element_compounds!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl serde::ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = serde_json::Error;

    #[inline]
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Self::Error> {
        self.separate();
        key.serialize(KeySerializer { out: self.out })
    }

    #[inline]
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Self::Error> {
        self.out.push(b':');
        value.serialize(Serializer { out: self.out })
    }

    #[inline]
    fn end(self) -> Result<(), Self::Error> {
        self.finish()
    }
}

/// The struct-like compounds: each field is a member of the object.
macro_rules! field_compounds {
    ($($trait_:ident),*) => {$(
        impl serde::ser::$trait_ for Compound<'_> {
            type Ok = ();
            type Error = serde_json::Error;

            #[inline]
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Self::Error> {
                self.field(key, value)
            }

            #[inline]
            fn end(self) -> Result<(), Self::Error> {
                self.finish()
            }
        }
    )*};
}

field_compounds!(SerializeStruct, SerializeStructVariant);

/// Writes a map key: a string directly, anything else as `serde_json` writes it.
struct KeySerializer<'a> {
    out: &'a mut Vec<u8>,
}

macro_rules! keys_via_serde_json {
    ($($method:ident($type:ty)),*) => {$(
        fn $method(self, value: $type) -> Result<(), serde_json::Error> {
            write_key_via_serde_json(self.out, &value)
        }
    )*};
}

impl serde::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = serde_json::Error;
    type SerializeSeq = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeTuple = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeTupleStruct = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeTupleVariant = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeMap = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeStruct = serde::ser::Impossible<(), serde_json::Error>;
    type SerializeStructVariant = serde::ser::Impossible<(), serde_json::Error>;

    #[inline]
    fn serialize_str(self, value: &str) -> Result<(), serde_json::Error> {
        write_str(self.out, value);
        Ok(())
    }

    keys_via_serde_json!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_i128(i128),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_u128(u128),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char)
    );

    fn serialize_bytes(self, value: &[u8]) -> Result<(), serde_json::Error> {
        write_key_via_serde_json(self.out, &Bytes(value))
    }

    fn serialize_none(self) -> Result<(), serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), serde_json::Error> {
        write_key_via_serde_json(self.out, &Some(value))
    }

    fn serialize_unit(self) -> Result<(), serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), serde_json::Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), serde_json::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, serde_json::Error> {
        Err(key_must_be_a_string())
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), serde_json::Error> {
        self.out.push(b'"');
        write_display_contents(self.out, value)?;
        self.out.push(b'"');
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;
    use alloc::vec;

    use super::*;

    fn escaped(text: &str) -> Vec<u8> {
        let mut out = Vec::new();
        write_str(&mut out, text);
        out
    }

    #[test]
    fn escapes_like_serde_json() {
        let mut all = String::new();
        for code in 0..=0x80u32 {
            all.push(char::from_u32(code).unwrap());
        }
        all.push_str("é\u{2028}\u{10ffff}/");
        assert_eq!(escaped(&all), serde_json::to_vec(&all).unwrap());
        assert_eq!(escaped(""), b"\"\"");
        assert_eq!(escaped("\u{1f}\""), b"\"\\u001f\\\"\"");
    }

    #[test]
    fn finds_every_byte_to_escape_at_every_position() {
        let specials = ['"', '\\', '\u{0}', '\u{1f}', '\n', '\u{8}'];
        let fillers = ['a', 'é', '\u{7f}', ' ', '!', '#', '[', ']'];
        for length in 0..40 {
            for filler in fillers {
                let base: String = core::iter::repeat(filler).take(length).collect();
                assert_eq!(escaped(&base), serde_json::to_vec(&base).unwrap());
                for special in specials {
                    for position in 0..=length {
                        let mut text: String = base.chars().take(position).collect();
                        text.push(special);
                        text.extend(base.chars().skip(position));
                        assert_eq!(
                            escaped(&text),
                            serde_json::to_vec(&text).unwrap(),
                            "{text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_serializer_writes_what_serde_json_writes() {
        #[derive(Serialize)]
        enum Shapes {
            Unit,
            Newtype(u8),
            Tuple(u8, &'static str),
            Struct { a: Option<u8>, b: () },
        }
        #[derive(Serialize)]
        struct Wrapper(Vec<Shapes>);
        #[derive(Serialize)]
        struct Unit;
        fn check<T: Serialize>(value: &T) {
            let mut out = Vec::new();
            write_serialize(&mut out, value).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(value).unwrap()
            );
        }
        check(&Wrapper(vec![
            Shapes::Unit,
            Shapes::Newtype(1),
            Shapes::Tuple(2, "t\""),
            Shapes::Struct { a: None, b: () },
        ]));
        check(&(1.5f64, f64::NAN, 1e300f64, -0.0f32, 3.0f32, Unit, ()));
        check(&serde_bytes_like());
        let mut keys = alloc::collections::BTreeMap::new();
        keys.insert(-3i64, 'x');
        keys.insert(7, '"');
        check(&keys);
        let mut bool_keys = alloc::collections::BTreeMap::new();
        bool_keys.insert(true, [1u8, 2]);
        check(&bool_keys);
        let mut char_keys = alloc::collections::BTreeMap::new();
        char_keys.insert('\n', "v");
        check(&char_keys);
        check(&serde_json::json!({"a": [1, -2, 3.25, null, true, {"b\u{1}": "c"}], "": {}}));
        let mut out = Vec::new();
        let mut bad = alloc::collections::BTreeMap::new();
        bad.insert(vec![1u8], 1u8);
        assert!(write_serialize(&mut out, &bad).is_err());
        assert!(serde_json::to_vec(&bad).is_err());
    }

    /// A value that serialises through `serialize_bytes`.
    fn serde_bytes_like() -> impl Serialize {
        struct Raw;
        impl Serialize for Raw {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_bytes(&[0, 127, 255])
            }
        }
        Raw
    }

    #[test]
    fn display_goes_through_the_escaping_adapter() {
        let mut out = Vec::new();
        write_display_contents(&mut out, &format_args!("a\"{}\n", 5)).unwrap();
        assert_eq!(out, b"a\\\"5\\n");
    }

    #[test]
    fn direct_values_match_serde_json() {
        fn check<T: DirectValue + Serialize + ?Sized>(value: &T) {
            let mut out = Vec::new();
            value.write_value(&mut out);
            assert_eq!(out, serde_json::to_vec(value).unwrap());
        }
        check(&u128::MAX);
        check(&i64::MIN);
        check(&0u8);
        check("q\"\\\t");
        check(&'\u{7}');
        check(&true);
        check(&Some(3));
        check(&None::<u8>);
        check(&vec![1, 2, 3]);
        check(&Vec::<u8>::new());
        check(&[Some("a"), None]);
        check(&Box::new(String::from("b")));
        check(&Cow::Borrowed("c"));
    }

    #[test]
    fn direct_text_matches_display() {
        fn check<T: DirectText + Display + ?Sized>(value: &T) {
            let mut out = Vec::new();
            value.write_text(&mut out);
            let mut expected = Vec::new();
            write_str_contents(&mut expected, &value.to_string());
            assert_eq!(out, expected);
        }
        check(&-12i32);
        check(&usize::MAX);
        check("x\ny");
        check(&'"');
        check(&false);
        check(&&String::from("r"));
    }

    #[test]
    fn flattening_reuses_the_map_text() {
        let mut out = b"{\"a\":1".to_vec();
        let mut members = serde_json::Map::new();
        write_flattened(&mut out, &members, &["code", "message"]).unwrap();
        assert_eq!(out, b"{\"a\":1");
        members.insert("b".into(), serde_json::json!([2]));
        members.insert("c".into(), serde_json::json!("x"));
        write_flattened(&mut out, &members, &["code", "message"]).unwrap();
        assert_eq!(out, b"{\"a\":1,\"b\":[2],\"c\":\"x\"");
        assert!(write_flattened(&mut out, &5, &[]).is_err());
    }

    #[test]
    fn a_failed_write_leaves_the_buffer_as_it_was() {
        let mut out = b"kept".to_vec();
        let result = guarded(&mut out, |out, _| {
            out.extend_from_slice(b"partial");
            write_flattened(out, "not a map", &[])
        });
        assert!(result.is_err());
        assert_eq!(out, b"kept");
    }
}
