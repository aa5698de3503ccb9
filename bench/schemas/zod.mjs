// zod 4 schemas for the request suite: the error-severity checks of rules.md that a
// schema can express (types, required, enums, email, lengths, cross-field rules as
// refinements). Each schema takes the whole { path, body } request, as kyc-preflight does.
import { z } from "zod";
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

export function buildSchemas() {
  const uuid = z.string().regex(UUID_RE);
  const anyObject = z.looseObject({});

  const diditSession = z.object({
    path: z.object({ sessionId: uuid }),
    body: z
      .looseObject({
        new_status: z.enum(DIDIT_TARGETS),
        comment: z.string().optional(),
        send_email: z.custom(isSendEmailOk).optional(),
        email_address: z.email().max(254).optional(),
        email_language: z.string().optional(),
        nodes_to_resubmit: z
          .array(z.looseObject({ node_id: z.string().min(1), feature: z.enum(DIDIT_FEATURES) }))
          .optional(),
      })
      .superRefine((body, ctx) => {
        if (body.send_email === true && body.email_address === undefined) {
          ctx.addIssue({ code: "custom", path: ["email_address"], message: "email_address is required when send_email is true" });
        }
        if (!Array.isArray(body.nodes_to_resubmit)) return;
        body.nodes_to_resubmit.forEach((node, i) => {
          if (KYB_PARENTS.includes(node?.feature)) {
            ctx.addIssue({ code: "custom", path: ["nodes_to_resubmit", i, "feature"], message: "KYB parent steps cannot be resubmitted" });
          }
        });
      }),
  });

  const diditFeature = z.object({
    path: z.object({ sessionId: uuid, nodeId: z.string().min(1) }),
    body: z.looseObject({
      new_status: z.enum(DIDIT_FEATURE_TARGETS),
      comment: z.string().optional(),
      defer_until_flow_finishes: z.boolean().optional(),
    }),
  });

  const verifa = z.object({
    path: z.object({ session_id: z.string().min(1) }),
    body: z
      .strictObject({
        external_ref: z.string().max(255).nullable().optional(),
        metadata: z.record(z.string(), z.unknown()).optional(),
      })
      .superRefine((body, ctx) => {
        if (body.metadata === null || typeof body.metadata !== "object") return;
        for (const key in body.metadata) {
          if (metadataValueTooBig(body.metadata[key])) {
            ctx.addIssue({ code: "custom", path: ["metadata", key], message: "over 16,384 UTF-8 bytes" });
          }
        }
      }),
  });

  const legaltalentStatus = z.object({
    path: z.object({ session_id: uuid }),
    body: z.looseObject({ status: z.enum(LEGALTALENT_TARGETS), reason: z.string().optional() }),
  });

  const nonEmptyStrings = z.array(z.string().min(1)).optional();
  const legaltalentCorrections = z.object({
    path: z.object({ session_id: uuid }),
    body: z.looseObject({
      corrections: z
        .array(
          z.looseObject({
            step_id: z.string().min(1),
            field_ids: nonEmptyStrings,
            document_types: nonEmptyStrings,
            message: z.string().refine((s) => !isBlank(s), "message must not be blank"),
          }),
        )
        .min(1),
    }),
  });

  // Legal Talent's body-less workflow calls: an id; any body is ignored (a warning).
  const legaltalentBodyless = z.object({ path: z.object({ session_id: z.string().min(1) }), body: z.unknown() });

  const anycheck = z.object({
    path: z.object({ id: uuid }),
    body: z.looseObject({
      verification_status: z.enum(ANYCHECK_TARGETS).optional(),
      output: anyObject.optional(),
      configuration: anyObject.optional(),
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

/** One validation: true when valid. */
export const check = (schema, request) => schema.safeParse(request).success;
