//! JSON objects: entries in the order written, a repeated key merged as `JSON.parse`
//! merges it.

use std::cmp::Ordering;

use super::Value;
use crate::order::stable_order;

/// A JSON object: entries in the order written, keys unique.
#[derive(Clone, Debug, Default)]
pub struct Map {
    entries: Vec<(String, Value)>,
}

type Entry = (String, Value);

impl Map {
    pub const fn new() -> Self {
        Map { entries: Vec::new() }
    }

    /// Entries as parsed, repeated keys merged as `JSON.parse` merges them.
    pub(crate) fn from_parsed(mut entries: Vec<Entry>) -> Self {
        merge_repeated_keys(&mut entries);
        Map { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// A linear scan: validators look up a handful of known keys.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        self.entries.iter_mut().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Replaces the value of an existing key in place, or appends.
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.get_mut(&key) {
            Some(slot) => Some(std::mem::replace(slot, value)),
            None => {
                self.entries.push((key, value));
                None
            }
        }
    }

    pub fn iter(&self) -> Iter<'_> {
        self.entries.iter().map(entry_refs)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &Value> {
        self.entries.iter().map(|(_, v)| v)
    }
}

pub type Iter<'a> = std::iter::Map<std::slice::Iter<'a, Entry>, fn(&'a Entry) -> (&'a String, &'a Value)>;

fn entry_refs(entry: &Entry) -> (&String, &Value) {
    (&entry.0, &entry.1)
}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Map {
    type Item = Entry;
    type IntoIter = std::vec::IntoIter<Entry>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl FromIterator<Entry> for Map {
    fn from_iter<I: IntoIterator<Item = Entry>>(iter: I) -> Self {
        Map::from_parsed(iter.into_iter().collect())
    }
}

impl PartialEq for Map {
    /// Same keys with equal values, in any order (as JS and serde_json compare objects).
    fn eq(&self, other: &Map) -> bool {
        if self.len() != other.len() {
            return false;
        }
        if self.entries == other.entries {
            return true;
        }
        let (mine, theirs) = (sorted_entries(&self.entries), sorted_entries(&other.entries));
        mine.iter().zip(&theirs).all(|(a, b)| a == b)
    }
}

/// References to `entries` sorted by key (keys are unique, so stability is moot).
fn sorted_entries(entries: &[Entry]) -> Vec<&Entry> {
    let order = stable_order(entries.len(), &|a, b| by_key(entries, a, b));
    order.into_iter().filter_map(|at| entries.get(at)).collect()
}

fn by_key(entries: &[Entry], a: usize, b: usize) -> Ordering {
    match (entries.get(a), entries.get(b)) {
        (Some((a, _)), Some((b, _))) => a.cmp(b),
        _ => Ordering::Equal,
    }
}

/// A key written twice keeps its first position and takes its last value, as in
/// `JSON.parse`. O(n log n): a 1 MiB body may hold many thousand keys.
fn merge_repeated_keys(entries: &mut Vec<Entry>) {
    // Most objects are small and repeat nothing: say so without allocating.
    let small_and_unique = entries.len() <= 16
        && entries
            .iter()
            .enumerate()
            .all(|(i, (key, _))| entries.get(..i).unwrap_or_default().iter().all(|(k, _)| k != key));
    if small_and_unique {
        return;
    }
    let order = stable_order(entries.len(), &|a, b| by_key(entries, a, b));
    let mut keep = vec![true; entries.len()];
    let mut moves = Vec::new();
    for run in order.chunk_by(|&a, &b| by_key(entries, a, b) == Ordering::Equal) {
        if let (Some(&first), Some(&last), true) = (run.first(), run.last(), run.len() > 1) {
            moves.push((first, last));
            for &later in run.get(1..).unwrap_or_default() {
                if let Some(flag) = keep.get_mut(later) {
                    *flag = false;
                }
            }
        }
    }
    for (first, last) in moves {
        let value = entries.get_mut(last).map(|(_, v)| std::mem::take(v));
        if let (Some(value), Some((_, slot))) = (value, entries.get_mut(first)) {
            *slot = value;
        }
    }
    let mut flags = keep.into_iter();
    entries.retain(|_| flags.next().unwrap_or(true));
}
