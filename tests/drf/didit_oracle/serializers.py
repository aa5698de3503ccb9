"""Didit's two update-status bodies as DRF serializers, declared from the seed documents
and /work/shared/spec (rules.md, vendors.md): field names, types, required fields,
choices and the messages the vendor quotes. Where the documents are silent about an
option (may `comment` be blank?), the declaration takes the one that refuses nothing
more than DRF's defaults do, as the fidelity principle asks (README, "Fidelity").
"""

from rest_framework import serializers

SESSION_STATUSES = [
    "Not Started", "In Progress", "Awaiting User", "In Review", "Approved",
    "Declined", "Resubmitted", "Expired", "Kyc Expired", "Abandoned",
]
MANUAL_TARGETS = ["Approved", "Declined", "Resubmitted"]
FEATURE_TARGETS = ["Approved", "Declined", "In Review"]

# The 24 documented values. The server's own error lists 23 (no DOCUMENT_AI): the
# message is quoted as the vendor words it, and DOCUMENT_AI stays a valid choice (what
# kyc-preflight warns about, node_feature_document_ai, is beyond what DRF can show).
FEATURES = [
    "OCR", "OCR_BACK", "NFC", "AML", "FACE", "LIVENESS", "FACE_MATCH", "IP_ANALYSIS",
    "AGE_ESTIMATION", "PROOF_OF_ADDRESS", "PHONE_VERIFICATION", "EMAIL_VERIFICATION",
    "FACE_SEARCH", "DATABASE_VALIDATION", "QUESTIONNAIRE", "DOCUMENT_AI", "KYB_DOCUMENTS",
    "ID_VERIFICATION", "POA", "PHONE", "EMAIL", "KYB_REGISTRY", "KYB_KEY_PEOPLE", "KYB",
]
SERVER_FEATURE_CHOICES = (
    "OCR, OCR_BACK, NFC, AML, FACE, LIVENESS, FACE_MATCH, IP_ANALYSIS, AGE_ESTIMATION, "
    "PROOF_OF_ADDRESS, PHONE_VERIFICATION, EMAIL_VERIFICATION, FACE_SEARCH, "
    "DATABASE_VALIDATION, QUESTIONNAIRE, KYB_REGISTRY, KYB_DOCUMENTS, KYB_KEY_PEOPLE, "
    "ID_VERIFICATION, POA, PHONE, EMAIL, KYB"
)


class NodeToResubmit(serializers.Serializer):
    node_id = serializers.CharField()
    feature = serializers.ChoiceField(
        choices=FEATURES,
        error_messages={
            "invalid_choice": '"{input}" is not a valid choice. Valid choices are: ' + SERVER_FEATURE_CHOICES
        },
    )


class UpdateSessionStatus(serializers.Serializer):
    """`PATCH /v3/session/{sessionId}/update-status/`"""

    new_status = serializers.ChoiceField(choices=SESSION_STATUSES)
    comment = serializers.CharField(required=False, allow_blank=True)
    send_email = serializers.BooleanField(required=False)
    email_address = serializers.EmailField(required=False)
    email_language = serializers.CharField(required=False, allow_blank=True)
    # A list whose items are validated as a list of NodeToResubmit: the one
    # declaration that gives both shapes the vendor quotes, the list field's
    # `["Expected a list of items but got type \"str\"."]` and the per-item list
    # `[{}, {"feature": [...]}]` (a `many=True` field would nest the first under
    # `non_field_errors`; a ListField of serializers would key the second by index).
    nodes_to_resubmit = serializers.ListField(required=False)

    def validate_new_status(self, value):
        if value not in MANUAL_TARGETS:
            raise serializers.ValidationError(
                "You can only update the status to 'Approved', 'Declined', or 'Resubmitted'."
            )
        return value

    def validate_nodes_to_resubmit(self, value):
        items = NodeToResubmit(data=value, many=True)
        items.is_valid(raise_exception=True)
        return items.validated_data

    def validate(self, attrs):
        if attrs.get("send_email") and not attrs.get("email_address"):
            raise serializers.ValidationError(
                {"email_address": "Email address is required when send_email is true."}
            )
        return attrs


class UpdateFeatureStatus(serializers.Serializer):
    """`PATCH /v3/session/{sessionId}/features/{nodeId}/update-status/`"""

    new_status = serializers.ChoiceField(choices=FEATURE_TARGETS)
    comment = serializers.CharField(required=False, allow_blank=True)
    defer_until_flow_finishes = serializers.BooleanField(required=False)
