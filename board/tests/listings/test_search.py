"""The search's one rule (board/listings/search.py), and what REST and GraphQL derive from
its form: a field added to SearchForm reaches both without being declared again."""

from datetime import timedelta

import pytest
from django import forms
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.api.views_public import query_parameter
from board.graphql.schema import filter_input
from board.jobs.models import Job
from board.listings.search import JobSearch, SearchForm
from board.tests.factories import CategoryFactory, JobFactory

pytestmark = pytest.mark.django_db


def _search(query):
    return JobSearch(QueryDict(query), queryset=Job.objects.visible())


def test_an_invalid_field_is_reported_and_the_others_still_filter():
    JobFactory(title="Remote one", workplace="remote")
    JobFactory(title="Office one", workplace="on_site")
    search = _search("workplace=remote&salary_min=-5&posted_within=5")
    assert not search.is_valid()
    assert set(search.errors) == {"salary_min", "posted_within"}
    assert [job.title for job in search.qs] == ["Remote one"]


def test_ticking_every_workplace_adds_no_condition():
    """All choices of a multiple choice match every job: no condition for the database."""
    every = "&".join(f"workplace={value}" for value, _ in Job.Workplace.choices)
    with CaptureQueriesContext(connection) as queries:
        list(_search(every).qs)
    assert '"workplace"' not in queries[0]["sql"].split("WHERE")[1]
    with CaptureQueriesContext(connection) as queries:
        list(_search("workplace=remote&workplace=hybrid").qs)
    assert '"workplace"' in queries[0]["sql"].split("WHERE")[1]


def test_posted_within_is_a_number_of_days_with_its_label_on_the_chip():
    now = timezone.now()
    JobFactory(title="Fresh", published_at=now - timedelta(days=2))
    JobFactory(title="Old", published_at=now - timedelta(days=9))
    search = _search("posted_within=7")
    assert search.valid_data()["posted_within"] == 7
    assert [job.title for job in search.qs] == ["Fresh"]
    assert search.active_filters() == [("Last 7 days", "")]


def test_a_category_filters_by_its_id_so_the_planner_knows_which():
    nursing = CategoryFactory(name="Nursing", slug="nursing")
    JobFactory(title="Ward Nurse", category=nursing)
    JobFactory(title="Welder")
    search = _search("category=nursing")
    assert [job.title for job in search.qs] == ["Ward Nurse"]
    sql = str(search.qs.query)
    # The id itself, not a join on the slug: through a join PostgreSQL guessed an
    # average category's share (board/listings/search.py _filtered).
    assert f'"board_job"."category_id" = {nursing.pk}' in sql and "board_category" not in sql
    unknown = _search("category=no-such-category")
    assert "category" in unknown.errors and unknown.qs.count() == 2  # reported, not applied


def test_category_choices_are_the_active_categories_by_name():
    CategoryFactory(name="Zoology", slug="zoology")
    CategoryFactory(name="Agronomy", slug="agronomy")
    CategoryFactory(name="Retired", slug="retired", is_active=False)
    offered = list(SearchForm().fields["category"].choices)
    assert offered[0] == ("", "Any category")
    names = [name for _, name in offered[1:]]
    assert names == sorted(names) and {"Zoology", "Agronomy"} <= set(names)
    assert "Retired" not in names


class WithRadius(SearchForm):
    """A field added to the form, as the next ones will be."""

    radius = forms.TypedChoiceField(
        required=False,
        choices=[("", "Exact place"), ("10", "10 km"), ("25", "25 km")],
        coerce=int,
        empty_value=None,
        help_text="Kilometres around the location.",
    )


def test_openapi_parameters_are_derived_from_each_field():
    fields = SearchForm.base_fields
    workplace = query_parameter("workplace", fields["workplace"])
    assert workplace["schema"] == {
        "type": "array",
        "items": {"type": "string", "enum": ["hybrid", "on_site", "remote"]},
    }
    assert workplace["explode"] and workplace["style"] == "form"
    assert workplace["description"].startswith("Workplace\n\n* `on_site` - On-site")
    posted = query_parameter("posted_within", fields["posted_within"])
    assert posted["schema"] == {"type": "integer", "enum": [1, 3, 7, 30]}
    assert posted["description"].startswith(fields["posted_within"].help_text)
    assert query_parameter("visa", fields["visa"])["schema"] == {"type": "boolean"}
    assert query_parameter("salary_min", fields["salary_min"])["schema"] == {"type": "integer"}
    # Choices loaded per form (categories, currencies) are not a fixed enum.
    assert query_parameter("category", fields["category"])["schema"] == {"type": "string"}
    radius = query_parameter("radius", WithRadius.base_fields["radius"])
    assert radius["schema"] == {"type": "integer", "enum": [10, 25]}
    assert radius["description"].startswith("Kilometres around the location.")


