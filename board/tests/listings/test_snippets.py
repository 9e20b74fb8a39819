"""Result snippets (board/search/snippets.py): where a keyword search's words matched,
on the cards of /jobs/ (page and htmx fragment), for the page's jobs only. The same on
SQLite and PostgreSQL (DATABASE_URL=postgres://…)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from board.search import synonyms
from board.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the synonym list is applied on both, asserted here"
)
HOSTILE = (
    'We use Kubernetes daily, 3 < 5 & x. <script>alert("x")</script> and '
    '"><img src=x onerror=alert(1)> '
    "plus **bold** [a link](https://example.com/kubernetes) in Kubernetes clusters."
)


def _snippets(html):
    return re.findall(r'<p class="job-snippet[^"]*">(.*?)</p>', html, re.S)


def _get(client, query, **headers):
    return client.get(reverse("job_list"), {"q": query} if query else {}, **headers)


def test_a_keyword_search_shows_where_the_word_matched(client):
    JobFactory(
        title="Platform Engineer",
        description="You will run our Kubernetes clusters across three regions every day.",
    )
    [snippet] = _snippets(_get(client, "kubernetes").content.decode())
    assert "<mark>Kubernetes</mark>" in snippet
    assert "clusters across three regions" in snippet


def test_the_htmx_fragment_shows_it_too(client):
    JobFactory(title="Platform Engineer", description="Operate Kubernetes with care.")
    response = _get(client, "kubernetes", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results")
    assert "<html" not in response.content.decode()
    [snippet] = _snippets(response.content.decode())
    assert "<mark>Kubernetes</mark>" in snippet


def test_no_snippet_without_keywords_or_without_a_match_in_the_description(client):
    JobFactory(title="Kubernetes Engineer", description="Nothing about the tool here.")
    assert _snippets(_get(client, "").content.decode()) == []
    # The title matched, the description did not: the card is enough.
    assert _snippets(_get(client, "kubernetes").content.decode()) == []


def test_html_in_a_description_is_shown_as_text_never_run(client):
    JobFactory(title="Platform Engineer", description=HOSTILE)
    html = _get(client, "kubernetes").content.decode()
    [snippet] = _snippets(html)
    assert "<mark>Kubernetes</mark>" in snippet
    # The only tags in a snippet are ours.
    assert set(re.findall(r"</?(\w+)", snippet)) == {"mark"}
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "**" not in snippet and "](" not in snippet
    # Text that is not markup stays, escaped.
    assert "3 &lt; 5 &amp; x" in snippet


def test_a_description_cannot_forge_a_mark(client):
    JobFactory(title="Engineer", description="Kubernetes \ue000fake\ue001 and \ue001 \ue000 more")
    [snippet] = _snippets(_get(client, "kubernetes").content.decode())
    assert snippet.count("<mark>") == snippet.count("</mark>") == 1
    assert "\ue000" not in snippet and "\ue001" not in snippet


def test_only_the_page_s_jobs_get_snippets_in_one_query(client):
    for _ in range(25):
        JobFactory(description="Terraform and more Terraform.")
    with CaptureQueriesContext(connection) as queries:
        html = _get(client, "terraform").content.decode()
    assert len(_snippets(html)) == 20
    excerpts = [q["sql"] for q in queries if "ts_headline" in q["sql"] or "snippet(" in q["sql"]]
    assert len(excerpts) == 1
    # The page's 20 ids, not the 25 matches.
    ids = re.search(r"(?:rowid IN \(|ARRAY\[)([\d, ]+)", excerpts[0]).group(1)
    assert len(ids.split(",")) == 20


def test_the_snippet_is_not_cached_with_the_card(client):
    """The card's text is cached without the words: another search shows its own."""
    JobFactory(title="Engineer", description="Kubernetes first. Much later: Terraform.")
    _get(client, "kubernetes")
    [snippet] = _snippets(_get(client, "terraform").content.decode())
    assert "<mark>Terraform</mark>" in snippet and "<mark>Kubernetes</mark>" not in snippet


@postgres_only
def test_a_synonym_match_is_highlighted(client):
    synonyms.forget()
    JobFactory(title="Ops", description="Join us as a site reliability engineer in Lisbon.")
    [snippet] = _snippets(_get(client, "sre").content.decode())
    assert re.search(r"<mark>site</mark>\s*<mark>reliability</mark>\s*<mark>engineer", snippet)


@postgres_only
def test_postgresql_reads_only_the_start_of_a_long_description(client):
    """ts_headline() costs per byte it parses: a 20-kB description must not cost 20 kB."""
    filler = "Lorem ipsum dolor sit amet. " * 100  # 2,800 characters
    JobFactory(title="Ops", description=f"{filler} Kubernetes at the very end.")
    JobFactory(title="Ops", description=f"Kubernetes first. {filler}")
    [snippet] = _snippets(_get(client, "kubernetes").content.decode())
    assert "<mark>Kubernetes</mark> first" in snippet


