"""Ratings in the employer's pipeline: a member rates an application (1 to 5, with
an optional comment), and the applicants page sorts and filters by the average.

The same rules as the rest of the pipeline (board/web/pipeline.py): only the
job's company's members; anyone else gets the 404 of a missing id; never cached.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from board.applications import ratings
from board.applications.lookups import company_application_or_404


def applicants_filtered(request, applications):
    """The applicants page's applications sorted and filtered by rating as the
    query string asks (?sort=rating, ?min_rating=4), and the form that shows it."""
    form = ratings.RatingFilterForm(request.GET)
    return form.apply(applications), form


@require_POST
@never_cache
@login_required
def rate_application(request, pk):
    application = company_application_or_404(request.user, pk)
    form = ratings.RatingForm(request.POST)
    saved = form.is_valid()
    if saved:
        score, comment = form.cleaned_data["score"], form.cleaned_data["comment"]
        ratings.rate_application(application, request.user, score, comment)
        application = company_application_or_404(request.user, pk)  # the new average
        form = None
    context = ratings.rating_context(application, request.user, form)
    if request.htmx:
        return TemplateResponse(request, "employer/partials/ratings.html", context)
    if not saved:
        messages.error(request, next(iter(form.errors.values()))[0])
    else:
        messages.success(request, _("Your rating was saved."))
    return redirect("employer_application", application.pk)
