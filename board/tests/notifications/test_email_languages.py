"""E-mails in the recipient's language (issue 19): ours in the account's language
(User.e_mail_language(): theirs, else English), allauth's in the language of the request
that sends them, invitations in the inviter's. Subject, text part, HTML part (lang, dir)
and links (/fr/…, /ar/…) all follow it, and no language leaks from one e-mail to the next.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from board.alerts.digests import send_digest
from board.alerts.models import JobAlert
from board.applications.models import ApplicationEvent
from board.notifications.models import Notification
from board.notifications.outbox import BUILDERS, deliver, notify
from board.tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CompanyFactory,
    EmployerFactory,
    InvitationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

Kind = Notification.Kind

# What each language says in a few characteristic places: the subject, a sentence of the
# text part, the footer, the <html> element.
ALERT = {
    "fr": {
        "subject": "1 nouvelle offre pour",
        "text": "Nouvelles offres pour votre alerte",
        "footer": "Gérer vos alertes",
        "html": '<html lang="fr" dir="ltr">',
    },
    "ar": {
        "subject": "وظيفة جديدة لـ",
        "text": "وظائف جديدة لتنبيهك",
        "footer": "إدارة تنبيهاتك",
        "html": '<html lang="ar" dir="rtl">',
    },
}
STATUS = {
    "fr": (
        "Votre candidature pour Data Engineer",
        "souhaite vous proposer un entretien.",
    ),
    "ar": ("طلبك لوظيفة Data Engineer", "ترغب الشركة في إجراء مقابلة معك."),
}
RESET = {"fr": "Réinitialisez votre mot de passe", "ar": "أعد تعيين كلمة المرور"}
CONFIRM = {"fr": "Confirmez votre adresse e-mail", "ar": "أكّد بريدك الإلكتروني"}


def html_of(message):
    return message.alternatives[0].content


def assert_english_gone(message, *sentences):
    for sentence in sentences:
        assert sentence not in message.subject
        assert sentence not in message.body
        assert sentence not in html_of(message)


def alert_for(user):
    JobFactory(title="Remote Welder", published_at=timezone.now() - timedelta(hours=2))
    return JobAlert.objects.create(
        user=user, query="q=welder", high_water=timezone.now() - timedelta(days=1)
    )


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_job_alert_comes_in_the_subscribers_language(language, mailoutbox):
    alert = alert_for(SeekerFactory(language=language))
    send_digest(alert.pk, timezone.now())
    [message] = mailoutbox
    said = ALERT[language]
    assert message.subject.startswith("[Nexus Jobs] " + said["subject"])
    assert said["text"] in message.body and said["footer"] in message.body
    html = html_of(message)
    assert said["html"] in html and said["footer"] in html
    # The links lead to the pages in that language, the job's and the search's.
    assert f"{settings.SITE_URL}/{language}/jobs/?q=welder" in message.body
    assert f'href="{settings.SITE_URL}/{language}/jobs/' in html
    assert f"{settings.SITE_URL}/{language}/me/alerts/" in message.body
    # The one-click unsubscribe header still works (its address is a page in that language).
    assert message.extra_headers["List-Unsubscribe"].startswith(
        f"<{settings.SITE_URL}/{language}/alerts/unsubscribe/"
    )
    assert_english_gone(message, "Manage your alerts", "New jobs for your alert", "You get this")


def test_no_language_is_english(mailoutbox):
    alert = alert_for(SeekerFactory(language=""))
    send_digest(alert.pk, timezone.now())
    [message] = mailoutbox
    assert message.subject.startswith("[Nexus Jobs] 1 new job for")
    assert "Manage your alerts" in message.body
    assert '<html lang="en" dir="ltr">' in html_of(message)
    assert f"{settings.SITE_URL}/jobs/?q=welder" in message.body


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_status_change_comes_in_the_applicants_language(language):
    application = ApplicationFactory(
        job=JobFactory(title="Data Engineer"), applicant=SeekerFactory(language=language)
    )
    event = ApplicationEvent.objects.create(
        application=application, from_status="submitted", to_status="interviewing"
    )
    [message] = BUILDERS[Kind.STATUS_CHANGED](event.pk)
    subject, news = STATUS[language]
    assert message.subject.startswith(f"[Nexus Jobs] {subject}")
    assert news in message.body and news in html_of(message)
    link = f"{settings.SITE_URL}/{language}/me/applications/{application.pk}/"
    assert link in message.body and f'href="{link}"' in html_of(message)
    assert f'lang="{language}"' in html_of(message)
    assert_english_gone(message, "The company would like to interview you", "You get this")


def test_each_member_of_a_company_reads_in_their_own_language():
    company = CompanyFactory()
    MembershipFactory(company=company, user=EmployerFactory(email="a@acme.example", language="fr"))
    MembershipFactory(company=company, user=EmployerFactory(email="b@acme.example", language=""))
    application = ApplicationFactory(job=JobFactory(company=company, title="Welder"))
    french, english = BUILDERS[Kind.NEW_APPLICATION](application.pk)
    assert french.to == ["a@acme.example"] and english.to == ["b@acme.example"]
    assert french.subject == "[Nexus Jobs] Nouvelle candidature pour Welder"
    assert english.subject == "[Nexus Jobs] New application for Welder"
    assert "Lire la candidature" in html_of(french)
    assert f"{settings.SITE_URL}/fr/employer/" in french.body
    assert "Read the application" in html_of(english) and "/fr/" not in english.body


def test_a_task_after_a_french_one_writes_english_to_an_english_user(mailoutbox):
    """A worker runs task after task in one process: nothing of one e-mail's language
    may stay for the next (override, not activate)."""
    french = ApplicationFactory(applicant=SeekerFactory(language="fr"))
    english = ApplicationFactory(applicant=SeekerFactory(language=""))
    before = translation.get_language()
    for application in (french, english):
        deliver(notify(Kind.APPLICATION_RECEIVED, application.pk).pk)
    assert translation.get_language() == before
    first, second = mailoutbox
    assert "Votre candidature a bien été reçue" in html_of(first)
    assert second.subject.startswith("[Nexus Jobs] We sent your application for")
    assert "Your application was received" in html_of(second)
    assert "/fr/" not in second.body and 'lang="en"' in html_of(second)


def test_a_language_left_active_by_something_else_does_not_decide():
    application = ApplicationFactory(applicant=SeekerFactory(language=""))
    with translation.override("ar"):
        [message] = BUILDERS[Kind.APPLICATION_RECEIVED](application.pk)
    assert "Your application was received" in html_of(message)
    assert 'dir="ltr"' in html_of(message)


def test_an_invitation_is_written_in_the_inviters_language():
    inviter = EmployerFactory(language="fr", first_name="Amélie", last_name="Durand")
    invitation = InvitationFactory(invited_by=inviter, email="new@example.com")
    [message] = BUILDERS[Kind.INVITATION](invitation.pk)
    assert message.to == ["new@example.com"]
    assert message.subject.startswith("[Nexus Jobs] Vous êtes invité à rejoindre")
    assert "Accepter l'invitation" in message.body
    assert f"{settings.SITE_URL}/fr/" in message.body


def test_an_invitation_without_an_inviter_is_english():
    [message] = BUILDERS[Kind.INVITATION](InvitationFactory(invited_by=None).pk)
    assert message.subject.startswith("[Nexus Jobs] You are invited to join")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_password_reset_asked_on_a_page_comes_in_its_language(
    language, client, django_capture_on_commit_callbacks
):
    user = SeekerFactory(language="")  # the page decides: the person is reading it now
    with translation.override(language):
        url = reverse("account_reset_password")
    assert url.startswith(f"/{language}/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"email": user.email})
    [message] = mail.outbox
    assert message.subject == f"[Nexus Jobs] {RESET[language]}"
    assert f"{settings.SITE_URL}/{language}/accounts/password/reset/key/" in message.body
    assert f'lang="{language}"' in html_of(message)
    assert_english_gone(message, "Choose a new password", "You get this")


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_a_signup_on_a_page_gets_its_confirmation_in_its_language(
    language, client, django_capture_on_commit_callbacks
):
    data = {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD}
    with translation.override(language):
        url = reverse("account_signup")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, data | {"role": "seeker"})
    [message] = mail.outbox
    assert message.subject == f"[Nexus Jobs] {CONFIRM[language]}"
    assert f"{settings.SITE_URL}/{language}/accounts/confirm-email/" in message.body
    assert 'dir="rtl"' in html_of(message) if language == "ar" else 'dir="ltr"' in html_of(message)
    assert_english_gone(message, "Confirm your e-mail address", "You get this")


def test_the_preview_writes_each_language(tmp_path):
    call_command("preview_emails", str(tmp_path), language="all")
    for language, direction in (("en", "ltr"), ("fr", "ltr"), ("ar", "rtl")):
        html = (tmp_path / language / "status_changed.html").read_text()
        assert f'<html lang="{language}" dir="{direction}">' in html
    assert "L'entreprise souhaite" in (tmp_path / "fr" / "status_changed.txt").read_text()
    assert "ترغب الشركة" in (tmp_path / "ar" / "status_changed.txt").read_text()
    reset = (tmp_path / "ar" / "allauth_password_reset_key.txt").read_text()
    assert reset.startswith("Subject: [Nexus Jobs] أعد تعيين كلمة المرور")
    assert not Notification.objects.exists()
