"""The permission matrix: six roles × every API endpoint × its methods.

`ok` means the request got past authentication and permission (2xx, or the
endpoint's own 400/409 for the empty or repeated body we send). Someone
else's object answers 404, exactly like a missing one; a wrong role, 403;
no token, 401. A new endpoint without a row here fails test_every_route_is_covered.
"""

import pytest
from django.urls import URLPattern, URLResolver

from board.api.urls import v1
from board.tests.api.conftest import bearer
from board.tests.factories import (
    ApplicationFactory,
    CategoryFactory,
    EmployerFactory,
    JobFactory,
    SavedJobFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anon", "seeker_a", "seeker_b", "employer_a", "employer_b", "staff"]
OK = "ok"
PUBLIC = dict.fromkeys(ROLES, OK)
SIGNED_IN = {**PUBLIC, "anon": 401}
STAFF_ONLY = {"anon": 401, "seeker_a": 403, "seeker_b": 403, "employer_a": 403,
              "employer_b": 403, "staff": OK}  # fmt: skip
EMPLOYERS = {"anon": 401, "seeker_a": 403, "seeker_b": 403, "employer_a": OK,
             "employer_b": OK, "staff": 403}  # fmt: skip
COMPANY_A = {**EMPLOYERS, "employer_b": 404}
SEEKERS = {"anon": 401, "seeker_a": OK, "seeker_b": OK, "employer_a": 403,
           "employer_b": 403, "staff": 403}  # fmt: skip
SEEKER_A = {**SIGNED_IN, "seeker_b": 404, "employer_a": 404, "employer_b": 404, "staff": 404}
DRAFT_APPLY = {**SEEKERS, "seeker_a": 404, "seeker_b": 404}
FORGED = {**dict.fromkeys(ROLES, 404), "anon": 401}
MEMBERS_A = {**PUBLIC, "anon": 404, "seeker_a": 404, "seeker_b": 404, "employer_b": 404}

APPLICATION = "/api/v1/employer/applications/{application}/"
NO_IDS = {"applications": [], "status": "reviewing"}
HELLO = {"subject": "Hi", "body": "Hi"}

# (route name, method, url template, body, expected by role)
MATRIX = [
    ("api_jobs", "get", "/api/v1/jobs/", None, PUBLIC),
    ("api_job", "get", "/api/v1/jobs/{job}/", None, PUBLIC),
    ("api_job", "get", "/api/v1/jobs/{draft}/", None, MEMBERS_A),
    ("api_apply", "post", "/api/v1/jobs/{job}/apply/", {}, SEEKERS),
    ("api_apply", "post", "/api/v1/jobs/{draft}/apply/", {}, DRAFT_APPLY),
    ("api_companies", "get", "/api/v1/companies/", None, PUBLIC),
    ("api_company", "get", "/api/v1/companies/acme/", None, PUBLIC),
    ("api_categories", "get", "/api/v1/categories/", None, PUBLIC),
    ("api_categories", "post", "/api/v1/categories/", {"name": "New", "slug": "new"}, STAFF_ONLY),
    ("api_category", "get", "/api/v1/categories/{category}/", None, PUBLIC),
    ("api_category", "patch", "/api/v1/categories/{category}/", {"name": "X"}, STAFF_ONLY),
    ("api_token", "post", "/api/v1/auth/token/", {}, dict.fromkeys(ROLES, 400)),
    ("api_token_refresh", "post", "/api/v1/auth/token/refresh/", {}, dict.fromkeys(ROLES, 400)),
    ("api_logout", "post", "/api/v1/auth/logout/", {}, dict.fromkeys(ROLES, 400)),
    ("api_sign_out_everywhere", "post", "/api/v1/auth/sign-out-everywhere/", None, SIGNED_IN),
    ("api_my_applications", "get", "/api/v1/me/applications/", None, SIGNED_IN),
    ("api_withdraw", "post", "/api/v1/me/applications/{application}/withdraw/", None, SEEKER_A),
    ("api_saved", "get", "/api/v1/me/saved/", None, SIGNED_IN),
    ("api_saved", "post", "/api/v1/me/saved/", {"job": "{job}"}, SIGNED_IN),
    ("api_unsave", "delete", "/api/v1/me/saved/{job}/", None, SEEKER_A),
    ("api_employer_jobs", "get", "/api/v1/employer/jobs/", None, EMPLOYERS),
    ("api_employer_jobs", "post", "/api/v1/employer/jobs/", {}, EMPLOYERS),
    ("api_employer_job", "get", "/api/v1/employer/jobs/{job}/", None, COMPANY_A),
    ("api_employer_job", "patch", "/api/v1/employer/jobs/{job}/", {"city": "Oslo"}, COMPANY_A),
    ("api_submit", "post", "/api/v1/employer/jobs/{draft}/submit/", None, COMPANY_A),
    ("api_close", "post", "/api/v1/employer/jobs/{job}/close/", None, COMPANY_A),
    ("api_renew", "post", "/api/v1/employer/jobs/{job}/renew/", None, COMPANY_A),
    ("api_reopen", "post", "/api/v1/employer/jobs/{job}/reopen/", {}, COMPANY_A),
    ("api_applicants", "get", "/api/v1/employer/jobs/{job}/applicants/", None, COMPANY_A),
    ("api_job_stats", "get", "/api/v1/employer/jobs/{job}/stats/", None, COMPANY_A),
    ("api_move", "post", APPLICATION + "status/", {"status": "reviewing"}, COMPANY_A),
    ("api_notes", "get", APPLICATION + "notes/", None, COMPANY_A),
    ("api_notes", "post", APPLICATION + "notes/", {"body": "Hi"}, COMPANY_A),
    ("api_ratings", "get", APPLICATION + "ratings/", None, COMPANY_A),
    ("api_ratings", "post", APPLICATION + "ratings/", {"score": 4}, COMPANY_A),
    # Issue 16. A bulk move names its applications in the body: another company's ids are
    # reported as not found (board/tests/api/test_messages.py), never moved.
    ("api_bulk_move", "post", "/api/v1/employer/applications/bulk/", NO_IDS, EMPLOYERS),
    ("api_messages", "get", APPLICATION + "messages/", None, COMPANY_A),
    ("api_messages", "post", APPLICATION + "messages/", HELLO, COMPANY_A),
    # The applicants' CSV exports (issue 16's, in the API since issue 17's round).
    (
        "api_job_applicants_csv",
        "get",
        "/api/v1/employer/jobs/{job}/applicants.csv",
        None,
        COMPANY_A,
    ),
    ("api_company_applicants_csv", "get", "/api/v1/employer/applicants.csv", None, EMPLOYERS),
    # The link is the permission (test_resume_links.py): a forged one is 404 for everyone.
    ("api_resume", "get", "/api/v1/resumes/forged:token/", None, dict.fromkeys(ROLES, 404)),
    # Issue 17: everyone signed in may export their own data; a download link is
    # signed for one account (board/tests/privacy/test_api.py), a forged one is 404.
    ("api_data_export", "get", "/api/v1/me/data-export/", None, SIGNED_IN),
    ("api_data_export", "post", "/api/v1/me/data-export/", None, SIGNED_IN),
    ("api_data_export_download", "get", "/api/v1/me/data-export/download/x:y/", None, FORGED),
    # Issue 17: without the password, 400 (a last owner: 409); deleting is test_delete_account.py.
    ("api_delete_account", "post", "/api/v1/me/account/delete/", {}, SIGNED_IN),
]


@pytest.fixture
def world(company_a, employer_a, employer_b, seeker_a, seeker_b, staff):
    job = JobFactory(company=company_a, description="A long enough description. " * 8)
    draft = JobFactory(company=company_a, draft=True)
    application = ApplicationFactory(job=job, applicant=seeker_a)
    SavedJobFactory(user=seeker_a, job=job)
    category = CategoryFactory()
    users = {"seeker_a": seeker_a, "seeker_b": seeker_b, "employer_a": employer_a,
             "employer_b": employer_b, "staff": staff}  # fmt: skip
    ids = {"job": job.pk, "draft": draft.pk, "application": application.pk,
           "category": category.pk}  # fmt: skip
    return users, ids


def _request(world, role, method, url, body):
    from rest_framework.test import APIClient

    users, ids = world
    client = APIClient() if role == "anon" else bearer(users[role])
    url = url.format(**ids)
    if body is not None:
        body = {k: (v.format(**ids) if isinstance(v, str) else v) for k, v in body.items()}
    return (
        getattr(client, method)(url, body, format="json")
        if body is not None
        else getattr(client, method)(url)
    )


def _passes(expected, code):
    if expected == OK:
        return code < 300 or code in (400, 409)
    return code == expected


CASES = [
    pytest.param(name, method, url, body, role, expected[role], id=f"{method} {url} {role}")
    for name, method, url, body, expected in MATRIX
    for role in ROLES
]


@pytest.mark.parametrize("name,method,url,body,role,expected", CASES)
def test_matrix(world, name, method, url, body, role, expected):
    response = _request(world, role, method, url, body)
    assert _passes(expected, response.status_code), (response.status_code, response.content)
    if method == "get":
        # HEAD answers exactly like GET: a hidden object is as missing there too.
        assert _request(world, role, "head", url, None).status_code == response.status_code
    if response.status_code == 404:
        assert set(response.json()) == {"detail"}


def test_every_route_is_covered():
    names = set()
    for entry in v1:
        assert isinstance(entry, URLPattern | URLResolver)
        names.add(entry.name)
    assert names == {row[0] for row in MATRIX}


def test_foreign_object_404_is_identical_to_a_missing_one(world):
    users, ids = world
    client = bearer(users["employer_b"])
    foreign = client.get(f"/api/v1/employer/jobs/{ids['job']}/")
    missing = client.get("/api/v1/employer/jobs/999999/")
    assert foreign.status_code == missing.status_code == 404
    assert foreign.content == missing.content


def test_unverified_employer_is_403(company_a):
    from board.tests.factories import MembershipFactory

    user = MembershipFactory(company=company_a, user=EmployerFactory(verified=False)).user
    assert bearer(user).get("/api/v1/employer/jobs/").status_code == 403


def test_employer_without_a_company_is_404():
    assert bearer(EmployerFactory()).get("/api/v1/employer/jobs/").status_code == 404


@pytest.mark.parametrize(
    "role,url",
    [
        ("seeker_a", "/api/v1/me/applications/"),
        ("seeker_a", "/api/v1/me/saved/"),
        ("employer_a", "/api/v1/employer/jobs/"),
    ],
)
def test_personal_data_is_never_cached(world, role, url):
    users, _ids = world
    response = bearer(users[role]).get(url)
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
