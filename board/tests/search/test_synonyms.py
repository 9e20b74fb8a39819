"""Synonyms and abbreviations, searched both ways, on whichever database the suite runs on."""

import pytest
from django.urls import reverse

from board.jobs.models import Job
from board.search import synonyms
from board.search.engine import PREFIX_MIN_LENGTH, search_terms
from board.search.models import Synonym
from board.tests.factories import JobFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _titles(queryset):
    return {job.title for job in queryset}


@pytest.fixture
def jobs():
    JobFactory(title="Site Reliability Engineer")
    JobFactory(title="SRE, Payments")
    JobFactory(title="Senior JavaScript Developer")
    JobFactory(title="JS Engineer")
    JobFactory(title="Quality Assurance Analyst")
    JobFactory(title="Product Manager")
    JobFactory(title="Project Manager")
    JobFactory(title="Human Resources Partner")
    JobFactory(title="Barista")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("SRE", {"Site Reliability Engineer", "SRE, Payments"}),
        ("site reliability engineer", {"Site Reliability Engineer", "SRE, Payments"}),
        ("JS", {"Senior JavaScript Developer", "JS Engineer"}),
        ("javascript", {"Senior JavaScript Developer", "JS Engineer"}),
        ("QA", {"Quality Assurance Analyst"}),
        ("PM", {"Product Manager", "Project Manager"}),
        ("HR partner", {"Human Resources Partner"}),
        # The other words still count.
        ("SRE payments", {"SRE, Payments"}),
        ("senior js", {"Senior JavaScript Developer"}),
    ],
)
def test_synonyms_are_searched_both_ways(jobs, query, found):
    assert _titles(Job.objects.search(query)) == found


def test_a_phrase_matches_only_as_a_phrase():
    # "human resources" is a phrase: a job with both words apart is not an HR job.
    JobFactory(title="Human Resources Lead")
    JobFactory(title="Nurse", description="Resources for every human being.")
    assert _titles(Job.objects.search("HR")) == {"Human Resources Lead"}


def test_the_admin_edits_the_table_and_searches_see_it_at_once(client):
    JobFactory(title="Chief People Officer")
    assert _titles(Job.objects.search("cpo")) == set()  # read and cached now
    client.force_login(StaffFactory(is_superuser=True))
    response = client.post(
        reverse("admin:board_synonym_add"), {"term": "CPO", "expansion": "chief people officer"}
    )
    assert response.status_code == 302
    assert _titles(Job.objects.search("cpo")) == {"Chief People Officer"}
    synonym = Synonym.objects.get(term="CPO")
    client.post(reverse("admin:board_synonym_delete", args=[synonym.pk]), {"post": "yes"})
    assert _titles(Job.objects.search("cpo")) == set()


def test_the_admin_refuses_a_synonym_with_no_searchable_words(client):
    client.force_login(StaffFactory(is_superuser=True))
    response = client.post(reverse("admin:board_synonym_add"), {"term": "the", "expansion": "++"})
    assert response.status_code == 200
    assert "no word that can be searched" in response.content.decode()
    assert not Synonym.objects.filter(term="the").exists()


def test_the_table_is_read_once_and_cached(django_assert_num_queries):
    synonyms.table(search_terms)
    with django_assert_num_queries(0):
        synonyms.table(search_terms)


# The query text ---------------------------------------------------------------


def _groups(text):
    return synonyms.expand(search_terms(text), search_terms)


def test_a_query_without_synonyms_means_what_it_did():
    groups = _groups("senior python go")
    assert synonyms.tsquery(groups, PREFIX_MIN_LENGTH) == "senior:* & python:* & go"
    assert synonyms.fts5_match(groups, PREFIX_MIN_LENGTH) == '"senior"* AND "python"* AND "go"'


def test_the_longest_phrase_wins_and_alternatives_are_or():
    groups = _groups("Site Reliability Engineer remote")
    assert groups == [
        [("site", "reliability", "engineer"), ("sre",)],
        [("remote",)],
    ]
    assert (
        synonyms.tsquery(groups, PREFIX_MIN_LENGTH)
        == "((site <-> reliability <-> engineer:*) | sre:*) & remote:*"
    )
    assert (
        synonyms.fts5_match(groups, PREFIX_MIN_LENGTH)
        == '("site reliability engineer"* OR "sre"*) AND "remote"*'
    )


def test_query_syntax_in_a_synonym_stays_words():
    JobFactory(title="Near Title Bureau")
    Synonym.objects.create(term='x"y', expansion="NEAR(a) OR title:b*")
    assert _groups('x"y') == [[("x", "y"), ("near", "title", "b")]]
    # Neither database reads NEAR, OR, title: or * as syntax (an error would raise).
    assert _titles(Job.objects.search('x"y')) == set()
