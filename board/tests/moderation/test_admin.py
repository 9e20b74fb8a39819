import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.companies.models import Company
from board.jobs.models import Job
from board.tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    JobFactory,
    MembershipFactory,
    SavedJobFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory())
    return client


def _action(client, url, action, objects, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [o.pk for o in objects], **extra}
    return client.post(url, data, follow=True)


class TestReviewQueue:
    url = reverse("admin:board_pendingjob_changelist")

    def test_lists_only_pending_jobs(self, admin_client):
        pending = JobFactory(pending=True, title="Awaiting Review")
        JobFactory(title="Already Live")
        response = admin_client.get(self.url)
        assert list(response.context["cl"].result_list) == [pending]

    def test_bulk_approve_publishes_pending_jobs(self, admin_client):
        jobs = JobFactory.create_batch(2, pending=True)
        response = _action(admin_client, self.url, "approve_jobs", jobs)
        assert "2 job(s) approved" in response.content.decode()
        assert Job.objects.visible().count() == 2

    def test_approve_skips_jobs_not_pending(self, admin_client):
        draft = JobFactory(draft=True)
        response = _action(
            admin_client, reverse("admin:board_job_changelist"), "approve_jobs", [draft]
        )
        assert "only jobs pending review can be approved" in response.content.decode()
        draft.refresh_from_db()
        assert draft.status == Job.Status.DRAFT

    def test_reject_asks_for_a_reason_first(self, admin_client):
        job = JobFactory(pending=True, title="Needs Work")
        response = _action(admin_client, self.url, "reject_jobs", [job])
        assert "Needs Work" in response.content.decode()
        assert 'name="reason"' in response.content.decode()
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING

    def test_reject_with_a_reason(self, admin_client):
        jobs = JobFactory.create_batch(2, pending=True)
        response = _action(
            admin_client, self.url, "reject_jobs", jobs, reject="1", reason="Add a salary range."
        )
        assert "2 job(s) rejected" in response.content.decode()
        for job in jobs:
            job.refresh_from_db()
            assert (job.status, job.rejection_reason) == ("rejected", "Add a salary range.")

    def test_reject_with_an_empty_reason_changes_nothing(self, admin_client):
        job = JobFactory(pending=True)
        response = _action(admin_client, self.url, "reject_jobs", [job], reject="1", reason="")
        assert "This field is required" in response.content.decode()
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING

    def test_non_staff_cannot_run_actions(self, client):
        job = JobFactory(pending=True)
        client.force_login(SeekerFactory())
        _action(client, self.url, "approve_jobs", [job])
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING


class TestCompanies:
    def test_mark_verified(self, admin_client):
        companies = CompanyFactory.create_batch(2)
        _action(admin_client, reverse("admin:board_company_changelist"), "mark_verified", companies)
        assert Company.objects.filter(verified=True).count() == 2


class TestChangelists:
    def test_job_changelist_of_100_jobs_runs_a_bounded_number_of_queries(self, admin_client):
        JobFactory.create_batch(5)
        url = reverse("admin:board_job_changelist")
        with CaptureQueriesContext(connection) as few:
            assert admin_client.get(url).status_code == 200
        JobFactory.create_batch(95)
        with CaptureQueriesContext(connection) as many:
            response = admin_client.get(url)
        assert len(response.context["cl"].result_list) == 100
        assert len(many) == len(few)

    @pytest.mark.parametrize(
        "name",
        [
            "user",
            "company",
            "membership",
            "category",
            "job",
            "pendingjob",
            "application",
            "savedjob",
        ],
    )
    def test_every_model_has_a_working_changelist_and_search(self, admin_client, name):
        ApplicationFactory()
        SavedJobFactory()
        MembershipFactory()
        JobFactory(pending=True)
        url = reverse(f"admin:board_{name}_changelist")
        assert admin_client.get(url).status_code == 200
        assert admin_client.get(url, {"q": "example"}).status_code == 200

    def test_job_autocomplete_answers(self, admin_client):
        JobFactory(title="Rust Engineer")
        response = admin_client.get(
            reverse("admin:autocomplete"),
            {"term": "Rust", "app_label": "board", "model_name": "savedjob", "field_name": "job"},
        )
        assert [r["text"] for r in response.json()["results"]] == ["Rust Engineer"]


class TestCompanyLogo:
    def _png(self):
        import io

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (1200, 900), "navy").save(buffer, format="PNG")
        return SimpleUploadedFile("our logo.png", buffer.getvalue(), content_type="image/png")

    def test_logo_uploaded_in_admin_is_reencoded_under_a_random_name(self, admin_client):
        company = CompanyFactory(name="Acme", slug="acme")
        url = reverse("admin:board_company_change", args=[company.pk])
        data = {
            "name": "Acme", "slug": "acme", "website": "https://acme.example", "about": "",
            "headquarters": "", "size": "", "logo": self._png(),
            "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
        }  # fmt: skip
        response = admin_client.post(url, data)
        assert response.status_code == 302
        company.refresh_from_db()
        assert company.logo.name.startswith("logos/") and company.logo.name.endswith(".webp")
        assert "our logo" not in company.logo.name
        logo = admin_client.get(reverse("company_logo", args=["acme"]))
        assert logo["Content-Type"] == "image/webp"

    def test_svg_logo_is_refused_with_a_message(self, admin_client):
        from django.core.files.uploadedfile import SimpleUploadedFile

        company = CompanyFactory(name="Acme", slug="acme")
        svg = SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
        data = {
            "name": "Acme", "slug": "acme", "website": "", "about": "", "headquarters": "",
            "size": "", "logo": svg, "memberships-TOTAL_FORMS": 0, "memberships-INITIAL_FORMS": 0,
        }  # fmt: skip
        response = admin_client.post(reverse("admin:board_company_change", args=[company.pk]), data)
        assert response.status_code == 200
        company.refresh_from_db()
        assert not company.logo

    @pytest.mark.parametrize(
        ("website", "message"),
        [
            ("javascript:alert(1)", "Enter a web address starting with http"),
            ("ftp://files.acme.example/", "Enter a web address starting with http"),
        ],
    )
    def test_non_web_website_is_refused(self, admin_client, website, message):
        company = CompanyFactory(name="Acme", slug="acme")
        data = {
            "name": "Acme", "slug": "acme", "website": website, "about": "",
            "headquarters": "", "size": "", "memberships-TOTAL_FORMS": 0,
            "memberships-INITIAL_FORMS": 0,
        }  # fmt: skip
        response = admin_client.post(reverse("admin:board_company_change", args=[company.pk]), data)
        assert message in response.content.decode()
        company.refresh_from_db()
        assert company.website == "https://example.com"


def test_verifying_in_bulk_refreshes_cached_listings(
    admin_client, django_capture_on_commit_callbacks
):
    from board.core.listing_version import jobs_version

    company = CompanyFactory()
    before = jobs_version()
    with django_capture_on_commit_callbacks(execute=True):
        _action(admin_client, reverse("admin:board_company_changelist"), "mark_verified", [company])
    assert jobs_version() != before
