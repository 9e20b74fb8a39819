"""The company's message templates, /employer/message-templates/: list, add,
edit, delete, and "add the suggested templates".

Any member of the company (owner or recruiter) manages them: they are working
tools of the team, like notes. Everyone else gets a 404, as for the pipeline;
another company's template is 404 like a missing one.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from board.applications import messaging
from board.applications.message_forms import MessageTemplateForm
from board.applications.message_models import MessageTemplate
from board.companies.lookups import membership_or_404


def _company_template_or_404(user, pk):
    company = membership_or_404(user).company
    return get_object_or_404(MessageTemplate.objects.filter(company=company), pk=pk)


@require_safe
@never_cache
@login_required
def template_list(request):
    company = membership_or_404(request.user).company
    context = {
        "company": company,
        "templates": MessageTemplate.objects.filter(company=company),
        "suggested": messaging.DEFAULT_TEMPLATES,
    }
    return TemplateResponse(request, "employer/message_templates.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@login_required
def template_create(request):
    company = membership_or_404(request.user).company
    form = MessageTemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = form.save(commit=False)
        template.company = company
        template.save()
        messages.success(request, _("The template “%(name)s” was added.") % {"name": template.name})
        return redirect("employer_message_templates")
    context = {"company": company, "form": form}
    return TemplateResponse(request, "employer/message_template_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@login_required
def template_edit(request, pk):
    template = _company_template_or_404(request.user, pk)
    form = MessageTemplateForm(request.POST or None, instance=template)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The template “%(name)s” was saved.") % {"name": template.name})
        return redirect("employer_message_templates")
    context = {"company": template.company, "form": form, "template": template}
    return TemplateResponse(request, "employer/message_template_form.html", context)


@require_POST
@never_cache
@login_required
def template_delete(request, pk):
    template = _company_template_or_404(request.user, pk)
    template.delete()
    messages.success(request, _("The template “%(name)s” was deleted.") % {"name": template.name})
    return redirect("employer_message_templates")


@require_POST
@never_cache
@login_required
def add_suggested_templates(request):
    company = membership_or_404(request.user).company
    added = messaging.add_default_templates(company)
    if added:
        messages.success(
            request,
            ngettext(
                "%(count)s suggested template was added: edit it freely.",
                "%(count)s suggested templates were added: edit them freely.",
                len(added),
            )
            % {"count": len(added)},
        )
    return redirect("employer_message_templates")
