"""Who may use the applicant pipeline: every view × every role × GET, HEAD and POST.

Only members of the job's company get in. Everyone else signed in gets a 404
identical to a missing id, for htmx requests too; anonymous visitors go to login.
"""

import re

import pytest
from django.urls import reverse

from board.applications.models import Application, ApplicationNote
from board.tests.factories import (
    ApplicationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

# url name → (argument: "job" or "application", the method it answers, POST data)
VIEWS = {
    "employer_applicants": ("job", "GET", {}),
    "employer_application": ("application", "GET", {}),
    "employer_move_application": ("application", "POST", {"status": "reviewing"}),
    "employer_add_note": ("application", "POST", {"body": "A note"}),
}
MEMBERS = ["owner", "recruiter"]
OUTSIDERS = ["member of another company", "the applicant", "another seeker", "staff"]
METHODS = ["get", "head", "post"]


@pytest.fixture
def application(company):
    return ApplicationFactory(job=JobFactory(company=company))


def user_for(role, company, application):
    return {
        "owner": lambda: MembershipFactory(company=company).user,
        "recruiter": lambda: MembershipFactory(company=company, role="recruiter").user,
        "member of another company": lambda: MembershipFactory().user,
        "the applicant": lambda: application.applicant,
        "another seeker": SeekerFactory,
        "staff": StaffFactory,
    }[role]()


def url_for(name, application, pk=None):
    kind = VIEWS[name][0]
    target = application.job if kind == "job" else application
    return reverse(name, args=[pk or target.pk])


def request(client, method, url, data, htmx=False):
    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "applicant-list"} if htmx else {}
    if method == "post":
        return client.post(url, data, **headers)
    return getattr(client, method)(url, **headers)


def without_nonces(content):
    content = re.sub(rb'nonce="[^"]*"', b"", content)
    content = re.sub(rb'"X-CSRFToken": "[^"]*"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def nothing_changed(application):
    application.refresh_from_db()
    return application.status == "submitted" and not ApplicationNote.objects.exists()


def test_the_matrix_covers_every_pipeline_url():
    from board.web import urls

    pipeline_names = {
        p.name
        for p in urls.urlpatterns
        if getattr(p.callback, "__module__", "").endswith("pipeline")
    }
    assert pipeline_names == set(VIEWS)


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("role", MEMBERS)
@pytest.mark.parametrize("method", METHODS)
def test_members_of_the_company(client, company, application, name, role, method):
    client.force_login(user_for(role, company, application))
    _, answers, data = VIEWS[name]
    response = request(client, method, url_for(name, application), data)
    if answers == "GET" and method != "post":
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
    elif answers == "POST" and method == "post":
        assert response.status_code == 302
    else:
        assert response.status_code == 405


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("htmx", [False, True])
def test_everyone_else_gets_the_404_of_a_missing_id(
    client, company, application, name, role, method, htmx
):
    client.force_login(user_for(role, company, application))
    _, answers, data = VIEWS[name]
    refused = request(client, method, url_for(name, application), data, htmx)
    missing = request(client, method, url_for(name, application, pk=987654), data, htmx)
    wrong_method = (answers == "GET") == (method == "post")
    assert refused.status_code == missing.status_code == (405 if wrong_method else 404)
    assert without_nonces(refused.content) == without_nonces(missing.content)
    assert nothing_changed(application)


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("method", METHODS)
def test_anonymous_visitors_go_to_login(client, application, name, method):
    _, answers, data = VIEWS[name]
    response = request(client, method, url_for(name, application), data)
    if (answers == "GET") == (method == "post"):
        assert response.status_code == 405
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert nothing_changed(application)


@pytest.mark.parametrize("name", VIEWS)
def test_a_member_of_two_roles_is_still_only_a_member_of_their_company(client, name):
    # An employer of another company who also applied here: the application is
    # theirs, but the pipeline is not.
    application = ApplicationFactory()
    outsider = MembershipFactory().user
    Application.objects.filter(pk=application.pk).update(applicant=outsider)
    application.refresh_from_db()
    client.force_login(outsider)
    _, answers, data = VIEWS[name]
    method = "get" if answers == "GET" else "post"
    assert request(client, method, url_for(name, application), data).status_code == 404
