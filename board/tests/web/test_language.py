"""Languages (issue 19, docs/i18n.md): a page's language is its address's (/fr/, /ar/, none
for English); an English address sends a visitor who prefers another language to theirs;
the switch remembers the choice in a cookie and in the account."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from board.accounts.models import User
from board.tests.factories import EmployerFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


class TestAddresses:
    @pytest.mark.parametrize(
        ("prefix", "lang", "direction", "stylesheet"),
        [
            ("", "en", "ltr", "bootstrap.min.css"),
            ("/fr", "fr", "ltr", "bootstrap.min.css"),
            ("/ar", "ar", "rtl", "bootstrap.rtl.min.css"),
        ],
    )
    def test_the_address_says_the_language(self, client, prefix, lang, direction, stylesheet):
        response = client.get(f"{prefix}/jobs/")

        assert response.status_code == 200
        assert f'lang="{lang}"' in html_tag(response)
        assert f'dir="{direction}"' in html_tag(response)
        assert f"vendor/bootstrap/{stylesheet}" in response.content.decode()

    def test_a_page_names_its_other_languages_for_search_engines(self, client):
        job = JobFactory()
        page = client.get(job.get_absolute_url()).content.decode()

        path = job.get_absolute_url()
        assert f'hreflang="en" href="http://testserver{path}"' in page
        assert f'hreflang="fr" href="http://testserver/fr{path}"' in page
        assert f'hreflang="ar" href="http://testserver/ar{path}"' in page
        assert f'hreflang="x-default" href="http://testserver{path}"' in page

    def test_a_french_page_names_the_same_alternates(self, client):
        page = client.get("/fr/jobs/").content.decode()
        alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)">', page)
        assert alternates[:3] == [
            "http://testserver/jobs/",
            "http://testserver/fr/jobs/",
            "http://testserver/ar/jobs/",
        ]

    def test_the_alternates_never_repeat_the_query_string(self, client):
        page = client.get("/jobs/?q=%22%3E%3Cscript%3E&next=//evil.example/").content.decode()
        alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)">', page)
        assert alternates == [
            "http://testserver/jobs/",
            "http://testserver/fr/jobs/",
            "http://testserver/ar/jobs/",
            "http://testserver/jobs/",
        ]

    def test_reverse_gives_the_active_languages_address(self):
        with translation.override("fr"):
            assert reverse("job_list") == "/fr/jobs/"
        assert reverse("job_list") == "/jobs/"

    @pytest.mark.parametrize("path", ["/healthz", "/robots.txt", "/sitemap.xml", "/jobs/feed/"])
    def test_machine_addresses_have_one_language(self, client, path):
        assert client.get(path, HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
        assert client.get(f"/fr{path}").status_code == 404

    def test_a_company_logo_has_one_address(self, client):
        # A machine address with a parameter, matched without resolving the whole site.
        response = client.get("/companies/acme/logo/", HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 404  # not sent to /fr/companies/acme/logo/

    def test_the_api_is_not_redirected(self, client):
        response = client.get("/api/v1/jobs/", HTTP_ACCEPT_LANGUAGE="fr")
        assert response.status_code == 200


class TestPreferredLanguage:
    def test_the_browser_language_sends_to_its_address_with_the_query(self, client):
        response = client.get("/jobs/?q=data&page=2", HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9")

        assert response.status_code == 302
        assert response["Location"] == "/fr/jobs/?q=data&page=2"
        assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]

    def test_a_language_we_do_not_speak_stays_in_english(self, client):
        response = client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
        assert response.status_code == 200
        assert 'lang="en"' in html_tag(response)

    def test_no_header_stays_in_english(self, client):
        assert client.get("/jobs/").status_code == 200

    def test_the_cookie_beats_the_browser(self, client):
        client.cookies["language"] = "en"
        assert client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="fr").status_code == 200
        client.cookies["language"] = "ar"
        assert client.get("/jobs/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/ar/jobs/"

    def test_the_account_beats_the_cookie(self, client):
        client.force_login(SeekerFactory(language="ar"))
        client.cookies["language"] = "fr"
        assert client.get("/me/")["Location"] == "/ar/me/"

    def test_a_prefixed_address_is_never_redirected(self, client):
        client.cookies["language"] = "ar"
        response = client.get("/fr/jobs/", HTTP_ACCEPT_LANGUAGE="ar")
        assert response.status_code == 200
        assert 'lang="fr"' in html_tag(response)

    def test_posts_and_htmx_requests_are_not_redirected(self, client):
        client.cookies["language"] = "fr"
        assert client.get("/jobs/", HTTP_HX_REQUEST="true").status_code == 200
        # A POST goes where it was sent (here: the theme switch, which answers itself).
        assert client.post(reverse("set_theme"), {"theme": "dark"})["Location"] == "/"


class TestSwitch:
    URL = "/language/"

    def test_anyone_chooses_and_comes_back_to_the_page_in_that_language(self, client):
        response = client.post(
            "/fr/language/",
            {"language": "ar"},
            HTTP_REFERER="http://testserver/fr/jobs/?q=data",
        )

        assert response.status_code == 302
        assert response["Location"] == "/ar/jobs/?q=data"
        cookie = response.cookies["language"]
        assert cookie.value == "ar"
        assert cookie["httponly"] and cookie["samesite"] == "Lax"
        assert cookie["max-age"] == 365 * 24 * 3600

    def test_back_to_english_drops_the_prefix(self, client):
        response = client.post(
            "/ar/language/", {"language": "en"}, HTTP_REFERER="http://testserver/ar/jobs/"
        )
        assert response["Location"] == "/jobs/"

    def test_another_sites_referer_goes_home(self, client):
        response = client.post(
            self.URL, {"language": "fr"}, HTTP_REFERER="https://evil.example/jobs/"
        )
        assert response["Location"] == "/fr/"

    def test_a_signed_in_user_keeps_the_choice_in_the_account(self, client):
        employer = EmployerFactory()
        client.force_login(employer)

        client.post(self.URL, {"language": "fr"})

        employer.refresh_from_db()
        assert employer.language == "fr"
        assert employer.e_mail_language() == "fr"

    def test_an_anonymous_choice_changes_no_account(self, client):
        seeker = SeekerFactory()
        client.post(self.URL, {"language": "fr"})
        seeker.refresh_from_db()
        assert seeker.language == ""
        assert seeker.e_mail_language() == "en"

    @pytest.mark.parametrize("value", ["", "de", "FR", "fr-ca", "fr\r\nSet-Cookie: x=1"])
    def test_an_unknown_language_is_a_clear_400_and_sets_nothing(self, client, value):
        response = client.post(self.URL, {"language": value})
        assert response.status_code == 400
        assert "language" not in response.cookies
        assert not User.objects.filter(language=value).exists()

    def test_get_is_refused(self, client):
        assert client.get(self.URL).status_code == 405

    def test_the_switch_is_on_every_page_with_each_name_in_its_language(self, client):
        page = client.get("/fr/privacy/").content.decode()
        assert 'action="/fr/language/"' in page
        assert re.search(r'value="ar" lang="ar"[^>]*aria-pressed="false"[^>]*>العربية<', page)
        assert re.search(r'value="fr" lang="fr"[^>]*aria-pressed="true"[^>]*>Français<', page)


class TestJobAdLanguage:
    def test_the_ad_is_marked_with_its_own_language_on_any_page(self, client):
        job = JobFactory(language="es", title="Ingeniera de datos")
        with translation.override("fr"):
            address = job.get_absolute_url()
        page = client.get(address).content.decode()
        assert 'lang="es"' in page
