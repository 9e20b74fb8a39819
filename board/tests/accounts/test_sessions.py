"""The "Sessions and devices" page: its sessions and API tokens, ending one, signing out
everywhere (the site's two buttons and the API's endpoint call one domain function)."""

import pytest
from allauth.usersessions.models import UserSession
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from board.tests.accounts.signing_in import (
    SAFARI_IPHONE,
    is_signed_in,
    refreshes,
    signed_in,
    token_pair,
)
from board.tests.factories import EmployerFactory, SeekerFactory, StaffFactory

pytestmark = pytest.mark.django_db

PAGE = reverse("account_sessions")
# Whoever else is signed in: another seeker, an employer, staff (the admin is their way).
OTHER_USERS = pytest.mark.parametrize(
    "other_user",
    [SeekerFactory, EmployerFactory, StaffFactory],
    ids=["seeker", "employer", "staff"],
)


def _row_of(client):
    return UserSession.objects.get(session_key=client.session.session_key)


class TestThePage:
    def test_anonymous_goes_to_sign_in(self, client):
        response = client.get(PAGE)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))

    def test_lists_the_sessions_with_their_devices_and_marks_this_one(self):
        user = SeekerFactory()
        laptop = signed_in(user)
        signed_in(user, user_agent=SAFARI_IPHONE, ip="198.51.100.7")
        signed_in(SeekerFactory())  # someone else's
        response = laptop.get(PAGE)
        html = response.content.decode()
        assert response.status_code == 200
        assert response["Cache-Control"].startswith("max-age=0")  # never_cache
        assert html.count("list-group-item d-flex") == 2
        assert "Firefox on Linux" in html and "Safari on iOS" in html
        assert html.count("This device") == 1
        # This device comes first and has no "Sign out" button of its own.
        assert html.index("This device") < html.index("Safari on iOS")
        assert (
            'action="{}"'.format(reverse("account_end_session", args=[_row_of(laptop).pk]))
            not in html
        )

    def test_the_current_session_is_listed_even_without_a_row(self, client):
        # Signed in before the sessions app existed (here: force_login): recorded on opening.
        user = SeekerFactory()
        client.force_login(user)
        assert not UserSession.objects.filter(user=user).exists()
        assert "This device" in client.get(PAGE).content.decode()
        assert UserSession.objects.filter(user=user).count() == 1

    def test_ended_sessions_are_not_listed(self):
        user = SeekerFactory()
        laptop = signed_in(user)
        phone = signed_in(user, user_agent=SAFARI_IPHONE)
        phone.post(reverse("account_logout"))
        assert "Safari on iOS" not in laptop.get(PAGE).content.decode()

    def test_lists_live_api_tokens_only(self):
        user = SeekerFactory()
        laptop = signed_in(user)
        live = token_pair(user)
        revoked = token_pair(user)
        APIClient().post("/api/v1/auth/logout/", {"refresh": revoked["refresh"]})
        token_pair(SeekerFactory())  # someone else's
        tokens = laptop.get(PAGE).context["tokens"]
        assert [token.token for token in tokens] == [live["refresh"]]

    def test_tokens_revoked_by_a_new_password_are_not_listed(self):
        # The stamp rule of the API's authentication, not a second one.
        user = SeekerFactory()
        token_pair(user)
        user.set_password("a-brand-new-passphrase-42")
        user.save()
        client = Client()
        client.force_login(user)
        assert client.get(PAGE).context["tokens"] == []

    def test_the_account_page_links_to_it(self, client):
        client.force_login(SeekerFactory())
        assert f'href="{PAGE}"' in client.get(reverse("account_email")).content.decode()

    def test_allauths_own_page_leads_to_ours(self, client):
        response = client.get("/accounts/sessions/")
        assert response.status_code == 302
        assert response["Location"] == PAGE


class TestEndOneSession:
    def test_the_owner_ends_another_of_their_sessions(self):
        user = SeekerFactory()
        laptop, phone = signed_in(user), signed_in(user, user_agent=SAFARI_IPHONE)
        url = reverse("account_end_session", args=[_row_of(phone).pk])
        response = laptop.post(url)
        assert response.status_code == 302
        assert response["Location"] == PAGE
        assert not is_signed_in(phone)
        assert is_signed_in(laptop)
        assert UserSession.objects.filter(user=user).count() == 1

    def test_ending_this_session_signs_out_here(self):
        laptop = signed_in(SeekerFactory())
        response = laptop.post(reverse("account_end_session", args=[_row_of(laptop).pk]))
        assert response["Location"] == reverse("account_login")
        assert not is_signed_in(laptop)

    @OTHER_USERS
    def test_another_users_session_is_a_404_and_stays(self, other_user):
        victim = signed_in(SeekerFactory())
        attacker = signed_in(other_user())
        response = attacker.post(reverse("account_end_session", args=[_row_of(victim).pk]))
        assert response.status_code == 404
        assert is_signed_in(victim)

    def test_anonymous_goes_to_sign_in_and_ends_nothing(self, client):
        victim = signed_in(SeekerFactory())
        response = client.post(reverse("account_end_session", args=[_row_of(victim).pk]))
        assert response["Location"].startswith(reverse("account_login"))
        assert is_signed_in(victim)

    def test_needs_a_post(self):
        user = SeekerFactory()
        laptop, phone = signed_in(user), signed_in(user)
        assert (
            laptop.get(reverse("account_end_session", args=[_row_of(phone).pk])).status_code == 405
        )
        assert is_signed_in(phone)


