"""The proof: a seeker and an employer with everything an account can have are
deleted, then every table, stored file, cache and the outbox is searched for
their e-mail addresses, names, phone number and old ids. Nothing is found."""

import logging

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.cache import cache
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from board.accounts.models import User
from board.alerts.subscriptions import create_alert
from board.applications import messaging, ratings, workflow
from board.applications.bulk import move_applications
from board.applications.models import Application
from board.jobs.models import Job
from board.jobs.screening import ScreeningQuestion
from board.moderation.reports import report_job
from board.notifications.models import Notification
from board.notifications.outbox import email, stored
from board.privacy import exports
from board.tests import resume_files
from board.tests.factories import (
    PASSWORD,
    ApplicationFactory,
    CompanyFactory,
    EmployerFactory,
    InvitationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    SeekerProfileFactory,
    StaffFactory,
)
from board.tests.privacy.traces import cache_hits, database_hits, file_hits
from board.tests.screening_factories import QuestionFactory

pytestmark = pytest.mark.django_db(transaction=False)

SEEKER_EMAIL = "zelda.quintero@example.org"
SEEKER_ALT_EMAIL = "zq.private@example.net"
EMPLOYER_EMAIL = "marco.brandtner@example.org"
PHONE = "+49 151 2345 6789"
NEEDLES = [
    SEEKER_EMAIL,
    SEEKER_ALT_EMAIL,
    EMPLOYER_EMAIL,
    "Zelda",
    "Quintero",
    "Marco",
    "Brandtner",
    PHONE,
]


def sign_in(user):
    client = Client()
    assert client.login(email=user.email, password=PASSWORD)
    return client


