from django.conf import settings
from django.db import models
from django.db.models import Avg, Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from board.companies.models import Company
from board.jobs.models import InvalidTransition, Job
from board.resumes.storage import resume_path
from board.scanning.uploads import quarantine_index, scan_status_field


class ApplicationQuerySet(models.QuerySet):
    def active(self):
        """Applications that still count: every status but withdrawn."""
        return self.exclude(status=Application.Status.WITHDRAWN)

    def for_company(self, company):
        return self.filter(job__company=company)

    def with_reapplication(self):
        """Annotate `reapplied_id`: the seeker's next application to the same job,
        or None. Only a withdrawn application can have one (see the constraint)."""
        later = Application.objects.filter(
            job=OuterRef("job_id"), applicant=OuterRef("applicant_id"), pk__gt=OuterRef("pk")
        )
        return self.annotate(reapplied_id=Subquery(later.order_by("pk").values("pk")[:1]))

    def with_pipeline_data(self):
        """What the employer's pipeline shows, in the same query: the job and its
        company, the applicant, and how many notes there are."""
        return (
            self.select_related("job__company", "applicant")
            .annotate(notes_count=Count("notes"))
            .with_ratings()
        )

    def with_ratings(self):
        """Annotate `rating_average` (None when unrated) and `rating_count`, in the
        same query (board/applications/ratings.py). Subqueries rather than a join:
        a join would multiply the rows that notes_count counts."""
        ratings = ApplicationRating.objects.filter(application=OuterRef("pk")).order_by()
        per_application = ratings.values("application")
        average = per_application.annotate(value=Avg("score")).values("value")
        count = per_application.annotate(value=Count("id")).values("value")
        return self.annotate(
            rating_average=Subquery(average, output_field=models.FloatField()),
            rating_count=Coalesce(Subquery(count, output_field=models.IntegerField()), 0),
        )


class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("application status", "Submitted")
        REVIEWING = "reviewing", pgettext_lazy("application status", "Reviewing")
        INTERVIEWING = "interviewing", pgettext_lazy("application status", "Interviewing")
        OFFERED = "offered", pgettext_lazy("application status", "Offered")
        HIRED = "hired", pgettext_lazy("application status", "Hired")
        REJECTED = "rejected", pgettext_lazy("application status", "Not selected")
        WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")
        # Nobody decided for STALE_APPLICATION_DAYS: closed politely (board/applications/stale.py).
        CLOSED = "closed", pgettext_lazy("application status", "Closed (no decision)")

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications")
    # Null once the applicant deleted their account: the application stays in the
    # company's pipeline as "Deleted applicant" (board/privacy/erasure.py).
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="applications"
    )
    # Empty once removed: by the retention run after the job closed, or with the
    # applicant's account (board/privacy/); documents_removed_at says when.
    resume = models.FileField(upload_to=resume_path, max_length=200, blank=True)
    resume_scan = scan_status_field("résumé virus scan")
    cover_letter = models.TextField(max_length=5000, blank=True)
    status = models.CharField(max_length=12, choices=Status, default=Status.SUBMITTED)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)
    # When the company was last told this application would close for want of a
    # decision; a reminder counts for the `updated` it follows (board/applications/stale.py).
    stale_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    documents_removed_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]
        constraints = [
            # One *active* application per seeker and job: after withdrawing, a
            # seeker may apply again, which makes a new row and keeps the old
            # one (and its timeline) as it was. The database is the guard, so
            # two submits at once still make one active row.
            models.UniqueConstraint(
                fields=["job", "applicant"],
                condition=~Q(status="withdrawn"),
                name="application_one_active_per_job",
            ),
        ]
        indexes = [
            models.Index(fields=["job", "status"], name="application_job_status_idx"),
            quarantine_index("resume_scan", "application_quarantine_idx"),
        ]

    def __str__(self):
        return f"{self.applicant_name} → {self.job}"

    DELETED_APPLICANT = "Deleted applicant"

    @property
    def applicant_name(self):
        """Who applied, as the company sees it; the account may be gone."""
        if self.applicant is None:
            return self.DELETED_APPLICANT
        return self.applicant.display_name

    @property
    def applicant_email(self):
        return self.applicant.email if self.applicant is not None else ""

    # Until the employer has decided, the applicant may step back. Withdrawn is
    # not among them: withdrawing is final, and a withdrawn application never
    # changes again (allowed_moves() is empty too).
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
                gettext("An application that is %(status)s cannot be withdrawn.")
                % {"status": self.get_status_display().lower()}
            )
        # Conditional on the status in the database too: an employer may be
        # deciding at this very moment, and a decision must not be overwritten.
        now = timezone.now()
        changed = Application.objects.filter(pk=self.pk, status__in=self.WITHDRAWABLE).update(
            status=self.Status.WITHDRAWN, updated=now
        )
        if not changed:
            self.refresh_from_db(fields=["status", "updated"])
            raise InvalidTransition(gettext("This application has just been decided on."))
        self._record(self.status, self.Status.WITHDRAWN, actor=self.applicant)
        self.status, self.updated = self.Status.WITHDRAWN, now

    # The employer's pipeline. Undecided stages can be revisited in any order
    # (people make mistakes); hired, rejected and withdrawn are final.
    FINAL = (Status.HIRED, Status.REJECTED, Status.WITHDRAWN, Status.CLOSED)

    def allowed_moves(self):
        if self.status in self.FINAL:
            return []
        moves = [s for s in self.WITHDRAWABLE if s != self.status]
        if self.status in (self.Status.INTERVIEWING, self.Status.OFFERED):
            moves.append(self.Status.HIRED)
        return [*moves, self.Status.REJECTED]

    # The pipeline's forward order, which a "Move to" control offers first.
    FORWARD = (
        Status.SUBMITTED,
        Status.REVIEWING,
        Status.INTERVIEWING,
        Status.OFFERED,
        Status.HIRED,
    )

    def next_step(self):
        """The status a "Move to" control pre-selects: the next one forward that is
        allowed now (interviewing after reviewing, hired after offered), or None
        when the application is final. Never a step back: that is a deliberate
        choice, not a default."""
        allowed = self.allowed_moves()
        later = self.FORWARD[self.FORWARD.index(self.status) + 1 :] if allowed else ()
        return next((status for status in later if status in allowed), None)

    def move_refusal(self):
        """Why a move the status does not allow is refused: the one wording the
        site's form, its pipeline and the API all show."""
        return gettext("An application that is %(status)s cannot move to that status.") % {
            "status": self.get_status_display().lower()
        }

    def move_to(self, status, by):
        """Move the application to `status` for the employer `by`; returns the event."""
        if status not in self.allowed_moves():
            raise InvalidTransition(self.move_refusal())
        now = timezone.now()
        # Conditional on the status we showed: two recruiters (or the applicant
        # withdrawing) acting at once must not overwrite each other.
        changed = Application.objects.filter(pk=self.pk, status=self.status).update(
            status=status, updated=now
        )
        if not changed:
            self.refresh_from_db(fields=["status", "updated"])
            raise InvalidTransition(gettext("Someone else changed this application a moment ago."))
        event = self._record(self.status, status, actor=by)
        self.status, self.updated = status, now
        return event

    def reapplication(self):
        """The application the seeker sent to the same job after withdrawing this one."""
        if self.status != self.Status.WITHDRAWN:
            return None
        later = Application.objects.filter(
            job_id=self.job_id, applicant_id=self.applicant_id, pk__gt=self.pk
        )
        return later.order_by("pk").first()

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


