"""The applicant's e-mails of issue 16: the confirmation that an application was
received, and a company's message (see board/notifications/outbox.py).

A message's text is the company's own words, so it is sent as they wrote it
(plain text, escaped in the HTML part); the e-mail adds the link to the
application page, where the timeline keeps it.
"""

from django.utils.translation import gettext as _

from board.applications.message_models import ApplicationMessage
from board.applications.models import Application
from board.notifications.models import Notification
from board.notifications.outbox import builder, email, later


@builder(Notification.Kind.APPLICATION_RECEIVED)
def application_received(application_id):
    application = (
        Application.objects.select_related("job__company", "applicant")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.applicant is None or not application.applicant.is_active:
        return []
    return [
        email(
            "application_received",
            to=application.applicant,
            subject=later(
                lambda: (
                    _("We sent your application for %(title)s") % {"title": application.job.title}
                )
            ),
            context={
                "application": application,
                "job": application.job,
                "name": application.applicant.display_name,
            },
        )
    ]


@builder(Notification.Kind.APPLICATION_MESSAGE)
def application_message(message_id):
    message = (
        ApplicationMessage.objects.select_related(
            "application__job__company", "application__applicant", "event"
        )
        .filter(pk=message_id)
        .first()
    )
    if (
        message is None
        or message.application.applicant is None
        or not message.application.applicant.is_active
    ):
        return []
    application = message.application
    return [
        email(
            "application_message",
            to=application.applicant,
            # The company's name and its own words: nothing of ours to translate.
            subject=f"{application.job.company.name}: {message.subject}",
            context={
                "message": message,
                "application": application,
                "job": application.job,
                "reason": message.event.shared_reason if message.event else "",
            },
        )
    ]
