//! Verifa's metadata: the one-level merge the server applies, and the size it measures.

use serde_json::{Map, Value};

/// What the session's metadata becomes after a PATCH: keys in the patch replace, a
/// `null` value deletes its key, keys the patch does not name stay. One level only:
/// a nested object in the patch replaces the stored one whole.
pub fn merge_metadata(current: &Map<String, Value>, patch: &Map<String, Value>) -> Map<String, Value> {
    // Built afresh rather than by removing keys: `BTreeMap::remove` is a lot of wasm.
    let mut merged = Map::new();
    let kept = current.iter().filter(|(key, _)| !patch.contains_key(*key));
    for (key, value) in kept.chain(patch.iter().filter(|(_, value)| !value.is_null())) {
        merged.insert(key.clone(), value.clone());
    }
    merged
}

/// UTF-8 bytes of `value`'s compact JSON text, as the server stores it (escapes such as
/// `\"` count as the two bytes they are sent as). Written to a string like every other
/// JSON text here: a counting writer would be one more serializer in the wasm.
pub fn compact_json_len(value: &Value) -> usize {
    serde_json::to_string(value).map_or(0, |text| text.len())
}
