"""Bulk actions on applicants: move several at once, or reject them with a reason
and, if the member wishes, a message.

A bulk action is the single-application rule applied to each: every move is
Application.move_to (the statuses it allows, and its guard against a colleague
or the applicant acting at the same moment), each in its own transaction with
its event, reason, message and e-mail. One that the rule refuses is reported
with the rule's own words and does not stop the others, so the answer always
says which moved and which did not, and nothing is left half done.

Only applications of the member's own company are considered: any other id
(another company's, a missing one) is reported as not found, like a missing id.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from board.applications.messaging import check_text, send
from board.applications.models import Application, RejectionReason
from board.companies.lookups import membership_or_404
from board.jobs.models import InvalidTransition
from board.notifications.models import Notification
from board.notifications.outbox import notify

logger = logging.getLogger(__name__)

MAX_PER_REQUEST = 200
# What a member may move applications to: not withdrawn (the applicant's step)
# nor closed (the stale-application run's, board/applications/stale.py).
TARGETS = tuple(
    status
    for status in Application.Status
    if status not in (Application.Status.WITHDRAWN, Application.Status.CLOSED)
)


class BulkRefused(ValueError):
    """The request as a whole cannot be done (too many, no reason…): nothing changed."""


@dataclass
class BulkResult:
    moved: list = field(default_factory=list)  # applications, now in their new status
    refused: list = field(default_factory=list)  # (application, why)
    not_found: list = field(default_factory=list)  # ids that are not the company's


def bulk_refusal(ids, status, reason):
    """Why the whole request is refused, in words, or ""."""
    if not ids:
        return _("Select at least one applicant.")
    if len(ids) > MAX_PER_REQUEST:
        return _("Select at most %(max)s applicants at a time (you selected %(count)s).") % {
            "max": MAX_PER_REQUEST,
            "count": len(ids),
        }
    if status not in TARGETS:
        return _("Choose a status to move the applicants to.")
    if status == Application.Status.REJECTED and reason not in RejectionReason.values:
        return _("Choose a reason for the rejection.")
    if reason and status != Application.Status.REJECTED:
        return _("A reason goes with a rejection only.")
    return ""


def move_applications(
    by, ids, status, *, reason="", reason_text="", share_reason=False, subject="", body=""
):
    """Move the company's applications `ids` to `status` for the member `by`.

    A rejection needs a `reason` (RejectionReason), with an optional note; the
    applicant sees them only if `share_reason`. With a `body`, the message is
    sent to each applicant (placeholders filled for each) instead of the status
    e-mail. Raises BulkRefused (or messaging.InvalidMessage) before changing
    anything; otherwise returns a BulkResult.
    """
    company = membership_or_404(by).company
    ids = list(dict.fromkeys(ids))
    refusal = bulk_refusal(ids, status, reason)
    if refusal:
        raise BulkRefused(refusal)
    if body:
        check_text(subject, body)
    found = (
        Application.objects.for_company(company)
        .filter(pk__in=ids)
        .select_related("job__company", "applicant")
        .in_bulk()
    )
    result = BulkResult(not_found=[pk for pk in ids if pk not in found])
    for pk in ids:
        if pk not in found:
            continue
        application = found[pk]
        try:
            with transaction.atomic():
                _move_one(application, by, status, reason, reason_text, share_reason, subject, body)
        except InvalidTransition as refused:
            result.refused.append((application, str(refused)))
        else:
            result.moved.append(application)
    logger.info(
        "bulk move to %s by user %s: %s moved, %s refused, %s not found",
        status,
        by.pk,
        len(result.moved),
        len(result.refused),
        len(result.not_found),
    )
    return result


def _move_one(application, by, status, reason, reason_text, share_reason, subject, body):
    status_before = application.status
    event = application.move_to(status, by=by)
    try:
        if reason:
            event.reason, event.reason_text = reason, reason_text[:500]
            event.reason_shared = share_reason
            event.save(update_fields=["reason", "reason_text", "reason_shared"])
        if application.applicant_id is None:
            pass  # the applicant deleted their account: moved, with nobody to write to
        elif body:
            send(application, by, subject, body, event=event)
        else:
            notify(Notification.Kind.STATUS_CHANGED, event.pk)
    except BaseException:
        # The move is rolled back with the rest: so is the instance, for the report.
        application.status = status_before
        raise
