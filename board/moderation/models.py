from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from board.accounts.models import User
from board.companies.models import Membership
from board.jobs.models import Job

# A listing with this many open reports is taken down until a moderator looks.
REPORTS_TO_HIDE = 3


class JobReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=JobReport.Status.OPEN)

    def counting(self):
        """Reports that may take a listing down: those of active job seekers.

        Staff act from the admin instead; employers, and members of any company
        (the poster's own team included), have a stake in a rival's or their own
        listing. Their reports are kept and shown to moderators, but three of
        them never hide a job on their own. Judged by who the reporter is now, so
        a seeker who later becomes an employer stops counting too.
        """
        return self.filter(_counting_reporter())

    def with_standing(self):
        """Annotate `counts`: whether each report counts toward hiding (see counting())."""
        return self.annotate(
            counts=models.ExpressionWrapper(
                _counting_reporter(), output_field=models.BooleanField()
            )
        )


def _counting_reporter():
    is_member = Exists(Membership.objects.filter(user=OuterRef("reporter")))
    return (
        Q(reporter__is_active=True, reporter__is_staff=False, reporter__role=User.Role.SEEKER)
        & ~is_member
    )


class JobReport(models.Model):
    class Reason(models.TextChoices):
        SCAM = "scam", _("Scam or fraud")
        DISCRIMINATORY = "discriminatory", _("Discriminatory")
        MISLEADING = "misleading", _("Misleading or inaccurate")
        EXPIRED = "expired", _("Job is no longer available")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        DISMISSED = "dismissed", "Dismissed"
        ACTIONED = "actioned", "Job closed"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="reports")
    # Null once the reporter's account is deleted: the report stays for the
    # moderators, without who made it (board/privacy/erasure.py).
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="job_reports"
    )
    reason = models.CharField(max_length=16, choices=Reason)
    details = models.TextField(max_length=2000, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    created = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = JobReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["job", "reporter"], name="jobreport_once_per_user"),
        ]
        indexes = [models.Index(fields=["job", "status"], name="jobreport_job_status_idx")]

    def __str__(self):
        return f"{self.get_reason_display()}: {self.job}"
