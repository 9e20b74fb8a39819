"""The employer's applicants list and moving applications through the pipeline."""

import re
import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board.applications.forms import MoveForm
from board.applications.models import Application, ApplicationEvent
from board.notifications.models import Notification
from board.tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ESCAPED_XSS = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
Status = Application.Status
ALL_STATUSES = list(Status.values)
# Every move the pipeline allows, from each status; everything else is refused.
ALLOWED = {
    "submitted": {"reviewing", "interviewing", "offered", "rejected"},
    "reviewing": {"submitted", "interviewing", "offered", "rejected"},
    "interviewing": {"submitted", "reviewing", "offered", "hired", "rejected"},
    "offered": {"submitted", "reviewing", "interviewing", "hired", "rejected"},
    "hired": set(),
    "rejected": set(),
    "withdrawn": set(),
    "closed": set(),  # only the stale run closes (board/applications/stale.py)
}
MOVES = [(a, b) for a in ALL_STATUSES for b in ALL_STATUSES if b in ALLOWED[a]]
REFUSED = [(a, b) for a in ALL_STATUSES for b in ALL_STATUSES if b not in ALLOWED[a]]


@pytest.fixture
def job(company):
    return JobFactory(company=company, title="Data Engineer")


@pytest.fixture
def application(job):
    return ApplicationFactory(
        job=job, applicant=SeekerFactory(first_name="Ada", last_name="Lovelace")
    )


def applicants_url(job):
    return reverse("employer_applicants", args=[job.pk])


def move_url(application):
    return reverse("employer_move_application", args=[application.pk])


def row_of(html, application):
    start = html.index(f'<tr id="application-{application.pk}">')
    return html[start : html.index("</tr>", start)]


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


class TestApplicantsList:
    def test_lists_the_jobs_applicants_newest_first(self, client, employer, job):
        older = ApplicationFactory(job=job, cover_letter="First line\nSecond line")
        newer = ApplicationFactory(job=job)
        Application.objects.filter(pk=older.pk).update(created=timezone.now() - timedelta(days=3))
        ApplicationFactory(job=JobFactory(company=job.company))  # another job of the company
        ApplicationNoteFactory.create_batch(2, application=older)
        client.force_login(employer)
        response = client.get(applicants_url(job))
        assert response.status_code == 200
        assert [a.pk for a in response.context["page"]] == [newer.pk, older.pk]
        html = response.text
        assert older.applicant.email in html
        assert older.applicant.display_name in html
        assert "<p>First line<br>Second line</p>" in html
        assert reverse("application_resume", args=[older.pk]) in html
        assert reverse("employer_application", args=[older.pk]) in html
        assert response.context["page"][1].notes_count == 2
        assert 'hx-history="false"' in html
        assert_private(response)

    def test_recruiters_see_it_too(self, client, company, job, application):
        recruiter = MembershipFactory(company=company, role="recruiter").user
        client.force_login(recruiter)
        assert client.get(applicants_url(job)).status_code == 200

    def test_filter_by_status(self, client, employer, job):
        reviewing = ApplicationFactory(job=job, status="reviewing")
        ApplicationFactory(job=job, status="submitted")
        client.force_login(employer)
        response = client.get(applicants_url(job), {"status": "reviewing"})
        assert list(response.context["page"]) == [reviewing]
        assert '<option value="reviewing" selected>Reviewing (1)</option>' in response.text

    @pytest.mark.parametrize("value", ["nonsense", "x" * 10_000, "\x00", "' OR 1=1 --"])
    def test_an_unknown_status_shows_everyone(self, client, employer, job, application, value):
        client.force_login(employer)
        response = client.get(applicants_url(job), {"status": value})
        assert response.status_code == 200
        assert list(response.context["page"]) == [application]

    @pytest.mark.parametrize("page", ["-1", "abc", "999", "\x00"])
    def test_odd_page_numbers_are_not_errors(self, client, employer, job, application, page):
        client.force_login(employer)
        assert client.get(applicants_url(job), {"page": page}).status_code == 200

    def test_paginated_by_20(self, client, employer, job):
        ApplicationFactory.create_batch(21, job=job)
        client.force_login(employer)
        response = client.get(applicants_url(job), {"page": 2})
        assert len(response.context["page"]) == 1
        assert 'hx-target="#applicant-list"' in response.text

    def test_the_number_of_queries_does_not_grow_with_applicants(self, client, employer, job):
        ApplicationFactory(job=job)
        client.force_login(employer)
        with CaptureQueriesContext(connection) as few:
            client.get(applicants_url(job))
        for application in ApplicationFactory.create_batch(19, job=job):
            ApplicationNoteFactory(application=application)
        with CaptureQueriesContext(connection) as many:
            response = client.get(applicants_url(job))
        assert len(response.context["page"]) == 20
        assert len(many) == len(few)

    def test_htmx_filter_gets_the_list_only(self, client, employer, job, application):
        client.force_login(employer)
        headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "applicant-list"}
        response = client.get(applicants_url(job), {"status": "submitted"}, **headers)
        assert response.text.lstrip().startswith('<section id="applicant-list"')
        assert "<html" not in response.text
        assert_private(response)
        assert "HX-Request" in response["Vary"]

    def test_history_restore_gets_the_whole_page(self, client, employer, job, application):
        client.force_login(employer)
        headers = {
            "HTTP_HX_REQUEST": "true",
            "HTTP_HX_TARGET": "applicant-list",
            "HTTP_HX_HISTORY_RESTORE_REQUEST": "true",
        }
        assert "<html" in client.get(applicants_url(job), **headers).text

    def test_names_and_cover_letters_are_escaped(self, client, employer, job):
        applicant = SeekerFactory(first_name=XSS)
        ApplicationFactory(job=job, applicant=applicant, cover_letter=XSS)
        client.force_login(employer)
        html = client.get(applicants_url(job)).text
        assert XSS not in html
        assert ESCAPED_XSS in html

    def test_an_unfinished_job_of_the_company_still_lists(self, client, employer, company):
        draft = JobFactory(company=company, draft=True)
        client.force_login(employer)
        assert client.get(applicants_url(draft)).status_code == 200


