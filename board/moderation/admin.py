"""Moderation in the admin: reports, the moderation log, and the e-mail outbox.

Every state change goes through board.moderation, so the admin records who
acted and when, and tells the poster, exactly like any other entry point.
The records themselves are read-only here: they are the audit trail.
"""

from django.contrib import admin, messages

from board.core.admin import ReadOnlyInline, ReadOnlyMixin, plural
from board.jobs.models import Job, ModerationLogEntry
from board.moderation import decisions, reports
from board.moderation.models import JobReport


class ModerationLogInline(ReadOnlyInline):
    model = ModerationLogEntry
    fields = ["created", "action", "moderator", "reason"]
    readonly_fields = fields
    related = ["job", "moderator"]  # the row's title names the job
    verbose_name_plural = "moderation log"


@admin.display(boolean=True, description="Counts toward hiding")
def counts_toward_hiding(report):
    # Only job seekers' reports can take a listing down (JobReportQuerySet.counting);
    # the others are here for the moderator to weigh.
    return report.counts


class JobReportInline(ReadOnlyInline):
    model = JobReport
    fields = [
        "created",
        "reason",
        "details",
        "reporter",
        counts_toward_hiding,
        "status",
        "resolved_by",
        "resolved_at",
    ]
    readonly_fields = fields
    related = ["job", "reporter", "resolved_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_standing()


@admin.register(JobReport)
class JobReportAdmin(admin.ModelAdmin):
    list_display = ["job", "reason", "reporter", counts_toward_hiding, "status", "created"]
    list_filter = ["status", "reason", "created"]
    list_select_related = ["job", "reporter"]
    search_fields = ["job__title", "job__company_name", "reporter__email"]
    fields = [
        "job",
        "reporter",
        "reason",
        "details",
        counts_toward_hiding,
        "status",
        "created",
        "resolved_by",
        "resolved_at",
    ]
    readonly_fields = fields
    date_hierarchy = "created"
    actions = ["dismiss", "close_jobs"]
    list_per_page = 100

    def get_queryset(self, request):
        return super().get_queryset(request).with_standing()

    def has_add_permission(self, request):
        return False  # reports come from users, through the report form

    def has_delete_permission(self, request, obj=None):
        return False  # the record stays; dismissing is how a report is answered

    def _jobs_of(self, queryset):
        return Job.objects.filter(pk__in=queryset.values("job_id")).select_related("company")

    @admin.action(description="Dismiss all open reports of the selected reports’ jobs")
    def dismiss(self, request, queryset):
        jobs = self._jobs_of(queryset)
        for job in jobs:
            reports.dismiss_reports(job, request.user)
        self.message_user(
            request, f"Open reports dismissed on {plural(len(jobs), 'job')}.", messages.SUCCESS
        )
        hidden = sum(job.status == Job.Status.PENDING for job in jobs)
        if hidden:
            self.message_user(
                request,
                f"{plural(hidden, 'job')} hidden by reports stay in the review queue: "
                "approve them there to publish them again.",
                messages.WARNING,
            )

    @admin.action(description="Close the selected reports’ jobs")
    def close_jobs(self, request, queryset):
        closed = skipped = 0
        for job in self._jobs_of(queryset):
            if not job.is_closable:
                skipped += 1
                continue
            decisions.close_job(job, request.user, reason="Closed after reports")
            closed += 1
        self.message_user(request, f"{plural(closed, 'job')} closed.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{plural(skipped, 'job')} skipped: only published jobs can be closed "
                "(reject a job hidden by reports from the review queue).",
                messages.WARNING,
            )


@admin.register(ModerationLogEntry)
class ModerationLogEntryAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["created", "job", "action", "moderator", "reason"]
    list_filter = ["action", "created"]
    list_select_related = ["job", "moderator"]
    search_fields = ["job__title", "job__company_name", "moderator__email"]
    date_hierarchy = "created"
    list_per_page = 100
