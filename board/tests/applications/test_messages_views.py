"""The site's pages for bulk actions, messages and message templates: who may use
them (every view × role × method), what they do, and what they cost."""

import re

import pytest
from django.urls import reverse

from board.applications.message_models import ApplicationMessage, MessageTemplate
from board.applications.models import Application, ApplicationEvent
from board.tests.factories import (
    ApplicationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db

S = Application.Status

# url name → (argument kind, methods it answers, a POST body that would change something)
VIEWS = {
    "employer_bulk_applicants": ("job", {"POST"}, {"status": "reviewing", "applications": "{a}"}),
    "employer_message_applicant": (
        "application",
        {"GET", "POST"},
        {"subject": "Hi", "body": "Hello {applicant_name}"},
    ),
    "employer_message_templates": (None, {"GET"}, {}),
    "employer_message_template_create": (
        None,
        {"GET", "POST"},
        {"kind": "other", "name": "N", "subject": "S", "body": "B"},
    ),
    "employer_message_template_edit": (
        "template",
        {"GET", "POST"},
        {"kind": "other", "name": "N", "subject": "S", "body": "B"},
    ),
    "employer_message_template_delete": ("template", {"POST"}, {}),
    "employer_message_templates_suggested": (None, {"POST"}, {}),
}
MEMBERS = ["owner", "recruiter"]
OUTSIDERS = ["member of another company", "the applicant", "another seeker", "staff"]


@pytest.fixture
def world(company):
    job = JobFactory(company=company, title="Data Engineer")
    application = ApplicationFactory(job=job)
    template = MessageTemplate.objects.create(
        company=company, name="Ours", subject="Hello", body="Dear {applicant_name}"
    )
    return {"job": job, "application": application, "template": template}


def user_for(role, company, world):
    return {
        "owner": lambda: MembershipFactory(company=company).user,
        "recruiter": lambda: MembershipFactory(company=company, role="recruiter").user,
        "member of another company": lambda: MembershipFactory().user,
        "the applicant": lambda: world["application"].applicant,
        "another seeker": SeekerFactory,
        "staff": StaffFactory,
    }[role]()


def url_for(name, world, pk=None):
    kind = VIEWS[name][0]
    if kind is None:
        return reverse(name)
    return reverse(name, args=[pk or world[kind].pk])


def body_for(name, world):
    pk = str(world["application"].pk)
    return {k: v.replace("{a}", pk) for k, v in VIEWS[name][2].items()}


def snapshot(world):
    application, template = world["application"], world["template"]
    application.refresh_from_db()
    return (
        application.status,
        ApplicationMessage.objects.count(),
        list(template.company.message_templates.values_list("pk", "name", "body")),
    )


def without_nonces(content):
    content = re.sub(rb'nonce="[^"]*"', b"", content)
    content = re.sub(rb'"X-CSRFToken": "[^"]*"', b"", content)
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


def test_the_matrix_covers_every_new_url():
    from board.web import urls

    names = {
        p.name
        for p in urls.urlpatterns
        if p.callback.__module__ in ("board.web.pipeline_bulk", "board.web.message_templates")
    }
    assert names == set(VIEWS)


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("role", MEMBERS)
@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_members_of_the_company(client, company, world, name, role, method):
    client.force_login(user_for(role, company, world))
    methods = VIEWS[name][1]
    url = url_for(name, world)
    response = (
        client.post(url, body_for(name, world))
        if method == "post"
        else (getattr(client, method)(url))
    )
    if method.upper() not in methods and not (method == "head" and "GET" in methods):
        assert response.status_code == 405
    elif method == "post":
        assert response.status_code in (200, 302)
        assert "no-store" in response["Cache-Control"]
    else:
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize("method", ["get", "head", "post"])
def test_everyone_else_gets_the_404_of_a_missing_id(client, company, world, name, role, method):
    client.force_login(user_for(role, company, world))
    before = snapshot(world)
    methods = VIEWS[name][1]

    def ask(url):
        if method == "post":
            return client.post(url, body_for(name, world))
        return getattr(client, method)(url)

    refused = ask(url_for(name, world))
    if method.upper() not in methods and not (method == "head" and "GET" in methods):
        assert refused.status_code == 405
    elif VIEWS[name][0] is None and role == "member of another company":
        # The templates pages without an id are their own company's.
        assert refused.status_code in (200, 302)
        assert "Ours" not in refused.text
    else:
        assert refused.status_code == 404
        if VIEWS[name][0] is not None:
            missing = ask(url_for(name, world, pk=987654))
            assert missing.status_code == 404
            assert without_nonces(refused.content) == without_nonces(missing.content)
    assert snapshot(world) == before


@pytest.mark.parametrize("name", VIEWS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_go_to_login(client, world, name, method):
    before = snapshot(world)
    url = url_for(name, world)
    response = client.post(url, body_for(name, world)) if method == "post" else client.get(url)
    if method.upper() in VIEWS[name][1]:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    else:
        assert response.status_code == 405
    assert snapshot(world) == before


# Bulk actions from the applicants page


@pytest.fixture
def owner(company):
    return MembershipFactory(company=company).user


def bulk_url(job):
    return reverse("employer_bulk_applicants", args=[job.pk])


def test_the_applicants_page_has_a_checkbox_per_row_tied_to_the_bulk_form(client, owner, world):
    client.force_login(owner)
    page = client.get(reverse("employer_applicants", args=[world["job"].pk])).text
    pk = world["application"].pk
    assert f'name="applications" value="{pk}" form="bulk-form"' in page
    assert f'name="page_ids" value="{pk}"' in page
    assert 'id="bulk-form"' in page and 'name="all_on_page"' in page


def test_a_bulk_move_reports_moved_and_refused(client, owner, world):
    job = world["job"]
    hired = ApplicationFactory(job=job, status=S.HIRED)
    client.force_login(owner)
    response = client.post(
        bulk_url(job),
        {
            "applications": [world["application"].pk, hired.pk],
            "status": "interviewing",
        },
    )
    assert response.status_code == 200
    assert "1 moved, 1 not moved" in response.text
    assert "An application that is hired cannot move to that status." in response.text
    world["application"].refresh_from_db()
    assert world["application"].status == S.INTERVIEWING


def test_all_on_this_page_without_javascript(client, owner, world):
    job = world["job"]
    second = ApplicationFactory(job=job)
    client.force_login(owner)
    client.post(
        bulk_url(job),
        {
            "all_on_page": "on",
            "page_ids": [world["application"].pk, second.pk],
            "status": "reviewing",
        },
    )
    assert set(job.applications.values_list("status", flat=True)) == {S.REVIEWING}


def test_an_attacker_adding_another_companys_ids_moves_none_of_them(client, owner, world):
    foreign = ApplicationFactory()  # another company's
    client.force_login(owner)
    response = client.post(
        bulk_url(world["job"]),
        {
            "applications": [world["application"].pk, foreign.pk, "987654"],
            "status": "reviewing",
        },
    )
    assert response.status_code == 200
    assert "2 selected applications could not be found" in response.text
    assert foreign.applicant.display_name not in response.text
    foreign.refresh_from_db()
    assert foreign.status == S.SUBMITTED and not foreign.events.exists()
    # Through the rejection form too: another company's applicant is never listed.
    response = client.post(
        bulk_url(world["job"]),
        {
            "applications": [foreign.pk],
            "status": "rejected",
        },
    )
    assert foreign.applicant.display_name not in response.text


@pytest.mark.parametrize("ids", [["abc"], ["1e3"], ["-1"], ["9" * 30]])
def test_malformed_ids_are_a_message_not_a_500(client, owner, world, ids):
    client.force_login(owner)
    response = client.post(bulk_url(world["job"]), {"applications": ids, "status": "reviewing"})
    assert response.status_code in (200, 302)
    assert not ApplicationEvent.objects.exists()


def test_too_many_is_a_clear_message(client, owner, world):
    client.force_login(owner)
    ids = list(range(1, 202))
    response = client.post(
        bulk_url(world["job"]), {"applications": ids, "status": "reviewing"}, follow=True
    )
    assert "Select at most 200 applicants at a time (you selected 201)." in response.text
    assert not ApplicationEvent.objects.exists()


def test_nothing_selected_is_a_clear_message(client, owner, world):
    client.force_login(owner)
    response = client.post(bulk_url(world["job"]), {"status": "reviewing"}, follow=True)
    assert "Select at least one applicant." in response.text


def test_a_rejection_asks_for_the_reason_then_loads_a_template_then_rejects(client, owner, world):
    job, application = world["job"], world["application"]
    client.force_login(owner)
    step = {"applications": [application.pk], "status": "rejected"}
    response = client.post(bulk_url(job), step)
    assert response.status_code == 200 and "Reject 1 applicant" in response.text
    assert application.applicant.display_name in response.text
    application.refresh_from_db()
    assert application.status == S.SUBMITTED  # nothing done yet

    template = world["template"]
    response = client.post(
        bulk_url(job), {**step, "confirm": "1", "load": "1", "template": template.pk}
    )
    assert "Dear {applicant_name}" in response.text  # the template's text, to edit
    application.refresh_from_db()
    assert application.status == S.SUBMITTED

    response = client.post(bulk_url(job), {**step, "confirm": "1"})  # no reason
    assert "Choose a reason for the rejection." in response.text

    response = client.post(
        bulk_url(job),
        {
            **step,
            "confirm": "1",
            "reason": "filled",
            "share_reason": "on",
            "subject": "About {job_title}",
            "body": "Dear {applicant_name}, edited.",
        },
    )
    assert "1 moved, 0 not moved" in response.text
    event = application.events.get()
    assert (event.to_status, event.reason, event.reason_shared) == ("rejected", "filled", True)
    assert application.messages.get().body == f"Dear {application.applicant.display_name}, edited."


def test_a_hostile_placeholder_in_the_rejection_message_is_a_form_error(client, owner, world):
    client.force_login(owner)
    response = client.post(
        bulk_url(world["job"]),
        {
            "applications": [world["application"].pk],
            "status": "rejected",
            "confirm": "1",
            "reason": "filled",
            "subject": "Hi",
            "body": "{applicant_name.__class__}",
        },
    )
    assert response.status_code == 200
    assert "Unknown placeholder {applicant_name.__class__}" in response.text
    assert not ApplicationEvent.objects.exists()


# One message


def test_a_member_writes_from_a_template_and_sends(client, owner, world):
    application = world["application"]
    url = reverse("employer_message_applicant", args=[application.pk])
    client.force_login(owner)
    page = client.get(url, {"template": world["template"].pk}).text
    assert "Dear {applicant_name}" in page
    response = client.post(url, {"subject": "Hello", "body": "Dear {applicant_name}!"})
    assert response.status_code == 302
    assert application.messages.get().body == f"Dear {application.applicant.display_name}!"
    page = client.get(reverse("employer_application", args=[application.pk])).text
    assert f"Dear {application.applicant.display_name}!" in page and "Message: Hello" in page


def test_defaults_are_offered_when_the_company_has_no_templates(client, owner, world):
    MessageTemplate.objects.all().delete()
    url = reverse("employer_message_applicant", args=[world["application"].pk])
    client.force_login(owner)
    page = client.get(url, {"template": "default-interview"}).text
    assert "We would like to meet you" in page


@pytest.mark.parametrize("body", ["{0}", "{applicant_name.__class__}", "{{x}", "x" * 5001])
def test_a_bad_message_is_a_form_error(client, owner, world, body):
    url = reverse("employer_message_applicant", args=[world["application"].pk])
    client.force_login(owner)
    response = client.post(url, {"subject": "Hi", "body": body})
    assert response.status_code == 200 and "invalid-feedback" in response.text
    assert not ApplicationMessage.objects.exists()


# Templates


def test_templates_are_created_edited_and_deleted_by_any_member(client, company, world):
    recruiter = MembershipFactory(company=company, role="recruiter").user
    client.force_login(recruiter)
    client.post(
        reverse("employer_message_template_create"),
        {"kind": "offer", "name": "Offer", "subject": "{job_title}", "body": "Yes"},
    )
    created = MessageTemplate.objects.get(name="Offer")
    assert created.company == company
    client.post(
        reverse("employer_message_template_edit", args=[created.pk]),
        {"kind": "offer", "name": "Offer 2", "subject": "S", "body": "B"},
    )
    created.refresh_from_db()
    assert created.name == "Offer 2"
    client.post(reverse("employer_message_template_delete", args=[created.pk]))
    assert not MessageTemplate.objects.filter(pk=created.pk).exists()


def test_an_unknown_placeholder_in_a_template_is_a_form_error(client, owner, world):
    client.force_login(owner)
    response = client.post(
        reverse("employer_message_template_create"),
        {"kind": "other", "name": "X", "subject": "S", "body": "{salary}"},
    )
    assert response.status_code == 200
    assert "Unknown placeholder {salary}" in response.text
    assert not MessageTemplate.objects.filter(name="X").exists()


def test_a_company_field_in_the_post_is_ignored(client, owner, world):
    from board.tests.factories import CompanyFactory

    other = CompanyFactory()
    client.force_login(owner)
    client.post(
        reverse("employer_message_template_create"),
        {
            "kind": "other",
            "name": "Sneaky",
            "subject": "S",
            "body": "B",
            "company": other.pk,
        },
    )
    assert MessageTemplate.objects.get(name="Sneaky").company == world["job"].company


def test_the_suggested_templates_are_added_once(client, owner, world):
    MessageTemplate.objects.all().delete()
    client.force_login(owner)
    page = client.get(reverse("employer_message_templates")).text
    assert "Add the suggested templates" in page
    client.post(reverse("employer_message_templates_suggested"))
    client.post(reverse("employer_message_templates_suggested"))
    assert MessageTemplate.objects.count() == 4


# Queries: the checkboxes and the bulk form cost nothing per applicant


def test_the_applicants_page_keeps_a_constant_number_of_queries(client, company):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    owner = MembershipFactory(company=company).user
    few, many = JobFactory(company=company), JobFactory(company=company)
    ApplicationFactory.create_batch(2, job=few)
    ApplicationFactory.create_batch(25, job=many)  # more than a page: every row is shown
    client.force_login(owner)
    counts = []
    for job in (few, many):
        client.get(reverse("employer_applicants", args=[job.pk]))
        with CaptureQueriesContext(connection) as queries:
            response = client.get(reverse("employer_applicants", args=[job.pk]))
        assert response.text.count('form="bulk-form"') == min(job.applications.count(), 20)
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_rejection_form_says_how_many_were_too_many(client, owner, world):
    client.force_login(owner)
    ids = [*range(10**6, 10**6 + 250), "9" * 30]
    response = client.post(
        bulk_url(world["job"]), {"applications": ids, "status": "rejected", "confirm": "1"}
    )
    assert response.status_code == 200
    assert "The selection is not valid" in response.text
    assert "(you selected 250)" in response.text


HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "bulk-panel"}


def test_with_htmx_a_move_answers_the_report_alone_and_tells_the_list_to_reload(
    client, owner, world
):
    client.force_login(owner)
    body = {"applications": [world["application"].pk], "status": "interviewing"}
    response = client.post(bulk_url(world["job"]), body, **HTMX)
    assert response.status_code == 200
    assert response["HX-Trigger"] == "applicants-changed"
    assert "1 moved, 0 not moved" in response.text
    assert "<html" not in response.text and "Back to the applicants" not in response.text
    world["application"].refresh_from_db()
    assert world["application"].status == S.INTERVIEWING


def test_the_list_reloads_from_its_own_address_with_its_filters(client, owner, world):
    client.force_login(owner)
    url = reverse("employer_applicants", args=[world["job"].pk]) + "?status=submitted"
    fragment = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="applicant-list").text
    assert fragment.lstrip().startswith("<section")
    assert f'hx-get="/employer/jobs/{world["job"].pk}/applicants/?status=submitted"' in fragment
    assert 'hx-trigger="applicants-changed from:body"' in fragment


def test_with_htmx_a_rejection_form_comes_as_a_fragment_and_nothing_moves(client, owner, world):
    client.force_login(owner)
    body = {"applications": [world["application"].pk], "status": "rejected"}
    response = client.post(bulk_url(world["job"]), body, **HTMX)
    assert "Reject 1 applicant" in response.text
    assert 'hx-target="#bulk-panel"' in response.text  # its own post stays in the panel
    assert "<html" not in response.text and "HX-Trigger" not in response
    world["application"].refresh_from_db()
    assert world["application"].status == S.SUBMITTED


def test_with_htmx_nothing_selected_is_said_in_the_panel(client, owner, world):
    client.force_login(owner)
    response = client.post(bulk_url(world["job"]), {"status": "reviewing"}, **HTMX)
    assert response.status_code == 200
    assert '<div class="alert alert-danger" role="alert">Select at least one applicant.</div>' in (
        response.text
    )
    assert "HX-Trigger" not in response
