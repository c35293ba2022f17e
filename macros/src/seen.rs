//! Where names were seen: for the checks that report a repeat and the emitters that
//! group variants by an answer. Every one of them uses this one map type, because each
//! distinct map type compiles its own code into the macro, which every user builds. A
//! sorted list, searched by halves: it compiles to a fraction of a B-tree's code or a
//! hash table's, and the macro runs unoptimised, where comparing names (`memcmp`) costs
//! less than hashing them. An insertion moves the names after it, a few kilobytes even
//! for an enum of a thousand variants.

/// A position for each name seen, as its caller numbers them.
#[derive(Default)]
pub struct Seen(Vec<(String, usize)>);

impl Seen {
    /// Where `name` is in the list, or where it would go.
    fn search(&self, name: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(seen, _)| seen.as_str().cmp(name))
    }

    /// Records `name` at `at` unless it was seen before: then where it was first seen,
    /// which stays recorded.
    pub fn first(&mut self, name: String, at: usize) -> Option<usize> {
        match self.search(&name) {
            Ok(found) => Some(self.0[found].1),
            Err(place) => {
                self.0.insert(place, (name, at));
                None
            }
        }
    }

    /// Records `name` at `at`; returns where it was seen last before, if it was: a
    /// repeat is reported against the one just before it.
    pub fn last(&mut self, name: String, at: usize) -> Option<usize> {
        match self.search(&name) {
            Ok(found) => Some(std::mem::replace(&mut self.0[found].1, at)),
            Err(place) => {
                self.0.insert(place, (name, at));
                None
            }
        }
    }

    /// Records `name`; returns whether it is new. For the callers that keep a set.
    pub fn is_new(&mut self, name: String) -> bool {
        self.first(name, 0).is_none()
    }

    /// Where `name` was first seen, for names recorded with [`Seen::first`].
    pub fn get(&self, name: &str) -> Option<usize> {
        match self.search(name) {
            Ok(found) => Some(self.0[found].1),
            Err(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Seen;

    #[test]
    fn first_keeps_the_first_position() {
        let mut seen = Seen::default();
        assert_eq!(seen.first("a".to_owned(), 0), None);
        assert_eq!(seen.first("b".to_owned(), 1), None);
        assert_eq!(seen.first("a".to_owned(), 2), Some(0));
        assert_eq!(seen.first("a".to_owned(), 3), Some(0));
        assert_eq!(seen.get("a"), Some(0));
        assert_eq!(seen.get("b"), Some(1));
        assert_eq!(seen.get("c"), None);
    }

    #[test]
    fn names_in_any_order_are_found() {
        let mut seen = Seen::default();
        let names = ["m", "c", "x", "a", "q", "b", "z", "n"];
        for (at, name) in names.iter().enumerate() {
            assert_eq!(seen.first((*name).to_owned(), at), None);
        }
        for (at, name) in names.iter().enumerate() {
            assert_eq!(seen.get(name), Some(at));
            assert_eq!(seen.first((*name).to_owned(), 99), Some(at));
        }
        assert_eq!(seen.get("d"), None);
        assert_eq!(seen.get(""), None);
        assert_eq!(seen.get("zz"), None);
    }

    #[test]
    fn last_answers_with_the_one_before() {
        let mut seen = Seen::default();
        assert_eq!(seen.last("a".to_owned(), 0), None);
        assert_eq!(seen.last("a".to_owned(), 1), Some(0));
        assert_eq!(seen.last("a".to_owned(), 2), Some(1));
        assert_eq!(seen.last("b".to_owned(), 3), None);
    }

    #[test]
    fn is_new_says_whether_a_name_was_seen() {
        let mut seen = Seen::default();
        assert!(seen.is_new("a".to_owned()));
        assert!(!seen.is_new("a".to_owned()));
        assert!(seen.is_new("b".to_owned()));
    }
}
