"""The employer's side, /employer/: the dashboard, the company, the team and invitations.

Every page acts for the signed-in user's own company (an account belongs to
at most one), fetched in the view: objects of other companies are 404, as if
they did not exist. Pages carry the company's data, so they are never cached.
The dashboard, posting and managing jobs are in employer_jobs.py.
"""

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from board.accounts.rules import employer_refusal
from board.companies import team as team_workflow
from board.companies.forms import CompanyForm, InvitationForm
from board.companies.lookups import membership_or_404
from board.companies.models import Company, Membership
from board.core.stored_files import delete_after_commit

logger = logging.getLogger(__name__)


def employer_required(view):
    """Signed in (else to login), an employer account, with a verified e-mail address.

    Others get a page saying why (403) rather than a bare refusal: a job
    seeker who followed a link here learns that posting needs another account.
    """

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        reason = employer_refusal(request.user)  # rules.NOT_EMPLOYER or UNVERIFIED
        if reason is not None:
            return TemplateResponse(
                request, "employer/not_employer.html", {"reason": reason}, status=403
            )
        return view(request, *args, **kwargs)

    return wrapper


def _owner_membership(request):
    """The membership of a company owner; a recruiter may look but not change (403)."""
    membership = membership_or_404(request.user)
    if not membership.is_owner:
        raise PermissionDenied(_(team_workflow.OWNERS_ONLY))
    return membership


# The company


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def company_create(request):
    if Membership.objects.of_user(request.user) is not None:
        messages.info(request, _(team_workflow.ALREADY_IN_A_COMPANY))
        return redirect("employer_company")
    form = CompanyForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "employer/company_create.html", {"form": form})
    try:
        company = team_workflow.create_company(request.user, form.save(commit=False)).company
    except team_workflow.TeamRefusal as refusal:
        messages.error(request, str(refusal))
        return redirect("employer_dashboard")
    messages.success(
        request, _("%(company)s is set up. Post your first job!") % {"company": company.name}
    )
    return redirect("employer_dashboard")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def company_edit(request):
    membership = membership_or_404(request.user)
    company = membership.company
    if request.method == "POST" and not membership.is_owner:
        raise PermissionDenied(_(team_workflow.OWNERS_ONLY))
    old_logo = company.logo.name
    # The form works on its own copy: the page's header keeps the saved name
    # while the form shows what was typed.
    editing = Company.objects.get(pk=company.pk)
    form = CompanyForm(request.POST or None, request.FILES or None, instance=editing)
    context = {"form": form, "company": company, "is_owner": membership.is_owner}
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "employer/company_form.html", context)
    form.save()
    if old_logo and old_logo != editing.logo.name:
        delete_after_commit([old_logo], editing.logo.storage)  # replaced or removed
    messages.success(request, _("Your company profile was saved."))
    return redirect("employer_company")


# The team and invitations


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def team(request):
    membership = membership_or_404(request.user)
    company = membership.company
    if request.method == "POST" and not membership.is_owner:
        raise PermissionDenied(_(team_workflow.OWNERS_ONLY))
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = team_workflow.invite(company, form.cleaned_data["email"], by=request.user)
        except team_workflow.TeamRefusal as refusal:
            form.add_error("email", str(refusal))
        else:
            messages.success(
                request, _("Invitation sent to %(email)s.") % {"email": invitation.email}
            )
            return redirect("employer_team")
    context = {
        "company": company,
        "membership": membership,
        "is_owner": membership.is_owner,
        "members": company.memberships.select_related("user").order_by("created", "id"),
        "invitations": company.invitations.filter(accepted_at__isnull=True),
        "form": form if membership.is_owner else None,
    }
    return TemplateResponse(request, "employer/team.html", context)


@require_POST
@never_cache
@employer_required
def remove_member(request, pk):
    company = _owner_membership(request).company
    member = get_object_or_404(company.memberships.select_related("user"), pk=pk)
    try:
        team_workflow.remove_member(member, by=request.user)
    except team_workflow.TeamRefusal as refusal:
        messages.error(request, str(refusal))
        return redirect("employer_team")
    messages.success(
        request, _("%(email)s was removed from the team.") % {"email": member.user.email}
    )
    return redirect("employer_team")


@require_POST
@never_cache
@employer_required
def revoke_invitation(request, pk):
    company = _owner_membership(request).company
    invitation = get_object_or_404(company.invitations.filter(accepted_at__isnull=True), pk=pk)
    team_workflow.revoke_invitation(invitation, by=request.user)
    messages.success(
        request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email}
    )
    return redirect("employer_team")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@login_required
def accept_invitation(request, token):
    try:
        if request.method == "POST":
            membership = team_workflow.accept_invitation(request.user, token)
            messages.success(
                request, _("Welcome to %(company)s!") % {"company": membership.company.name}
            )
            return redirect("employer_dashboard")
        context = {"invitation": team_workflow.open_invitation(request.user, token)}
        status = 200
    except team_workflow.TeamRefusal as refusal:
        # A GET shows why the link cannot be used; a refused POST is a bad request.
        context = {"invitation": None, "problem": str(refusal)}
        status = 400 if request.method == "POST" else 200
    response = TemplateResponse(request, "employer/invitation.html", context, status=status)
    # The URL holds the token: it must never reach another site in a Referer. Set here, not
    # left to the site-wide setting, so that this page keeps it whatever that becomes; and
    # "same-origin" rather than "no-referrer", under which Chromium posts the Join form
    # with "Origin: null" and Django's CSRF check refuses it.
    response.headers["Referrer-Policy"] = "same-origin"
    return response
