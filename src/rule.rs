//! The rule registry: every rule id with its default severity, source and summary.
//!
//! Each vendor declares its rules with [`rule_set!`] next to the code that raises them;
//! [`RuleId`] unites them, and [`rules`] lists them all, so the catalogue shipped to
//! users is generated from the code and cannot drift from it.

use serde::Serialize;

use crate::operation::Operation;
use crate::report::{Severity, Source};

/// Static facts about one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct RuleInfo {
    #[cfg_attr(feature = "wasm", tsify(type = "RuleId"))]
    pub id: &'static str,
    /// `None` for the kernel's own input rules, which apply to every operation.
    pub operation: Option<Operation>,
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

/// Any rule id of any operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[cfg_attr(feature = "wasm", serde(untagged))]
pub enum RuleId {
    Input(InputRule),
    DiditSession(crate::didit::DiditSessionRule),
    DiditFeature(crate::didit::DiditFeatureRule),
    Verifa(crate::verifa::VerifaRule),
    LegaltalentStatus(crate::legaltalent::LegaltalentStatusRule),
    LegaltalentCorrections(crate::legaltalent::LegaltalentCorrectionsRule),
    Anycheck(crate::anycheck::AnycheckRule),
}

impl Serialize for RuleId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl RuleId {
    pub fn info(self) -> &'static RuleInfo {
        match self {
            Self::Input(r) => r.info(),
            Self::DiditSession(r) => r.info(),
            Self::DiditFeature(r) => r.info(),
            Self::Verifa(r) => r.info(),
            Self::LegaltalentStatus(r) => r.info(),
            Self::LegaltalentCorrections(r) => r.info(),
            Self::Anycheck(r) => r.info(),
        }
    }

    pub fn id(self) -> &'static str {
        self.info().id
    }
}

macro_rules! rule_id_from {
    ($($variant:ident($ty:ty)),+) => {
        $( impl From<$ty> for RuleId {
            fn from(rule: $ty) -> Self { Self::$variant(rule) }
        } )+
    };
}
rule_id_from!(
    Input(InputRule),
    DiditSession(crate::didit::DiditSessionRule),
    DiditFeature(crate::didit::DiditFeatureRule),
    Verifa(crate::verifa::VerifaRule),
    LegaltalentStatus(crate::legaltalent::LegaltalentStatusRule),
    LegaltalentCorrections(crate::legaltalent::LegaltalentCorrectionsRule),
    Anycheck(crate::anycheck::AnycheckRule)
);

const REGISTRY: &[&[RuleInfo]] = &[
    InputRule::ALL,
    crate::didit::DiditSessionRule::ALL,
    crate::didit::DiditFeatureRule::ALL,
    crate::verifa::VerifaRule::ALL,
    crate::legaltalent::LegaltalentStatusRule::ALL,
    crate::legaltalent::LegaltalentCorrectionsRule::ALL,
    crate::anycheck::AnycheckRule::ALL,
];

/// Every rule, kernel rules first, then per operation in the order of `operations()`.
pub fn rules() -> impl Iterator<Item = &'static RuleInfo> {
    REGISTRY.iter().flat_map(|set| set.iter())
}

/// Looks a rule up by its id, e.g. for a severity override.
pub fn find_rule(id: &str) -> Option<&'static RuleInfo> {
    rules().find(|info| info.id == id)
}
