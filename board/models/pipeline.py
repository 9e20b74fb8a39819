from django.conf import settings
from django.db import models

from .applications import Application


class ApplicationEvent(models.Model):
    """One status change of an application: the timeline both sides see."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    # Null when the actor's account is gone; the applicant when they withdrew.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=12, choices=Application.Status)
    to_status = models.CharField(max_length=12, choices=Application.Status)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


class ApplicationNote(models.Model):
    """A private note on an application, for the hiring company's members only."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(max_length=5000)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return f"Note on application {self.application_id}"
