"""Signing up, signing in and the job seeker's own pages in French and Arabic (issue 19,
docs/i18n.md): allauth's own strings come from allauth's catalogues, ours from
board/locale; an account made on /fr/ or /ar/ speaks that language; who may see what does
not depend on the language."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from board.accounts.models import User
from board.alerts.models import JobAlert
from board.tests import resume_files
from board.tests.factories import (
    PASSWORD,
    ApplicationFactory,
    SavedJobFactory,
    SeekerFactory,
    SeekerProfileFactory,
)

pytestmark = pytest.mark.django_db

PREFIXES = {"fr": "/fr", "ar": "/ar"}


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


def main_text(response):
    """The words of the page's <main>, tags and extra spaces removed."""
    main = re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def assert_language(response, code):
    assert f'lang="{code}"' in html_tag(response)
    assert f'dir="{"rtl" if code == "ar" else "ltr"}"' in html_tag(response)


class TestSignIn:
    @pytest.mark.parametrize(
        ("code", "error"),
        [
            ("fr", "L’adresse e-mail ou le mot de passe sont incorrects."),
            ("ar", "عنوان البريد الإلكتروني و / أو كلمة المرور غير صحيحة."),
        ],
    )
    def test_a_wrong_password_is_refused_in_the_pages_language(self, client, code, error):
        SeekerFactory(email="ada@example.com")
        response = client.post(
            f"{PREFIXES[code]}/accounts/login/",
            {"login": "ada@example.com", "password": "not-the-password"},
        )

        assert response.status_code == 200
        assert_language(response, code)
        assert error in main_text(response)
        assert "are not correct" not in main_text(response)
        assert "_auth_user_id" not in client.session

    def test_the_english_page_keeps_allauths_english(self, client):
        SeekerFactory(email="ada@example.com")
        response = client.post(
            reverse("account_login"), {"login": "ada@example.com", "password": "wrong"}
        )
        assert "The email address and/or password you specified are not correct." in (
            main_text(response)
        )

    @pytest.mark.parametrize("code", ["fr", "ar"])
    def test_signing_in_from_a_language_goes_on_in_it(self, client, code):
        SeekerFactory(email="ada@example.com")
        response = client.post(
            f"{PREFIXES[code]}/accounts/login/", {"login": "ada@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"].startswith(f"/{code}/")


class TestSignUp:
    @pytest.mark.parametrize(
        ("code", "words"),
        [
            (
                "fr",
                [
                    "Je veux…",
                    "trouver un emploi",
                    "recruter",
                    "Saisissez une adresse e-mail valide.",
                ],
            ),
            ("ar", ["أريد أن…", "أجد وظيفة", "أوظّف", "يرجى إدخال عنوان بريد إلكتروني صحيح."]),
        ],
    )
    def test_the_form_and_its_errors_are_translated(self, client, code, words):
        response = client.post(
            f"{PREFIXES[code]}/accounts/signup/",
            {"email": "not-an-address", "password1": PASSWORD, "password2": PASSWORD},
        )

        assert response.status_code == 200
        assert_language(response, code)
        text = main_text(response)
        for word in words:
            assert word in text
        for english in ["I want to", "find a job", "Enter a valid email address."]:
            assert english not in text
        assert not User.objects.exists()

    @pytest.mark.parametrize(("prefix", "language"), [("/fr", "fr"), ("/ar", "ar"), ("", "")])
    def test_the_account_speaks_the_language_it_was_made_in(
        self, client, prefix, language, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"{prefix}/accounts/signup/",
                {
                    "email": "new@example.com",
                    "password1": PASSWORD,
                    "password2": PASSWORD,
                    "role": "seeker",
                },
            )

        assert response.status_code == 302
        assert response["Location"].startswith(f"{prefix}/accounts/")
        user = User.objects.get(email="new@example.com")
        # English, the site's language, is no choice: the account keeps none (docs/i18n.md).
        assert user.language == language
        assert user.e_mail_language() == (language or "en")
        # The confirmation link leads to the page in the same language.
        (message,) = mail.outbox
        assert f"{prefix}/accounts/confirm-email/" in message.body

    def test_the_page_decides_not_the_browser(self, client):
        # A POST is never redirected: the page it came from is what the person read.
        client.post(
            "/ar/accounts/signup/",
            {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
            | {"role": "seeker"},
            HTTP_ACCEPT_LANGUAGE="fr",
        )
        assert User.objects.get(email="new@example.com").language == "ar"


class TestPasswordReset:
    @pytest.mark.parametrize(
        ("code", "words"),
        [
            ("fr", ["Mot de passe oublié ?", "Réinitialiser mon mot de passe"]),
            ("ar", ["هل نسيت كلمة المرور؟", "إعادة تعيين كلمة المرور"]),
        ],
    )
    def test_the_request_page_is_translated(self, client, code, words):
        response = client.get(f"{PREFIXES[code]}/accounts/password/reset/")
        assert response.status_code == 200
        assert_language(response, code)
        for word in words:
            assert word in main_text(response)
        assert "Forgotten your password?" not in main_text(response)

    @pytest.mark.parametrize("code", ["fr", "ar"])
    def test_asking_answers_in_the_same_language(self, client, code):
        SeekerFactory(email="ada@example.com")
        response = client.post(
            f"{PREFIXES[code]}/accounts/password/reset/", {"email": "ada@example.com"}
        )
        assert response.status_code == 302
        assert response["Location"] == f"/{code}/accounts/password/reset/done/"


@pytest.fixture
def seeker():
    return SeekerFactory()


@pytest.fixture
def seeker_client(client, seeker):
    client.force_login(seeker)
    return client


# Characteristic strings of each page, in each language; none of the English ones may stay.
ME_PAGES = {
    "my_applications": (
        ["Mes candidatures", "Entreprise", "Dernière mise à jour", "Envoyée"],
        ["طلباتي", "الشركة", "آخر تحديث", "مُرسَل"],
        ["My applications", "Last update", "Submitted"],
    ),
    "saved_jobs": (
        ["Offres enregistrées", "enregistrée le"],
        ["الوظائف المحفوظة", "حُفظت في"],
        ["No longer open", "Saved jobs"],
    ),
    "job_alerts": (
        ["Alertes emploi", "Fréquence", "Chaque jour", "Mettre en pause"],
        ["تنبيهات الوظائف", "عدد المرات", "يوميًا", "إيقاف مؤقت"],
        ["How often", "Daily", "Pause"],
    ),
    "my_profile": (
        [
            "Mon profil",
            "CV par défaut",
            "PDF ou Word (.docx), 5 Mo maximum.",
            "Enregistrer le profil",
        ],
        ["ملفي الشخصي", "السيرة الذاتية الافتراضية", "احفظ الملف الشخصي"],
        ["My profile", "Default résumé", "Save profile", "up to 5 MB"],
    ),
}


class TestMyPages:
    @pytest.mark.parametrize("name", sorted(ME_PAGES))
    @pytest.mark.parametrize("code", ["fr", "ar"])
    def test_pages_are_translated(self, seeker_client, seeker, name, code):
        ApplicationFactory(applicant=seeker)
        SavedJobFactory(user=seeker)
        JobAlert.objects.create(user=seeker, query="remote=1", high_water=timezone.now())
        french, arabic, english = ME_PAGES[name]
        with translation.override(code):
            url = reverse(name)

        response = seeker_client.get(url)

        assert response.status_code == 200
        assert url.startswith(f"/{code}/")
        assert_language(response, code)
        text = main_text(response)
        for word in french if code == "fr" else arabic:
            assert word in text
        for word in english:
            assert word not in text

    @pytest.mark.parametrize(
        ("code", "words"),
        [
            ("fr", ["Statut", "Historique", "Candidature envoyée", "Retirer cette candidature"]),
            ("ar", ["الحالة", "المراحل", "تم التقديم", "اسحب هذا الطلب"]),
        ],
    )
    def test_an_application_and_its_timeline(self, seeker_client, seeker, code, words):
        application = ApplicationFactory(applicant=seeker)
        response = seeker_client.get(f"/{code}/me/applications/{application.pk}/")
        assert response.status_code == 200
        text = main_text(response)
        for word in words:
            assert word in text
        for english in ["Timeline", "Withdraw this application", "Cover letter"]:
            assert english not in text

    def test_the_timeline_arrow_points_the_way_arabic_reads(self, seeker_client, seeker):
        application = ApplicationFactory(applicant=seeker)
        application.withdraw()
        page = seeker_client.get(f"/ar/me/applications/{application.pk}/").content.decode()
        assert '<span aria-hidden="true">←</span>' in page
        assert "بواسطتك" in page  # "by you"
        page = seeker_client.get(f"/fr/me/applications/{application.pk}/").content.decode()
        assert '<span aria-hidden="true">→</span>' in page


class TestWithdraw:
    @pytest.mark.parametrize(
        ("code", "words"),
        [
            (
                "fr",
                ["Retirer votre candidature ?", "Oui, retirer ma candidature", "Non, la garder"],
            ),
            ("ar", ["هل تسحب طلبك؟", "نعم، اسحب طلبي", "لا، أبقِه"]),
        ],
    )
    def test_the_confirmation_is_translated(self, seeker_client, seeker, code, words):
        application = ApplicationFactory(applicant=seeker)
        response = seeker_client.get(f"/{code}/me/applications/{application.pk}/withdraw/confirm/")
        assert response.status_code == 200
        text = main_text(response)
        for word in words:
            assert word in text
        assert application.job.title in text
        assert "Yes, withdraw" not in text

    def test_withdrawing_says_so_in_the_pages_language(self, seeker_client, seeker):
        application = ApplicationFactory(applicant=seeker)
        response = seeker_client.post(
            f"/fr/me/applications/{application.pk}/withdraw/", follow=True
        )
        assert response.redirect_chain[0][0] == f"/fr/me/applications/{application.pk}/"
        assert f"Vous avez retiré votre candidature à « {application.job.title} »." in (
            main_text(response)
        )

    def test_a_refusal_is_translated_with_its_status(self, seeker_client, seeker):
        application = ApplicationFactory(applicant=seeker, status="hired")
        response = seeker_client.post(
            f"/fr/me/applications/{application.pk}/withdraw/", follow=True
        )
        assert "Cette candidature ne peut pas être retirée (statut : embauché)." in (
            main_text(response)
        )
        application.refresh_from_db()
        assert application.status == "hired"

    @pytest.mark.parametrize("code", ["fr", "ar"])
    def test_someone_elses_application_is_404_in_every_language(self, client, code):
        application = ApplicationFactory()
        client.force_login(SeekerFactory())
        for path in ["", "withdraw/confirm/"]:
            url = f"/{code}/me/applications/{application.pk}/{path}"
            assert client.get(url).status_code == 404
        url = f"/{code}/me/applications/{application.pk}/withdraw/"
        assert client.post(url).status_code == 404
        application.refresh_from_db()
        assert application.status == "submitted"

    @pytest.mark.parametrize("code", ["fr", "ar"])
    def test_anonymous_visitors_are_sent_to_sign_in_in_their_language(self, client, code):
        response = client.get(f"/{code}/me/")
        assert response.status_code == 302
        assert response["Location"].startswith(f"/{code}/accounts/login/?next=/{code}/me/")


class TestFormErrors:
    def test_a_disguised_resume_is_refused_in_french(self, seeker_client, seeker):
        response = seeker_client.post(
            "/fr/me/profile/", {"resume": resume_files.disguised(sorted(resume_files.DISGUISED)[0])}
        )
        assert response.status_code == 200
        text = main_text(response)
        assert "Upload your résumé" not in text and "Export the document" not in text
        assert re.search(r"(CV|PDF|document)", text)
        assert not SeekerProfileFactory._meta.model.objects.filter(user=seeker).exists()

    def test_a_non_resume_is_refused_in_arabic(self, seeker_client):
        response = seeker_client.post(
            "/ar/me/profile/", {"resume": resume_files.upload(b"hello", name="cv.txt")}
        )
        assert "ارفع سيرتك الذاتية بصيغة PDF أو مستند Word (.docx)." in main_text(response)

    @pytest.mark.parametrize(
        ("code", "message"),
        [
            ("fr", "Cette recherche contient des filtres non valides ; corrigez-les et réessayez."),
            ("ar", "يحتوي هذا البحث على عوامل تصفية غير صالحة؛ صحّحها ثم حاول مجددًا."),
        ],
    )
    def test_an_alert_on_an_invalid_search_is_refused_in_the_pages_language(
        self, seeker_client, code, message
    ):
        response = seeker_client.post(
            f"/{code}/me/alerts/new/", {"query": "salary_min=abc"}, follow=True
        )
        assert response.redirect_chain[0][0] == f"/{code}/jobs/"
        assert message in main_text(response)
        assert not JobAlert.objects.exists()

    def test_an_alert_update_is_confirmed_in_arabic(self, seeker_client, seeker):
        alert = JobAlert.objects.create(user=seeker, query="", high_water=timezone.now())
        response = seeker_client.post(
            f"/ar/me/alerts/{alert.pk}/", {"frequency": "weekly"}, follow=True
        )
        assert "تم تحديث التنبيه." in main_text(response)
        assert "أسبوعيًا" in main_text(response)


class TestAccountLanguage:
    def test_the_account_page_says_which_language_e_mails_use(self, client):
        client.force_login(SeekerFactory(language="fr"))
        text = main_text(client.get("/fr/accounts/email/"))
        assert "Langue de vos pages et de vos e-mails : Français." in text

    def test_an_account_without_a_choice_is_told_e_mails_are_in_english(self, client):
        client.force_login(SeekerFactory())
        text = main_text(client.get("/ar/accounts/email/"))
        assert "لم تختر لغة بعد: تصلك الرسائل بالإنجليزية" in text

    def test_choosing_a_language_on_the_account_page(self, client):
        user = SeekerFactory()
        client.force_login(user)
        page = client.get("/fr/accounts/email/").content.decode()
        assert 'name="next" value="/fr/accounts/email/"' in page

        response = client.post(
            reverse("set_language"), {"language": "ar", "next": "/fr/accounts/email/"}
        )

        assert response["Location"] == "/ar/accounts/email/"
        user.refresh_from_db()
        assert user.language == "ar" and user.e_mail_language() == "ar"

    def test_the_language_form_changes_only_ones_own_account(self, client):
        other = SeekerFactory(language="fr")
        client.force_login(SeekerFactory())
        client.post(reverse("set_language"), {"language": "ar", "user": other.pk})
        other.refresh_from_db()
        assert other.language == "fr"


class TestAccountPages:
    @pytest.mark.parametrize(
        ("path", "french", "arabic"),
        [
            ("accounts/email/", "Connexion et sécurité", "تسجيل الدخول والأمان"),
            ("account/sessions/", "Navigateurs connectés", "المتصفحات المسجّل دخولها"),
            ("accounts/data/", "Exporter mes données", "صدّر بياناتي"),
            ("accounts/delete/", "Supprimer définitivement mon compte", "احذف حسابي نهائيًا"),
            ("accounts/2fa/", "Application d'authentification", "تطبيق المصادقة"),
            (
                "accounts/password/change/",
                "Se déconnecter partout ailleurs",
                "سجّل الخروج من كل مكان آخر",
            ),
        ],
    )
    def test_account_pages_are_translated(self, client, path, french, arabic):
        client.force_login(SeekerFactory())
        for code, words in [("fr", french), ("ar", arabic)]:
            response = client.get(f"/{code}/{path}")
            assert response.status_code == 200
            assert_language(response, code)
            assert words in main_text(response)

    def test_the_device_is_named_in_the_pages_language(self, client):
        from board.tests.accounts.signing_in import signed_in

        signed = signed_in(SeekerFactory())
        text = main_text(signed.get("/fr/account/sessions/"))
        assert "Firefox sous Linux" in text
        assert "Cet appareil" in text
