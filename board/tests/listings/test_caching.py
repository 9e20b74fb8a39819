"""Cached listings (board/listings/caching.py): what is cached, for whom; changes show at once.

These run on the test settings' local-memory cache; board/tests/integration/ runs the same
ideas against a real Redis. `committed` runs a block as if its transaction had committed, so
the on_commit version bump in Job/Company/Category.save() happens as in production.
"""

import re

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.core import listing_version
from board.jobs.models import Category
from board.tests.factories import (
    CategoryFactory,
    CompanyFactory,
    JobFactory,
    SavedJobFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

HOME = reverse("home")
JOBS = reverse("job_list")
HTMX = {"HX-Request": "true", "HX-Target": "results"}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def queries_of(client, url, params=None):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def titles(response):
    return re.findall(r'class="stretched-link text-decoration-none">([^<]+)</a>', response.text)


class TestVersion:
    def test_a_job_save_bumps_it_after_the_commit_only(self, committed):
        job = JobFactory()
        before = listing_version.jobs_version()
        with committed():
            job.close()
            assert listing_version.jobs_version() == before  # not while the change is uncommitted
        assert listing_version.jobs_version() == before + 1

    def test_a_rolled_back_change_leaves_it(self, committed):
        job = JobFactory()
        before = listing_version.jobs_version()
        with committed(), pytest.raises(RuntimeError), transaction.atomic():
            job.close()
            raise RuntimeError
        assert listing_version.jobs_version() == before

    @pytest.mark.parametrize("factory", [CompanyFactory, CategoryFactory])
    def test_company_and_category_saves_bump_it(self, committed, factory):
        thing = factory()
        before = listing_version.jobs_version()
        with committed():
            thing.name = "Renamed"
            thing.save()
        assert listing_version.jobs_version() == before + 1

    def test_a_lost_version_restarts_above_every_old_one(self):
        old = listing_version.jobs_version()
        cache.delete(listing_version.JOBS_VERSION_KEY)  # evicted, or Redis restarted empty
        listing_version.bump_jobs_version()
        assert listing_version.jobs_version() > old


class TestJobList:
    def test_a_repeat_anonymous_visit_queries_nothing(self, client, django_assert_num_queries):
        JobFactory.create_batch(3)
        first = client.get(JOBS, {"workplace": "on_site"})
        with django_assert_num_queries(0):
            second = client.get(JOBS, {"workplace": "on_site"})
        assert titles(second) == titles(first) and len(titles(first)) == 3
        assert second.context["count"] == 3

    def test_the_cached_results_are_the_fresh_results(self, client):
        JobFactory.create_batch(3)
        section = re.compile(r'<section id="results".*?</section>', re.S)
        fresh = section.search(client.get(JOBS).text).group()
        assert section.search(client.get(JOBS).text).group() == fresh

    def test_publish_edit_and_close_show_at_once(self, client, committed):
        job = JobFactory(title="Orbital Mechanic")
        draft = JobFactory(title="Lunar Geologist", draft=True)
        assert titles(client.get(JOBS)) == ["Orbital Mechanic"]
        with committed():
            draft.publish()
        assert set(titles(client.get(JOBS))) == {"Orbital Mechanic", "Lunar Geologist"}
        with committed():
            job.title = "Orbital Engineer"
            job.save()
        assert "Orbital Engineer" in titles(client.get(JOBS))
        with committed():
            job.close()
        assert titles(client.get(JOBS)) == ["Lunar Geologist"]

    def test_company_name_and_verified_badge_show_at_once(self, client, committed):
        job = JobFactory(company=CompanyFactory(name="Acme"))
        assert "Acme" in client.get(JOBS).text and "Verified" not in client.get(JOBS).text
        with committed():
            job.company.name, job.company.verified = "Acme Rockets", True
            job.company.save()
        html = client.get(JOBS).text
        assert "Acme Rockets" in html and "Verified" in html

    def test_a_new_category_is_a_valid_choice_at_once(self, client, committed):
        JobFactory()
        client.get(JOBS)
        with committed():
            JobFactory(title="Nurse", category=CategoryFactory(name="Nursing", slug="nursing"))
        response = client.get(JOBS, {"category": "nursing"})
        assert titles(response) == ["Nurse"] and not response.context["filter"].form.errors

    def test_the_cached_search_form_shows_each_query_and_category_renames(self, client, committed):
        category = CategoryFactory(name="Nursing", slug="nursing")
        JobFactory(category=category)
        assert 'value="python"' in client.get(JOBS, {"q": "python"}).text
        html = client.get(JOBS, {"q": "rust"}).text
        assert 'value="rust"' in html and 'value="python"' not in html
        with committed():
            category.name = "Nursing and Care"
            category.save()
        assert '<option value="nursing">Nursing and Care</option>' in client.get(JOBS).text

    def test_signed_in_visitors_get_fresh_html_with_their_saves(self, client):
        job = JobFactory()
        client.get(JOBS)  # the anonymous entry is warm
        seeker = SeekerFactory()
        SavedJobFactory(user=seeker, job=job)
        client.force_login(seeker)
        html = client.get(JOBS).text
        assert f'action="/jobs/{job.pk}/unsave/"' in html
        assert "Email me jobs like these" in html and 'name="frequency"' in html

    def test_parameter_order_and_blank_values_share_an_entry(
        self, client, django_assert_num_queries
    ):
        JobFactory(workplace="remote", title="Remote Developer")
        # htmx, which sends every field of the form (a plain GET with blanks is redirected
        # to the clean URL first: test_clean_search_urls.py).
        htmx = {"HX-Request": "true", "HX-Target": "results"}
        client.get(JOBS, {"q": "developer", "workplace": "remote"}, headers=htmx)
        with django_assert_num_queries(0):
            response = client.get(f"{JOBS}?workplace=remote&location=&q=developer", headers=htmx)
        assert titles(response) == ["Remote Developer"]

    def test_another_visitors_parameters_never_appear(self, client):
        JobFactory()
        client.get(JOBS, {"q": "", "utm_source": "elsewhere"})
        assert "elsewhere" not in client.get(JOBS).text

    @pytest.mark.parametrize("params", [{"page": "4"}, {"page": "abc"}, {"salary_min": "-5"}])
    def test_later_pages_and_invalid_searches_are_not_cached(self, client, params):
        JobFactory()
        client.get(JOBS, params)
        assert queries_of(client, JOBS, params) > 0

    def test_full_page_and_htmx_fragment_are_kept_apart(self, client):
        JobFactory()
        page = client.get(JOBS).text
        fragment = client.get(JOBS, headers=HTMX).text
        assert 'hx-swap-oob="true"' in fragment and "<html" not in fragment
        assert 'hx-swap-oob="true"' not in page and "<html" in page
        assert 'hx-swap-oob="true"' in client.get(JOBS, headers=HTMX).text  # from the cache

    def test_every_page_has_its_own_csrf_token(self, client_factory):
        JobFactory()
        pattern = re.compile(r'"X-CSRFToken": "([^"]+)"')
        tokens = set()
        for _ in range(2):
            visitor = client_factory()
            response = visitor.get(JOBS)
            tokens.add(pattern.search(response.text).group(1))
            assert "csrftoken" in response.cookies
        assert len(tokens) == 2

    def test_no_listing_cache_in_production_without_redis(self, client, settings):
        settings.PRODUCTION, settings.REDIS_URL = True, ""
        JobFactory()
        client.get(JOBS)
        assert queries_of(client, JOBS) > 0


class TestHome:
    def test_a_repeat_anonymous_visit_queries_nothing(self, client, django_assert_num_queries):
        JobFactory.create_batch(2)
        first = client.get(HOME)
        with django_assert_num_queries(0):
            second = client.get(HOME)
        assert titles(second) == titles(first) and len(titles(first)) == 2

    def test_tiles_and_latest_jobs_follow_changes(self, client, committed):
        category = CategoryFactory(name="Nursing", slug="nursing")
        jobs = JobFactory.create_batch(2, category=category)
        assert "2 open jobs" in client.get(HOME).text
        with committed():
            jobs[0].close()
        html = client.get(HOME).text
        assert "1 open job<" in html and jobs[0].title not in html and jobs[1].title in html

    def test_signed_in_visitors_see_their_saves(self, client):
        job = JobFactory()
        client.get(HOME)
        seeker = SeekerFactory()
        SavedJobFactory(user=seeker, job=job)
        client.force_login(seeker)
        assert f'action="/jobs/{job.pk}/unsave/"' in client.get(HOME).text


class TestProductionWithoutRedis:
    """Each process's memory cache cannot hear of another's changes, so nothing that a
    change elsewhere could make stale is kept there (board/listings/caching.py)."""

    @pytest.fixture(autouse=True)
    def _production_without_redis(self, settings):
        settings.PRODUCTION, settings.REDIS_URL = True, ""

    def test_a_category_renamed_in_another_process_shows_at_once(self, client):
        category = CategoryFactory(name="Nursing", slug="nursing")
        JobFactory(category=category)
        assert '<option value="nursing">Nursing</option>' in client.get(JOBS).text
        # As another process would save it: this one hears nothing.
        Category.objects.filter(pk=category.pk).update(name="Nursing and Care")
        assert '<option value="nursing">Nursing and Care</option>' in client.get(JOBS).text

    def test_a_category_added_in_another_process_is_searchable_at_once(self, client):
        JobFactory()
        client.get(JOBS)
        JobFactory(title="Nurse", category=CategoryFactory(name="Nursing", slug="nursing"))
        response = client.get(JOBS, {"category": "nursing"})
        assert titles(response) == ["Nurse"] and not response.context["filter"].form.errors
        assert '<option value="nursing" selected>Nursing</option>' in response.text


@pytest.fixture
def client_factory():
    from django.test import Client

    return Client