def api_tokens(user):
    response = APIClient().post(
        "/api/v1/auth/token/", {"email": user.email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def world(django_capture_on_commit_callbacks):
    return build_world(django_capture_on_commit_callbacks)


def build_world(django_capture_on_commit_callbacks):
    """Two people with everything, and the company around them."""
    company = CompanyFactory(name="Acme Robotics")
    owner = MembershipFactory(company=company).user  # stays: the company keeps an owner
    employer = EmployerFactory(email=EMPLOYER_EMAIL, first_name="Marco", last_name="Brandtner")
    MembershipFactory(company=company, user=employer, role="recruiter")
    InvitationFactory(company=company, email=EMPLOYER_EMAIL, accepted_by=employer)
    posted = JobFactory(company=company, posted_by=employer, title="Robot Whisperer")
    QuestionFactory(job=posted, kind=ScreeningQuestion.Kind.TEXT, knockout_answer="",
                    text="How can we reach you?")  # fmt: skip
    other_job = JobFactory(company=company, title="Gear Tuner")

    seeker = SeekerFactory(email=SEEKER_EMAIL, first_name="Zelda", last_name="Quintero")
    EmailAddress.objects.create(user=seeker, email=SEEKER_ALT_EMAIL, verified=False)
    SeekerProfileFactory(user=seeker, headline=f"Roboticist, call {PHONE}")

    # Applying through the site: a real upload, a letter, a typed answer.
    site = sign_in(seeker)
    question = posted.screening_questions.get()
    response = site.post(
        reverse("apply_to_job", args=[posted.pk]),
        {
            "resume_source": "upload",
            "resume": resume_files.good_pdf(),
            "cover_letter": f"I am Zelda Quintero, reach me on {PHONE}.",
            f"question_{question.pk}": f"Phone {PHONE} or {SEEKER_EMAIL}",
        },
    )
    errors = [line for line in response.content.decode().splitlines() if "invalid" in line]
    assert response.status_code == 302, errors
    application = Application.objects.get(job=posted)
    second = ApplicationFactory(job=other_job, applicant=seeker, cover_letter="Zelda again")

    workflow.move_application(application, Application.Status.REVIEWING, employer)
    workflow.add_note(application, employer, "Zelda Quintero seems great on the phone.")
    ratings.rate_application(application, employer, 4, "Zelda knows gears")
    messaging.send_message(application, employer, "Hello {applicant_name}", "Dear {applicant_name}")
    move_applications(
        owner, [second.pk], Application.Status.REJECTED,
        reason="other", reason_text="Zelda lives too far", share_reason=True,
    )  # fmt: skip
    workflow.save_job(seeker, other_job.pk)
    create_alert(seeker, QueryDict("q=robots"))
    report_job(JobFactory(title="Suspicious"), seeker, "scam", "Looks fake")
    # An account e-mail still queued (the mail server was down), and a mail of
    # allauth's enumeration prevention naming no account, only the address.
    for object_id in (seeker.pk, 0):
        message = email("account_deleted", to=[SEEKER_EMAIL], subject="x", context={})
        Notification.objects.create(
            kind=Notification.Kind.ACCOUNT_EMAIL, object_id=object_id, payload=stored(message)
        )
    staff = StaffFactory()
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(seeker.pk),
        object_repr=str(seeker),
        action_flag=CHANGE,
    )
    # Pages the company sees, with the applicant's name: rendered, maybe cached.
    pipeline = sign_in(owner).get(reverse("employer_applicants", args=[posted.pk]))
    assert "Zelda" in pipeline.content.decode()
    sessions = [site, sign_in(seeker), sign_in(employer)]
    tokens = [api_tokens(seeker), api_tokens(employer)]
    refreshed = APIClient().post(
        "/api/v1/auth/token/refresh/", {"refresh": tokens[0]["refresh"]}, format="json"
    )
    assert refreshed.status_code == 200  # the old refresh token is now blacklisted
    # A passkey the seeker named, and a copy of everything: a data export's ZIP.
    Authenticator.objects.create(
        user=seeker, type="webauthn", data={"name": "Zelda's phone", "credential": {}}
    )
    with django_capture_on_commit_callbacks(execute=True):
        export = exports.request_export(seeker)
    export.refresh_from_db()
    files = [application.resume.name, second.resume.name, seeker.seeker_profile.resume.name]
    files.append(export.archive.name)
    return {
        "seeker": seeker,
        "employer": employer,
        "owner": owner,
        "job": posted,
        "sessions": sessions,
        "tokens": tokens,
        "files": files,
    }


def test_everything_to_find_is_there_before(world):
    # The search finds the people before: it is able to fail.
    ids = [world["seeker"].pk, world["employer"].pk]
    hits = database_hits(NEEDLES, ids)
    found = {table for table, _, _ in hits}
    assert {"board_user", "board_application", "board_applicationmessage"} <= found
    assert {"board_applicationnote", "board_screeninganswer", "account_emailaddress"} <= found
    assert {"board_notification", "django_session", "board_seekerprofile"} <= found
    assert {"token_blacklist_outstandingtoken", "django_admin_log"} <= found
    assert "mfa_authenticator" in found
    hits = file_hits(NEEDLES, world["files"])
    assert len([hit for hit in hits if hit[0] == "still stored"]) == 4
    assert (world["files"][-1], SEEKER_EMAIL) in hits  # inside the export's ZIP
    # The cache scanner reads whichever cache is configured (locmem, or Redis).
    cache.set("probe", {"to": SEEKER_EMAIL})
    assert ("default", "probe", SEEKER_EMAIL) in [
        (alias, str(key).rsplit(":", 1)[-1], needle) for alias, key, needle in cache_hits(NEEDLES)
    ]
    cache.delete("probe")
    assert OutstandingToken.objects.filter(user=world["seeker"]).count() == 2


def test_after_deletion_nothing_personal_remains(world, caplog, django_capture_on_commit_callbacks):
    assert_nothing_remains_after_deletion(world, caplog, django_capture_on_commit_callbacks)


def assert_nothing_remains_after_deletion(world, caplog, django_capture_on_commit_callbacks):
    """Delete both people, then search everything (board/tests/storage/ runs it on S3)."""
    seeker, employer = world["seeker"], world["employer"]
    ids = [seeker.pk, employer.pk]
    caplog.set_level(logging.DEBUG)
    mail.outbox.clear()

    # The seeker through the site, the employer through the API; what waits for
    # the commit (e-mails, file deletions) runs as it would after a request.
    with django_capture_on_commit_callbacks(execute=True):
        response = world["sessions"][0].post(reverse("delete_account"), {"password": PASSWORD})
    assert response.status_code == 302
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {world['tokens'][1]['access']}")
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(reverse("api_delete_account"), {"password": PASSWORD}, format="json")
    assert response.status_code == 204, response.content

    hits = database_hits(NEEDLES, ids)
    assert hits == [], "\n".join(map(str, hits))
    assert file_hits(NEEDLES, world["files"]) == []
    assert cache_hits(NEEDLES) == []
    logged = "\n".join(record.getMessage() for record in caplog.records).lower()
    assert [needle for needle in NEEDLES if needle.lower() in logged] == []
    # The confirmations were sent, and the outbox kept no address of them.
    assert sorted(message.to[0] for message in mail.outbox) == [EMPLOYER_EMAIL, SEEKER_EMAIL]
    assert not Notification.objects.filter(payload__isnull=False).exists()

    # What stays: the company's record, anonymous; the employer's job.
    applications = Application.objects.filter(job__company=world["job"].company)
    assert applications.count() == 2
    assert {a.applicant_name for a in applications} == {"Deleted applicant"}
    assert all(a.documents_removed_at and not a.resume for a in applications)
    assert Job.objects.filter(pk=world["job"].pk, posted_by=None).exists()
    # Old sessions and tokens sign nobody in.
    assert world["sessions"][1].get(reverse("my_applications")).status_code == 302
    refresh = APIClient().post(
        "/api/v1/auth/token/refresh/", {"refresh": world["tokens"][1]["refresh"]}, format="json"
    )
    assert refresh.status_code == 401
