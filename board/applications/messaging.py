"""Messages to applicants: the company's templates, sending one, the timeline.

A message is written by a member of the hiring company (from a template or
not), its placeholders filled in for the applicant, stored as an
ApplicationMessage and e-mailed through the outbox after the commit. The
applicant reads it on their application page, in the timeline with the
status changes. Bulk moves with a message are in bulk.py and use send().
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from board.applications.message_models import ApplicationMessage, MessageTemplate
from board.applications.models import Application
from board.applications.placeholders import fill, placeholder_errors, values_for
from board.applications.workflow import APPLICATION_NOT_FOUND, NotFound
from board.jobs.models import InvalidTransition
from board.notifications.models import Notification
from board.notifications.outbox import notify

logger = logging.getLogger(__name__)

# Plain strings (the API's documentation shows them), translated when raised.
WITHDRAWN_REFUSAL = gettext_noop(
    "The applicant withdrew this application: it takes no more messages."
)
DELETED_REFUSAL = gettext_noop("The applicant deleted their account: there is nobody to write to.")

Kind = MessageTemplate.Kind

# What a company starts with: offered in the forms while it has none of its
# own, and saved as its own with one click on the templates page.
DEFAULT_TEMPLATES = [
    {
        "kind": Kind.REJECTION,
        "name": "Not selected",
        "subject": "Your application for {job_title}",
        "body": "Dear {applicant_name},\n\n"
        "Thank you for applying for {job_title} at {company_name}, and for the time "
        "you gave us. After careful consideration, we have decided not to go further "
        "with your application.\n\n"
        "We wish you every success in your search.\n\n"
        "The {company_name} team",
    },
    {
        "kind": Kind.INTERVIEW,
        "name": "Invitation to interview",
        "subject": "Interview for {job_title}",
        "body": "Dear {applicant_name},\n\n"
        "Thank you for your application for {job_title}. We would like to meet you "
        "for an interview. Please reply with a few times that suit you over the next "
        "two weeks.\n\n"
        "The {company_name} team",
    },
    {
        "kind": Kind.OFFER,
        "name": "Offer",
        "subject": "An offer for {job_title}",
        "body": "Dear {applicant_name},\n\n"
        "We are delighted to offer you the position of {job_title} at {company_name}. "
        "We will send the details of the offer separately; do not hesitate to ask us "
        "any question.\n\n"
        "The {company_name} team",
    },
    {
        "kind": Kind.OTHER,
        "name": "A short update",
        "subject": "About your application for {job_title}",
        "body": "Dear {applicant_name},\n\n\n\nThe {company_name} team",
    },
]


class InvalidMessage(ValueError):
    """A message or template that cannot be filled in; .errors says why, in words."""

    def __init__(self, errors):
        super().__init__(" ".join(errors))
        self.errors = errors


def check_text(*texts):
    """Raise InvalidMessage unless every text's placeholders are known."""
    errors = [error for text in texts for error in placeholder_errors(text)]
    if errors:
        raise InvalidMessage(list(dict.fromkeys(errors)))


# Templates


def template_choices(company):
    """[(key, template)] to pick from: the company's own, or the defaults (unsaved,
    keys "default-<kind>") while it has none."""
    saved = list(MessageTemplate.objects.filter(company=company))
    if saved:
        return [(str(template.pk), template) for template in saved]
    return [
        (f"default-{each['kind']}", MessageTemplate(company=company, **each))
        for each in DEFAULT_TEMPLATES
    ]


def template_by_key(company, key):
    """The template a choice names, or None (another company's id included)."""
    return dict(template_choices(company)).get(str(key))


def add_default_templates(company):
    """Save the defaults as the company's own templates, unless it has some already."""
    with transaction.atomic():
        if MessageTemplate.objects.filter(company=company).exists():
            return []
        return MessageTemplate.objects.bulk_create(
            MessageTemplate(company=company, **each) for each in DEFAULT_TEMPLATES
        )


# Sending


def send_message(application, by, subject, body):
    """Send a message to the applicant for the company member `by`; returns it."""
    if not application.job.company.has_member(by):
        raise NotFound(APPLICATION_NOT_FOUND)
    check_text(subject, body)
    with transaction.atomic():
        message = send(application, by, subject, body)
    logger.info("message %s sent on application %s by user %s", message.pk, application.pk, by.pk)
    return message


def send(application, by, subject, body, event=None):
    """Store and enqueue the message, in the caller's transaction. The caller has
    checked who sends and the placeholders (send_message, bulk.move_applications)."""
    if application.status == Application.Status.WITHDRAWN:
        raise InvalidTransition(gettext(WITHDRAWN_REFUSAL))
    if application.applicant_id is None:
        raise InvalidTransition(gettext(DELETED_REFUSAL))
    values = values_for(application)
    # Writing to the applicant is acting on the application: the stale clock
    # (board/applications/stale.py, which reads `updated`) starts again.
    Application.objects.filter(pk=application.pk).update(updated=timezone.now())
    message = ApplicationMessage.objects.create(
        application=application,
        sender=by,
        event=event,
        subject=fill(subject, values)[:150],
        body=fill(body, values),
    )
    notify(Notification.Kind.APPLICATION_MESSAGE, message.pk)
    return message


# The timeline both sides see


def timeline_of(application):
    """The application's status changes and messages, oldest first, in two queries."""
    events = list(application.events.select_related("actor"))
    messages = list(application.messages.select_related("sender"))
    return sorted(
        events + messages,
        key=lambda entry: (entry.created, isinstance(entry, ApplicationMessage), entry.pk),
    )
