//! Verifa's metadata: the one-level merge the server applies, and the size it measures.

use std::io;

use serde_json::{Map, Value};

/// What the session's metadata becomes after a PATCH: keys in the patch replace, a
/// `null` value deletes its key, keys the patch does not name stay. One level only:
/// a nested object in the patch replaces the stored one whole.
pub fn merge_metadata(current: &Map<String, Value>, patch: &Map<String, Value>) -> Map<String, Value> {
    let mut merged = current.clone();
    for (key, value) in patch {
        if value.is_null() {
            merged.remove(key);
        } else {
            merged.insert(key.clone(), value.clone());
        }
    }
    merged
}

/// UTF-8 bytes of `value`'s compact JSON text, as the server stores it (escapes such as
/// `\"` count as the two bytes they are sent as). Counted, not built, so a large value
/// costs no copy.
pub fn compact_json_len(value: &Value) -> usize {
    let mut counter = ByteCounter(0);
    // Writing to a counter cannot fail, and a `Value` always serializes.
    let _ = serde_json::to_writer(&mut counter, value);
    counter.0
}

struct ByteCounter(usize);

impl io::Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 = self.0.saturating_add(buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
