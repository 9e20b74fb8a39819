# The GraphQL tests' client, for the data-export and deleteAccount operations.
from board.tests.graphql.conftest import gql  # noqa: F401
