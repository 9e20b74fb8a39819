"""Account security beside allauth's pages: signing out of every other device."""

import logging

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

logger = logging.getLogger(__name__)


@require_POST
@never_cache
@login_required
def sign_out_everywhere(request):
    # A new security stamp ends every session (their hash no longer matches)
    # and every API token; this browser's session is given the new hash.
    request.user.sign_out_everywhere()
    update_session_auth_hash(request, request.user)
    logger.info("user %s signed out everywhere", request.user.pk)
    messages.success(
        request, "You are signed out on every other device, and every API token has ended."
    )
    return redirect("account_change_password")