@postgres_only
def test_postgresql_finds_a_word_far_into_the_description_and_shows_its_surroundings(client):
    """Only a window around the word's first place is parsed; the excerpt is whole
    words of the text, not cut in the middle of one."""
    filler = "Lorem ipsum dolor sit amet. " * 50  # 1,400 characters
    text = f"{filler}We run Kubernetes clusters across three regions. {filler}"
    JobFactory(title="Ops", description=text)
    [snippet] = _snippets(_get(client, "kubernetes").content.decode())
    assert "We run <mark>Kubernetes</mark> clusters across three regions." in snippet
    words = snippet.replace("<mark>", "").replace("</mark>", "").removesuffix("…").split()
    assert set(words) <= set(text.split())


@postgres_only
def test_postgresql_highlights_a_word_found_only_in_another_form(client):
    """ "companies" is not "company" as typed: the window is not found, the start is
    parsed as before, and stemming finds it."""
    JobFactory(title="Ops", description="We advise growing companies on their accounts.")
    [snippet] = _snippets(_get(client, "company").content.decode())
    assert "<mark>companies</mark>" in snippet


@postgres_only
def test_postgresql_highlights_every_word_of_a_search_near_the_first_one(client):
    filler = "Lorem ipsum dolor sit amet. " * 40
    JobFactory(
        title="Platform work",
        description=f"{filler}We write Terraform modules and run Kubernetes operators. {filler}",
    )
    [snippet] = _snippets(_get(client, "kubernetes terraform").content.decode())
    assert "<mark>Terraform</mark> modules and run <mark>Kubernetes</mark>" in snippet


@postgres_only
def test_postgresql_snippets_of_a_spelled_out_word(client):
    """ "C++" is indexed as "cplusplus": no window, the start is parsed as before."""
    JobFactory(title="Systems", description="Modern C++ for trading systems in London.")
    response = _get(client, "c++")
    assert response.status_code == 200
    assert _snippets(response.content.decode()) == []


@pytest.mark.parametrize("sort", ["relevance", "newest", "salary"])
def test_the_rest_job_list_has_the_snippet_with_q_only(client, sort):
    job = JobFactory(title="Ops", description="Operate <b>Kubernetes</b> clusters.")
    [found] = client.get("/api/v1/jobs/", {"q": "kubernetes", "sort": sort}).json()["results"]
    assert found["id"] == job.pk
    # The <b> tag dropped, the word marked (PostgreSQL leaves out the final full stop).
    assert found["snippet"].startswith("Operate <mark>Kubernetes</mark> clusters")
    [listed] = client.get("/api/v1/jobs/", {"sort": sort}).json()["results"]
    assert listed["snippet"] is None


@pytest.mark.parametrize("sort", ["RELEVANCE", "NEWEST", "SALARY"])
def test_the_graphql_job_search_has_the_snippet_with_keywords_only(client, sort):
    job = JobFactory(title="Ops", description="Operate <b>Kubernetes</b> clusters.")
    JobFactory(title="Kubernetes lead", description="Nothing about it here.")
    document = """query($filters: JobFilterInput, $sort: JobSort) {
        jobs(filters: $filters, sort: $sort, first: 10) { edges { node { databaseId snippet } } }
    }"""

    def found(filters):
        variables = {"filters": filters, "sort": sort}
        answer = client.post(
            "/graphql/", {"query": document, "variables": variables}, "application/json"
        ).json()
        return {
            edge["node"]["databaseId"]: edge["node"]["snippet"]
            for edge in answer["data"]["jobs"]["edges"]
        }

    snippets = found({"q": "kubernetes"})
    assert snippets[job.pk].startswith("Operate <mark>Kubernetes</mark> clusters")
    assert list(snippets.values()).count(None) == 1  # matched in the title only
    assert set(found({}).values()) == {None}


def _graphql(client, document, filters):
    return client.post(
        "/graphql/", {"query": document, "variables": {"filters": filters}}, "application/json"
    ).json()


def _snippet_queries(queries):
    return [q["sql"] for q in queries if "ts_headline" in q["sql"] or "snippet(" in q["sql"]]


def test_a_graphql_search_that_does_not_ask_for_snippets_makes_none(client):
    JobFactory(title="Ops", description="Operate Kubernetes clusters.")
    document = """query($filters: JobFilterInput) {
        jobs(filters: $filters, first: 10) { edges { node { databaseId title } } }
    }"""
    with CaptureQueriesContext(connection) as queries:
        answer = _graphql(client, document, {"q": "kubernetes"})
    assert len(answer["data"]["jobs"]["edges"]) == 1
    assert _snippet_queries(queries) == []


SEARCH = "query($filters: JobFilterInput) { jobs(filters: $filters, first: 10) { %s } }"


@pytest.mark.parametrize(
    "document",
    [
        SEARCH % "edges { node { ...Found } }" + " fragment Found on Job { snippet }",
        SEARCH % "edges { ... on JobEdge { node { ... on Job { snippet } } } }",
        SEARCH % "edges { node { excerpt: snippet } }",
    ],
)
def test_a_graphql_snippet_asked_for_through_a_fragment_or_an_alias_is_found(client, document):
    JobFactory(title="Ops", description="Operate Kubernetes clusters.")
    with CaptureQueriesContext(connection) as queries:
        answer = _graphql(client, document, {"q": "kubernetes"})
    assert "errors" not in answer, answer
    [edge] = answer["data"]["jobs"]["edges"]
    [excerpt] = edge["node"].values()
    assert "<mark>Kubernetes</mark>" in excerpt
    assert len(_snippet_queries(queries)) == 1
