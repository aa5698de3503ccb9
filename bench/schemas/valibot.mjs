// valibot schemas for the request suite: the same checks as ./zod.mjs, with
// cross-field rules as `rawCheck` actions in a pipe.
import * as v from "valibot";
import {
  ANYCHECK_TARGETS,
  DIDIT_FEATURE_TARGETS,
  DIDIT_FEATURES,
  DIDIT_TARGETS,
  isBlank,
  isSendEmailOk,
  KYB_PARENTS,
  LEGALTALENT_TARGETS,
  metadataValueTooBig,
  UUID_RE,
} from "../vocab.mjs";

const at = (input, ...keys) => keys.map((key) => ({ type: "object", origin: "value", input, key, value: undefined }));

export function buildSchemas() {
  const uuid = v.pipe(v.string(), v.regex(UUID_RE));
  const anyObject = v.looseObject({});

  const diditSession = v.object({
    path: v.object({ sessionId: uuid }),
    body: v.pipe(
      v.looseObject({
        new_status: v.picklist(DIDIT_TARGETS),
        comment: v.optional(v.string()),
        send_email: v.optional(v.custom(isSendEmailOk)),
        email_address: v.optional(v.pipe(v.string(), v.email(), v.maxLength(254))),
        email_language: v.optional(v.string()),
        nodes_to_resubmit: v.optional(
          v.array(v.looseObject({ node_id: v.pipe(v.string(), v.minLength(1)), feature: v.picklist(DIDIT_FEATURES) })),
        ),
      }),
      v.rawCheck(({ dataset, addIssue }) => {
        const body = dataset.value;
        if (body.send_email === true && body.email_address === undefined) {
          addIssue({ message: "email_address is required when send_email is true", path: at(body, "email_address") });
        }
        if (!Array.isArray(body.nodes_to_resubmit)) return;
        body.nodes_to_resubmit.forEach((node, i) => {
          if (KYB_PARENTS.includes(node?.feature)) {
            addIssue({ message: "KYB parent steps cannot be resubmitted", path: at(body, "nodes_to_resubmit", i, "feature") });
          }
        });
      }),
    ),
  });

  const diditFeature = v.object({
    path: v.object({ sessionId: uuid, nodeId: v.pipe(v.string(), v.minLength(1)) }),
    body: v.looseObject({
      new_status: v.picklist(DIDIT_FEATURE_TARGETS),
      comment: v.optional(v.string()),
      defer_until_flow_finishes: v.optional(v.boolean()),
    }),
  });

  const verifa = v.object({
    path: v.object({ session_id: v.pipe(v.string(), v.minLength(1)) }),
    body: v.pipe(
      v.strictObject({
        external_ref: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(255)))),
        metadata: v.optional(v.record(v.string(), v.unknown())),
      }),
      v.rawCheck(({ dataset, addIssue }) => {
        const metadata = dataset.value?.metadata;
        if (metadata === null || typeof metadata !== "object") return;
        for (const key in metadata) {
          if (metadataValueTooBig(metadata[key])) addIssue({ message: "over 16,384 UTF-8 bytes", path: at(metadata, "metadata", key) });
        }
      }),
    ),
  });

  const legaltalentStatus = v.object({
    path: v.object({ session_id: uuid }),
    body: v.looseObject({ status: v.picklist(LEGALTALENT_TARGETS), reason: v.optional(v.string()) }),
  });

  const nonEmptyStrings = v.optional(v.array(v.pipe(v.string(), v.minLength(1))));
  const legaltalentCorrections = v.object({
    path: v.object({ session_id: uuid }),
    body: v.looseObject({
      corrections: v.pipe(
        v.array(
          v.looseObject({
            step_id: v.pipe(v.string(), v.minLength(1)),
            field_ids: nonEmptyStrings,
            document_types: nonEmptyStrings,
            message: v.pipe(v.string(), v.check((s) => !isBlank(s), "message must not be blank")),
          }),
        ),
        v.minLength(1),
      ),
    }),
  });

  // Legal Talent's body-less workflow calls: an id; any body is ignored (a warning).
  const legaltalentBodyless = v.object({ path: v.object({ session_id: v.pipe(v.string(), v.minLength(1)) }), body: v.unknown() });

  const anycheck = v.object({
    path: v.object({ id: uuid }),
    body: v.looseObject({
      verification_status: v.optional(v.picklist(ANYCHECK_TARGETS)),
      output: v.optional(anyObject),
      configuration: v.optional(anyObject),
    }),
  });

  return {
    "didit.update_session_status": diditSession,
    "didit.update_feature_status": diditFeature,
    "verifa.update_session": verifa,
    "legaltalent.update_session_status": legaltalentStatus,
    "legaltalent.request_corrections": legaltalentCorrections,
    "legaltalent.process_session": legaltalentBodyless,
    "legaltalent.extend_session": legaltalentBodyless,
    "legaltalent.generate_link": legaltalentBodyless,
    "legaltalent.run_validations": legaltalentBodyless,
    "anycheck.update_verification": anycheck,
  };
}

export const check = (schema, request) => v.safeParse(schema, request).success;
