"""Delete my account: the page that asks for confirmation, then erase_account."""

import logging

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from board.privacy.erasure import ErasureRefused, erase_account, erasure_refusal
from board.privacy.forms import DeleteAccountForm

logger = logging.getLogger(__name__)

DELETED = gettext_lazy(
    "Your account was deleted. We sent a last e-mail to confirm it; "
    "we keep no copy of your address."
)


@never_cache
@login_required
def delete_account(request):
    refusal = erasure_refusal(request.user)
    form = DeleteAccountForm(request.user, request.POST or None, request=request)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            erase_account(request.user)
        except ErasureRefused as refused:  # became the last owner meanwhile
            refusal = refused
        else:
            logout(request)
            messages.success(request, DELETED)
            return redirect("home")
    context = {"form": form, "refusal": refusal}
    return TemplateResponse(request, "account/delete_account.html", context)
