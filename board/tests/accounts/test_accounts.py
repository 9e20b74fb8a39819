import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse, reverse_lazy

from board.accounts.models import User
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

    def test_signup_sends_a_verification_mail_and_does_not_sign_in(
        self, client, django_capture_on_commit_callbacks
    ):
        # allauth's e-mails go through the outbox: sent once the sign-up commits.
        with django_capture_on_commit_callbacks(execute=True):
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

    def test_confirmation_link_verifies_and_then_login_works(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
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

    def test_the_confirmation_page_says_it_plainly(
        self, client, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            _signup(client, "seeker")
        body = mail.outbox[0].body
        link = next(word for word in body.split() if "/accounts/confirm-email/" in word)
        html = client.get(link[link.index("/accounts/") :]).content.decode()
        assert "Is <strong>new@example.com</strong> your e-mail address?" in html
        assert "for user" not in html
        expired = client.get("/accounts/confirm-email/not-a-key/").content.decode()
        assert "This confirmation link has expired or is not valid." in expired

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


class TestSignOutEverywhere:
    """A POST button on the password page: every other session (and API token) ends."""

    url = reverse_lazy("account_sign_out_everywhere")

    def _signed_in_twice(self, client):
        user = SeekerFactory()
        client.force_login(user)
        elsewhere = Client()
        elsewhere.force_login(user)
        return elsewhere

    def test_ends_the_other_sessions_and_keeps_this_one(self, client):
        elsewhere = self._signed_in_twice(client)
        response = client.post(self.url, follow=True)
        assert response.redirect_chain == [(reverse("account_sessions"), 302)]
        assert "signed out on every other device" in response.content.decode()
        assert client.get(reverse("my_applications")).status_code == 200
        assert elsewhere.get(reverse("my_applications")).status_code == 302  # to sign in
        assert "_auth_user_id" not in elsewhere.session

    def test_other_users_keep_their_sessions(self, client):
        self._signed_in_twice(client)
        bystander = Client()
        bystander.force_login(SeekerFactory())
        client.post(self.url)
        assert bystander.get(reverse("my_applications")).status_code == 200

    def test_needs_a_post(self, client):
        elsewhere = self._signed_in_twice(client)
        assert client.get(self.url).status_code == 405
        assert elsewhere.get(reverse("my_applications")).status_code == 200

    def test_anonymous_goes_to_sign_in(self, client):
        response = client.post(self.url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_the_password_page_has_the_button(self, client):
        client.force_login(SeekerFactory())
        html = client.get(reverse("account_change_password")).content.decode()
        assert f'action="{self.url}"' in html
        assert "Sign out everywhere" in html

    def test_a_password_hash_upgrade_at_sign_in_keeps_the_user_signed_in(self, client, settings):
        # Signing in with a hash of an older hasher rewrites it (Django does this
        # alone, saving only the password): the stamp must be saved with it, or the
        # new session's hash would not match the next request's.
        user = SeekerFactory(email="ada@example.com")  # hashed with MD5 in tests
        settings.PASSWORD_HASHERS = [
            "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
            "django.contrib.auth.hashers.MD5PasswordHasher",
        ]
        client.post(reverse("account_login"), {"login": "ada@example.com", "password": PASSWORD})
        user.refresh_from_db()
        assert user.password.startswith("pbkdf2_sha1$")
        assert client.get(reverse("my_applications")).status_code == 200

    def test_the_email_page_the_header_links_to_leads_there(self, client):
        client.force_login(SeekerFactory())
        html = client.get(reverse("account_email")).content.decode()
        assert f'href="{reverse("account_change_password")}"' in html
