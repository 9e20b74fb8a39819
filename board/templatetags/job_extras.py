import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from board.currencies import rates as currencies
from board.listings import cards

register = template.Library()

# The same escaping as Django's json_script: inside <script>, "</script>" or
# "<!--" in a job title must not end the element, so <, > and & become \u
# escapes, which JSON parsers read back as the same characters.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def ld_json_script(data, nonce):
    """`data` as a JSON-LD <script> element (json_script's escaping, the type Google reads)."""
    payload = json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES)
    return format_html(
        '<script type="application/ld+json" nonce="{}">{}</script>',
        nonce,
        mark_safe(payload),  # noqa: S308 -- escaped just above
    )


@register.filter
def saved_by(job, user):
    """Whether `user` saved `job`.

    Lists annotate `is_saved` in their own query (board.listings.cards.for_cards);
    this falls back to one query only for a job that was fetched without it.
    """
    if not user.is_authenticated:
        return False
    annotated = getattr(job, "is_saved", None)
    if annotated is not None:
        return annotated
    return job.saves.filter(user=user).exists()


@register.filter
def days_ago(moment):
    """'today', 'yesterday' or 'N days ago'."""
    if not moment:
        return ""
    days = (timezone.localdate() - timezone.localdate(moment)).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    return f"{days} days ago"


@register.simple_tag(takes_context=True)
def job_card_summary(context, job):
    """A job card's text, from the per-process card cache (board/listings/cards.py)."""
    display, rates = _money(context)
    return cards.summary_html(job, _today(context.get("request")), display, rates)


def _money(context):
    # The search's currency choice (JobFilter) where there is one; elsewhere the
    # default, with the rates read once per request rather than once per card.
    job_filter = context.get("filter")
    if hasattr(job_filter, "display_currency"):
        return job_filter.display_currency(), job_filter.rates()
    request = context.get("request")
    if request is None:
        return None, None
    if not hasattr(request, "_cards_rates"):
        request._cards_rates = currencies.rates()
    return None, request._cards_rates


def _today(request):
    # Today's date is part of every card's key. Working it out costs more than the
    # rest of the key, so a list of 20 cards does it once and keeps it on the request.
    if request is None:
        return timezone.localdate()
    if not hasattr(request, "_cards_today"):
        request._cards_today = timezone.localdate()
    return request._cards_today
