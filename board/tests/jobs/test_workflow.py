"""The job workflows of board/jobs/workflow.py, called directly: who may, which status."""

from datetime import timedelta

import pytest
from django.utils import timezone

from board.jobs import workflow
from board.jobs.forms import JobForm
from board.jobs.models import InvalidTransition, Job, ModerationLogEntry
from board.notifications.models import Notification
from board.tests.factories import (
    CategoryFactory,
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
)

pytestmark = pytest.mark.django_db

DESCRIPTION = ("We build tools for hospitals and care about the nurses who use them. " * 3).strip()
Status = Job.Status


@pytest.fixture
def outsider():
    """A verified employer of another company."""
    return MembershipFactory(user=EmployerFactory()).user


def job_of(company, **kwargs):
    return JobFactory(company=company, description=DESCRIPTION, **kwargs)


def form_for(category, job=None, **changes):
    data = {
        "title": "Backend Developer",
        "category": category.pk,
        "employment_type": "full_time",
        "experience_level": "senior",
        "workplace": "remote",
        "salary_currency": "EUR",
        "salary_period": "year",
        "description": DESCRIPTION,
    }
    if job is not None:  # what the edit page would post back unchanged
        initial = JobForm(instance=job).initial
        data = {k: v for k, v in initial.items() if v is not None}
    form = JobForm({**data, **changes}, instance=job)
    assert form.is_valid(), form.errors
    return form


def refused(function, *args):
    with pytest.raises(workflow.JobRefused) as refusal:
        function(*args)
    return str(refusal.value)


def nothing_logged_or_sent():
    return not ModerationLogEntry.objects.exists() and not Notification.objects.exists()


class TestPost:
    def test_a_member_posts_a_draft_of_their_company(self, company, employer):
        job = workflow.post_job(form_for(CategoryFactory()), company, employer)
        job.refresh_from_db()
        assert (job.status, job.company, job.posted_by) == (Status.DRAFT, company, employer)
        assert job.published_at is None and job.expires_at is None

    def test_an_outsider_posts_nothing(self, company, outsider):
        message = refused(workflow.post_job, form_for(CategoryFactory()), company, outsider)
        assert message == workflow.NOT_A_MEMBER
        assert not Job.objects.exists()

    def test_a_member_without_a_verified_address_posts_nothing(self, company):
        member = MembershipFactory(company=company, user=EmployerFactory(verified=False)).user
        message = refused(workflow.post_job, form_for(CategoryFactory()), company, member)
        assert message == workflow.NOT_A_MEMBER
        assert not Job.objects.exists()


class TestEdit:
    def test_a_draft_is_saved_and_stays_a_draft(self, company, employer):
        job = job_of(company, draft=True)
        form = form_for(job.category, job, title="Renamed")
        assert workflow.edit_job(job, form, employer) is False
        job.refresh_from_db()
        assert (job.title, job.status) == ("Renamed", Status.DRAFT)
        assert nothing_logged_or_sent()

    def test_a_live_job_of_an_unverified_company_returns_to_review_logged(self, company, employer):
        job = job_of(company)
        assert workflow.edit_job(job, form_for(job.category, job, title="Renamed"), employer)
        job.refresh_from_db()
        assert (job.title, job.status) == ("Renamed", Status.PENDING)
        entry = ModerationLogEntry.objects.get()
        assert (entry.job, entry.action, entry.moderator) == (job, "returned", None)

    def test_an_unchanged_save_keeps_the_job_live(self, company, employer):
        job = job_of(company)
        assert workflow.edit_job(job, form_for(job.category, job), employer) is False
        job.refresh_from_db()
        assert job.status == Status.PUBLISHED and nothing_logged_or_sent()

    def test_a_live_job_of_a_verified_company_stays_live(self, company, employer):
        company.verified = True
        company.save()
        job = job_of(company)
        assert not workflow.edit_job(job, form_for(job.category, job, title="Renamed"), employer)
        job.refresh_from_db()
        assert (job.title, job.status) == ("Renamed", Status.PUBLISHED)

    @pytest.mark.parametrize("status", [Status.CLOSED, Status.EXPIRED])
    def test_refused_once_closed_or_expired(self, company, employer, status):
        job = job_of(company, status=status)
        form = form_for(job.category, job, title="Renamed")
        message = refused(workflow.edit_job, job, form, employer)
        label = job.get_status_display().lower()
        assert message == f"{'An' if status == 'expired' else 'A'} {label} job cannot be edited."
        assert Job.objects.get(pk=job.pk).title != "Renamed"

    def test_refused_to_an_outsider(self, company, outsider):
        job = job_of(company, draft=True)
        form = form_for(job.category, job, title="Renamed")
        assert refused(workflow.edit_job, job, form, outsider) == workflow.NOT_A_MEMBER
        assert Job.objects.get(pk=job.pk).title != "Renamed"


