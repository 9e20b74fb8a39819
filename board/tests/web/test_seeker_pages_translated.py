"""The job seeker's public pages in French and Arabic (issue 19, docs/i18n.md): home, the
search (results, none, a field in error, its htmx fragment), a job, a company, the error
pages, the location box's "Remote". English pages are the other tests' business."""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from board.currencies.rates import format_money
from board.jobs.models import Job
from board.places.lookups import is_remote
from board.tests.factories import CategoryFactory, CompanyFactory, JobFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "results"}


def page(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status
    return response.content.decode()


def html_tag(html):
    return re.search(r"<html[^>]*>", html).group(0)


def results_heading(html):
    return re.search(r'<h2 id="results-heading"[^>]*>([^<]*)</h2>', html).group(1).strip()


class TestHome:
    def test_in_french(self, client):
        html = page(client, "/fr/")

        assert 'lang="fr"' in html_tag(html)
        assert "Trouvez votre prochain emploi" in html
        assert "Parcourir par secteur" in html
        assert "Se connecter" in html and "Créer un compte" in html
        assert 'placeholder="Ville, pays ou Télétravail"' in html
        for english in ("Find your next job", "Browse by industry", "Sign in", "Latest jobs"):
            assert english not in html

    def test_in_arabic_right_to_left(self, client):
        html = page(client, "/ar/")

        assert 'lang="ar"' in html_tag(html) and 'dir="rtl"' in html_tag(html)
        assert "bootstrap.rtl.min.css" in html
        assert "ابحث عن وظيفتك القادمة" in html
        assert "أحدث الوظائف" in html
        assert "Find your next job" not in html

    @pytest.mark.parametrize(
        ("prefix", "jobs", "words"),
        [
            ("/fr", 1, "1 offre ouverte"),
            ("/fr", 3, "3 offres ouvertes"),
            ("/ar", 1, "وظيفة واحدة متاحة"),
            ("/ar", 2, "وظيفتان متاحتان"),
            ("/ar", 3, "3 وظائف متاحة"),
        ],
    )
    def test_a_categorys_count_of_jobs_agrees_with_its_number(self, client, prefix, jobs, words):
        category = CategoryFactory(name="Nursing", slug="nursing")
        JobFactory.create_batch(jobs, category=category)

        assert words in page(client, f"{prefix}/")


class TestSearch:
    @pytest.mark.parametrize(
        ("prefix", "jobs", "heading"),
        [
            ("/fr", 1, "1 offre"),
            ("/fr", 2, "2 offres"),
            ("/ar", 1, "وظيفة واحدة"),
            ("/ar", 2, "وظيفتان"),
            ("/ar", 3, "3 وظائف"),
            ("/ar", 11, "11 وظيفة"),
        ],
    )
    def test_the_count_is_plural_as_the_language_says(self, client, prefix, jobs, heading):
        JobFactory.create_batch(jobs)

        assert results_heading(page(client, f"{prefix}/jobs/")) == heading

    def test_results_in_french(self, client):
        JobFactory(title="Python Developer", employment_type=Job.EmploymentType.FULL_TIME)

        html = page(client, "/fr/jobs/?q=python")

        assert "<title>Offres « python » · Nexus Jobs</title>" in html.replace("&quot;", '"')
        assert "Trouver un emploi" in html
        assert "Temps plein" in html  # the job's choices
        assert "publiée aujourd" in html  # "aujourd'hui", escaped
        assert "Mots-clés" in html and "Type de contrat" in html  # the form's labels
        assert "Les plus pertinentes" in html  # a choice of the sort
        assert "Python Developer" in html  # a job ad's words are its own
        for english in ("Full-time", "Keywords", "Most relevant", "posted today"):
            assert english not in html

    def test_no_results_in_arabic(self, client):
        JobFactory(title="Nurse")

        html = page(client, "/ar/jobs/?q=astronaut")

        assert "لا توجد وظائف مطابقة لهذا البحث." in html
        assert "تحقّق من الإملاء" in html
        assert "No jobs match this search." not in html

    def test_a_field_in_error_is_explained_in_french(self, client):
        JobFactory()

        html = page(client, "/fr/jobs/?q=%2B%2B%2B&salary_min=-5")

        assert "Impossible de rechercher « +++ »" in html
        assert "Voici toutes les offres" in html
        # Django's own message, in its French catalogue.
        assert "Assurez-vous que cette valeur est supérieure ou égale à 0." in html
        assert "could not be searched" not in html

    def test_the_htmx_fragment_is_in_the_pages_language(self, client):
        JobFactory.create_batch(2, employment_type=Job.EmploymentType.PART_TIME)

        html = page(client, "/fr/jobs/?q=python", **HTMX)

        assert "<html" not in html
        assert results_heading(html) == "2 offres"
        assert "Temps partiel" in html
        assert "2 offres trouvées" in html  # announced to screen readers

    def test_chips_and_filters_in_french(self, client):
        JobFactory(visa_sponsorship=True)

        html = page(client, "/fr/jobs/?visa=on&posted_within=7")

        assert "Filtres actifs" in html
        assert "Parrainage de visa" in html
        assert "7 derniers jours" in html
        assert "Tout effacer" in html

    def test_the_filters_cached_markup_is_kept_per_language(self, client):
        JobFactory()

        assert "Salaire minimum" in page(client, "/fr/jobs/?visa=on")
        assert "الحد الأدنى للراتب" in page(client, "/ar/jobs/?visa=on")
        assert "Minimum salary" in page(client, "/jobs/?visa=on")

    def test_pages_of_results_in_arabic(self, client):
        JobFactory.create_batch(21)

        html = page(client, "/ar/jobs/")

        assert 'aria-label="صفحات النتائج"' in html
        assert ">التالية</a>" in html

    @pytest.mark.parametrize(
        "typed", ["Télétravail", "teletravail", "à distance", "عن بُعد", "عن بعد"]
    )
    def test_remote_in_french_or_arabic_finds_remote_jobs(self, client, typed):
        JobFactory(title="Remote Designer", workplace=Job.Workplace.REMOTE)
        JobFactory(title="Berlin Clerk", workplace=Job.Workplace.ON_SITE)

        assert is_remote(typed)
        response = client.get("/fr/jobs/", {"location": typed})
        assert {job.title for job in response.context["page"]} == {"Remote Designer"}


class TestJobPage:
    def test_in_french_with_french_money(self, client):
        job = JobFactory(
            salary_min=60000,
            salary_max=80000,
            salary_currency="EUR",
            salary_period=Job.SalaryPeriod.YEAR,
            employment_type=Job.EmploymentType.FULL_TIME,
            workplace=Job.Workplace.HYBRID,
            visa_sponsorship=True,
        )
        with translation.override("fr"):
            low, high = format_money(60000, "EUR"), format_money(80000, "EUR")

        html = page(client, f"/fr{job.get_absolute_url()}")

        assert low == "60\u202f000\xa0€"  # a French number and sign
        assert f"{low}–{high} par an" in html
        assert "Hybride" in html and "Temps plein" in html
        assert "Parrainage de visa possible" in html
        assert "Publiée" in html and "aujourd" in html
        assert "Se connecter pour postuler" in html
        assert f"{job.title} chez {job.company.name}" in html
        for english in ("per year", "Full-time", "Sign in to apply", "Similar jobs"):
            assert english not in html

    def test_in_arabic(self, client):
        job = JobFactory(workplace=Job.Workplace.REMOTE, city="", country="")

        html = page(client, f"/ar{job.get_absolute_url()}")

        assert 'dir="rtl"' in html_tag(html)
        assert "عن بُعد من أي مكان." in html
        assert "سجّل الدخول للتقديم" in html
        assert "Remote from anywhere" not in html
        # The ad keeps its own language and direction.
        assert f'<h1 class="job-title" lang="{job.language}" dir="auto">' in html


class TestCompanyPage:
    def test_in_french(self, client):
        company = CompanyFactory(verified=True)
        JobFactory.create_batch(2, company=company)

        html = page(client, f"/fr{company.get_absolute_url()}")

        assert "Offres ouvertes" in html
        assert "Vérifiée" in html
        assert "Open jobs" not in html

    def test_without_open_jobs_in_arabic(self, client):
        company = CompanyFactory()
        JobFactory(company=company, status=Job.Status.CLOSED)  # its page stays public

        html = page(client, f"/ar{company.get_absolute_url()}")

        assert "لا توجد وظائف متاحة حاليًا" in html
        assert "No open jobs right now" not in html


class TestErrorPages:
    @pytest.mark.parametrize(
        ("prefix", "title", "lang"),
        [("/fr", "Page introuvable", "fr"), ("/ar", "الصفحة غير موجودة", "ar")],
    )
    def test_404(self, client, prefix, title, lang):
        html = page(client, f"{prefix}/jobs/999999/nothing/", status=404)

        assert f'<h1 class="h3">{title}</h1>' in html
        assert f'lang="{lang}"' in html_tag(html)
        assert "Page not found" not in html

    def test_500_needs_no_context_and_follows_the_language(self):
        request = RequestFactory().get("/ar/jobs/")
        with translation.override("ar"):
            response = server_error(request)
        html = response.content.decode()

        assert response.status_code == 500
        assert 'lang="ar" dir="rtl"' in html
        assert "bootstrap.rtl.min.css" in html
        assert "حدث خطأ من جهتنا" in html
        assert 'href="/ar/"' in html

    def test_500_in_english_stays_english(self):
        with translation.override("en"):
            html = server_error(RequestFactory().get("/")).content.decode()

        assert "Something went wrong on our side" in html
        assert 'lang="en" dir="ltr"' in html and 'href="/"' in html


class TestLocationSuggestions:
    @pytest.mark.parametrize(
        ("prefix", "typed", "option"),
        [("/fr", "télé", "Télétravail"), ("/ar", "عن", "عن بُعد"), ("/fr", "rem", "Télétravail")],
    )
    def test_remote_is_offered_in_the_pages_words(self, client, prefix, typed, option):
        html = page(client, f"{prefix}/places/suggest?location={typed}")

        assert f'data-value="{option}">{option}</li>' in html


class TestAccessibilityStatement:
    @pytest.mark.parametrize(
        ("prefix", "heading", "zoom"),
        [
            ("/fr", "Déclaration d'accessibilité", "zoomé à 400 %"),
            ("/ar", "بيان إمكانية الوصول", "مكبّرة إلى 400 %"),
        ],
    )
    def test_translated(self, client, prefix, heading, zoom):
        html = page(client, f"{prefix}/accessibility/")

        assert heading in html
        assert zoom in html  # a "%" inside a translated sentence survives
        assert "Accessibility statement" not in html


class TestPrivacyPage:
    def test_in_french_with_plural_durations(self, client, settings):
        settings.DATA_EXPORT_LINK_HOURS = 1
        html = page(client, "/fr/privacy/")

        assert "Ce que nous conservons et pourquoi" in html
        assert "pendant <strong>1 heure</strong>" in html
        assert "What we keep and why" not in html

    def test_in_arabic(self, client, settings):
        settings.DATA_EXPORT_LINK_HOURS = 2
        html = page(client, "/ar/privacy/")

        assert "ما نحتفظ به ولماذا" in html
        assert "<strong>ساعتين</strong>" in html
