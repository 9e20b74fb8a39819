"""Links to this page in each language, for search engines (issue 19, docs/i18n.md). A
page's language is its address's (board/core/languages.py)."""

from django import template
from django.conf import settings

from board.core.languages import path_in

register = template.Library()


@register.simple_tag(takes_context=True)
def page_in_languages(context):
    """(code, path) of this page in every language the site speaks, English first; the
    path without the query string."""
    path = context["request"].path
    return [(code, path_in(path, code)) for code, _name in settings.LANGUAGES]
