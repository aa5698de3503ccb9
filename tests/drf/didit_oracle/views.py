"""The serializer layer of Didit's two views: parse (JSON only), validate, answer.

What stays out, because no serializer expresses it and kyc-preflight's own tests cover
it: authentication (403), the session's current status, transitions and same-status,
the node lookup (404), API sessions, KYB parents (a view-level string answer) and
auto-selection of steps to resubmit.
"""

from rest_framework.response import Response
from rest_framework.views import APIView

from .serializers import UpdateFeatureStatus, UpdateSessionStatus


def _plain(value):
    """validated_data as JSON: OrderedDicts and lists of them."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class _Update(APIView):
    serializer_class = None

    def patch(self, request, **kwargs):
        serializer = self.serializer_class(data=request.data)
        if not serializer.is_valid():
            return Response(serializer.errors, status=400)
        return Response({"validated": _plain(serializer.validated_data)}, status=200)


class SessionStatus(_Update):
    serializer_class = UpdateSessionStatus


class FeatureStatus(_Update):
    serializer_class = UpdateFeatureStatus
