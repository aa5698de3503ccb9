//! Stable sorting and sorted lookups, written once for the whole crate.
//!
//! std's stable sort and `BTreeMap` are instantiated anew for every element type and
//! comparator, a few KB of wasm each. Here one merge sort over positions does all the
//! sorting, and lookups are binary searches in sorted vectors: still O(n log n).

use std::cmp::Ordering;

/// `items` in the stable order of `cmp`: equal items keep their order.
pub fn sort_stable<T>(items: Vec<T>, cmp: impl Fn(&T, &T) -> Ordering) -> Vec<T> {
    // Most lists here (a request's headers, its issues) are short and already in order.
    if items.windows(2).all(|pair| matches!(pair, [a, b] if cmp(a, b) != Ordering::Greater)) {
        return items;
    }
    let order = stable_order(items.len(), &|a, b| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => Ordering::Equal,
    });
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|at| slots.get_mut(at).and_then(Option::take)).collect()
}

/// For each item, whether it is the first of those equal to it under `cmp`.
pub fn first_occurrences<T>(items: &[T], cmp: impl Fn(&T, &T) -> Ordering) -> Vec<bool> {
    let same = |a: usize, b: usize| match (items.get(a), items.get(b)) {
        (Some(a), Some(b)) => cmp(a, b),
        _ => Ordering::Equal,
    };
    let order = stable_order(items.len(), &same);
    let mut first = vec![false; items.len()];
    let mut previous: Option<usize> = None;
    for at in order {
        if previous.map_or(true, |p| same(p, at) != Ordering::Equal) {
            if let Some(flag) = first.get_mut(at) {
                *flag = true;
            }
        }
        previous = Some(at);
    }
    first
}

/// Positions `0..n` in the stable order of `cmp`: a bottom-up merge sort.
pub(crate) fn stable_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged: Vec<usize> = Vec::with_capacity(n);
    let mut width = 1usize;
    while width < n {
        merged.clear();
        for runs in order.chunks(width.saturating_mul(2)) {
            let (left, right) = runs.split_at_checked(width).unwrap_or((runs, &[]));
            let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
            while let (Some(&&a), Some(&&b)) = (left.peek(), right.peek()) {
                // Only a strictly smaller right item goes first: that keeps the sort stable.
                if cmp(b, a) == Ordering::Less {
                    merged.push(b);
                    right.next();
                } else {
                    merged.push(a);
                    left.next();
                }
            }
            merged.extend(left);
            merged.extend(right);
        }
        std::mem::swap(&mut order, &mut merged);
        width = width.saturating_mul(2);
    }
    order
}

/// A lookup by string key, built once: the first entry of a repeated key wins.
pub struct Index<'k, V> {
    entries: Vec<(&'k str, V)>,
}

impl<'k, V> Index<'k, V> {
    pub fn new(entries: impl Iterator<Item = (&'k str, V)>) -> Self {
        let mut entries = sort_stable(entries.collect(), |a, b| a.0.cmp(b.0));
        entries.dedup_by(|later, earlier| later.0 == earlier.0);
        Index { entries }
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        let at = self.entries.binary_search_by(|(k, _)| (*k).cmp(key)).ok()?;
        self.entries.get(at).map(|(_, value)| value)
    }
}

impl<V> Default for Index<'_, V> {
    fn default() -> Self {
        Index { entries: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::arithmetic_side_effects)]

    use super::*;
    // Also run on wasm32 by `npm test` (wasm-bindgen-test-runner, in Node).
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn sorts_stably_at_every_length() {
        for n in 0..70usize {
            let items: Vec<(usize, usize)> = (0..n).map(|i| ((i * 7919) % 5, i)).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|(key, _)| *key);
            assert_eq!(sort_stable(items, |a, b| a.0.cmp(&b.0)), expected, "n = {n}");
        }
    }

    #[test]
    fn marks_first_occurrences() {
        let items = ["b", "a", "b", "c", "a", "b"];
        assert_eq!(first_occurrences(&items, |a, b| a.cmp(b)), [true, true, false, true, false, false]);
    }

    #[test]
    fn index_keeps_the_first_entry_of_a_key() {
        let index = Index::new([("x", 1), ("a", 2), ("x", 3)].into_iter());
        assert_eq!((index.get("x"), index.get("a"), index.get("b")), (Some(&1), Some(&2), None));
    }
}
