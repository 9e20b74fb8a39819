"""Structured logs: one JSON line per request with its id, the id on every line written
during the request, and nothing personal in any line of a whole sign-in and apply flow."""

import io
import json
import logging
import re

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from board.ops.logs import JsonFormatter
from board.ops.request_ids import RequestIdFilter
from board.tests import resume_files
from board.tests.factories import (
    PASSWORD,
    EmployerFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
)

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.77"


@pytest.fixture
def json_logs():
    """The root logger writes production's JSON lines into a buffer; list of dicts back."""
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    requests_logger = logging.getLogger("nexus.requests")
    saved = (root.level, requests_logger.level)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    requests_logger.setLevel(logging.INFO)

    def lines():
        text = buffer.getvalue()
        return text, [json.loads(line) for line in text.splitlines()]

    yield lines
    root.removeHandler(handler)
    root.setLevel(saved[0])
    requests_logger.setLevel(saved[1])


def request_lines(entries):
    return [entry for entry in entries if entry["logger"] == "nexus.requests"]


class TestRequestIds:
    def test_a_well_formed_id_is_kept_and_echoed(self, client):
        response = client.get("/jobs/", headers={"X-Request-ID": "req-0f3a9c-from-nginx"})
        assert response["X-Request-ID"] == "req-0f3a9c-from-nginx"

    @pytest.mark.parametrize(
        "offered",
        ["short", "x" * 65, "has space in it", "line\nbreak-injected", '{"json": 1}', ""],
    )
    def test_anything_else_is_replaced(self, client, offered):
        response = client.get("/jobs/", headers={"X-Request-ID": offered})
        assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])

    def test_each_request_gets_its_own(self, client):
        assert client.get("/jobs/")["X-Request-ID"] != client.get("/jobs/")["X-Request-ID"]

    def test_probes_pass_straight_through(self, client):
        assert "X-Request-ID" not in client.get("/healthz")


class TestJsonLines:
    def test_one_line_per_request(self, client, json_logs):
        job = JobFactory()
        response = client.get(job.get_absolute_url(), headers={"X-Request-ID": "abcdef12-one"})
        _, entries = json_logs()
        (line,) = request_lines(entries)
        assert line["request_id"] == "abcdef12-one" == response["X-Request-ID"]
        assert line["method"] == "GET"
        assert line["route"] == "/jobs/<int:pk>-<slug:slug>/"
        assert line["status"] == 200
        assert isinstance(line["duration_ms"], float)
        assert line["level"] == "INFO"
        assert line["time"].endswith("+00:00")

    def test_lines_written_during_the_request_carry_its_id(self, client, json_logs):
        # Django logs a 404 after the last middleware returned: the id is still there.
        response = client.get("/jobs/424242-gone/")
        _, entries = json_logs()
        not_found = [entry for entry in entries if entry["logger"] == "django.request"]
        assert not_found and not_found[0]["request_id"] == response["X-Request-ID"]
        # ...and it names the route, not the path
        assert not_found[0]["message"] == "Not Found: /jobs/<int:pk>-<slug:slug>/"

    def test_a_line_after_the_request_has_no_id(self, client, json_logs):
        client.get("/jobs/")
        logging.getLogger("board.test").warning("between requests")
        _, entries = json_logs()
        assert entries[-1]["request_id"] == "-"

    def test_the_user_is_anonymous_or_a_hash(self, client, json_logs):
        seeker = SeekerFactory()
        client.get("/jobs/")
        client.force_login(seeker)
        client.get(reverse("my_applications"))
        client.get(reverse("my_applications"))
        _, entries = json_logs()
        users = [line["user"] for line in request_lines(entries)]
        assert users[0] in ("anonymous", "-")
        assert users[1] == users[2] and re.fullmatch(r"user:[0-9a-f]{16}", users[1])
        other = Client()
        other.force_login(SeekerFactory())
        other.get(reverse("my_applications"))
        assert request_lines(json_logs()[1])[-1]["user"] != users[1]

    def test_logging_adds_no_query(self, client, json_logs, django_assert_num_queries):
        # A page that never looked at the user: the log line must not look it up either.
        client.force_login(SeekerFactory())
        client.get("/robots.txt")
        with django_assert_num_queries(0):
            client.get("/robots.txt")
        assert request_lines(json_logs()[1])[-1]["user"] == "-"


def test_no_personal_data_in_a_sign_in_and_apply_flow(json_logs, settings):
    seeker = SeekerFactory(email="jane.roe@example.org", first_name="Janette", last_name="Roeland")
    owner = EmployerFactory(email="boss.person@acme.example", first_name="Bossman")
    job = JobFactory(title="Data Engineer")
    MembershipFactory(company=job.company, user=owner)
    client = Client(REMOTE_ADDR=ADDRESS, HTTP_USER_AGENT="Mozilla/5.0 TestBrowser/1.0")

    # a failed sign-in, then a good one
    client.post(reverse("account_login"), {"login": seeker.email, "password": "wrong-Pa55word"})
    signed = client.post(
        reverse("account_login") + "?next=/me/&token=SECRETQUERYTOKEN",
        {"login": seeker.email, "password": PASSWORD},
    )
    assert signed.status_code == 302
    resume = SimpleUploadedFile(
        "Janette Roeland CV final.pdf", resume_files.pdf_bytes(), "application/pdf"
    )
    applied = client.post(
        reverse("apply_to_job", args=[job.pk]),
        {"resume": resume, "cover_letter": "Dear team, I am Janette."},
        follow=True,
    )
    assert "Your application was sent." in applied.text
    client.get(reverse("my_applications"))
    client.get("/accounts/password/reset/key/SECRETRESETKEY-set-password/")
    session_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value

    text, entries = json_logs()
    assert len(request_lines(entries)) >= 6
    assert all(entry["request_id"] for entry in entries)
    for secret in (
        "jane.roe",
        "example.org",
        "boss.person",
        "Janette",
        "Roeland",
        "Bossman",
        "CV final",
        ADDRESS,
        "wrong-Pa55word",
        PASSWORD,
        "SECRETQUERYTOKEN",
        "SECRETRESETKEY",
        session_key,
        "TestBrowser",
    ):
        assert secret not in text, f"{secret!r} appears in the logs"
