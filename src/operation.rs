//! The six vendor calls kyc-preflight knows, and their routes.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    Didit,
    Verifa,
    Legaltalent,
    Anycheck,
}

impl Provider {
    pub const ALL: [Provider; 4] = [Self::Didit, Self::Verifa, Self::Legaltalent, Self::Anycheck];

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    pub const fn name(self) -> &'static str {
        match self {
            Self::Didit => "didit",
            Self::Verifa => "verifa",
            Self::Legaltalent => "legaltalent",
            Self::Anycheck => "anycheck",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "wasm", derive(tsify::Tsify))]
pub enum Operation {
    #[serde(rename = "didit.update_session_status")]
    DiditUpdateSessionStatus,
    #[serde(rename = "didit.update_feature_status")]
    DiditUpdateFeatureStatus,
    #[serde(rename = "verifa.update_session")]
    VerifaUpdateSession,
    #[serde(rename = "legaltalent.update_session_status")]
    LegaltalentUpdateSessionStatus,
    #[serde(rename = "legaltalent.request_corrections")]
    LegaltalentRequestCorrections,
    #[serde(rename = "anycheck.update_verification")]
    AnycheckUpdateVerification,
}

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
    pub id: Operation,
    pub provider: Provider,
    pub method: Method,
    /// e.g. `/v3/session/{sessionId}/update-status/`
    pub path_template: &'static str,
    pub path_params: &'static [&'static str],
}

const DIDIT_SESSION: OperationInfo = OperationInfo {
    id: Operation::DiditUpdateSessionStatus,
    provider: Provider::Didit,
    method: Method::Patch,
    path_template: "/v3/session/{sessionId}/update-status/",
    path_params: &["sessionId"],
};

const DIDIT_FEATURE: OperationInfo = OperationInfo {
    id: Operation::DiditUpdateFeatureStatus,
    provider: Provider::Didit,
    method: Method::Patch,
    path_template: "/v3/session/{sessionId}/features/{nodeId}/update-status/",
    path_params: &["sessionId", "nodeId"],
};

const VERIFA_SESSION: OperationInfo = OperationInfo {
    id: Operation::VerifaUpdateSession,
    provider: Provider::Verifa,
    method: Method::Patch,
    path_template: "/api/v1/sessions/{session_id}",
    path_params: &["session_id"],
};

const LEGALTALENT_STATUS: OperationInfo = OperationInfo {
    id: Operation::LegaltalentUpdateSessionStatus,
    provider: Provider::Legaltalent,
    method: Method::Patch,
    path_template: "/kyc/sessions/{session_id}",
    path_params: &["session_id"],
};

const LEGALTALENT_CORRECTIONS: OperationInfo = OperationInfo {
    id: Operation::LegaltalentRequestCorrections,
    provider: Provider::Legaltalent,
    method: Method::Post,
    path_template: "/kyc/sessions/{session_id}/corrections",
    path_params: &["session_id"],
};

const ANYCHECK_VERIFICATION: OperationInfo = OperationInfo {
    id: Operation::AnycheckUpdateVerification,
    provider: Provider::Anycheck,
    method: Method::Put,
    path_template: "/verifications/{id}",
    path_params: &["id"],
};

const OPERATIONS: [OperationInfo; 6] =
    [DIDIT_SESSION, DIDIT_FEATURE, VERIFA_SESSION, LEGALTALENT_STATUS, LEGALTALENT_CORRECTIONS, ANYCHECK_VERIFICATION];

pub fn operations() -> &'static [OperationInfo] {
    &OPERATIONS
}

impl Operation {
    pub const ALL: [Operation; 6] = [
        Self::DiditUpdateSessionStatus,
        Self::DiditUpdateFeatureStatus,
        Self::VerifaUpdateSession,
        Self::LegaltalentUpdateSessionStatus,
        Self::LegaltalentRequestCorrections,
        Self::AnycheckUpdateVerification,
    ];

    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|op| op.id() == id)
    }

    pub const fn id(self) -> &'static str {
        match self {
            Self::DiditUpdateSessionStatus => "didit.update_session_status",
            Self::DiditUpdateFeatureStatus => "didit.update_feature_status",
            Self::VerifaUpdateSession => "verifa.update_session",
            Self::LegaltalentUpdateSessionStatus => "legaltalent.update_session_status",
            Self::LegaltalentRequestCorrections => "legaltalent.request_corrections",
            Self::AnycheckUpdateVerification => "anycheck.update_verification",
        }
    }

    pub const fn info(self) -> &'static OperationInfo {
        match self {
            Self::DiditUpdateSessionStatus => &DIDIT_SESSION,
            Self::DiditUpdateFeatureStatus => &DIDIT_FEATURE,
            Self::VerifaUpdateSession => &VERIFA_SESSION,
            Self::LegaltalentUpdateSessionStatus => &LEGALTALENT_STATUS,
            Self::LegaltalentRequestCorrections => &LEGALTALENT_CORRECTIONS,
            Self::AnycheckUpdateVerification => &ANYCHECK_VERIFICATION,
        }
    }

    pub const fn provider(self) -> Provider {
        self.info().provider
    }
}
