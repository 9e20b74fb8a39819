"""Closing a company: its jobs end, its team goes, its page says so; then its last
owner may delete their account. Owners only."""

import pytest
from django.urls import reverse

from board.applications.models import Application
from board.companies import closing
from board.companies.models import Company, Invitation, Membership
from board.companies.team import NotOwner, TeamRefusal
from board.jobs.models import Job
from board.privacy.erasure import erase_account, erasure_refusal
from board.tests.factories import (
    ApplicationFactory,
    CompanyFactory,
    InvitationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

S = Job.Status
URL = "/employer/close/"


@pytest.fixture
def world(company, employer):
    company.name = "Quillstone Labs"
    company.save()
    jobs = {
        status: JobFactory(company=company, status=status)
        for status in (S.PUBLISHED, S.DRAFT, S.PENDING, S.REJECTED, S.CLOSED, S.EXPIRED)
    }
    recruiter = MembershipFactory(company=company, role=Membership.Role.RECRUITER).user
    InvitationFactory(company=company, email="pending@example.com")
    application = ApplicationFactory(job=jobs[S.PUBLISHED], applicant=SeekerFactory())
    return {"jobs": jobs, "recruiter": recruiter, "application": application}


def test_closing_ends_every_job_and_removes_the_team(company, employer, world):
    assert erasure_refusal(employer) is not None  # the last owner, before
    ended = closing.close_company(company, by=employer, confirm_name="Quillstone Labs")
    assert ended == 4  # published, draft, in review, rejected
    statuses = {before: Job.objects.get(pk=job.pk).status for before, job in world["jobs"].items()}
    assert statuses == {
        S.PUBLISHED: S.CLOSED,
        S.DRAFT: S.CLOSED,
        S.PENDING: S.CLOSED,
        S.REJECTED: S.CLOSED,
        S.CLOSED: S.CLOSED,
        S.EXPIRED: S.EXPIRED,
    }
    assert not Membership.objects.filter(company=company).exists()
    assert not Invitation.objects.filter(company=company).exists()
    assert Company.objects.get(pk=company.pk).closed_at is not None
    # The applicant's record stays; the former owner may now leave.
    assert Application.objects.filter(pk=world["application"].pk).exists()
    assert erasure_refusal(employer) is None
    erase_account(employer)


def test_the_name_must_be_typed_exactly_and_nothing_changes_otherwise(company, employer, world):
    for typed in ("", "quillstone labs", "Quillstone"):
        with pytest.raises(TeamRefusal, match="exactly"):
            closing.close_company(company, by=employer, confirm_name=typed)
    assert Job.objects.get(pk=world["jobs"][S.PUBLISHED].pk).status == S.PUBLISHED
    assert Membership.objects.filter(company=company).count() == 2
    assert Company.objects.get(pk=company.pk).closed_at is None


def test_a_recruiter_or_another_companys_owner_cannot_close_it(company, world):
    stranger = MembershipFactory(company=CompanyFactory()).user
    for user in (world["recruiter"], stranger):
        with pytest.raises(NotOwner):
            closing.close_company(company, by=user, confirm_name="Quillstone Labs")
    assert Company.objects.get(pk=company.pk).closed_at is None


def test_a_closed_company_cannot_be_closed_twice(company, employer, world):
    closing.close_company(company, by=employer, confirm_name="Quillstone Labs")
    MembershipFactory(company=company, user=employer)  # staff gave it a team again
    with pytest.raises(TeamRefusal, match="already closed"):
        closing.close_company(company, by=employer, confirm_name="Quillstone Labs")


class TestThePage:
    def test_the_owner_sees_what_closing_does_then_closes(self, client, company, employer, world):
        client.force_login(employer)
        page = client.get(URL)
        assert page.status_code == 200
        assert "Its <strong>1</strong> live job closes" in page.text
        assert "3 drafts, jobs in review or rejected jobs" in page.text
        response = client.post(URL, {"name": "Quillstone Labs"})
        assert response.status_code == 302 and response.url == reverse("account_email")
        assert Company.objects.get(pk=company.pk).closed_at is not None

    def test_a_wrong_name_is_said_on_the_page(self, client, company, employer, world):
        client.force_login(employer)
        response = client.post(URL, {"name": "Quillstone"})
        assert response.status_code == 200
        assert "Type the company&#x27;s name exactly" in response.text
        assert Company.objects.get(pk=company.pk).closed_at is None

    def test_nobody_else_may(self, client, company, world):
        outsider = MembershipFactory(company=CompanyFactory()).user  # owns another company
        client.force_login(world["recruiter"])
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"name": "Quillstone Labs"}).status_code == 403
        client.force_login(SeekerFactory())
        assert client.post(URL, {"name": "Quillstone Labs"}).status_code == 403
        client.force_login(outsider)  # closes nothing of ours, whatever it types
        client.post(URL, {"name": "Quillstone Labs"})
        client.logout()
        response = client.post(URL, {"name": "Quillstone Labs"})
        assert response.status_code == 302 and "/accounts/login/" in response.url
        assert Company.objects.get(pk=company.pk).closed_at is None

    def test_the_team_page_and_the_delete_page_lead_here(self, client, employer):
        client.force_login(employer)
        assert f'href="{URL}"' in client.get(reverse("employer_team")).text
        assert f'href="{URL}"' in client.get(reverse("delete_account")).text

    def test_the_company_page_says_it_closed(self, client, company, employer, world):
        closing.close_company(company, by=employer, confirm_name="Quillstone Labs")
        page = client.get(reverse("company_detail", args=[company.slug]))
        assert page.status_code == 200
        assert "Quillstone Labs closed its account on Nexus Jobs" in page.text
