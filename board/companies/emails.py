"""E-mail builders: see board/notifications/outbox.py."""

from django.utils.translation import gettext as _

from board.companies.invitations import make_token
from board.companies.models import Invitation
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later, site_link


@builder(Notification.Kind.INVITATION)
def invitation(invitation_id):
    """To the invited address: a signed, expiring link to join the company.

    The address may have no account, so no language of its own: the invitation is
    written in the language of whoever sent it (their account's), which is the team's
    language as far as we know; English if the inviter is gone."""
    invitation = (
        Invitation.objects.select_related("company", "invited_by").filter(pk=invitation_id).first()
    )
    if invitation is None or invitation.accepted_at is not None:
        return []  # revoked or already used: nothing to send
    company = invitation.company
    accept_url = site_link("accept_invitation", make_token(invitation))
    context = {
        "invitation": invitation,
        "company": company,
        "inviter": invitation.invited_by,
        "accept_url": accept_url,
    }
    subject = later(lambda: _("You are invited to join %(company)s") % {"company": company.name})
    inviter = invitation.invited_by
    language = inviter.e_mail_language() if inviter else None
    return [
        email(
            "invitation", to=invitation.email, subject=subject, context=context, language=language
        )
    ]
