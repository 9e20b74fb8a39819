"""The language switch (issue 19): English, Français, العربية.

A plain POST, so it works without JavaScript: it remembers the choice in a cookie for this
browser and, for someone signed in, in their account (the language of their e-mails too),
then comes back to the same page in the chosen language.
"""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from board.core.languages import address_in, supported
from board.web.redirects import safe_next
from board.web.theme import back_to_referer


@require_POST
def set_language(request):
    code = request.POST.get("language", "")
    if code not in dict(settings.LANGUAGES) or supported(code) != code:
        return HttpResponseBadRequest("Choose English, Français or العربية.")
    if request.user.is_authenticated:
        request.user.choose_language(code)
    response = redirect(address_in(safe_next(request, back_to_referer(request)), code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
