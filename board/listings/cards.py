"""Job cards: what a card shows, what it costs, and how it is cached. Read this before
adding anything to a card.

A card (templates/includes/job_card.html) shows the job's title (a link to it), its
company's name and verified badge, workplace and first place ("and 2 more"), job type,
experience level, category, its company's response badge (board/applications/
responsiveness.py), pay in the job's currency and, approximately, in the
visitor's ("≈ $55,000", converted_pay below), and how long ago it was posted; then,
per visitor, a Save button (a sign-in link for anonymous visitors) and an "Applied" badge.

What it costs:

* **No query of its own.** Lists fetch their jobs with for_cards(): the job row
  carries its company's and category's names, the company's badges come through
  one join, and a signed-in visitor's saved and applied flags are annotations. The
  columns loaded are CARD_FIELDS: reading a column not in it costs one query per
  card, which the query-count tests of every list page catch.
* **Rendering** the text costs about 0.35 ms a card (Django's template engine, and
  Babel's money formatting), a third of a search page without a cache. So the text
  (includes/job_card_summary.html) is kept in a `{% cache %}` fragment in each
  process's memory (the "fragments" cache), under a key of what it is made of
  (cache_key): the job (its id and `updated` stamp, which every save() sets), the
  two names its row copies (company and category renames update those in bulk,
  without the stamp), its company's badge, and what every card of the page shares
  (CardSettings: today's date, the display currency, the exchange rates). Any
  change is a new key, so a cached card is never stale and nothing invalidates it,
  in every deployment. The Save button and the "Applied" badge differ per visitor
  and stay outside. A hit costs one key and one memory look-up.

So: something shown from the job's own row needs only to be in CARD_FIELDS.
Something from another row must also go into cache_key, as the badge, the count
of other locations and the company's logo are. board/tests/listings/test_cards.py
checks that a change to each shown field reaches the card at once.

The company's avatar (issue 19, templatetags/look_tags.py) is its logo, fetched by
the browser from the company_logo view (lazy, with a fixed size so nothing jumps),
or its initial on a colour derived from its name. for_cards annotates the company's
slug and the logo's file name, only when the logo may be shown (Company.shows_logo),
through the same join: no query per card.
"""

from typing import NamedTuple
from urllib.parse import quote

from django.db.models import Case, CharField, Exists, F, OuterRef, Value, When
from django.db.models.functions import NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, gettext, pgettext

from board.applications.models import Application, SavedJob
from board.currencies import rates as currencies
from board.jobs.models import JobLocation, SubqueryCount
from board.scanning.uploads import SERVABLE


class CardSettings(NamedTuple):
    """What every card of a page shares; worked out once per page (card_settings)."""

    currency: str  # pay is also shown converted to it
    rates: dict  # with these exchange rates
    sign_in: str  # the Save link of anonymous visitors: sign in, then back to this page
    key: str  # what of these the cards' text shows, for its cache key: today's date
    # ("posted N days ago"), the currency and the rates
    save: str  # "Save" in the page's language, translated once rather than on each card


def card_settings(request, currency=None, rates=None):
    """CardSettings of a page at `request`'s URL, showing pay in `currency` (default:
    USD, else euros) with `rates` (default: the stored exchange rates)."""
    rates = currencies.rates() if rates is None else rates
    currency = currency or currencies.default_display(rates)
    here = quote(request.get_full_path(), safe="/")  # as the urlencode filter
    sign_in = f"{reverse('account_login')}?next={here}"
    # The language too: a card's words and numbers are the page's (docs/i18n.md).
    key = f"{get_language()}:{timezone.localdate()}:{currency}:{sorted(rates.items())}"
    return CardSettings(currency, rates, sign_in, key, pgettext("a job", "Save"))


