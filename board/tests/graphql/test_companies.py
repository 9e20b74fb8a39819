"""Companies (the rule of the site's company page), categories, and job fields."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from board.jobs.models import Job
from board.tests.factories import (
    CategoryFactory,
    CompanyFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

COMPANIES = "{ companies(first: 100) { edges { node { slug openJobs { title } } } } }"


def companies(answer):
    assert "errors" not in answer, answer
    return {e["node"]["slug"]: e["node"]["openJobs"] for e in answer["data"]["companies"]["edges"]}


@pytest.fixture
def companies_in_every_state():
    JobFactory(company=CompanyFactory(slug="hiring"), title="Open role")
    JobFactory(company=CompanyFactory(slug="hiring"), title="Draft role", draft=True)
    JobFactory(company=CompanyFactory(slug="was-hiring"), status=Job.Status.CLOSED)
    JobFactory(company=CompanyFactory(slug="only-drafts"), draft=True)
    JobFactory(company=CompanyFactory(slug="in-review"), pending=True)
    CompanyFactory(slug="empty-signup")


def test_public_companies_are_those_with_a_live_job_once(gql, companies_in_every_state):
    found = companies(gql(COMPANIES))
    assert set(found) == {"hiring", "was-hiring"}
    # Open jobs are visible ones only: no drafts, no closed jobs.
    assert found["hiring"] == [{"title": "Open role"}]
    assert found["was-hiring"] == []


def test_members_also_see_their_own_company_and_staff_all(gql, client, companies_in_every_state):
    member = MembershipFactory(company=CompanyFactory(slug="only-drafts")).user
    client.force_login(member)
    assert set(companies(gql(COMPANIES))) == {"hiring", "was-hiring", "only-drafts"}

    client.force_login(StaffFactory())
    assert len(companies(gql(COMPANIES))) == 5

    client.force_login(SeekerFactory())
    assert set(companies(gql(COMPANIES))) == {"hiring", "was-hiring"}


def test_companies_query_count_is_constant(gql):
    query = (
        "{ companies(first: 50) { edges { node { name"
        " openJobs { title category { name } company { slug } } } } } }"
    )
    gql(query)
    for _ in range(3):
        JobFactory(company=CompanyFactory(), category=CategoryFactory())
    with CaptureQueriesContext(connection) as few:
        gql(query)
    for _ in range(20):
        JobFactory(company=CompanyFactory(), category=CategoryFactory())
    with CaptureQueriesContext(connection) as many:
        answer = gql(query)
    assert len(answer["data"]["companies"]["edges"]) == 23
    assert len(few) == len(many)


def test_categories_count_visible_jobs_only(gql):
    data = CategoryFactory(slug="data", name="Data")
    hidden = CategoryFactory(slug="hidden", name="Hidden", is_active=False)
    JobFactory.create_batch(2, category=data)
    JobFactory(category=data, draft=True)
    JobFactory(category=data, status=Job.Status.CLOSED)
    JobFactory(category=hidden)

    answer = gql("{ categories { slug openJobs } }")

    counts = {c["slug"]: c["openJobs"] for c in answer["data"]["categories"]}
    assert counts["data"] == 2
    assert hidden.slug not in counts


def test_job_fields(gql):
    job = JobFactory(
        title="Data <b>engineer</b>",
        description="Hello <script>alert(1)</script> **world**",
        workplace="hybrid",
        salary_period="month",
        city="Berlin",
        region="",
        country="DE",
    )
    query = """query($id: ID!) { job(id: $id) {
        title description descriptionHtml workplace salaryPeriod country location url isOpen
        company { name url } category { name slug } } }"""

    node = gql(query, {"id": str(job.pk)})["data"]["job"]

    assert node["title"] == "Data <b>engineer</b>"  # data, escaped by whoever renders it
    assert "<script>" not in node["descriptionHtml"]
    assert "<strong>world</strong>" in node["descriptionHtml"]
    assert node["workplace"] == "HYBRID"
    assert node["salaryPeriod"] == "MONTH"
    assert node["country"] == "DE"
    assert node["location"] == "Berlin, Germany"
    assert node["url"] == settings.SITE_URL + job.get_absolute_url()  # absolute, as in REST
    assert node["isOpen"] is True
    assert node["company"]["url"] == f"{settings.SITE_URL}/companies/{job.company.slug}/"
