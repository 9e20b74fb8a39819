"""Which language a visitor reads the site in (issue 19, docs/i18n.md).

A page's language is its address's: /jobs/ is English, /fr/jobs/ French, /ar/jobs/ Arabic
(i18n_patterns in site_config/urls.py, read by Django's LocaleMiddleware). That keeps every
cache simple, since a cached page or fragment is cached per address, and lets people share
a link in the language they read.

Someone who prefers another language and opens an unprefixed (English) address is sent to
their language's address. Their preference is, in order: the account's choice
(User.language), this browser's choice (the cookie the switch sets), the browser's
Accept-Language. A prefixed address is never redirected: a link in French stays French.
Crawlers send no Accept-Language and so index the English pages, which name their French
and Arabic versions (hreflang links in base.html).
"""

import functools

from django.conf import global_settings, settings
from django.http import HttpResponseRedirect
from django.urls import LocalePrefixPattern, get_resolver, get_script_prefix, translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Any language Django knows may be a job ad's, not only the three the site speaks.
AD_LANGUAGES = list(global_settings.LANGUAGES)


def supported(code):
    """`code` if the site speaks it (a regional variant counts: fr-CA is fr), else None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def preferred_language(request):
    """The language this visitor would choose, or None if they never said (not even
    through their browser)."""
    user = getattr(request, "user", None)
    account_choice = getattr(user, "language", "") if user and user.is_authenticated else ""
    cookie_choice = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    for choice in (account_choice, cookie_choice):
        if supported(choice):
            return supported(choice)
    return translation.get_language_from_request(request) if _asks(request) else None


def _asks(request):
    # get_language_from_request falls back to LANGUAGE_CODE when the header names nothing
    # we speak; only a header that does is a preference.
    header = request.headers.get("accept-language", "")
    return any(supported(part.split(";")[0].strip()) for part in header.split(",") if part.strip())


def address_in(path, code):
    """The same page's address in another language (the path if it has none)."""
    return translate_url(path, code)


class PreferredLanguageMiddleware:
    """Sends a visitor who prefers French or Arabic from an English address to theirs.

    Only GET and HEAD of a full page: a form's POST goes where it was sent, and an htmx
    request comes from a page that is already in its language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        english_page = request.method in ("GET", "HEAD") and _is_english_page(request)
        redirect = self._redirect(request) if english_page else None
        if redirect is not None:
            return redirect
        response = self.get_response(request)
        if english_page:
            # What an English page answers depends on these (another visitor is sent to
            # French): caches must keep them apart. Probes, feeds and files do not.
            patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    def _redirect(self, request):
        """Where to send this GET of an English page, or None. (Cheap questions first: a
        probe or an API call never reads the session.)"""
        if request.headers.get("HX-Request"):
            return None
        wanted = preferred_language(request)
        if not wanted or wanted == settings.LANGUAGE_CODE:
            return None
        query = request.META.get("QUERY_STRING", "")
        location = f"{get_script_prefix()}{wanted}{request.path_info}" + (
            f"?{query}" if query else ""
        )
        response = HttpResponseRedirect(location)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response


def _is_english_page(request):
    """Whether this address is a page's English version: unprefixed, and not one of the
    addresses in no language (the admin, the API, probes, feeds: site_config/urls.py).

    Matched against those few patterns only, not by resolving the prefixed path: a full
    resolve that fails walks every pattern of the site and costs /healthz 70 % more."""
    if translation.get_language_from_path(request.path_info):
        return False
    path = request.path_info.removeprefix("/")
    patterns = _unprefixed_patterns(getattr(request, "urlconf", None))
    return not any(entry.pattern.match(path) for entry in patterns)


@functools.cache
def _unprefixed_patterns(urlconf):
    # The URLconf's entries outside i18n_patterns (a resolver with a language prefix).
    return [
        entry
        for entry in get_resolver(urlconf).url_patterns
        if not isinstance(entry.pattern, LocalePrefixPattern)
    ]


def page_in_languages(path):
    """(code, path) of `path` (a page's, in the active language) in every language the
    site speaks, English first.

    Our URL patterns are the same words in every language (nothing in them is translated),
    so this swaps the prefix: no resolving, which these links on every public page would
    pay for (translate_url resolves and reverses each time)."""
    current = translation.get_language()
    if current != settings.LANGUAGE_CODE:
        path = path.removeprefix(f"/{current}")
    return [
        (code, path if code == settings.LANGUAGE_CODE else f"/{code}{path}")
        for code in LANGUAGE_CODES
    ]


def choice_label(choices, value):
    """The label of `value` in a TextChoices class, in the active language; `value` itself
    if it is not one of them.

    What Model.get_FOO_display() answers, without its cost: Django's builds a dict of every
    choice on each call, and hashing a lazy label translates it, so a job card's four
    labels cost about 20 catalogue look-ups (6 % of a search page). The labels are the same
    for every call in one language: worked out once per process and language."""
    return _labels(choices, translation.get_language()).get(value, value)


@functools.cache
def _labels(choices, language):
    with translation.override(language):
        return {member.value: str(member.label) for member in choices}
