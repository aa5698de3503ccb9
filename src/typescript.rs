//! The published `.d.ts`, beyond what tsify derives from the core's own types: literal
//! unions generated from the vendors' vocabulary tables (the tables their rules use, so a
//! union cannot drift from them), and a check that a request body type's members are the
//! body keys its rules read. Wasm build only, and all of it compile time: a declaration is
//! a custom section that wasm-bindgen moves into the `.d.ts` (as tsify's derives do), so
//! the module adds no code to the wasm.

/// `export type Name = "a" | "b";` (with the doc comment given) from a table of strings
/// (`&[&str]`), rendered when the crate compiles.
macro_rules! literal_union {
    ($(#[doc = $doc:literal])+ pub type $name:ident = $table:expr;) => {
        // Read only by the custom section wasm-bindgen generates, which the dead-code lint
        // does not see.
        #[allow(dead_code)]
        const _: () = {
            const TABLE: &[&str] = $table;
            const HEAD: &str = concat!("/**\n", $(" *", $doc, "\n",)+ " */\nexport type ", stringify!($name), " = ");
            const LEN: usize = $crate::typescript::render::<0>(HEAD, TABLE).1;
            const TEXT: [u8; LEN] = $crate::typescript::render::<LEN>(HEAD, TABLE).0;
            assert!($crate::typescript::plain(TABLE), concat!(stringify!($name), ": a string of its table needs escaping"));
            #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
            const DECLARATION: &str = $crate::typescript::text(&TEXT);
        };
    };
}
pub(crate) use literal_union;

/// Fails the build unless `keys` (the table of body keys an operation's rules read) are
/// exactly the fields listed, and the fields listed are exactly the struct's (the pattern
/// is exhaustive): a body type's members cannot drift from its rules.
macro_rules! members_are {
    ($ty:ident { $($field:ident),+ $(,)? } == $keys:expr) => {
        const _: () = {
            #[allow(dead_code)]
            fn exhaustive(value: $ty) {
                let $ty { $($field: _),+ } = value;
            }
            assert!(
                $crate::typescript::same_keys(&[$(stringify!($field)),+], $keys),
                concat!("the members of ", stringify!($ty), " are not the body keys its rules read"),
            );
        };
    };
}
pub(crate) use members_are;

// Const evaluation only (the macros above call these in `const` items): an overflow or
// an index out of bounds there fails the build, it never reaches a call.

/// The union's text as bytes, at most `N` of them, and its full length.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
pub const fn render<const N: usize>(head: &str, table: &[&str]) -> ([u8; N], usize) {
    let mut out = [0; N];
    let mut len = 0;
    let mut k = 0;
    while let Some(piece) = piece(head, table, k) {
        let bytes = piece.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if len < N {
                out[len] = bytes[i];
            }
            len += 1;
            i += 1;
        }
        k += 1;
    }
    (out, len)
}

/// The `k`th piece of `head"a" | "b";`, or `None` past the end.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn piece<'a>(head: &'a str, table: &[&'a str], k: usize) -> Option<&'a str> {
    if k == 0 {
        return Some(head);
    }
    let k = k - 1;
    if table.is_empty() {
        return if k == 0 { Some("never;") } else { None };
    }
    let (entry, part) = (k / 3, k % 3);
    if entry < table.len() {
        Some(match part {
            0 if entry == 0 => "\"",
            0 => " | \"",
            1 => table[entry],
            _ => "\"",
        })
    } else if k == table.len() * 3 {
        Some(";")
    } else {
        None
    }
}

pub const fn text(bytes: &[u8]) -> &str {
    match core::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => "",
    }
}

/// No entry needs escaping in a TypeScript string literal.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
pub const fn plain(table: &[&str]) -> bool {
    let mut e = 0;
    while e < table.len() {
        let bytes = table[e].as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if matches!(bytes[i], b'"' | b'\\' | b'\n' | b'\r') {
                return false;
            }
            i += 1;
        }
        e += 1;
    }
    true
}

/// The same keys, each once, in any order.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
pub const fn same_keys(members: &[&str], keys: &[&str]) -> bool {
    if members.len() != keys.len() {
        return false;
    }
    let mut i = 0;
    while i < members.len() {
        if count(keys, members[i]) != 1 || count(members, members[i]) != 1 {
            return false;
        }
        i += 1;
    }
    true
}

#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn count(table: &[&str], key: &str) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < table.len() {
        if equal(table[i], key) {
            n += 1;
        }
        i += 1;
    }
    n
}

#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn equal(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}
