"""Applying, my applications, withdrawing, saved jobs: the site's rules through the API."""

from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings

from board.applications.models import Application, ApplicationNote, SavedJob
from board.jobs.models import Job
from board.notifications.models import Notification
from board.tests.api.conftest import bearer
from board.tests.factories import (
    ApplicationFactory,
    ApplicationNoteFactory,
    JobFactory,
    SeekerFactory,
    SeekerProfileFactory,
)
from board.tests.resume_files import DISGUISED, disguised, good_docx, good_pdf

pytestmark = pytest.mark.django_db


def apply_url(job):
    return f"/api/v1/jobs/{job.pk}/apply/"


def _stored_files():
    root = Path(settings.MEDIA_ROOT) / "resumes"
    return list(root.iterdir()) if root.exists() else []


def test_apply_with_a_pdf(seeker_a, job_a, django_capture_on_commit_callbacks):
    client = bearer(seeker_a)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            apply_url(job_a),
            {"resume": good_pdf(), "cover_letter": "Hello"},
            format="multipart",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "submitted"
    assert body["job"]["id"] == job_a.pk
    application = Application.objects.get(pk=body["id"])
    assert application.resume.name.endswith(".pdf")
    assert "final" not in application.resume.name  # the uploader's file name is dropped
    # The company is told, like on the site.
    assert Notification.objects.filter(
        kind=Notification.Kind.NEW_APPLICATION, object_id=application.pk
    ).exists()


def test_apply_with_a_docx(seeker_a, job_a):
    response = bearer(seeker_a).post(apply_url(job_a), {"resume": good_docx()}, format="multipart")
    assert response.status_code == 201


def test_apply_with_the_profile_resume(seeker_a, job_a):
    SeekerProfileFactory(user=seeker_a)
    response = bearer(seeker_a).post(apply_url(job_a), {"use_profile_resume": True})
    assert response.status_code == 201, response.content


def test_profile_resume_needs_a_profile(seeker_a, job_a):
    response = bearer(seeker_a).post(apply_url(job_a), {"use_profile_resume": True})
    assert response.status_code == 400
    assert "use_profile_resume" in response.json()


def test_no_resume_is_a_field_error(seeker_a, job_a):
    response = bearer(seeker_a).post(apply_url(job_a), {"cover_letter": "hi"})
    assert response.status_code == 400
    assert response.json() == {"resume": ["Attach your résumé."]}


