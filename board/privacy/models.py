import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def archive_path(instance, filename):
    # A random name: the archive is someone's whole file, reachable only through
    # the signed, signed-in download (never a public URL, like résumés).
    return f"exports/{uuid.uuid4().hex}.zip"


class DataExportQuerySet(models.QuerySet):
    def live(self):
        """Exports whose link still works (or that are still being prepared)."""
        return self.filter(expires__gt=timezone.now())

    def expired(self):
        return self.filter(expires__lte=timezone.now())


class DataExport(models.Model):
    """One "Export my data" request and its ZIP (board/privacy/exports.py).

    Deleted with its file once `expires` has passed (delete_expired_exports),
    so a person's whole record never lies around longer than its link lives.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(max_length=8, choices=Status, default=Status.PENDING)
    created = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the link stops working and the row and file go: DATA_EXPORT_LINK_HOURS
    # after the request, counted again from the moment the archive is ready.
    expires = models.DateTimeField()
    archive = models.FileField(upload_to=archive_path, max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)

    objects = DataExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]
        constraints = [
            # One export in preparation per person, guarded by the database so
            # two clicks at once still make one (exports.request_export).
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="dataexport_one_pending"
            ),
        ]
        indexes = [models.Index(fields=["expires"], name="dataexport_expires_idx")]

    def __str__(self):
        return f"Data export {self.pk} ({self.status})"

    @property
    def is_ready(self):
        return self.status == self.Status.READY and self.expires > timezone.now()