def test_graphql_input_is_derived_from_the_form():
    fields = {f.python_name: f for f in filter_input(WithRadius).__strawberry_definition__.fields}
    assert set(fields) == set(WithRadius.base_fields) - {"sort"}
    assert fields["radius"].type_annotation.annotation == int | None
    assert fields["radius"].description == "Kilometres around the location."
    assert fields["posted_within"].type_annotation.annotation == int | None
    assert fields["visa"].type_annotation.annotation == bool | None
    assert fields["workplace"].description is None  # no help text


# Places (board/places), radius and remote eligibility (board/jobs/locations.py).


@pytest.fixture
def located():
    from board.jobs import locations
    from board.tests.jobs.places import make_places

    places = make_places()

    def job_at(title, lines, workplace=Job.Workplace.ON_SITE, within=()):
        job = JobFactory(title=title, workplace=workplace, city="", country="")
        where = locations.resolve_locations("\n".join(lines))
        locations.describe(job, where)
        job.save()
        locations.set_locations(job, where, within)
        return job

    job_at("Lisbon nurse", ["Lisbon"])
    job_at("Sintra nurse", ["Sintra"])
    job_at("Porto nurse", ["Porto"])
    job_at("Berlin nurse", ["Berlin"])
    job_at("Remote EU nurse", [], Job.Workplace.REMOTE, [places["eu"]])
    job_at("Remote US nurse", [], Job.Workplace.REMOTE, [places["us"]])
    job_at("Remote anywhere nurse", [], Job.Workplace.REMOTE)
    return places


def _titles(query):
    return {job.title for job in _search(query).qs}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("location=Lisboa", {"Lisbon nurse"}),  # an alias of Lisbon
        ("location=Lisbon&radius=25", {"Lisbon nurse", "Sintra nurse"}),  # Sintra: 24 km
        ("location=Lisbon&radius=10", {"Lisbon nurse"}),
        ("location=Portugal", {"Lisbon nurse", "Sintra nurse", "Porto nurse"}),
        ("location=PT&radius=50", {"Lisbon nurse", "Sintra nurse", "Porto nurse"}),  # no centre
        ("location=Remote", {"Remote EU nurse", "Remote US nurse", "Remote anywhere nurse"}),
        ("remote_from=PT", {"Remote EU nurse", "Remote anywhere nurse"}),
        ("remote_from=US", {"Remote US nurse", "Remote anywhere nurse"}),
        ("location=Berl", {"Berlin nurse"}),  # no such place: the words as typed
    ],
)
def test_places_radius_and_remote_eligibility(located, query, expected):
    assert _titles(query) == expected


def test_the_page_offers_the_fields_and_shows_them_as_chips(client, located):
    response = client.get("/jobs/", {"location": "Lisbon", "radius": "25", "remote_from": "PT"})
    assert '<option value="25" selected>Within 25 km</option>' in response.text
    assert '<option value="PT" selected>Portugal</option>' in response.text
    chips = [label for label, _ in response.context["filter"].active_filters()]
    assert chips == ["Lisbon", "Within 25 km", "Remote from Portugal"]
    invalid = client.get("/jobs/", {"radius": "7", "remote_from": "XX"})
    assert set(invalid.context["filter"].errors) == {"radius", "remote_from"}


def test_rest_and_graphql_take_the_new_fields(client, located):
    rest = client.get("/api/v1/jobs/", {"location": "Lisbon", "radius": "25"})
    assert {job["title"] for job in rest.json()["results"]} == {"Lisbon nurse", "Sintra nurse"}
    query = "query($f: JobFilterInput) { jobs(filters: $f) { edges { node { title } } } }"
    variables = {"f": {"location": "Lisbon", "radius": 25}}
    answer = client.post(
        "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
    ).json()
    titles = {edge["node"]["title"] for edge in answer["data"]["jobs"]["edges"]}
    assert titles == {"Lisbon nurse", "Sintra nurse"}
    remote = {"f": {"remoteFrom": "US"}}
    answer = client.post(
        "/graphql/", {"query": query, "variables": remote}, content_type="application/json"
    ).json()
    assert {edge["node"]["title"] for edge in answer["data"]["jobs"]["edges"]} == {
        "Remote US nurse",
        "Remote anywhere nurse",
    }
