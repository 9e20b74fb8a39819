import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.applications.models import SavedJob
from board.jobs.models import Job
from board.tests.factories import JobFactory, SavedJobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def seeker():
    return SeekerFactory()


@pytest.fixture
def job():
    return JobFactory(title="Data Engineer")


class TestSave:
    def test_saves_and_redirects_back_with_a_message(self, client, seeker, job):
        client.force_login(seeker)
        response = client.post(reverse("save_job", args=[job.pk]), follow=True)
        assert response.redirect_chain == [(job.get_absolute_url(), 302)]
        assert SavedJob.objects.filter(user=seeker, job=job).exists()
        assert "Saved “Data Engineer”." in response.content.decode()

    def test_redirects_to_a_safe_next(self, client, seeker, job):
        client.force_login(seeker)
        response = client.post(reverse("save_job", args=[job.pk]), {"next": "/jobs/?q=data"})
        assert response["Location"] == "/jobs/?q=data"

    @pytest.mark.parametrize(
        "next_url",
        ["//evil.example", "https://evil.example/", "/\\evil.example", "https:evil.example"],
    )
    def test_ignores_a_foreign_next(self, client, seeker, job, next_url):
        client.force_login(seeker)
        response = client.post(reverse("save_job", args=[job.pk]), {"next": next_url})
        assert response["Location"] == job.get_absolute_url()

    def test_is_idempotent(self, client, seeker, job):
        client.force_login(seeker)
        for _ in range(3):
            assert client.post(reverse("save_job", args=[job.pk])).status_code == 302
        assert SavedJob.objects.filter(user=seeker, job=job).count() == 1

    def test_htmx_gets_the_button_fragment(self, client, seeker, job):
        client.force_login(seeker)
        response = client.post(
            reverse("save_job", args=[job.pk]), {"next": "/jobs/?page=2"}, **HTMX
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert html.lstrip().startswith('<div class="save-toggle')
        assert "<html" not in html
        assert f'hx-post="/jobs/{job.pk}/unsave/"' in html
        assert 'value="/jobs/?page=2"' in html
        assert "Saved" in html

    @pytest.mark.parametrize(
        "status", [Job.Status.DRAFT, Job.Status.PENDING, Job.Status.CLOSED, Job.Status.EXPIRED]
    )
    def test_only_visible_jobs_can_be_saved(self, client, seeker, status):
        job = JobFactory(status=status, published_at=None, expires_at=None)
        if status in (Job.Status.CLOSED, Job.Status.EXPIRED):
            job = JobFactory(status=status)
        client.force_login(seeker)
        assert client.post(reverse("save_job", args=[job.pk])).status_code == 404
        assert client.post(reverse("save_job", args=[job.pk]), **HTMX).status_code == 404
        assert not SavedJob.objects.exists()

    def test_missing_job_is_404(self, client, seeker):
        client.force_login(seeker)
        assert client.post(reverse("save_job", args=[999999])).status_code == 404

    def test_anonymous_goes_to_login(self, client, job):
        url = reverse("save_job", args=[job.pk])
        response = client.post(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        assert not SavedJob.objects.exists()

    @pytest.mark.parametrize("method", ["get", "head", "put", "delete"])
    def test_only_post(self, client, seeker, job, method):
        client.force_login(seeker)
        response = getattr(client, method)(reverse("save_job", args=[job.pk]))
        assert response.status_code == 405
        assert not SavedJob.objects.exists()


class TestUnsave:
    def test_removes_only_my_save(self, client, seeker, job):
        mine = SavedJobFactory(user=seeker, job=job)
        theirs = SavedJobFactory(job=job)
        client.force_login(seeker)
        response = client.post(reverse("unsave_job", args=[job.pk]), follow=True)
        assert "Removed “Data Engineer” from your saved jobs." in response.content.decode()
        assert not SavedJob.objects.filter(pk=mine.pk).exists()
        assert SavedJob.objects.filter(pk=theirs.pk).exists()

    def test_is_idempotent(self, client, seeker, job):
        client.force_login(seeker)
        assert client.post(reverse("unsave_job", args=[job.pk])).status_code == 302
        assert client.post(reverse("unsave_job", args=[job.pk])).status_code == 302

    def test_htmx_gets_the_button_fragment(self, client, seeker, job):
        SavedJobFactory(user=seeker, job=job)
        client.force_login(seeker)
        html = client.post(reverse("unsave_job", args=[job.pk]), **HTMX).content.decode()
        assert "<html" not in html
        assert f'hx-post="/jobs/{job.pk}/save/"' in html

    def test_a_closed_job_can_be_removed_from_the_list(self, client, seeker):
        job = JobFactory(status=Job.Status.CLOSED)
        SavedJobFactory(user=seeker, job=job)
        client.force_login(seeker)
        assert client.post(reverse("unsave_job", args=[job.pk])).status_code == 302
        assert not SavedJob.objects.exists()

    def test_unpublished_job_is_404(self, client, seeker):
        job = JobFactory(draft=True)
        client.force_login(seeker)
        assert client.post(reverse("unsave_job", args=[job.pk])).status_code == 404

    def test_anonymous_goes_to_login(self, client, job):
        response = client.post(reverse("unsave_job", args=[job.pk]))
        assert response["Location"].startswith(reverse("account_login"))

    def test_get_is_refused(self, client, seeker, job):
        client.force_login(seeker)
        assert client.get(reverse("unsave_job", args=[job.pk])).status_code == 405


class TestSaveButtonOnCards:
    def test_job_list_marks_saved_jobs_without_extra_queries(
        self, client, seeker, django_capture_on_commit_callbacks
    ):
        jobs = JobFactory.create_batch(3)
        SavedJobFactory(user=seeker, job=jobs[0])
        client.force_login(seeker)
        with CaptureQueriesContext(connection) as few:
            html = client.get(reverse("job_list")).content.decode()
        assert len(re.findall(r'action="/jobs/\d+/(save|unsave)/"', html)) == 3
        assert html.count(f'action="/jobs/{jobs[0].pk}/unsave/"') == 1
        # Committed, so the cached search choices are rebuilt here too (board/listings/caching.py).
        with django_capture_on_commit_callbacks(execute=True):
            for job in JobFactory.create_batch(10):
                SavedJobFactory(user=seeker, job=job)
            JobFactory.create_batch(5)  # unsaved: their buttons check the job is open
        with CaptureQueriesContext(connection) as many:
            html = client.get(reverse("job_list")).content.decode()
        assert html.count('/unsave/"') == 2 * 11  # action and hx-post
        assert html.count('/save/"') == 2 * 7
        assert len(many) == len(few)  # nothing a card shows or checks is loaded per card

    def test_anonymous_sees_a_login_link_with_next(self, client):
        JobFactory()
        html = client.get(reverse("job_list"), {"q": "python", "page": "1"}).content.decode()
        # Back to the search, written as the cached results write it (page 1 is the search).
        assert 'href="/accounts/login/?next=/jobs/%3Fq%3Dpython"' in html
        assert "/save/" not in html

    def test_every_card_login_link_returns_to_the_whole_search(self, client):
        JobFactory.create_batch(2, title="Data Analyst", workplace="remote")
        html = client.get("/jobs/", {"q": "data analyst", "workplace": "remote"}).text
        back = "/accounts/login/?next=/jobs/%3Fq%3Ddata%2Banalyst%26workplace%3Dremote"
        assert html.count(f'href="{back}"') == 3  # two Save buttons and the alert link


class TestSavedList:
    def test_lists_my_saves_newest_first_and_marks_closed_ones(self, client, seeker):
        older = SavedJobFactory(user=seeker, job=JobFactory(title="Older Role"))
        closed = SavedJobFactory(
            user=seeker, job=JobFactory(title="Closed Role", status=Job.Status.CLOSED)
        )
        SavedJobFactory(job=JobFactory(title="Someone Else's Role"))
        client.force_login(seeker)
        response = client.get(reverse("saved_jobs"))
        assert list(response.context["page"]) == [closed, older]
        html = response.content.decode()
        assert "Someone Else" not in html
        assert html.count("No longer open") == 1
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]

    def test_paginates(self, client, seeker):
        for job in JobFactory.create_batch(23):
            SavedJobFactory(user=seeker, job=job)
        client.force_login(seeker)
        assert len(client.get(reverse("saved_jobs")).context["page"].object_list) == 20
        assert len(client.get(reverse("saved_jobs"), {"page": 2}).context["page"]) == 3

    def test_query_count_does_not_grow(self, client, seeker):
        for job in JobFactory.create_batch(2):
            SavedJobFactory(user=seeker, job=job)
        client.force_login(seeker)
        with CaptureQueriesContext(connection) as few:
            client.get(reverse("saved_jobs"))
        for job in JobFactory.create_batch(10):
            SavedJobFactory(user=seeker, job=job)
        with CaptureQueriesContext(connection) as many:
            client.get(reverse("saved_jobs"))
        assert len(few) == len(many)

    def test_anonymous_goes_to_login(self, client):
        response = client.get(reverse("saved_jobs"))
        assert response["Location"].startswith(reverse("account_login"))
