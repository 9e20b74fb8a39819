from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from board.companies.logos import reencode_logo
from board.companies.models import Company, Membership
from board.core.listing_version import bump_jobs_version
from board.jobs.models import Job
from board.moderation.decisions import close_job


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class CompanyAdminForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["name", "slug", "website", "logo", "about", "headquarters", "size", "verified"]

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # Only a new upload is re-encoded; an unchanged logo is the stored WebP.
        if isinstance(logo, UploadedFile):
            return reencode_logo(logo)
        return logo


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    form = CompanyAdminForm
    list_display = ["name", "slug", "verified", "size", "headquarters", "created"]
    list_filter = ["verified", "size"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
    actions = ["mark_verified", "mark_unverified", "close_open_jobs"]

    @admin.action(description="Mark selected companies verified (their jobs skip review)")
    def mark_verified(self, request, queryset):
        count = queryset.update(verified=True)
        # update() skips Company.save(): tell the cached listings (badges) ourselves.
        transaction.on_commit(bump_jobs_version)
        self.message_user(
            request,
            f"{count} compan{'y' if count == 1 else 'ies'} marked verified.",
            messages.SUCCESS,
        )

    @admin.action(description="Remove verification from selected companies")
    def mark_unverified(self, request, queryset):
        count = queryset.update(verified=False)
        # update() skips Company.save(): tell the cached listings (badges) ourselves.
        transaction.on_commit(bump_jobs_version)
        self.message_user(
            request,
            f"{count} compan{'y' if count == 1 else 'ies'} no longer verified.",
            messages.SUCCESS,
        )

    @admin.action(description="Close every open job of the selected companies")
    def close_open_jobs(self, request, queryset):
        # One by one through the moderation service, so each closing is logged.
        jobs = Job.objects.filter(company__in=queryset, status=Job.Status.PUBLISHED)
        closed = 0
        for job in jobs.select_related("company"):
            close_job(job, request.user, reason="All the company’s jobs closed by a moderator")
            closed += 1
        self.message_user(
            request, f"{closed} job{'' if closed == 1 else 's'} closed.", messages.SUCCESS
        )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "company", "role", "created"]
    list_filter = ["role"]
    list_select_related = ["user", "company"]
    search_fields = ["user__email", "company__name"]
    autocomplete_fields = ["user", "company"]
