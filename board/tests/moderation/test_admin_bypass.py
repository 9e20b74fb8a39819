"""The admin cannot move a job outside the workflow: no status by form, list or delete.

The workflow's own buttons and actions (board/moderation/admin_workflow.py) are
the only way: they log who acted and e-mail the poster.
"""

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from board.jobs.models import Job, ModerationLogEntry, PendingJob
from board.tests.factories import CategoryFactory, JobFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db

WORKFLOW_FIELDS = ("status", "rejection_reason", "published_at", "expires_at")


@pytest.fixture
def moderator():
    return StaffFactory()


@pytest.fixture
def admin_client(client, moderator):
    client.force_login(moderator)
    return client


def posted_job(**kwargs):
    member = MembershipFactory()
    return JobFactory(company=member.company, posted_by=member.user, **kwargs)


def workflow_fields(job):
    return Job.objects.values(*WORKFLOW_FIELDS).get(pk=job.pk)


def unchanged_form_data(client, url, job):
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(company=job.company.pk, category=job.category.pk, country="DE")
    data["posted_by"] = job.posted_by_id
    for prefix in ["moderation_log", "reports", "screening_questions"]:
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = 0
    return data


@pytest.mark.parametrize("admin_name", ["job", "pendingjob"])
def test_a_status_posted_to_the_change_form_is_ignored(admin_client, admin_name):
    job = posted_job(pending=True)
    url = reverse(f"admin:board_{admin_name}_change", args=[job.pk])
    before = workflow_fields(job)
    data = unchanged_form_data(admin_client, url, job)
    data.update(title="Edited", status="published", rejection_reason="x")
    data.update(expires_at_0="2099-01-01", expires_at_1="10:00:00")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Job.objects.get(pk=job.pk).title == "Edited"
    assert workflow_fields(job) == before
    assert not ModerationLogEntry.objects.exists()


def test_a_job_added_in_the_admin_is_a_draft_whatever_is_posted(admin_client):
    member, category = MembershipFactory(), CategoryFactory()
    data = {
        "company": member.company.pk,
        "posted_by": member.user.pk,
        "title": "Added",
        "slug": "added",
        "description": "Text",
        "language": "en",
        "category": category.pk,
        "employment_type": "full_time",
        "experience_level": "mid",
        "workplace": "remote",
        "salary_currency": "EUR",
        "salary_period": "year",
        "status": "published",
        "expires_at_0": "2099-01-01",
        "expires_at_1": "10:00:00",
        "moderation_log-TOTAL_FORMS": 0,
        "moderation_log-INITIAL_FORMS": 0,
        "reports-TOTAL_FORMS": 0,
        "reports-INITIAL_FORMS": 0,
        "screening_questions-TOTAL_FORMS": 0,
        "screening_questions-INITIAL_FORMS": 0,
    }
    response = admin_client.post(reverse("admin:board_job_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    job = Job.objects.get(title="Added")
    assert (job.status, job.published_at, job.expires_at) == (Job.Status.DRAFT, None, None)


@pytest.mark.parametrize("model", [Job, PendingJob])
def test_no_list_column_is_editable(model):
    assert not admin.site.get_model_admin(model).list_editable


@pytest.mark.parametrize(
    "status", ["pending", "published", "rejected", "closed", "expired"], ids=str
)
def test_only_a_draft_can_be_deleted_from_its_page(admin_client, status):
    job = posted_job(status=status)
    url = reverse("admin:board_job_delete", args=[job.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Job.objects.filter(pk=job.pk).exists()
    page = admin_client.get(reverse("admin:board_job_change", args=[job.pk])).text
    assert url not in page  # no Delete link to a page that refuses


def test_a_draft_can_be_deleted(admin_client):
    job = posted_job(draft=True)
    url = reverse("admin:board_job_delete", args=[job.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Job.objects.filter(pk=job.pk).exists()


@pytest.mark.parametrize("admin_name", ["job", "pendingjob"])
def test_the_bulk_delete_action_deletes_no_submitted_job(admin_client, admin_name):
    pending, draft = posted_job(pending=True), posted_job(draft=True)
    data = {
        "action": "delete_selected",
        ACTION_CHECKBOX_NAME: [pending.pk, draft.pk],
        "post": "yes",
    }
    response = admin_client.post(reverse(f"admin:board_{admin_name}_changelist"), data)
    assert response.status_code in (200, 403)
    assert Job.objects.filter(pk=pending.pk).exists()
    assert Job.objects.filter(pk=draft.pk).exists()  # all or nothing, as Django's action does


def test_the_workflow_buttons_still_change_the_status_with_a_log(admin_client, moderator):
    job = posted_job(pending=True)
    admin_client.post(reverse("admin:board_job_approve", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED and job.expires_at is not None
    admin_client.post(reverse("admin:board_job_close", args=[job.pk]), {"close-reason": "Spam"})
    assert Job.objects.get(pk=job.pk).status == Job.Status.CLOSED
    assert list(ModerationLogEntry.objects.values_list("action", "moderator")) == [
        ("closed", moderator.pk),
        ("approved", moderator.pk),
    ]
