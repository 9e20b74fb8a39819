"""`{% pay_insight search %}` on the search results and `{% pay_position job %}` on a
job's page: each one include (templates/includes/pay_insight.html, pay_position.html)
and at most one query, for the precomputed distributions (board/payinsight)."""

from django import template

from board.payinsight.charts import pay_chart
from board.payinsight.insight import for_search, money, position_of

register = template.Library()


@register.inclusion_tag("includes/pay_insight.html")
def pay_insight(search):
    insight = for_search(search)
    return {"insight": insight, "chart": pay_chart(insight) if insight else None}


@register.inclusion_tag("includes/pay_position.html")
def pay_position(job):
    return {"position": position_of(job), "job": job}


@register.filter(name="money")
def money_filter(amount, holder):
    """`{{ insight.p50|money:insight }}`: an approximate amount in the holder's currency
    ("$65,000"): distributions are rounded, so their figures are too."""
    return money(amount, holder.currency)
