// The request suite every validator in the benchmark runs: for each operation in
// api.md, valid and invalid requests ({ path, body }). `valid` is what kyc-preflight is
// expected to answer (`report.ok`); the benchmark checks every library agrees before it
// times anything, so no row compares a pass with a fail by accident.
// Plain data only: this module is also bundled into the browser page.

const UUID = "11111111-2222-4333-8444-555555555555";
const ANYCHECK_ID = "9b2c7a1e-4f3d-4e8a-9c1b-2d3e4f5a6b7c";

/** A 16,385-byte metadata value once JSON-encoded (the quotes count): one over the limit. */
const OVERSIZED = "x".repeat(16_383);

export const cases = [
  // ── didit.update_session_status
  {
    id: "didit.session/valid-decline+email",
    op: "didit.update_session_status",
    valid: true,
    request: {
      path: { sessionId: UUID },
      body: {
        new_status: "Declined",
        comment: "The document photo is blurred; please retake it in daylight.",
        send_email: true,
        email_address: "jane.doe+kyc@example.co.uk",
        email_language: "en",
      },
    },
  },
  {
    id: "didit.session/valid-resubmit-nodes",
    op: "didit.update_session_status",
    valid: true,
    request: {
      path: { sessionId: UUID },
      body: {
        new_status: "Resubmitted",
        comment: "Retake the selfie and the ID back side.",
        nodes_to_resubmit: [
          { node_id: "feature_ocr_a1", feature: "OCR" },
          { node_id: "feature_liveness_b2", feature: "LIVENESS" },
          { node_id: "feature_poa_c3", feature: "PROOF_OF_ADDRESS" },
        ],
      },
    },
  },
  {
    id: "didit.session/invalid-cross-field",
    op: "didit.update_session_status",
    valid: false,
    // Only cross-field errors: send_email without email_address; a KYB parent feature.
    request: {
      path: { sessionId: UUID },
      body: {
        new_status: "Resubmitted",
        send_email: true,
        nodes_to_resubmit: [
          { node_id: "feature_kyb_1", feature: "KYB_REGISTRY" },
          { node_id: "feature_ocr_2", feature: "OCR" },
        ],
      },
    },
  },
  {
    id: "didit.session/invalid-types",
    op: "didit.update_session_status",
    valid: false,
    // enum in the wrong case, comment not a string, bad email, node without node_id.
    request: {
      path: { sessionId: UUID },
      body: {
        new_status: "approved",
        comment: 42,
        email_address: "jane.doe@@example.com",
        nodes_to_resubmit: [{ feature: "OCR" }],
      },
    },
  },
  // ── didit.update_feature_status
  {
    id: "didit.feature/valid",
    op: "didit.update_feature_status",
    valid: true,
    request: {
      path: { sessionId: UUID, nodeId: "feature_ocr_a1" },
      body: { new_status: "Approved", comment: "Manually checked against the registry.", defer_until_flow_finishes: false },
    },
  },
  {
    id: "didit.feature/invalid",
    op: "didit.update_feature_status",
    valid: false,
    request: {
      path: { sessionId: UUID, nodeId: "feature_ocr_a1" },
      body: { new_status: "Resubmitted", comment: ["not", "text"], defer_until_flow_finishes: "later" },
    },
  },
  // ── verifa.update_session
  {
    id: "verifa/valid-metadata",
    op: "verifa.update_session",
    valid: true,
    request: {
      path: { session_id: "ses_2x8KdQ3vN7bL" },
      body: {
        external_ref: "crm-customer-000184",
        metadata: { tier: "gold", risk_score: 12, reviewed_by: "ops-team-3", tags: ["manual", "eu"], stale: null },
      },
    },
  },
  {
    id: "verifa/invalid-size",
    op: "verifa.update_session",
    valid: false,
    // Only a cross-field size rule: one metadata value over 16,384 UTF-8 bytes.
    request: {
      path: { session_id: "ses_2x8KdQ3vN7bL" },
      body: { external_ref: "crm-customer-000184", metadata: { tier: "gold", notes: OVERSIZED } },
    },
  },
  {
    id: "verifa/invalid-types",
    op: "verifa.update_session",
    valid: false,
    request: {
      path: { session_id: "ses_2x8KdQ3vN7bL" },
      // wrong types, and a camelCase key the vendor rejects (only two keys can change).
      body: { external_ref: 184, metadata: ["tier", "gold"], externalRef: "crm-customer-000184" },
    },
  },
  // ── legaltalent.update_session_status
  {
    id: "legaltalent.status/valid",
    op: "legaltalent.update_session_status",
    valid: true,
    request: {
      path: { session_id: UUID },
      body: { status: "approved", reason: "All documents verified by the compliance team." },
    },
  },
  {
    id: "legaltalent.status/invalid",
    op: "legaltalent.update_session_status",
    valid: false,
    // not one of the ten statuses (exact, lowercase: an error, stated), reason not a string
    // (a warning since issue 14: the update body is unpublished).
    request: { path: { session_id: UUID }, body: { status: "Approved", reason: false } },
  },
  // ── legaltalent.request_corrections
  {
    id: "legaltalent.corrections/valid",
    op: "legaltalent.request_corrections",
    valid: true,
    request: {
      path: { session_id: UUID },
      body: {
        corrections: [
          { step_id: "identity", field_ids: ["first_name", "date_of_birth"], message: "Please correct your date of birth." },
          { step_id: "address", document_types: ["utility_bill"], message: "The bill is older than three months." },
        ],
      },
    },
  },
  {
    id: "legaltalent.corrections/invalid",
    op: "legaltalent.request_corrections",
    valid: false,
    request: {
      path: { session_id: UUID },
      body: {
        corrections: [
          { step_id: "", message: "   " },
          { step_id: "address", field_ids: ["", 7], message: "Upload a newer bill." },
          "identity",
        ],
      },
    },
  },
  // ── legaltalent.process_session, extend_session, generate_link, run_validations
  {
    id: "legaltalent.process_session/valid",
    op: "legaltalent.process_session",
    valid: true,
    request: { path: { session_id: UUID }, body: {} },
  },
  {
    id: "legaltalent.process_session/invalid",
    op: "legaltalent.process_session",
    valid: false,
    // no session id: the route does not exist (the seed shows no body for this call).
    request: { path: {}, body: {} },
  },
  {
    id: "legaltalent.extend_session/valid",
    op: "legaltalent.extend_session",
    valid: true,
    request: { path: { session_id: UUID }, body: {} },
  },
  {
    id: "legaltalent.extend_session/invalid",
    op: "legaltalent.extend_session",
    valid: false,
    // no session id: the route does not exist (the seed shows no body for this call).
    request: { path: {}, body: {} },
  },
  {
    id: "legaltalent.generate_link/valid",
    op: "legaltalent.generate_link",
    valid: true,
    request: { path: { session_id: UUID }, body: {} },
  },
  {
    id: "legaltalent.generate_link/invalid",
    op: "legaltalent.generate_link",
    valid: false,
    // no session id: the route does not exist (the seed shows no body for this call).
    request: { path: {}, body: {} },
  },
  {
    id: "legaltalent.run_validations/valid",
    op: "legaltalent.run_validations",
    valid: true,
    request: { path: { session_id: UUID }, body: {} },
  },
  {
    id: "legaltalent.run_validations/invalid",
    op: "legaltalent.run_validations",
    valid: false,
    // no session id: the route does not exist (the seed shows no body for this call).
    request: { path: {}, body: {} },
  },
  // ── anycheck.update_verification
  {
    id: "anycheck/valid",
    op: "anycheck.update_verification",
    valid: true,
    request: {
      path: { id: ANYCHECK_ID },
      body: {
        verification_status: "COMPLETED",
        output: { name_match: true, face_match_score: 0.97, document: { type: "passport", country: "ID" } },
      },
    },
  },
  {
    id: "anycheck/invalid",
    op: "anycheck.update_verification",
    valid: false,
    request: {
      path: { id: ANYCHECK_ID },
      body: { verification_status: "DONE", output: "verified", configuration: [] },
    },
  },
];

/** Operation ids in operations() order (api.md's, then issue 17's four Legal Talent calls). */
export const operationIds = [
  "didit.update_session_status",
  "didit.update_feature_status",
  "verifa.update_session",
  "legaltalent.update_session_status",
  "legaltalent.request_corrections",
  "legaltalent.process_session",
  "legaltalent.extend_session",
  "legaltalent.generate_link",
  "legaltalent.run_validations",
  "anycheck.update_verification",
];

