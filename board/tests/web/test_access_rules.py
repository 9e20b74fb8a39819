"""Who may see what, on the models: the same rules serve the pages, the API and GraphQL.

Job.is_viewable_by, Company.is_public_to, Membership.objects.of_user and
Application.objects.for_company; the views' 404s are tested per view module.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from board.applications.models import Application
from board.companies.models import Membership
from board.jobs.models import Job
from board.tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

UNPUBLISHED = [Job.Status.DRAFT, Job.Status.PENDING, Job.Status.REJECTED]
MEMBERS_AND_STAFF_ONLY = [
    ("member", True),
    ("staff", True),
    ("other employer", False),
    ("seeker", False),
    ("anonymous", False),
]


def _job(status):
    if status in (Job.Status.CLOSED, Job.Status.EXPIRED):
        return JobFactory(status=status)  # once published, it has dates
    if status == Job.Status.PUBLISHED:
        return JobFactory()
    return JobFactory(status=status, published_at=None, expires_at=None)


def _viewers(company):
    return {
        "member": MembershipFactory(company=company).user,
        "staff": StaffFactory(),
        "other employer": MembershipFactory(user=EmployerFactory()).user,
        "seeker": SeekerFactory(),
        "anonymous": AnonymousUser(),
    }


class TestJobIsViewableBy:
    @pytest.mark.parametrize("status", Job.PUBLIC_STATUSES)
    @pytest.mark.parametrize("viewer", ["member", "staff", "other employer", "seeker", "anonymous"])
    def test_published_jobs_keep_their_page_for_everyone(self, status, viewer):
        job = _job(status)
        assert job.is_viewable_by(_viewers(job.company)[viewer])

    @pytest.mark.parametrize("status", UNPUBLISHED)
    @pytest.mark.parametrize(("viewer", "expected"), MEMBERS_AND_STAFF_ONLY)
    def test_unpublished_jobs_are_for_members_and_staff(self, status, viewer, expected):
        job = _job(status)
        assert job.is_viewable_by(_viewers(job.company)[viewer]) is expected

    def test_a_public_job_asks_the_database_nothing(self, django_assert_num_queries):
        job = JobFactory()
        seeker = SeekerFactory()
        with django_assert_num_queries(0):
            assert job.is_viewable_by(seeker)

    def test_membership_is_one_query_and_only_for_signed_in_non_staff(
        self, django_assert_num_queries
    ):
        job = Job.objects.with_card_data().get(pk=_job(Job.Status.DRAFT).pk)
        viewers = _viewers(job.company)
        with django_assert_num_queries(0):
            assert not job.is_viewable_by(viewers["anonymous"])
            assert job.is_viewable_by(viewers["staff"])
        with django_assert_num_queries(1):
            assert job.is_viewable_by(viewers["member"])


class TestCompanyIsPublicTo:
    @pytest.mark.parametrize("status", Job.PUBLIC_STATUSES)
    def test_public_once_it_has_had_a_live_job(self, status):
        company = _job(status).company
        assert company.is_public_to(AnonymousUser())
        assert company.is_public_to(SeekerFactory())

    @pytest.mark.parametrize("status", [None, *UNPUBLISHED])
    @pytest.mark.parametrize(("viewer", "expected"), MEMBERS_AND_STAFF_ONLY)
    def test_before_that_only_members_and_staff(self, status, viewer, expected):
        company = _job(status).company if status else CompanyFactory()
        assert company.is_public_to(_viewers(company)[viewer]) is expected


class TestMembershipOfUser:
    def test_the_users_membership_with_its_company_in_one_query(self, django_assert_num_queries):
        membership = MembershipFactory()
        with django_assert_num_queries(1):
            found = Membership.objects.of_user(membership.user)
            assert found == membership
            assert found.company == membership.company

    def test_none_without_a_company(self):
        assert Membership.objects.of_user(EmployerFactory()) is None


class TestApplicationsForCompany:
    def test_only_the_companys_applications(self):
        ours, theirs = ApplicationFactory(), ApplicationFactory()
        found = Application.objects.for_company(ours.job.company)
        assert list(found) == [ours]
        assert theirs not in found

    def test_pipeline_data_counts_notes_in_the_same_query(self, django_assert_num_queries):
        application = ApplicationFactory()
        ApplicationNoteFactory.create_batch(2, application=application)
        with django_assert_num_queries(1):
            found = (
                Application.objects.for_company(application.job.company).with_pipeline_data().get()
            )
            assert found.notes_count == 2
            assert found.job.company == application.job.company
            assert found.applicant == application.applicant
