from django import template

from board.analytics.reports import conversion as conversion_of

register = template.Library()


@register.filter
def conversion(applications, views):
    """`{{ applications|conversion:views }}`: "7.5 %", or "–" before the first view; the
    analytics page's rounding (reports.conversion), so both pages agree."""
    value = conversion_of(applications, views)
    return "–" if value is None else f"{value} %"
