"""`{% pay_insight search %}` on the search results and `{% pay_position job %}` on a
job's page: each one include (templates/includes/pay_insight.html, pay_position.html)
and at most one query, for the precomputed distributions (board/payinsight)."""

import functools

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from board.payinsight.charts import pay_chart
from board.payinsight.insight import for_search, money, position_of

register = template.Library()


@register.simple_tag
def pay_insight(search):
    insight = for_search(search)
    return chart_html(insight, get_language()) if insight is not None else ""


@functools.lru_cache(maxsize=256)
def chart_html(insight, language):
    """The chart of a PayInsight, rendered once per process for each distinct one.

    Drawing and rendering it cost a search about 7 M instructions (14 %), for HTML that
    only its figures decide (the insight is a frozen, hashable dataclass: population,
    currency, counts, amounts), and the same few populations come back all day. When
    the page's language is in the key: the chart's words and amounts are in it.
    """
    context = {"insight": insight, "chart": pay_chart(insight)}
    return mark_safe(render_to_string("includes/pay_insight.html", context))  # noqa: S308 - our template, escaped inside


@register.inclusion_tag("includes/pay_position.html")
def pay_position(job):
    return {"position": position_of(job), "job": job}


@register.filter(name="money")
def money_filter(amount, holder):
    """`{{ insight.p50|money:insight }}`: an approximate amount in the holder's currency
    ("$65,000"): distributions are rounded, so their figures are too."""
    return money(amount, holder.currency)
