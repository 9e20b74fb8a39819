"""The employer's changes to the pipeline through GraphQL: move or reject several
applications at once, and send a message to an applicant (issue 16).

The same domain functions as the site and REST (board/applications/bulk.py,
messaging.py), and the same refusals: not a verified employer, FORBIDDEN; no
company, or another company's application, NOT_FOUND like a missing one; a
request that cannot be done (a rejection without a reason, too many ids, an
unknown placeholder), BAD_USER_INPUT with the same words as REST.
"""

from datetime import datetime

import strawberry
import strawberry_django
from django.http import Http404
from strawberry import relay
from strawberry.types import Info
from strawberry_django.permissions import IsAuthenticated

from board.accounts.rules import EMPLOYERS_ONLY, is_verified_employer
from board.applications import bulk, messaging
from board.applications.lookups import company_application_or_404
from board.applications.models import RejectionReason
from board.jobs.models import InvalidTransition

from .errors import ClientError
from .ids import MAX_PK
from .types import ApplicationStatus

RejectionReasonEnum = strawberry.enum(RejectionReason, name="RejectionReason")


@strawberry.type(name="BulkRefusal")
class BulkRefusal:
    id: strawberry.ID
    status: ApplicationStatus
    detail: str


@strawberry.type(name="BulkMoved")
class BulkMoved:
    id: strawberry.ID
    status: ApplicationStatus


@strawberry.type(name="BulkMoveResult")
class BulkMoveResult:
    moved: list[BulkMoved]
    refused: list[BulkRefusal]
    not_found: list[strawberry.ID]


@strawberry.type(name="SentMessage")
class SentMessage:
    id: strawberry.ID
    subject: str
    body: str
    created: datetime


def application_pk(id_value):
    """An application's key from a plain number or an Applicant global ID; None otherwise."""
    if id_value.isdigit():
        return int(id_value) if int(id_value) <= MAX_PK else None
    try:
        global_id = relay.GlobalID.from_id(id_value)
    except Exception:
        return None
    if global_id.type_name != "Applicant" or not global_id.node_id.isdigit():
        return None
    return application_pk(global_id.node_id)


def _check_employer(user):
    if not is_verified_employer(user):
        raise ClientError(EMPLOYERS_ONLY, code="FORBIDDEN")


def bulk_move_applications(
    info: Info,
    ids: list[strawberry.ID],
    status: ApplicationStatus,
    reason: RejectionReasonEnum | None = None,
    reason_text: str = "",
    share_reason: bool = False,
    subject: str = "",
    body: str = "",
) -> BulkMoveResult:
    user = info.context.request.user
    _check_employer(user)
    pks = [application_pk(str(each)) for each in ids]
    malformed = [str(each) for each, pk in zip(ids, pks, strict=True) if pk is None]
    try:
        result = bulk.move_applications(
            user,
            [pk for pk in pks if pk is not None],
            status.value,
            reason=reason.value if reason else "",
            reason_text=reason_text,
            share_reason=share_reason,
            subject=subject,
            body=body,
        )
    except Http404 as missing:
        raise ClientError(str(missing), code="NOT_FOUND") from None
    except (bulk.BulkRefused, messaging.InvalidMessage) as refused:
        raise ClientError(str(refused)) from None
    return BulkMoveResult(
        moved=[BulkMoved(id=a.pk, status=a.status) for a in result.moved],
        refused=[BulkRefusal(id=a.pk, status=a.status, detail=why) for a, why in result.refused],
        not_found=[*map(str, result.not_found), *malformed],
    )


def send_application_message(
    info: Info, application_id: strawberry.ID, subject: str, body: str
) -> SentMessage:
    user = info.context.request.user
    _check_employer(user)
    try:
        application = company_application_or_404(user, application_pk(str(application_id)) or 0)
    except Http404:
        raise ClientError("No Application matches the given query.", code="NOT_FOUND") from None
    if len(subject) > 150 or len(body) > 5000:
        raise ClientError("The subject (150) or the message (5,000 characters) is too long.")
    try:
        message = messaging.send_message(application, user, subject, body)
    except (InvalidTransition, messaging.InvalidMessage) as refused:
        raise ClientError(str(refused)) from None
    return SentMessage(
        id=message.pk, subject=message.subject, body=message.body, created=message.created
    )


BULK_MOVE_APPLICATIONS = strawberry_django.mutation(
    resolver=bulk_move_applications,
    extensions=[IsAuthenticated(fail_silently=False)],
    description="Move (or reject, with a reason) several of your company's applications "
    "(REST: POST /api/v1/employer/applications/bulk/). Each is moved if its status "
    "allows; the result says which moved, which were refused and why, and which ids "
    "are not your company's.",
)
SEND_APPLICATION_MESSAGE = strawberry_django.mutation(
    resolver=send_application_message,
    extensions=[IsAuthenticated(fail_silently=False)],
    description="E-mail a message to an applicant; it joins the application's timeline "
    "(REST: POST /api/v1/employer/applications/{id}/messages/).",
)
