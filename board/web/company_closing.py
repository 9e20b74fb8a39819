"""Close the company: its owner's last step with it (board/companies/closing.py).
A page that says what closing does and asks for the company's name, then a POST.
Owners only: a recruiter gets 403 as on the team page, an account with no company
the 404 of a missing one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from board.companies import closing
from board.companies.lookups import membership_or_404
from board.companies.team import OWNERS_ONLY, TeamRefusal
from board.web.employer import employer_required


@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
@employer_required
def close_company(request):
    membership = membership_or_404(request.user)
    if not membership.is_owner:
        raise PermissionDenied(_(OWNERS_ONLY))
    company = membership.company
    error = ""
    if request.method == "POST":
        try:
            ended = closing.close_company(
                company, by=request.user, confirm_name=request.POST.get("name", "")
            )
        except TeamRefusal as refusal:
            error = str(refusal)
        else:
            messages.success(
                request,
                ngettext(
                    "%(company)s is closed: %(count)s job ended and the team removed. You can "
                    "now delete your account, or create a new company.",
                    "%(company)s is closed: %(count)s jobs ended and the team removed. You can "
                    "now delete your account, or create a new company.",
                    ended,
                )
                % {"company": company.name, "count": ended},
            )
            return redirect("account_email")
    context = {
        "company": company,
        "error": error,
        "live_jobs": company.jobs.filter(status__in=closing.LIVE).count(),
        "other_jobs": company.jobs.filter(status__in=closing.NOT_YET_LIVE).count(),
        "members": company.memberships.count(),
    }
    return TemplateResponse(request, "employer/close_company.html", context)
