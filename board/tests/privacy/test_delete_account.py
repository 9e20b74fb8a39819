"""Delete my account on the site, in REST and in GraphQL: who may, the
confirmation, the last owner's refusal, and what a deleted account leaves."""

from html import escape

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from board.accounts.models import User
from board.companies.models import Company, Membership
from board.jobs.models import Job
from board.privacy.forms import WRONG_EMAIL, WRONG_PASSWORD
from board.tests.api.conftest import bearer
from board.tests.factories import (
    PASSWORD,
    ApplicationFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    SeekerProfileFactory,
)

pytestmark = pytest.mark.django_db

URL = "/accounts/delete/"
API_URL = "/api/v1/me/account/delete/"
MUTATION = """mutation($password: String!, $email: String!) {
  deleteAccount(password: $password, email: $email) }"""


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def recruiter(company):
    return MembershipFactory(company=company, role=Membership.Role.RECRUITER).user


def gone(user):
    return not User.objects.filter(pk=user.pk).exists()


class TestSitePage:
    def test_anonymous_is_sent_to_sign_in(self, client):
        for method in (client.get, client.post):
            response = method(URL)
            assert response.status_code == 302
            assert response.url.startswith(reverse("account_login"))

    def test_the_account_page_links_to_it(self):
        response = signed_in(SeekerFactory()).get(reverse("account_email"))
        assert f'href="{URL}"' in response.content.decode()

    def test_get_shows_the_form_and_deletes_nothing(self):
        seeker = SeekerFactory()
        response = signed_in(seeker).get(URL)
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("max-age=0")
        assert 'name="password"' in response.content.decode()
        assert not gone(seeker)

    def test_wrong_password_is_refused(self):
        seeker = SeekerFactory()
        response = signed_in(seeker).post(URL, {"password": "not-it"})
        assert response.status_code == 200
        assert WRONG_PASSWORD in response.content.decode()
        assert not gone(seeker)

    def test_seeker_deletes_and_is_signed_out(self, django_capture_on_commit_callbacks):
        seeker = SeekerFactory(email="leaving@example.com")
        SeekerProfileFactory(user=seeker)
        client = signed_in(seeker)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(URL, {"password": PASSWORD}, follow=True)
        assert response.redirect_chain == [(reverse("home"), 302)]
        assert "Your account was deleted" in response.content.decode()
        assert gone(seeker)
        assert not response.context["user"].is_authenticated
        assert client.get(reverse("my_applications")).status_code == 302
        [confirmation] = mail.outbox
        assert confirmation.to == ["leaving@example.com"]
        assert "deleted" in confirmation.subject

    def test_recruiter_leaves_the_team_and_their_jobs_stay(self, company, employer, recruiter):
        job = JobFactory(company=company, posted_by=recruiter)
        response = signed_in(recruiter).post(URL, {"password": PASSWORD})
        assert response.status_code == 302
        assert gone(recruiter)
        assert Job.objects.get(pk=job.pk).posted_by is None
        assert Job.objects.get(pk=job.pk).company == company
        assert list(company.memberships.values_list("user", flat=True)) == [employer.pk]

    def test_last_owner_is_refused_with_a_link_to_the_team(self, company, employer, recruiter):
        client = signed_in(employer)
        page = client.get(URL).content.decode()
        assert "You are the last owner of" in page
        assert f'href="{reverse("employer_team")}"' in page
        assert 'name="password"' not in page
        response = client.post(URL, {"password": PASSWORD})
        assert response.status_code == 200
        assert not gone(employer)
        assert Company.objects.filter(pk=company.pk).exists()

    def test_an_owner_with_another_owner_may_leave(self, company, employer):
        MembershipFactory(company=company, role=Membership.Role.OWNER)
        assert signed_in(employer).post(URL, {"password": PASSWORD}).status_code == 302
        assert gone(employer)

    def test_other_company_member_is_judged_by_their_own_company(self, other_employer, employer):
        # The last owner of another company: refused, and this company is untouched.
        response = signed_in(other_employer).post(URL, {"password": PASSWORD})
        assert response.status_code == 200
        assert not gone(other_employer) and not gone(employer)

    def test_account_without_password_confirms_with_its_address(self):
        seeker = SeekerFactory(email="social@example.com")
        seeker.set_unusable_password()
        seeker.save()
        client = signed_in(seeker)
        page = client.get(URL).content.decode()
        assert 'name="email"' in page and 'name="password"' not in page
        response = client.post(URL, {"email": "other@example.com"})
        assert escape(WRONG_EMAIL) in response.content.decode()
        assert not gone(seeker)
        assert client.post(URL, {"email": " Social@Example.com "}).status_code == 302
        assert gone(seeker)


