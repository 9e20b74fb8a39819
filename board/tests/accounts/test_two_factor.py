"""Two-factor sign-in on the site (allauth.mfa, templates/mfa/): setting up an
authenticator app from the account page, signing in with its code or a recovery code,
and the notice on the employer dashboard (board/web/two_factor.py)."""

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.tests.accounts.two_factor import code_for, current_code, enable_totp, recovery_codes
from board.tests.factories import PASSWORD, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db


def sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def confirm_password(client):
    # allauth asks for the password again (MFA_REAUTHENTICATION_REQUIRED) before any change.
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})


def signed_in(client):
    return "_auth_user_id" in client.session


class TestSetUp:
    def test_the_account_page_offers_it(self, client):
        user = SeekerFactory()
        sign_in(client, user)
        html = client.get(reverse("account_email")).text
        assert f'href="{reverse("mfa_index")}">Two-factor sign-in</a>' in html
        page = client.get(reverse("mfa_index"))
        assert page.status_code == 200
        assert "<h1" in page.text and "Two-factor sign-in" in page.text
        assert "Set up an authenticator app" in page.text and "Add a passkey" in page.text
        assert 'href="/static/vendor/bootstrap/bootstrap.min.css"' in page.text  # our layout

    def test_an_authenticator_app_with_a_right_code(self, client):
        user = SeekerFactory()
        sign_in(client, user)
        page = client.get(reverse("mfa_activate_totp"))
        assert page["Location"].startswith(reverse("account_reauthenticate"))
        confirm_password(client)
        page = client.get(reverse("mfa_activate_totp"))
        assert page.status_code == 200
        assert 'src="data:image/svg+xml' in page.text  # the QR code, allowed by img-src data:
        secret = client.session["mfa.totp.secret"]  # the one the page shows
        response = client.post(reverse("mfa_activate_totp"), {"code": code_for(secret)})
        assert response.status_code == 302
        types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
        assert types == {"totp", "recovery_codes"}
        assert "On</span> Sign-in asks for a 6-digit code" in client.get(reverse("mfa_index")).text

    def test_a_wrong_code_sets_up_nothing(self, client):
        user = SeekerFactory()
        sign_in(client, user)
        confirm_password(client)
        client.get(reverse("mfa_activate_totp"))
        response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
        assert response.status_code == 200
        assert "Incorrect code" in response.text
        assert not Authenticator.objects.filter(user=user).exists()

    def test_anonymous_is_sent_to_sign_in(self, client):
        response = client.get(reverse("mfa_index"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


class TestSignIn:
    def test_the_password_alone_does_not_sign_in(self, client):
        user = SeekerFactory()
        enable_totp(user)
        response = sign_in(client, user)
        assert response["Location"] == reverse("mfa_authenticate")
        assert not signed_in(client)
        assert client.get(reverse("my_applications")).status_code == 302

    def test_with_the_apps_code(self, client):
        user = SeekerFactory()
        enable_totp(user)
        sign_in(client, user)
        wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
        assert "Incorrect code" in wrong.text and not signed_in(client)
        client.post(reverse("mfa_authenticate"), {"code": current_code(user)})
        assert signed_in(client)
        assert client.get(reverse("my_applications")).status_code == 200

    def test_an_apps_code_works_once(self, client):
        user = SeekerFactory()
        enable_totp(user)
        code = current_code(user)
        sign_in(client, user)
        client.post(reverse("mfa_authenticate"), {"code": code})
        assert signed_in(client)
        client.post(reverse("account_logout"))
        sign_in(client, user)
        replay = client.post(reverse("mfa_authenticate"), {"code": code})
        assert "Incorrect code" in replay.text and not signed_in(client)

    def test_a_recovery_code_works_once(self, client):
        user = SeekerFactory()
        enable_totp(user)
        code = recovery_codes(user)[0]
        sign_in(client, user)
        client.post(reverse("mfa_authenticate"), {"code": code})
        assert signed_in(client)
        assert code not in recovery_codes(user)
        client.post(reverse("account_logout"))
        sign_in(client, user)
        again = client.post(reverse("mfa_authenticate"), {"code": code})
        assert "Incorrect code" in again.text and not signed_in(client)


class TestEmployerNotice:
    NOTICE = 'id="two-factor-notice"'

    def test_shown_until_a_second_factor_is_set_up(self, client, employer):
        client.force_login(employer)
        assert self.NOTICE in client.get(reverse("employer_dashboard")).text
        enable_totp(employer)
        assert self.NOTICE not in client.get(reverse("employer_dashboard")).text

    def test_not_now_hides_it_for_this_session_only(self, client, employer):
        client.force_login(employer)
        response = client.post(reverse("dismiss_two_factor_notice"))
        assert response["Location"] == reverse("employer_dashboard")
        assert self.NOTICE not in client.get(reverse("employer_dashboard")).text
        client.logout()
        client.force_login(employer)  # the next sign-in
        assert self.NOTICE in client.get(reverse("employer_dashboard")).text

    def test_not_now_with_htmx_removes_the_notice(self, client, employer):
        client.force_login(employer)
        response = client.post(reverse("dismiss_two_factor_notice"), HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and response.content == b""

    @pytest.mark.parametrize("method", ["get", "head"])
    def test_not_now_is_post_only(self, client, employer, method):
        client.force_login(employer)
        assert getattr(client, method)(reverse("dismiss_two_factor_notice")).status_code == 405

    def test_not_now_needs_a_sign_in(self, client):
        response = client.post(reverse("dismiss_two_factor_notice"))
        assert response["Location"].startswith(reverse("account_login"))

    def test_the_notice_costs_one_query_whatever_the_jobs(self, client, employer, company):
        client.force_login(employer)
        JobFactory(company=company)
        client.get(reverse("employer_dashboard"))  # warm up what is cached per process
        few = _queries(client)
        for _ in range(10):
            JobFactory(company=company)
        assert _queries(client) == few


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert 'id="two-factor-notice"' in client.get(reverse("employer_dashboard")).text
    return len(queries)


class TestSecretsAtRest:
    def test_the_app_secret_and_recovery_seed_are_encrypted(self):
        user = SeekerFactory()
        secret = enable_totp(user)
        rows = {a.type: str(a.data) for a in Authenticator.objects.filter(user=user)}
        assert secret not in rows["totp"]
        seed = Authenticator.objects.get(user=user, type="recovery_codes").wrap()
        assert len(recovery_codes(user)) == 10 and all(
            code not in rows["recovery_codes"] for code in seed.generate_codes()
        )

    def test_codes_still_work_after_secret_key_rotation(self, settings, client):
        user = SeekerFactory()
        enable_totp(user)
        settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
        settings.SECRET_KEY = "a-new-key-" + "x" * 50
        sign_in(client, user)
        client.post(reverse("mfa_authenticate"), {"code": current_code(user)})
        assert signed_in(client)
