"""The team page, invitations (signed, expiring, single-use links) and leaving/removal."""

import time
from datetime import timedelta
from unittest import mock
from urllib.parse import quote

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from board.companies.invitations import make_token
from board.companies.models import Invitation, Membership
from board.notifications.models import Notification
from board.tests.factories import (
    EmployerFactory,
    InvitationFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(company):
    return MembershipFactory(company=company, role=Membership.Role.RECRUITER).user


def _accept_url(invitation):
    return reverse("accept_invitation", args=[make_token(invitation)])


class TestTeamPage:
    def test_lists_members_and_pending_invitations(self, client, employer, recruiter, company):
        InvitationFactory(company=company, email="pending@example.com")
        InvitationFactory(company=company, email="accepted@example.com", accepted_at=timezone.now())
        InvitationFactory(email="elsewhere@example.com")
        client.force_login(employer)
        html = client.get(reverse("employer_team")).content.decode()
        assert employer.email in html and recruiter.email in html
        assert "pending@example.com" in html
        assert "accepted@example.com" not in html
        assert "elsewhere@example.com" not in html
        assert "Send invitation" in html

    def test_recruiters_see_the_team_but_no_invite_form(self, client, recruiter):
        client.force_login(recruiter)
        html = client.get(reverse("employer_team")).content.decode()
        assert recruiter.email in html
        assert "Send invitation" not in html
        assert "Only the company’s owner can invite" in html


class TestInvite:
    def test_owner_invites_and_an_email_goes_out(
        self, client, employer, company, settings, django_capture_on_commit_callbacks
    ):
        settings.SITE_URL = "https://jobs.example.com"
        client.force_login(employer)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("employer_team"), {"email": "New.Hire@Example.com"})
        assert response.status_code == 302
        invitation = Invitation.objects.get()
        assert (invitation.company, invitation.email) == (company, "new.hire@example.com")
        assert invitation.role == Membership.Role.RECRUITER
        assert invitation.invited_by == employer
        assert Notification.objects.get().kind == Notification.Kind.INVITATION
        [message] = mail.outbox
        assert message.to == ["new.hire@example.com"]
        assert message.subject == f"[Nexus Jobs] You are invited to join {company.name}"
        prefix = "https://jobs.example.com/employer/invitations/"
        assert prefix in message.body
        html = message.alternatives[0].content
        assert f'href="{prefix}' in html

    def test_the_emailed_link_is_the_accept_page(
        self, client, employer, company, django_capture_on_commit_callbacks
    ):
        client.force_login(employer)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("employer_team"), {"email": "new@example.com"})
        link = next(w for w in mail.outbox[0].body.split() if "/employer/invitations/" in w)
        path = link[link.index("/employer/") :]
        invitee = EmployerFactory(email="new@example.com")
        client.force_login(invitee)
        assert f"Join {company.name} as recruiter" in client.get(path).content.decode()

    def test_refuses_an_existing_member_or_a_pending_invitation(self, client, employer, company):
        InvitationFactory(company=company, email="pending@example.com")
        client.force_login(employer)
        for email in (employer.email.upper(), "PENDING@example.com"):
            response = client.post(reverse("employer_team"), {"email": email})
            assert response.status_code == 200
            assert "invalid-feedback" in response.content.decode()
        assert Invitation.objects.count() == 1

    def test_recruiters_cannot_invite(self, client, recruiter):
        client.force_login(recruiter)
        response = client.post(reverse("employer_team"), {"email": "x@example.com"})
        assert response.status_code == 403
        assert not Invitation.objects.exists()

    def test_invalid_email_is_a_form_error(self, client, employer):
        client.force_login(employer)
        response = client.post(reverse("employer_team"), {"email": "not an address"})
        assert response.status_code == 200
        assert not Invitation.objects.exists()


