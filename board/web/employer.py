"""The employer's side, /employer/: the dashboard, the company, the team and invitations.

Every page acts for the signed-in user's own company (an account belongs to
at most one), fetched in the view: objects of other companies are 404, as if
they did not exist. Pages carry the company's data, so they are never cached.
The dashboard, posting and managing jobs are in employer_jobs.py.
"""

import logging
from functools import wraps

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from board.companies import invitations
from board.companies.forms import CompanyForm, InvitationForm
from board.companies.lookups import membership_or_404
from board.companies.models import Company, Invitation, Membership
from board.notifications.models import Notification
from board.notifications.outbox import notify

logger = logging.getLogger(__name__)


def employer_required(view):
    """Signed in (else to login), an employer account, with a verified e-mail address.

    Others get a page saying why (403) rather than a bare refusal: a job
    seeker who followed a link here learns that posting needs another account.
    """

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_employer:
            return TemplateResponse(
                request, "employer/not_employer.html", {"reason": "role"}, status=403
            )
        if not EmailAddress.objects.filter(user=user, verified=True).exists():
            return TemplateResponse(
                request, "employer/not_employer.html", {"reason": "unverified"}, status=403
            )
        return view(request, *args, **kwargs)

    return wrapper


def _owner_membership(request):
    """The membership of a company owner; a recruiter may look but not change (403)."""
    membership = membership_or_404(request.user)
    if membership.role != Membership.Role.OWNER:
        raise PermissionDenied("Only the company's owner can do this.")
    return membership


# The company


def _unique_slug(name):
    base = slugify(name)[:120].strip("-") or "company"
    slug, n = base, 1
    while Company.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def company_create(request):
    if Membership.objects.of_user(request.user) is not None:
        messages.info(request, "You already belong to a company.")
        return redirect("employer_company")
    form = CompanyForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "employer/company_create.html", {"form": form})
    try:
        with transaction.atomic():
            company = form.save(commit=False)
            company.slug = _unique_slug(company.name)
            company.save()
            # One company per account is a database constraint: a second tab
            # creating another company at the same moment fails here.
            Membership.objects.create(
                company=company, user=request.user, role=Membership.Role.OWNER
            )
    except IntegrityError:
        if company.logo:
            company.logo.storage.delete(company.logo.name)
        messages.error(
            request, "Your account already belongs to a company, or that name was just taken."
        )
        return redirect("employer_dashboard")
    logger.info("company %s created by user %s", company.pk, request.user.pk)
    messages.success(request, f"{company.name} is set up. Post your first job!")
    return redirect("employer_dashboard")


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def company_edit(request):
    membership = membership_or_404(request.user)
    company = membership.company
    is_owner = membership.role == Membership.Role.OWNER
    if request.method == "POST" and not is_owner:
        raise PermissionDenied("Only the company's owner can edit it.")
    old_logo = company.logo.name
    # The form works on its own copy: the page's header keeps the saved name
    # while the form shows what was typed.
    editing = Company.objects.get(pk=company.pk)
    form = CompanyForm(request.POST or None, request.FILES or None, instance=editing)
    context = {"form": form, "company": company, "is_owner": is_owner}
    if request.method != "POST" or not form.is_valid():
        return TemplateResponse(request, "employer/company_form.html", context)
    form.save()
    if old_logo and old_logo != editing.logo.name:
        editing.logo.storage.delete(old_logo)  # replaced or removed
    messages.success(request, "Your company profile was saved.")
    return redirect("employer_company")


# The team and invitations


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def team(request):
    membership = membership_or_404(request.user)
    company = membership.company
    is_owner = membership.role == Membership.Role.OWNER
    if request.method == "POST" and not is_owner:
        raise PermissionDenied("Only the company's owner can invite people.")
    form = InvitationForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            invitation = form.save(invited_by=request.user)
            notify(Notification.Kind.INVITATION, invitation.pk)
        logger.info("invitation %s sent for company %s", invitation.pk, company.pk)
        messages.success(request, f"Invitation sent to {invitation.email}.")
        return redirect("employer_team")
    context = {
        "company": company,
        "membership": membership,
        "is_owner": is_owner,
        "members": company.memberships.select_related("user").order_by("created", "id"),
        "invitations": company.invitations.filter(accepted_at__isnull=True),
        "form": form if is_owner else None,
    }
    return TemplateResponse(request, "employer/team.html", context)


