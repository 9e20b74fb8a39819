"""The company workflows of board/companies/team.py, called directly: each one
allowed, and each refusal with the message the user reads."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.files.base import ContentFile
from django.utils import timezone

from board.companies import team
from board.companies.invitations import make_token
from board.companies.models import Company, Invitation, Membership
from board.notifications.models import Notification
from board.tests.factories import (
    CompanyFactory,
    EmployerFactory,
    InvitationFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(company):
    return MembershipFactory(company=company, role=Membership.Role.RECRUITER).user


def _refused(call, message, refusal=team.TeamRefusal):
    with pytest.raises(refusal) as raised:
        call()
    assert str(raised.value) == message


class TestCreateCompany:
    def test_the_creator_owns_it_under_a_free_slug(self):
        CompanyFactory(name="Acme", slug="acme")
        user = EmployerFactory()
        membership = team.create_company(user, Company(name="Acme"))
        assert membership.user == user
        assert membership.is_owner
        assert membership.company.slug == "acme-2"
        assert Membership.objects.of_user(user) == membership

    def test_a_name_without_letters_still_gets_a_slug(self):
        membership = team.create_company(EmployerFactory(), Company(name="!!!"))
        assert membership.company.slug == "company"

    def test_refused_to_an_account_in_a_company(self, employer):
        _refused(
            lambda: team.create_company(employer, Company(name="Second")), team.ALREADY_IN_A_COMPANY
        )
        assert not Company.objects.filter(name="Second").exists()

    @pytest.mark.parametrize(
        "user",
        [SeekerFactory, lambda: EmployerFactory(verified=False)],
        ids=["seeker", "unverified employer"],
    )
    def test_refused_to_seekers_and_unverified_employers(self, user):
        _refused(lambda: team.create_company(user(), Company(name="Nope")), team.EMPLOYERS_ONLY)
        assert not Company.objects.exists()

    def test_a_race_for_the_account_is_refused_and_leaves_nothing(self, company):
        user = EmployerFactory()
        of_user = Membership.objects.of_user
        # Another tab makes the user a member between the check and the insert:
        # the first look finds nothing, the one-company constraint refuses.
        looks = []

        def racing_of_user(u):
            looks.append(u)
            return None if len(looks) == 1 else of_user(u)

        MembershipFactory(company=company, user=user)
        with mock.patch.object(Membership.objects, "of_user", side_effect=racing_of_user):
            _refused(
                lambda: team.create_company(user, Company(name="Late")), team.ALREADY_IN_A_COMPANY
            )
        assert not Company.objects.filter(name="Late").exists()

    def test_a_race_for_the_slug_is_refused_and_leaves_no_logo(self):
        user = EmployerFactory()
        company = Company(name="Taken", logo=ContentFile(b"webp", name="logo.webp"))
        # Another company takes the slug between the free-slug look and the insert.
        with mock.patch.object(team, "_unique_slug", return_value="taken"):
            CompanyFactory(name="Taken", slug="taken")
            _refused(lambda: team.create_company(user, company), team.NAME_JUST_TAKEN)
        assert Membership.objects.of_user(user) is None
        assert not company.logo.storage.exists(company.logo.name)


class TestInvite:
    def test_the_owner_invites_and_the_email_goes_after_the_commit(
        self, employer, company, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            invitation = team.invite(company, "  New.Hire@Example.com ", by=employer)
            assert mail.outbox == []  # nothing is sent before the commit
        assert (invitation.email, invitation.role) == ("new.hire@example.com", "recruiter")
        assert invitation.invited_by == employer
        assert Notification.objects.get().kind == Notification.Kind.INVITATION
        assert len(callbacks) == 1
        callbacks[0]()
        assert mail.outbox[0].to == ["new.hire@example.com"]

    def test_a_recruiter_may_not_invite(self, recruiter, company):
        _refused(
            lambda: team.invite(company, "x@example.com", by=recruiter),
            team.OWNERS_ONLY,
            team.NotOwner,
        )
        assert not Invitation.objects.exists()

    def test_the_owner_of_another_company_may_not_invite(self, company, other_employer):
        _refused(
            lambda: team.invite(company, "x@example.com", by=other_employer),
            team.OWNERS_ONLY,
            team.NotOwner,
        )

    def test_not_someone_already_on_the_team(self, employer, recruiter, company):
        _refused(
            lambda: team.invite(company, recruiter.email.upper(), by=employer), team.ALREADY_ON_TEAM
        )
        assert not Invitation.objects.exists()

    def test_not_an_address_with_a_pending_invitation(self, employer, company):
        InvitationFactory(company=company, email="pending@example.com")
        _refused(
            lambda: team.invite(company, "Pending@example.com", by=employer), team.ALREADY_INVITED
        )
        assert Invitation.objects.count() == 1

    def test_an_accepted_or_another_companys_invitation_does_not_count(self, employer, company):
        InvitationFactory(company=company, email="left@example.com", accepted_at=timezone.now())
        InvitationFactory(email="elsewhere@example.com")
        team.invite(company, "left@example.com", by=employer)
        team.invite(company, "elsewhere@example.com", by=employer)
        assert company.invitations.filter(accepted_at__isnull=True).count() == 2


class TestAccept:
    @pytest.fixture
    def invitation(self, company, employer):
        return InvitationFactory(company=company, email="Invitee@Example.com", invited_by=employer)

    @pytest.fixture
    def invitee(self):
        return EmployerFactory(email="invitee@example.com")

    def test_joins_the_company_in_the_invited_role(self, invitation, invitee, company):
        membership = team.accept_invitation(invitee, make_token(invitation))
        assert (membership.company, membership.user, membership.role) == (
            company,
            invitee,
            Membership.Role.RECRUITER,
        )
        invitation.refresh_from_db()
        assert invitation.accepted_by == invitee
        assert invitation.accepted_at is not None

    def test_opening_the_link_changes_nothing(self, invitation, invitee):
        assert team.open_invitation(invitee, make_token(invitation)) == invitation
        assert not Membership.objects.filter(user=invitee).exists()

    def test_expired_signature(self, invitation, invitee):
        eight_days_ago = time.time() - timedelta(days=8).total_seconds()
        with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
            token = make_token(invitation)
        _refused(lambda: team.accept_invitation(invitee, token), team.LINK_INVALID)

    @pytest.mark.parametrize(
        "token",
        [
            lambda inv: make_token(inv) + "x",
            lambda inv: signing.dumps(inv.pk, salt="nexus.something-else"),
            lambda inv: signing.dumps("text", salt="nexus.invitation"),
        ],
        ids=["tampered", "other salt", "not an id"],
    )
    def test_forged_tokens(self, invitation, invitee, token):
        _refused(lambda: team.accept_invitation(invitee, token(invitation)), team.LINK_INVALID)

    def test_revoked(self, invitation, invitee):
        token = make_token(invitation)
        invitation.delete()
        _refused(lambda: team.accept_invitation(invitee, token), team.LINK_WITHDRAWN)

    def test_used(self, invitation, invitee):
        token = make_token(invitation)
        team.accept_invitation(invitee, token)
        Membership.objects.filter(user=invitee).delete()  # even after leaving again
        _refused(lambda: team.accept_invitation(invitee, token), team.LINK_USED)

    def test_old_invitation_with_a_fresh_signature(self, invitation, invitee):
        Invitation.objects.filter(pk=invitation.pk).update(
            created=timezone.now() - timedelta(days=8)
        )
        _refused(lambda: team.accept_invitation(invitee, make_token(invitation)), team.LINK_EXPIRED)

    def test_seeker_account(self, invitation):
        seeker = SeekerFactory(email="invitee@example.com")
        _refused(
            lambda: team.accept_invitation(seeker, make_token(invitation)), team.LINK_FOR_EMPLOYERS
        )

    def test_another_address(self, invitation):
        someone = EmployerFactory(email="someone@example.com")
        _refused(
            lambda: team.accept_invitation(someone, make_token(invitation)),
            team.LINK_FOR_ANOTHER_ADDRESS,
        )

    def test_unverified_address(self, invitation):
        unverified = EmployerFactory(email="invitee@example.com", verified=False)
        _refused(
            lambda: team.accept_invitation(unverified, make_token(invitation)), team.LINK_UNVERIFIED
        )

    def test_already_in_a_company(self, invitation, invitee):
        MembershipFactory(user=invitee)
        _refused(
            lambda: team.accept_invitation(invitee, make_token(invitation)),
            team.ALREADY_IN_A_COMPANY,
        )

    def test_joining_elsewhere_meanwhile_is_refused_by_the_constraint(self, invitation, invitee):
        # Checked, then another tab joins a company before the insert.
        with mock.patch.object(team, "open_invitation", return_value=invitation):
            MembershipFactory(user=invitee)
            _refused(lambda: team.accept_invitation(invitee, "any"), team.ALREADY_IN_A_COMPANY)
        invitation.refresh_from_db()
        assert invitation.accepted_at is None

    def test_accepted_meanwhile_in_another_tab(self, invitation, invitee):
        with mock.patch.object(team, "open_invitation", return_value=invitation):
            Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
            _refused(lambda: team.accept_invitation(invitee, "any"), team.LINK_NO_LONGER_VALID)
        assert not Membership.objects.filter(user=invitee).exists()


class TestRemoveMember:
    def test_the_owner_removes_a_recruiter(self, employer, recruiter):
        team.remove_member(recruiter.memberships.get(), by=employer)
        assert not Membership.objects.filter(user=recruiter).exists()

    def test_an_owner_may_leave_if_another_owner_remains(self, employer, company):
        MembershipFactory(company=company, role=Membership.Role.OWNER)
        team.remove_member(employer.memberships.get(), by=employer)
        assert not Membership.objects.filter(user=employer).exists()

    def test_not_the_last_owner(self, employer):
        own = employer.memberships.get()
        _refused(lambda: team.remove_member(own, by=employer), team.LAST_OWNER)
        assert Membership.objects.filter(pk=own.pk).exists()

    def test_a_recruiter_may_not_remove(self, employer, recruiter):
        owner = employer.memberships.get()
        _refused(lambda: team.remove_member(owner, by=recruiter), team.OWNERS_ONLY, team.NotOwner)
        assert Membership.objects.filter(pk=owner.pk).exists()

    def test_nor_the_owner_of_another_company(self, recruiter, other_employer):
        member = recruiter.memberships.get()
        _refused(
            lambda: team.remove_member(member, by=other_employer), team.OWNERS_ONLY, team.NotOwner
        )
        assert Membership.objects.filter(pk=member.pk).exists()


class TestRevokeInvitation:
    def test_the_owner_revokes_and_the_link_is_dead(self, employer, company):
        invitation = InvitationFactory(company=company, email="invitee@example.com")
        token = make_token(invitation)
        team.revoke_invitation(invitation, by=employer)
        assert not Invitation.objects.exists()
        invitee = EmployerFactory(email="invitee@example.com")
        _refused(lambda: team.open_invitation(invitee, token), team.LINK_WITHDRAWN)

    def test_a_recruiter_may_not_revoke(self, recruiter, company):
        invitation = InvitationFactory(company=company)
        _refused(
            lambda: team.revoke_invitation(invitation, by=recruiter),
            team.OWNERS_ONLY,
            team.NotOwner,
        )
        assert Invitation.objects.filter(pk=invitation.pk).exists()

    def test_an_accepted_invitation_stays(self, employer, company):
        invitation = InvitationFactory(company=company, accepted_at=timezone.now())
        _refused(lambda: team.revoke_invitation(invitation, by=employer), team.ALREADY_ACCEPTED)
        assert Invitation.objects.filter(pk=invitation.pk).exists()
