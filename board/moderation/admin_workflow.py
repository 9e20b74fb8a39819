"""The moderation buttons on a job's change form.

A job's status, and the fields its transitions set (the rejection reason, the
publication and expiry dates), are read-only in the admin form: a bare field
edit would skip the log, the e-mail and the workflow's checks. A moderator
changes them with these buttons instead, each a POST to its own URL that calls
the same board.moderation function as the list actions.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST, require_safe

from board.jobs.models import InvalidTransition, Job
from board.moderation import decisions, reports

WORKFLOW_FIELDS = ["status", "rejection_reason", "published_at", "expires_at"]


class RejectForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The employer sees this reason: say what to change.",
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text="For the moderation log; the employer is not e-mailed.",
    )


class JobWorkflowMixin:
    """For the ModelAdmins of Job and its proxies."""

    change_form_template = "admin/board/job/change_form.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        buttons = [
            ("approve", self.approve_view),
            ("reject", self.reject_view),
            ("close", self.close_view),
            ("dismiss-reports", self.dismiss_reports_view),
        ]
        preview = path(
            "<path:object_id>/preview/",
            self.admin_site.admin_view(require_safe(self.preview_view)),
            name=f"{name}_preview",
        )
        posts = [
            path(
                f"<path:object_id>/{action}/",
                self.admin_site.admin_view(require_POST(view)),
                name=f"{name}_{action.replace('-', '_')}",
            )
            for action, view in buttons
        ]
        # Before the admin's own URLs: its "<path:object_id>/" catches everything.
        return [preview, *posts, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and self.has_change_permission(request, obj):
            context["workflow"] = self._buttons(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _buttons(self, job):
        """The transitions this job's status allows, each with its URL."""
        allowed = []
        if job.status == Job.Status.PENDING:
            allowed += ["approve", "reject"]
        if job.is_closable:
            allowed.append("close")
        if job.reports.open().exists():
            allowed.append("dismiss_reports")
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        urls = {a: reverse(f"{name}_{a}", args=[job.pk]) for a in allowed}
        return {
            "urls": urls,
            "preview_url": reverse(f"{name}_preview", args=[job.pk]),
            "change_url": reverse(f"{name}_change", args=[job.pk]),
            "reject_form": RejectForm(prefix="reject"),
            "close_form": CloseForm(prefix="close"),
        }

    def preview_view(self, request, object_id):
        """The job's page as seekers will see it (the site's own template, as the
        employer's preview shows it), with the moderation buttons above it."""
        job = self.get_object(request, unquote(object_id))
        if job is None:
            raise Http404
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        context = {
            "job": job,
            "preview": True,
            "apply_state": "external" if job.apply_url else "preview",
            "job_posting": None,
            "similar_jobs": [],
            "summary": job.title,
            "workflow": self._buttons(job) if self.has_change_permission(request, job) else None,
        }
        return TemplateResponse(request, "admin/board/job/preview.html", context)

    # The buttons. admin_view() has checked that the user is active staff and
    # the CSRF token; each view checks the permission to change this job.

    def approve_view(self, request, object_id):
        job = self._job_to_change(request, object_id)
        return self._transition(
            request, job, "approved and published", decisions.approve_job, job, request.user
        )

    def reject_view(self, request, object_id):
        return self._transition_with_reason(
            request, object_id, RejectForm, "reject", "rejected", decisions.reject_job
        )

    def close_view(self, request, object_id):
        return self._transition_with_reason(
            request, object_id, CloseForm, "close", "closed", decisions.close_job
        )

    def dismiss_reports_view(self, request, object_id):
        job = self._job_to_change(request, object_id)
        if reports.dismiss_reports(job, request.user):
            self.message_user(request, f"Open reports on “{job}” dismissed.", messages.SUCCESS)
            if job.status == Job.Status.PENDING:
                self.message_user(
                    request,
                    "The job stays in the review queue: approve it to publish it again.",
                    messages.WARNING,
                )
        else:
            self.message_user(request, "There were no open reports to dismiss.", messages.WARNING)
        return self._back(request, job)

    def _job_to_change(self, request, object_id):
        job = self.get_object(request, unquote(object_id))
        if job is None:
            raise Http404
        if not self.has_change_permission(request, job):
            raise PermissionDenied
        return job

    def _transition_with_reason(self, request, object_id, form_class, prefix, done, function):
        """A transition that takes the moderator's reason from the button's form."""
        job = self._job_to_change(request, object_id)
        form = form_class(request.POST, prefix=prefix)
        if not form.is_valid():
            message = f"The job was not {done}: {form.errors['reason'][0]}"
            self.message_user(request, message, messages.ERROR)
            return self._back(request, job)
        reason = form.cleaned_data["reason"]
        return self._transition(request, job, done, function, job, request.user, reason)

    def _transition(self, request, job, done, function, *args):
        try:
            function(*args)
        except InvalidTransition as refusal:
            # Another moderator acted first, or the page was stale.
            self.message_user(request, f"“{job}” was not changed: {refusal}", messages.ERROR)
        else:
            self.message_user(request, f"“{job}” {done}.", messages.SUCCESS)
        return self._back(request, job)

    def _back(self, request, job):
        """To the job's page, or to the list if the job has left this admin (the review queue)."""
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        if self.get_queryset(request).filter(pk=job.pk).exists():
            return redirect(f"{name}_change", job.pk)
        return redirect(f"{name}_changelist")
