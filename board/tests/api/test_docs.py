"""The OpenAPI schema and Swagger UI, served from our own static files under our CSP.

Every operation documents a success example, a request example for its body, and
each error it can return with an example body; every example matches its schema.
What an operation can return is read from its view: who authenticates, which
roles it needs, whether it takes a body or a path parameter, whether it pages.
"""

import re
from datetime import datetime

import pytest
from django.urls import resolve
from jsonschema import Draft7Validator, FormatChecker
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import SAFE_METHODS

from board.api import examples
from board.api.permissions import IsSeeker, IsStaffOrReadOnly, IsVerifiedEmployer
from board.jobs.models import Category
from board.tests.api.conftest import bearer

pytestmark = pytest.mark.django_db

FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value):
    return not isinstance(value, str) or ("T" in value and bool(datetime.fromisoformat(value)))


@pytest.fixture
def schema(client):
    return client.get("/api/schema/?format=json").json()


def _operations(schema):
    return [
        (f"{method.upper()} {path}", path, method.upper(), op)
        for path, methods in schema["paths"].items()
        for method, op in methods.items()
    ]


def test_schema_documents_every_operation(schema):
    operations = _operations(schema)
    # 29; issue 16: ratings (2), stats, bulk move, messages (2), reopen, CSV exports (2);
    # issue 17: data export (2), delete account
    assert len(operations) == 41
    for label, path, _method, op in operations:
        assert op.get("summary"), label
        codes = set(op["responses"])
        assert "429" in codes, label
        if not path.startswith("/api/v1/auth/"):
            assert "401" in codes, label
    assert "jwtAuth" in schema["components"]["securitySchemes"]


def test_every_operation_has_examples_and_its_errors(schema):
    problems = []
    for label, path, method, op in _operations(schema):
        problems += [
            f"{label}: {problem}" for problem in _operation_problems(schema, path, method, op)
        ]
    assert not problems, "\n".join(problems)


def _operation_problems(schema, path, method, op):
    responses = op["responses"]
    body = op.get("requestBody", {}).get("content", {})
    due, needs_csrf = _errors_due(schema, path, method, op)
    problems = [f"{code} not documented" for code in sorted(due - set(responses))]
    if not any(code.startswith("2") for code in responses):
        problems.append("no 2xx response")
    if needs_csrf and "CSRF Failed" not in str(responses.get("403")):
        problems.append("403 has no example of a session without its CSRF token")
    for code, response in responses.items():
        if code == "204":
            problems += [f"{code} has a body"] * bool(response.get("content"))
        else:
            problems += _content_problems(schema, f"{code} response", response.get("content"))
    for media_type, content in body.items():
        if media_type in ("application/json", "multipart/form-data"):
            problems += _content_problems(schema, "request", {media_type: content})
    if "400" in responses and body:
        problems += _field_error_problems(schema, responses["400"], body)
    return problems


def _errors_due(schema, path, method, op):
    """The error codes the operation's view can answer, and whether a session needs CSRF."""
    view = resolve(re.sub(r"\{(\w+)\}", "1", path)).func.cls
    permissions, authentication = view.permission_classes, view.authentication_classes
    unsafe = method not in SAFE_METHODS
    needs_role = IsSeeker in permissions or IsVerifiedEmployer in permissions
    needs_role |= unsafe and IsStaffOrReadOnly in permissions
    needs_csrf = unsafe and SessionAuthentication in authentication
    pages = any(
        "next" in _resolve(schema, content["schema"]).get("properties", {})
        for code, response in op["responses"].items()
        if code.startswith("2")
        for content in response.get("content", {}).values()
    )
    due = {
        "429": True,
        "400": "requestBody" in op,
        # Wherever a token is read it can be refused, public reads included.
        "401": bool(authentication),
        "403": needs_role or needs_csrf,
        "404": "{" in path or pages,  # a missing object, or a made-up cursor or page
    }
    return {code for code, is_due in due.items() if is_due}, needs_csrf


def _content_problems(schema, where, content):
    if not content:
        return [f"{where} has no body"]
    problems = []
    for media_type, item in content.items():
        if not item.get("examples"):
            problems.append(f"{where} ({media_type}) has no example")
        for name, example in item.get("examples", {}).items():
            for error in _validator(schema, item["schema"]).iter_errors(example["value"]):
                path = "/".join(map(str, error.absolute_path))
                problems.append(f"{where} example {name!r} at /{path}: {error.message}")
    return problems


def _field_error_problems(schema, response, body):
    """400 examples name fields the operation really takes."""
    request_schema = _resolve(schema, next(iter(body.values()))["schema"])
    fields = {*request_schema.get("properties", {}), "non_field_errors", "detail"}
    return [
        f"400 example {name!r} names unknown field {field!r}"
        for name, example in response["content"]["application/json"]["examples"].items()
        for field in example["value"]
        if field not in fields
    ]


def _resolve(schema, node):
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _validator(schema, node):
    """A JSON Schema validator for an OpenAPI 3.0 schema, strict about unknown keys."""
    root = {"allOf": [_json_schema(node)], "components": _json_schema(schema["components"])}
    return Draft7Validator(root, format_checker=FORMATS)


def _json_schema(node):
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items() if key != "nullable"}
    if "properties" in converted and "additionalProperties" not in converted:
        converted["additionalProperties"] = False  # an example key the schema lacks is a typo
    if node.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


def test_job_example_is_accepted_by_the_job_form(employer_a):
    # The example's category is an id: the seeded one with the slug the examples show.
    category = Category.objects.get(slug=examples.JOB["category"])
    body = {**examples.JOB_INPUT, "category": category.pk}
    client = bearer(employer_a)
    drafted = client.post("/api/v1/employer/jobs/", body, format="json")
    assert drafted.status_code == 201, drafted.content
    assert set(drafted.json()) == set(examples.JOB_DRAFTED)
    job_url = f"/api/v1/employer/jobs/{drafted.json()['id']}/"
    edited = client.patch(job_url, examples.JOB_CHANGES, format="json")
    assert edited.status_code == 200, edited.content
    assert edited.json()["salary_max"] == examples.JOB_EDITED["salary_max"]


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
