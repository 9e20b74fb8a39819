from django import template

from board.applications.screening import is_knocked_out

register = template.Library()


@register.filter
def knocked_out(application):
    """Whether any of the application's answers met a knock-out rule (prefetched: no query)."""
    return is_knocked_out(application)
