"""Links to this page in each language, for search engines (issue 19, docs/i18n.md). A
page's language is its address's (board/core/languages.py).

Written here rather than as a template: every public page prints them, and the template
engine's loop, variables and escaping cost several times what they print (about 1 M
instructions, 2 % of a search page: docs/i18n.md, "What it costs")."""

from django import template
from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import mark_safe

from board.core.languages import page_in_languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """<link rel="alternate" hreflang> to this page in every language the site speaks,
    English first and as the default (x-default): the address without its query string,
    so a page never prints what a visitor put in its URL."""
    request = context["request"]
    origin = escape(f"{request.scheme}://{request.get_host()}")
    links = [(code, f"{origin}{escape(path)}") for code, path in page_in_languages(request.path)]
    links.append(("x-default", links[0][1]))
    tags = [f'<link rel="alternate" hreflang="{code}" href="{href}">' for code, href in links]
    return mark_safe("\n  ".join(tags))  # noqa: S308 -- each part escaped; codes are settings'


@register.simple_tag
def site_languages():
    """(code, name) of each language the site speaks, each name in its own language (not
    translated, as get_available_languages would)."""
    return settings.LANGUAGES
