"""Messages to applicants, and the company's templates for them.

Kept beside models.py (not in it) so the pipeline's core models stay short;
board/models.py gathers these for Django like the others.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from board.applications.models import Application, ApplicationEvent


class MessageTemplate(models.Model):
    """A company's reusable message, with {placeholders} (board/applications/placeholders.py)."""

    class Kind(models.TextChoices):
        REJECTION = "rejection", _("Rejection")
        INTERVIEW = "interview", _("Invitation to interview")
        OFFER = "offer", pgettext_lazy("message template", "Offer")
        OTHER = "other", pgettext_lazy("message template", "Other")

    company = models.ForeignKey(
        "board.Company", on_delete=models.CASCADE, related_name="message_templates"
    )
    kind = models.CharField(max_length=10, choices=Kind, default=Kind.OTHER)
    name = models.CharField(max_length=100)
    subject = models.CharField(max_length=150)
    body = models.TextField(max_length=5000)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name", "id"]

    def __str__(self):
        return self.name


class ApplicationMessage(models.Model):
    """A message a company member sent to the applicant, as it was sent: the
    placeholders are filled in once, so the page shows what the e-mail said."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="messages")
    # Null when the sender's account is gone; the seeker sees the company's name.
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The move it went with (a rejection with a message), if any: its e-mail
    # replaces the status e-mail and carries the shared reason.
    event = models.OneToOneField(
        ApplicationEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="message"
    )
    subject = models.CharField(max_length=150)
    body = models.TextField(max_length=10000)
    created = models.DateTimeField(auto_now_add=True)

    # The timeline mixes messages with status changes (messaging.timeline_of).
    is_message = True

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return f"Message on application {self.application_id}"
