from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db.models import Count
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from board.jobs.admin_screening import ScreeningQuestionInline
from board.jobs.models import InvalidTransition, Job, ModerationLogEntry, PendingJob
from board.moderation.admin import JobReportInline, ModerationLogInline
from board.moderation.admin_workflow import WORKFLOW_FIELDS, JobWorkflowMixin, RejectForm
from board.moderation.decisions import approve_job, reject_job
from board.moderation.review import waiting_count


@admin.action(description="Approve and publish selected jobs")
def approve_jobs(modeladmin, request, queryset):
    approved, refused = 0, 0
    for job in queryset:
        try:
            approve_job(job, request.user)
            approved += 1
        except InvalidTransition:
            refused += 1
    modeladmin.message_user(request, f"{approved} job(s) approved and published.", messages.SUCCESS)
    if refused:
        modeladmin.message_user(
            request,
            f"{refused} job(s) skipped: only jobs pending review can be approved.",
            messages.WARNING,
        )


@admin.action(description="Reject selected jobs (with a reason)…")
def reject_jobs(modeladmin, request, queryset):
    # First pass shows a form for the reason; the form posts back to this action.
    form = RejectForm(request.POST if "reject" in request.POST else None)
    if form.is_valid():
        rejected, refused = 0, 0
        for job in queryset:
            try:
                reject_job(job, request.user, form.cleaned_data["reason"])
                rejected += 1
            except InvalidTransition:
                refused += 1
        modeladmin.message_user(request, f"{rejected} job(s) rejected.", messages.SUCCESS)
        if refused:
            modeladmin.message_user(
                request,
                f"{refused} job(s) skipped: only jobs pending review can be rejected.",
                messages.WARNING,
            )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Reject jobs",
        "jobs": queryset.select_related("company"),
        "form": form,
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/board/reject_jobs.html", context)


@admin.register(Job)
class JobAdmin(JobWorkflowMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "company",
        "category",
        "status",
        "workplace",
        "published_at",
        "expires_at",
    ]
    list_filter = [
        "status",
        "workplace",
        "employment_type",
        "experience_level",
        "category",
        "company__verified",
    ]
    list_select_related = ["company", "category"]
    search_fields = ["title", "company__name"]
    autocomplete_fields = ["company", "category", "posted_by"]
    date_hierarchy = "created"
    # Only the workflow sets these, through the buttons and actions.
    readonly_fields = [*WORKFLOW_FIELDS, "created", "updated", "salary_annual"]
    actions = [approve_jobs, reject_jobs]
    list_per_page = 100
    inlines = [ModerationLogInline, JobReportInline, ScreeningQuestionInline]

    def has_delete_permission(self, request, obj=None):
        # Drafts only, as on the employer's dashboard (Job.is_deletable). A job once
        # submitted is rejected or closed with the buttons: its log and its
        # applicants' applications stay. Refusing per object covers the delete
        # page and the bulk "Delete selected" action alike.
        if obj is not None and not obj.is_deletable:
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "company_record", "description_preview"] if obj else fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        # What a moderator weighs first: who is posting, and their track record.
        extra = ("company_record", "description_preview")
        fields = [f for f in fieldsets[0][1]["fields"] if f not in extra]
        # The page as seekers will read it, right under the Markdown it comes from.
        at = fields.index("description") + 1 if "description" in fields else len(fields)
        fields.insert(at, "description_preview")
        return [
            ("The poster’s company", {"fields": ["company_record"]}),
            (None, {"fields": fields}),
        ]

    @admin.display(description="Company record")
    def company_record(self, job):
        company = job.company
        others = company.jobs.exclude(pk=job.pk)
        by_status = dict(others.values_list("status").annotate(n=Count("id")))
        actions = dict(
            ModerationLogEntry.objects.filter(job__company=company)
            .values_list("action")
            .annotate(n=Count("id"))
        )
        jobs_url = reverse("admin:board_job_changelist") + f"?company__id__exact={company.pk}"
        log_url = reverse("admin:board_moderationlogentry_changelist")
        log_url += "?" + urlencode({"q": company.name})
        return format_html(
            '<a href="{}">{}</a> — {}<br>'
            'Other jobs: <a href="{}">{}</a>{}<br>'
            'Moderation history of its jobs: {} (<a href="{}">log</a>)',
            reverse("admin:board_company_change", args=[company.pk]),
            company.name,
            "verified" if company.verified else "not verified",
            jobs_url,
            sum(by_status.values()),
            _counts(by_status, Job.Status),
            _counts(actions, ModerationLogEntry.Action) or "none",
            log_url,
        )

    @admin.display(description="Description as published")
    def description_preview(self, job):
        # The saved text through the job page's own sanitising renderer
        # (board/core/markdown.py): what seekers will see, never the raw HTML typed.
        return format_html('<div class="job-description">{}</div>', job.description_html)


@admin.register(PendingJob)
class PendingJobAdmin(JobAdmin):
    list_display = ["title", "company", "company_verified", "posted_by", "category", "created"]
    list_select_related = ["company", "category", "posted_by"]
    list_filter = ["category", "company__verified"]
    date_hierarchy = None

    def get_queryset(self, request):
        return super().get_queryset(request).pending_review()

    def changelist_view(self, request, extra_context=None):
        waiting = waiting_count()
        title = f"Review queue: {waiting} job{'' if waiting == 1 else 's'} waiting"
        return super().changelist_view(request, {"title": title, **(extra_context or {})})

    @admin.display(boolean=True, description="Verified company")
    def company_verified(self, job):
        return job.company.verified


def _counts(counts, choices):
    """' (3 published, 1 rejected)' from {"published": 3, "rejected": 1}, in the choices' order."""
    parts = [
        f"{counts[value]} {label.lower()}" for value, label in choices.choices if value in counts
    ]
    return f" ({', '.join(parts)})" if parts else ""
