"""E-mail builders: see board/notifications/outbox.py."""

from django.conf import settings
from django.urls import reverse

from board.companies.invitations import make_token
from board.companies.models import Invitation
from board.notifications.models import Notification
from board.notifications.outbox import builder, email


@builder(Notification.Kind.INVITATION)
def invitation(invitation_id):
    """To the invited address: a signed, expiring link to join the company."""
    invitation = (
        Invitation.objects.select_related("company", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.accepted_at is not None:
        return []  # revoked or already used: nothing to send
    company = invitation.company
    accept_url = settings.SITE_URL + reverse("accept_invitation", args=[make_token(invitation)])
    context = {
        "invitation": invitation,
        "company": company,
        "inviter": invitation.invited_by,
        "accept_url": accept_url,
    }
    subject = f"You are invited to join {company.name}"
    return [email("invitation", to=[invitation.email], subject=subject, context=context)]
