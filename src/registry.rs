//! The one list of vendors. Adding a vendor: a folder under `src/` that exports a
//! [`Vendor`] descriptor, and one line in [`VENDORS`].
//!
//! Layers, top to bottom: `wasm.rs` → `boundary.rs` → `lib.rs` → this
//! registry → the vendor folders → the kernel. The kernel never imports a vendor or
//! this file, and vendors never import each other (tests/architecture.rs holds both).

use crate::error::PreflightError;
use crate::operation::{Operation, OperationInfo, Provider, Vendor, VendorInfo};
use crate::options::ValidateOptions;
use crate::rule::{InputRule, RuleInfo};

/// Every vendor, in the order `operations()` and `rules()` list them.
pub const VENDORS: &[&Vendor] =
    &[&crate::didit::VENDOR, &crate::verifa::VENDOR, &crate::legaltalent::VENDOR, &crate::anycheck::VENDOR];

/// Every vendor, as `vendors()` answers.
pub fn vendors() -> impl Iterator<Item = &'static VendorInfo> {
    VENDORS.iter().map(|vendor| &vendor.info)
}

/// Every operation of every vendor.
pub fn all_operations() -> impl Iterator<Item = Operation> {
    VENDORS.iter().flat_map(|vendor| vendor.operations.iter().copied())
}

/// The routes of every operation, as `operations()` answers.
pub fn operations() -> impl Iterator<Item = &'static OperationInfo> {
    all_operations().map(Operation::info)
}

/// Every rule: the kernel's input rules first, then each operation's in its order.
pub fn rules() -> impl Iterator<Item = &'static RuleInfo> {
    InputRule::ALL.iter().chain(all_operations().flat_map(|op| op.spec().rules.iter()))
}

/// Looks a rule up by its id, e.g. for a severity override.
pub fn find_rule(id: &str) -> Option<&'static RuleInfo> {
    rules().find(|info| info.id == id)
}

impl Operation {
    /// The operation with this id, e.g. `didit.update_session_status`.
    pub fn parse(id: &str) -> Option<Operation> {
        all_operations().find(|op| op.id() == id)
    }

    /// Every operation, in `operations()` order.
    pub fn all() -> Vec<Operation> {
        all_operations().collect()
    }
}

impl Provider {
    /// The vendor with this provider id, e.g. `didit`.
    pub fn parse(name: &str) -> Option<Provider> {
        VENDORS.iter().find(|vendor| vendor.info.provider == name).map(|vendor| Provider::new(vendor))
    }

    /// Every vendor, in registry order.
    pub fn all() -> Vec<Provider> {
        VENDORS.iter().map(|vendor| Provider::new(vendor)).collect()
    }

    /// The misuse error naming the providers there are.
    pub fn unknown() -> PreflightError {
        let names: Vec<&str> = vendors().map(|info| info.provider).collect();
        PreflightError::UnknownProvider(names.join(", "))
    }
}

impl ValidateOptions {
    /// Reads the options JSON of the boundary; a severity override must name a rule of
    /// some operation (the operation itself is not checked: one options object may
    /// serve several operations).
    pub fn from_json(text: &str) -> Result<ValidateOptions, PreflightError> {
        ValidateOptions::from_json_with(text, |id| find_rule(id).is_some())
    }
}
