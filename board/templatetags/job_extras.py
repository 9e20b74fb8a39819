import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from board.listings import cards as cards_module

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
    """'today', 'yesterday' or 'N days ago', in the page's language (after "Posted")."""
    if not moment:
        return ""
    days = (timezone.localdate() - timezone.localdate(moment)).days
    if days <= 0:
        return _("today")
    if days == 1:
        return _("yesterday")
    return ngettext("%(days)s day ago", "%(days)s days ago", days) % {"days": days}


@register.filter
def place_names(places):
    """ "Texas, European Union": names, not labels, for a sentence ("Remote from …")."""
    return ", ".join(place.name for place in places)


@register.filter
def converted_pay(job, cards):
    """The job's pay in the page's currency (`cards`: board.listings.cards.CardSettings)."""
    return cards_module.converted_pay(job, cards.currency, cards.rates)


@register.filter
def card_cache_key(job, cards):
    """What a card's cached text is made of (board/listings/cards.py cache_key)."""
    return cards_module.cache_key(job, cards)
