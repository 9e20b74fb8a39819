"""Posting, editing, previewing and submitting jobs, and the dashboard and its actions."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board.applications.models import Application
from board.companies.models import Membership
from board.jobs.models import Job, ModerationLogEntry
from board.tests.factories import (
    ApplicationFactory,
    CategoryFactory,
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
)
from board.tests.jobs.places import make_places

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def places(db):
    return make_places()


HTMX = {"HTTP_HX_REQUEST": "true"}
DESCRIPTION = (
    "We are a small team building tools for hospitals.\n\n## What you'll do\n\n"
    "- Design and build our Django backend\n- Review code and mentor two juniors\n"
    "- Talk to the nurses who use what we make"
)
XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


@pytest.fixture
def category():
    return CategoryFactory(name="Nexus Test Category", slug="nexus-test-category")


@pytest.fixture
def recruiter(company):
    return MembershipFactory(company=company, role=Membership.Role.RECRUITER).user


def job_data(category, **overrides):
    data = {
        "title": "Backend Developer",
        "category": category.pk,
        "employment_type": "full_time",
        "experience_level": "senior",
        "workplace": "hybrid",
        "locations": "Leeds, UK",
        "salary_min": "50000",
        "salary_max": "65000",
        "salary_currency": "GBP",
        "salary_period": "year",
        "description": DESCRIPTION,
        "apply_url": "",
    }
    return {**data, **overrides}


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


class TestCreate:
    url = reverse("employer_job_create")

    def test_form_has_the_fieldsets_and_pay_hint(self, client, employer):
        client.force_login(employer)
        html = client.get(self.url).content.decode()
        for legend in ("Basics", "Location and workplace", "Pay", "Description", "How to apply"):
            assert f"<legend>{legend}</legend>" in html
        assert "many places require a pay range" in html
        assert 'hx-post="/employer/jobs/preview-description/"' in html
        assert 'hx-trigger="input changed delay:500ms from:#id_description"' in html

    def test_only_active_categories_are_offered(self, client, employer, category):
        retired = CategoryFactory(name="Retired Category", is_active=False)
        client.force_login(employer)
        html = client.get(self.url).content.decode()
        assert category.name in html
        assert retired.name not in html
        response = client.post(self.url, job_data(retired))
        assert response.status_code == 200
        assert not Job.objects.exists()

    def test_saves_a_draft_for_the_users_company(self, client, employer, company, category):
        client.force_login(employer)
        response = client.post(self.url, job_data(category))
        job = Job.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("employer_job_preview", args=[job.pk])
        assert (job.company, job.posted_by, job.status) == (company, employer, Job.Status.DRAFT)
        assert job.published_at is None and job.expires_at is None
        assert (job.salary_min, job.salary_max, job.country.code) == (50000, 65000, "GB")

    def test_recruiters_post_jobs_too(self, client, recruiter, company, category):
        client.force_login(recruiter)
        client.post(self.url, job_data(category))
        assert Job.objects.get().company == company

    def test_mass_assignment_changes_nothing(self, client, employer, company, category):
        other = CompanyFactory(verified=True)
        client.force_login(employer)
        protected = {
            "status": "published",
            "company": other.pk,
            "verified": "on",
            "expires_at": "2099-01-01T00:00:00Z",
            "published_at": "2020-01-01T00:00:00Z",
            "posted_by": other.pk,
            "rejection_reason": "x",
        }
        client.post(self.url, job_data(category, **protected))
        job = Job.objects.get()
        assert (job.company, job.posted_by, job.status) == (company, employer, Job.Status.DRAFT)
        assert job.published_at is None and job.expires_at is None
        assert job.rejection_reason == ""
        company.refresh_from_db()
        assert not company.verified

    def test_mass_assignment_on_edit_changes_nothing(self, client, employer, company, category):
        job = JobFactory(company=company, draft=True, category=category)
        other = CompanyFactory()
        client.force_login(employer)
        data = job_data(category, status="published", company=other.pk, expires_at="2099-01-01")
        client.post(reverse("employer_job_edit", args=[job.pk]), data)
        job.refresh_from_db()
        assert (job.company, job.status, job.expires_at) == (company, Job.Status.DRAFT, None)

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"salary_min": "90000", "salary_max": "50000"}, "salary_max", "must not be below"),
            ({"description": "Too short."}, "description", "at least 150 characters"),
            ({"apply_url": "javascript:alert(1)"}, "apply_url", "starting with http"),
            ({"apply_url": "ftp://example.com/apply"}, "apply_url", "starting with http"),
            ({"workplace": "on_site", "locations": ""}, "locations", "need a location"),
            ({"workplace": "hybrid", "locations": " \n"}, "locations", "need a location"),
            ({"locations": "Atlantis"}, "locations", "could not find “Atlantis”"),
            ({"locations": "\n".join(["Paris"] * 11)}, "locations", "At most 10 locations"),
            ({"locations": "Remote"}, "locations", "not a place: choose Remote"),
            ({"remote_within": "EU"}, "remote_within", "Only remote jobs"),
            ({"workplace": "remote", "remote_within": "Lisbon"}, "remote_within", "not a country"),
            ({"title": ""}, "title", "required"),
        ],
    )
    def test_validation(self, client, employer, category, overrides, field, message):
        client.force_login(employer)
        response = client.post(self.url, job_data(category, **overrides))
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert not Job.objects.exists()

    def test_remote_jobs_need_no_location_and_pay_is_optional(self, client, employer, category):
        client.force_login(employer)
        data = job_data(category, workplace="remote", locations="", salary_min="", salary_max="")
        assert client.post(self.url, data).status_code == 302
        assert Job.objects.get().salary_min is None


class TestDescriptionPreview:
    url = reverse("employer_description_preview")

    def test_renders_sanitised_markdown(self, client, employer):
        client.force_login(employer)
        text = f"## Role\n\n**Bold** [x](javascript:alert(1)) {XSS}"
        response = client.post(self.url, {"description": text}, **HTMX)
        html = response.content.decode()
        assert response.status_code == 200
        assert "<h2>Role</h2>" in html and "<strong>Bold</strong>" in html
        assert "<script" not in html and "onerror" not in html and "javascript:" not in html
        assert "<html" not in html  # a fragment
        assert "no-store" in response["Cache-Control"]

    def test_needs_post_with_csrf(self, employer):
        from django.test import Client

        client = Client(enforce_csrf_checks=True)
        client.force_login(employer)
        assert client.get(self.url).status_code == 405
        assert client.post(self.url, {"description": "x"}).status_code == 403


class TestEdit:
    def test_edits_a_draft(self, client, employer, company, category):
        job = JobFactory(company=company, draft=True)
        client.force_login(employer)
        response = client.post(
            reverse("employer_job_edit", args=[job.pk]), job_data(category, title="Renamed")
        )
        assert response.status_code == 302
        job.refresh_from_db()
        assert (job.title, job.status) == ("Renamed", Job.Status.DRAFT)

    def test_published_job_of_an_unverified_company_returns_to_review(
        self, client, employer, company, category
    ):
        job = JobFactory(company=company, category=category)
        client.force_login(employer)
        url = reverse("employer_job_edit", args=[job.pk])
        assert "takes it down until a moderator" in client.get(url).content.decode()
        response = client.post(url, job_data(category, title="Changed title"), follow=True)
        job.refresh_from_db()
        assert (job.title, job.status) == ("Changed title", Job.Status.PENDING)
        entry = ModerationLogEntry.objects.get(job=job)
        assert entry.action == ModerationLogEntry.Action.RETURNED
        assert "hidden until a moderator approves" in " ".join(_messages(response))

    def test_published_job_of_a_verified_company_stays_live(self, client, employer, category):
        company = employer.memberships.get().company
        company.verified = True
        company.save()
        job = JobFactory(company=company, category=category)
        client.force_login(employer)
        url = reverse("employer_job_edit", args=[job.pk])
        assert "takes it down" not in client.get(url).content.decode()
        client.post(url, job_data(category, title="Changed title"))
        job.refresh_from_db()
        assert (job.title, job.status) == ("Changed title", Job.Status.PUBLISHED)
        assert not ModerationLogEntry.objects.exists()

    @pytest.mark.parametrize("status", ["closed", "expired"])
    def test_closed_and_expired_jobs_cannot_be_edited(self, client, employer, company, status):
        job = JobFactory(company=company, status=status, title="Old Title")
        client.force_login(employer)
        url = reverse("employer_job_edit", args=[job.pk])
        response = client.post(url, job_data(CategoryFactory(), title="New"), follow=True)
        assert "cannot be edited" in " ".join(_messages(response))
        job.refresh_from_db()
        assert (job.title, job.status) == ("Old Title", status)

    def test_a_rejected_job_shows_the_latest_reason_where_it_is_fixed(
        self, client, employer, company, category
    ):
        from board.moderation.decisions import reject_job
        from board.tests.factories import StaffFactory

        job = JobFactory(company=company, category=category, pending=True)
        moderator = StaffFactory()
        reject_job(job, moderator, "No pay range.")
        job.submit()
        reject_job(job, moderator, f"Still no pay range.\nAdd one. {XSS}")
        client.force_login(employer)
        url = reverse("employer_job_edit", args=[job.pk])
        html = client.get(url).content.decode()
        assert "The moderator’s reason: Still no pay range.<br>Add one." in html
        assert "No pay range." not in html  # only the latest
        assert XSS not in html
        # Still there when the form comes back with an error.
        invalid = client.post(url, job_data(category, title="")).content.decode()
        assert "Still no pay range." in invalid

    def test_keeps_a_retired_category(self, client, employer, company):
        retired = CategoryFactory(is_active=False)
        job = JobFactory(company=company, draft=True, category=retired)
        client.force_login(employer)
        response = client.post(reverse("employer_job_edit", args=[job.pk]), job_data(retired))
        assert response.status_code == 302


class TestPreviewAndSubmit:
    def test_preview_is_the_job_page_without_public_extras(self, client, employer, company):
        job = JobFactory(company=company, draft=True, title="Platform Engineer")
        client.force_login(employer)
        response = client.get(reverse("employer_job_preview", args=[job.pk]))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Preview — not yet published" in html
        assert "Platform Engineer" in html and job.company.name in html
        assert '<meta name="robots" content="noindex">' in html
        assert "application/ld+json" not in html
        assert 'rel="canonical"' not in html
        assert 'name="resume"' not in html and "Send application" not in html
        assert "Job seekers will apply here" in html
        assert "Report this job" not in html
        assert "only your company and the moderators" not in html
        assert f'action="{reverse("employer_job_submit", args=[job.pk])}"' in html
        assert f'href="{reverse("employer_job_edit", args=[job.pk])}"' in html
        assert "no-store" in response["Cache-Control"]

    def test_preview_of_a_published_job_has_no_json_ld_either(self, client, employer, company):
        job = JobFactory(company=company)
        client.force_login(employer)
        html = client.get(reverse("employer_job_preview", args=[job.pk])).content.decode()
        assert "application/ld+json" not in html
        assert "Submit for review" not in html

    def test_warns_without_blocking_when_pay_is_missing(self, client, employer, company):
        job = JobFactory(company=company, draft=True, salary_min=None, salary_max=None)
        client.force_login(employer)
        html = client.get(reverse("employer_job_preview", args=[job.pk])).content.decode()
        assert "No pay range" in html
        assert "Submit for review" in html

    def test_unverified_company_goes_to_review(self, client, employer, company):
        job = JobFactory(company=company, draft=True)
        client.force_login(employer)
        response = client.post(reverse("employer_job_submit", args=[job.pk]), follow=True)
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING
        assert job.published_at is None
        assert "sent for review" in " ".join(_messages(response))

    def test_verified_company_publishes_at_once_for_30_days(self, client, employer):
        company = employer.memberships.get().company
        company.verified = True
        company.save()
        job = JobFactory(company=company, draft=True)
        client.force_login(employer)
        response = client.post(reverse("employer_job_submit", args=[job.pk]), follow=True)
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED
        assert job.expires_at - job.published_at == timedelta(days=30)
        assert "is live until" in " ".join(_messages(response))

    def test_rejected_jobs_can_be_resubmitted(self, client, employer, company):
        job = JobFactory(company=company, status="rejected", rejection_reason="Add pay.")
        client.force_login(employer)
        client.post(reverse("employer_job_submit", args=[job.pk]))
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING

    @pytest.mark.parametrize("verified", [False, True])
    def test_a_job_held_for_review_cannot_skip_it(self, client, employer, verified):
        company = employer.memberships.get().company
        company.verified = verified
        company.save()
        job = JobFactory(company=company, pending=True)
        client.force_login(employer)
        response = client.post(reverse("employer_job_submit", args=[job.pk]), follow=True)
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING
        assert "cannot be submitted" in " ".join(_messages(response))

    def test_submit_needs_post(self, client, employer, company):
        job = JobFactory(company=company, draft=True)
        client.force_login(employer)
        assert client.get(reverse("employer_job_submit", args=[job.pk])).status_code == 405
        job.refresh_from_db()
        assert job.status == Job.Status.DRAFT


class TestActions:
    """Each dashboard action, allowed and refused: a refusal is a message, nothing changes."""

    def _post(self, client, view, job):
        return client.post(reverse(view, args=[job.pk]), follow=True)

    def test_close_a_published_job(self, client, employer, company):
        job = JobFactory(company=company)
        client.force_login(employer)
        response = self._post(client, "employer_job_close", job)
        job.refresh_from_db()
        assert job.status == Job.Status.CLOSED
        assert "is closed" in " ".join(_messages(response))

    def test_closing_a_draft_is_refused(self, client, employer, company):
        job = JobFactory(company=company, draft=True)
        client.force_login(employer)
        response = self._post(client, "employer_job_close", job)
        assert response.status_code == 200
        job.refresh_from_db()
        assert job.status == Job.Status.DRAFT
        assert "Only published jobs can be closed" in " ".join(_messages(response))

    @pytest.mark.parametrize("status", ["published", "expired"])
    def test_renew(self, client, employer, company, status):
        expires = timezone.now() + timedelta(days=3)
        job = JobFactory(company=company, status=status, expires_at=expires)
        client.force_login(employer)
        response = self._post(client, "employer_job_renew", job)
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED
        assert job.expires_at == expires + timedelta(days=30)
        assert "was renewed until" in " ".join(_messages(response))

    @pytest.mark.parametrize("status", ["closed", "draft", "pending", "rejected"])
    def test_renewing_other_statuses_is_refused(self, client, employer, company, status):
        job = JobFactory(company=company, status=status, expires_at=None, published_at=None)
        if status == "closed":
            job = JobFactory(company=company, status=status)
        before = job.expires_at
        client.force_login(employer)
        response = self._post(client, "employer_job_renew", job)
        job.refresh_from_db()
        assert (job.status, job.expires_at) == (status, before)
        assert "can be renewed" in " ".join(_messages(response))

    def test_duplicate_makes_a_draft_and_opens_it(self, client, employer, company):
        job = JobFactory(company=company, title="Original")
        client.force_login(employer)
        response = client.post(reverse("employer_job_duplicate", args=[job.pk]))
        copy = Job.objects.exclude(pk=job.pk).get()
        assert response["Location"] == reverse("employer_job_edit", args=[copy.pk])
        assert (copy.title, copy.status, copy.company) == ("Original (copy)", "draft", company)
        assert copy.posted_by == employer

    def test_delete_a_draft(self, client, employer, company):
        job = JobFactory(company=company, draft=True)
        client.force_login(employer)
        self._post(client, "employer_job_delete", job)
        assert not Job.objects.filter(pk=job.pk).exists()

    @pytest.mark.parametrize("status", ["published", "pending", "rejected", "closed", "expired"])
    def test_deleting_anything_but_a_draft_is_refused(self, client, employer, company, status):
        job = JobFactory(company=company, status=status)
        client.force_login(employer)
        response = self._post(client, "employer_job_delete", job)
        assert Job.objects.filter(pk=job.pk, status=status).exists()
        assert "Only drafts can be deleted" in " ".join(_messages(response))

    @pytest.mark.parametrize(
        "view",
        [
            "employer_job_close",
            "employer_job_renew",
            "employer_job_duplicate",
            "employer_job_delete",
            "employer_job_submit",
        ],
    )
    def test_recruiters_may_act_too(self, client, recruiter, company, view):
        job = JobFactory(company=company, draft=True)
        client.force_login(recruiter)
        assert client.post(reverse(view, args=[job.pk])).status_code == 302


class TestCloseConfirm:
    """Closing is final: the dashboard's Close leads to a confirm page, which POSTs."""

    def confirm_url(self, job):
        return reverse("employer_job_close_confirm", args=[job.pk])

    @pytest.mark.parametrize("method", ["get", "head"])
    def test_member_gets_the_question_and_nothing_changes(self, client, recruiter, company, method):
        job = JobFactory(company=company, title="Data Engineer")
        ApplicationFactory(job=job, status="reviewing")
        client.force_login(recruiter)
        response = getattr(client, method)(self.confirm_url(job))
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        if method == "get":
            html = response.content.decode()
            assert "Are you sure" in html
            assert "You can reopen it later" in html
            action = reverse("employer_job_close", args=[job.pk])
            assert f'<form method="post" action="{action}"' in html
            assert 'name="csrfmiddlewaretoken"' in html
            assert "(0 new, 1 in progress)" in html
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED

    def test_confirming_closes(self, client, employer, company):
        job = JobFactory(company=company)
        client.force_login(employer)
        client.get(self.confirm_url(job))
        response = client.post(reverse("employer_job_close", args=[job.pk]), follow=True)
        assert "is closed" in " ".join(_messages(response))
        job.refresh_from_db()
        assert job.status == Job.Status.CLOSED

    @pytest.mark.parametrize("status", ["draft", "pending", "closed", "expired"])
    def test_jobs_that_cannot_close_get_no_form(self, client, employer, company, status):
        job = JobFactory(company=company, status=status)
        client.force_login(employer)
        html = client.get(self.confirm_url(job)).content.decode()
        assert "cannot be closed" in html
        assert reverse("employer_job_close", args=[job.pk]) not in html

    def test_another_companys_job_is_404_like_a_missing_one(self, client, employer):
        foreign = JobFactory()
        client.force_login(employer)
        assert client.get(self.confirm_url(foreign)).status_code == 404
        foreign.refresh_from_db()
        assert foreign.status == Job.Status.PUBLISHED

    def test_anonymous_goes_to_login(self, client):
        response = client.get(self.confirm_url(JobFactory()))
        assert response["Location"].startswith(reverse("account_login") + "?next=")

    def test_post_is_refused(self, client, employer, company):
        job = JobFactory(company=company)
        client.force_login(employer)
        assert client.post(self.confirm_url(job)).status_code == 405
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED

    def test_no_employer_page_closes_without_asking(self, client, employer, company):
        job = JobFactory(company=company)
        client.force_login(employer)
        close = reverse("employer_job_close", args=[job.pk])
        for url in (
            reverse("employer_dashboard"),
            reverse("employer_job_preview", args=[job.pk]),
            reverse("employer_applicants", args=[job.pk]),
        ):
            assert f'action="{close}"' not in client.get(url).content.decode(), url
        dashboard = client.get(reverse("employer_dashboard")).content.decode()
        assert f'<form method="get" action="{self.confirm_url(job)}">' in dashboard