class RejectionReason(models.TextChoices):
    """The short list a member picks from when rejecting (plus an optional note)."""

    EXPERIENCE = "experience", _("Not enough relevant experience")
    SKILLS = "skills", _("Skills do not match the role")
    OTHER_CANDIDATE = "other_candidate", _("Another candidate was a closer fit")
    FILLED = "filled", _("The position has been filled")
    LOCATION = "location", _("Location or work arrangement")
    OTHER = "other", pgettext_lazy("rejection reason", "Other")


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
    # Why (a rejection's reason, board/applications/bulk.py). The employer's
    # record; the applicant sees it only when reason_shared (see shared_reason).
    reason = models.CharField(max_length=20, choices=RejectionReason, blank=True)
    reason_text = models.CharField(max_length=500, blank=True)
    reason_shared = models.BooleanField(default=False)

    class Meta:
        ordering = ["created", "id"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"

    @property
    def shared_reason(self):
        """The reason as the applicant may read it: "" unless the employer shared it."""
        if not (self.reason_shared and self.reason):
            return ""
        label = self.get_reason_display()
        return f"{label}: {self.reason_text}" if self.reason_text else label


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


class ApplicationRating(models.Model):
    """One company member's score (1 to 5) of an application, with an optional comment.

    The employer's record, like notes: only the hiring company's members ever see
    ratings (never the applicant, nor a seeker's data export). One per member and
    application, changed in place (board/applications/ratings.py).
    """

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="ratings")
    # Null when the member's account is gone; the score still counts.
    rater = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(max_length=1000, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "rater"], name="applicationrating_one_per_member"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1, score__lte=5), name="applicationrating_score_1_to_5"
            ),
        ]

    def __str__(self):
        return f"{self.score}/5 on application {self.application_id}"


class ExportLogEntry(models.Model):
    """Who exported which applicants, and when: ids and a count, never personal data."""

    class Scope(models.TextChoices):
        JOB = "job", _("One job's applicants")
        COMPANY = "company", _("All the company's applicants")

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="export_log")
    # Null when the account or the job is gone; the entry stays.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    job = models.ForeignKey(Job, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    scope = models.CharField(max_length=10, choices=Scope)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name_plural = "export log entries"

    def __str__(self):
        return f"{self.get_scope_display()} exported by user {self.actor_id}"