class TestMove:
    @pytest.mark.parametrize(("from_status", "to_status"), MOVES)
    def test_every_allowed_move_is_made_and_recorded(
        self, client, employer, job, from_status, to_status
    ):
        application = ApplicationFactory(job=job, status=from_status)
        client.force_login(employer)
        response = client.post(move_url(application), {"status": to_status})
        assert response.status_code == 302
        application.refresh_from_db()
        assert application.status == to_status
        event = ApplicationEvent.objects.get()
        assert (event.application, event.actor) == (application, employer)
        assert (event.from_status, event.to_status) == (from_status, to_status)
        notification = Notification.objects.get()
        assert (notification.kind, notification.object_id) == ("status_changed", event.pk)

    @pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
    @pytest.mark.parametrize("htmx", [False, True])
    def test_every_other_move_is_refused_without_a_trace(
        self, client, employer, job, from_status, to_status, htmx
    ):
        application = ApplicationFactory(job=job, status=from_status)
        client.force_login(employer)
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = client.post(move_url(application), {"status": to_status}, **headers)
        if htmx:
            assert response.status_code == 200
            assert "cannot move to that status" in response.text
        else:
            assert response.status_code == 302
            messages = [str(m) for m in response.wsgi_request._messages]
            assert "cannot move to that status" in messages[0]
        application.refresh_from_db()
        assert application.status == from_status
        assert not ApplicationEvent.objects.exists()
        assert not Notification.objects.exists()

    @pytest.mark.parametrize("value", ["", "bogus", "x" * 5000, "\x00"])
    def test_junk_status_is_refused(self, client, employer, application, value):
        client.force_login(employer)
        response = client.post(move_url(application), {"status": value}, follow=True)
        assert response.status_code == 200
        application.refresh_from_db()
        assert application.status == "submitted"

    def test_plain_post_goes_back_to_the_page_it_came_from(self, client, employer, application):
        client.force_login(employer)
        back = applicants_url(application.job) + "?status=submitted&page=1"
        response = client.post(
            move_url(application), {"status": "reviewing", "next": back}, follow=True
        )
        assert response.redirect_chain == [(back, 302)]
        assert "Ada Lovelace’s application is now reviewing." in response.text

    @pytest.mark.parametrize("next_url", ["//evil.example", "https://evil.example/", "/\\evil"])
    def test_next_elsewhere_is_ignored(self, client, employer, application, next_url):
        client.force_login(employer)
        response = client.post(move_url(application), {"status": "reviewing", "next": next_url})
        assert response["Location"] == applicants_url(application.job)

    def test_htmx_gets_the_row_back(self, client, employer, application):
        ApplicationNoteFactory(application=application)
        client.force_login(employer)
        response = client.post(
            move_url(application),
            {"status": "interviewing", "next": applicants_url(application.job)},
            HTTP_HX_REQUEST="true",
            HTTP_HX_TARGET=f"application-{application.pk}",
        )
        html = response.text
        assert html.lstrip().startswith(f'<tr id="application-{application.pk}">')
        assert "Interviewing" in html
        assert 'value="hired"' in html  # the moves allowed from interviewing
        assert ">1<" in html  # the notes count
        assert_private(response)

    def test_htmx_from_the_detail_page_gets_the_status_panel(self, client, employer, application):
        client.force_login(employer)
        response = client.post(
            move_url(application),
            {"status": "reviewing"},
            HTTP_HX_REQUEST="true",
            HTTP_HX_TARGET="status-panel",
        )
        html = response.text
        assert html.lstrip().startswith('<section id="status-panel"')
        assert "Submitted" in html and "Reviewing" in html  # the timeline
        assert employer.display_name in html

    @pytest.mark.parametrize("htmx", [False, True])
    def test_a_stale_page_is_told_what_happened(self, client, employer, application, htmx):
        # The page showed "submitted"; a colleague moved it to interviewing since.
        Application.objects.filter(pk=application.pk).update(status="interviewing")
        client.force_login(employer)
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        response = client.post(
            move_url(application),
            {"status": "reviewing", "current": "submitted"},
            follow=True,
            **headers,
        )
        assert "Someone else changed this application a moment ago" in response.text
        assert "it is now interviewing" in response.text
        application.refresh_from_db()
        assert application.status == "interviewing"
        assert not ApplicationEvent.objects.exists()

    def test_losing_the_race_in_the_database_is_friendly(self, client, employer, application):
        # Both requests read "submitted" and passed the form; the other one's update landed
        # first, so the conditional update in move_to changes nothing.
        original_clean = MoveForm.clean

        def clean_then_someone_else_decides(form):
            cleaned = original_clean(form)
            Application.objects.filter(pk=form.application.pk).update(status="rejected")
            return cleaned

        client.force_login(employer)
        with mock.patch.object(MoveForm, "clean", clean_then_someone_else_decides):
            response = client.post(
                move_url(application), {"status": "reviewing"}, HTTP_HX_REQUEST="true"
            )
        assert response.status_code == 200
        assert "Someone else changed this application a moment ago." in response.text
        assert "Not selected" in response.text  # the row shows the status it has now
        application.refresh_from_db()
        assert application.status == "rejected"
        assert not ApplicationEvent.objects.exists()
        assert not Notification.objects.exists()

    def test_the_applicant_is_emailed_after_the_commit(
        self, client, employer, application, django_capture_on_commit_callbacks, mailoutbox
    ):
        client.force_login(employer)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(move_url(application), {"status": "interviewing"})
        assert [m.to for m in mailoutbox] == [[application.applicant.email]]
        assert "interviewing" in mailoutbox[0].subject

    def test_a_withdrawn_application_cannot_be_moved(self, client, employer, application):
        application.withdraw()
        client.force_login(employer)
        client.post(move_url(application), {"status": "reviewing"})
        application.refresh_from_db()
        assert application.status == "withdrawn"
        assert ApplicationEvent.objects.count() == 1  # the withdrawal only

    def test_the_form_offers_only_allowed_moves(self, client, employer, job):
        reviewing = ApplicationFactory(job=job, status="reviewing")
        hired = ApplicationFactory(job=job, status="hired")
        client.force_login(employer)
        html = client.get(applicants_url(job)).text
        offered = re.findall(r'<option value="(\w+)"', row_of(html, reviewing))
        assert set(offered) == ALLOWED["reviewing"]
        assert "<select" not in row_of(html, hired)
        assert "Decided" in row_of(html, hired)

    @pytest.mark.parametrize(
        "status, preselected",
        [
            ("submitted", "reviewing"),
            ("reviewing", "interviewing"),
            ("interviewing", "offered"),
            ("offered", "hired"),
        ],
    )
    def test_the_next_step_forward_is_preselected(self, client, employer, job, status, preselected):
        application = ApplicationFactory(job=job, status=status)
        client.force_login(employer)
        row = row_of(client.get(applicants_url(job)).text, application)
        assert re.findall(r'<option value="(\w+)" selected>', row) == [preselected]

    def test_a_reapplicant_shows_twice_the_withdrawn_one_read_only(
        self, client, employer, job, application
    ):
        application.withdraw()
        again = ApplicationFactory(job=job, applicant=application.applicant)
        client.force_login(employer)
        html = client.get(applicants_url(job)).text
        old_row, new_row = row_of(html, application), row_of(html, again)
        assert "Withdrawn by the applicant" in old_row
        assert "<select" not in old_row
        assert move_url(application) not in old_row
        assert set(re.findall(r'<option value="(\w+)"', new_row)) == ALLOWED["submitted"]
        detail = client.get(reverse("employer_application", args=[application.pk])).text
        assert "The applicant withdrew this application" in detail
        assert move_url(application) not in detail