class TestSubmit:
    @pytest.mark.parametrize(("verified", "expected"), [(True, "published"), (False, "pending")])
    def test_a_draft_goes_live_or_to_review(self, company, employer, verified, expected):
        company.verified = verified
        company.save()
        job = job_of(company, draft=True)
        workflow.submit_job(job, employer)
        job.refresh_from_db()
        assert job.status == expected
        assert (job.expires_at is not None) == verified

    def test_a_rejected_job_may_be_sent_again(self, company, employer):
        job = job_of(company, status=Status.REJECTED, published_at=None, expires_at=None)
        workflow.submit_job(job, employer)
        assert Job.objects.get(pk=job.pk).status == Status.PENDING

    @pytest.mark.parametrize("status", [Status.PENDING, Status.PUBLISHED, Status.CLOSED])
    def test_refused_unless_draft_or_rejected(self, company, employer, status):
        company.verified = True  # even a verified company cannot skip review of a held job
        company.save()
        job = job_of(company, status=status)
        message = refused(workflow.submit_job, job, employer)
        assert message == f"A {Job.Status(status).label.lower()} job cannot be submitted."
        assert Job.objects.get(pk=job.pk).status == status

    def test_refused_to_an_outsider(self, company, outsider):
        job = job_of(company, draft=True)
        assert refused(workflow.submit_job, job, outsider) == workflow.NOT_A_MEMBER
        assert Job.objects.get(pk=job.pk).status == Status.DRAFT

    def test_a_stale_copy_cannot_submit_twice(self, company, employer):
        job = job_of(company, draft=True)
        stale = Job.objects.get(pk=job.pk)
        workflow.submit_job(job, employer)
        # The row is re-read under lock: the second tab sees "pending", not "draft".
        assert "pending review job cannot be submitted" in refused(
            workflow.submit_job, stale, employer
        )


class TestClose:
    def test_a_live_job_is_closed(self, company, employer):
        job = job_of(company)
        workflow.close_job(job, employer)
        assert Job.objects.get(pk=job.pk).status == Status.CLOSED
        assert nothing_logged_or_sent()  # the employer's own close is no moderation event

    @pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.CLOSED])
    def test_refused_unless_published(self, company, employer, status):
        job = job_of(company, status=status, title="Rust Engineer")
        label = Job.Status(status).label.lower()
        message = refused(workflow.close_job, job, employer)
        assert message == f"Only published jobs can be closed; “Rust Engineer” is {label}."
        assert Job.objects.get(pk=job.pk).status == status

    def test_refused_to_an_outsider(self, company, outsider):
        job = job_of(company)
        assert refused(workflow.close_job, job, outsider) == workflow.NOT_A_MEMBER
        assert Job.objects.get(pk=job.pk).status == Status.PUBLISHED


