"""The applications' workflow (board/applications/workflow.py): each function
allowed and refused, then each refusal answered the same by the site, REST and
(for save and unsave) GraphQL: the same status code and the same words."""

import pytest
from django.urls import reverse

from board.applications import workflow
from board.applications.models import Application, ApplicationEvent, ApplicationNote, SavedJob
from board.jobs.models import InvalidTransition, Job
from board.notifications.models import Notification
from board.tests.api.conftest import bearer
from board.tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SavedJobFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

Status = Application.Status
HIDDEN_JOBS = [
    {"draft": True},
    {"pending": True},
    {"status": Job.Status.CLOSED},
    {"status": Job.Status.EXPIRED},
]
SAVE = "mutation($id: ID!) { saveJob(jobId: $id) { job { databaseId } } }"
UNSAVE = "mutation($id: ID!) { unsaveJob(jobId: $id) }"


@pytest.fixture
def seeker():
    return SeekerFactory()


@pytest.fixture
def application(company, seeker):
    return ApplicationFactory(job=JobFactory(company=company), applicant=seeker)


@pytest.fixture
def outsider():
    """An employer of another company."""
    return MembershipFactory(company=CompanyFactory()).user


@pytest.fixture
def gql(client):
    """POST a GraphQL document as the client's signed-in user; the decoded answer."""

    def run(query, variables):
        body = {"query": query, "variables": variables}
        return client.post("/graphql/", body, content_type="application/json").json()

    return run


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


# Withdraw


class TestWithdraw:
    def test_the_applicant_withdraws_and_it_is_on_the_timeline(self, application, seeker):
        workflow.withdraw_application(application, by=seeker)
        application.refresh_from_db()
        assert application.status == Status.WITHDRAWN
        event = ApplicationEvent.objects.get()
        assert (event.from_status, event.to_status, event.actor) == (
            "submitted",
            "withdrawn",
            seeker,
        )
        # The company sees it in its pipeline; nobody is e-mailed.
        assert not Notification.objects.exists()

    @pytest.mark.parametrize("who", ["outsider", "employer"])
    def test_nobody_else_may(self, request, application, who):
        with pytest.raises(workflow.NotFound):
            workflow.withdraw_application(application, by=request.getfixturevalue(who))
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED
        assert not ApplicationEvent.objects.exists()

    @pytest.mark.parametrize("status", [Status.HIRED, Status.REJECTED, Status.WITHDRAWN])
    def test_not_once_decided(self, company, seeker, status):
        application = ApplicationFactory(job__company=company, applicant=seeker, status=status)
        with pytest.raises(InvalidTransition, match="cannot be withdrawn"):
            workflow.withdraw_application(application, by=seeker)
        assert not ApplicationEvent.objects.exists()


# Move


