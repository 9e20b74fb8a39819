"""API test fixtures: the six roles of the permission matrix, each with a JWT client."""

import pytest
from rest_framework.test import APIClient

from board.api.authentication import StampedRefreshToken
from board.tests.factories import (
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)


def bearer(user):
    """An API client authenticated the way API clients are: with an access token."""
    client = APIClient()
    token = StampedRefreshToken.for_user(user).access_token  # as the token endpoint makes them
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def anon():
    return APIClient()


@pytest.fixture
def seeker_a():
    return SeekerFactory(email="seeker-a@example.com")


@pytest.fixture
def seeker_b():
    return SeekerFactory(email="seeker-b@example.com")


@pytest.fixture
def company_a():
    return CompanyFactory(name="Acme", slug="acme", verified=True)


@pytest.fixture
def company_b():
    return CompanyFactory(name="Beta", slug="beta")


@pytest.fixture
def employer_a(company_a):
    return MembershipFactory(company=company_a, user=EmployerFactory()).user


@pytest.fixture
def employer_b(company_b):
    return MembershipFactory(company=company_b, user=EmployerFactory()).user


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def job_a(company_a):
    return JobFactory(company=company_a, title="Python Developer at Acme")
