from django.db import models


class NotificationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(sent_at__isnull=True)


class Notification(models.Model):
    """An e-mail to send, written in the same transaction as its cause.

    This is an outbox: if the mail server or the task broker is down when the
    application (say) is saved, the row survives and a later run sends it.
    Delivery marks `sent_at` under a row lock, so running it twice sends once.
    """

    class Kind(models.TextChoices):
        NEW_APPLICATION = "new_application", "New application → company members"
        STATUS_CHANGED = "status_changed", "Application status changed → applicant"
        JOB_APPROVED = "job_approved", "Job approved → poster"
        JOB_REJECTED = "job_rejected", "Job rejected → poster"
        INVITATION = "invitation", "Team invitation → invitee"
        EXPIRY_REMINDER = "expiry_reminder", "Job expires soon → poster"
        JOB_ALERT = "job_alert", "Job alert digest → subscriber"
        ACCOUNT_EMAIL = "account_email", "Account e-mail (verification, reset…) → account"
        JOB_HIDDEN = "job_hidden", "Job hidden after reports → poster"
        JOB_HIDDEN_STAFF = "job_hidden_staff", "Job hidden after reports → moderators"
        REPORTS_DIGEST = "reports_digest", "New reports → moderators"
        APPLICATION_RECEIVED = "application_received", "Application received → applicant"
        APPLICATION_MESSAGE = "application_message", "Message from a company → applicant"
        STALE_REMINDER = "stale_reminder", "Applications about to close → company members"
        STALE_CLOSED = "stale_closed", "Application closed without a decision → applicant"
        REVIEW_DIGEST = "review_digest", "Jobs waiting for review → moderators"
        DATA_EXPORT_READY = "data_export_ready", "Data export ready → account"
        # A file accepted into quarantine held a virus and was deleted (board/quarantine/).
        INFECTED_RESUME = "infected_resume", "Profile résumé deleted: a virus → seeker"
        INFECTED_APPLICATION = "infected_application", "Application's résumé deleted → applicant"
        INFECTED_LOGO = "infected_logo", "Logo deleted: a virus → company owners"
        NEW_DEVICE = "new_device", "Sign-in from a new device → account"
        INACTIVITY_NOTICE = "inactivity_notice", "Inactive account will be deleted → account"

    kind = models.CharField(max_length=20, choices=Kind)
    # The id of the thing it is about (an application, a job, an invitation…);
    # the kind says which model. Account e-mails: the user's id, 0 for none.
    object_id = models.PositiveBigIntegerField()
    # The rendered message, for kinds that cannot rebuild it from an id (allauth's
    # e-mails carry one-time links). It holds secrets, so it is cleared once sent,
    # never logged, and kept out of the admin (editable=False).
    payload = models.JSONField(null=True, blank=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The exception's class and message only: never addresses or content.
    last_error = models.CharField(max_length=300, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["created"]
        indexes = [
            models.Index(
                fields=["created"],
                condition=models.Q(sent_at__isnull=True),
                name="notification_pending_idx",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.object_id}"