def cache_key(job, cards):
    """What a card's text is made of, for its `{% cache %}` key (includes/job_card.html):
    the job's id and `updated` stamp (every save() sets it), the names its row copies
    (renames update them in bulk, without the stamp), its company's badge, and the
    page's CardSettings.key. Something a card shows from another row joins it here."""
    return (
        f"{job.pk}:{job.updated.timestamp()}:{job.company_name}:{job.category_name}:"
        f"{job.company_verified}:{getattr(job, 'other_locations', 0)}:"
        f"{getattr(job, 'company_response_days', None)}:"
        f"{getattr(job, 'company_response_rate', None)}:"
        f"{getattr(job, 'company_slug', '')}:{getattr(job, 'company_logo', '')}:{cards.key}"
    )


def context_processor(request):
    """`cards` for every template: the page's default CardSettings, worked out only
    if a card is shown. A list with a currency of its own (the search) passes its own."""
    return {"cards": SimpleLazyObject(lambda: card_settings(request))}


def converted_pay(job, display, rates):
    """The job's pay range in `display`, approximately: '≈ $46,000–$55,000'.

    '' when there is nothing to convert (no salary, or already in `display`);
    None when the job's currency has no exchange rate.
    """
    low, high = job.salary_min, job.salary_max
    if (low is None and high is None) or job.salary_currency == display:
        return ""
    convert = currencies.converter(job.salary_currency, display, rates)
    if convert is None:
        return None
    amounts = sorted({currencies.approximate(convert(n)) for n in (low, high) if n is not None})
    shown = [currencies.format_money(amount, display) for amount in amounts]
    if len(shown) == 1:
        return f"≈ {shown[0]}"
    # Words, not only a dash, in Arabic: a dash between amounts reads ambiguously right to left.
    return "≈ " + gettext("%(low)s–%(high)s") % {"low": shown[0], "high": shown[1]}


# The columns a card needs: what it shows (see above), its cache key's stamp, and
# what its Save button checks. Lists load only these: the description, by far the
# largest column, is never on a card, and each column more costs every card time.
CARD_FIELDS = (
    "slug", "title", "workplace", "city", "region", "country", "employment_type",
    "experience_level", "salary_min", "salary_max", "salary_currency", "salary_period",
    "published_at", "company_name", "category_name", "status", "expires_at", "updated",
    "language",  # the title's lang attribute (docs/i18n.md)
)  # fmt: skip


def for_cards(jobs, user):
    """The jobs with what their cards show, in the same query as the jobs.

    The job's own row already carries its company's and category's names (copied by
    save(), for the search document), so only the company's badges and avatar are
    looked up, through one join, and no company or category objects are built for
    each card. A list joins them only where it reads the jobs it shows: a search or a
    company page passes this queryset as the `rows` its page is read from by id
    (board/listings/search.py JobSearch, board/listings/paging.py ranked_page), and
    counts and sorts its matches without it. Five subqueries did the same work before
    the join: 7 % more of a search's instructions, 10 % of the home page's.

    For a signed-in visitor, `is_saved` and `has_applied` (an active application)
    too, so a card shows both without a query of its own.
    """
    # "Lisbon, Portugal and 2 more": the first location is the job row's copy, the
    # others are counted from the index of the job's locations.
    others = JobLocation.objects.filter(job=OuterRef("pk"), position__gt=0).order_by()
    jobs = jobs.annotate(
        company_verified=F("company__verified"),
        other_locations=SubqueryCount(others.values("job_id")),
        # The company's response badge, stored by a daily task (responsiveness.py).
        company_response_days=F("company__response_days"),
        company_response_rate=F("company__response_rate"),
        # The avatar (templatetags/look_tags.py): the logo's file name, None when there
        # is none or it may not be shown (Company.shows_logo: not in quarantine).
        company_slug=F("company__slug"),
        company_logo=Case(
            When(company__logo_scan__in=SERVABLE, then=NullIf("company__logo", Value(""))),
            default=None,
            output_field=CharField(),
        ),
    ).only(*CARD_FIELDS)
    if not user.is_authenticated:
        return jobs
    return jobs.annotate(
        is_saved=Exists(SavedJob.objects.filter(user=user, job=OuterRef("pk"))),
        has_applied=Exists(Application.objects.active().filter(applicant=user, job=OuterRef("pk"))),
    )
