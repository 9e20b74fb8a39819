import uuid

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone

from .jobs import InvalidTransition, Job


def resume_path(instance, filename):
    # Never keep the uploader's file name: it can carry personal data and
    # path tricks. The extension comes from the validated content type.
    extension = "docx" if filename.lower().endswith(".docx") else "pdf"
    return f"resumes/{uuid.uuid4().hex}.{extension}"


class ApplicationQuerySet(models.QuerySet):
    def for_company(self, company):
        return self.filter(job__company=company)

    def with_pipeline_data(self):
        """What the employer's pipeline shows, in the same query: the job and its
        company, the applicant, and how many notes there are."""
        return self.select_related("job__company", "applicant").annotate(notes_count=Count("notes"))


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        REVIEWING = "reviewing", "Reviewing"
        INTERVIEWING = "interviewing", "Interviewing"
        OFFERED = "offered", "Offered"
        HIRED = "hired", "Hired"
        REJECTED = "rejected", "Not selected"
        WITHDRAWN = "withdrawn", "Withdrawn"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    resume = models.FileField(upload_to=resume_path, max_length=200)
    cover_letter = models.TextField(max_length=5000, blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.SUBMITTED)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            models.UniqueConstraint(fields=["job", "applicant"], name="application_one_per_job"),
        ]
        indexes = [models.Index(fields=["job", "status"], name="application_job_status_idx")]

    def __str__(self):
        return f"{self.applicant} → {self.job}"

    # Until the employer has decided, the applicant may step back.
    WITHDRAWABLE = (Status.SUBMITTED, Status.REVIEWING, Status.INTERVIEWING, Status.OFFERED)

    # The employer is still deciding: counted on their dashboard.
    IN_PROGRESS = (Status.REVIEWING, Status.INTERVIEWING, Status.OFFERED)

    @property
    def can_withdraw(self):
        return self.status in self.WITHDRAWABLE

    def withdraw(self):
        """The applicant steps back; recorded on the timeline like any move."""
        if not self.can_withdraw:
            raise InvalidTransition(
                f"An application that is {self.get_status_display().lower()} cannot be withdrawn."
            )
        # Conditional on the status in the database too: an employer may be
        # deciding at this very moment, and a decision must not be overwritten.
        now = timezone.now()
        changed = Application.objects.filter(pk=self.pk, status__in=self.WITHDRAWABLE).update(
            status=self.Status.WITHDRAWN, updated=now
        )
        if not changed:
            self.refresh_from_db(fields=["status", "updated"])
            raise InvalidTransition("This application has just been decided on.")
        self._record(self.status, self.Status.WITHDRAWN, actor=self.applicant)
        self.status, self.updated = self.Status.WITHDRAWN, now

    # The employer's pipeline. Undecided stages can be revisited in any order
    # (people make mistakes); hired, rejected and withdrawn are final.
    FINAL = (Status.HIRED, Status.REJECTED, Status.WITHDRAWN)

    def allowed_moves(self):
        if self.status in self.FINAL:
            return []
        moves = [s for s in self.WITHDRAWABLE if s != self.status]
        if self.status in (self.Status.INTERVIEWING, self.Status.OFFERED):
            moves.append(self.Status.HIRED)
        return [*moves, self.Status.REJECTED]

    def move_to(self, status, by):
        """Move the application to `status` for the employer `by`; returns the event."""
        if status not in self.allowed_moves():
            raise InvalidTransition(
                f"An application that is {self.get_status_display().lower()} "
                f"cannot move to {self.Status(status).label.lower()}."
            )
        now = timezone.now()
        # Conditional on the status we showed: two recruiters (or the applicant
        # withdrawing) acting at once must not overwrite each other.
        changed = Application.objects.filter(pk=self.pk, status=self.status).update(
            status=status, updated=now
        )
        if not changed:
            self.refresh_from_db(fields=["status", "updated"])
            raise InvalidTransition("Someone else changed this application a moment ago.")
        event = self._record(self.status, status, actor=by)
        self.status, self.updated = status, now
        return event

    def _record(self, from_status, to_status, actor):
        return self.events.create(from_status=from_status, to_status=to_status, actor=actor)


class SavedJob(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_jobs"
    )
    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="saves")
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created"]
        constraints = [models.UniqueConstraint(fields=["user", "job"], name="savedjob_unique")]

    def __str__(self):
        return f"{self.user} saved {self.job}"
