"""The GraphQL API at /graphql/ (strawberry-graphql-django): see schema.py and views.py."""
