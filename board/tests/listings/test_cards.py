"""Job cards (board/listings/cards.py): their cached text must never be stale. Whatever changes
what a card shows must reach it at once, from any process: the card's cache key is made of what
the card is made of, not of the jobs version.

Signed-in visitors here: their results are not cached as a whole, so each page shows the cards
from the card cache.
"""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.db import connection, models
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from board.currencies.models import ExchangeRate
from board.jobs.models import Job
from board.listings import cards as card_module
from board.tests.factories import CategoryFactory, JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db

JOBS = reverse("job_list")
# A card's text: everything but the per-visitor Save button and Applied badge.
CARD_TEXT = re.compile(r'<article class="card job-card.*?(?=<div class="d-flex flex-column)', re.S)


@pytest.fixture(autouse=True)
def _production_without_redis(settings, client):
    # Each process's own memory cache, as in production without REDIS_URL: a change made
    # in another process cannot reach it, so the key alone must keep the card fresh.
    settings.PRODUCTION, settings.REDIS_URL = True, ""
    client.force_login(SeekerFactory())
    caches["fragments"].clear()


def cards(client, params=None):
    return CARD_TEXT.findall(client.get(JOBS, params or {}).text)


def cached_and_fresh(client, params=None):
    """The cards as the cache serves them, and as they render with no cache."""
    cached = cards(client, params)
    caches["fragments"].clear()
    return cached, cards(client, params)


def _other_value(field, value):
    """A different valid-looking value for `field`, or None to leave it alone."""
    if isinstance(field, (models.ForeignKey, models.GeneratedField, models.FileField)):
        return None
    if isinstance(field, models.ManyToManyField) or field.primary_key:
        return None
    if field.choices:
        return next(choice for choice, _ in field.flatchoices if choice not in (value, ""))
    if isinstance(field, CountryField):
        return "FR" if str(value) != "FR" else "DE"
    if isinstance(field, models.BooleanField):
        return not value
    if isinstance(field, models.IntegerField):
        return (value or 0) + 7000
    if isinstance(field, models.DateTimeField):
        return value - timedelta(days=3) if value else None
    if isinstance(field, models.CharField | models.TextField):
        return f"{value}Z"
    return None


def test_a_change_to_any_field_reaches_the_card_at_once(client):
    job = JobFactory(city="Lisbon", country="PT", salary_min=50_000, salary_max=70_000)
    shown = []
    for field in Job._meta.concrete_fields:
        if field.name in ("status", "expires_at", "updated"):
            continue  # these take the job off the list (status) or are the stamp itself
        before = cards(client)
        job.refresh_from_db()
        value = _other_value(field, field.value_from_object(job))
        if value is None:
            continue
        setattr(job, field.attname, value)
        job.save()  # as every edit does: the `updated` stamp changes
        cached, fresh = cached_and_fresh(client)
        assert cached == fresh, f"job.{field.name} changed, the cached card did not"
        if fresh != before:
            shown.append(field.name)
    # The test is only as good as its changes: these must have been seen to show.
    assert {"title", "workplace", "city", "country", "employment_type", "salary_min"} <= set(shown)


def test_company_and_category_changes_reach_the_card_at_once(client):
    job = JobFactory(company__name="Acme", company__verified=False)
    assert "Acme" in cards(client)[0] and "Verified" not in cards(client)[0]
    job.company.name, job.company.verified = "Acme Rockets", True
    job.company.save()  # copies the name to its jobs in bulk, without their stamp
    cached, fresh = cached_and_fresh(client)
    assert cached == fresh and "Acme Rockets" in cached[0] and "Verified" in cached[0]
    category = job.category
    category.name = "Rocketry"
    category.save()
    cached, fresh = cached_and_fresh(client)
    assert cached == fresh and "Rocketry" in cached[0]


def test_an_exchange_rate_change_reaches_the_converted_pay_at_once(client):
    JobFactory(salary_min=50_000, salary_max=50_000, salary_currency="EUR")
    before = cards(client)[0]
    assert "≈ $" in before
    ExchangeRate.objects.filter(currency="USD").update(rate=2)  # as another process would
    cached, fresh = cached_and_fresh(client)
    assert cached == fresh and "≈ $100,000" in cached[0]


def test_a_card_posted_yesterday_says_so_the_next_day(client, monkeypatch):
    JobFactory()
    assert "posted today" in cards(client)[0]
    tomorrow = timezone.now() + timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)
    assert "posted yesterday" in cards(client)[0]


def test_each_currency_has_its_own_cards(client):
    JobFactory(salary_min=50_000, salary_max=50_000, salary_currency="EUR")
    assert "≈ $" in cards(client)[0]
    assert "≈ £" in cards(client, {"currency": "GBP"})[0]


def test_a_cached_card_is_served_from_the_cache(client):
    job = JobFactory(title="Chief Tea Officer")
    cards(client)
    shown = card_module.for_cards(Job.objects.all(), AnonymousUser()).get(pk=job.pk)
    settings = card_module.card_settings(RequestFactory().get(JOBS))
    key = make_template_fragment_key("job_card", [card_module.cache_key(shown, settings)])
    assert caches["fragments"].get(key)
    caches["fragments"].set(key, "<p>from the cache</p>")
    assert "from the cache" in client.get(JOBS).text
    job.title = "Chief Coffee Officer"
    job.save()
    html = client.get(JOBS).text
    assert "from the cache" not in html and "Chief Coffee Officer" in html


def test_a_category_rename_is_a_new_key_too(client):
    job = JobFactory(category=CategoryFactory(name="Nursing"))
    cards(client)
    Job.objects.filter(pk=job.pk).update(category_name="Nursing and Care")  # no stamp change
    assert "Nursing and Care" in cards(client)[0]


@pytest.mark.parametrize("path", ["/jobs/?q=engineer", "/jobs/", "/companies/{slug}/"])
def test_only_the_shown_jobs_are_joined_to_their_company(client, path):
    """The cards' company fields come through one join, in the query that reads the page's
    jobs by id; the queries that count and sort the matches go without it."""
    jobs = JobFactory.create_batch(3, title="Data Engineer")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path.format(slug=jobs[0].company.slug))
    assert response.status_code == 200
    on_jobs = [q["sql"] for q in queries.captured_queries if '"board_job"' in q["sql"]]
    joined = [sql for sql in on_jobs if 'JOIN "board_company"' in sql]
    assert len(joined) == 1 and "company_verified" in joined[0]
    assert re.search(r'"board_job"\."id" IN \(\d', joined[0])  # the page's jobs, by id
