from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse

from board.applications.message_models import ApplicationMessage, MessageTemplate
from board.applications.models import (
    Application,
    ApplicationEvent,
    ApplicationNote,
    ExportLogEntry,
    SavedJob,
)
from board.applications.screening import ScreeningAnswer
from board.core.admin import ReadOnlyInline, SiteLinkedFileInput
from board.resumes.forms import validated_resume


class ApplicationEventInline(ReadOnlyInline):
    model = ApplicationEvent
    fields = ["created", "from_status", "to_status", "actor"]
    readonly_fields = fields
    related = ["actor"]
    verbose_name_plural = "timeline"


class ApplicationNoteInline(ReadOnlyInline):
    """The company's private notes: staff may read them here, for support and abuse cases."""

    model = ApplicationNote
    fields = ["created", "author", "body"]
    readonly_fields = fields
    related = ["author"]
    verbose_name_plural = "private notes of the company"


class ScreeningAnswerInline(ReadOnlyInline):
    """Answers as given, with the question as it was asked: never edited afterwards."""

    model = ScreeningAnswer
    fields = ["question_text", "kind", "answer", "knocked_out"]
    readonly_fields = fields
    related = ["question"]
    verbose_name_plural = "screening answers"


class ApplicationMessageInline(ReadOnlyInline):
    """Messages as sent to the applicant: staff read them for support and abuse cases."""

    model = ApplicationMessage
    fields = ["created", "sender", "subject", "body"]
    readonly_fields = fields
    related = ["sender"]
    verbose_name_plural = "messages to the applicant"


class ApplicationAdminForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["job", "applicant", "resume", "cover_letter"]
        # The current file through the site's permission-checked download.
        widgets = {
            "resume": SiteLinkedFileInput(
                lambda application: reverse("application_resume", args=[application.pk])
            )
        }

    def clean_resume(self):
        # A file staff upload is checked like any other: content and virus scan.
        resume = validated_resume(self, "resume")
        if isinstance(resume, UploadedFile):
            self.instance.resume_scan = resume.scan_status
        return resume


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    form = ApplicationAdminForm
    list_display = ["applicant", "job", "company", "status", "created"]
    list_filter = ["status", "resume_scan"]
    list_select_related = ["applicant", "job__company"]
    search_fields = ["applicant__email", "job__title", "job__company__name"]
    autocomplete_fields = ["job", "applicant"]
    # The status moves only through the pipeline, which records the timeline.
    readonly_fields = ["status", "resume_scan", "created", "updated"]
    inlines = [
        ApplicationEventInline,
        ApplicationNoteInline,
        ScreeningAnswerInline,
        ApplicationMessageInline,
    ]

    def get_readonly_fields(self, request, obj=None):
        # An application stays with its job and applicant: moving it would hand
        # a résumé to another company, with no trace in its timeline.
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "job", "applicant"] if obj else fields

    @admin.display(ordering="job__company__name")
    def company(self, application):
        return application.job.company


@admin.register(SavedJob)
class SavedJobAdmin(admin.ModelAdmin):
    list_display = ["user", "job", "created"]
    list_select_related = ["user", "job"]
    search_fields = ["user__email", "job__title"]
    autocomplete_fields = ["user", "job"]


@admin.register(ExportLogEntry)
class ExportLogEntryAdmin(admin.ModelAdmin):
    """Who exported which company's applicants, when: a record, never edited."""

    list_display = ["created", "company", "scope", "job", "actor"]
    list_filter = ["scope"]
    list_select_related = ["company", "job", "actor"]
    search_fields = ["company__name"]
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    """A company's message templates: staff may correct or remove an abusive one."""

    list_display = ["name", "company", "kind", "updated"]
    list_filter = ["kind"]
    list_select_related = ["company"]
    search_fields = ["name", "subject", "company__name"]
    autocomplete_fields = ["company"]
