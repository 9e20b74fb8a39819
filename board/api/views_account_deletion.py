"""Delete my account through the API: the site's confirmation form and the same
erase_account (board/privacy/erasure.py), so the API refuses what the site refuses."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from board.api import schema
from board.api.errors import conflict
from board.privacy.erasure import ErasureRefused, erase_account, erasure_refusal
from board.privacy.forms import WRONG_PASSWORD, DeleteAccountForm


class DeleteAccountSerializer(serializers.Serializer):
    """The body's shape (an object of strings); the form checks what they say."""

    password = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    email = serializers.CharField(required=False, allow_blank=True)


@extend_schema(
    tags=["auth"],
    summary="Delete my account",
    description="Deletes the signed-in account and everything personal in it, as the "
    "site's “Delete my account” does: applications stay with the companies as “Deleted "
    "applicant”, every session and token ends. Confirm with `password`, or, for an "
    "account without a password (social sign-in), with `email`, the account's address.",
    request=DeleteAccountSerializer,
    examples=schema.body("Confirm with the password", {"password": "correct-horse-battery"}),
    responses={
        204: OpenApiResponse(description="Deleted; a confirmation e-mail is on its way."),
        400: schema.field_errors({"password": [WRONG_PASSWORD]}),
        403: schema.CSRF_FAILED,
        409: schema.conflict(schema.error("Last owner", "You are the last owner of Acme. …")),
        **schema.SIGNED_IN,
    },
)
class DeleteAccount(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request):
        refusal = erasure_refusal(request.user)
        if refusal is not None:
            return conflict(refusal)
        body = DeleteAccountSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        form = DeleteAccountForm(request.user, data=body.validated_data, request=request)
        if not form.is_valid():
            return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
        try:
            erase_account(request.user)
        except ErasureRefused as refused:
            return conflict(refused)
        if request.auth is None:  # a browser session (Swagger UI)
            request.session.flush()
        return Response(status=status.HTTP_204_NO_CONTENT)
