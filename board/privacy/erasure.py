"""Deleting an account: one function the site, REST, GraphQL and the retention
run all call (erase_account), and the one rule that can refuse it
(erasure_refusal).

What goes and what stays (docs: "Delete my account"):

- The User row is deleted, not kept as a renamed tombstone: nothing can then
  point at the old id, and every table a later feature adds with a foreign key
  to the user is handled by its on_delete (CASCADE for what is the person's,
  SET_NULL for records of others: jobs posted, moves made, notes written).
- Applications stay in the company's pipeline as "Deleted applicant"
  (applicant NULL), with their status and timeline, but without résumé, cover
  letter, free-text screening answers, and without the free text others wrote
  about or to the person: notes, rating comments, rejection reason texts and
  messages (messages are filled in with the applicant's name and details).
- Reports the person made stay for the moderators, without the reporter.
- Files (résumés) are deleted from storage once the transaction commits, so a
  rollback never leaves rows pointing at missing files.
- Outbox rows addressed to the person, sent or not, are deleted. The one e-mail
  confirming the deletion is an outbox row whose stored message (and so the
  address) is cleared once sent, and whose object id is 0, not the old id.
"""

import json
import logging

from allauth.usersessions.models import UserSession
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext, gettext_lazy
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from board.accounts.models import SeekerProfile, User
from board.applications.message_models import ApplicationMessage
from board.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    ApplicationRating,
)
from board.applications.screening import ScreeningAnswer
from board.companies.models import Invitation, Membership
from board.companies.team import keeps_an_owner
from board.core.stored_files import delete_after_commit
from board.jobs.screening import ScreeningQuestion
from board.notifications.models import Notification
from board.notifications.outbox import email, notify, stored
from board.privacy.exports import delete_exports_of

logger = logging.getLogger(__name__)

LAST_OWNER = gettext_lazy(
    "You are the last owner of %(company)s. A company cannot be left without an owner: "
    "before you delete your account, close the company (its jobs close and its team is "
    "removed), or ask our staff to make a colleague an owner so that it carries on."
)


class ErasureRefused(Exception):
    """The account cannot be deleted yet; the message says why and what to do."""

    def __init__(self, message, html=None):
        super().__init__(message)
        self.html = html or message


def erasure_refusal(user):
    """Why `user` may not delete their account now (an ErasureRefused), or None."""
    membership = Membership.objects.of_user(user)
    if membership is None or not membership.is_owner:
        return None
    if keeps_an_owner(membership.company, leaving=[membership.pk]):
        return None
    text = LAST_OWNER % {"company": membership.company.name}
    html = format_html(
        '{} <a href="{}">{}</a> · <a href="{}">{}</a>.',
        text,
        reverse("employer_close_company"),
        gettext("Close the company"),
        reverse("employer_team"),
        gettext("Go to your team page"),
    )
    return ErasureRefused(text, html)