class TestAccept:
    @pytest.fixture
    def invitation(self, company, employer):
        return InvitationFactory(company=company, email="Invitee@Example.com", invited_by=employer)

    @pytest.fixture
    def invitee(self):
        return EmployerFactory(email="invitee@example.com")

    def test_anonymous_is_sent_to_login_and_back(self, client, invitation):
        url = _accept_url(invitation)
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('account_login')}?next={quote(url)}"
        # allauth's login page keeps `next` for the sign-up link too.
        html = client.get(response["Location"]).content.decode()
        assert f"{reverse('account_signup')}?next={quote(url, safe='')}" in html
        assert f'name="next" value="{url}"' in html

    def test_page_says_which_company_and_role(self, client, invitation, invitee, company):
        client.force_login(invitee)
        response = client.get(_accept_url(invitation))
        html = response.content.decode()
        assert response.status_code == 200
        assert f"Join {company.name} as recruiter" in html
        assert "no-store" in response["Cache-Control"]
        assert not Membership.objects.filter(user=invitee).exists()  # GET changes nothing

    def test_accepting_joins_the_company(self, client, invitation, invitee, company):
        client.force_login(invitee)
        response = client.post(_accept_url(invitation))
        assert response.status_code == 302
        assert response["Location"] == reverse("employer_dashboard")
        membership = Membership.objects.get(user=invitee)
        assert (membership.company, membership.role) == (company, Membership.Role.RECRUITER)
        invitation.refresh_from_db()
        assert invitation.accepted_by == invitee
        assert invitation.accepted_at is not None
        assert client.get(reverse("employer_dashboard")).status_code == 200

    def _refused(self, client, user, url, message):
        client.force_login(user)
        page = client.get(url)
        assert page.status_code == 200
        assert message in page.content.decode()
        assert 'type="submit" class="btn btn-primary">Join' not in page.content.decode()
        response = client.post(url)
        assert response.status_code == 400
        assert message in response.content.decode()
        return response

    def test_expired_link(self, client, invitation, invitee):
        eight_days_ago = time.time() - timedelta(days=8).total_seconds()
        with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
            url = _accept_url(invitation)
        self._refused(client, invitee, url, "expired or is not valid")
        assert not Membership.objects.filter(user=invitee).exists()

    def test_link_signed_recently_for_an_old_invitation(self, client, invitation, invitee):
        # A delivery retried days later signs a fresh link: the invitation's age counts.
        Invitation.objects.filter(pk=invitation.pk).update(
            created=timezone.now() - timedelta(days=8)
        )
        self._refused(client, invitee, _accept_url(invitation), "This invitation has expired")
        assert not Membership.objects.filter(user=invitee).exists()

    @pytest.mark.parametrize("tamper", ["x", "-"])
    def test_tampered_link(self, client, invitation, invitee, tamper):
        url = reverse("accept_invitation", args=[make_token(invitation) + tamper])
        self._refused(client, invitee, url, "expired or is not valid")

    def test_a_token_signed_for_something_else_is_refused(self, client, invitation, invitee):
        from django.core import signing

        token = signing.dumps(invitation.pk, salt="nexus.something-else")
        url = reverse("accept_invitation", args=[token])
        self._refused(client, invitee, url, "expired or is not valid")

    def test_reused_link(self, client, invitation, invitee):
        url = _accept_url(invitation)
        client.force_login(invitee)
        client.post(url)
        Membership.objects.filter(user=invitee).delete()  # even after leaving again
        self._refused(client, invitee, url, "already been used")
        assert not Membership.objects.filter(user=invitee).exists()

    def test_revoked_invitation(self, client, invitation, invitee):
        url = _accept_url(invitation)
        invitation.delete()
        self._refused(client, invitee, url, "was withdrawn")
        assert not Membership.objects.filter(user=invitee).exists()

    def test_wrong_account(self, client, invitation):
        someone_else = EmployerFactory(email="someone@example.com")
        self._refused(client, someone_else, _accept_url(invitation), "another e-mail address")
        assert not Membership.objects.filter(user=someone_else).exists()
        invitation.refresh_from_db()
        assert invitation.accepted_at is None

    def test_unverified_address(self, client, invitation):
        unverified = EmployerFactory(email="invitee@example.com", verified=False)
        self._refused(client, unverified, _accept_url(invitation), "verify your e-mail address")
        assert not Membership.objects.filter(user=unverified).exists()

    def test_user_already_in_a_company(self, client, invitation, invitee):
        elsewhere = MembershipFactory(user=invitee)
        self._refused(client, invitee, _accept_url(invitation), "already belongs to a company")
        assert list(Membership.objects.filter(user=invitee)) == [elsewhere]

    def test_seeker_account(self, client, invitation):
        seeker = SeekerFactory(email="invitee@example.com")
        self._refused(client, seeker, _accept_url(invitation), "job seeker account")
        assert not Membership.objects.filter(user=seeker).exists()

    def test_membership_race_is_a_message_not_a_500(self, client, invitation, invitee):
        # Another tab joins a company between the check and the insert.
        client.force_login(invitee)
        with mock.patch("board.companies.team.open_invitation") as check:
            check.return_value = invitation
            MembershipFactory(user=invitee)
            response = client.post(_accept_url(invitation))
        assert response.status_code == 400
        assert "already belongs to a company" in response.content.decode()
        invitation.refresh_from_db()
        assert invitation.accepted_at is None


