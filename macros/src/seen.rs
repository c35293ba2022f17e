//! Where names were seen: for the checks that report a repeat and the emitters that
//! group variants by an answer. Every one of them uses this one map type, because each
//! distinct map type compiles a whole hash table or B-tree into the macro. A B-tree: the
//! macro runs unoptimised, where comparing names (`memcmp`) costs less than hashing them.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

/// A position for each name seen, as its caller numbers them.
#[derive(Default)]
pub struct Seen(BTreeMap<String, usize>);

impl Seen {
    /// Records `name` at `at` unless it was seen before: then where it was first seen,
    /// which stays recorded.
    pub fn first(&mut self, name: String, at: usize) -> Option<usize> {
        match self.0.entry(name) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(entry) => {
                entry.insert(at);
                None
            }
        }
    }

    /// Records `name` at `at`; returns where it was seen last before, if it was: a
    /// repeat is reported against the one just before it.
    pub fn last(&mut self, name: String, at: usize) -> Option<usize> {
        self.0.insert(name, at)
    }

    /// Records `name`; returns whether it is new. For the callers that keep a set.
    pub fn is_new(&mut self, name: String) -> bool {
        self.first(name, 0).is_none()
    }

    /// Where `name` was first seen, for names recorded with [`Seen::first`].
    pub fn get(&self, name: &str) -> Option<usize> {
        self.0.get(name).copied()
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
