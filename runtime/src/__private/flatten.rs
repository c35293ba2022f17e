//! Writing the members of a struct or map into a map that is already open, the way
//! `#[serde(flatten)]` does, without buffering.

use core::fmt::Display;

use serde::ser::{self, Error as _, Impossible, Serialize, SerializeMap, Serializer};

/// Writes the members of `value` as entries of the already-open `map`.
///
/// `value` must serialise as a struct or a map (or as nothing at all): its fields or
/// entries are forwarded one by one to `map`, in the order `value` produces them, and
/// nothing is allocated on the way for a struct; a map's keys are each serialised once
/// more to check that none is `code` or `message`, one allocation per key. What each
/// kind of value does:
///
/// - struct, map: each field or entry becomes an entry of `map`; skipped fields are left
///   out;
/// - `None`, `()`, unit struct: writes nothing;
/// - `Some(v)`, newtype struct: flattens `v`;
/// - unit enum variant: writes the variant name as a key with a `null` value;
/// - newtype enum variant: writes the variant name as a key with the inner value;
/// - tuple and struct enum variants: an error, because writing them as one value would
///   require buffering their fields (which serde's own `flatten` does);
/// - anything else (numbers, strings, bytes, sequences, tuples): an error, "can only
///   flatten a struct or map, found a ...".
///
/// ```
/// use certifier_error::__private::serialize_flattened;
/// use serde::ser::{SerializeMap, Serializer};
///
/// #[derive(serde::Serialize)]
/// struct Limits {
///     retry_after: u64,
///     #[serde(skip_serializing_if = "Option::is_none")]
///     quota: Option<u32>,
/// }
///
/// let mut map = serde_json::value::Serializer.serialize_map(None).unwrap();
/// map.serialize_entry("code", "rate_limited").unwrap();
/// let taken = &["code", "message"];
/// serialize_flattened(&Limits { retry_after: 30, quota: None }, &mut map, taken).unwrap();
/// let object = map.end().unwrap();
/// assert_eq!(object, serde_json::json!({"code": "rate_limited", "retry_after": 30}));
/// ```
pub fn serialize_flattened<T, M>(
    value: &T,
    map: &mut M,
    taken: &'static [&'static str],
) -> Result<(), M::Error>
where
    T: Serialize + ?Sized,
    M: SerializeMap,
{
    value.serialize(FlatMapSerializer(map, taken))
}

/// A serializer that writes a struct's or map's members into an open map.
/// The second field lists the member names the error object already has.
struct FlatMapSerializer<'a, M>(&'a mut M, &'static [&'static str]);

impl<M: SerializeMap> FlatMapSerializer<'_, M> {
    fn unsupported(kind: &str) -> M::Error {
        M::Error::custom(format_args!(
            "can only flatten a struct or map, found {kind}"
        ))
    }
}

impl<'a, M: SerializeMap> Serializer for FlatMapSerializer<'a, M> {
    type Ok = ();
    type Error = M::Error;

    type SerializeSeq = Impossible<(), M::Error>;
    type SerializeTuple = Impossible<(), M::Error>;
    type SerializeTupleStruct = Impossible<(), M::Error>;
    type SerializeTupleVariant = Impossible<(), M::Error>;
    type SerializeMap = FlatMapSerializeMap<'a, M>;
    type SerializeStruct = FlatMapSerializeStruct<'a, M>;
    type SerializeStructVariant = Impossible<(), M::Error>;

    fn serialize_bool(self, _: bool) -> Result<(), M::Error> {
        Err(Self::unsupported("a boolean"))
    }

    fn serialize_i8(self, _: i8) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_i16(self, _: i16) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_i32(self, _: i32) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_i64(self, _: i64) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_i128(self, _: i128) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_u8(self, _: u8) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_u16(self, _: u16) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_u32(self, _: u32) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_u64(self, _: u64) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_u128(self, _: u128) -> Result<(), M::Error> {
        Err(Self::unsupported("an integer"))
    }

    fn serialize_f32(self, _: f32) -> Result<(), M::Error> {
        Err(Self::unsupported("a float"))
    }

    fn serialize_f64(self, _: f64) -> Result<(), M::Error> {
        Err(Self::unsupported("a float"))
    }

