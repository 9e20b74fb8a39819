"""The e-mails of closing stale applications (board/applications/stale.py).

Like the other application e-mails, they say what happened and link to the
pages behind the login: no résumé, no cover letter, no notes.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from board.applications.models import Application, ApplicationEvent
from board.applications.stale import closes_on
from board.companies.models import Company, Membership
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later

LISTED = 50  # applications named in one reminder; the pipeline shows them all


@builder(Notification.Kind.STALE_REMINDER)
def stale_reminder(company_id):
    """To each member of the company: its undecided applications closing within a week."""
    company = Company.objects.filter(pk=company_id).first()
    if company is None:
        return []
    waiting = list(
        Application.objects.filter(
            job__company=company,
            status__in=Application.WITHDRAWABLE,
            stale_reminded_at__isnull=False,
        )
        .select_related("job", "applicant")
        .order_by("updated", "pk")
    )
    waiting = [a for a in waiting if a.stale_reminded_at >= a.updated]
    if not waiting:
        return []  # all moved since: nothing to remind
    for application in waiting:
        application.closes_on = closes_on(application)
    context = {
        "company": company,
        "applications": waiting[:LISTED],
        "more": max(len(waiting) - LISTED, 0),
        "count": len(waiting),
        "days": settings.STALE_APPLICATION_DAYS,
    }
    count = len(waiting)
    subject = later(
        lambda: (
            ngettext(
                "%(count)s application will close without a decision in a week",
                "%(count)s applications will close without a decision in a week",
                count,
            )
            % {"count": count}
        )
    )
    members = Membership.objects.filter(company=company, user__is_active=True)
    return [
        email("stale_reminder", to=member.user, subject=subject, context=context)
        for member in members.select_related("user").order_by("user__email")
    ]


@builder(Notification.Kind.STALE_CLOSED)
def stale_closed(event_id):
    """To the applicant: kindly, that nobody decided, and that it says nothing about them."""
    event = (
        ApplicationEvent.objects.select_related(
            "application__job__company", "application__applicant"
        )
        .filter(pk=event_id, to_status=Application.Status.CLOSED)
        .first()
    )
    if (
        event is None
        or event.application.applicant is None
        or not event.application.applicant.is_active
    ):
        return []
    application = event.application
    context = {
        "application": application,
        "job": application.job,
        "name": application.applicant.display_name,
        "days": settings.STALE_APPLICATION_DAYS,
    }
    return [
        email(
            "stale_closed",
            to=application.applicant,
            subject=later(
                lambda: (
                    _("Your application for %(title)s: closed without a decision")
                    % {"title": application.job.title}
                )
            ),
            context=context,
        )
    ]