@require_POST
@never_cache
@employer_required
def remove_member(request, pk):
    company = _owner_membership(request).company
    member = get_object_or_404(company.memberships.select_related("user"), pk=pk)
    with transaction.atomic():
        # Locked, so two owners removing each other at once leave one behind.
        owners = list(company.memberships.select_for_update().filter(role=Membership.Role.OWNER))
        if member.role == Membership.Role.OWNER and len(owners) == 1:
            messages.error(request, "A company needs an owner: you cannot remove the last one.")
            return redirect("employer_team")
        member.delete()
    logger.info("membership %s removed from company %s", pk, company.pk)
    messages.success(request, f"{member.user.email} was removed from the team.")
    return redirect("employer_team")


@require_POST
@never_cache
@employer_required
def revoke_invitation(request, pk):
    company = _owner_membership(request).company
    invitation = get_object_or_404(company.invitations.filter(accepted_at__isnull=True), pk=pk)
    invitation.delete()  # the signed link now points to nothing
    messages.success(request, f"The invitation to {invitation.email} was revoked.")
    return redirect("employer_team")


def _invitation_problem(user, token):
    """(invitation, why it cannot be accepted by `user`, or "")."""
    try:
        invitation_id = invitations.invitation_id_from_token(token)
    except invitations.InvalidInvitationToken:
        return None, "This invitation link has expired or is not valid. Ask for a new one."
    invitation = Invitation.objects.select_related("company").filter(pk=invitation_id).first()
    if invitation is None:
        return None, "This invitation was withdrawn. Ask the company for a new one."
    if invitation.accepted_at is not None:
        return invitation, "This invitation has already been used."
    if invitations.is_expired(invitation):
        return invitation, "This invitation has expired. Ask the company for a new one."
    if not user.is_employer:
        return invitation, (
            "You are signed in with a job seeker account. Sign out, then sign up or sign in "
            "with an employer account (“I want to hire”) for the invited address."
        )
    # The invited address must be this account's, and proven to be: whoever
    # holds a forwarded link cannot join with another account.
    if user.email.lower() != invitation.email.lower():
        return invitation, (
            "This invitation was sent to another e-mail address. Sign out, then sign in "
            "with the invited address to accept it."
        )
    if not EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True).exists():
        return invitation, "Please verify your e-mail address first, then open this link again."
    if Membership.objects.filter(user=user).exists():
        return invitation, "Your account already belongs to a company; it can belong to one only."
    return invitation, ""


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@login_required
def accept_invitation(request, token):
    invitation, problem = _invitation_problem(request.user, token)
    if request.method == "POST" and not problem:
        problem = _accept(invitation, request.user)
        if not problem:
            messages.success(request, f"Welcome to {invitation.company.name}!")
            return redirect("employer_dashboard")
    status = 400 if problem and request.method == "POST" else 200
    context = {"invitation": invitation, "problem": problem}
    response = TemplateResponse(request, "employer/invitation.html", context, status=status)
    # The URL holds the token: it must never reach another site in a Referer. Set here, not
    # left to the site-wide setting, so that this page keeps it whatever that becomes; and
    # "same-origin" rather than "no-referrer", under which Chromium posts the Join form
    # with "Origin: null" and Django's CSRF check refuses it.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _accept(invitation, user):
    """Join the company; returns a problem if the link was used meanwhile, else ""."""
    try:
        with transaction.atomic():
            # Locked: two tabs accepting at once make one membership.
            fresh = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
            if fresh is None or fresh.accepted_at is not None:
                return "This invitation is no longer valid."
            Membership.objects.create(company_id=fresh.company_id, user=user, role=fresh.role)
            fresh.accepted_at, fresh.accepted_by = timezone.now(), user
            fresh.save(update_fields=["accepted_at", "accepted_by"])
    except IntegrityError:
        return "Your account already belongs to a company; it can belong to one only."
    logger.info("invitation %s accepted by user %s", invitation.pk, user.pk)
    return ""
