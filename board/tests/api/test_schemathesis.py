"""Property-based fuzzing of every operation in our OpenAPI schema (schemathesis).

For each operation, schema-valid (positive) and schema-invalid (negative)
requests are generated and sent through the WSGI app, as the right kind of
user: anonymous for public reads and auth, a seeker's token for /me/ and
applying, an employer's for /employer/, staff for category changes. Every
answer must be no 5xx, a documented status code, and match its schema.

Hypothesis runs inside an ordinary pytest-django test (one database
transaction for all examples), which sidesteps fixture scoping between
hypothesis and pytest-django.
"""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from rest_framework.views import APIView
from rest_framework_simplejwt.tokens import RefreshToken
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from board.tests.factories import (
    ApplicationFactory,
    CategoryFactory,
    CompanyFactory,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    SeekerProfileFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

EXAMPLES = {GenerationMode.POSITIVE: 15, GenerationMode.NEGATIVE: 8}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def world():
    company = CompanyFactory(slug="acme", verified=True)
    employer = MembershipFactory(company=company, user=EmployerFactory()).user
    seeker = SeekerFactory()
    SeekerProfileFactory(user=seeker)
    job = JobFactory(company=company, description="A long enough description. " * 8)
    draft = JobFactory(company=company, draft=True)
    application = ApplicationFactory(job=job)
    category = CategoryFactory()
    return {
        "users": {"seeker": seeker, "employer": employer, "staff": StaffFactory()},
        # Real ids the fuzzer mixes in, so that not every case is a 404.
        "ids": [job.pk, draft.pk, application.pk, category.pk],
    }


def _user_for(operation):
    path, method = operation.path, operation.method.upper()
    if path.startswith("/api/v1/employer/"):
        return "employer"
    if path.startswith("/api/v1/me/") or path.endswith("/apply/"):
        return "seeker"
    if path.startswith("/api/v1/categories/") and method != "GET":
        return "staff"
    return None


@pytest.fixture
def keep_connection():
    # Calling the WSGI app directly fires request_finished, which closes the database
    # connection, and with it the test's transaction; Django's test client disconnects
    # this handler for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def no_throttling(monkeypatch):
    # Hundreds of requests a minute are the point here; throttling has its own test.
    monkeypatch.setattr(APIView, "throttle_classes", [])


def test_every_operation_conforms(world, no_throttling, keep_connection):
    # Not site_config.wsgi: importing it sets DJANGO_ENV=production in this process's
    # environment for every later test (gunicorn's default there, on purpose).
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    tokens = {
        name: str(RefreshToken.for_user(user).access_token) for name, user in world["users"].items()
    }
    stats = {"operations": len(operations), "cases": 0, "nothing_to_negate": []}
    for operation in operations:
        user = _user_for(operation)
        headers = {"Authorization": f"Bearer {tokens[user]}"} if user else {}
        for mode, examples in EXAMPLES.items():
            _fuzz(operation, mode, examples, headers, world["ids"], stats)
    print(f"schemathesis: {stats}")  # shown with -s, for the report
    assert stats["operations"] >= 28


def _fuzz(operation, mode, examples, headers, ids, stats):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode), real_id=st.sampled_from(ids))
    def run(case, real_id):
        path_parameters = case.path_parameters or {}
        for name in ("pk", "job_id"):
            if name in path_parameters and real_id % 2:
                path_parameters[name] = real_id
        stats["cases"] += 1
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    try:
        run()
    except Unsatisfiable:
        # An operation with no parameters and no body has no invalid request to make.
        if mode != GenerationMode.NEGATIVE:
            raise
        stats["nothing_to_negate"].append(operation.label)
