"""The employer's pages in French (issue 19): the dashboard, the job form and its errors,
the applicants page, the team page; and the ad's own language, which starts as the page's.

Arabic is optional on employer pages (board/devtools/translations.py NOT_SEEKER_FACING);
what an employer page shares with seekers' pages (includes, forms in board/jobs) is
translated to Arabic too, and checked here on one page."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from board.jobs.models import Job
from board.tests.factories import ApplicationFactory, CategoryFactory, InvitationFactory, JobFactory
from board.tests.jobs.places import make_places

pytestmark = pytest.mark.django_db

DESCRIPTION = (
    "Nous sommes une petite équipe qui construit des outils pour les hôpitaux.\n\n"
    "- Concevoir et construire notre backend Django\n- Relire le code et accompagner deux "
    "juniors\n- Parler aux infirmières qui utilisent nos outils"
)


@pytest.fixture(autouse=True)
def places(db):
    return make_places()


@pytest.fixture
def category():
    return CategoryFactory(name="Nexus Test Category", slug="nexus-test-category")


def fr(name, *args):
    with translation.override("fr"):
        return reverse(name, args=args)


def en(name, *args):
    # Explicit: a request leaves its language active in the test's thread.
    with translation.override("en"):
        return reverse(name, args=args)


def main(response):
    """The page's main content, where the employer's own text is (not the site's header)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def job_data(category, **overrides):
    return {
        "title": "Développeur backend",
        "category": category.pk,
        "employment_type": "full_time",
        "experience_level": "senior",
        "workplace": "hybrid",
        "locations": "Leeds, UK",
        "salary_min": "50000",
        "salary_max": "65000",
        "salary_currency": "EUR",
        "salary_period": "year",
        "description": DESCRIPTION,
        "apply_url": "",
        **overrides,
    }


class TestDashboard:
    def test_the_french_dashboard_is_in_french(self, client, employer, company):
        JobFactory(company=company, title="Développeur backend")
        client.force_login(employer)

        response = client.get(fr("employer_dashboard"))

        assert response.status_code == 200
        assert 'lang="fr"' in html_tag(response)
        page = main(response)
        for french in ("Les offres de votre entreprise", "Publier une offre", "Dupliquer"):
            assert french in page
        for english in ("Your company’s jobs", "Post a job", "Duplicate", "Last 30 days"):
            assert english not in page
        # The employer's data is theirs: the title is not translated.
        assert "Développeur backend" in page

    def test_the_english_dashboard_stays_english(self, client, employer, company):
        JobFactory(company=company)
        client.force_login(employer)

        page = main(client.get(en("employer_dashboard")))

        assert "Your company’s jobs" in page
        assert "Les offres de votre entreprise" not in page


class TestJobForm:
    def test_the_form_is_in_french(self, client, employer):
        client.force_login(employer)

        page = main(client.get(fr("employer_job_create")))

        for legend in ("L’essentiel", "Lieu et mode de travail", "Salaire", "Comment postuler"):
            assert f"<legend>{legend}</legend>" in page
        assert "Langue de l’annonce" in page
        assert "Enregistrer le brouillon et prévisualiser" in page
        for english in ("Basics", "How to apply", "Language of the ad", "Save draft"):
            assert english not in page

    def test_the_ads_language_starts_as_the_pages(self, client, employer):
        client.force_login(employer)

        french_form = client.get(fr("employer_job_create")).context["form"]
        english_form = client.get(en("employer_job_create")).context["form"]

        assert french_form["language"].value() == "fr"
        assert english_form["language"].value() == "en"
        # The languages are named in the page's language (Django's own catalogue).
        choices = dict(french_form.fields["language"].choices)
        with translation.override("fr"):
            assert str(choices["de"]) == "Allemand"

    def test_posting_from_the_french_page_keeps_french_as_the_ads_language(
        self, client, employer, category
    ):
        client.force_login(employer)
        # What the browser sends back: the form as shown, language included.
        shown = client.get(fr("employer_job_create")).context["form"]["language"].value()

        response = client.post(fr("employer_job_create"), job_data(category, language=shown))

        job = Job.objects.get()
        assert response.status_code == 302
        assert response["Location"] == fr("employer_job_preview", job.pk)
        assert job.language == "fr"

    def test_a_validation_error_is_in_french(self, client, employer, category):
        client.force_login(employer)
        data = job_data(category, language="fr", salary_min="90000", salary_max="50000")

        response = client.post(fr("employer_job_create"), data)

        assert response.status_code == 200
        assert not Job.objects.exists()
        errors = response.context["form"].errors
        assert errors["salary_max"] == [
            "Le haut de la fourchette ne doit pas être inférieur au bas."
        ]
        assert "Le haut de la fourchette" in main(response)
        assert "must not be below" not in main(response)

    def test_the_description_error_counts_in_french(self, client, employer, category):
        client.force_login(employer)

        response = client.post(
            fr("employer_job_create"), job_data(category, language="fr", description="Court.")
        )

        assert response.context["form"].errors["description"] == [
            "Décrivez le poste en au moins 150 caractères (ce texte en a 6) : le rôle, "
            "l’équipe et ce que vous offrez.".replace(" :", "\u00a0:")
        ]

    def test_a_workflow_refusal_is_in_french(self, client, employer, company):
        job = JobFactory(company=company, draft=True)
        client.force_login(employer)

        response = client.post(fr("employer_job_close", job.pk), follow=True)

        messages = [str(m) for m in response.context["messages"]]
        assert len(messages) == 1
        assert messages[0].startswith("Seules les offres publiées peuvent être clôturées")
        assert job.title in messages[0]

    def test_the_success_message_is_in_french(self, client, employer, category):
        client.force_login(employer)

        response = client.post(
            fr("employer_job_create"), job_data(category, language="fr"), follow=True
        )

        messages = [str(m) for m in response.context["messages"]]
        assert messages == ["Brouillon enregistré. Vérifiez l’aperçu, puis soumettez-le."]


class TestApplicants:
    def test_the_pipeline_page_is_in_french(self, client, employer, company):
        job = JobFactory(company=company)
        ApplicationFactory(job=job)
        ApplicationFactory(job=job)
        client.force_login(employer)

        response = client.get(fr("employer_applicants", job.pk))

        assert response.status_code == 200
        page = main(response)
        for french in ("Filtrer les candidats", "2 candidats", "Lettre de motivation", "Déplacer"):
            assert french in page
        for english in (">Applicants<", "Cover letter", "Move to", "All statuses"):
            assert english not in page

    def test_the_includes_shared_with_seekers_are_in_arabic_too(self, client, employer, company):
        job = JobFactory(company=company)
        ApplicationFactory(job=job)
        client.force_login(employer)
        with translation.override("ar"):
            url = reverse("employer_applicants", args=[job.pk])

        response = client.get(url)

        assert 'dir="rtl"' in html_tag(response)
        page = main(response)
        assert "إجراء جماعي على المتقدّمين المحدَّدين" in page  # includes/applicants_bulk.html
        assert "Bulk action on the selected applicants" not in page


class TestTeam:
    def test_the_team_page_is_in_french(self, client, employer, company):
        InvitationFactory(company=company, invited_by=employer)
        client.force_login(employer)

        page = main(client.get(fr("employer_team")))

        for french in ("Équipe", "Membres", "Invitations en attente", "Inviter un recruteur"):
            assert french in page
        assert "Adresse e-mail de la personne à inviter" in page  # the form's label
        assert "Propriétaire" in page  # the member's role
        for english in ("Pending invitations", "Invite a recruiter", "Owner"):
            assert english not in page

    def test_a_team_refusal_is_in_french(self, client, employer, company):
        client.force_login(employer)

        response = client.post(fr("employer_team"), {"email": employer.email})

        assert response.status_code == 200
        assert response.context["form"].errors["email"] == [
            "Cette personne fait déjà partie de votre équipe."
        ]


class TestEveryPage:
    """Each employer page renders in French and Arabic with nothing of the English
    heading left: a translation with a wrong placeholder would fall back to English
    (blocktranslate) or fail (Python's % and format)."""

    PAGES = [
        ("employer_dashboard", None, "Les offres de votre entreprise", "وظائف شركتك"),
        ("employer_job_create", None, "Publier une offre", "انشر وظيفة"),
        ("employer_job_edit", "draft", "Modifier « ", "تعديل «"),
        ("employer_job_preview", "draft", "Aperçu — pas encore publiée.", "معاينة — لم تُنشر بعد."),
        ("employer_job_questions", "draft", "Questions de présélection", "أسئلة الفرز"),
        ("employer_job_close_confirm", "job", "Oui, clôturer l’offre", "نعم، أغلق الوظيفة"),
        ("employer_job_reopen", "closed", "Rouvrir l’offre", "إعادة فتح الوظيفة"),
        ("employer_job_analytics", "job", "Débuts de candidature", "بدايات التقديم"),
        ("employer_applicants", "job", "Filtrer les candidats", "تصفية المتقدّمين"),
        ("employer_application", "application", "Notes privées", "ملاحظات خاصة"),
        ("employer_message_applicant", "application", "Envoyer le message", "إرسال الرسالة"),
        ("employer_message_templates", None, "Modèles de message", "قوالب الرسائل"),
        ("employer_message_template_create", None, "Nouveau modèle de message", "قالب رسالة جديد"),
        ("employer_company", None, "Profil de l’entreprise", "ملف الشركة"),
        ("employer_team", None, "Invitations en attente", "الدعوات المعلّقة"),
        ("employer_close_company", None, "Pour confirmer, saisissez", "للتأكيد، اكتب"),
    ]

    @pytest.mark.parametrize(("name", "needs", "french", "arabic"), PAGES)
    def test_the_page_in_french_and_arabic(
        self, client, employer, company, name, needs, french, arabic
    ):
        job = JobFactory(company=company)
        application = ApplicationFactory(job=job)
        objects = {
            "job": job,
            "draft": JobFactory(company=company, draft=True),
            "closed": JobFactory(company=company, status=Job.Status.CLOSED),
            "application": application,
        }
        args = [objects[needs].pk] if needs else []
        client.force_login(employer)

        for code, text in (("fr", french), ("ar", arabic)):
            with translation.override(code):
                url = reverse(name, args=args)
            response = client.get(url)
            assert response.status_code == 200, (code, url)
            assert text.replace("« ", "«\u00a0") in main(response), (code, url)
