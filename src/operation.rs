//! What a vendor folder declares about itself: its operations (routes, rules and the
//! validator behind each) and its domain answers. The registry (src/registry.rs) lists
//! the vendors; the kernel knows them only through these descriptors and the handles
//! [`Operation`] and [`Provider`].

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::{Serialize, Serializer};

use crate::actions::Action;
use crate::canonical::CanonicalStatus;
use crate::findings::Findings;
use crate::input::Input;
use crate::json::Value;
use crate::report::Effect;
use crate::rule::RuleInfo;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Method {
    #[serde(rename = "PATCH")]
    Patch,
    #[serde(rename = "POST")]
    Post,
    #[serde(rename = "PUT")]
    Put,
}

impl Method {
    pub const fn name(self) -> &'static str {
        match self {
            Self::Patch => "PATCH",
            Self::Post => "POST",
            Self::Put => "PUT",
        }
    }
}

/// An operation's route, as `operations()` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct OperationInfo {
    // e.g. `didit.update_session_status` (a plain comment: doc comments reach the .d.ts)
    #[cfg_attr(feature = "wasm", tsify(type = "Operation"))]
    pub id: &'static str,
    #[cfg_attr(feature = "wasm", tsify(type = "Provider"))]
    pub provider: &'static str,
    pub method: Method,
    /// e.g. `/v3/session/{sessionId}/update-status/`
    pub path_template: &'static str,
    pub path_params: &'static [&'static str],
}

/// What a vendor's validator hands back besides its issues.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The normalized body, when it differs from what the caller sent.
    pub body: Option<Value>,
    /// What the call will change, reported only when the request is ok.
    pub effects: Vec<Effect>,
}

/// One vendor call: its route, its rules (in the order `rules()` lists them) and the
/// validator that raises them in the vendor's server order.
pub struct OperationSpec {
    pub info: OperationInfo,
    pub rules: &'static [RuleInfo],
    /// The status the vendor answers for a body it cannot read (not JSON, too deep…).
    pub unreadable_body_status: u16,
    pub validate: fn(&Input<'_>, &mut Findings<'_>) -> Outcome,
}

/// A vendor, as `vendors()` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub struct VendorInfo {
    // e.g. `didit`: the prefix of its operation ids (a plain comment: doc comments reach the .d.ts)
    #[cfg_attr(feature = "wasm", tsify(type = "Provider"))]
    pub provider: &'static str,
    /// How people write its name, e.g. `Legal Talent`.
    pub label: &'static str,
    /// The member of `options.context` that holds the vendor's own state JSON (`decision`,
    /// `session` or `verification`), as `allowedActions` also takes it.
    pub context_key: &'static str,
}

/// A vendor: who it is, its operations, and the answers that read its state JSON.
pub struct Vendor {
    pub info: VendorInfo,
    pub operations: &'static [Operation],
    /// The actions a reviewer may take now, for the state JSON (`{decision}`…).
    pub allowed_actions: fn(&Value) -> Vec<Action>,
    /// The canonical status of a vendor status; `detail` refines it where the vendor
    /// splits one status in two.
    pub canonical_status: fn(&str, Option<&Value>) -> Option<CanonicalStatus>,
}

/// A handle on one operation's spec: compared, ordered and written as its id.
#[derive(Clone, Copy)]
pub struct Operation(&'static OperationSpec);

impl Operation {
    pub const fn new(spec: &'static OperationSpec) -> Self {
        Operation(spec)
    }

    pub const fn id(self) -> &'static str {
        self.0.info.id
    }

    pub const fn info(self) -> &'static OperationInfo {
        &self.0.info
    }

    pub const fn spec(self) -> &'static OperationSpec {
        self.0
    }

    /// The provider id, e.g. `didit`.
    pub const fn provider(self) -> &'static str {
        self.0.info.provider
    }
}

impl PartialEq for Operation {
    fn eq(&self, other: &Self) -> bool {
        self.id() == other.id()
    }
}

impl Eq for Operation {}

impl PartialOrd for Operation {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Operation {
    fn cmp(&self, other: &Self) -> Ordering {
        self.id().cmp(other.id())
    }
}

impl Hash for Operation {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id().hash(state);
    }
}

impl fmt::Debug for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Operation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// A handle on one vendor: compared and written as its provider id.
#[derive(Clone, Copy)]
pub struct Provider(&'static Vendor);

impl Provider {
    pub const fn new(vendor: &'static Vendor) -> Self {
        Provider(vendor)
    }

    pub const fn name(self) -> &'static str {
        self.0.info.provider
    }

    pub const fn vendor(self) -> &'static Vendor {
        self.0
    }
}

impl PartialEq for Provider {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Provider {}

impl fmt::Debug for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Provider {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}
