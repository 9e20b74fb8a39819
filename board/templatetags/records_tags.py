"""The employer's records on pages, each included with one line:

{% load records_tags %}{% application_ratings application %}  the detail page's ratings
{% load records_tags %}{% response_badge company %}           a company's response badge
"""

from django import template
from django.conf import settings

from board.applications.ratings import rating_context

register = template.Library()


@register.inclusion_tag("employer/partials/ratings.html", takes_context=True)
def application_ratings(context, application):
    # The page's own context (csrf_token, request) plus everyone's ratings and the
    # member's form; the page's view has already checked the member may see it.
    return {**context.flatten(), **rating_context(application, context["request"].user)}


@register.inclusion_tag("includes/response_badge.html")
def response_badge(company):
    """The badge and its explanation, with the thresholds it was worked out with."""
    return {
        "company": company,
        "window_days": settings.RESPONSE_BADGE_WINDOW_DAYS,
        "min_applications": settings.RESPONSE_BADGE_MIN_APPLICATIONS,
    }
