from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.template.response import TemplateResponse

from board.models import Application, Category, InvalidTransition, Job, PendingJob, SavedJob


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "is_active"]
    list_filter = ["is_active"]
    list_editable = ["is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class RejectForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The employer sees this reason: say what to change.",
    )


@admin.action(description="Approve and publish selected jobs")
def approve_jobs(modeladmin, request, queryset):
    approved, refused = 0, 0
    for job in queryset:
        try:
            job.approve()
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
                job.reject(form.cleaned_data["reason"])
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
class JobAdmin(admin.ModelAdmin):
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
    readonly_fields = ["created", "updated", "salary_annual"]
    actions = [approve_jobs, reject_jobs]
    list_per_page = 100


@admin.register(PendingJob)
class PendingJobAdmin(JobAdmin):
    list_display = ["title", "company", "company_verified", "posted_by", "category", "created"]
    list_select_related = ["company", "category", "posted_by"]
    list_filter = ["category", "company__verified"]
    date_hierarchy = None

    def get_queryset(self, request):
        return super().get_queryset(request).pending_review()

    @admin.display(boolean=True, description="Verified company")
    def company_verified(self, job):
        return job.company.verified


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["applicant", "job", "company", "status", "created"]
    list_filter = ["status"]
    list_select_related = ["applicant", "job__company"]
    search_fields = ["applicant__email", "job__title", "job__company__name"]
    autocomplete_fields = ["job", "applicant"]
    readonly_fields = ["created", "updated"]

    @admin.display(ordering="job__company__name")
    def company(self, application):
        return application.job.company


@admin.register(SavedJob)
class SavedJobAdmin(admin.ModelAdmin):
    list_display = ["user", "job", "created"]
    list_select_related = ["user", "job"]
    search_fields = ["user__email", "job__title"]
    autocomplete_fields = ["user", "job"]