class TestRevokeOneToken:
    def _token(self, pair):
        return OutstandingToken.objects.get(token=pair["refresh"])

    def test_the_owner_revokes_one_token_and_the_others_live(self):
        user = SeekerFactory()
        laptop = signed_in(user)
        script, app = token_pair(user), token_pair(user)
        response = laptop.post(reverse("account_revoke_token", args=[self._token(script).pk]))
        assert response["Location"] == PAGE
        assert not refreshes(script)
        assert refreshes(app)

    @OTHER_USERS
    def test_another_users_token_is_a_404_and_lives(self, other_user):
        pair = token_pair(SeekerFactory())
        attacker = signed_in(other_user())
        response = attacker.post(reverse("account_revoke_token", args=[self._token(pair).pk]))
        assert response.status_code == 404
        assert refreshes(pair)

    def test_anonymous_goes_to_sign_in(self, client):
        pair = token_pair(SeekerFactory())
        response = client.post(reverse("account_revoke_token", args=[self._token(pair).pk]))
        assert response["Location"].startswith(reverse("account_login"))
        assert refreshes(pair)


class TestSignOutEverywhere:
    def test_all_other_sessions_and_every_token_end_and_this_session_stays_listed(self):
        user = SeekerFactory()
        laptop, phone = signed_in(user), signed_in(user, user_agent=SAFARI_IPHONE)
        pair = token_pair(user)
        response = laptop.post(reverse("account_sign_out_everywhere"))
        assert response["Location"] == PAGE
        assert not is_signed_in(phone)
        assert not refreshes(pair)
        assert is_signed_in(laptop)
        page = laptop.get(PAGE)
        assert [each.is_current for each in page.context["sessions"]] == [True]
        assert page.context["tokens"] == []

    def test_everywhere_here_too_ends_every_session_and_token(self):
        user = SeekerFactory()
        laptop, phone = signed_in(user), signed_in(user, user_agent=SAFARI_IPHONE)
        pair = token_pair(user)
        response = laptop.post(reverse("account_sign_out_all"))
        assert response["Location"] == reverse("account_login")
        assert not is_signed_in(laptop)
        assert not is_signed_in(phone)
        assert not refreshes(pair)
        assert not UserSession.objects.filter(user=user).exists()

    def test_other_users_keep_their_sessions_and_tokens(self):
        user, bystander = SeekerFactory(), SeekerFactory()
        laptop, theirs, their_pair = signed_in(user), signed_in(bystander), token_pair(bystander)
        laptop.post(reverse("account_sign_out_all"))
        assert is_signed_in(theirs)
        assert refreshes(their_pair)

    @pytest.mark.parametrize("name", ["account_sign_out_everywhere", "account_sign_out_all"])
    def test_anonymous_goes_to_sign_in(self, client, name):
        response = client.post(reverse(name))
        assert response["Location"].startswith(reverse("account_login"))

    def test_sign_out_all_needs_a_post(self):
        laptop = signed_in(SeekerFactory())
        assert laptop.get(reverse("account_sign_out_all")).status_code == 405
        assert is_signed_in(laptop)

    def test_the_api_endpoint_ends_the_sessions_too(self):
        # The same domain function: sessions end and leave the list at once.
        user = SeekerFactory()
        laptop = signed_in(user)
        pair = token_pair(user)
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Bearer {pair['access']}")
        assert api.post("/api/v1/auth/sign-out-everywhere/").status_code == 204
        assert not is_signed_in(laptop)
        assert not UserSession.objects.filter(user=user).exists()
        assert not refreshes(pair)


def test_a_token_issued_under_the_present_stamp_is_listed_and_dies_with_it():
    user = SeekerFactory()
    user.sign_out_everywhere()  # a stamp that is not empty
    laptop = signed_in(user)
    pair = token_pair(user)
    assert [token.token for token in laptop.get(PAGE).context["tokens"]] == [pair["refresh"]]
    user.refresh_from_db()
    user.sign_out_everywhere()
    client = Client()
    client.force_login(user)
    assert client.get(PAGE).context["tokens"] == []
