"""Staff edit a company's team in the admin, but cannot leave it without an owner
(board/companies/team.py keeps_an_owner, the rule remove_member applies on the site)."""

import pytest
from django.urls import reverse

from board.companies.models import Membership
from board.companies.team import LAST_OWNER
from board.tests.factories import CompanyFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db
OWNER, RECRUITER = Membership.Role.OWNER, Membership.Role.RECRUITER


@pytest.fixture
def admin_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.fixture
def team():
    company = CompanyFactory(name="Acme", slug="acme")
    owner = MembershipFactory(company=company, role=OWNER)
    recruiter = MembershipFactory(company=company, role=RECRUITER)
    return company, owner, recruiter


def _post_team(client, company, rows):
    """The company's change form, with each membership row as (membership, role, delete)."""
    data = {
        "name": company.name,
        "slug": company.slug,
        "website": company.website,
        "about": "",
        "headquarters": "",
        "size": company.size or "",
        "memberships-TOTAL_FORMS": len(rows),
        "memberships-INITIAL_FORMS": len(rows),
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for n, (membership, role, delete) in enumerate(rows):
        data |= {
            f"memberships-{n}-id": membership.pk,
            f"memberships-{n}-company": company.pk,
            f"memberships-{n}-user": membership.user_id,
            f"memberships-{n}-role": role,
        }
        if delete:
            data[f"memberships-{n}-DELETE"] = "on"
    url = reverse("admin:board_company_change", args=[company.pk])
    return client.post(url, data)


def test_removing_the_last_owner_from_the_team_is_refused(admin_client, team):
    company, owner, recruiter = team
    response = _post_team(
        admin_client, company, [(owner, OWNER, True), (recruiter, RECRUITER, False)]
    )
    assert response.status_code == 200  # the form again, with the error
    assert LAST_OWNER in response.text
    assert Membership.objects.filter(pk=owner.pk, role=OWNER).exists()


def test_demoting_the_last_owner_is_refused(admin_client, team):
    company, owner, recruiter = team
    response = _post_team(
        admin_client, company, [(owner, RECRUITER, False), (recruiter, RECRUITER, False)]
    )
    assert LAST_OWNER in response.text
    owner.refresh_from_db()
    assert owner.role == OWNER


def test_handing_ownership_over_is_allowed(admin_client, team):
    company, owner, recruiter = team
    response = _post_team(admin_client, company, [(owner, OWNER, True), (recruiter, OWNER, False)])
    assert response.status_code == 302
    assert list(company.memberships.values_list("pk", "role")) == [(recruiter.pk, OWNER)]


def test_the_membership_admin_cannot_delete_or_demote_the_last_owner(admin_client, team):
    company, owner, recruiter = team
    delete = reverse("admin:board_membership_delete", args=[owner.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:board_membership_change", args=[owner.pk])
    data = {"user": owner.user_id, "company": company.pk, "role": RECRUITER}
    assert LAST_OWNER in admin_client.post(change, data).text
    assert Membership.objects.filter(pk=owner.pk, role=OWNER).exists()
    # A recruiter, or an owner with another owner beside them, may go.
    recruiter_delete = reverse("admin:board_membership_delete", args=[recruiter.pk])
    assert admin_client.post(recruiter_delete, {"post": "yes"}).status_code == 302


def test_no_bulk_delete_of_memberships(admin_client, team):
    changelist = admin_client.get(reverse("admin:board_membership_changelist"))
    assert "delete_selected" not in changelist.text
