//! Misuse of the API (as opposed to bad request data, which is a report).

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PreflightError {
    #[error("unknown operation; see operations() for the ids")]
    UnknownOperation,
    /// Holds the known providers, comma separated (the registry lists them).
    #[error("unknown provider; expected one of: {0}")]
    UnknownProvider(String),
    #[error("unknown rule id in severity overrides: {0}")]
    UnknownRule(String),
    #[error("{0}")]
    InvalidOptions(String),
    #[error("{0}")]
    InvalidArgument(String),
}

impl PreflightError {
    /// The stable `code` of the JavaScript `PreflightError`.
    pub const fn code(&self) -> &'static str {
        match self {
            Self::UnknownOperation => "unknown_operation",
            Self::UnknownProvider(_) => "unknown_provider",
            Self::UnknownRule(_) => "unknown_rule",
            Self::InvalidOptions(_) => "invalid_options",
            Self::InvalidArgument(_) => "invalid_argument",
        }
    }

    /// `{"error": {"code", "message"}}`, the boundary's answer for misuse.
    pub fn to_json(&self) -> String {
        let mut out = format!(r#"{{"error":{{"code":"{}","message":"#, self.code());
        crate::json::write_str(&mut out, &self.to_string());
        out.push_str("}}");
        out
    }
}