class TestRemoveAndRevoke:
    def test_owner_removes_a_recruiter(self, client, employer, recruiter):
        client.force_login(employer)
        response = client.post(
            reverse("employer_remove_member", args=[recruiter.memberships.get().pk])
        )
        assert response.status_code == 302
        assert not Membership.objects.filter(user=recruiter).exists()

    def test_the_last_owner_cannot_remove_themselves(self, client, employer):
        client.force_login(employer)
        own = employer.memberships.get()
        response = client.post(reverse("employer_remove_member", args=[own.pk]), follow=True)
        assert "cannot remove the last one" in response.content.decode()
        assert Membership.objects.filter(pk=own.pk).exists()

    def test_an_owner_can_leave_when_another_owner_remains(self, client, employer, company):
        MembershipFactory(company=company, role=Membership.Role.OWNER)
        client.force_login(employer)
        own = employer.memberships.get()
        client.post(reverse("employer_remove_member", args=[own.pk]))
        assert not Membership.objects.filter(pk=own.pk).exists()

    def test_recruiters_cannot_remove(self, client, employer, recruiter):
        client.force_login(recruiter)
        owner = employer.memberships.get()
        assert client.post(reverse("employer_remove_member", args=[owner.pk])).status_code == 403
        assert Membership.objects.filter(pk=owner.pk).exists()

    def test_get_is_not_allowed(self, client, employer, recruiter):
        client.force_login(employer)
        url = reverse("employer_remove_member", args=[recruiter.memberships.get().pk])
        assert client.get(url).status_code == 405
        assert Membership.objects.filter(user=recruiter).exists()

    def test_owner_revokes_a_pending_invitation(self, client, employer, company):
        invitation = InvitationFactory(company=company)
        url = _accept_url(invitation)
        client.force_login(employer)
        response = client.post(reverse("employer_revoke_invitation", args=[invitation.pk]))
        assert response.status_code == 302
        assert not Invitation.objects.filter(pk=invitation.pk).exists()
        client.force_login(EmployerFactory(email=invitation.email))
        assert "was withdrawn" in client.get(url).content.decode()

    def test_accepted_invitations_cannot_be_revoked(self, client, employer, company):
        invitation = InvitationFactory(company=company, accepted_at=timezone.now())
        client.force_login(employer)
        url = reverse("employer_revoke_invitation", args=[invitation.pk])
        assert client.post(url).status_code == 404
        assert Invitation.objects.filter(pk=invitation.pk).exists()
