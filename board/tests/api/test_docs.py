"""The OpenAPI schema and Swagger UI, served from our own static files under our CSP."""

import pytest

pytestmark = pytest.mark.django_db


def test_schema_documents_every_operation(client):
    schema = client.get("/api/schema/?format=json").json()
    operations = [
        (path, method, op)
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]
    assert len(operations) == 28
    for path, method, op in operations:
        assert op.get("summary"), (path, method)
        codes = set(op["responses"])
        assert "429" in codes, (path, method)
        if not path.startswith("/api/v1/auth/"):
            assert "401" in codes, (path, method)
    assert "jwtAuth" in schema["components"]["securitySchemes"]


def test_swagger_page_has_no_inline_script_or_style(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style" not in html
    assert "<script>" not in html
    assert "cdn" not in html.lower()
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    init = client.get("/api/docs/?script=")
    assert init.status_code == 200
    assert "javascript" in init["Content-Type"]
    assert "/api/schema/" in init.content.decode()
