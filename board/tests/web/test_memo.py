"""{% memo %} (board/templatetags/memo.py): fixed markup rendered once per process and
language, never anything of the visitor's; and the language links written in Python."""

import re

import pytest
from django.template import Context, engines
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation import gettext

from board.templatetags.language_tags import language_alternates
from board.templatetags.memo import MAX_COPIES, MemoNode

pytestmark = pytest.mark.django_db


def template(source):
    return engines["django"].from_string("{% load i18n memo %}" + source)


def test_rendered_once_then_reused():
    # {% now "u" %} prints microseconds: a second rendering would differ.
    clock = template("{% memo %}{% now 'u' %}{% endmemo %}")
    assert clock.render({}) == clock.render({})


def test_each_language_has_its_own():
    words = template("{% memo %}{% translate 'Search' %}{% endmemo %}")
    assert words.render({}) == "Search"
    with translation.override("fr"):
        french = words.render({})
        assert french == gettext("Search") != "Search"
    assert words.render({}) == "Search"


def test_sees_nothing_of_the_context_but_what_it_names():
    kept = template("{% memo theme %}[{{ theme }}|{{ email }}]{% endmemo %}")
    assert kept.render({"theme": "dark", "email": "ada@example.com"}) == "[dark|]"
    assert kept.render({"theme": "light", "email": "bob@example.com"}) == "[light|]"
    assert kept.render({"theme": "dark"}) == "[dark|]"


def test_keeps_a_bounded_number_of_copies():
    numbers = template("{% memo n %}<{{ n }}>{% endmemo %}")
    assert [numbers.render({"n": n}) for n in range(MAX_COPIES + 50)] == [
        f"<{n}>" for n in range(MAX_COPIES + 50)
    ]
    [node] = numbers.template.nodelist.get_nodes_by_type(MemoNode)
    assert len(node.rendered) == MAX_COPIES


def _tokens(html):
    return re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)


def test_each_visitor_gets_their_own_token_and_theme_in_the_footer():
    pages = []
    for theme in ("dark", "light"):
        visitor = Client(enforce_csrf_checks=True)
        visitor.cookies["theme"] = theme
        html = visitor.get("/jobs/").content.decode()
        theme_form = html[html.index('class="theme-switch"') :]
        assert f'value="{theme}" class="btn btn-theme" aria-pressed="true"' in theme_form
        pages.append(html)
        # Both switches carry the page's token, and it works: the switch answers.
        assert len(set(_tokens(html))) == 1 and len(_tokens(html)) == 2
        response = visitor.post(
            "/language/",
            {"language": "fr", "csrfmiddlewaretoken": _tokens(html)[0]},
            HTTP_REFERER="http://testserver/jobs/",
        )
        assert response.status_code == 302
    assert _tokens(pages[0])[0] != _tokens(pages[1])[0]


def test_the_language_links_escape_the_address():
    request = RequestFactory().get('/companies/a"><script>/')
    links = language_alternates(Context({"request": request}))
    assert "<script>" not in links and "&quot;&gt;&lt;script&gt;" in links
    assert links.count("<link ") == 4
