"""The colour theme switch (board/web/theme.py): a cookie set by a POST, read while
rendering into the <html> element; nothing else of a page depends on it."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from board.tests.factories import JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

URL = reverse("set_theme")


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def dark_stylesheet_media(response):
    return re.search(r'href="[^"]*dark\.css"[^>]*media="([^"]*)"', response.content.decode()).group(
        1
    )


def pressed(response):
    """The switch's button that says it is pressed."""
    buttons = re.findall(
        r'<button type="submit" name="theme" value="(\w+)"[^>]*aria-pressed="true"',
        response.content.decode(),
    )
    assert len(buttons) == 1, buttons
    return buttons[0]


class TestSetTheme:
    @pytest.mark.parametrize("choice", ["light", "dark", "system"])
    def test_anyone_chooses_and_goes_back(self, client, choice):
        response = client.post(URL, {"theme": choice, "next": "/jobs/?q=python"})

        assert response.status_code == 302
        assert response["Location"] == "/jobs/?q=python"
        cookie = response.cookies["theme"]
        assert cookie.value == choice
        assert cookie["max-age"] == 365 * 24 * 3600
        assert cookie["httponly"] and cookie["samesite"] == "Lax"

    def test_a_signed_in_seeker_too(self, client):
        client.force_login(SeekerFactory())
        response = client.post(URL, {"theme": "dark", "next": "/"})
        assert response.cookies["theme"].value == "dark"

    @pytest.mark.parametrize("value", ["", "blue", "DARK", "dark\r\nSet-Cookie: x=1"])
    def test_an_unknown_theme_is_a_clear_400_and_sets_nothing(self, client, value):
        response = client.post(URL, {"theme": value})
        assert response.status_code == 400
        assert b"Choose light, dark or system." in response.content
        assert "theme" not in response.cookies

    @pytest.mark.parametrize(
        "target",
        ["//evil.example/", "https://evil.example/", "/\\evil.example", "https:evil.example"],
    )
    def test_next_never_leaves_the_site(self, client, target):
        response = client.post(URL, {"theme": "dark", "next": target})
        assert response["Location"] == "/"

    def test_get_is_not_allowed(self, client):
        assert client.get(URL, {"theme": "dark"}).status_code == 405

    def test_csrf_protected(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(URL, {"theme": "dark"})
        assert response.status_code == 403
        assert "theme" not in response.cookies


class TestRenderedTheme:
    def test_by_default_the_page_follows_the_system(self, client):
        response = client.get("/")
        assert 'data-theme="system"' in html_tag(response)
        assert "data-bs-theme" not in html_tag(response)
        assert dark_stylesheet_media(response) == "(prefers-color-scheme: dark)"
        assert pressed(response) == "system"

    def test_dark(self, client):
        client.cookies["theme"] = "dark"
        response = client.get("/")
        assert 'data-bs-theme="dark"' in html_tag(response)
        assert dark_stylesheet_media(response) == "all"
        assert pressed(response) == "dark"

    def test_light_even_on_a_dark_system(self, client):
        client.cookies["theme"] = "light"
        response = client.get("/")
        assert 'data-bs-theme="light"' in html_tag(response)
        assert dark_stylesheet_media(response) == "not all"
        assert pressed(response) == "light"

    def test_an_odd_cookie_is_the_default(self, client):
        client.cookies["theme"] = '"><script>alert(1)</script>'
        response = client.get("/")
        assert 'data-theme="system"' in html_tag(response)
        assert "<script>alert" not in response.content.decode()

    def test_the_switch_is_the_same_on_every_page(self, client):
        """It holds no address (it goes back by the Referer): a refused page stays the
        same HTML as a missing one."""
        forms = {
            re.search(r'<form[^>]*class="theme-switch".*?</form>', client.get(path).text, re.S)
            .group(0)
            .split('name="csrfmiddlewaretoken" value="')[0]
            for path in ("/", "/jobs/?q=python", "/jobs/999999/")
        }
        assert len(forms) == 1 and 'name="next"' not in forms.pop()

    @pytest.mark.parametrize("path", ["/", "/jobs/", "/jobs/?q=engineer"])
    def test_only_the_html_element_and_switch_depend_on_the_theme(self, client, path):
        """What is cached (job cards, the search's filters and results, the home page's
        latest jobs) is inside <main>, which is the same HTML in every theme: so no cache
        key needs the theme."""
        JobFactory.create_batch(3, title="Engineer")
        mains = set()
        for choice in ("light", "dark", "system"):
            client.cookies["theme"] = choice
            body = client.get(path).content.decode()
            main = body[body.index("<main") : body.index("</main>")]
            mains.add(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main))
        assert len(mains) == 1


class TestGoingBack:
    def test_it_goes_back_by_the_referer(self, client):
        response = client.post(
            URL, {"theme": "dark"}, HTTP_REFERER="http://testserver/jobs/999999/?a=1"
        )
        assert response["Location"] == "/jobs/999999/?a=1"

    @pytest.mark.parametrize(
        "referer", ["", "https://evil.example/jobs/", "http://testserver.evil.example/", "//evil"]
    )
    def test_a_foreign_or_missing_referer_goes_home(self, client, referer):
        response = client.post(URL, {"theme": "dark"}, HTTP_REFERER=referer)
        assert response["Location"] == "/"