class TestMove:
    def test_a_member_moves_and_the_applicant_is_emailed_after_the_commit(
        self, application, employer, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            event = workflow.move_application(application, Status.INTERVIEWING, by=employer)
        application.refresh_from_db()
        assert application.status == Status.INTERVIEWING
        assert (event.actor, event.from_status, event.to_status) == (
            employer,
            "submitted",
            "interviewing",
        )
        notification = Notification.objects.get()
        assert (notification.kind, notification.object_id) == ("status_changed", event.pk)
        assert notification.sent_at is None
        assert len(callbacks) == 1  # the delivery, queued for after the commit

    def test_a_recruiter_of_the_company_may_too(self, application, company):
        recruiter = MembershipFactory(company=company, role="recruiter").user
        workflow.move_application(application, Status.REVIEWING, by=recruiter)
        assert ApplicationEvent.objects.get().actor == recruiter

    @pytest.mark.parametrize("who", ["outsider", "seeker"])
    def test_only_the_hiring_company_may(self, request, application, who):
        with pytest.raises(workflow.NotFound):
            workflow.move_application(
                application, Status.REVIEWING, by=request.getfixturevalue(who)
            )
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED
        assert not ApplicationEvent.objects.exists()
        assert not Notification.objects.exists()

    def test_staff_who_are_not_members_use_the_admin(self, application):
        with pytest.raises(workflow.NotFound):
            workflow.move_application(application, Status.REVIEWING, by=StaffFactory())

    @pytest.mark.parametrize(
        ("from_status", "to_status"),
        [("hired", "reviewing"), ("withdrawn", "submitted"), ("submitted", "hired")],
    )
    def test_only_the_moves_the_status_allows(self, company, employer, from_status, to_status):
        application = ApplicationFactory(job__company=company, status=from_status)
        with pytest.raises(InvalidTransition) as refused:
            workflow.move_application(application, to_status, by=employer)
        assert str(refused.value) == application.move_refusal()
        assert not ApplicationEvent.objects.exists()
        assert not Notification.objects.exists()

    def test_a_stale_page_is_refused(self, application, employer):
        Application.objects.filter(pk=application.pk).update(status=Status.INTERVIEWING)
        application.refresh_from_db()
        with pytest.raises(InvalidTransition, match="it is now interviewing"):
            workflow.move_application(application, Status.OFFERED, by=employer, seen="submitted")
        assert not ApplicationEvent.objects.exists()


# Notes


class TestAddNote:
    def test_a_member_adds_a_note(self, application, employer):
        note = workflow.add_note(application, employer, "Strong on SQL.")
        assert (note.application, note.author, note.body) == (
            application,
            employer,
            "Strong on SQL.",
        )

    def test_on_a_withdrawn_application_too(self, application, employer, seeker):
        workflow.withdraw_application(application, by=seeker)
        workflow.add_note(application, employer, "They withdrew; keep for next time.")
        assert ApplicationNote.objects.count() == 1

    @pytest.mark.parametrize("who", ["outsider", "seeker"])
    def test_only_the_hiring_company_may(self, request, application, who):
        with pytest.raises(workflow.NotFound):
            workflow.add_note(application, request.getfixturevalue(who), "Hi")
        assert not ApplicationNote.objects.exists()


# Save and unsave


class TestSave:
    def test_saves_once(self, seeker):
        job = JobFactory()
        saved, created = workflow.save_job(seeker, job.pk)
        assert (saved.user, saved.job, created) == (seeker, job, True)
        assert workflow.save_job(seeker, job.pk)[1] is False
        assert SavedJob.objects.count() == 1

    @pytest.mark.parametrize("hidden", HIDDEN_JOBS)
    def test_only_open_jobs_the_same_as_a_missing_one(self, seeker, hidden):
        job = JobFactory(**hidden)
        for pk in (job.pk, job.pk + 1000):
            with pytest.raises(workflow.NotFound) as refused:
                workflow.save_job(seeker, pk)
            assert str(refused.value) == workflow.JOB_NOT_FOUND
        assert not SavedJob.objects.exists()

    def test_unsave_only_my_own_whatever_the_job_is_now(self, seeker):
        mine = SavedJobFactory(user=seeker, job__status=Job.Status.CLOSED)
        theirs = SavedJobFactory(job=mine.job)
        assert workflow.unsave_job(seeker, mine.job_id) is True
        assert workflow.unsave_job(seeker, mine.job_id) is False
        assert list(SavedJob.objects.all()) == [theirs]


# Each refusal: the site, REST and GraphQL answer alike.


class TestSameAnswerEverywhere:
    @pytest.mark.parametrize("status", [Status.HIRED, Status.REJECTED, Status.WITHDRAWN])
    def test_withdrawing_a_decided_application(self, client, company, seeker, status):
        application = ApplicationFactory(job__company=company, applicant=seeker, status=status)
        with pytest.raises(InvalidTransition) as refused:
            workflow.withdraw_application(application, by=seeker)
        client.force_login(seeker)
        site = client.post(reverse("withdraw_application", args=[application.pk]))
        api = bearer(seeker).post(f"/api/v1/me/applications/{application.pk}/withdraw/")
        assert _messages(site) == [str(refused.value)]
        assert (api.status_code, api.json()) == (409, {"detail": str(refused.value)})

    def test_withdrawing_someone_elses_application(self, client, application):
        other = SeekerFactory()
        client.force_login(other)
        site = client.post(reverse("withdraw_application", args=[application.pk]))
        api = bearer(other).post(f"/api/v1/me/applications/{application.pk}/withdraw/")
        assert (site.status_code, api.status_code) == (404, 404)
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED

    @pytest.mark.parametrize(
        ("from_status", "to_status"),
        [("hired", "reviewing"), ("rejected", "offered"), ("submitted", "hired")],
    )
    @pytest.mark.parametrize("htmx", [False, True])
    def test_a_move_the_status_does_not_allow(
        self, client, company, employer, from_status, to_status, htmx
    ):
        application = ApplicationFactory(job__company=company, status=from_status)
        refusal = application.move_refusal()
        client.force_login(employer)
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        url = reverse("employer_move_application", args=[application.pk])
        site = client.post(url, {"status": to_status}, **headers)
        api = bearer(employer).post(
            f"/api/v1/employer/applications/{application.pk}/status/", {"status": to_status}
        )
        if htmx:
            assert refusal in site.text
        else:
            assert _messages(site) == [refusal]
        assert (api.status_code, api.json()) == (409, {"detail": refusal})
        assert not ApplicationEvent.objects.exists()

    def test_moving_another_companys_application(self, client, application, outsider):
        client.force_login(outsider)
        site = client.post(
            reverse("employer_move_application", args=[application.pk]), {"status": "reviewing"}
        )
        api = bearer(outsider).post(
            f"/api/v1/employer/applications/{application.pk}/status/", {"status": "reviewing"}
        )
        missing = bearer(outsider).post(
            "/api/v1/employer/applications/999999/status/", {"status": "reviewing"}
        )
        assert (site.status_code, api.status_code) == (404, 404)
        assert api.json() == missing.json()  # as if it did not exist
        assert not ApplicationEvent.objects.exists()

    def test_a_note_on_another_companys_application(self, client, application, outsider):
        client.force_login(outsider)
        site = client.post(reverse("employer_add_note", args=[application.pk]), {"body": "Hi"})
        api = bearer(outsider).post(
            f"/api/v1/employer/applications/{application.pk}/notes/", {"body": "Hi"}
        )
        assert (site.status_code, api.status_code) == (404, 404)
        assert not ApplicationNote.objects.exists()

    @pytest.mark.parametrize("hidden", HIDDEN_JOBS)
    def test_saving_a_job_that_is_not_open(self, client, gql, seeker, hidden):
        job = JobFactory(**hidden)
        client.force_login(seeker)
        site = client.post(reverse("save_job", args=[job.pk]))
        api = bearer(seeker).post("/api/v1/me/saved/", {"job": job.pk})
        missing = bearer(seeker).post("/api/v1/me/saved/", {"job": job.pk + 1000})
        graphql = gql(SAVE, {"id": str(job.pk)})
        assert site.status_code == 404
        assert (api.status_code, api.json()) == (404, {"detail": workflow.JOB_NOT_FOUND})
        assert missing.json() == api.json()
        assert graphql["errors"][0]["message"] == workflow.JOB_NOT_FOUND
        assert not SavedJob.objects.exists()

    def test_a_saved_job_held_for_review_can_be_unsaved_everywhere(self, client, gql, seeker):
        # Saved while live, then taken down for review: the seeker's list still
        # shows it, and every interface lets them remove it.
        jobs = JobFactory.create_batch(3)
        for job in jobs:
            SavedJobFactory(user=seeker, job=job)
        Job.objects.filter(pk__in=[j.pk for j in jobs]).update(status=Job.Status.PENDING)
        client.force_login(seeker)
        site = client.post(reverse("unsave_job", args=[jobs[0].pk]))
        api = bearer(seeker).delete(f"/api/v1/me/saved/{jobs[1].pk}/")
        graphql = gql(UNSAVE, {"id": str(jobs[2].pk)})
        assert (site.status_code, api.status_code) == (302, 204)
        assert graphql == {"data": {"unsaveJob": True}}
        assert not SavedJob.objects.exists()

    def test_unsaving_a_hidden_job_one_never_saved_says_nothing_about_it(self, client, seeker):
        job = JobFactory(pending=True)
        client.force_login(seeker)
        assert client.post(reverse("unsave_job", args=[job.pk])).status_code == 404
        api = bearer(seeker).delete(f"/api/v1/me/saved/{job.pk}/")
        assert api.status_code == 404
        assert api.json() == bearer(seeker).delete("/api/v1/me/saved/999999/").json()

    def test_an_employer_without_a_company_gets_the_one_lookups_answer(self, client):
        # board/companies/lookups.py decides, for the site's pipeline and REST alike.
        lone = EmployerFactory()
        application = ApplicationFactory()
        client.force_login(lone)
        site = client.post(
            reverse("employer_move_application", args=[application.pk]), {"status": "reviewing"}
        )
        api = bearer(lone)
        moved = api.post(
            f"/api/v1/employer/applications/{application.pk}/status/", {"status": "reviewing"}
        )
        applicants = api.get(f"/api/v1/employer/jobs/{application.job_id}/applicants/")
        jobs = api.get(f"/api/v1/employer/jobs/{application.job_id}/")
        assert site.status_code == 404
        assert moved.status_code == applicants.status_code == jobs.status_code == 404
        assert moved.json() == applicants.json() == jobs.json()


def test_the_admin_cannot_change_a_status(admin_client, application):
    # Only the workflow moves an application: the admin shows the status read-only.
    url = reverse("admin:board_application_change", args=[application.pk])
    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Submitted" in page.text
    assert 'name="status"' not in page.text


@pytest.mark.parametrize("pk", [2**63, 10**25])
def test_ids_no_job_can_have_are_not_found_everywhere(client, gql, seeker, pk):
    client.force_login(seeker)
    assert client.post(reverse("save_job", args=[pk])).status_code == 404
    assert client.post(reverse("unsave_job", args=[pk])).status_code == 404
    api = bearer(seeker)
    assert api.post("/api/v1/me/saved/", {"job": pk}).status_code == 404
    assert api.delete(f"/api/v1/me/saved/{pk}/").status_code == 404
    assert gql(UNSAVE, {"id": str(pk)}) == {"data": {"unsaveJob": False}}
    assert gql(SAVE, {"id": str(pk)})["errors"][0]["message"] == workflow.JOB_NOT_FOUND