@pytest.mark.skipif(connection.vendor != "postgresql", reason="concurrent writers need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_recruiters_moving_at_once_make_one_move(company, job):
    application = ApplicationFactory(job=job)
    recruiters = [MembershipFactory(company=company, role="recruiter").user for _ in range(2)]
    barrier = threading.Barrier(2, timeout=10)
    original_clean = MoveForm.clean

    def clean_then_wait(form):
        cleaned = original_clean(form)
        barrier.wait()  # both requests have passed every check before either writes
        return cleaned

    results = []

    def move(user, status):
        try:
            browser = Client()
            browser.force_login(user)
            response = browser.post(move_url(application), {"status": status}, follow=True)
            results.append([str(m) for m in response.context["messages"]])
        finally:
            connection.close()

    with mock.patch.object(MoveForm, "clean", clean_then_wait):
        threads = [
            threading.Thread(target=move, args=(recruiters[0], "interviewing")),
            threading.Thread(target=move, args=(recruiters[1], "rejected")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    messages = sorted(message for result in results for message in result)
    assert len(messages) == 2
    refused = [m for m in messages if "Someone else changed this application a moment ago" in m]
    assert refused, messages  # which messages came instead, if ever this fails
    event = ApplicationEvent.objects.get()
    application.refresh_from_db()
    assert application.status == event.to_status
    assert Notification.objects.get().object_id == event.pk
