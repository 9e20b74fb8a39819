"""The benchmark's workload: searches weighted as people search (issue 15), broad words
that really are broad on seeded data, and paths every interface answers."""

import json
from collections import Counter
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command

from board.devtools.benchmarking import (
    BROAD_KEYWORDS,
    FILTER_WEIGHTS,
    RADIUS_CITIES,
    REMOTE_FROM,
    SELECTIVE_KEYWORDS,
    SORT_WEIGHTS,
    search_mix,
)
from board.devtools.management.commands.benchmark import (
    SEARCHES_PER_MIX,
    place_paths,
    search_paths,
)
from board.jobs.models import Job
from board.places.lookups import resolve


def _shares(counter, total):
    return {key: count / total for key, count in counter.items()}


def test_mix_draws_words_filters_and_sorts_with_their_weights():
    searches = search_mix(BROAD_KEYWORDS, 20_000)
    words = _shares(Counter(word for word, _, _ in searches), len(searches))
    filters = _shares(Counter(f for _, f, _ in searches), len(searches))
    sorts = _shares(Counter(sort for _, _, sort in searches), len(searches))
    for drawn, weights in (
        (words, BROAD_KEYWORDS),
        (filters, FILTER_WEIGHTS),
        (sorts, SORT_WEIGHTS),
    ):
        total = sum(weights.values())
        assert set(drawn) == set(weights)
        for key, weight in weights.items():
            assert drawn[key] == pytest.approx(weight / total, abs=0.015), key
    # Most searches are ranked by relevance; newest and salary are there too.
    assert sorts["relevance"] > 0.6 and sorts["newest"] > 0.2 and sorts["salary"] > 0.02


def test_mix_is_the_same_every_run_and_for_every_interface():
    assert search_mix(SELECTIVE_KEYWORDS, 50) == search_mix(SELECTIVE_KEYWORDS, 50)
    pages = search_paths(BROAD_KEYWORDS, "page")
    apis = search_paths(BROAD_KEYWORDS, "api")
    assert len(pages) == len(apis) == SEARCHES_PER_MIX
    for page, api in zip(pages, apis, strict=True):
        assert parse_qs(urlsplit(page).query) == parse_qs(urlsplit(api).query)


def test_each_search_has_keywords_one_filter_and_a_sort():
    for path in search_paths(BROAD_KEYWORDS, "page"):
        query = parse_qs(urlsplit(path).query)
        assert set(query) - {"q", "sort"} in [{name} for name, _ in FILTER_WEIGHTS]
    for path in search_paths(BROAD_KEYWORDS, "graphql"):
        variables = json.loads(parse_qs(urlsplit(path).query)["variables"][0])
        assert len(variables["filters"]) == 2  # q and one filter
        assert variables["sort"] in {"RELEVANCE", "NEWEST", "SALARY"}


@pytest.fixture
def seeded(db):
    call_command("seed_jobs", "--count", "1500", "--all-open", stdout=StringIO())
    return Job.objects.visible()


def test_broad_words_are_broad_and_selective_words_selective_on_seeded_jobs(seeded):
    total = seeded.count()
    broad = {word: seeded.search(word).count() / total for word in BROAD_KEYWORDS}
    selective = {word: seeded.search(word).count() / total for word in SELECTIVE_KEYWORDS}

    assert all(0.05 <= share <= 0.35 for share in broad.values()), broad
    weighted = sum(broad[w] * weight for w, weight in BROAD_KEYWORDS.items())
    assert weighted / sum(BROAD_KEYWORDS.values()) >= 0.10, broad
    assert all(0 < share < 0.05 for share in selective.values()), selective


def test_every_interface_answers_the_mixes_searches(client, seeded):
    for interface in ("page", "api", "graphql"):
        for keywords in (BROAD_KEYWORDS, SELECTIVE_KEYWORDS):
            for path in search_paths(keywords, interface)[:8]:
                response = client.get(path, headers={"Accept": "application/json"})
                assert response.status_code == 200, (path, response.content[:300])
                if interface == "graphql":
                    assert "errors" not in response.json(), (path, response.json())


def test_place_searches_are_around_big_cities_or_workable_from_a_country():
    radius = [parse_qs(urlsplit(p).query) for p in place_paths("radius")]
    remote = [parse_qs(urlsplit(p).query) for p in place_paths("remote-from")]
    assert len(radius) == len(remote) == SEARCHES_PER_MIX
    assert {q["location"][0] for q in radius} == set(RADIUS_CITIES)
    assert {q["radius"][0] for q in radius} == {"25", "50", "100"}
    assert {q["remote_from"][0] for q in remote} == set(REMOTE_FROM)
    for searches in (radius, remote):
        with_words = [q["q"][0] for q in searches if "q" in q]
        assert 0.15 < len(with_words) / len(searches) < 0.45
        assert set(with_words) <= set(SELECTIVE_KEYWORDS)
    assert place_paths("radius") == place_paths("radius")  # the same every run


@pytest.mark.django_db
def test_place_searches_find_seeded_jobs():
    call_command("load_places", "--min-population", "1000000", stdout=StringIO())
    call_command("seed_jobs", "--count", "1500", "--all-open", stdout=StringIO())
    for city in RADIUS_CITIES:
        assert Job.objects.visible().near(resolve(city), 25).exists(), city
    for code in REMOTE_FROM:
        assert Job.objects.visible().workable_from(code).exists(), code


def test_place_searches_answer(client, seeded):
    for path in place_paths("radius")[:6] + place_paths("remote-from")[:6]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b'class="invalid-feedback' not in response.content, path
