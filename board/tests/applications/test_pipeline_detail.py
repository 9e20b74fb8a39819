"""One application for the employer (timeline, private notes), and what its applicant sees."""

import re

import pytest
from django.urls import reverse

from board.applications.models import Application, ApplicationNote
from board.tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
HTMX = {"HTTP_HX_REQUEST": "true"}
SECRET_NOTE = "Salary expectations too high - do not tell her"


@pytest.fixture
def application(company):
    applicant = SeekerFactory(first_name="Grace", last_name="Hopper")
    return ApplicationFactory(
        job=JobFactory(company=company, title="Compiler Engineer"),
        applicant=applicant,
        cover_letter="Dear team,\nI wrote the first compiler.",
    )


def detail_url(application):
    return reverse("employer_application", args=[application.pk])


def notes_url(application):
    return reverse("employer_add_note", args=[application.pk])


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


class TestDetail:
    def test_shows_the_applicant_the_letter_the_resume_the_timeline_and_notes(
        self, client, company, employer, application
    ):
        colleague = MembershipFactory(company=company, role="recruiter").user
        application.move_to("reviewing", by=colleague)
        application.move_to("interviewing", by=employer)
        ApplicationNoteFactory(application=application, author=colleague, body="Call on Monday")
        client.force_login(employer)
        response = client.get(detail_url(application))
        assert response.status_code == 200
        html = response.text
        assert "Grace Hopper" in html
        assert application.applicant.email in html
        assert "<p>Dear team,<br>I wrote the first compiler.</p>" in html
        assert reverse("application_resume", args=[application.pk]) in html
        assert "Call on Monday" in html
        timeline = html[html.index('<ol class="list-unstyled timeline') :]
        timeline = timeline[: timeline.index("</ol>")]
        assert timeline.index("Applied") < timeline.index("Reviewing") < timeline.index("Inter")
        assert f"by {colleague.display_name}" in timeline
        assert f"by {employer.display_name}" in timeline
        assert 'hx-history="false"' in html
        assert_private(response)

    @pytest.mark.parametrize(
        "status, preselected",
        [
            ("submitted", "reviewing"),
            ("reviewing", "interviewing"),
            ("interviewing", "offered"),
            ("offered", "hired"),
        ],
    )
    def test_move_to_preselects_the_next_step_forward(
        self, client, employer, application, status, preselected
    ):
        Application.objects.filter(pk=application.pk).update(status=status)
        client.force_login(employer)
        html = client.get(detail_url(application)).text
        panel = html[html.index('id="status-panel"') :]
        assert re.findall(r'<option value="(\w+)" selected>', panel) == [preselected]

    def test_a_withdrawal_is_shown_as_the_applicants(self, client, employer, application):
        application.withdraw()
        client.force_login(employer)
        html = client.get(detail_url(application)).text
        assert "by the applicant" in html
        assert "its status can no longer change" in html

    def test_names_letters_and_notes_are_escaped(self, client, employer, company):
        application = ApplicationFactory(
            job=JobFactory(company=company, title=XSS),
            applicant=SeekerFactory(first_name=XSS),
            cover_letter=XSS,
        )
        ApplicationNoteFactory(application=application, body=XSS)
        client.force_login(employer)
        html = client.get(detail_url(application)).text
        assert XSS not in html
        assert "<script>alert" not in html
        assert "<img src=x" not in html


class TestNotes:
    def test_plain_post_adds_a_note_and_comes_back(self, client, employer, application):
        client.force_login(employer)
        response = client.post(notes_url(application), {"body": "Strong\nreferences"}, follow=True)
        assert response.redirect_chain == [(detail_url(application), 302)]
        note = ApplicationNote.objects.get()
        assert (note.application, note.author, note.body) == (
            application,
            employer,
            "Strong\nreferences",
        )
        assert "Your note was added." in response.text
        assert "<p>Strong<br>references</p>" in response.text

    def test_htmx_gets_the_notes_section_with_the_new_note_and_an_empty_form(
        self, client, employer, application
    ):
        ApplicationNoteFactory(application=application, body="First")
        client.force_login(employer)
        response = client.post(notes_url(application), {"body": "Second"}, **HTMX)
        html = response.text
        assert html.lstrip().startswith('<section id="notes"')
        assert html.index("First") < html.index("Second")
        assert "</textarea>" in html and ">Second</textarea>" not in html
        assert_private(response)

    @pytest.mark.parametrize("htmx", [False, True])
    @pytest.mark.parametrize(("body", "error"), [("", "required"), ("x" * 5001, "at most 5000")])
    def test_empty_or_long_notes_are_refused(
        self, client, employer, application, htmx, body, error
    ):
        client.force_login(employer)
        headers = HTMX if htmx else {}
        response = client.post(notes_url(application), {"body": body}, **headers)
        assert response.status_code == 200
        assert error in response.text
        assert not ApplicationNote.objects.exists()

    def test_a_note_of_exactly_5000_characters_is_fine(self, client, employer, application):
        client.force_login(employer)
        client.post(notes_url(application), {"body": "x" * 5000})
        assert ApplicationNote.objects.get().body == "x" * 5000

    def test_protected_fields_in_the_post_are_ignored(self, client, employer, application):
        other = ApplicationFactory()
        client.force_login(employer)
        client.post(
            notes_url(application),
            {"body": "Hi", "application": other.pk, "author": other.applicant.pk},
        )
        note = ApplicationNote.objects.get()
        assert (note.application, note.author) == (application, employer)


class TestTheSeekerNeverSeesNotes:
    """The applicant sees the status and the timeline, never a note: not on any page they reach."""

    def test_timeline_without_notes_on_every_page_the_applicant_reaches(
        self, client, employer, application
    ):
        ApplicationNoteFactory(application=application, body=SECRET_NOTE)
        application.move_to("reviewing", by=employer)
        application.move_to("interviewing", by=employer)
        seeker = application.applicant
        client.force_login(seeker)
        detail = client.get(reverse("my_application", args=[application.pk]))
        assert "Interviewing" in detail.text
        timeline = detail.text[detail.text.index('<ol class="list-unstyled timeline') :]
        assert "Reviewing" in timeline
        assert f"by {application.job.company.name}" in timeline
        assert employer.display_name not in detail.text  # the company acted, not a named person
        pages = [
            detail,
            client.get(reverse("my_applications")),
            client.get(reverse("my_applications"), **HTMX),
            client.get(application.job.get_absolute_url()),
            client.get(application.job.get_absolute_url(), **HTMX, HTTP_HX_TARGET="apply-panel"),
            client.post(reverse("withdraw_application", args=[application.pk]), **HTMX),
            client.get(reverse("my_application", args=[application.pk])),
            client.get(reverse("saved_jobs")),
            client.get(reverse("my_profile")),
        ]
        for response in pages:
            assert response.status_code == 200
            assert SECRET_NOTE not in response.text
            assert "Private notes" not in response.text
        # And the employer's pages stay closed to them, fragments included.
        for url in [detail_url(application), notes_url(application)]:
            assert client.get(url).status_code in (404, 405)
            assert client.get(url, **HTMX).status_code in (404, 405)
            assert client.post(url, {"body": "x"}, **HTMX).status_code in (404, 405)
        assert not ApplicationNote.objects.filter(body="x").exists()
        assert SECRET_NOTE not in client.get(detail_url(application)).text

    def test_withdrawing_shows_on_the_seekers_timeline_as_theirs(self, client, application):
        client.force_login(application.applicant)
        client.post(reverse("withdraw_application", args=[application.pk]))
        html = client.get(reverse("my_application", args=[application.pk])).text
        assert "by you" in html
