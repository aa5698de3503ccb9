//! Verifa's metadata: the one-level merge the server applies, and the size it measures.

use crate::json::{Map, Value};
use crate::order::Index;

/// What the session's metadata becomes after a PATCH: keys in the patch replace, a
/// `null` value deletes its key, keys the patch does not name stay. One level only:
/// a nested object in the patch replaces the stored one whole.
pub fn merge_metadata(current: &Map, patch: &Map) -> Map {
    // An index, not `contains_key`: metadata may hold many thousand keys.
    let in_patch = Index::new(patch.keys().map(|key| (key.as_str(), ())));
    let kept = current.iter().filter(|(key, _)| in_patch.get(key).is_none());
    kept.chain(patch.iter().filter(|(_, value)| !value.is_null())).map(|(k, v)| (k.clone(), v.clone())).collect()
}

/// UTF-8 bytes of `value`'s compact JSON text, as the server stores it (escapes such as
/// `\"` count as the two bytes they are sent as). Written to a string like every other
/// JSON text here: a counting writer would be one more serializer in the wasm.
pub fn compact_json_len(value: &Value) -> usize {
    let mut text = String::new();
    crate::json::write_value(&mut text, value);
    text.len()
}
