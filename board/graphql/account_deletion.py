"""The `deleteAccount` mutation: the site's confirmation form and the same
erase_account as the site and REST (board/privacy/erasure.py)."""

import strawberry
from strawberry.types import Info
from strawberry_django.permissions import IsAuthenticated

from board.privacy.erasure import ErasureRefused, erase_account, erasure_refusal
from board.privacy.forms import DeleteAccountForm

from .errors import ClientError


def delete_account(info: Info, password: str = "", email: str = "") -> bool:
    """Delete the signed-in account: confirm with the password, or with the e-mail
    address for an account without one. True once deleted."""
    request = info.context.request
    refusal = erasure_refusal(request.user)
    if refusal is not None:
        raise ClientError(str(refusal))
    form = DeleteAccountForm(
        request.user, data={"password": password, "email": email}, request=request
    )
    if not form.is_valid():
        fields = {name: list(messages) for name, messages in form.errors.items()}
        raise ClientError(next(iter(fields.values()))[0], fields=fields)
    try:
        erase_account(request.user)
    except ErasureRefused as refused:
        raise ClientError(str(refused)) from None
    if hasattr(request, "session"):  # a browser session (GraphiQL): it ends here
        request.session.flush()
    return True


DELETE_ACCOUNT = strawberry.mutation(
    resolver=delete_account,
    extensions=[IsAuthenticated(fail_silently=False)],
    description="Delete your account and everything personal in it (REST: POST "
    "/api/v1/me/account/delete/). Applications stay with the companies as “Deleted applicant”.",
)
