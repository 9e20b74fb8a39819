"""The employer's pages at the scale issue 16 names: a job with 1,000 applicants and a
company with 500 jobs cost the same number of queries as a handful, with every hiring
tool in use (ratings, screening answers, messages, reasons, analytics)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board.accounts.models import User
from board.analytics.models import JobDailyStats
from board.applications.message_models import ApplicationMessage
from board.applications.models import Application, ApplicationEvent, ApplicationRating
from board.applications.screening import ScreeningAnswer
from board.jobs.models import Job
from board.tests.factories import ApplicationFactory, CategoryFactory, JobFactory
from board.tests.screening_factories import QuestionFactory

pytestmark = pytest.mark.django_db


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


def add_applicants(job, count, rater, question):
    """`count` applications in a few statements, each with what the tools add to a row."""
    start = User.objects.count()
    users = User.objects.bulk_create(
        User(email=f"scale{start + i}@example.com", role=User.Role.SEEKER, password="!")
        for i in range(count)
    )
    applications = Application.objects.bulk_create(
        Application(job=job, applicant=user, resume="resumes/cv.pdf", status=status)
        for user, status in zip(users, ["submitted", "reviewing", "rejected"] * count, strict=False)
    )
    ApplicationRating.objects.bulk_create(
        ApplicationRating(application=a, rater=rater, score=1 + a.pk % 5) for a in applications
    )
    ScreeningAnswer.objects.bulk_create(
        ScreeningAnswer(
            application=a,
            question=question,
            question_text=question.text,
            kind=question.kind,
            answer="yes" if a.pk % 2 else "no",
            knocked_out=not a.pk % 2,
        )
        for a in applications
    )
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(
            application=a,
            from_status="submitted",
            to_status="rejected",
            actor=rater,
            reason="skills",
        )
        for a in applications
    )
    ApplicationMessage.objects.bulk_create(
        ApplicationMessage(application=a, sender=rater, subject="Hello", body="Thanks")
        for a in applications
    )


def test_the_applicants_page_costs_the_same_at_1000_applicants(client, company, employer):
    job = JobFactory(company=company)
    question = QuestionFactory(job=job)
    add_applicants(job, 3, employer, question)
    client.force_login(employer)
    url = reverse("employer_applicants", args=[job.pk])
    filters = {"sort": "rating", "min_rating": "2", "answer": f"{question.pk}:yes"}
    few = queries(client, url), queries(client, url, filters)

    add_applicants(job, 1000, employer, question)
    assert job.applications.count() == 1003
    assert (queries(client, url), queries(client, url, filters)) == few
    assert queries(client, url, {"page": "50"}) == few[0]


def test_the_dashboard_costs_the_same_with_500_jobs(client, company, employer):
    category = CategoryFactory()
    for _ in range(2):
        ApplicationFactory(job=JobFactory(company=company, category=category))
    client.force_login(employer)
    url = reverse("employer_dashboard")
    few = queries(client, url)

    now = timezone.now()
    jobs = Job.objects.bulk_create(
        Job(
            company=company,
            category=category,
            title=f"Job {i}",
            slug=f"job-{i}",
            description="Hiring.",
            company_name=company.name,
            category_name=category.name,
            status=Job.Status.PUBLISHED,
            published_at=now,
            expires_at=now + timedelta(days=30),
        )
        for i in range(500)
    )
    JobDailyStats.objects.bulk_create(
        JobDailyStats(job=job, day=timezone.localdate(), views=10, apply_starts=2) for job in jobs
    )
    assert Job.objects.filter(company=company).count() == 502
    assert queries(client, url) == few
    assert queries(client, url, {"page": "10"}) == few
