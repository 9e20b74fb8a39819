"""CSV exports of applicants: who may download, what the file holds, formulas
neutralised, streamed, and every export logged without personal data."""

import csv
import io
import logging

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from board.applications import exports, ratings
from board.applications.models import ExportLogEntry
from board.tests.factories import (
    ApplicationFactory,
    JobFactory,
    MembershipFactory,
    SeekerFactory,
    StaffFactory,
)
from board.tests.screening_factories import QuestionFactory, answer, applicant_answering

pytestmark = pytest.mark.django_db

HOSTILE = [
    '=HYPERLINK("http://evil","x")',
    "@SUM(1)",
    "-2+3",
    "+1",
    "\t=1",
    "\r=1",
]


@pytest.fixture
def job(company):
    return JobFactory(company=company, title="Backend Engineer", slug="backend-engineer")


@pytest.fixture
def application(job):
    seeker = SeekerFactory(first_name="Ada", last_name="Lovelace", email="ada@example.com")
    return ApplicationFactory(job=job, applicant=seeker)


def job_url(job):
    return reverse("employer_export_job", args=[job.pk])


COMPANY_URL = "/employer/applicants.csv"


def read(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


class TestWhoMayDownload:
    @pytest.mark.parametrize("role", ["owner", "recruiter"])
    def test_members_get_the_file(self, client, company, job, application, role):
        client.force_login(MembershipFactory(company=company, role=role).user)
        for url in (job_url(job), COMPANY_URL):
            response = client.get(url)
            assert response.status_code == 200
            assert response["Content-Type"] == "text/csv; charset=utf-8"
            assert "no-store" in response["Cache-Control"]
            assert response["Content-Disposition"].startswith("attachment; ")

    @pytest.mark.parametrize("who", ["other company", "applicant", "seeker", "staff"])
    def test_everyone_else_gets_the_404_of_a_missing_job(self, client, job, application, who):
        user = {
            "other company": lambda: MembershipFactory().user,
            "applicant": lambda: application.applicant,
            "seeker": SeekerFactory,
            "staff": StaffFactory,
        }[who]()
        client.force_login(user)
        assert client.get(job_url(job)).status_code == 404
        assert client.get(reverse("employer_export_job", args=[98765])).status_code == 404
        if who == "other company":  # their own company's export holds none of ours
            assert application.applicant.email not in "".join(
                map(str, read(client.get(COMPANY_URL)))
            )
        else:
            assert client.get(COMPANY_URL).status_code == 404
        assert not ExportLogEntry.objects.filter(company=job.company).exists()

    def test_anonymous_visitors_go_to_login(self, client, job):
        for url in (job_url(job), COMPANY_URL):
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
        assert not ExportLogEntry.objects.exists()

    @pytest.mark.parametrize("method", ["head", "post", "put", "delete"])
    def test_only_get(self, client, employer, job, method):
        client.force_login(employer)
        assert getattr(client, method)(job_url(job)).status_code == 405
        assert getattr(client, method)(COMPANY_URL).status_code == 405
        assert not ExportLogEntry.objects.exists()


class TestTheFile:
    def test_columns_and_values(self, client, employer, company, job, application):
        other = MembershipFactory(company=company, role="recruiter").user
        ratings.rate_application(application, employer, 5)
        ratings.rate_application(application, other, 2)
        application.move_to("reviewing", by=employer)
        client.force_login(employer)
        header, row = read(client.get(job_url(job)))
        assert header == [
            "Application id", "Job", "Applicant name", "Applicant e-mail", "Status",
            "Applied at", "Last change", "Average rating",
        ]  # fmt: skip
        application.refresh_from_db()
        assert row == [
            str(application.pk),
            "Backend Engineer",
            "Ada Lovelace",
            "ada@example.com",
            "Reviewing",
            timezone.localtime(application.created).isoformat(timespec="seconds"),
            timezone.localtime(application.updated).isoformat(timespec="seconds"),
            "3.50",
        ]

    def test_the_filename_has_the_job_slug_and_the_date(self, client, employer, job):
        client.force_login(employer)
        today = timezone.localdate().isoformat()
        disposition = client.get(job_url(job))["Content-Disposition"]
        assert disposition == f'attachment; filename="applicants-backend-engineer-{today}.csv"'
        disposition = client.get(COMPANY_URL)["Content-Disposition"]
        assert disposition == f'attachment; filename="applicants-{job.company.slug}-{today}.csv"'

    def test_a_job_export_holds_that_job_and_the_company_export_all_jobs(
        self, client, employer, company, job, application
    ):
        second = ApplicationFactory(job=JobFactory(company=company))
        stranger = ApplicationFactory()  # another company's
        client.force_login(employer)
        in_job = [row[0] for row in read(client.get(job_url(job)))[1:]]
        in_company = [row[0] for row in read(client.get(COMPANY_URL))[1:]]
        assert in_job == [str(application.pk)]
        assert in_company == [str(application.pk), str(second.pk)]
        assert str(stranger.pk) not in in_company

    @pytest.mark.parametrize("hostile", HOSTILE)
    def test_formulas_are_neutralised(self, client, employer, job, hostile):
        seeker = SeekerFactory(first_name=hostile, last_name="", email="x@example.com")
        ApplicationFactory(job=job, applicant=seeker, cover_letter=hostile)
        JobFactory._meta.model.objects.filter(pk=job.pk).update(title=hostile)
        client.force_login(employer)
        row = read(client.get(job_url(job)))[1]
        assert row[1] == "'" + hostile  # the job's title
        # The applicant's name (get_full_name() strips a leading tab; still neutralised).
        assert row[2] == "'" + hostile.lstrip()
        for cell in row:
            assert not cell.startswith(exports.FORMULA_STARTS)

    @pytest.mark.parametrize(
        "value,expected",
        [("=1", "'=1"), ("@x", "'@x"), ("-2+3", "'-2+3"), ("+1", "'+1"), ("\t=1", "'\t=1"),
         ("\r=1", "'\r=1"), ("Ada", "Ada"), ("a=1", "a=1"), ("", ""), (None, "")],
    )  # fmt: skip
    def test_neutralise(self, value, expected):
        assert exports.neutralise(value) == expected

    def test_a_job_without_screening_questions_has_no_screening_columns(self, job):
        assert exports.screening_columns(job) == []

    def test_a_job_export_has_a_column_per_screening_question(self, client, employer, job):
        eu = QuestionFactory(job=job)  # "no" knocks out
        office = QuestionFactory(
            job=job,
            text="Which office?",
            kind="choice",
            options="Berlin\nLisbon",
            knockout_answer="",
        )
        yes = applicant_answering(eu, "yes")
        answer(yes, office, "Lisbon")
        no = applicant_answering(eu, "no")
        client.force_login(employer)
        header, *rows = read(client.get(job_url(job)))
        assert header[-3:] == [eu.text, "Which office?", "Knocked out"]
        assert {row[0]: row[-3:] for row in rows} == {
            str(yes.pk): ["Yes", "Lisbon", "no"],
            str(no.pk): ["No", "", "yes"],
        }

    def test_a_company_export_lists_the_answers_as_asked(self, client, employer, company, job):
        eu = QuestionFactory(job=job, text="=Right to work?")  # hostile text, neutralised
        application = applicant_answering(eu, "no")
        eu.text = "Reworded later"
        eu.save()
        client.force_login(employer)
        header, row = read(client.get(COMPANY_URL))
        assert header[-2:] == ["Screening answers", "Knocked out"]
        assert row[0] == str(application.pk)
        assert row[-2:] == ["'=Right to work?: No", "yes"]

    def test_answers_cost_one_query_per_chunk(self, employer, job, monkeypatch):
        eu = QuestionFactory(job=job)
        for _ in range(5):
            applicant_answering(eu, "yes")
        monkeypatch.setattr(exports, "CHUNK_SIZE", 10)
        applications = exports.applicants_of(job.company, job)
        columns = exports.screening_columns(job)
        with CaptureQueriesContext(connection) as reading:
            lines = list(exports.csv_lines(applications, columns))
        assert len(lines) == 6 and all(line.rstrip().endswith("Yes,no") for line in lines[1:])
        assert len(reading) == 2  # the applications, then their answers


class TestStreaming:
    def test_rows_come_from_a_chunked_iterator_not_a_list(self, client, employer, job, monkeypatch):
        ApplicationFactory.create_batch(5, job=job)
        monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
        client.force_login(employer)
        response = client.get(job_url(job))
        assert isinstance(response, StreamingHttpResponse)
        # Nothing is read before the body is consumed: the response holds a generator.
        with CaptureQueriesContext(connection) as reading:
            lines = list(response.streaming_content)
        assert len(lines) == 6  # the header and one line per application
        assert len(reading) >= 1

    def test_an_extra_column_hook_is_written_and_neutralised(self, job, application):
        extra = [("Right to work in the EU", lambda a: "=yes")]
        lines = list(exports.csv_lines(exports.applicants_of(job.company, job), extra))
        assert lines[0].rstrip("\r\n").endswith("Right to work in the EU")
        assert lines[1].rstrip("\r\n").endswith("'=yes")


class TestTheLog:
    def test_each_export_is_logged_with_ids_only(self, client, employer, job, application, caplog):
        client.force_login(employer)
        with caplog.at_level(logging.INFO, logger="board.applications.exports"):
            client.get(job_url(job))
            client.get(COMPANY_URL)
        first, second = ExportLogEntry.objects.order_by("id")
        assert (first.company, first.actor, first.job, first.scope) == (
            job.company, employer, job, "job"
        )  # fmt: skip
        assert (second.job, second.scope) == (None, "company")
        logged = caplog.text
        assert f"by user {employer.pk}" in logged
        for personal in (employer.email, application.applicant.email, "Lovelace"):
            assert personal not in logged
            assert personal not in str(first) and personal not in str(second)

    def test_staff_read_the_log_in_the_admin(self, client, employer, job):
        exports.log_export(job.company, employer, job=job)
        client.force_login(StaffFactory())
        response = client.get(reverse("admin:board_exportlogentry_changelist"))
        assert response.status_code == 200
        assert job.company.name in response.content.decode()
