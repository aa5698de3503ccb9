//! Didit's vocabularies, as its API v3 documents them (vendors.md).

/// Session statuses: exact JSON strings, case-sensitive, with spaces.
pub const SESSION_STATUSES: &[&str] = &[
    "Not Started",
    "In Progress",
    "Awaiting User",
    "In Review",
    "Approved",
    "Declined",
    "Resubmitted",
    "Expired",
    "Kyc Expired",
    "Abandoned",
];

/// update-status: the statuses a session may be moved from, and to.
pub const UPDATABLE_FROM: &[&str] = &["Approved", "Declined", "In Review", "Kyc Expired", "Abandoned", "Resubmitted"];
pub const MANUAL_TARGETS: &[&str] = &["Approved", "Declined", "Resubmitted"];

/// The manual transition table, as vendors.md spells it out.
pub fn manual_targets_from(current: &str) -> &'static [&'static str] {
    match current {
        "Approved" => &["Declined", "Resubmitted"],
        "Declined" => &["Approved", "Resubmitted"],
        "In Review" | "Kyc Expired" | "Abandoned" => &["Approved", "Declined", "Resubmitted"],
        "Resubmitted" => &["Approved", "Declined"],
        _ => &[],
    }
}

/// feature update-status targets.
pub const FEATURE_TARGETS: &[&str] = &["Approved", "Declined", "In Review"];

/// `nodes_to_resubmit[].feature`: the documented enum.
pub const FEATURES: &[&str] = &[
    "OCR",
    "OCR_BACK",
    "NFC",
    "AML",
    "FACE",
    "LIVENESS",
    "FACE_MATCH",
    "IP_ANALYSIS",
    "AGE_ESTIMATION",
    "PROOF_OF_ADDRESS",
    "PHONE_VERIFICATION",
    "EMAIL_VERIFICATION",
    "FACE_SEARCH",
    "DATABASE_VALIDATION",
    "QUESTIONNAIRE",
    "DOCUMENT_AI",
    "KYB_DOCUMENTS",
    "ID_VERIFICATION",
    "POA",
    "PHONE",
    "EMAIL",
    "KYB_REGISTRY",
    "KYB_KEY_PEOPLE",
    "KYB",
];

/// The server's own list of valid choices, quoted in its error (no `DOCUMENT_AI`).
pub const SERVER_FEATURE_CHOICES: &str = "OCR, OCR_BACK, NFC, AML, FACE, LIVENESS, FACE_MATCH, IP_ANALYSIS, AGE_ESTIMATION, PROOF_OF_ADDRESS, PHONE_VERIFICATION, EMAIL_VERIFICATION, FACE_SEARCH, DATABASE_VALIDATION, QUESTIONNAIRE, KYB_REGISTRY, KYB_DOCUMENTS, KYB_KEY_PEOPLE, ID_VERIFICATION, POA, PHONE, EMAIL, KYB";

/// Parents of child KYC sessions: never resubmitted directly.
pub const KYB_PARENT_FEATURES: &[&str] = &["KYB_REGISTRY", "KYB_KEY_PEOPLE", "KYB"];

/// The server resolves these aliases; so does the prepared body.
pub fn canonical_feature(feature: &str) -> &str {
    match feature {
        "ID_VERIFICATION" => "OCR",
        "POA" => "PROOF_OF_ADDRESS",
        "PHONE" => "PHONE_VERIFICATION",
        "EMAIL" => "EMAIL_VERIFICATION",
        _ => feature,
    }
}

/// A decision array, the feature its items are resubmitted as, and whether
/// auto-selection considers it (rules.md, auto-selection rules 1 and 3).
#[derive(Debug)]
pub struct DecisionArray {
    pub key: &'static str,
    pub feature: &'static str,
    pub auto_selected: bool,
}

const fn array(key: &'static str, feature: &'static str, auto_selected: bool) -> DecisionArray {
    DecisionArray { key, feature, auto_selected }
}

/// In auto-selection order (rule 1), then the arrays it never selects (rule 3).
pub const DECISION_ARRAYS: &[DecisionArray] = &[
    array("id_verifications", "OCR", true),
    array("liveness_checks", "LIVENESS", true),
    array("face_matches", "FACE_MATCH", true),
    array("poa_verifications", "PROOF_OF_ADDRESS", true),
    array("phone_verifications", "PHONE_VERIFICATION", true),
    array("email_verifications", "EMAIL_VERIFICATION", true),
    array("aml_screenings", "AML", true),
    array("database_validations", "DATABASE_VALIDATION", true),
    array("questionnaire_responses", "QUESTIONNAIRE", true),
    array("nfc_verifications", "NFC", false),
    array("ip_analyses", "IP_ANALYSIS", false),
    array("document_ai_documents", "DOCUMENT_AI", false),
    array("registry_checks", "KYB_REGISTRY", false),
    array("key_people_checks", "KYB_KEY_PEOPLE", false),
    array("document_verifications", "KYB_DOCUMENTS", false),
];

/// Whether a (canonical) feature may name an item of a decision array.
/// `FACE` is the liveness step; `OCR_BACK` is the back of the ID document.
pub fn feature_matches_array(feature: &str, array_key: &str) -> bool {
    match feature {
        "FACE" | "LIVENESS" => array_key == "liveness_checks",
        "OCR_BACK" => array_key == "id_verifications",
        _ => DECISION_ARRAYS.iter().any(|a| a.key == array_key && a.feature == feature),
    }
}

/// Features with no decision array of their own: nothing to compare them with.
pub const UNTRACKED_FEATURES: &[&str] = &["AGE_ESTIMATION", "FACE_SEARCH", "KYB"];

/// Item statuses auto-selection resubmits (rule 2).
pub const RESUBMITTABLE_ITEM_STATUSES: &[&str] = &["Declined", "In Review", "Not Finished", "Expired"];

/// `email_language` codes the server knows; others fall back to `en`.
pub const EMAIL_LANGUAGES: &[&str] = &[
    "en", "ar", "bg", "bn", "bs", "ca", "cnr", "cs", "da", "de", "el", "es", "et", "fa", "fi", "fr", "he", "hi", "hr",
    "hu", "hy", "id", "it", "ja", "ka", "kk", "ko", "ky", "lt", "lv", "mk", "mn", "ms", "nl", "no", "pl", "pt",
    "pt-BR", "ro", "ru", "sk", "sl", "so", "sq", "sr", "sv", "th", "tr", "uk", "uz", "vi", "zh", "zh-CN", "zh-TW",
];

/// Body keys of session update-status; anything else the server ignores.
pub const SESSION_BODY_KEYS: &[&str] = &[
    "new_status",
    "comment",
    "send_email",
    "email_address",
    "email_language",
    "nodes_to_resubmit",
    "email_preview_token",
];

/// Body keys of feature update-status.
pub const FEATURE_BODY_KEYS: &[&str] = &["new_status", "comment", "defer_until_flow_finishes"];
