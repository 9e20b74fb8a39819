"""The colour theme switch: light, dark, or the system's setting (the default).

The choice lives in a cookie, read while rendering (templatetags/look_tags.py) into
the <html> element's attributes, so the first paint already has the right colours:
no flash, and no JavaScript needed. Only that attribute depends on the theme;
cached fragments (job cards, the search's filters and results) are the same HTML in
every theme, so no cache key needs the theme (docs/design.md, "Dark mode").
"""

from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from board.core.themes import CHOICES, COOKIE
from board.web.redirects import safe_next

YEAR = 365 * 24 * 3600


def back_to_referer(request):
    """The page the switch was on: the Referer, if it is this site's, else home. (The
    switch sends no `next`, so that a page's HTML never holds its own address; a `next`
    still wins, for a link or a client that sends one.)"""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc != request.get_host() or not referer.path.startswith("/"):
        return "/"
    return urlunsplit(("", "", referer.path, referer.query, ""))


@require_POST
def set_theme(request):
    # Anyone may choose, signed in or not: it is a preference of this browser, not of
    # an account. CSRF-protected like every POST, so another site cannot flip it.
    choice = request.POST.get("theme")
    if choice not in CHOICES:
        return HttpResponseBadRequest("Choose light, dark or system.")
    response = redirect(safe_next(request, back_to_referer(request)))
    response.set_cookie(
        COOKIE,
        choice,
        max_age=YEAR,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,  # only the server reads it
        samesite="Lax",
    )
    return response
