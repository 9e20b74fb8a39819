"""The job-card cache (board/listings/cards.py) must never serve a stale card: whatever changes
what a card shows must change its key."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import caches
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_countries.fields import CountryField

from board.jobs.models import Job
from board.listings import cards
from board.tests.factories import JobFactory, SeekerFactory

pytestmark = pytest.mark.django_db


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


def _fresh_summary(job):
    return render_to_string(cards.TEMPLATE, {"job": job})


@pytest.fixture
def job():
    created = JobFactory(
        city="Lisbon", country="PT", salary_min=50_000, salary_max=70_000, company__verified=False
    )
    return cards.for_cards(Job.objects.all(), AnonymousUser()).get(
        pk=created.pk
    )  # as lists fetch the jobs they show


def test_every_change_that_shows_on_the_card_changes_its_key(job):
    shown = []
    for field in job._meta.concrete_fields:
        before_value = field.value_from_object(job)
        after_value = _other_value(field, before_value)
        if after_value is None:
            continue
        html, key = _fresh_summary(job), cards.summary_key(job)
        setattr(job, field.attname, after_value)
        if _fresh_summary(job) != html:
            shown.append(field.name)
            assert cards.summary_key(job) != key, f"job.{field.name} is shown but not keyed"
        setattr(job, field.attname, before_value)
    # The test is only as good as its mutations: these must have been seen to show.
    expected = {"title", "workplace", "city", "country", "employment_type", "salary_min"}
    assert expected | {"company_name", "category_name"} <= set(shown)


def test_the_verified_badge_changes_the_key(job):
    html, key = _fresh_summary(job), cards.summary_key(job)
    job.company_verified = True
    assert "Verified" in _fresh_summary(job) and "Verified" not in html
    assert cards.summary_key(job) != key


def test_a_cached_card_is_served_until_what_it_shows_changes(client, job):
    caches["fragments"].clear()
    client.force_login(SeekerFactory())  # signed in: the results themselves are not cached
    job_list = reverse("job_list")
    assert job.title in client.get(job_list).text
    assert caches["fragments"].get(
        cards.summary_key(cards.for_cards(Job.objects.all(), AnonymousUser()).get(pk=job.pk))
    )

    job.title = "Chief Tea Officer"
    job.save()
    assert "Chief Tea Officer" in client.get(job_list).text

    job.company.verified = True
    job.company.save()
    html = client.get(job_list).text
    assert '<span class="badge text-bg-success">Verified</span>' in html


def test_a_list_of_cards_works_out_today_once(client, monkeypatch):
    JobFactory.create_batch(5)
    client.force_login(SeekerFactory())  # signed in: the results themselves are not cached
    client.get(reverse("job_list"))  # the five cards are now cached
    calls, real_localdate = [], timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda *a: calls.append(a) or real_localdate(*a))
    html = client.get(reverse("job_list")).text
    assert html.count("posted today") == 5
    assert calls == [()]  # once for the page, not once per card
