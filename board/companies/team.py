"""The company workflows: create a company, invite, accept an invitation, remove a
member, revoke an invitation.

Each function checks the rule, changes the data, logs the event and enqueues its
e-mail (sent once the transaction commits); the interfaces (board/web/employer.py)
only translate input and output. A refusal is a TeamRefusal whose message is the
one the user reads, written here once; NotOwner is the refusal the web answers
with 403.

An account belongs to one company at most: a database constraint on Membership,
which is also what settles two requests racing to join or create.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, gettext_noop

from board.accounts.rules import EMPLOYERS_ONLY, has_verified_email, is_verified_employer
from board.companies import invitations
from board.companies.models import Company, Invitation, Membership
from board.notifications.models import Notification
from board.notifications.outbox import notify

logger = logging.getLogger(__name__)

# Plain strings (tests and the admin compare them); TeamRefusal translates them when raised.
ALREADY_IN_A_COMPANY = gettext_noop(
    "Your account already belongs to a company; it can belong to one only."
)
NAME_JUST_TAKEN = gettext_noop(
    "Another company took that name at the same moment. Please try again."
)
OWNERS_ONLY = gettext_noop("Only the company's owner can do this.")
ALREADY_ON_TEAM = gettext_noop("This person is already on your team.")
ALREADY_INVITED = gettext_noop(
    "This address already has an invitation. Revoke it below to send a new one."
)
LAST_OWNER = gettext_noop("A company needs an owner: you cannot remove the last one.")
ALREADY_ACCEPTED = gettext_noop("This invitation was already accepted.")
# Opening an invitation link, in the order they are checked.
LINK_INVALID = gettext_noop("This invitation link has expired or is not valid. Ask for a new one.")
LINK_WITHDRAWN = gettext_noop("This invitation was withdrawn. Ask the company for a new one.")
LINK_USED = gettext_noop("This invitation has already been used.")
LINK_EXPIRED = gettext_noop("This invitation has expired. Ask the company for a new one.")
LINK_FOR_EMPLOYERS = gettext_noop(
    "You are signed in with a job seeker account. Sign out, then sign up or sign in "
    "with an employer account (“I want to hire”) for the invited address."
)
LINK_FOR_ANOTHER_ADDRESS = gettext_noop(
    "This invitation was sent to another e-mail address. Sign out, then sign in "
    "with the invited address to accept it."
)
LINK_UNVERIFIED = gettext_noop(
    "Please verify your e-mail address first, then open this link again."
)
LINK_NO_LONGER_VALID = gettext_noop("This invitation is no longer valid.")


class TeamRefusal(Exception):
    """A change to a company or its team that the rules refuse; str() says why, in the
    language of the page asking."""

    def __init__(self, message):
        super().__init__(gettext(message))


class NotOwner(TeamRefusal):
    """The change is for the company's owner only."""


def _require_owner(company, user):
    membership = Membership.objects.of_user_in(user, company).first()
    if membership is None or not membership.is_owner:
        raise NotOwner(OWNERS_ONLY)


def _unique_slug(name):
    base = slugify(name)[:120].strip("-") or "company"
    slug, n = base, 1
    while Company.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def create_company(user, company):
    """Save `company` (new and unsaved, e.g. from CompanyForm) with a free slug,
    and make `user` its owner. Returns the owner's membership."""
    if not is_verified_employer(user):
        raise TeamRefusal(EMPLOYERS_ONLY)
    if Membership.objects.of_user(user) is not None:
        raise TeamRefusal(ALREADY_IN_A_COMPANY)
    try:
        with transaction.atomic():
            company.slug = _unique_slug(company.name)
            company.save()
            # A second tab creating another company at the same moment, or
            # another company taking the slug, fails here (unique constraints).
            membership = Membership.objects.create(
                company=company, user=user, role=Membership.Role.OWNER
            )
    except IntegrityError:
        if company.logo:
            company.logo.storage.delete(company.logo.name)  # no file without its row
        in_a_company = Membership.objects.of_user(user) is not None
        raise TeamRefusal(ALREADY_IN_A_COMPANY if in_a_company else NAME_JUST_TAKEN) from None
    logger.info("company %s created by user %s", company.pk, user.pk)
    return membership


