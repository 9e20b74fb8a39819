"""One rule for "which companies are public" (Company.objects.visible_to), asked the
same way by the site's company page, REST (list and detail) and GraphQL.

For every viewer of the access matrix, the four interfaces must name the same
companies: a company is public once it has had a published job, and before that
its members and staff see it too.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from rest_framework.test import APIClient

from board.api.authentication import StampedRefreshToken
from board.companies.models import Company
from board.jobs.models import Job
from board.tests.factories import (
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

GRAPHQL_COMPANIES = "{ companies(first: 100) { edges { node { slug } } } }"
VIEWERS = ["anonymous", "seeker", "member of a hidden company", "other employer", "staff"]


@pytest.fixture
def companies():
    """A company in each state a company page can be in."""
    JobFactory(company=CompanyFactory(slug="hiring"))
    JobFactory(company=CompanyFactory(slug="was-hiring"), status=Job.Status.CLOSED)
    JobFactory(company=CompanyFactory(slug="expired"), status=Job.Status.EXPIRED)
    JobFactory(company=CompanyFactory(slug="only-drafts"), draft=True)
    JobFactory(company=CompanyFactory(slug="in-review"), pending=True)
    CompanyFactory(slug="empty-signup")
    return set(Company.objects.values_list("slug", flat=True))


def _viewer(name):
    if name == "anonymous":
        return None
    return {
        "seeker": SeekerFactory,
        "member of a hidden company": lambda: (
            MembershipFactory(company=CompanyFactory(slug="only-drafts")).user
        ),
        # Of a company that has no job yet: they see it, others do not.
        "other employer": lambda: (
            MembershipFactory(company=CompanyFactory(slug="elsewhere"), user=EmployerFactory()).user
        ),
        "staff": StaffFactory,
    }[name]()


def _rest(user):
    client = APIClient()
    if user is not None:
        token = StampedRefreshToken.for_user(user).access_token
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def _site(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _rest_list(user):
    answer = _rest(user).get("/api/v1/companies/").json()
    assert answer["next"] is None  # one page holds them all
    return {company["slug"] for company in answer["results"]}


def _graphql_list(user):
    answer = _site(user).post(
        "/graphql/", {"query": GRAPHQL_COMPANIES}, content_type="application/json"
    )
    data = answer.json()
    assert "errors" not in data, data
    return {edge["node"]["slug"] for edge in data["data"]["companies"]["edges"]}


def _shown_one_by_one(client, url, slugs):
    return {slug for slug in slugs if client.get(url.format(slug)).status_code == 200}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_rest_and_graphql_list_the_same_companies(companies, viewer):
    user = _viewer(viewer)
    assert _rest_list(user) == _graphql_list(user)


@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_interface_agrees_with_the_rule(companies, viewer):
    user = _viewer(viewer)
    rule = set(Company.objects.visible_to(user or AnonymousUser()).values_list("slug", flat=True))
    assert _rest_list(user) == rule
    assert _graphql_list(user) == rule
    every_slug = set(Company.objects.values_list("slug", flat=True))
    rest_detail = _shown_one_by_one(_rest(user), "/api/v1/companies/{}/", every_slug)
    site_page = _shown_one_by_one(_site(user), "/companies/{}/", every_slug)
    assert rest_detail == site_page == rule


@pytest.mark.parametrize(
    ("viewer", "expected"),
    [
        ("anonymous", {"hiring", "was-hiring", "expired"}),
        ("seeker", {"hiring", "was-hiring", "expired"}),
        ("other employer", {"hiring", "was-hiring", "expired", "elsewhere"}),
        ("member of a hidden company", {"hiring", "was-hiring", "expired", "only-drafts"}),
    ],
)
def test_the_rule(companies, viewer, expected):
    user = _viewer(viewer) or AnonymousUser()
    assert set(Company.objects.visible_to(user).values_list("slug", flat=True)) == expected


def test_staff_see_every_company(companies):
    staff = StaffFactory()
    assert set(Company.objects.visible_to(staff).values_list("slug", flat=True)) == companies
    assert len(companies) == 6


def test_the_rule_is_one_query_without_duplicates(companies, django_assert_num_queries):
    member = MembershipFactory(company=Company.objects.get(slug="hiring")).user
    MembershipFactory.create_batch(2, company=Company.objects.get(slug="hiring"))
    JobFactory(company=Company.objects.get(slug="hiring"))
    with django_assert_num_queries(1):
        slugs = list(Company.objects.visible_to(member).values_list("slug", flat=True))
    assert sorted(slugs) == ["expired", "hiring", "was-hiring"]