class TestRest:
    def test_anonymous_401(self):
        assert APIClient().post(API_URL, {"password": PASSWORD}).status_code == 401

    def test_wrong_password_400(self):
        seeker = SeekerFactory()
        response = bearer(seeker).post(API_URL, {"password": "nope"}, format="json")
        assert response.status_code == 400
        assert response.json() == {"password": [WRONG_PASSWORD]}
        assert not gone(seeker)

    def test_last_owner_409(self, employer):
        response = bearer(employer).post(API_URL, {"password": PASSWORD}, format="json")
        assert response.status_code == 409
        assert "last owner" in response.json()["detail"]
        assert not gone(employer)

    def test_deleted_and_the_token_ends(self, recruiter):
        client = bearer(recruiter)
        assert client.post(API_URL, {"password": PASSWORD}, format="json").status_code == 204
        assert gone(recruiter)
        assert client.get("/api/v1/me/applications/").status_code == 401


class TestGraphql:
    def run(self, gql, user, password=PASSWORD, email=""):
        client = signed_in(user) if user else Client()
        return gql(MUTATION, {"password": password, "email": email}, using=client)

    def test_anonymous_is_refused(self, gql):
        answer = self.run(gql, None)
        assert answer["data"] is None and answer["errors"]

    def test_wrong_password(self, gql):
        seeker = SeekerFactory()
        [error] = self.run(gql, seeker, password="nope")["errors"]
        assert error["message"] == WRONG_PASSWORD
        assert error["extensions"]["fields"] == {"password": [WRONG_PASSWORD]}
        assert not gone(seeker)

    def test_last_owner_is_refused(self, gql, employer):
        [error] = self.run(gql, employer)["errors"]
        assert "last owner" in error["message"]
        assert not gone(employer)

    def test_deletes(self, gql):
        seeker = SeekerFactory()
        ApplicationFactory(applicant=seeker)
        assert self.run(gql, seeker) == {"data": {"deleteAccount": True}}
        assert gone(seeker)


def test_recruiter_through_every_interface_is_the_same_function(company, employer):
    # A seeker B and an employer of another company cannot touch anyone else: the
    # endpoints take no id, only the signed-in account.
    seeker_a, seeker_b = SeekerFactory(), SeekerFactory()
    signed_in(seeker_b).post(URL, {"password": PASSWORD})
    assert gone(seeker_b) and not gone(seeker_a) and not gone(employer)
    other = EmployerFactory()
    bearer(other).post(API_URL, {"password": PASSWORD}, format="json")
    assert gone(other) and not gone(employer)


def test_guessing_the_password_is_rate_limited():
    seeker = SeekerFactory()
    client = signed_in(seeker)
    for _ in range(10):
        assert WRONG_PASSWORD in client.post(URL, {"password": "guess"}).content.decode()
    response = client.post(URL, {"password": PASSWORD})
    assert "Too many attempts" in response.content.decode()
    assert not gone(seeker)
    # The API counts the same attempts.
    response = bearer(seeker).post(API_URL, {"password": PASSWORD}, format="json")
    assert response.status_code == 400 and not gone(seeker)


def test_the_admin_deletes_through_erase_account(admin_client):
    seeker = SeekerFactory()
    application = ApplicationFactory(applicant=seeker)
    changelist = reverse("admin:board_user_changelist")
    # No bare delete: it would leave files, sessions and tokens behind.
    assert admin_client.get(reverse("admin:board_user_delete", args=[seeker.pk])).status_code == 403
    response = admin_client.post(
        changelist, {"action": "erase_accounts", "_selected_action": [seeker.pk]}, follow=True
    )
    assert "1 account(s) deleted." in response.content.decode()
    assert gone(seeker)
    application.refresh_from_db()
    assert application.applicant is None and not application.resume


@pytest.mark.parametrize("body", [2.5, [1], {"password": ["a", "b"]}, {"password": None}])
def test_a_body_of_the_wrong_shape_is_400(body):
    seeker = SeekerFactory()
    assert bearer(seeker).post(API_URL, body, format="json").status_code == 400
    assert not gone(seeker)
