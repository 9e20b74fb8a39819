"""The Django admin requires a second factor (board/accounts/mfa.py): staff without one
are sent to set it up, staff whose session was opened without it are sent to confirm it,
and no admin page is served before."""

from urllib.parse import quote

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from board.jobs.models import Job
from board.tests.accounts.two_factor import current_code, enable_totp, recovery_codes
from board.tests.factories import PASSWORD, JobFactory, SeekerFactory, StaffFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
JOBS = "/admin/board/job/"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.STAFF_REQUIRE_MFA = True  # as in production (the suite's conftest turns it off)


def sign_in_with_code(client, user, code):
    client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert "_auth_user_id" in client.session


class TestWithoutASecondFactor:
    @pytest.mark.parametrize("path", [ADMIN, JOBS, "/admin/board/user/"])
    def test_staff_are_sent_to_set_one_up(self, client, path):
        client.post(reverse("account_login"), {"login": StaffFactory().email, "password": PASSWORD})
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_index")
        page = client.get(reverse("mfa_index"))
        assert "The admin needs two-factor sign-in" in page.text

    def test_nothing_is_changed_through_the_admin(self, client):
        job = JobFactory(draft=True)
        client.force_login(StaffFactory())
        response = client.post(
            JOBS, {"action": "delete_selected", "_selected_action": [job.pk], "post": "yes"}
        )
        assert response.status_code == 302
        assert Job.objects.filter(pk=job.pk).exists()

    def test_signing_out_of_the_admin_still_works(self, client):
        client.force_login(StaffFactory())
        client.post(reverse("admin:logout"))
        assert "_auth_user_id" not in client.session


class TestSessionWithoutTheSecondFactor:
    def test_staff_are_sent_to_confirm_it(self, client):
        staff = StaffFactory()
        enable_totp(staff)
        client.force_login(staff)  # a session that never saw the second factor
        response = client.get(JOBS + "?status=pending")
        assert response.status_code == 302
        confirm = reverse("mfa_reauthenticate")
        assert response["Location"] == f"{confirm}?next={quote(JOBS + '?status=pending', safe='')}"

    def test_confirming_opens_the_admin(self, client):
        staff = StaffFactory()
        enable_totp(staff)
        client.force_login(staff)
        confirm = client.get(ADMIN)["Location"]
        response = client.post(confirm, {"code": current_code(staff)})
        assert response["Location"] == ADMIN
        assert client.get(ADMIN).status_code == 200

    def test_a_wrong_code_does_not(self, client):
        staff = StaffFactory()
        enable_totp(staff)
        client.force_login(staff)
        client.post(client.get(ADMIN)["Location"], {"code": "000000"})
        assert client.get(ADMIN).status_code == 302

    def test_a_passkey_account_confirms_with_its_passkey(self, client):
        staff = StaffFactory()
        Authenticator.objects.create(user=staff, type=Authenticator.Type.WEBAUTHN, data={})
        client.force_login(staff)
        location = client.get(ADMIN)["Location"]
        assert location.startswith(reverse("mfa_reauthenticate_webauthn") + "?next=")


class TestSignedInWithTheSecondFactor:
    def test_the_app_code_opens_the_admin(self, client):
        staff = StaffFactory()
        enable_totp(staff)
        sign_in_with_code(client, staff, current_code(staff))
        assert client.get(ADMIN).status_code == 200
        assert client.get(JOBS).status_code == 200

    def test_a_recovery_code_opens_the_admin(self, client):
        staff = StaffFactory()
        enable_totp(staff)
        sign_in_with_code(client, staff, recovery_codes(staff)[0])
        assert client.get(ADMIN).status_code == 200


def test_people_who_are_not_staff_are_refused_as_before(client):
    client.force_login(SeekerFactory())
    assert client.get(ADMIN, follow=True).status_code == 403  # via the admin login, as before


def test_anonymous_visitors_are_sent_to_sign_in_as_before(client):
    response = client.get(ADMIN, follow=True)  # via the admin's login, routed to allauth's
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
