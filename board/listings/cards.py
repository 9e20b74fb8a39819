"""The text of job cards, rendered once and kept in each process's memory.

A card's text depends only on the job, its company and category, today's date
("posted 3 days ago"), and the currency its pay is converted to, with that currency's
and the job's exchange rates ("≈ $55,000"). Its cache key is a digest of exactly those
values, so any change to them is a new key: a cached card is never stale, nothing has to
invalidate it, and a per-process cache is right even with many processes. The Save
button differs per visitor and is not part of it. board/tests/test_cards.py checks that
every field whose change changes the card is in the key.
"""

import hashlib

from django.core.cache import caches
from django.db.models import Exists, OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from board.applications.models import Application, SavedJob
from board.companies.models import Company
from board.currencies import rates as currencies

TEMPLATE = "includes/job_card_summary.html"
TTL = 24 * 3600  # keys change daily anyway (today's date is in them)


def shown_values(job, today=None, display=None, rates=None):
    """Everything includes/job_card_summary.html shows or links to.

    `job` comes from for_cards() below, which annotates `company_verified`;
    `today` (default: worked out here) is the date "posted N days ago" counts from;
    pay is also shown converted to `display` at `rates` (default: USD, stored rates).
    """
    display, rates = _money(display, rates)
    return (
        job.pk, job.slug, job.title, job.workplace, job.city, job.region, _country_code(job),
        job.employment_type, job.experience_level, job.salary_min, job.salary_max,
        job.salary_currency, job.salary_period, job.published_at,
        job.company_name, job.company_verified, job.category_name,
        today or timezone.localdate(),
        display, rates.get(display), rates.get(job.salary_currency),
    )  # fmt: skip


def _money(display, rates):
    rates = currencies.rates() if rates is None else rates
    return display or currencies.default_display(rates), rates


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
    return "≈ " + "–".join(currencies.format_money(amount, display) for amount in amounts)


def _country_code(job):
    # The stored code: reading job.country builds a Country object, which costs
    # about as much as the rest of the key.
    code = vars(job).get("country")
    return str(job.country) if code is None else code


def summary_key(job, today=None, display=None, rates=None):
    # str(), not repr(): a choice reads the same whether it is an enum member
    # (set in Python) or the plain string the database returns.
    text = "\x1f".join(str(value) for value in shown_values(job, today, display, rates))
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return f"card:{digest}"


def summary_html(job, today=None, display=None, rates=None):
    display, rates = _money(display, rates)
    fragments = caches["fragments"]
    key = summary_key(job, today, display, rates)
    html = fragments.get(key)
    if html is None:
        converted = converted_pay(job, display, rates)
        context = {"job": job, "converted": converted or "", "no_rate": converted is None}
        html = render_to_string(TEMPLATE, context)
        fragments.set(key, str(html), TTL)
    # HTML our template rendered and escaped, now or earlier.
    return mark_safe(html)  # noqa: S308


# The columns a job card needs: what it shows (board/listings/cards.py keys its cache on these)
# and what its Save button checks. Lists load only these: the description, by far the
# largest column, is never on a card, and each column more costs every card time.
# The columns a job card needs: what it shows (summary_key keys its cache on these)
# and what its Save button checks. Lists load only these: the description, by far the
# largest column, is never on a card, and each column more costs every card time.
CARD_FIELDS = (
    "slug", "title", "workplace", "city", "region", "country", "employment_type",
    "experience_level", "salary_min", "salary_max", "salary_currency", "salary_period",
    "published_at", "company_name", "category_name", "status", "expires_at",
)  # fmt: skip


def for_cards(jobs, user):
    """The jobs with what their cards show, in the same query as the jobs.

    The job's own row already carries its company's and category's names (copied by
    save(), for the search document), so only the company's verified badge is looked
    up, and no company or category objects are built for each card. A subquery rather
    than a join: a query that counts or ranks the jobs without selecting the badge
    (board/listings/paging.py) then leaves it out instead of joining every match.

    For a signed-in visitor, `is_saved` and `has_applied` (an active application)
    too, so a card shows both without a query of its own.
    """
    badge = Company.objects.filter(pk=OuterRef("company_id")).order_by().values("verified")
    jobs = jobs.annotate(company_verified=Subquery(badge)).only(*CARD_FIELDS)
    if not user.is_authenticated:
        return jobs
    return jobs.annotate(
        is_saved=Exists(SavedJob.objects.filter(user=user, job=OuterRef("pk"))),
        has_applied=Exists(Application.objects.active().filter(applicant=user, job=OuterRef("pk"))),
    )
