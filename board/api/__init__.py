"""The public REST API, /api/v1/: the same querysets, forms and rules as the site."""
