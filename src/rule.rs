//! Rules: each one's id, default severity, source and summary.
//!
//! Each vendor declares its rules with [`rule_set!`] next to the code that raises them;
//! a [`RuleId`] is a handle into such a table, and the registry (src/registry.rs) lists
//! every table, so the catalogue shipped to users is generated from the code and cannot
//! drift from it.

use std::fmt;

use serde::Serialize;

use crate::report::{Severity, Source};

/// Static facts about one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    #[cfg_attr(feature = "wasm", tsify(type = "RuleId"))]
    pub id: &'static str,
    /// `None` for the kernel's own input rules, which apply to every operation.
    #[cfg_attr(feature = "wasm", tsify(type = "Operation | null"))]
    pub operation: Option<&'static str>,
    pub severity: Severity,
    pub source: Source,
    pub summary: &'static str,
}

/// Declares one operation's rules as an enum; each rule's JSON (and TypeScript) name is
/// its id.
macro_rules! rule_set {
    (
        $(#[$meta:meta])*
        pub enum $name:ident for $op:expr => {
            $( $variant:ident = $id:literal, $sev:ident, $src:ident, $summary:literal; )+
        }
    ) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
        $(#[$meta])*
        pub enum $name {
            // Only tsify reads the names here: the JSON is written from `info().id`.
            $( #[cfg_attr(feature = "wasm", serde(rename = $id))] $variant, )+
        }

        impl $name {
            /// In the order the variants are declared, which `info` relies on.
            pub const ALL: &'static [$crate::rule::RuleInfo] = &[
                $( $crate::rule::RuleInfo {
                    id: $id,
                    operation: $op,
                    severity: $crate::report::Severity::$sev,
                    source: $crate::report::Source::$src,
                    summary: $summary,
                }, )+
            ];

            pub fn info(self) -> &'static $crate::rule::RuleInfo {
                Self::ALL.get(self as usize).unwrap_or(&$crate::rule::UNDECLARED)
            }
        }

        impl From<$name> for $crate::rule::RuleId {
            fn from(rule: $name) -> Self {
                $crate::rule::RuleId::new(rule.info())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.info().id)
            }
        }
    };
}
pub(crate) use rule_set;

rule_set! {
    /// Rules about the request as a whole, before any vendor reads it.
    pub enum InputRule for None => {
        JsonSyntax = "json_syntax", Error, Inferred, "the body text is not valid JSON (the message gives line and column)";
        InvalidUnicode = "invalid_unicode", Error, Inferred, "a string holds a lone UTF-16 surrogate, or the bytes are not UTF-8";
        TooDeep = "too_deep", Error, Inferred, "the body nests deeper than maxDepth (default 64)";
        TooLarge = "too_large", Error, Inferred, "the body's JSON text is larger than maxBodyBytes (default 1 MiB)";
        NotSerializable = "not_serializable", Error, Inferred, "the body cannot be turned into JSON (a cycle, a BigInt, a throwing getter, a revoked Proxy)";
        RequestShape = "request_shape", Error, Inferred, "`path` or `headers` is not an object of strings";
        NonFiniteNumber = "non_finite_number", Warning, Inferred, "the body held NaN or ±Infinity, which `JSON.stringify` sends as null (for Verifa metadata, null deletes the key)";
        ContextInvalid = "context_invalid", Warning, Inferred, "the context does not have the vendor's shape: rules that need it are skipped";
        InternalError = "internal_error", Error, Inferred, "the validator itself failed; it was reset and the request was not judged";
    }
}

/// Never returned: `ALL` has an entry for every variant, in order.
pub(crate) const UNDECLARED: RuleInfo = RuleInfo {
    id: "internal_error",
    operation: None,
    severity: Severity::Error,
    source: Source::Inferred,
    summary: "",
};

/// A handle on one rule of any operation: compared and written as its id.
#[derive(Clone, Copy)]
pub struct RuleId(&'static RuleInfo);

impl RuleId {
    pub const fn new(info: &'static RuleInfo) -> Self {
        RuleId(info)
    }

    pub const fn info(self) -> &'static RuleInfo {
        self.0
    }

    pub const fn id(self) -> &'static str {
        self.0.id
    }
}

impl PartialEq for RuleId {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id()
    }
}

impl Eq for RuleId {}

impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}