    fn serialize_char(self, _: char) -> Result<(), M::Error> {
        Err(Self::unsupported("a char"))
    }

    fn serialize_str(self, _: &str) -> Result<(), M::Error> {
        Err(Self::unsupported("a string"))
    }

    fn collect_str<T: Display + ?Sized>(self, _: &T) -> Result<(), M::Error> {
        Err(Self::unsupported("a string"))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), M::Error> {
        Err(Self::unsupported("a byte array"))
    }

    fn serialize_none(self) -> Result<(), M::Error> {
        Ok(())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), M::Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), M::Error> {
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), M::Error> {
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), M::Error> {
        reject_taken_name::<M>(variant, self.1)?;
        self.0.serialize_entry(variant, &())
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        reject_taken_name::<M>(variant, self.1)?;
        self.0.serialize_entry(variant, value)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, M::Error> {
        Err(Self::unsupported("a sequence"))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, M::Error> {
        Err(Self::unsupported("a tuple"))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, M::Error> {
        Err(Self::unsupported("a tuple struct"))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, M::Error> {
        Err(Self::unsupported("a tuple variant"))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, M::Error> {
        Ok(FlatMapSerializeMap(self.0, self.1))
    }

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, M::Error> {
        Ok(FlatMapSerializeStruct(self.0, self.1))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, M::Error> {
        Err(Self::unsupported("a struct variant"))
    }
}

/// Forwards a flattened map's entries to the outer map.
struct FlatMapSerializeMap<'a, M>(&'a mut M, &'static [&'static str]);

impl<M: SerializeMap> ser::SerializeMap for FlatMapSerializeMap<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), M::Error> {
        reject_taken_key::<T, M>(key, self.1)?;
        self.0.serialize_key(key)
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), M::Error> {
        self.0.serialize_value(value)
    }

    fn serialize_entry<K, V>(&mut self, key: &K, value: &V) -> Result<(), M::Error>
    where
        K: Serialize + ?Sized,
        V: Serialize + ?Sized,
    {
        reject_taken_key::<K, M>(key, self.1)?;
        self.0.serialize_entry(key, value)
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

/// A flattened member may not repeat a member the error object already has (`code`,
/// `message`, `doc_url` where the type sets it, and the variant's extension members):
/// JSON readers, this crate's own included, reject a repeated key.
fn reject_taken_name<M: SerializeMap>(name: &str, taken: &[&str]) -> Result<(), M::Error> {
    if taken.contains(&name) {
        return Err(M::Error::custom(format_args!(
            "a flattened member cannot be named `{name}`: the error object already has one"
        )));
    }
    Ok(())
}

/// Map keys are only known by serialising them; this costs an allocation per key, which
/// the `flatten` documentation admits.
fn reject_taken_key<K: Serialize + ?Sized, M: SerializeMap>(
    key: &K,
    taken: &[&str],
) -> Result<(), M::Error> {
    match serde_json::to_value(key) {
        Ok(serde_json::Value::String(name)) => reject_taken_name::<M>(&name, taken),
        // Not a string: the outer serialiser reports the key as it sees fit.
        _ => Ok(()),
    }
}

/// Forwards a flattened struct's fields to the outer map as entries.
struct FlatMapSerializeStruct<'a, M>(&'a mut M, &'static [&'static str]);

impl<M: SerializeMap> ser::SerializeStruct for FlatMapSerializeStruct<'_, M> {
    type Ok = ();
    type Error = M::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), M::Error> {
        reject_taken_name::<M>(key, self.1)?;
        self.0.serialize_entry(key, value)
    }

    fn skip_field(&mut self, _: &'static str) -> Result<(), M::Error> {
        Ok(())
    }

    fn end(self) -> Result<(), M::Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use alloc::collections::BTreeMap;
    use alloc::string::{String, ToString};
    use alloc::vec;

    use serde::ser::{Serialize, SerializeMap, Serializer};

    use super::serialize_flattened;

    /// `{"code": "c", ..members of the value}`.
    struct Outer<T>(T);

    impl<T: Serialize> Serialize for Outer<T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(None)?;
            map.serialize_entry("code", "c")?;
            serialize_flattened(&self.0, &mut map, &["code", "message"])?;
            map.end()
        }
    }

    fn flatten<T: Serialize>(value: T) -> Result<String, serde_json::Error> {
        serde_json::to_string(&Outer(value))
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Limits {
        retry_after: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        quota: Option<u32>,
        field_errors: vec::Vec<&'static str>,
    }

    fn limits() -> Limits {
        Limits {
            retry_after: 30,
            quota: None,
            field_errors: vec!["a"],
        }
    }

    #[test]
    fn struct_fields_become_entries_in_order() {
        assert_eq!(
            flatten(limits()).unwrap(),
            r#"{"code":"c","retryAfter":30,"fieldErrors":["a"]}"#
        );
    }

    #[test]
    fn map_entries_become_entries() {
        let mut map = BTreeMap::new();
        map.insert("b", 2);
        map.insert("a", 1);
        assert_eq!(flatten(&map).unwrap(), r#"{"code":"c","a":1,"b":2}"#);
        let mut members = serde_json::Map::new();
        members.insert("x".into(), serde_json::json!([1, 2]));
        assert_eq!(flatten(members).unwrap(), r#"{"code":"c","x":[1,2]}"#);
    }

    #[test]
    fn nothing_writes_nothing() {
        assert_eq!(flatten(None::<Limits>).unwrap(), r#"{"code":"c"}"#);
        assert_eq!(flatten(()).unwrap(), r#"{"code":"c"}"#);
        #[derive(serde::Serialize)]
        struct Unit;
        assert_eq!(flatten(Unit).unwrap(), r#"{"code":"c"}"#);
    }

    #[test]
    fn some_and_newtypes_are_unwrapped() {
        #[derive(serde::Serialize)]
        struct Wrapper(Option<Limits>);
        assert_eq!(
            flatten(Some(limits())).unwrap(),
            r#"{"code":"c","retryAfter":30,"fieldErrors":["a"]}"#
        );
        assert_eq!(
            flatten(Some(Some(Wrapper(Some(limits()))))).unwrap(),
            r#"{"code":"c","retryAfter":30,"fieldErrors":["a"]}"#
        );
    }

    #[test]
    fn enum_variants() {
        #[derive(serde::Serialize)]
        #[serde(rename_all = "snake_case")]
        enum Detail {
            Expired,
            Plan(&'static str),
            Pair(u8, u8),
            Quota { max: u32 },
        }
        assert_eq!(
            flatten(Detail::Expired).unwrap(),
            r#"{"code":"c","expired":null}"#
        );
        assert_eq!(
            flatten(Detail::Plan("free")).unwrap(),
            r#"{"code":"c","plan":"free"}"#
        );
        let error = flatten(Detail::Pair(1, 2)).unwrap_err();
        assert!(
            error.to_string().contains("found a tuple variant"),
            "{error}"
        );
        let error = flatten(Detail::Quota { max: 3 }).unwrap_err();
        assert!(
            error.to_string().contains("found a struct variant"),
            "{error}"
        );
    }

    #[test]
    fn scalars_and_sequences_are_errors() {
        let error = flatten(5).unwrap_err();
        assert_eq!(
            error.to_string(),
            "can only flatten a struct or map, found an integer"
        );
        assert!(flatten("text")
            .unwrap_err()
            .to_string()
            .ends_with("found a string"));
        assert!(flatten(true)
            .unwrap_err()
            .to_string()
            .ends_with("found a boolean"));
        assert!(flatten(1.5)
            .unwrap_err()
            .to_string()
            .ends_with("found a float"));
        assert!(flatten([1, 2])
            .unwrap_err()
            .to_string()
            .ends_with("found a tuple"));
        assert!(flatten(vec![1])
            .unwrap_err()
            .to_string()
            .ends_with("found a sequence"));
        assert!(flatten(Some(7))
            .unwrap_err()
            .to_string()
            .ends_with("found an integer"));
    }

    #[test]
    fn writes_into_a_value_map_too() {
        let mut map = serde_json::value::Serializer.serialize_map(None).unwrap();
        serialize_flattened(&limits(), &mut map, &["code", "message"]).unwrap();
        let value = SerializeMap::end(map).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"retryAfter": 30, "fieldErrors": ["a"]})
        );
    }
}
