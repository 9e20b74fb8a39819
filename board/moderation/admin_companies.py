from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.forms.models import BaseInlineFormSet
from django.urls import reverse

from board.companies import team
from board.companies.logos import reencode_logo
from board.companies.models import Company, Membership
from board.core.admin import SiteLinkedFileInput
from board.core.listing_version import bump_jobs_version
from board.jobs.models import Job
from board.moderation.decisions import close_job


class MembershipFormSet(BaseInlineFormSet):
    """The team as staff edit it: they may move people around, but never leave a
    company that has an owner without one (companies.team.keeps_an_owner)."""

    def clean(self):
        super().clean()
        if any(self.errors) or self.instance.pk is None:
            return
        owner = Membership.Role.OWNER
        leaving, new_owners = [], 0
        for form in self.forms:
            if not form.cleaned_data:  # an extra row left empty
                continue
            was_owner = bool(form.instance.pk) and form.initial.get("role") == owner
            is_owner = not form.cleaned_data.get("DELETE") and form.cleaned_data["role"] == owner
            if was_owner and not is_owner:
                leaving.append(form.instance.pk)
            new_owners += is_owner and not was_owner
        had_owner = self.instance.memberships.filter(role=owner).exists()
        if had_owner and not team.keeps_an_owner(
            self.instance, leaving=leaving, new_owners=new_owners
        ):
            raise ValidationError(team.LAST_OWNER)


class MembershipInline(admin.TabularInline):
    model = Membership
    formset = MembershipFormSet
    extra = 0
    autocomplete_fields = ["user"]


class CompanyAdminForm(forms.ModelForm):
    class Meta:
        model = Company
        fields = ["name", "slug", "website", "logo", "about", "headquarters", "size", "verified"]
        # Scanned for viruses before Pillow opens it (reencode_logo), as on the site.
        field_classes = {"logo": forms.FileField}
        # The current logo through the site's view, not the storage's URL.
        widgets = {
            "logo": SiteLinkedFileInput(
                lambda company: reverse("company_logo", args=[company.slug])
            )
        }

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        # Only a new upload is re-encoded; an unchanged logo is the stored WebP.
        if isinstance(logo, UploadedFile):
            logo = reencode_logo(logo)
            self.instance.logo_scan = logo.scan_status
        return logo


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    form = CompanyAdminForm
    list_display = ["name", "slug", "verified", "size", "headquarters", "created"]
    list_filter = ["verified", "size", "logo_scan"]
    search_fields = ["name", "slug"]
    readonly_fields = ["logo_scan"]
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


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "company", "role"]

    def clean(self):
        cleaned = super().clean()
        stored = self.instance
        demoted = stored.pk and stored.is_owner and cleaned.get("role") != Membership.Role.OWNER
        if demoted and not team.keeps_an_owner(stored.company, leaving=[stored.pk]):
            raise ValidationError(team.LAST_OWNER)
        return cleaned


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships one by one. Deleting one goes through has_delete_permission, so a
    company's last owner cannot be deleted here; the bulk delete, which does not ask
    per row, is not offered."""

    form = MembershipAdminForm
    list_display = ["user", "company", "role", "created"]
    list_filter = ["role"]
    list_select_related = ["user", "company"]
    search_fields = ["user__email", "company__name"]
    autocomplete_fields = ["user", "company"]

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if (
            obj is not None
            and obj.is_owner
            and not team.keeps_an_owner(obj.company, leaving=[obj.pk])
        ):
            return False
        return super().has_delete_permission(request, obj)
