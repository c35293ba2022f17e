//! The first occurrence of each name: for the checks that report a repeat and the
//! emitters that group variants by an answer. Every one of them uses this one map type,
//! because each distinct map type compiles a whole hash table or B-tree into the macro.
//! A B-tree: the macro runs unoptimised, where comparing names (`memcmp`) costs less
//! than hashing them.

use std::collections::btree_map::Entry;
use std::collections::BTreeMap;

/// Where each name was first seen, as the position its caller gave it.
#[derive(Default)]
pub struct FirstSeen(BTreeMap<String, usize>);

impl FirstSeen {
    /// Records `name` as seen at `at`, unless it was seen before: then the position it
    /// was first seen at.
    pub fn insert(&mut self, name: String, at: usize) -> Option<usize> {
        match self.0.entry(name) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(entry) => {
                entry.insert(at);
                None
            }
        }
    }

    /// Where `name` was first seen.
    pub fn get(&self, name: &str) -> Option<usize> {
        self.0.get(name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::FirstSeen;

    #[test]
    fn the_first_position_is_kept() {
        let mut seen = FirstSeen::default();
        assert_eq!(seen.insert("a".to_owned(), 0), None);
        assert_eq!(seen.insert("b".to_owned(), 1), None);
        assert_eq!(seen.insert("a".to_owned(), 2), Some(0));
        assert_eq!(seen.insert("a".to_owned(), 3), Some(0));
        assert_eq!(seen.get("a"), Some(0));
        assert_eq!(seen.get("b"), Some(1));
        assert_eq!(seen.get("c"), None);
    }
}
