"""Account security beside allauth's pages: the sessions and API tokens of the account
("Sessions and devices"), ending one, and signing out everywhere. The rules are in
board/accounts/signins.py, which the API's "sign out everywhere" calls too."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from board.accounts import signins


@require_safe
@never_cache
@login_required
def sessions(request):
    context = {
        "sessions": signins.active_sessions(request),
        "tokens": signins.active_tokens(request.user),
    }
    return TemplateResponse(request, "account/sessions.html", context)


@require_POST
@never_cache
@login_required
def end_session(request, pk):
    # Another account's session is answered like a missing one.
    session = get_object_or_404(signins.sessions_of(request.user), pk=pk)
    if session.session_key == request.session.session_key:
        signins.end_session(session)
        logout(request)
        messages.success(request, _("You are signed out."))
        return redirect("account_login")
    signins.end_session(session)
    messages.success(request, _("That session is signed out."))
    return redirect("account_sessions")


@require_POST
@never_cache
@login_required
def revoke_token(request, pk):
    token = get_object_or_404(signins.tokens_of(request.user), pk=pk)
    signins.revoke_token(token)
    messages.success(request, _("That API token is revoked: it can no longer be refreshed."))
    return redirect("account_sessions")


@require_POST
@never_cache
@login_required
def sign_out_everywhere(request):
    """Every other session and every API token; this browser stays signed in."""
    signins.sign_out_everywhere(request.user, keep=request)
    messages.success(
        request, _("You are signed out on every other device, and every API token has ended.")
    )
    return redirect("account_sessions")


@require_POST
@never_cache
@login_required
def sign_out_all(request):
    """Every session, this one included, and every API token."""
    signins.sign_out_everywhere(request.user)
    logout(request)
    messages.success(request, _("You are signed out everywhere, here too."))
    return redirect("account_login")
