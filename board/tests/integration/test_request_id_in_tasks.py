"""A task enqueued during a request logs, on a real worker, under that request's id."""

import json

import pytest
from django.urls import reverse

from board.tests import resume_files
from board.tests.factories import EmployerFactory, JobFactory, MembershipFactory, SeekerFactory

pytestmark = pytest.mark.integration

REQUEST_ID = "trace-4f2c9e1d-apply"


def worker_lines(worker):
    lines = []
    for line in worker.log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_the_worker_logs_the_task_under_the_request_id(
    client, celery_worker, wait_for, monkeypatch
):
    monkeypatch.setenv("LOG_FORMAT", "json")  # the worker's logs, as in production
    worker = celery_worker()
    job = JobFactory()
    MembershipFactory(company=job.company, user=EmployerFactory())
    client.force_login(SeekerFactory())
    response = client.post(
        reverse("apply_to_job", args=[job.pk]),
        {"resume": resume_files.good_pdf()},
        headers={"X-Request-ID": REQUEST_ID},
    )
    assert response.status_code == 302
    assert response["X-Request-ID"] == REQUEST_ID

    def task_lines():
        return [
            line
            for line in worker_lines(worker)
            if line["request_id"] == REQUEST_ID and line["logger"].startswith("celery.app.trace")
        ]

    lines = wait_for(task_lines, "the task's log line with the request id", worker=worker)
    assert "deliver_notification" in lines[0]["message"]
    # Lines outside any task (the worker starting) have none.
    assert any(line["request_id"] == "-" for line in worker_lines(worker))