class TestDashboard:
    url = reverse("employer_dashboard")

    def test_without_a_company_offers_to_create_one(self, client):
        client.force_login(EmployerFactory())
        html = client.get(self.url).content.decode()
        assert "Create your company" in html
        assert reverse("employer_company_create") in html

    def test_lists_all_the_companys_jobs_with_their_state(self, client, employer, company):
        JobFactory(company=company, draft=True, title="A Draft")
        JobFactory(company=company, status="rejected", title="Bad", rejection_reason="No pay.")
        live = JobFactory(company=company, title="Live One")
        JobFactory(company=company, status="closed", title="Filled")
        JobFactory(title="Somebody Else's")
        client.force_login(employer)
        html = client.get(self.url).content.decode()
        for text in ("A Draft", "Bad", "Live One", "Filled"):
            assert text in html
        for badge in ("Draft", "Rejected", "Published", "Closed"):
            assert f">{badge}</span>" in html
        assert "Somebody Else" not in html
        assert "The moderator’s reason: No pay." in html
        assert f"{live.expires_at:%-d %b %Y}" in html
        assert reverse("employer_applicants", args=[live.pk]) in html

    def test_counts_applications_by_status(self, client, employer, company):
        job = JobFactory(company=company)
        statuses = ["submitted", "submitted", "reviewing", "interviewing", "hired", "rejected"]
        for status in [*statuses, "withdrawn"]:
            ApplicationFactory(job=job, status=status)
        client.force_login(employer)
        response = client.get(self.url)
        [row] = response.context["page"].object_list
        assert row.applications_total == 6  # withdrawn ones are not counted
        assert row.applications_new == 2
        assert row.applications_in_progress == 2
        assert row.applications_hired == 1
        assert row.applications_rejected == 1
        html = response.content.decode()
        # The parts add up to the total, and the page says what the total leaves out.
        assert "<strong>6</strong>" in html
        assert "(2 new · 2 in progress · 1 hired · 1 not selected)" in html
        assert "1 withdrawn by the applicant, not counted" in html

    def test_query_count_does_not_grow_with_jobs(self, client, employer, company):
        def count_queries():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(self.url).status_code == 200
            return len(queries)

        client.force_login(employer)
        job = JobFactory(company=company)
        ApplicationFactory(job=job)
        few = count_queries()
        for _ in range(8):
            ApplicationFactory(job=JobFactory(company=company), status=Application.Status.HIRED)
        assert count_queries() == few

    def test_xss_is_inert_on_dashboard_and_preview(self, client, employer, company):
        company.name = XSS
        company.save()
        job = JobFactory(
            company=company,
            status="rejected",
            title=XSS,
            description=f"Hello {XSS} [x](javascript:alert(3))",
            rejection_reason=XSS,
        )
        client.force_login(employer)
        for url in (self.url, reverse("employer_job_preview", args=[job.pk])):
            html = client.get(url).content.decode()
            assert "<script>alert(1)" not in html
            assert "<img src=x" not in html
            assert "javascript:alert" not in html
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
