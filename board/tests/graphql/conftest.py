import pytest


@pytest.fixture
def gql(client):
    """POST a GraphQL document as JSON; returns the decoded answer."""

    def run(query, variables=None, *, using=None, headers=None):
        response = (using or client).post(
            "/graphql/",
            {"query": query, "variables": variables or {}},
            content_type="application/json",
            headers=headers or {},
        )
        assert response.status_code == 200, response.content
        return response.json()

    return run
