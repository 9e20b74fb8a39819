"""JSON Web Tokens: a short-lived access token and a rotating refresh token.

Only accounts with a verified e-mail address get tokens, as only they may
apply or post on the site. Signing in counts against the site's own sign-in
limits (board/api/authentication.py). Logging out blacklists the refresh token;
the access token dies on its own within minutes (SIMPLE_JWT in settings).
A new password or "sign out everywhere" ends every token at once.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.tokens import RefreshToken
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from board.accounts import signins
from board.api import examples, schema
from board.api.authentication import LOCKED, REVOKED, TokenRefreshSerializer
from board.api.serializers import (
    DetailErrorSerializer,
    EmailTokenObtainSerializer,
    RefreshSerializer,
    TokenPairSerializer,
)

REFUSALS = EmailTokenObtainSerializer.default_error_messages
WRONG_CREDENTIALS = schema.unauthorized(
    schema.error("Wrong e-mail or password", REFUSALS["no_active_account"]),
    schema.error("Second factor needed", REFUSALS["otp_required"], code="otp_required"),
    schema.error("Wrong or used code", REFUSALS["otp_invalid"], code="otp_invalid"),
    description="Wrong e-mail address or password, or an inactive account. For an account "
    "with two-factor sign-in, the right password without `otp` is `otp_required` (ask the "
    "person for a code and send the request again with it), a wrong, expired or already "
    "used code is `otp_invalid`.",
)
UNVERIFIED = schema.forbidden(
    schema.error("E-mail not verified", REFUSALS["unverified"]),
    description="The account's e-mail address is not verified yet.",
)
REFRESH_REFUSED = schema.unauthorized(
    schema.error("Already used", "Token is blacklisted", code="token_not_valid"),
    schema.error("Expired", "Token is expired", code="token_not_valid"),
    schema.error("Revoked", REVOKED, code="token_not_valid"),
    description="The refresh token is expired, invalid, or already used (it is blacklisted "
    "once refreshed or logged out), or revoked by a new password or by signing out "
    "everywhere.",
)
LOCKED_OUT = OpenApiResponse(
    DetailErrorSerializer,
    description="Too many sign-in attempts: from this address, or failed ones for this "
    "account (the site's limits, shared with its sign-in form). Refused even with the "
    "right password until `Retry-After` seconds have passed.",
    examples=[schema.error("Account locked", f"{LOCKED} Expected available in 300 seconds.")],
)


@extend_schema(
    tags=["auth"],
    summary="Get a token pair",
    description="E-mail and password. Wrong credentials: 401; an account whose address is "
    "not verified yet: 403; too many attempts (5 failures for one account in 5 minutes, "
    "shared with the site's sign-in form): 429. Send "
    "the access token as `Authorization: Bearer <access>`; it lasts 5 minutes.\n\n"
    "Accounts with two-factor sign-in also send `otp`: a code from their authenticator app "
    "(each code works once) or one of their recovery codes (each works once, ever). Without "
    "it the answer is 401 with `code: otp_required`; a wrong code is 401 `otp_invalid` and "
    "counts as a failed sign-in (5 in 5 minutes lock the account, as on the site).",
    responses={
        200: schema.ok(TokenPairSerializer, examples.TOKEN_PAIR),
        400: schema.field_errors(examples.MISSING_CREDENTIALS),
        401: WRONG_CREDENTIALS,
        403: UNVERIFIED,
        429: LOCKED_OUT,
    },
    examples=[
        *schema.body("Demo seeker", examples.SIGN_IN),
        *schema.body("With a second factor", {**examples.SIGN_IN, "otp": "123456"}),
    ],
)
class TokenObtain(TokenObtainPairView):
    serializer_class = EmailTokenObtainSerializer


@extend_schema(
    tags=["auth"],
    summary="Refresh the access token",
    description="Returns a new access token and a new refresh token; the old refresh token is "
    "blacklisted (rotation).",
    responses={
        200: schema.ok(TokenPairSerializer, examples.REFRESHED_PAIR),
        400: schema.field_errors(examples.MISSING_REFRESH),
        401: REFRESH_REFUSED,
        429: schema.THROTTLED,
    },
    examples=schema.body("Refresh token", {"refresh": examples.REFRESH}),
)
class TokenRefresh(TokenRefreshView):
    serializer_class = TokenRefreshSerializer


@extend_schema(
    tags=["auth"],
    summary="Log out",
    description="Blacklists the refresh token: it can no longer be refreshed.",
    request=RefreshSerializer,
    responses={
        204: OpenApiResponse(description="Logged out."),
        400: schema.field_errors(examples.BLACKLISTED_REFRESH, "Already logged out"),
        429: schema.THROTTLED,
    },
    examples=schema.body("Refresh token", {"refresh": examples.REFRESHED_PAIR["refresh"]}),
)
class Logout(APIView):
    permission_classes = [AllowAny]
    # Holding the refresh token is what proves the right to end it.
    authentication_classes = []

    def post(self, request):
        serializer = RefreshSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            RefreshToken(serializer.validated_data["refresh"]).blacklist()
        except TokenError as exc:
            return Response({"refresh": [str(exc)]}, status=status.HTTP_400_BAD_REQUEST)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    tags=["auth"],
    summary="Sign out everywhere",
    description="Ends every API token of the signed-in user (access and refresh, this one "
    "included) and every session of theirs on the site, except the browser session making "
    "this request, if any.",
    request=None,
    responses={
        204: OpenApiResponse(description="Signed out everywhere."),
        403: schema.CSRF_FAILED,
        **schema.SIGNED_IN,
    },
)
class SignOutEverywhere(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request):
        # The site's rule (its sessions page calls it too). A browser session (Swagger
        # UI) making the request stays signed in; a bearer token ends with the rest.
        keep = request if request.auth is None else None
        signins.sign_out_everywhere(request.user, keep=keep)
        return Response(status=status.HTTP_204_NO_CONTENT)
