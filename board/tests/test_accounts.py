import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from board.models import User
from board.tests.factories import PASSWORD, SeekerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _signup(client, role, email="new@example.com"):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD, "role": role},
    )


class TestSignup:
    def test_page_offers_the_role_as_a_labelled_radio_group(self, client):
        html = client.get(reverse("account_signup")).content.decode()
        assert "I want to…" in html
        assert "<legend" in html  # a fieldset legend labels the group
        assert re.search(r'type="radio"[^>]*name="role" value="seeker"', html)
        assert re.search(r'type="radio"[^>]*name="role" value="employer"', html)
        assert "find a job" in html and "hire" in html

    @pytest.mark.parametrize("role", ["seeker", "employer"])
    def test_signup_stores_the_chosen_role(self, client, role):
        _signup(client, role)
        assert User.objects.get(email="new@example.com").role == role

    def test_unknown_role_is_refused_with_a_message(self, client):
        response = _signup(client, "admin")
        assert response.status_code == 200
        assert not User.objects.exists()
        assert "Select a valid choice" in response.content.decode()

    def test_signup_sends_a_verification_mail_and_does_not_sign_in(self, client):
        response = _signup(client, "seeker")
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert len(mail.outbox) == 1
        assert mail.outbox[0].to == ["new@example.com"]
        assert "_auth_user_id" not in client.session

    def test_duplicate_email_does_not_reveal_the_account(self, client):
        SeekerFactory(email="taken@example.com")
        response = _signup(client, "seeker", email="taken@example.com")
        # Enumeration prevention: the same answer as for a new address.
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert User.objects.filter(email="taken@example.com").count() == 1


class TestVerification:
    def test_unverified_user_cannot_sign_in(self, client):
        SeekerFactory(email="unverified@example.com", verified=False)
        response = client.post(
            reverse("account_login"), {"login": "unverified@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("account_email_verification_sent")
        assert "_auth_user_id" not in client.session

    def test_confirmation_link_verifies_and_then_login_works(self, client):
        _signup(client, "employer")
        body = mail.outbox[0].body
        link = next(word for word in body.split() if "/accounts/confirm-email/" in word)
        path = link[link.index("/accounts/") :]
        client.post(path)
        assert EmailAddress.objects.get(email="new@example.com").verified
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": "new@example.com", "password": PASSWORD}
        )
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(User.objects.get().pk)

    def test_verified_user_signs_in_with_email_in_any_case(self, client):
        user = SeekerFactory(email="ada@example.com")
        client.post(reverse("account_login"), {"login": "ADA@example.com", "password": PASSWORD})
        assert client.session["_auth_user_id"] == str(user.pk)


class TestSessions:
    def test_logout_needs_a_post(self, client):
        user = SeekerFactory()
        client.force_login(user)
        client.get(reverse("account_logout"))
        assert client.session.get("_auth_user_id") == str(user.pk)
        client.post(reverse("account_logout"))
        assert "_auth_user_id" not in client.session

    def test_login_gives_a_new_session_id(self, client):
        SeekerFactory(email="ada@example.com")
        client.get(reverse("account_login"))
        client.session.save()
        before = client.session.session_key
        client.post(reverse("account_login"), {"login": "ada@example.com", "password": PASSWORD})
        assert client.session.session_key != before

    @pytest.mark.parametrize(
        "target",
        ["//evil.example", "/\\evil.example", "https:evil.example", "https://evil.example/"],
    )
    def test_next_never_leaves_the_site(self, client, target):
        SeekerFactory(email="ada@example.com")
        response = client.post(
            reverse("account_login"),
            {"login": "ada@example.com", "password": PASSWORD, "next": target},
        )
        assert response.status_code == 302
        assert response["Location"] == reverse("home")

    def test_failed_logins_are_rate_limited_even_with_the_right_password(self, client):
        SeekerFactory(email="ada@example.com")
        for _ in range(5):
            client.post(reverse("account_login"), {"login": "ada@example.com", "password": "wrong"})
        response = client.post(
            reverse("account_login"), {"login": "ada@example.com", "password": PASSWORD}
        )
        assert "Too many failed login attempts" in response.content.decode()
        assert "_auth_user_id" not in client.session


class TestAdminLogin:
    def test_admin_login_goes_through_allauth(self, client):
        response = client.get(reverse("admin:login"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_staff_reach_the_admin_and_others_do_not(self, client):
        client.force_login(SeekerFactory())
        assert client.get(reverse("admin:index")).status_code == 302
        client.force_login(StaffFactory())
        assert client.get(reverse("admin:index")).status_code == 200
