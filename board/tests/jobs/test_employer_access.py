"""Who may use each employer page: the role matrix for every view in
board/web/employer.py and employer_jobs.py, and 404s identical to missing."""

import re

import pytest
from django.urls import reverse

from board.companies.models import Membership
from board.tests.factories import (
    EmployerFactory,
    InvitationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
ROLES = ["owner", "recruiter", "other_company", "seeker", "anonymous", "staff"]

# name → (URL kwargs kind, methods it answers, who may POST: "member" or "owner").
# "job", "member" and "invitation" URLs point at an object of the owner's company.
VIEWS = {
    "employer_dashboard": (None, {"GET"}, None),
    "employer_company_create": (None, {"GET", "POST"}, "member"),
    "employer_company": (None, {"GET", "POST"}, "owner"),
    "employer_team": (None, {"GET", "POST"}, "owner"),
    "employer_remove_member": ("member", {"POST"}, "owner"),
    "employer_revoke_invitation": ("invitation", {"POST"}, "owner"),
    "employer_job_create": (None, {"GET", "POST"}, "member"),
    "employer_description_preview": (None, {"POST"}, "member"),
    "employer_job_edit": ("job", {"GET", "POST"}, "member"),
    "employer_job_preview": ("job", {"GET"}, None),
    "employer_job_submit": ("job", {"POST"}, "member"),
    "employer_job_close": ("job", {"POST"}, "member"),
    "employer_job_close_confirm": ("job", {"GET"}, None),
    "employer_job_renew": ("job", {"POST"}, "member"),
    "employer_job_duplicate": ("job", {"POST"}, "member"),
    "employer_job_delete": ("job", {"POST"}, "member"),
    "employer_job_analytics": ("job", {"GET"}, None),
    "employer_job_reopen": ("job", {"GET", "POST"}, "member"),
}


def test_every_employer_url_is_in_the_matrix():
    from board.web.urls import urlpatterns

    names = {
        p.name
        for p in urlpatterns
        if str(p.pattern).startswith("employer/")
        and p.callback.__module__.startswith("board.web.employer")
    }
    assert names == set(VIEWS) | {"accept_invitation"}


def expected(view, role, method):
    """'ok', 'login', 403, 404 or 405 for this cell."""
    kind, methods, post_rule = VIEWS[view]
    answers = methods | ({"HEAD"} if "GET" in methods else set())
    if method not in answers:
        return 405
    if role == "anonymous":
        return "login"
    if role in ("seeker", "staff"):
        return 403
    if role == "other_company" and kind is not None:
        return 404  # another company's job, member or invitation: as if missing
    if method == "POST" and post_rule == "owner" and role == "recruiter":
        return 403
    return "ok"


@pytest.fixture
def world(company, employer):
    job = JobFactory(company=company, draft=True)
    recruiter = MembershipFactory(company=company, role=Membership.Role.RECRUITER)
    other = MembershipFactory()
    objects = {
        "job": job.pk,
        "member": recruiter.pk,
        "invitation": InvitationFactory(company=company).pk,
    }
    users = {
        "owner": employer,
        "recruiter": recruiter.user,
        "other_company": other.user,
        "seeker": SeekerFactory(),
        "staff": StaffFactory(),
        "anonymous": None,
    }
    return objects, users


def _page(response):
    """The body without what changes on every request (CSRF token, CSP nonce)."""
    html = response.content.decode()
    html = re.sub(r'"X-CSRFToken": "[^"]+"', '"X-CSRFToken": ""', html)
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', 'nonce=""', html)


def _url(view, objects):
    kind = VIEWS[view][0]
    return reverse(view, args=[objects[kind]] if kind else [])


def _request(client, method, url):
    return {"GET": client.get, "HEAD": client.head, "POST": client.post}[method](url)


@pytest.mark.parametrize("method", ["GET", "HEAD", "POST"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("view", list(VIEWS))
def test_role_matrix(client, world, view, role, method):
    objects, users = world
    if users[role] is not None:
        client.force_login(users[role])
    url = _url(view, objects)
    response = _request(client, method, url)
    outcome = expected(view, role, method)
    if outcome == "login":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    elif outcome == "ok":
        assert response.status_code in (200, 302)
        assert not response.get("Location", "").startswith(reverse("account_login"))
    else:
        assert response.status_code == outcome
    if outcome == "ok":
        # The company's data is never kept by browsers or proxies.
        assert "no-store" in response["Cache-Control"]
        assert "private" in response["Cache-Control"]


def test_seekers_get_a_page_that_says_why(client):
    client.force_login(SeekerFactory())
    response = client.get(reverse("employer_dashboard"))
    assert response.status_code == 403
    assert "Employer pages are for employer accounts" in response.content.decode()


@pytest.mark.parametrize(
    "view",
    ["employer_dashboard", "employer_job_create", "employer_company_create"],
)
def test_unverified_employers_are_asked_to_verify(client, view):
    client.force_login(EmployerFactory(verified=False))
    response = client.get(reverse(view))
    assert response.status_code == 403
    assert "Please verify your e-mail address" in response.content.decode()


class TestForeignObjectsLookMissing:
    """Another company's job answers exactly like a job that does not exist."""

    JOB_VIEWS = [v for v, (kind, _, _) in VIEWS.items() if kind == "job"]

    @pytest.mark.parametrize("htmx", [False, True])
    @pytest.mark.parametrize("view", JOB_VIEWS)
    def test_foreign_job_is_404_like_a_missing_one(self, client, employer, view, htmx):
        foreign = JobFactory(draft=True)
        client.force_login(employer)
        method = "GET" if "GET" in VIEWS[view][1] else "POST"
        headers = HTMX if htmx else {}
        call = client.get if method == "GET" else client.post
        foreign_response = call(reverse(view, args=[foreign.pk]), **headers)
        missing_response = call(reverse(view, args=[foreign.pk + 1000]), **headers)
        assert foreign_response.status_code == missing_response.status_code == 404
        assert _page(foreign_response) == _page(missing_response)
        foreign.refresh_from_db()
        assert foreign.status == "draft"

    @pytest.mark.parametrize("view", ["employer_remove_member", "employer_revoke_invitation"])
    def test_foreign_team_objects_are_404(self, client, employer, view):
        member = MembershipFactory(role=Membership.Role.RECRUITER)
        invitation = InvitationFactory(company=member.company)
        pk = member.pk if view == "employer_remove_member" else invitation.pk
        client.force_login(employer)
        assert client.post(reverse(view, args=[pk])).status_code == 404
        assert Membership.objects.filter(pk=member.pk).exists()
        invitation.refresh_from_db()

    def test_employer_without_a_company_gets_404_for_company_pages(self, client):
        client.force_login(EmployerFactory())
        assert client.get(reverse("employer_team")).status_code == 404
        assert client.get(reverse("employer_company")).status_code == 404
        assert client.get(reverse("employer_job_create")).status_code == 404