def erase_account(user, *, inactive=False):
    """Delete the account and everything personal in it; see the module's doc.

    Raises ErasureRefused (the last owner of a company). `inactive` is for the
    retention run: the confirmation e-mail says why. Returns the old id.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        # Checked under the lock of the memberships too: two owners of one company
        # deleting their accounts at once must not both succeed.
        list(Membership.objects.select_for_update().filter(company__memberships__user=user))
        refusal = erasure_refusal(user)
        if refusal is not None:
            raise refusal
        old_id, address, language = user.pk, user.email, user.e_mail_language()
        files = _erase_applications(user)
        files += _erase_profile(user)
        # Its data exports are a full copy of all this: their ZIPs go too (the rows
        # would go with the user, the files would not).
        delete_exports_of(user)
        _erase_outbox(user)
        _erase_sign_ins(user, scan=not inactive)
        Invitation.objects.filter(email__iexact=address).delete()
        user_type = ContentType.objects.get_for_model(User)
        LogEntry.objects.filter(content_type=user_type, object_id=str(old_id)).delete()
        LogEntry.objects.filter(object_repr__icontains=address).delete()
        # Everything else is the on_delete of each foreign key: saved jobs, alerts,
        # the profile, e-mail addresses, social accounts, memberships (CASCADE);
        # reports, jobs posted, events, notes and ratings by the person (SET_NULL).
        user.delete()
        _confirm(address, inactive, language)
        delete_after_commit(files)
    logger.info("account %s deleted%s", old_id, " (inactive)" if inactive else "")
    return old_id


def _erase_applications(user):
    """Keep the person's applications for the companies, anonymous; returns the
    files to delete."""
    applications = Application.objects.filter(applicant=user)
    ids = list(applications.values_list("pk", flat=True))
    files = [name for name in applications.values_list("resume", flat=True) if name]
    events = ApplicationEvent.objects.filter(application__in=ids)
    messages = ApplicationMessage.objects.filter(application__in=ids)
    Notification.objects.filter(
        kind__in=[Notification.Kind.STATUS_CHANGED, Notification.Kind.STALE_CLOSED],
        object_id__in=list(events.values_list("pk", flat=True)),
    ).delete()
    Notification.objects.filter(
        kind=Notification.Kind.APPLICATION_MESSAGE,
        object_id__in=list(messages.values_list("pk", flat=True)),
    ).delete()
    Notification.objects.filter(
        kind=Notification.Kind.APPLICATION_RECEIVED, object_id__in=ids
    ).delete()
    messages.delete()
    events.exclude(reason_text="").update(reason_text="")
    ApplicationNote.objects.filter(application__in=ids).delete()
    ApplicationRating.objects.filter(application__in=ids).exclude(comment="").update(comment="")
    ScreeningAnswer.objects.filter(application__in=ids, kind=ScreeningQuestion.Kind.TEXT).update(
        answer=""
    )
    applications.update(
        applicant=None,
        resume="",
        cover_letter="",
        documents_removed_at=timezone.now(),
    )
    return files


def _erase_profile(user):
    profile = SeekerProfile.objects.filter(user=user).first()
    return [profile.resume.name] if profile and profile.resume else []


def _erase_outbox(user):
    Notification.objects.filter(
        kind__in=[Notification.Kind.ACCOUNT_EMAIL, Notification.Kind.INACTIVITY_NOTICE],
        object_id=user.pk,
    ).delete()
    invitations = Invitation.objects.filter(email__iexact=user.email)
    Notification.objects.filter(
        kind=Notification.Kind.INVITATION,
        object_id__in=list(invitations.values_list("pk", flat=True)),
    ).delete()
    # Stored messages (allauth's) name their recipient only in the payload; the
    # few pending ones are read here, since JSON search differs between databases.
    address = user.email.lower()
    stored_rows = Notification.objects.filter(payload__isnull=False).values_list("pk", "payload")
    mentioning = [pk for pk, payload in stored_rows if address in json.dumps(payload).lower()]
    Notification.objects.filter(pk__in=mentioning).delete()


def _erase_sign_ins(user, *, scan):
    """End every session and API token: their rows go, not only their validity."""
    OutstandingToken.objects.filter(user=user).delete()  # blacklist rows cascade
    # Sessions signed in through the site are recorded (allauth's usersessions).
    recorded = UserSession.objects.filter(user=user).values_list("session_key", flat=True)
    Session.objects.filter(pk__in=list(recorded)).delete()
    if not scan:
        # An account retired for inactivity has had no session for two years
        # (SESSION_COOKIE_AGE is weeks); the daily clean-up deletes expired ones.
        return
    # A session opened otherwise (before records were kept) holds the user id only
    # inside its encoded data: the unexpired ones, the only ones that could sign
    # anyone in, are decoded and matched. One pass, for a rare, person-asked deletion.
    own = []
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            own.append(session.pk)
    Session.objects.filter(pk__in=own).delete()


def _confirm(address, inactive, language):
    # Rendered now, while the account (and so its language) still exists.
    message = email(
        "account_deleted",
        to=address,
        subject=gettext_lazy("Your account was deleted"),
        context={"inactive": inactive},
        language=language,
    )
    # Object id 0, not the old id; the payload (with the address) is cleared
    # once sent (board/notifications/outbox.py).
    notify(Notification.Kind.ACCOUNT_EMAIL, 0, payload=stored(message))
