from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def salary_range(job):
    """'USD 80,000–100,000 per year', 'from EUR 30 per hour', or '' when unknown."""
    low, high = job.salary_min, job.salary_max
    if low is None and high is None:
        return ""
    period = job.get_salary_period_display()
    currency = job.salary_currency
    if low is not None and high is not None and low != high:
        return f"{currency} {intcomma(low)}–{intcomma(high)} {period}"
    if low is not None and high is None:
        return f"from {currency} {intcomma(low)} {period}"
    if low is None:
        return f"up to {currency} {intcomma(high)} {period}"
    return f"{currency} {intcomma(low)} {period}"


@register.filter
def page_range(paginator, number):
    """A short list of page numbers around the current one, with ellipses."""
    return paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
