"""A listing's end date, reopening a closed job, and "(copy)" on duplicates:
the form's checks, the domain's rules, and the site, REST and GraphQL with the
role matrix (owner, recruiter, other company, seeker, anonymous)."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from board.companies.models import Membership
from board.jobs import workflow
from board.jobs.forms import JobForm, ReopenForm
from board.jobs.models import LISTING_DAYS, Job, ModerationLogEntry, copy_title, end_of_day
from board.jobs.structured_data import job_posting
from board.moderation.decisions import close_job as moderator_close
from board.tests.factories import (
    CategoryFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)
from board.tests.jobs.places import make_places
from board.tests.jobs.test_employer_jobs import job_data

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def places(db):
    return make_places()


def today():
    return timezone.localdate()


@pytest.fixture
def category():
    return CategoryFactory()


@pytest.fixture
def recruiter(company):
    return MembershipFactory(company=company, role=Membership.Role.RECRUITER).user


# The form


class TestEndDateInTheForm:
    def form(self, category, value):
        return JobForm(job_data(category, ends_on=value))

    def test_empty_is_the_default_period(self, category):
        form = self.form(category, "")
        assert form.is_valid(), form.errors
        assert form.cleaned_data["ends_on"] is None

    @pytest.mark.parametrize("days", [0, 1, 60])
    def test_today_to_the_longest_period(self, category, days):
        day = today() + timedelta(days=days)
        form = self.form(category, day.isoformat())
        assert form.is_valid(), form.errors
        assert form.cleaned_data["ends_on"] == day

    def test_the_past_is_refused(self, category):
        form = self.form(category, (today() - timedelta(days=1)).isoformat())
        assert form.errors["ends_on"] == ["The closing date cannot be in the past."]

    @pytest.mark.parametrize("days", [61, 365 * 50])
    def test_beyond_the_longest_period_is_refused(self, category, days):
        form = self.form(category, (today() + timedelta(days=days)).isoformat())
        [message] = form.errors["ends_on"]
        assert message.startswith("A listing runs for at most 60 days: choose ")

    def test_the_longest_period_is_a_setting(self, category, settings):
        settings.JOB_MAX_LISTING_DAYS = 10
        assert not self.form(category, (today() + timedelta(days=11)).isoformat()).is_valid()
        assert self.form(category, (today() + timedelta(days=10)).isoformat()).is_valid()

    @pytest.mark.parametrize(
        "garbage",
        ["tomorrow", "2026-02-30", "99999-01-01", "9" * 500, "2026-01-01\x00", "'; DROP", "1e9"],
    )
    def test_garbage_gets_a_clear_message(self, category, garbage):
        form = self.form(category, garbage)
        assert form.errors["ends_on"] == ["Enter the closing date as a date, like 2031-03-31."]

    def test_a_date_the_job_already_has_is_kept_even_if_past(self, category, company):
        job = JobFactory(company=company, pending=True, category=category)
        Job.objects.filter(pk=job.pk).update(ends_on=date(2020, 1, 1))
        job.refresh_from_db()
        data = {**job_data(category), "ends_on": "2020-01-01"}
        assert JobForm(data, instance=job).is_valid()

    def test_the_picker_is_limited(self):
        widget = JobForm().fields["ends_on"].widget
        attrs = widget.attrs
        assert widget.input_type == "date"
        assert attrs["min"] == today().isoformat()
        assert attrs["max"] == (today() + timedelta(days=60)).isoformat()


# The domain


class TestListingEnd:
    def test_publish_uses_the_end_date(self, company, employer):
        company.verified = True
        company.save()
        job = JobFactory(company=company, draft=True, ends_on=today() + timedelta(days=10))
        workflow.submit_job(job, employer)
        job.refresh_from_db()
        assert job.expires_at == end_of_day(today() + timedelta(days=10))
        assert job.is_visible
        assert job_posting(job)["validThrough"] == job.expires_at.isoformat()

    def test_no_end_date_is_the_default_period(self):
        job = JobFactory(draft=True)
        now = timezone.now()
        job.publish(now)
        assert job.expires_at == now + timedelta(days=LISTING_DAYS)

    def test_a_date_passed_in_review_gets_the_default_period(self):
        job = JobFactory(pending=True, ends_on=date(2020, 1, 1))
        now = timezone.now()
        job.approve(now)
        assert job.expires_at == now + timedelta(days=LISTING_DAYS)

    def test_never_beyond_the_longest_period(self, settings):
        settings.JOB_MAX_LISTING_DAYS = 5
        job = JobFactory(draft=True, ends_on=today() + timedelta(days=30))
        now = timezone.now()
        job.publish(now)
        assert job.expires_at == now + timedelta(days=5)

    def test_the_job_closes_itself_at_the_end_of_its_last_day(self):
        from board.jobs.maintenance import expire_jobs

        last_day = today()
        job = JobFactory(ends_on=last_day, expires_at=end_of_day(last_day))
        assert expire_jobs() == 0 and Job.objects.visible().filter(pk=job.pk).exists()
        Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
        assert expire_jobs() == 1
        assert Job.objects.get(pk=job.pk).status == Job.Status.EXPIRED

    def test_editing_the_date_of_a_live_job_moves_its_expiry(self, company, employer, category):
        company.verified = True
        company.save()
        job = JobFactory(company=company, category=category)
        day = today() + timedelta(days=7)
        form = JobForm({**job_data(category), "ends_on": day.isoformat()}, instance=job)
        assert form.is_valid(), form.errors
        workflow.edit_job(job, form, employer)
        job.refresh_from_db()
        assert (job.ends_on, job.expires_at) == (day, end_of_day(day))

    def test_an_unverified_company_moves_its_date_without_review(self, company, employer, category):
        form = JobForm(job_data(category))
        assert form.is_valid(), form.errors
        job = workflow.post_job(form, company, employer)
        job.publish()
        day = today() + timedelta(days=3)
        form = JobForm({**job_data(category), "ends_on": day.isoformat()}, instance=job)
        assert form.is_valid(), form.errors
        assert workflow.edit_job(job, form, employer) is False
        job.refresh_from_db()
        assert (job.status, job.expires_at) == (Job.Status.PUBLISHED, end_of_day(day))

    def test_renew_goes_to_a_later_end_date_then_spends_it(self, company, employer):
        now = timezone.now()
        day = today() + timedelta(days=20)
        job = JobFactory(company=company, ends_on=day, expires_at=now + timedelta(days=2))
        workflow.renew_job(job, employer)
        job.refresh_from_db()
        assert job.expires_at == end_of_day(day) and job.ends_on == day
        workflow.renew_job(job, employer)
        job.refresh_from_db()
        assert job.ends_on is None
        assert job.expires_at == end_of_day(day) + timedelta(days=LISTING_DAYS)

    def test_renew_at_the_longest_period_is_refused(self, company, employer, settings):
        settings.JOB_MAX_LISTING_DAYS = 30
        job = JobFactory(company=company, expires_at=timezone.now() + timedelta(days=30, hours=1))
        with pytest.raises(workflow.JobRefused, match="longest period allowed"):
            workflow.renew_job(job, employer)


class TestReopen:
    def test_a_verified_company_job_is_live_again(self, company, recruiter):
        company.verified = True
        company.save()
        job = JobFactory(company=company, status=Job.Status.CLOSED)
        workflow.reopen_job(job, recruiter, today() + timedelta(days=14))
        job.refresh_from_db()
        assert job.status == Job.Status.PUBLISHED and job.is_visible
        assert job.expires_at == end_of_day(today() + timedelta(days=14))
        assert job.moderation_log.get().action == ModerationLogEntry.Action.REOPENED

    def test_an_unverified_company_job_goes_back_to_review(self, company, employer):
        job = JobFactory(company=company, status=Job.Status.CLOSED)
        workflow.reopen_job(job, employer)
        job.refresh_from_db()
        assert job.status == Job.Status.PENDING and not job.is_visible
        job.approve()
        assert job.expires_at > timezone.now() + timedelta(days=LISTING_DAYS - 1)

    def test_a_job_closed_by_a_moderator_stays_closed(self, company, employer):
        job = JobFactory(company=company)
        moderator_close(job, StaffFactory(), reason="Scam")
        with pytest.raises(workflow.JobRefused, match="closed by a moderator"):
            workflow.reopen_job(job, employer)
        assert Job.objects.get(pk=job.pk).status == Job.Status.CLOSED

    @pytest.mark.parametrize("status", ["draft", "pending", "published", "rejected", "expired"])
    def test_only_closed_jobs(self, company, employer, status):
        job = JobFactory(company=company, status=status)
        with pytest.raises(workflow.JobRefused, match="Only closed jobs can be reopened"):
            workflow.reopen_job(job, employer)

    def test_not_a_member(self, company, other_employer):
        job = JobFactory(company=company, status=Job.Status.CLOSED)
        with pytest.raises(workflow.JobRefused, match="Only members"):
            workflow.reopen_job(job, other_employer)

    def test_the_form_checks_the_date(self):
        assert not ReopenForm({"ends_on": "1999-01-01"}).is_valid()
        assert not ReopenForm({"ends_on": "garbage"}).is_valid()
        assert ReopenForm({"ends_on": ""}).is_valid()


class TestCopy:
    def test_duplicates_say_copy_once_and_fit(self, company, employer):
        job = JobFactory(company=company, title="Engineer")
        copy = workflow.duplicate_job(job, employer)
        assert copy.title == "Engineer (copy)"
        assert workflow.duplicate_job(copy, employer).title == "Engineer (copy)"
        long = copy_title("x" * 150)
        assert len(long) == 150 and long.endswith(" (copy)")


# The site: the role matrix of the reopen page


ROLES = ["owner", "recruiter", "other_company", "seeker", "anonymous"]


@pytest.fixture
def users(employer, recruiter, other_employer):
    return {
        "owner": employer,
        "recruiter": recruiter,
        "other_company": other_employer,
        "seeker": SeekerFactory(),
        "anonymous": None,
    }


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", ROLES)
def test_reopen_on_the_site(company, users, role):
    company.verified = True
    company.save()
    job = JobFactory(company=company, status=Job.Status.CLOSED)
    url = reverse("employer_job_reopen", args=[job.pk])
    day = today() + timedelta(days=9)
    response = _client(users[role]).post(url, {"ends_on": day.isoformat()})
    job.refresh_from_db()
    if role in ("owner", "recruiter"):
        assert response.status_code == 302
        assert job.status == Job.Status.PUBLISHED and job.ends_on == day
        return
    assert job.status == Job.Status.CLOSED
    expected = {"other_company": 404, "seeker": 403, "anonymous": 302}[role]
    assert response.status_code == expected
    if role == "anonymous":
        assert "/accounts/login/" in response["Location"]


def test_reopen_page_shows_the_date_and_refuses_bad_dates(client, company, employer):
    job = JobFactory(company=company, status=Job.Status.CLOSED)
    client.force_login(employer)
    url = reverse("employer_job_reopen", args=[job.pk])
    assert 'type="date"' in client.get(url).content.decode()
    response = client.post(url, {"ends_on": "2001-01-01"})
    assert response.status_code == 200
    assert "The closing date cannot be in the past." in response.content.decode()
    assert Job.objects.get(pk=job.pk).status == Job.Status.CLOSED


def test_the_dashboard_offers_reopen_for_closed_jobs(client, company, employer):
    closed = JobFactory(company=company, status=Job.Status.CLOSED)
    live = JobFactory(company=company)
    client.force_login(employer)
    html = client.get(reverse("employer_dashboard")).content.decode()
    assert reverse("employer_job_reopen", args=[closed.pk]) in html
    assert reverse("employer_job_reopen", args=[live.pk]) not in html


def test_the_site_form_saves_the_end_date(client, company, employer, category):
    client.force_login(employer)
    day = today() + timedelta(days=21)
    response = client.post(
        reverse("employer_job_create"), job_data(category, ends_on=day.isoformat())
    )
    assert response.status_code == 302
    assert Job.objects.get().ends_on == day


# REST


@pytest.mark.parametrize("role", ROLES)
def test_reopen_through_rest(company, users, role):
    job = JobFactory(company=company, status=Job.Status.CLOSED)
    day = today() + timedelta(days=5)
    response = _client(users[role]).post(
        reverse("api_reopen", args=[job.pk]), {"ends_on": day.isoformat()}, "application/json"
    )
    job.refresh_from_db()
    if role in ("owner", "recruiter"):
        assert response.status_code == 200, response.content
        assert response.json()["status"] == "pending" and response.json()["ends_on"] == str(day)
        return
    assert job.status == Job.Status.CLOSED
    assert response.status_code == {"other_company": 404, "seeker": 403, "anonymous": 401}[role]


def test_rest_reopen_refusals(client, company, employer):
    client.force_login(employer)
    live = JobFactory(company=company)
    url = reverse("api_reopen", args=[live.pk])
    response = client.post(url, {}, "application/json")
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Only closed jobs can be reopened")
    closed = JobFactory(company=company, status=Job.Status.CLOSED)
    url = reverse("api_reopen", args=[closed.pk])
    for bad in ["2001-01-01", ["x"], 12, {"a": 1}]:
        response = client.post(url, {"ends_on": bad}, "application/json")
        assert response.status_code == 400 and "ends_on" in response.json()


def test_rest_create_and_edit_take_the_end_date(client, company, employer, category):
    client.force_login(employer)
    day = today() + timedelta(days=12)
    body = {**job_data(category), "category": category.slug, "ends_on": day.isoformat()}
    response = client.post(reverse("api_employer_jobs"), body, "application/json")
    assert response.status_code == 201, response.content
    assert response.json()["ends_on"] == day.isoformat()
    url = reverse("api_employer_job", args=[response.json()["id"]])
    for bad, message in [("1999-12-31", "past"), ("2999-01-01", "at most"), ([1], "a date")]:
        answer = client.patch(url, {"ends_on": bad}, "application/json")
        assert answer.status_code == 400 and message in answer.json()["ends_on"][0]
    response = client.patch(url, {"ends_on": None}, "application/json")
    assert response.status_code == 200 and response.json()["ends_on"] is None


# GraphQL

REOPEN = """mutation($id: ID!, $day: Date) { reopenJob(id: $id, endsOn: $day) {
  databaseId status endsOn } }"""
CREATE = """mutation($input: JobInput!) { createJob(input: $input) { databaseId status endsOn } }"""
UPDATE = """mutation($id: ID!, $input: JobInput!) { updateJob(id: $id, input: $input) {
  databaseId endsOn } }"""


def _gql(user, query, variables):
    response = _client(user).post(
        "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
    )
    return response.json()


@pytest.mark.parametrize("role", ROLES)
def test_reopen_through_graphql(company, users, role):
    job = JobFactory(company=company, status=Job.Status.CLOSED)
    day = today() + timedelta(days=3)
    answer = _gql(users[role], REOPEN, {"id": str(job.pk), "day": day.isoformat()})
    job.refresh_from_db()
    if role in ("owner", "recruiter"):
        assert answer["data"]["reopenJob"] == {
            "databaseId": job.pk, "status": "PENDING", "endsOn": day.isoformat()
        }  # fmt: skip
        return
    assert job.status == Job.Status.CLOSED
    [error] = answer["errors"]
    if role == "anonymous":
        assert "not authenticated" in error["message"].lower()
    else:
        code = {"other_company": "NOT_FOUND", "seeker": "FORBIDDEN"}[role]
        assert error["extensions"]["code"] == code


def test_graphql_create_and_update_take_the_end_date(company, employer, category):
    day = today() + timedelta(days=8)
    description = job_data(category)["description"]
    data = {"title": "Data Engineer", "category": category.slug, "workplace": "remote",
            "description": description, "endsOn": day.isoformat()}  # fmt: skip
    answer = _gql(employer, CREATE, {"input": data})
    created = answer["data"]["createJob"]
    assert created["status"] == "DRAFT" and created["endsOn"] == day.isoformat()
    past = {"endsOn": "2000-01-01"}
    answer = _gql(employer, UPDATE, {"id": str(created["databaseId"]), "input": past})
    [error] = answer["errors"]
    assert error["extensions"]["fields"]["ends_on"] == ["The closing date cannot be in the past."]
    answer = _gql(employer, UPDATE, {"id": str(created["databaseId"]), "input": {"endsOn": None}})
    assert answer["data"]["updateJob"]["endsOn"] is None


def test_graphql_refuses_other_companies_and_seekers(company, other_employer, category):
    job = JobFactory(company=company, draft=True)
    answer = _gql(other_employer, UPDATE, {"id": str(job.pk), "input": {"title": "Mine now"}})
    assert answer["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    answer = _gql(SeekerFactory(), CREATE, {"input": {"title": "x"}})
    assert answer["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert Job.objects.get(pk=job.pk).title != "Mine now"
