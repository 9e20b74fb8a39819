from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from board.currencies.rates import format_money

register = template.Library()


@register.filter
def salary_range(job):
    """'$80,000–$100,000 per year', 'from €30 per hour', or '' when unknown.

    Amounts as Babel formats the currency (board/currencies/rates.py: 'SEK 576,000', '₹500,000').
    """
    low, high = job.salary_min, job.salary_max
    if low is None and high is None:
        return ""
    period = job.get_salary_period_display()
    currency = job.salary_currency
    if low is not None and high is not None and low != high:
        amounts = {"low": format_money(low, currency), "high": format_money(high, currency)}
        return _("%(low)s–%(high)s %(period)s") % {**amounts, "period": period}
    if low is not None and high is None:
        return _("from %(amount)s %(period)s") % {
            "amount": format_money(low, currency),
            "period": period,
        }
    if low is None:
        return _("up to %(amount)s %(period)s") % {
            "amount": format_money(high, currency),
            "period": period,
        }
    return f"{format_money(low, currency)} {period}"


@register.filter
def page_range(paginator, number):
    """A short list of page numbers around the current one, None where an ellipsis goes.

    (Django gives its ELLIPSIS, a lazy translation: comparing each number with it
    translated it again, ten times a page.)"""
    pages = paginator.get_elided_page_range(number, on_each_side=2, on_ends=1)
    return [page if isinstance(page, int) else None for page in pages]


@register.simple_tag(takes_context=True)
def sign_in_here(context):
    """The sign-in URL that comes back to this page."""
    here = quote(context["request"].get_full_path(), safe="/")  # as the urlencode filter
    return f"{reverse('account_login')}?next={here}"


@register.simple_tag(takes_context=True)
def sign_in_to_save(context, job):
    """The Save button of a visitor who is not signed in: a link to sign in and come back.

    (A list of cards writes the same link with the page's CardSettings.sign_in:
    includes/job_card.html.)
    """
    return format_html(
        '<a class="btn btn-sm btn-save" href="{}"><span class="btn-save-icon" aria-hidden="true">'
        '☆</span> {}<span class="visually-hidden"> {}</span></a>',
        sign_in_here(context),
        pgettext("a job", "Save"),
        job.title,
    )