@pytest.mark.parametrize("kind", sorted(DISGUISED))
def test_disguised_files_rejected_and_nothing_stored(seeker_a, job_a, kind):
    response = bearer(seeker_a).post(
        apply_url(job_a), {"resume": disguised(kind)}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["resume"]
    assert not Application.objects.exists()
    assert _stored_files() == []


def test_two_files_rejected(seeker_a, job_a):
    response = bearer(seeker_a).post(
        apply_url(job_a), {"resume": [good_pdf(), good_pdf()]}, format="multipart"
    )
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_double_apply_is_409(seeker_a, job_a):
    client = bearer(seeker_a)
    assert (
        client.post(apply_url(job_a), {"resume": good_pdf()}, format="multipart").status_code == 201
    )
    again = client.post(apply_url(job_a), {"resume": good_pdf()}, format="multipart")
    assert again.status_code == 409
    assert again.json() == {"detail": "You already applied to this job."}
    assert Application.objects.count() == 1
    assert len(_stored_files()) == 1


def test_race_on_the_constraint_is_409_and_leaves_no_file(seeker_a, job_a, monkeypatch):
    # Both requests passed the check; the second insert hits the unique constraint.
    from board.api import views_seeker

    ApplicationFactory(job=job_a, applicant=seeker_a)
    monkeypatch.setattr(views_seeker, "application_of", lambda user, job: None)
    response = bearer(seeker_a).post(apply_url(job_a), {"resume": good_pdf()}, format="multipart")
    assert response.status_code == 409
    assert len(_stored_files()) == 1  # the factory's own file only


@pytest.mark.parametrize(
    "job_kwargs,code",
    [
        ({"status": Job.Status.CLOSED}, 409),
        ({"status": Job.Status.EXPIRED}, 409),
        ({"apply_url": "https://example.com/apply"}, 409),
        ({"draft": True}, 404),
        ({"pending": True}, 404),
    ],
)
def test_refused_jobs(seeker_a, job_kwargs, code):
    job = JobFactory(**job_kwargs)
    response = bearer(seeker_a).post(apply_url(job), {"resume": good_pdf()}, format="multipart")
    assert response.status_code == code
    assert not Application.objects.exists()


def test_unverified_seeker_refused(job_a):
    # A token from before the address became unverified (or a session) still gets no further.
    user = SeekerFactory(verified=False)
    response = bearer(user).post(apply_url(job_a), {"resume": good_pdf()}, format="multipart")
    assert response.status_code == 403
    assert "verify" in response.json()["detail"]


@pytest.mark.parametrize("who", ["employer_a", "staff"])
def test_non_seekers_refused(request, job_a, who):
    user = request.getfixturevalue(who)
    response = bearer(user).post(apply_url(job_a), {"resume": good_pdf()}, format="multipart")
    assert response.status_code == 403


def test_my_applications_show_the_timeline_never_notes(seeker_a, seeker_b, job_a, employer_a):
    mine = ApplicationFactory(job=job_a, applicant=seeker_a)
    ApplicationFactory(job=JobFactory(), applicant=seeker_b)
    mine.move_to(Application.Status.REVIEWING, by=employer_a)
    ApplicationNoteFactory(application=mine, body="Secret opinion")
    body = bearer(seeker_a).get("/api/v1/me/applications/")
    assert body.status_code == 200
    results = body.json()["results"]
    assert [a["id"] for a in results] == [mine.pk]
    assert results[0]["events"][0]["to_status"] == "reviewing"
    assert "Secret opinion" not in body.content.decode()
    assert "notes" not in results[0]
    assert ApplicationNote.objects.count() == 1


def test_withdraw(seeker_a, seeker_b, job_a):
    mine = ApplicationFactory(job=job_a, applicant=seeker_a)
    url = f"/api/v1/me/applications/{mine.pk}/withdraw/"
    assert bearer(seeker_b).post(url).status_code == 404  # someone else's: as if missing
    response = bearer(seeker_a).post(url)
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    again = bearer(seeker_a).post(url)
    assert again.status_code == 409
    assert "detail" in again.json()


def test_applying_again_after_withdrawing_makes_a_new_application(seeker_a, job_a):
    client = bearer(seeker_a)
    first = client.post(apply_url(job_a), {"resume": good_pdf()}, format="multipart").json()
    withdrawn = client.post(f"/api/v1/me/applications/{first['id']}/withdraw/")
    assert withdrawn.json()["status"] == "withdrawn"
    again = client.post(apply_url(job_a), {"resume": good_pdf()}, format="multipart")
    assert again.status_code == 201, again.content
    assert again.json()["id"] != first["id"]
    assert again.json()["status"] == "submitted"
    listed = client.get("/api/v1/me/applications/").json()["results"]
    assert [(a["id"], a["status"]) for a in listed] == [
        (again.json()["id"], "submitted"),
        (first["id"], "withdrawn"),
    ]
    # The withdrawn one never changes again.
    assert client.post(f"/api/v1/me/applications/{first['id']}/withdraw/").status_code == 409
    assert Application.objects.get(pk=first["id"]).status == "withdrawn"


def test_a_second_active_application_is_refused(seeker_a, job_a):
    ApplicationFactory(job=job_a, applicant=seeker_a).withdraw()
    ApplicationFactory(job=job_a, applicant=seeker_a, status="rejected")
    response = bearer(seeker_a).post(apply_url(job_a), {"resume": good_pdf()}, format="multipart")
    assert response.status_code == 409
    assert response.json() == {"detail": "You already applied to this job."}
    assert Application.objects.active().count() == 1


def test_losing_the_race_is_the_same_refusal(seeker_a, job_a):
    # Another request inserted between this one's check and its insert: the
    # database constraint refuses the row, and the client hears why.
    ApplicationFactory(job=job_a, applicant=seeker_a).withdraw()
    winner = ApplicationFactory(job=job_a, applicant=seeker_a)
    with mock.patch("board.api.views_seeker.apply_state", return_value="open"):
        response = bearer(seeker_a).post(
            apply_url(job_a), {"resume": good_pdf()}, format="multipart"
        )
    assert response.status_code == 409
    assert response.json() == {"detail": "You already applied to this job."}
    assert list(Application.objects.active()) == [winner]


def test_saved_jobs(seeker_a, seeker_b, job_a):
    client = bearer(seeker_a)
    assert client.post("/api/v1/me/saved/", {"job": job_a.pk}).status_code == 201
    assert client.post("/api/v1/me/saved/", {"job": job_a.pk}).status_code == 200
    listed = client.get("/api/v1/me/saved/").json()["results"]
    assert [s["job"]["id"] for s in listed] == [job_a.pk]
    assert bearer(seeker_b).get("/api/v1/me/saved/").json()["results"] == []
    assert bearer(seeker_b).delete(f"/api/v1/me/saved/{job_a.pk}/").status_code == 404
    assert client.delete(f"/api/v1/me/saved/{job_a.pk}/").status_code == 204
    assert not SavedJob.objects.exists()


def test_cannot_save_hidden_jobs(seeker_a):
    draft = JobFactory(draft=True)
    assert bearer(seeker_a).post("/api/v1/me/saved/", {"job": draft.pk}).status_code == 404
    assert bearer(seeker_a).post("/api/v1/me/saved/", {"job": "x"}).status_code == 400