def invite(company, email, *, by):
    """Invite `email` to join `company` as a recruiter, e-mailing a signed link.
    Only the owner may invite; not someone on the team, nor an address already invited."""
    _require_owner(company, by)
    email = email.strip().lower()
    with transaction.atomic():
        # Locked, so two invitations of one address sent at once make one.
        Company.objects.select_for_update().filter(pk=company.pk).first()
        if company.memberships.filter(user__email__iexact=email).exists():
            raise TeamRefusal(ALREADY_ON_TEAM)
        if company.invitations.filter(email__iexact=email, accepted_at__isnull=True).exists():
            raise TeamRefusal(ALREADY_INVITED)
        invitation = Invitation.objects.create(
            company=company, email=email, role=Membership.Role.RECRUITER, invited_by=by
        )
        notify(Notification.Kind.INVITATION, invitation.pk)
    logger.info("invitation %s sent for company %s", invitation.pk, company.pk)
    return invitation


def open_invitation(user, token):
    """The invitation a link's token is for, if `user` may accept it; else TeamRefusal.

    The invited address must be this account's, and proven to be: whoever
    holds a forwarded link cannot join with another account.
    """
    try:
        invitation_id = invitations.invitation_id_from_token(token)
    except invitations.InvalidInvitationToken:
        raise TeamRefusal(LINK_INVALID) from None
    invitation = Invitation.objects.select_related("company").filter(pk=invitation_id).first()
    if invitation is None:
        raise TeamRefusal(LINK_WITHDRAWN)
    if invitation.accepted_at is not None:
        raise TeamRefusal(LINK_USED)
    if invitations.is_expired(invitation):
        raise TeamRefusal(LINK_EXPIRED)
    if not user.is_employer:
        raise TeamRefusal(LINK_FOR_EMPLOYERS)
    if user.email.lower() != invitation.email.lower():
        raise TeamRefusal(LINK_FOR_ANOTHER_ADDRESS)
    if not has_verified_email(user, invitation.email):
        raise TeamRefusal(LINK_UNVERIFIED)
    if Membership.objects.of_user(user) is not None:
        raise TeamRefusal(ALREADY_IN_A_COMPANY)
    return invitation


def accept_invitation(user, token):
    """Join the company the link invites to; returns the new membership."""
    invitation = open_invitation(user, token)
    try:
        with transaction.atomic():
            # Locked: two tabs accepting at once make one membership.
            fresh = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
            if fresh is None or fresh.accepted_at is not None:
                raise TeamRefusal(LINK_NO_LONGER_VALID)
            membership = Membership.objects.create(
                company=invitation.company, user=user, role=fresh.role
            )
            fresh.accepted_at, fresh.accepted_by = timezone.now(), user
            fresh.save(update_fields=["accepted_at", "accepted_by"])
    except IntegrityError:
        # Joined another company since the check (one company per account).
        raise TeamRefusal(ALREADY_IN_A_COMPANY) from None
    logger.info("invitation %s accepted by user %s", invitation.pk, user.pk)
    return membership


def keeps_an_owner(company, *, leaving=(), new_owners=0):
    """Whether the company still has an owner once the memberships `leaving` (ids)
    are removed or no longer owners, and `new_owners` owners have joined.

    A company whose last owner is gone can no longer be managed by anyone on it:
    remove_member refuses that, and the admin asks this before it saves a team.
    """
    if new_owners:
        return True
    owners = company.memberships.filter(role=Membership.Role.OWNER).exclude(pk__in=leaving)
    return owners.exists()


def remove_member(member, *, by):
    """Remove `member` (a Membership) from its company; an owner may leave too,
    as long as another owner remains."""
    company = member.company
    _require_owner(company, by)
    with transaction.atomic():
        # Locked, so two owners removing each other at once leave one behind.
        list(company.memberships.select_for_update().filter(role=Membership.Role.OWNER))
        if member.is_owner and not keeps_an_owner(company, leaving=[member.pk]):
            raise TeamRefusal(LAST_OWNER)
        member.delete()
    logger.info("membership of user %s removed from company %s", member.user_id, company.pk)


def revoke_invitation(invitation, *, by):
    """Withdraw a pending invitation: its signed link then points to nothing."""
    _require_owner(invitation.company, by)
    if invitation.accepted_at is not None:
        raise TeamRefusal(ALREADY_ACCEPTED)
    invitation.delete()
    logger.info("invitation of company %s revoked", invitation.company_id)