class TestRenew:
    def test_a_live_job_gets_thirty_more_days_from_its_expiry(self, company, employer):
        job = job_of(company)
        expiry = job.expires_at
        workflow.renew_job(job, employer)
        job.refresh_from_db()
        assert job.status == Status.PUBLISHED
        assert job.expires_at == expiry + timedelta(days=30)

    def test_an_expired_job_is_live_again(self, company, employer):
        job = job_of(company, status=Status.EXPIRED, expires_at=timezone.now() - timedelta(days=1))
        workflow.renew_job(job, employer)
        job.refresh_from_db()
        assert job.is_visible

    @pytest.mark.parametrize("status", [Status.DRAFT, Status.PENDING, Status.CLOSED])
    def test_refused_unless_published_or_expired(self, company, employer, status):
        job = job_of(company, status=status, title="Rust Engineer")
        label = Job.Status(status).label.lower()
        message = refused(workflow.renew_job, job, employer)
        assert message == (
            f"Only published or expired jobs can be renewed; “Rust Engineer” is {label}."
        )
        assert Job.objects.get(pk=job.pk).status == status

    def test_refused_to_an_outsider(self, company, outsider):
        job = job_of(company)
        expiry = job.expires_at
        assert refused(workflow.renew_job, job, outsider) == workflow.NOT_A_MEMBER
        assert Job.objects.get(pk=job.pk).expires_at == expiry

    def test_from_the_reminder_link_no_member_is_needed(self, company):
        job = job_of(company, status=Status.EXPIRED, expires_at=timezone.now() - timedelta(days=1))
        workflow.renew_job_from_link(job)
        assert Job.objects.get(pk=job.pk).is_visible

    def test_from_the_reminder_link_a_closed_job_stays_closed(self, company):
        job = job_of(company, status=Status.CLOSED, title="Rust Engineer")
        message = refused(workflow.renew_job_from_link, job)
        assert message == workflow.NOT_RENEWABLE.format(title="Rust Engineer", status="closed")
        assert Job.objects.get(pk=job.pk).status == Status.CLOSED


class TestDuplicate:
    @pytest.mark.parametrize("status", [Status.PUBLISHED, Status.CLOSED, Status.REJECTED])
    def test_any_job_becomes_a_new_draft_by_the_member(self, company, employer, status):
        job = job_of(company, status=status, title="Rust Engineer", city="Porto")
        copy = workflow.duplicate_job(job, employer)
        copy.refresh_from_db()
        assert copy.pk != job.pk
        assert (copy.status, copy.posted_by, copy.company) == (Status.DRAFT, employer, company)
        assert (copy.title, copy.city, copy.description) == (
            "Rust Engineer (copy)",
            "Porto",
            DESCRIPTION,
        )
        assert copy.published_at is None and copy.expires_at is None

    def test_refused_to_an_outsider(self, company, outsider):
        job = job_of(company)
        assert refused(workflow.duplicate_job, job, outsider) == workflow.NOT_A_MEMBER
        assert Job.objects.count() == 1


class TestDeleteDraft:
    def test_a_draft_is_deleted(self, company, employer):
        job = job_of(company, draft=True)
        workflow.delete_draft(job, employer)
        assert not Job.objects.exists()

    @pytest.mark.parametrize("status", [Status.PENDING, Status.PUBLISHED, Status.REJECTED])
    def test_refused_once_submitted(self, company, employer, status):
        job = job_of(company, status=status)
        assert refused(workflow.delete_draft, job, employer) == workflow.NOT_DELETABLE
        assert Job.objects.filter(pk=job.pk).exists()

    def test_refused_to_an_outsider(self, company, outsider):
        job = job_of(company, draft=True)
        assert refused(workflow.delete_draft, job, outsider) == workflow.NOT_A_MEMBER
        assert Job.objects.filter(pk=job.pk).exists()


class TestExpire:
    def test_an_overdue_job_expires(self, company):
        job = job_of(company, expires_at=timezone.now() - timedelta(minutes=1))
        workflow.expire_job(job)
        assert Job.objects.get(pk=job.pk).status == Status.EXPIRED

    def test_a_job_renewed_since_it_was_read_stays_live(self, company, employer):
        job = job_of(company, expires_at=timezone.now() - timedelta(minutes=1))
        read_by_the_expiry_run = Job.objects.get(pk=job.pk)
        workflow.renew_job(job, employer)
        with pytest.raises(InvalidTransition):
            workflow.expire_job(read_by_the_expiry_run)
        job.refresh_from_db()
        assert job.is_visible


def test_an_employer_of_another_company_is_not_a_member_of_this_one():
    # Two companies, one employer each: membership is per company, not per role.
    first, second = CompanyFactory(), CompanyFactory()
    employer_of_first = MembershipFactory(company=first).user
    job = job_of(second, draft=True)
    assert refused(workflow.submit_job, job, employer_of_first) == workflow.NOT_A_MEMBER
