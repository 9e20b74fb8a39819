from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from board.applications.models import Application, SavedJob
from board.applications.queries import with_application_counts
from board.jobs.models import InvalidTransition, Job
from board.tests.factories import (
    ApplicationFactory,
    JobFactory,
    SavedJobFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db


class TestConstraints:
    def test_salary_min_above_max_is_refused_by_the_database(self):
        job = JobFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            Job.objects.filter(pk=job.pk).update(salary_min=90000, salary_max=50000)

    def test_salary_min_equal_to_max_or_open_ended_is_allowed(self):
        JobFactory(salary_min=50000, salary_max=50000)
        JobFactory(salary_min=50000, salary_max=None)
        JobFactory(salary_min=None, salary_max=None)
        assert Job.objects.count() == 3

    def test_published_job_needs_dates(self):
        with pytest.raises(IntegrityError), transaction.atomic():
            JobFactory(status=Job.Status.PUBLISHED, published_at=None, expires_at=None)

    def test_one_application_per_applicant_per_job(self):
        application = ApplicationFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            ApplicationFactory(job=application.job, applicant=application.applicant)
        assert Application.objects.count() == 1

    def test_same_applicant_may_apply_to_two_jobs(self):
        seeker = SeekerFactory()
        ApplicationFactory(applicant=seeker)
        ApplicationFactory(applicant=seeker)
        assert Application.objects.filter(applicant=seeker).count() == 2

    def test_saved_job_unique_per_pair(self):
        saved = SavedJobFactory()
        with pytest.raises(IntegrityError), transaction.atomic():
            SavedJob.objects.create(user=saved.user, job=saved.job)

    def test_email_is_unique_whatever_its_case(self):
        SeekerFactory(email="ada@example.com")
        with pytest.raises(IntegrityError), transaction.atomic():
            SeekerFactory(email="ADA@example.com")


class TestAnnualSalary:
    @pytest.mark.parametrize(
        ("period", "salary_max", "expected"),
        [("year", 80000, 80000), ("month", 5000, 60000), ("hour", 40, 83200), ("day", 300, 78000)],
    )
    def test_top_of_range_is_annualised_by_the_database(self, period, salary_max, expected):
        job = JobFactory(salary_min=None, salary_max=salary_max, salary_period=period)
        job.refresh_from_db()
        assert job.salary_annual == expected

    def test_minimum_only_uses_the_minimum(self):
        job = JobFactory(salary_min=30, salary_max=None, salary_period="hour")
        job.refresh_from_db()
        assert job.salary_annual == 30 * 2080

    def test_no_salary_means_no_annual_figure(self):
        job = JobFactory(salary_min=None, salary_max=None)
        job.refresh_from_db()
        assert job.salary_annual is None


class TestVisible:
    def test_only_published_unexpired_jobs_are_visible(self):
        now = timezone.now()
        live = JobFactory()
        JobFactory(draft=True)
        JobFactory(pending=True)
        JobFactory(status=Job.Status.REJECTED)
        JobFactory(status=Job.Status.CLOSED)
        JobFactory(status=Job.Status.EXPIRED)
        JobFactory(published_at=now - timedelta(days=40), expires_at=now - timedelta(days=10))
        assert list(Job.objects.visible()) == [live]

    def test_overdue_lists_published_jobs_past_expiry(self):
        now = timezone.now()
        overdue = JobFactory(
            published_at=now - timedelta(days=31), expires_at=now - timedelta(hours=1)
        )
        JobFactory()
        assert list(Job.objects.overdue()) == [overdue]


ALL = set(Job.Status.values)
TRANSITIONS = {
    # method: (statuses it accepts, resulting status)
    "submit_for_review": ({"draft", "rejected"}, "pending"),
    "approve": ({"pending"}, "published"),
    "publish": ({"draft", "pending", "rejected"}, "published"),
    "reject": ({"pending"}, "rejected"),
    "close": ({"published"}, "closed"),
    "expire": ({"published"}, "expired"),
    "renew": ({"published", "expired"}, "published"),
}


def _job_in(status):
    now = timezone.now()
    dates = {}
    if status in ("published", "closed", "expired"):
        # Past its expiry, so that expire() is allowed when the status is right.
        dates = {"published_at": now - timedelta(days=31), "expires_at": now - timedelta(days=1)}
    else:
        dates = {"published_at": None, "expires_at": None}
    return JobFactory(status=status, **dates)


def _call(job, method):
    if method == "reject":
        return job.reject("Please add a salary range.")
    return getattr(job, method)()


class TestTransitions:
    @pytest.mark.parametrize(
        ("method", "start"),
        [(m, s) for m, (allowed, _) in TRANSITIONS.items() for s in sorted(allowed)],
    )
    def test_allowed(self, method, start):
        job = _job_in(start)
        _call(job, method)
        job.refresh_from_db()
        assert job.status == TRANSITIONS[method][1]

    @pytest.mark.parametrize(
        ("method", "start"),
        [(m, s) for m, (allowed, _) in TRANSITIONS.items() for s in sorted(ALL - allowed)],
    )
    def test_refused(self, method, start):
        job = _job_in(start)
        with pytest.raises(InvalidTransition):
            _call(job, method)
        job.refresh_from_db()
        assert job.status == start

    def test_approve_publishes_for_thirty_days(self):
        job = JobFactory(pending=True)
        now = timezone.now()
        job.approve(now=now)
        job.refresh_from_db()
        assert job.published_at == now
        assert job.expires_at == now + timedelta(days=30)
        assert Job.objects.visible().filter(pk=job.pk).exists()

    def test_reject_needs_a_reason_and_keeps_it(self):
        job = JobFactory(pending=True)
        with pytest.raises(InvalidTransition):
            job.reject("   ")
        job.reject("  Salary range missing. ")
        job.refresh_from_db()
        assert (job.status, job.rejection_reason) == ("rejected", "Salary range missing.")

    def test_resubmitting_and_publishing_clears_the_rejection_reason(self):
        job = JobFactory(status=Job.Status.REJECTED, rejection_reason="No salary")
        job.submit_for_review()
        job.approve()
        job.refresh_from_db()
        assert job.rejection_reason == ""

    def test_expire_refuses_a_job_not_yet_due(self):
        job = JobFactory()
        with pytest.raises(InvalidTransition):
            job.expire()
        assert Job.objects.get(pk=job.pk).status == "published"

    def test_renew_extends_a_live_job_from_its_expiry(self):
        job = JobFactory()
        old_expiry = job.expires_at
        job.renew()
        assert job.expires_at == old_expiry + timedelta(days=30)

    def test_renew_revives_an_expired_job_from_today(self):
        job = _job_in("expired")
        now = timezone.now()
        job.renew(now=now)
        job.refresh_from_db()
        assert job.status == "published"
        assert job.expires_at == now + timedelta(days=30)
        assert Job.objects.visible().filter(pk=job.pk).exists()


class TestJob:
    def test_slug_from_title(self):
        job = JobFactory(title="Senior Backend Engineer (Python/Django)")
        assert job.slug == "senior-backend-engineer-pythondjango"
        assert job.get_absolute_url() == f"/jobs/{job.pk}-{job.slug}/"

    def test_description_markdown_is_sanitised(self):
        job = JobFactory(
            description=(
                "# Hi\n\n<script>alert(1)</script>\n\n[click](javascript:alert(2)) "
                '<img src=x onerror="alert(3)"> **bold**'
            )
        )
        html = str(job.description_html)
        assert "<script" not in html
        assert "javascript:" not in html
        assert "onerror" not in html
        assert "<img" not in html
        assert "<strong>bold</strong>" in html

    def test_markdown_links_get_safe_rel(self):
        job = JobFactory(description="[our site](https://example.com)")
        assert 'rel="nofollow noopener noreferrer ugc"' in str(job.description_html)


class TestSubmit:
    @pytest.mark.parametrize(("verified", "expected"), [(True, "published"), (False, "pending")])
    @pytest.mark.parametrize("start", ["draft", "rejected"])
    def test_verified_companies_publish_at_once(self, verified, expected, start):
        job = _job_in(start)
        job.company.verified = verified
        job.company.save()
        job.submit()
        job.refresh_from_db()
        assert job.status == expected

    @pytest.mark.parametrize("start", ["pending", "published", "closed", "expired"])
    def test_refused_outside_drafts_even_for_verified_companies(self, start):
        job = _job_in(start)
        job.company.verified = True
        job.company.save()
        with pytest.raises(InvalidTransition):
            job.submit()
        job.refresh_from_db()
        assert job.status == start


class TestEmployerRules:
    @pytest.mark.parametrize(
        ("start", "editable", "submittable"),
        [
            ("draft", True, True),
            ("pending", True, False),
            ("published", True, False),
            ("rejected", True, True),
            ("closed", False, False),
            ("expired", False, False),
        ],
    )
    def test_what_the_employer_may_edit_and_submit(self, start, editable, submittable):
        job = _job_in(start)
        assert job.is_editable is editable
        assert job.is_submittable is submittable

    @pytest.mark.parametrize(
        ("start", "verified", "expected"),
        [
            ("published", False, True),
            ("published", True, False),
            ("draft", False, False),
            ("pending", False, False),
            ("rejected", False, False),
        ],
    )
    def test_only_live_jobs_of_unverified_companies_return_to_review(
        self, start, verified, expected
    ):
        job = _job_in(start)
        job.company.verified = verified
        assert job.edits_need_review is expected


class TestApplicationCounts:
    def test_counted_by_status_in_the_same_query(self, django_assert_num_queries):
        job, other_job = JobFactory(), JobFactory()
        statuses = ["submitted", "submitted", "reviewing", "offered", "hired", "withdrawn"]
        for status in [*statuses, "rejected"]:
            ApplicationFactory(job=job, status=status)
        with django_assert_num_queries(1):
            counted = {j.pk: j for j in with_application_counts(Job.objects.all())}
        row = counted[job.pk]
        assert row.applications_total == 6  # all but the withdrawn one
        assert row.applications_new == 2
        assert row.applications_in_progress == 2
        assert row.applications_hired == 1
        assert row.applications_rejected == 1
        assert row.applications_withdrawn == 1
        parts = ("new", "in_progress", "hired", "rejected")
        assert sum(getattr(row, f"applications_{part}") for part in parts) == 6
        assert counted[other_job.pk].applications_total == 0


class TestNextStep:
    """What a "Move to" control pre-selects: one step forward, never back."""

    @pytest.mark.parametrize(
        "status, expected",
        [
            ("submitted", "reviewing"),
            ("reviewing", "interviewing"),
            ("interviewing", "offered"),
            ("offered", "hired"),
            ("hired", None),
            ("rejected", None),
            ("withdrawn", None),
        ],
    )
    def test_next_step(self, status, expected):
        application = Application(status=status)
        assert application.next_step() == expected
        assert expected is None or expected in application.allowed_moves()
