from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class JobAlertQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class JobAlert(models.Model):
    """A saved search e-mailed as a digest of new jobs.

    `high_water` is the publication time up to which jobs have been sent: a
    digest covers jobs published after it, and moves it only once the e-mail
    has gone, so no job is sent twice and none is lost to a failed run.
    """

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Daily")
        WEEKLY = "weekly", _("Weekly")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="job_alerts"
    )
    # The search's query string as /jobs/ takes it, validated and normalised
    # through the search form (board/alerts/digests.py).
    query = models.CharField(max_length=1000)
    frequency = models.CharField(max_length=6, choices=Frequency, default=Frequency.DAILY)
    is_active = models.BooleanField(default=True)
    created = models.DateTimeField(auto_now_add=True)
    high_water = models.DateTimeField()
    last_sent_at = models.DateTimeField(null=True, blank=True)

    objects = JobAlertQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["user", "query"], name="jobalert_unique_search"),
        ]
        indexes = [models.Index(fields=["frequency", "is_active"], name="jobalert_due_idx")]

    def __str__(self):
        return f"{self.user}: {self.query or 'all jobs'}"

    def get_search_url(self):
        return reverse("job_list") + (f"?{self.query}" if self.query else "")
