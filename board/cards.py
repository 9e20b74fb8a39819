"""The text of job cards, rendered once and kept in each process's memory.

A card's text depends only on the job, its company and category, and today's date
("posted 3 days ago"). Its cache key is a digest of exactly those values, so any change
to them is a new key: a cached card is never stale, nothing has to invalidate it, and a
per-process cache is right even with many processes. The Save button differs per visitor
and is not part of it. board/tests/test_cards.py checks that every field whose change
changes the card is in the key.
"""

import hashlib

from django.core.cache import caches
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

TEMPLATE = "includes/job_card_summary.html"
TTL = 24 * 3600  # keys change daily anyway (today's date is in them)


def shown_values(job, today=None):
    """Everything includes/job_card_summary.html shows or links to.

    `job` comes from JobQuerySet.for_cards(), which annotates `company_verified`;
    `today` (default: worked out here) is the date "posted N days ago" counts from.
    """
    return (
        job.pk, job.slug, job.title, job.workplace, job.city, job.region, _country_code(job),
        job.employment_type, job.experience_level, job.salary_min, job.salary_max,
        job.salary_currency, job.salary_period, job.published_at,
        job.company_name, job.company_verified, job.category_name,
        today or timezone.localdate(),
    )  # fmt: skip


def _country_code(job):
    # The stored code: reading job.country builds a Country object, which costs
    # about as much as the rest of the key.
    code = vars(job).get("country")
    return str(job.country) if code is None else code


def summary_key(job, today=None):
    # str(), not repr(): a choice reads the same whether it is an enum member
    # (set in Python) or the plain string the database returns.
    text = "\x1f".join(str(value) for value in shown_values(job, today))
    digest = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
    return f"card:{digest}"


def summary_html(job, today=None):
    fragments = caches["fragments"]
    key = summary_key(job, today)
    html = fragments.get(key)
    if html is None:
        html = render_to_string(TEMPLATE, {"job": job})
        fragments.set(key, str(html), TTL)
    # HTML our template rendered and escaped, now or earlier.
    return mark_safe(html)  # noqa: S308
