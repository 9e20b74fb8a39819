"""The nudge towards two-factor sign-in on the employer dashboard.

Employers hold applicants' CVs, so the dashboard asks them to set up a second factor
until they do. "Not now" hides the notice for this session only: it is back at the next
sign-in, and gone for good once a second factor is set up. The pages that set it up are
allauth's (/accounts/2fa/), in the site's layout (templates/mfa/).
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from board.accounts.mfa import has_second_factor

DISMISSED_KEY = "mfa_notice_dismissed"


def suggests_two_factor(request):
    """Whether the dashboard shows the notice: one query, whatever the page lists."""
    return not request.session.get(DISMISSED_KEY) and not has_second_factor(request.user)


@require_POST
@never_cache
@login_required
def dismiss_notice(request):
    request.session[DISMISSED_KEY] = True
    if request.htmx:
        return HttpResponse("")  # the notice is swapped out for nothing
    return redirect("employer_dashboard")
