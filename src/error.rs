//! Misuse of the API (as opposed to bad request data, which is a report).

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PreflightError {
    #[error("unknown operation; see operations() for the ids")]
    UnknownOperation,
    #[error("unknown provider; expected didit, verifa, legaltalent or anycheck")]
    UnknownProvider,
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
            Self::UnknownProvider => "unknown_provider",
            Self::UnknownRule(_) => "unknown_rule",
            Self::InvalidOptions(_) => "invalid_options",
            Self::InvalidArgument(_) => "invalid_argument",
        }
    }

    /// `{"error": {"code", "message"}}`, the boundary's answer for misuse.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Body<'a> {
            code: &'a str,
            message: String,
        }
        #[derive(Serialize)]
        struct Wrapper<'a> {
            error: Body<'a>,
        }
        let wrapper = Wrapper { error: Body { code: self.code(), message: self.to_string() } };
        serde_json::to_string(&wrapper)
            .unwrap_or_else(|_| String::from("{\"error\":{\"code\":\"internal_error\",\"message\":\"\"}}"))
    }
}
